package browsertest

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"buildbook/internal/content"
	"buildbook/internal/render"
	"buildbook/internal/sitecheck"
)

// shownSlugs lists the slugs of the cards on the page, in order.
const shownSlugs = `Array.from(document.querySelectorAll(".cards .card .card-title a")).map(a => a.getAttribute("href").split("/").slice(-2)[0])`

// slugsOf lists the slugs of case studies.
func slugsOf(cs []*content.CaseStudy) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Slug)
	}
	return out
}

// matchingAll lists, in site order, the case studies that pass sel.
func matchingAll(s *site, sel url.Values) []*content.CaseStudy {
	var out []*content.CaseStudy
	for _, c := range s.compiled.Site.CaseStudies {
		if passes(s, c, sel) {
			out = append(out, c)
		}
	}
	return out
}

// TestBrowseLargeList filters the list of a large collection, which the
// page holds only the first ListPageSize of: the counts, the cards and
// "Show more" cover every case study, from the data files; and the cards
// the script draws are the cards buildbook writes.
func TestBrowseLargeList(t *testing.T) {
	s := large(t)
	site := s.compiled.Site
	all := site.CaseStudies
	size := render.ListPageSize
	ctx := browser(t, 1280, 900)
	navigate(t, ctx, s.url+"case-studies/")

	// As it arrives: the newest page, "Show more" instead of the numbered
	// pages, and no data fetched.
	if got := eval[[]string](t, ctx, shownSlugs); !slices.Equal(got, slugsOf(all[:size])) {
		t.Errorf("the list shows %v, want the newest %d", got, size)
	}
	if !eval[bool](t, ctx, `!document.getElementById("show-more").hidden && getComputedStyle(document.querySelector(".pages")).display === "none"`) {
		t.Error(`with JavaScript, "Show more" should replace the numbered pages`)
	}
	fetched := `performance.getEntriesByType("resource").filter(e => /case-studies\/(index|cards-\d+)\.json/.test(e.name)).map(e => e.name.replace(/^.*\//, "").replace(/\?.*/, ""))`
	if got := eval[[]string](t, ctx, fetched); len(got) != 0 {
		t.Errorf("the list fetched %v before the reader asked", got)
	}

	// Show more: the next page, drawn by the script exactly as buildbook
	// writes it on case-studies/page/2/, and focus on the first new card.
	eval[bool](t, ctx, `document.getElementById("show-more-button").click(), true`)
	waitFor(t, ctx, `document.querySelectorAll(".cards .card").length === `+strconv.Itoa(2*size))
	if got := eval[[]string](t, ctx, shownSlugs); !slices.Equal(got, slugsOf(all[:2*size])) {
		t.Errorf("after Show more, the list shows %v", got)
	}
	if f := eval[string](t, ctx, `document.activeElement.getAttribute("href")`); f != render.CaseStudyURL(s.root, all[size].Slug) {
		t.Errorf("after Show more, focus is on %q, want the first new card", f)
	}
	same := eval[[]string](t, ctx, `fetch("page/2/").then(r => r.text()).then(h => {
		const server = Array.from(new DOMParser().parseFromString(h, "text/html").querySelectorAll(".cards .card"));
		const client = Array.from(document.querySelectorAll(".cards .card")).slice(`+strconv.Itoa(size)+`);
		return server.length === client.length ? server.flatMap((c, i) => c.outerHTML === client[i].outerHTML ? [] : [c.outerHTML + "\n≠\n" + client[i].outerHTML]) : ["page 2 has " + server.length + " cards, the script drew " + client.length];
	})`)
	for _, d := range same {
		t.Errorf("a card drawn by the script differs from buildbook's:\n%s", d)
	}
	if got := eval[string](t, ctx, `document.getElementById("shown-count").textContent`); got != "Showing 48 of 500." {
		t.Errorf("shown count %q", got)
	}

	// Filters: the counts and the cards come from every case study.
	px, cx := site.Taxonomies[0], site.Taxonomies[1]
	sel := url.Values{}
	for _, st := range []struct{ key, value string }{{px.ID, px.Terms[2].ID}, {cx.ID, cx.Terms[0].ID}, {cx.ID, cx.Terms[3].ID}, {"region", "Camden"}} {
		check(t, ctx, st.key, st.value)
		sel[st.key] = append(sel[st.key], st.value)
		want := matchingAll(s, sel)
		n := strconv.Itoa(len(want))
		waitFor(t, ctx, `document.getElementById("result-count").textContent === "`+n+` of 500 case studies" && !document.getElementById("browse").hasAttribute("aria-busy")`)
		if got := eval[[]string](t, ctx, shownSlugs); !slices.Equal(got, slugsOf(want[:min(size, len(want))])) {
			t.Errorf("%v: the list shows %v, want the first %d of %v", sel, got, size, slugsOf(want))
		}
		if more := eval[bool](t, ctx, `!document.getElementById("show-more").hidden`); more != (len(want) > size) {
			t.Errorf("%v: %d matches, Show more shown: %v", sel, len(want), more)
		}
		for _, term := range px.Terms {
			other := url.Values{}
			for k, v := range sel {
				if k != px.ID {
					other[k] = v
				}
			}
			other[px.ID] = []string{term.ID}
			if got, want := facetCount(t, ctx, px.ID, term.ID), len(matchingAll(s, other)); got != want {
				t.Errorf("%v: count beside %s is %d, want %d", sel, term.ID, got, want)
			}
		}
	}

	// Back to one pillar, and Show more through all its case studies.
	eval[bool](t, ctx, `history.go(-3), true`)
	sel = url.Values{px.ID: {px.Terms[2].ID}}
	want := matchingAll(s, sel)
	waitFor(t, ctx, `document.getElementById("result-count").textContent === "`+strconv.Itoa(len(want))+` of 500 case studies" && !document.getElementById("browse").hasAttribute("aria-busy")`)
	for eval[bool](t, ctx, `!document.getElementById("show-more").hidden`) {
		n := eval[int](t, ctx, `document.querySelectorAll(".cards .card").length`)
		eval[bool](t, ctx, `document.getElementById("show-more-button").click(), true`)
		waitFor(t, ctx, `document.querySelectorAll(".cards .card").length > `+strconv.Itoa(n))
	}
	if got := eval[[]string](t, ctx, shownSlugs); !slices.Equal(got, slugsOf(want)) {
		t.Errorf("%v: after Show more to the end, %d cards, want %d", sel, len(got), len(want))
	}
	got := eval[[]string](t, ctx, fetched)
	var bytes int
	for _, e := range eval[[]int](t, ctx, `performance.getEntriesByType("resource").filter(e => /case-studies\/(index|cards-\d+)\.json/.test(e.name)).map(e => e.encodedBodySize)`) {
		bytes += e
	}
	t.Logf("filtering and showing all %d case studies of %s fetched %d data files, %.1f KB", len(want), px.Terms[2].ID, len(got), float64(bytes)/1024)

	// A search on the list, with a filter: the matches of both, best first.
	navigate(t, ctx, s.url+"case-studies/?q=oracy&"+px.ID+"="+px.Terms[2].ID)
	both := 0
	for _, c := range matching(s, "oracy") {
		if passes(s, c, sel) {
			both++
		}
	}
	waitFor(t, ctx, `document.getElementById("result-count").textContent === "`+strconv.Itoa(both)+` of 500 case studies"`)
}

// TestPagedListsWithoutScript follows, as a reader without JavaScript or a
// crawler would, the numbered pages of the large collection's lists: every
// case study is on one page of case-studies/ and of each of its terms,
// every school on one page of the schools; every link resolves; and the
// sitemap names every page.
func TestPagedListsWithoutScript(t *testing.T) {
	s := large(t)
	site := s.compiled.Site
	problems, err := sitecheck.Links(s.dir, s.root, site.Book.BaseURL)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("broken link: %s", p)
	}

	card := regexp.MustCompile(`<h3 class="card-title"><a href="[^"]*/case-studies/([^/"]+)/">`)
	next := regexp.MustCompile(`<link rel="next" href="([^"]+)">`)
	// follow reads a paged list from its first page and returns what
	// pattern finds on its pages, in order, and the pages.
	follow := func(first string, pattern *regexp.Regexp) (found, pages []string) {
		t.Helper()
		for p := first; p != ""; {
			pages = append(pages, p)
			if len(pages) > 1000 {
				t.Fatalf("%s: more than 1000 pages", first)
			}
			b, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(strings.TrimPrefix(p, s.root)), "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range pattern.FindAllStringSubmatch(string(b), -1) {
				found = append(found, m[1])
			}
			p = ""
			if m := next.FindStringSubmatch(string(b)); m != nil {
				p = m[1]
			}
		}
		return found, pages
	}

	slugs, pages := follow(s.root+"case-studies/", card)
	if !slices.Equal(slugs, slugsOf(site.CaseStudies)) {
		t.Errorf("the pages of case-studies/ show %d case studies, want all %d in order", len(slugs), len(site.CaseStudies))
	}
	if want := (len(site.CaseStudies) + render.ListPageSize - 1) / render.ListPageSize; len(pages) != want {
		t.Errorf("case-studies/ has %d pages, want %d", len(pages), want)
	}
	all := map[string]bool{}
	for _, p := range pages {
		all[p] = true
	}
	for ti, tx := range site.Taxonomies {
		for _, e := range s.compiled.Index.Terms[ti] {
			slugs, pages := follow(s.root+tx.ID+"/"+e.Term.ID+"/", card)
			if !slices.Equal(slugs, slugsOf(e.CaseStudies)) {
				t.Errorf("the pages of %s/%s show %d case studies, want its %d", tx.ID, e.Term.ID, len(slugs), len(e.CaseStudies))
			}
			for _, p := range pages {
				all[p] = true
			}
		}
	}
	schools, pages := follow(s.root+"schools/", regexp.MustCompile(`<li id="school-[^"]+"><h3>([^<]+)</h3>`))
	if len(schools) != len(s.compiled.Index.Schools) || len(pages) < 2 {
		t.Errorf("the %d pages of schools/ list %d schools, want %d on two pages or more", len(pages), len(schools), len(s.compiled.Index.Schools))
	}
	for _, p := range pages {
		all[p] = true
	}

	sm, err := os.ReadFile(filepath.Join(s.dir, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	for p := range all {
		if loc := "<loc>" + strings.TrimSuffix(site.Book.BaseURL, "/") + strings.TrimPrefix(p, strings.TrimSuffix(s.root, "/")) + "</loc>"; !strings.Contains(string(sm), loc) {
			t.Errorf("the sitemap lacks %s", loc)
		}
	}
	if n, want := strings.Count(string(sm), "<loc>"), len(htmlFiles(t, s.dir))-1; n != want {
		t.Errorf("the sitemap has %d pages; the site has %d, besides 404.html", n, want)
	}
}
