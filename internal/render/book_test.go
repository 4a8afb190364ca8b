package render_test

import (
	"flag"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"buildbook/internal/build"
	"buildbook/internal/content"
	"buildbook/internal/diag"
	"buildbook/internal/render"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/book")

// compileBook compiles testdata/book.txtar.
func compileBook(t *testing.T) *build.Compiled {
	t.Helper()
	return compileBookWith(t, nil)
}

// compileBookWith compiles testdata/book.txtar as edit changes it.
func compileBookWith(t *testing.T, edit func(fstest.MapFS)) *build.Compiled {
	t.Helper()
	a, err := txtar.ParseFile("testdata/book.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	if edit != nil {
		edit(fsys)
	}
	var diags diag.List
	c, err := build.Compile(build.Options{Content: "content", ContentFS: fsys}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diags.Sorted() {
		t.Errorf("diagnostic: %s", d)
	}
	if c == nil {
		t.Fatal("the fixture does not compile")
	}
	return c
}

// golden compares got with testdata/book/<name>, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", "book", filepath.FromSlash(name))
	if *update {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs from its golden file (-want +got):\n%s", name, diff)
	}
}

// TestBookGolden compares the books of the fixture, as built and as
// `buildbook pdf` renders them with page numbers, with golden files.
func TestBookGolden(t *testing.T) {
	c := compileBook(t)
	jobs := map[string]render.Job{}
	for _, j := range c.Jobs {
		jobs[j.Path] = j
	}
	for _, p := range []string{"book/index.html", "book/print.css", "book/first/index.html", "book/first/print.css"} {
		t.Run(p, func(t *testing.T) {
			j, ok := jobs[p]
			if !ok {
				t.Fatalf("no job writes %s", p)
			}
			b, err := j.Make()
			if err != nil {
				t.Fatal(err)
			}
			golden(t, p, b)
		})
	}
	t.Run("numbered", func(t *testing.T) {
		layout := &render.BookLayout{
			Pages: map[string]int{"contents": 5, "foreword": 7, "part-1": 9, "cs-alpha": 11, "part-2": 15, "cs-beta": 17, "glossary": 19, "book-index": 21},
			Blank: map[string]bool{"foreword": true, "cs-beta": true},
		}
		b, err := c.Renderer.Book(c.Input, "first", layout)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "first-numbered.html", b)
	})
	if _, err := c.Renderer.Book(c.Input, "second", nil); err == nil {
		t.Error("Book rendered an edition that does not exist")
	}
}

// TestBooks lists the books of the fixture: the default one with its
// parts grouped by the first taxonomy, and the edition.
func TestBooks(t *testing.T) {
	c := compileBook(t)
	got := c.Renderer.Books(c.Input)
	want := []render.BookInfo{{
		Path: "book/", Title: "Leading Schools Together", Author: "Test Press", Subject: "A test collection",
		Keywords: []string{"Themes", "Roles"}, Language: "en-GB", PageSize: "A4",
		// Alpha's first theme is reading; beta's is maths (themes are in
		// taxonomy order); gamma has no theme, so it comes last.
		Rectos:    []string{"contents", "part-1", "cs-alpha", "part-2", "cs-beta", "part-3", "cs-gamma", "glossary", "book-index"},
		BackCover: "back-cover",
	}, {
		Edition: "first", Path: "book/first/", Title: "First Steps", Author: "Test Press", Subject: "Two case studies",
		Keywords: []string{"Themes", "Roles"}, Language: "en-GB", PageSize: "A5",
		Rectos:    []string{"contents", "foreword", "part-1", "cs-alpha", "part-2", "cs-beta", "glossary", "book-index"},
		BackCover: "back-cover",
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Books (-want +got):\n%s", diff)
	}
}

// TestBookLinks checks how links in the edition's bodies are rewritten.
func TestBookLinks(t *testing.T) {
	c := compileBook(t)
	b, err := c.Renderer.Book(c.Input, "first", nil)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, want := range []string{
		`<a class="xref" href="#beta--results">Beta</a>`,                                // in the book, with a fragment
		`<a class="external site" href="https://example.org/lst/case-studies/gamma/">`,  // not in the book: its page online
		`<li><span class="link-address">example.org/lst/case-studies/gamma</span></li>`, // and its short address in a note
		`<a class="xref" href="#cs-alpha">Alpha</a> began`,                              // a part's intro
		`<a class="xref" href="#cs-alpha">the alpha story</a>`,                          // the foreword
		`<a class="xref" href="#cs-alpha">Alpha&rsquo;s approach</a>`,
		`href="#alpha-fn:1"`,                   // footnotes keep their own ids
		`href="#alpha--what-we-did">our notes`, // a link within the case study
		`class="external url" rel="noopener noreferrer">https://example.org/reading/</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the edition lacks %s", want)
		}
	}
	if strings.Contains(page, "bb:cs/") {
		t.Error("a bb:cs/ link was left in the book")
	}
}

// TestBookLinksEscaped checks the links the book writes itself: a link to
// a page of the site takes the base URL escaped for HTML (and is found
// though the path in the HTML is escaped too), and a
// protocol-relative link (//host/x) is an external link as it is, not a
// path of the site.
func TestBookLinksEscaped(t *testing.T) {
	c := compileBookWith(t, func(fsys fstest.MapFS) {
		y := fsys["book.yaml"]
		y.Data = []byte(strings.Replace(string(y.Data), "base_url: https://example.org/lst/", "base_url: https://example.org/a&b/", 1))
		f := fsys["case-studies/alpha.md"]
		f.Data = append(slices.Clip(f.Data), "\nElsewhere: [far away](//evil.example/x?a=1&b=2), [welcome](../pages/welcome.md).\n"...)
	})
	b, err := c.Renderer.Book(c.Input, "first", nil)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, want := range []string{
		`<a class="external site" href="https://example.org/a&amp;b/case-studies/gamma/">`,
		`<a href="//evil.example/x?a=1&amp;b=2" class="external" rel="noopener noreferrer">far away</a>`,
		`<a class="external site" href="https://example.org/a&amp;b/welcome/">welcome</a>`, // a page of the site, whose path the HTML escapes
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the edition lacks %s", want)
		}
	}
	if strings.Contains(page, "example.org/a&b/") || strings.Contains(page, "a&amp;b//evil.example") {
		t.Error("the book writes the base URL unescaped, or makes a protocol-relative link a path of the site")
	}
}

// TestBookFigures checks that a figure is numbered by its case study on
// the site and by chapter in the books, keeps its id, takes links, and is
// marked for buildbook pdf to fit it to its page.
func TestBookFigures(t *testing.T) {
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20"><rect width="40" height="20"/></svg>`
	c := compileBookWith(t, func(fsys fstest.MapFS) {
		fsys["case-studies/chart.svg"] = &fstest.MapFile{Data: []byte(svg)}
		f := fsys["case-studies/beta.md"]
		f.Data = append(slices.Clip(f.Data), "\n![Attendance by term](chart.svg \"Attendance at maths mornings & clubs\")\n\n![A chart](chart.svg)\n\n![Again](chart.svg \"The second figure\")\n"...)
		a := fsys["case-studies/alpha.md"]
		a.Data = append(slices.Clip(a.Data), "\nSee [Beta's chart](beta.md#figure-2).\n"...)
	})
	beta := slices.IndexFunc(c.Site.CaseStudies, func(cs *content.CaseStudy) bool { return cs.Slug == "beta" })
	site := string(c.Input.Body(beta))
	for _, want := range []string{
		`<figure id="figure-1">`,
		`<span class="figure-label">Figure 1.</span> Attendance at maths mornings &amp; clubs</figcaption>`,
		`<span class="figure-label">Figure 2.</span> The second figure</figcaption>`,
	} {
		if !strings.Contains(site, want) {
			t.Errorf("beta's page lacks %s:\n%s", want, site)
		}
	}
	for _, edition := range []string{"", "first"} {
		b, err := c.Renderer.Book(c.Input, edition, nil)
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		// Beta is the second case study of both books.
		for _, want := range []string{
			`<div class="fig-at" id="fig-2-1"><a href="#fig-2-1" hidden></a><a href="#fig-2-1-img" hidden></a></div><div class="figure" id="fig-2-1-img"><figure id="beta--figure-1">`,
			`<span class="figure-label">Figure 2.1.</span> Attendance at maths mornings &amp; clubs</figcaption></figure></div>`,
			`<p class="figure" id="fig-2-2-img">`, // the picture without a title
			`<figure id="beta--figure-2">`,
			`<span class="figure-label">Figure 2.2.</span> The second figure</figcaption>`,
			`href="#beta--figure-2">Beta&rsquo;s chart</a>`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("book %q lacks %s", edition, want)
			}
		}
		if strings.Contains(page, `Figure 1.</span>`) || strings.Contains(page, `Figure 2.</span>`) {
			t.Errorf("book %q keeps a figure's number in its case study", edition)
		}
	}
	// A link to a figure that is not there is an error, as one to a
	// heading is.
	a, err := txtar.ParseFile("testdata/book.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	fsys["case-studies/alpha.md"].Data = append(fsys["case-studies/alpha.md"].Data, "\nSee [Beta's chart](beta.md#figure-1).\n"...)
	var diags diag.List
	if _, err := build.Compile(build.Options{Content: "content", ContentFS: fsys}, &diags); err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(diags.Sorted()); !strings.Contains(got, "has no heading with the id #figure-1") {
		t.Errorf("a link to a figure that is not there: %s", got)
	}
}

func TestBookIndex(t *testing.T) {
	c := compileBook(t)
	layout := &render.BookLayout{Pages: map[string]int{"cs-alpha": 11, "cs-beta": 12}}
	b, err := c.Renderer.Book(c.Input, "first", layout)
	if err != nil {
		t.Fatal(err)
	}
	_, x, ok := strings.Cut(string(b), `<div class="index-letters">`)
	if !ok {
		t.Fatal("the book has no index")
	}
	x, _, _ = strings.Cut(x, "</section>\n</div>")
	var letters, entries []string
	for _, m := range regexp.MustCompile(`<h2 id="index-[^"]+-title">([^<]+)</h2>|<li>(.*)</li>`).FindAllStringSubmatch(x, -1) {
		if m[1] != "" {
			letters = append(letters, m[1])
		} else {
			entries = append(entries, html.UnescapeString(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(m[2], "")))
		}
	}
	wantLetters := []string{"A", "B", "C", "E", "F", "G", "M", "N", "O", "R"}
	if diff := cmp.Diff(wantLetters, letters); diff != "" {
		t.Errorf("letters (-want +got):\n%s", diff)
	}
	want := []string{
		"Alpha Primary School, 11",
		"Beta Academy, 11, 12", // a partner in alpha's, in italics: not a range with beta's
		"Camden, 11",
		"Éveil à la lecture, 11",
		"Example, Ann, 11", // authors by surname
		"Example, Bob, 11",
		"Example, Cat, 12",
		"family learning, 12",
		"Governor (role), 12",
		"MAT, see Multi-academy trust leader",
		"Mathematics (theme), 12",
		"Multi-academy trust leader (role), 12",
		"National Leader of Education (role), 11",
		"NLE, see National Leader of Education",
		"Oracy, 11–12",
		"Reading for pleasure (theme), 11–12",
	}
	if diff := cmp.Diff(want, entries); diff != "" {
		t.Errorf("index entries (-want +got):\n%s", diff)
	}
	if !strings.Contains(x, `<a href="#cs-alpha" class="partner">11</a>`) {
		t.Error("the partner's page is not marked")
	}
}

func TestBookCovers(t *testing.T) {
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="30" height="20"><rect width="30" height="20" fill="#369"/></svg>`
	c := compileBookWith(t, func(fsys fstest.MapFS) {
		fsys["book.yaml"].Data = []byte(string(fsys["book.yaml"].Data) + "cover: art/book-cover.svg\n")
		fsys["art/book-cover.svg"] = &fstest.MapFile{Data: []byte(svg)}
		fsys["art/first.svg"] = &fstest.MapFile{Data: []byte(svg)}
		ed := strings.Replace(string(fsys["editions/first.yaml"].Data), "date: 2024-02-01\n", "date: 2024-02-01\ncover: ../art/first.svg\ndescription: The first steps of two schools.\n", 1)
		fsys["editions/first.yaml"].Data = []byte(ed)
	})
	for _, tc := range []struct{ edition, cover, back string }{
		{"", "/lst/art/book-cover.svg", "Case studies for a test of the book."},
		{"first", "/lst/art/first.svg", "The first steps of two schools."},
	} {
		b, err := c.Renderer.Book(c.Input, tc.edition, nil)
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		if want := `<header class="cover cover-with-picture">` + "\n" + `<div class="cover-picture"><img src="` + tc.cover + `" alt=""></div>`; !strings.Contains(page, want) {
			t.Errorf("book %q: the cover lacks %s", tc.edition, want)
		}
		_, back, ok := strings.Cut(page, `<section class="back-cover" id="back-cover" aria-label="Back cover">`)
		if !ok {
			t.Fatalf("book %q has no back cover", tc.edition)
		}
		if want := `<p class="back-text">` + tc.back + `</p>`; !strings.Contains(back, want) {
			t.Errorf("book %q: the back cover lacks %s:\n%s", tc.edition, want, back)
		}
	}
	// Without a cover field, the cover is type alone.
	plain := compileBook(t)
	b, err := plain.Renderer.Book(plain.Input, "first", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `<header class="cover">`) || strings.Contains(string(b), "cover-picture") {
		t.Error("a book without a cover field has a picture on its cover")
	}
}

// TestBookPartIntroIDs gives two terms descriptions with a footnote each,
// and checks that the default book, whose parts open with them, has no id
// twice: each part's introduction has its ids prefixed, as a case study's
// text has, and its footnote link goes to its own note.
func TestBookPartIntroIDs(t *testing.T) {
	c := compileBookWith(t, func(fsys fstest.MapFS) {
		y := string(fsys["taxonomies.yaml"].Data)
		y = strings.Replace(y, "      description: Children who choose to read.\n", "      description: \"Children who choose to read.[^1]\\n\\n[^1]: As reading surveys ask it.\"\n", 1)
		y = strings.Replace(y, "      number: 2\n", "      number: 2\n      description: \"Numbers for everyone.[^1]\\n\\n[^1]: In every phase.\"\n", 1)
		fsys["taxonomies.yaml"].Data = []byte(y)
	})
	b, err := c.Renderer.Book(c.Input, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	seen := map[string]int{}
	for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(page, -1) {
		seen[m[1]]++
	}
	for id, n := range seen {
		if n > 1 {
			t.Errorf("id %q is on %d elements of the book", id, n)
		}
	}
	for _, want := range []string{"As reading surveys ask it.", "In every phase."} {
		if !strings.Contains(page, want) {
			t.Errorf("the book lacks the part introduction's note %q", want)
		}
	}
}
