package render

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"buildbook/internal/content"
	"buildbook/internal/index"
	"buildbook/internal/paths"
	"buildbook/templates"
)

// browseSite is a site of n case studies tagged in a pattern, with a
// region on every third and a year for every ten.
func browseSite(n int) *Input {
	pillars := &content.Taxonomy{ID: "pillars", Title: "Pillars", Singular: "Pillar", Multiple: true}
	for _, id := range []string{"vision", "curriculum", "partnerships"} {
		pillars.Terms = append(pillars.Terms, &content.Term{ID: id, Title: strings.ToUpper(id[:1]) + id[1:], Taxonomy: pillars})
	}
	phase := &content.Taxonomy{ID: "phase", Title: "Phase", Singular: "Phase"}
	for _, id := range []string{"primary", "secondary"} {
		phase.Terms = append(phase.Terms, &content.Term{ID: id, Title: id, Taxonomy: phase})
	}
	var cs []*content.CaseStudy
	for i := range n {
		c := &content.CaseStudy{
			Slug: fmt.Sprintf("cs-%03d", i), Title: fmt.Sprintf("Case %d", i), School: fmt.Sprintf("%c%s School", 'A'+i%26, []string{"sh", "lm"}[i/26%2]),
			Summary: "Summary.", Date: time.Date(2024-i/10, 12, 28-i%28, 0, 0, 0, 0, time.UTC),
			Terms: [][]*content.Term{{pillars.Terms[i%3]}, {phase.Terms[i%2]}},
		}
		if i%5 == 0 {
			c.Terms[0] = append(c.Terms[0], pillars.Terms[(i+1)%3]) // two pillars, not in vocabulary order
		}
		if i%3 == 0 {
			c.Region = "Kent"
		}
		cs = append(cs, c)
	}
	site := &content.Site{Book: content.Book{Title: "T", BaseURL: "/r/"}, Taxonomies: []*content.Taxonomy{pillars, phase}, CaseStudies: cs}
	return &Input{Site: site, Index: index.Build(site, nil)}
}

// TestBrowseData decodes the list's data files and compares them with the
// case studies they describe.
func TestBrowseData(t *testing.T) {
	in := browseSite(50)
	r, err := New(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, j := range r.listJobs(r.newModels(in)) {
		b, err := j.Make()
		if err != nil {
			t.Fatalf("%s: %v", j.Path, err)
		}
		files[j.Path] = b
	}
	var paths []string
	for p := range files {
		paths = append(paths, p)
	}
	want := []string{"case-studies/index.html", "case-studies/page/2/index.html", "case-studies/page/3/index.html",
		"case-studies/index.json", "case-studies/cards-0.json", "case-studies/cards-1.json", "case-studies/cards-2.json"}
	if diff := cmp.Diff(want, paths, cmpSorted); diff != "" {
		t.Fatalf("files (-want +got):\n%s", diff)
	}

	var x struct {
		Format     int
		Count      int
		Chunk      int
		Taxonomies [][2]string
		Terms      [][3]any
		Facets     map[string]map[string]string
	}
	if err := json.Unmarshal(files["case-studies/index.json"], &x); err != nil {
		t.Fatal(err)
	}
	if x.Format != BrowseFormat || x.Count != 50 || x.Chunk != browseChunk {
		t.Errorf("format %d, count %d, chunk %d", x.Format, x.Count, x.Chunk)
	}
	if diff := cmp.Diff([][2]string{{"pillars", "Pillar"}, {"phase", "Phase"}}, x.Taxonomies); diff != "" {
		t.Errorf("taxonomies (-want +got):\n%s", diff)
	}
	// Every value of every filter lists exactly the case studies that have it.
	has := map[string]func(c *content.CaseStudy) []string{
		"pillars": func(c *content.CaseStudy) []string { return termIDs(c.Terms[0]) },
		"phase":   func(c *content.CaseStudy) []string { return termIDs(c.Terms[1]) },
		"region":  func(c *content.CaseStudy) []string { return []string{c.Region} },
		"year":    func(c *content.CaseStudy) []string { return []string{c.Date.Format("2006")} },
	}
	for key, values := range x.Facets {
		for v, postings := range values {
			var wantDocs []int
			for i, c := range in.Site.CaseStudies {
				for _, h := range has[key](c) {
					if h == v {
						wantDocs = append(wantDocs, i)
					}
				}
			}
			if diff := cmp.Diff(wantDocs, decodeGaps(t, postings)); diff != "" {
				t.Errorf("%s=%s (-want +got):\n%s", key, v, diff)
			}
		}
	}
	if n := len(x.Facets["year"]); n != 5 {
		t.Errorf("%d years, want 5", n)
	}
	if _, ok := x.Facets["region"][""]; ok {
		t.Error(`a region "" for case studies without one`)
	}

	// Cards: in site order, with their terms in the case study's order.
	var rows [][]any
	for k := range 3 {
		var chunk [][]any
		if err := json.Unmarshal(files[fmt.Sprintf("case-studies/cards-%d.json", k)], &chunk); err != nil {
			t.Fatal(err)
		}
		if len(chunk) != min(browseChunk, 50-k*browseChunk) {
			t.Errorf("cards-%d holds %d cards", k, len(chunk))
		}
		rows = append(rows, chunk...)
	}
	got := rows[5]
	wantRow := []any{"cs-005", "Case 5", "Fsh School", "2024-12-23", "", "Summary.", []any{2.0, 0.0, 4.0}}
	if diff := cmp.Diff(wantRow, got); diff != "" {
		t.Errorf("card 5 (-want +got):\n%s", diff)
	}
	for i, term := range []any{2.0, 0.0, 4.0} {
		tm := x.Terms[int(term.(float64))]
		if want := [][3]any{{0.0, "partnerships", "Partnerships"}, {0.0, "vision", "Vision"}, {1.0, "secondary", "secondary"}}[i]; !cmp.Equal(want, tm) {
			t.Errorf("term %v is %v, want %v", term, tm, want)
		}
	}

	// The first page carries the data's version; the others link back.
	first := string(files["case-studies/index.html"])
	var v struct{ version string }
	v.version = r.newModels(in).browseData(r.newModels(in).filterGroups()).version
	for _, s := range []string{`data-v="` + v.version + `"`, `data-total="50"`, `<link rel="next" href="/r/case-studies/page/2/">`, `src="/r/assets/browse.js?v=`, `name="region" value="Kent"`} {
		if !strings.Contains(first, s) {
			t.Errorf("the first page lacks %s", s)
		}
	}
	if n := strings.Count(first, `<article class="card">`); n != ListPageSize {
		t.Errorf("the first page has %d cards, want %d", n, ListPageSize)
	}
	last := string(files["case-studies/page/3/index.html"])
	for _, s := range []string{`<link rel="prev" href="/r/case-studies/page/2/">`, "Case studies 49 to 50 of 50", `aria-current="page">3</a>`, `href="/r/case-studies/cs-049/"`} {
		if !strings.Contains(last, s) {
			t.Errorf("the last page lacks %s", s)
		}
	}
	for _, s := range []string{`rel="next"`, "browse.js", `id="filters"`} {
		if strings.Contains(last, s) {
			t.Errorf("the last page has %s", s)
		}
	}
}

func termIDs(ts []*content.Term) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.ID)
	}
	return out
}

// decodeGaps reads postings without scores, as browse.js does.
func decodeGaps(t *testing.T, s string) []int {
	t.Helper()
	var out []int
	doc := -1
	for i := 0; i < len(s); {
		v, shift := 0, 0
		for {
			c := strings.IndexByte(alphabet, s[i])
			if c < 0 {
				t.Fatalf("%q: %q is not in the alphabet", s, s[i])
			}
			i++
			v |= (c & 31) << shift
			shift += 5
			if c < 32 {
				break
			}
		}
		doc += v
		out = append(out, doc)
	}
	return out
}

var cmpSorted = cmp.Transformer("sort", func(in []string) []string {
	out := append([]string(nil), in...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
})

// TestTermAndSchoolPages: a term's case studies and the schools A–Z come in
// pages too; every case study is on exactly one page of its term, and
// every school on one page of the schools.
func TestTermAndSchoolPages(t *testing.T) {
	in := browseSite(130)
	r, err := New(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	m := r.newModels(in)
	for ti, terms := range in.Index.Terms {
		for _, e := range terms {
			pages := m.termPages(ti, e)
			seen := 0
			for k, p := range pages {
				if p.Pager.Page != k+1 || p.Pager.Pages != len(pages) || p.Path != paths.Paged(paths.Term(in.Site.Taxonomies[ti].ID, e.Term.ID), k+1) {
					t.Errorf("%s page %d: pager %+v, path %s", e.Term.ID, k+1, p.Pager, p.Path)
				}
				for _, c := range p.Cards {
					if c.Slug != e.CaseStudies[seen].Slug {
						t.Errorf("%s page %d shows %s, want %s", e.Term.ID, k+1, c.Slug, e.CaseStudies[seen].Slug)
					}
					seen++
				}
			}
			if seen != len(e.CaseStudies) {
				t.Errorf("%s: %d case studies on its pages, want %d", e.Term.ID, seen, len(e.CaseStudies))
			}
		}
	}
	// Schools: 52 schools, two an initial; 160 links a page.
	pages := m.schools()
	if len(pages) != 1 {
		t.Errorf("%d pages of schools for 130 links, want 1", len(pages))
	}
	in = browseSite(400)
	m = r.newModels(in)
	pages = m.schools()
	seen := map[string]int{}
	continued := 0
	for k, p := range pages {
		links := 0
		for _, l := range p.Letters {
			if l.Continued {
				continued++
			}
			if l.Continued != (k > 0 && l.Letter == pages[k-1].Letters[len(pages[k-1].Letters)-1].Letter) {
				t.Errorf("page %d, letter %s: continued %v", k+1, l.Letter, l.Continued)
			}
			for _, s := range l.Schools {
				seen[s.Name]++
				links += len(s.Lead) + len(s.Partners)
			}
		}
		if links > SchoolsPageSize {
			t.Errorf("page %d has %d links, more than %d", k+1, links, SchoolsPageSize)
		}
		if len(p.Index) != 26 {
			t.Errorf("page %d: index of %d letters, want 26", k+1, len(p.Index))
		}
	}
	if len(pages) < 3 || len(seen) != 52 || continued == 0 {
		t.Errorf("%d pages, %d schools, %d initials continued from a page before; want 3 or more, 52, 1 or more", len(pages), len(seen), continued)
	}
	for name, n := range seen {
		if n != 1 {
			t.Errorf("%s is on %d pages", name, n)
		}
	}
	// An initial links within its page, or to the page where it starts.
	for k, p := range pages {
		for _, l := range p.Index {
			onPage := strings.HasPrefix(l.URL, "#")
			here := false
			for _, x := range p.Letters {
				here = here || x.Letter == l.Title && !x.Continued
			}
			if onPage != here {
				t.Errorf("page %d: initial %s links to %s", k+1, l.Title, l.URL)
			}
		}
	}
}
