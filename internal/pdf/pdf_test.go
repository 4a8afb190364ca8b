package pdf

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"golang.org/x/tools/txtar"

	"buildbook/internal/build"
	"buildbook/internal/content"
	"buildbook/internal/diag"
	"buildbook/internal/render"
)

// needTools skips a test that needs Chromium and poppler-utils where they
// are missing, except in CI (CI=true), where their absence fails it.
func needTools(t *testing.T) {
	t.Helper()
	var missing []string
	if _, err := FindBrowser(""); err != nil {
		missing = append(missing, "chromium")
	}
	for _, tool := range []string{"pdftotext", "pdfinfo", "pdffonts", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool+" (poppler-utils)")
		}
	}
	if len(missing) == 0 {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI must have %s installed", strings.Join(missing, " and "))
	}
	t.Skipf("needs %s", strings.Join(missing, " and "))
}

// printBook prints a book of the content folder dir and returns the PDF's
// file name and the result.
func printBook(t *testing.T, dir, edition string) (string, *Result) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "book.pdf")
	var diags diag.List
	res, err := Print(context.Background(), Options{Build: build.Options{Content: dir}, Edition: edition, Out: out}, &diags)
	for _, d := range diags.Sorted() {
		t.Log(d)
	}
	if err != nil {
		t.Fatal(err)
	}
	if res == nil {
		t.Fatal("content errors")
	}
	return out, res
}

// pageTexts reads a PDF back with pdftotext -layout: the text of each
// page, from page 1 at index 1.
func pageTexts(t *testing.T, file string) []string {
	t.Helper()
	b, err := exec.Command("pdftotext", "-layout", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(b), "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	return append([]string{""}, pages...)
}

// flat is text with its whitespace collapsed.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// spaceless is text without white space.
func spaceless(s string) string { return strings.Join(strings.Fields(s), "") }

// folio is the page number printed at the foot of a page: the last line.
func folio(page string) string {
	lines := strings.Split(strings.TrimRight(page, " \n"), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// contentsNumber finds title in the contents and returns the page number
// printed after it.
func contentsNumber(t *testing.T, contents, title string) int {
	t.Helper()
	re := regexp.MustCompile(regexp.QuoteMeta(flat(title)) + ` (\d+)\b`)
	m := re.FindStringSubmatch(contents)
	if m == nil {
		t.Fatalf("the contents has no number for %q:\n%s", title, contents)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// bookPart is a part of a printed book as a test expects it.
type bookPart struct {
	title string
	slugs []string
}

// checkBook reads a printed book back with pdftotext and checks what a
// reader would: every part and case study starts on a new right-hand page
// where the contents says, under its title; so do the sections named in
// front and back; and every page but the cover and the blank ones carries
// its number. It returns the text of the pages and the page each case
// study starts on.
func checkBook(t *testing.T, file string, res *Result, site *content.Site, parts []bookPart, sections []string) ([]string, map[string]int) {
	t.Helper()
	pages := pageTexts(t, file)
	if len(pages)-1 != res.Pages {
		t.Fatalf("pdftotext read %d pages, Print reported %d", len(pages)-1, res.Pages)
	}
	cs := map[string]*content.CaseStudy{}
	for _, c := range site.CaseStudies {
		cs[c.Slug] = c
	}

	// The contents is the first page headed Contents, with the pages that
	// follow it under the same running head.
	var contents string
	for n := 2; n < len(pages) && contents == ""; n++ {
		if strings.HasPrefix(flat(pages[n]), "Contents") || strings.HasPrefix(flat(pages[n]), "CONTENTS Contents") {
			contents = flat(pages[n])
			for m := n + 1; m < len(pages) && strings.HasPrefix(flat(pages[m]), strings.ToUpper(site.Book.Title)); m++ {
				contents += " " + flat(pages[m])
			}
		}
	}
	if contents == "" {
		t.Fatal("no contents page")
	}

	starts := map[string]int{}
	number := 0
	for pi, part := range parts {
		n := contentsNumber(t, contents, part.title)
		// Letter-spacing splits words for pdftotext: compare without spaces.
		if !strings.HasPrefix(spaceless(pages[n]), spaceless("PART "+strconv.Itoa(pi+1)+" "+part.title)) {
			t.Errorf("part %q: the contents says page %d, which reads:\n%s", part.title, n, pages[n])
		}
		if n%2 == 0 {
			t.Errorf("part %q starts on page %d, a left-hand page", part.title, n)
		}
		for _, slug := range part.slugs {
			number++
			c := cs[slug]
			n := contentsNumber(t, contents, c.Title)
			starts[slug] = n
			text := flat(pages[n])
			// The case study's title is at the top of its page, under the
			// running head and its number, and not on the page before.
			at := strings.Index(text, flat(c.Title))
			if at < 0 || at > 80 {
				t.Errorf("%s: the contents says page %d, where the title is not at the top:\n%s", slug, n, pages[n])
			}
			if !strings.Contains(spaceless(text), "CASESTUDY"+strconv.Itoa(number)+spaceless(c.Title)) {
				t.Errorf("%s: page %d lacks its number, case study %d", slug, n, number)
			}
			if strings.Contains(flat(pages[n-1]), flat(c.Title)) {
				t.Errorf("%s: its title is on page %d too; a case study starts on a new page", slug, n-1)
			}
			if n%2 == 0 {
				t.Errorf("%s starts on page %d, a left-hand page", slug, n)
			}
			if res.Starts["cs-"+slug] != n {
				t.Errorf("%s: Print says page %d, the contents %d", slug, res.Starts["cs-"+slug], n)
			}
		}
	}
	for _, title := range sections {
		n := contentsNumber(t, contents, title)
		if !strings.HasPrefix(strings.TrimPrefix(flat(pages[n]), strings.ToUpper(title)+" "), title) {
			t.Errorf("%s: the contents says page %d, which reads:\n%s", title, n, pages[n])
		}
		if n%2 == 0 {
			t.Errorf("%s starts on page %d, a left-hand page", title, n)
		}
	}

	// Every page with text but the cover carries its number at its foot,
	// but for the opening page of each part of the book, which has no
	// running head either.
	opening := map[int]bool{}
	for _, n := range res.Starts {
		opening[n] = true
	}
	// The back cover is the last page, a left-hand one, headed by the
	// book's title, without a folio.
	back := len(pages) - 1
	if back%2 != 0 {
		t.Errorf("the back cover is page %d, a right-hand page", back)
	}
	if !strings.HasPrefix(spaceless(pages[back]), spaceless(strings.ToUpper(res.Book.Title))) {
		t.Errorf("the last page is not the back cover:\n%s", pages[back])
	}
	if got := folio(pages[back]); regexp.MustCompile(`^\d+$`).MatchString(got) {
		t.Errorf("the back cover has a folio, %s", got)
	}
	for n := 2; n < back; n++ {
		if strings.TrimSpace(pages[n]) == "" {
			continue // a blank page before a right-hand start
		}
		got := folio(pages[n])
		switch {
		case opening[n] && regexp.MustCompile(`^\d+$`).MatchString(got):
			t.Errorf("page %d opens a part of the book, and has a folio, %s", n, got)
		case opening[n]:
			head := strings.TrimSpace(strings.SplitN(strings.TrimLeft(pages[n], "\n "), "\n", 2)[0])
			if head == strings.ToUpper(head) && !strings.HasPrefix(spaceless(head), "CASESTUDY") && !strings.HasPrefix(spaceless(head), "PART") {
				t.Errorf("page %d opens a part of the book, and has a running head, %q", n, head)
			}
		case got != strconv.Itoa(n):
			t.Errorf("page %d ends with %q, not its number", n, got)
		}
	}
	return pages, starts
}

// loadSite loads a content folder, for what a test expects of its books.
func loadSite(t *testing.T, dir string) *content.Site {
	t.Helper()
	var diags diag.List
	site := content.Load(os.DirFS(dir), content.Options{}, &diags)
	if diags.HasErrors(false) {
		t.Fatalf("%s does not load: %v", dir, diags.Sorted())
	}
	return site
}

// TestSampleEdition prints the sample edition with Chromium and checks the
// PDF as a reader would, through pdftotext (checkBook), and its index,
// metadata, tags and outline.
func TestSampleEdition(t *testing.T) {
	needTools(t)
	const dir = "../../content"
	file, res := printBook(t, dir, "2024")
	site := loadSite(t, dir)
	edition := site.Editions[slices.IndexFunc(site.Editions, func(e *content.Edition) bool { return e.ID == "2024" })]
	var parts []bookPart
	for _, p := range edition.Parts {
		parts = append(parts, bookPart{p.Title, p.CaseStudies})
	}
	pages, starts := checkBook(t, file, res, site, parts, []string{"Foreword", "Glossary", "Index"})
	titles := map[string]*content.CaseStudy{}
	for _, c := range site.CaseStudies {
		titles[c.Slug] = c
	}

	// The index, A to Z, gives each case study's lead school and keywords
	// the page on which it starts, as a page or within a range of pages.
	// It is read in reading order (without -layout), one column after the
	// other.
	from := res.Starts["book-index"]
	if from == 0 {
		t.Fatalf("no index in %v", res.Starts)
	}
	raw, err := exec.Command("pdftotext", "-f", strconv.Itoa(from), "-l", strconv.Itoa(len(pages)-1), file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	index := flat(string(raw))
	if !strings.HasPrefix(index, "Index") {
		t.Fatalf("page %d does not start the index:\n%s", from, pages[from])
	}
	for slug, n := range starts {
		c := titles[slug]
		for _, subject := range append([]string{c.School}, c.Keywords...) {
			if !indexGives(index, subject, n) {
				t.Errorf("the index does not give %q page %d", subject, n)
			}
		}
	}

	// A cross-reference to a case study of the book prints its page; an
	// external link's address is not in the line but in a note at the end
	// of the case study.
	whole := flat(strings.Join(pages, " "))
	xref := regexp.MustCompile(`making values visible \(page (\d+)\)`).FindStringSubmatch(whole)
	if want := strconv.Itoa(starts["values-into-practice"]); xref == nil || xref[1] != want {
		t.Errorf("the cross-reference to values-into-practice prints %q, want page %s", xref, want)
	}
	if strings.Contains(whole, "Foundation <https://") || strings.Contains(whole, "Foundation https://") {
		t.Error("an external link prints its address inline")
	}
	if !regexp.MustCompile(`Education Endowment Foundation ?1`).MatchString(whole) ||
		!regexp.MustCompile(`Links 1\. https://educationendowmentfoundation\.org\.uk/`).MatchString(whole) {
		t.Error("an external link has no numbered note with its address")
	}

	// Metadata, tags and outline.
	info, err := exec.Command("pdfinfo", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Title:           Going for Great 2024", "Author:          Going for Great Programme", "Tagged:          yes", "Page size:       594.96 x 841.92 pts (A4)"} {
		if !strings.Contains(string(info), want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := api.ReadContext(f, conf)
	if err != nil {
		t.Fatal(err)
	}
	if lang := ctx.RootDict.StringEntry("Lang"); lang == nil || *lang != "en-GB" {
		t.Errorf("the PDF's language is %v, want en-GB", ctx.RootDict["Lang"])
	}
	if _, err := f.Seek(0, 0); err != nil {
		t.Fatal(err)
	}
	bms, err := api.Bookmarks(f, conf)
	if err != nil {
		t.Fatal(err)
	}
	var outline []string
	for _, b := range bms {
		outline = append(outline, b.Title)
	}
	want := []string{"Going for Great 2024", "Contents", "Foreword"}
	for _, p := range edition.Parts {
		want = append(want, p.Title)
	}
	want = append(want, "Glossary", "Index", "Colophon")
	if diff := cmp.Diff(want, outline); diff != "" {
		t.Errorf("outline (-want +got):\n%s", diff)
	}
}

func TestPaginate(t *testing.T) {
	rectos := []string{"contents", "part-1", "cs-a", "cs-b", "index"}
	tests := []struct {
		name    string
		used    render.BookLayout
		printed map[string]int
		want    render.BookLayout
		stable  bool
		any     bool
	}{{
		name:    "first pass: blanks where a start falls on an even page",
		printed: map[string]int{"contents": 5, "part-1": 6, "cs-a": 7, "cs-b": 10, "index": 13},
		want: render.BookLayout{
			Pages: map[string]int{"contents": 5, "part-1": 7, "cs-a": 9, "cs-b": 13, "index": 17},
			Blank: map[string]bool{"part-1": true, "cs-a": true, "cs-b": true, "index": true},
		},
	}, {
		name: "second pass where nothing moved",
		used: render.BookLayout{
			Pages: map[string]int{"contents": 5, "part-1": 7, "cs-a": 9, "cs-b": 13, "index": 17},
			Blank: map[string]bool{"part-1": true, "cs-a": true, "index": true},
		},
		printed: map[string]int{"contents": 5, "part-1": 7, "cs-a": 9, "cs-b": 13, "index": 17},
		want: render.BookLayout{
			Pages: map[string]int{"contents": 5, "part-1": 7, "cs-a": 9, "cs-b": 13, "index": 17},
			Blank: map[string]bool{"part-1": true, "cs-a": true, "index": true},
		},
		stable: true,
	}, {
		name: "the contents grew a page: every start moves, blanks change",
		used: render.BookLayout{
			Pages: map[string]int{"contents": 5, "part-1": 7, "cs-a": 9, "cs-b": 13, "index": 17},
			Blank: map[string]bool{"part-1": true, "cs-a": true, "index": true},
		},
		printed: map[string]int{"contents": 5, "part-1": 8, "cs-a": 10, "cs-b": 14, "index": 18},
		want: render.BookLayout{
			Pages: map[string]int{"contents": 5, "part-1": 7, "cs-a": 9, "cs-b": 13, "index": 17},
			Blank: map[string]bool{"cs-a": true, "index": true},
		},
	}, {
		name:    "open: any, first pass: no blanks, starts where they fell",
		printed: map[string]int{"contents": 5, "part-1": 6, "cs-a": 7, "cs-b": 10, "index": 13},
		want: render.BookLayout{
			Pages: map[string]int{"contents": 5, "part-1": 6, "cs-a": 7, "cs-b": 10, "index": 13},
			Blank: map[string]bool{},
		},
		any: true,
	}, {
		name: "open: any, second pass: even pages are settled too",
		used: render.BookLayout{
			Pages: map[string]int{"contents": 5, "part-1": 6, "cs-a": 7, "cs-b": 10, "index": 13},
			Blank: map[string]bool{},
		},
		printed: map[string]int{"contents": 5, "part-1": 6, "cs-a": 7, "cs-b": 10, "index": 13},
		want: render.BookLayout{
			Pages: map[string]int{"contents": 5, "part-1": 6, "cs-a": 7, "cs-b": 10, "index": 13},
			Blank: map[string]bool{},
		},
		stable: true,
		any:    true,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, stable, err := paginate(rectos, &tt.used, tt.printed, tt.any)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(&tt.want, got); diff != "" {
				t.Errorf("layout (-want +got):\n%s", diff)
			}
			if stable != tt.stable {
				t.Errorf("stable = %v, want %v", stable, tt.stable)
			}
		})
	}
	if _, _, err := paginate(rectos, &render.BookLayout{}, map[string]int{"contents": 5}, false); err == nil || !strings.Contains(err.Error(), "#part-1") {
		t.Errorf("a missing destination gave %v", err)
	}
}

func TestFitFigures(t *testing.T) {
	// A4: the page is 297 mm high, its text block 245 mm from 24 mm down;
	// Chromium gives a destination's top as 841.92 pt less its distance
	// from the top of the text block.
	pt := func(downMM float64) float64 { return 841.92 - downMM*72/25.4 }
	d := &document{
		dests: map[string]int{
			"fig-1-1": 3, "fig-1-1-img": 4, // moved on, 145 mm left: fitted to it less 8 mm
			"fig-1-2": 5, "fig-1-2-img": 5, // stayed: left alone
			"fig-2-1": 7, "fig-2-1-img": 8, // moved on, 25 mm left: too little to fit to
			"fig-2-2": 9, "fig-2-2-img": 10, // fitted before and still moved: smaller
		},
		tops: map[string]float64{"fig-1-1": pt(100), "fig-1-2": pt(50), "fig-2-1": pt(220), "fig-2-2": pt(100)},
	}
	got, changed := fitFigures(map[string]float64{"fig-2-2": 120}, d, "A4")
	want := map[string]float64{"fig-1-1": 137, "fig-2-2": 115}
	if diff := cmp.Diff(want, got); diff != "" || !changed {
		t.Errorf("fitFigures (-want +got), changed %v:\n%s", changed, diff)
	}
	if _, changed := fitFigures(nil, &document{dests: map[string]int{"fig-1-1": 3, "fig-1-1-img": 3}}, "A4"); changed {
		t.Error("figures that fit were changed")
	}
}

func TestFindBrowser(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if _, err := FindBrowser(""); err != ErrNoBrowser || !strings.Contains(err.Error(), "apt-get install chromium") {
		t.Errorf("FindBrowser with an empty PATH = %v, want ErrNoBrowser naming the Debian package", err)
	}
	if _, err := FindBrowser("/no/such/chromium"); err == nil || !strings.Contains(err.Error(), "--chrome /no/such/chromium") {
		t.Errorf("FindBrowser of a missing file = %v", err)
	}
}

// TestSmallBooks prints an A5 edition and the book of every case study of
// a small content folder served from the host's root, with case studies
// that end on odd and on even pages.
func TestSmallBooks(t *testing.T) {
	needTools(t)
	a, err := txtar.ParseFile("testdata/small.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range a.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	site := loadSite(t, dir)

	t.Run("A5 edition", func(t *testing.T) {
		file, res := printBook(t, dir, "pocket")
		pages, _ := checkBook(t, file, res, site, []bookPart{
			{"Beginnings", []string{"short-note", "long-story"}},
			{"Afterwards", []string{"middle-way"}},
		}, []string{"Glossary", "Index"})
		info, err := exec.Command("pdfinfo", file).Output()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(info), "(A5)") {
			t.Errorf("the pocket edition is not A5:\n%s", info)
		}
		// The short note is a page long, so a blank page follows it.
		if n := res.Starts["cs-long-story"]; strings.TrimSpace(pages[n-1]) != "" {
			t.Errorf("page %d, before the long story, is not blank:\n%s", n-1, pages[n-1])
		}
	})
	t.Run("every case study", func(t *testing.T) {
		file, res := printBook(t, dir, "")
		// Grouped by first area, in the taxonomy's order, newest first.
		checkBook(t, file, res, site, []bookPart{
			{"Early years", []string{"long-story", "middle-way"}},
			{"Later years", []string{"short-note"}},
		}, []string{"Glossary", "Index"})
	})
}

// TestServeBasePath serves a site under base paths that a ServeMux
// pattern would misread (a space made serve panic): the book is found at
// the base path, and nothing is served outside it.
func TestServeBasePath(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "book"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "book", "index.html"), []byte("the book"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, root := range []string{"/", "/going-for-great/", "/a%20b/", "/GET%20/x/", "/caf%C3%A9/", "/a/b/c/"} {
		t.Run(root, func(t *testing.T) {
			base, stop, err := serve(dir, root)
			if err != nil {
				t.Fatal(err)
			}
			defer stop()
			if !strings.HasSuffix(base, root) {
				t.Errorf("serve gave %s, which does not end in the base path %s", base, root)
			}
			get := func(u string) (int, string) {
				resp, err := http.Get(u)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				b, _ := io.ReadAll(resp.Body)
				return resp.StatusCode, string(b)
			}
			if code, body := get(base + "book/"); code != http.StatusOK || body != "the book" {
				t.Errorf("GET %sbook/: %d %q, want 200 \"the book\"", base, code, body)
			}
			if root != "/" {
				if code, _ := get(strings.TrimSuffix(base, root) + "/book/"); code != http.StatusNotFound {
					t.Errorf("GET /book/ outside the base path: %d, want 404", code)
				}
			}
		})
	}
	if _, _, err := serve(dir, "book/"); err == nil {
		t.Error("serve of a base path without a leading slash: no error")
	}
}

// unpack writes the files of a txtar archive into a new folder.
func unpack(t *testing.T, archive string) string {
	t.Helper()
	a, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range a.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// inkFill renders every page of a PDF in grey at 36 dpi and returns, for
// each page from 1 at index 1, how far down its text block (from top to
// bottom millimetres of the page's edges) the ink goes, text or picture,
// as a fraction of the block's height.
func inkFill(t *testing.T, file string, top, bottom float64) []float64 {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("pdftoppm", "-r", "36", "-gray", file, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	names, err := filepath.Glob(filepath.Join(dir, "p-*.pgm"))
	if err != nil || len(names) == 0 {
		t.Fatalf("pdftoppm wrote no pages: %v", err)
	}
	slices.Sort(names)
	fills := []float64{0}
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		// A binary PGM: "P5\n<width> <height>\n255\n", then a byte a pixel.
		head := strings.SplitN(string(b), "\n", 4)
		var w, h int
		if _, err := fmt.Sscanf(head[1], "%d %d", &w, &h); err != nil || head[0] != "P5" || len(head) < 4 {
			t.Fatalf("%s is not a binary PGM: %v", name, err)
		}
		pix := []byte(head[3])
		mm := float64(h) / pageHeight(w, h)
		y0, y1 := int(top*mm), int(float64(h)-bottom*mm)
		last := y0
		for y := y0; y < y1; y++ {
			for x := 0; x < w; x++ {
				if pix[y*w+x] < 200 {
					last = y
					break
				}
			}
		}
		fills = append(fills, float64(last-y0)/float64(y1-y0))
	}
	return fills
}

// pageHeight is the height in millimetres of an A4 or A5 page of w by h
// pixels (the tests print no other size).
func pageHeight(w, h int) float64 {
	if float64(h)/float64(w) > 1.4 && w > 250 {
		return 297
	}
	return 210
}

// TestPage prints a chapter with a long table, a tall figure and a
// 70-line listing, among shorter ones, in editions that open on any page,
// on A4 and A5, and reads the pages back as an editor would: no page of a
// chapter that goes on is less than three-quarters full, no blank page
// comes between case studies, lines hold 60 to 75 characters, prose is
// hyphenated, every font is the book's own and embedded, and the imprint
// is complete.
func TestPage(t *testing.T) {
	needTools(t)
	dir := unpack(t, "testdata/page.txtar")
	chapters := []string{"cs-first-short", "cs-going-on", "cs-late-figure", "cs-second-short"}
	for _, tc := range []struct {
		edition     string
		top, bottom float64 // the text block's margins in millimetres
	}{{"press", 24, 28}, {"pocket", 17, 21}} {
		t.Run(tc.edition, func(t *testing.T) {
			file, res := printBook(t, dir, tc.edition)
			pages := pageTexts(t, file)
			fills := inkFill(t, file, tc.top, tc.bottom)
			end := res.Starts["book-index"] // the page after the last case study
			if end == 0 {
				t.Fatalf("no index in %v", res.Starts)
			}

			// Case studies follow one another with no blank page between.
			for n := res.Starts[chapters[0]]; n < end; n++ {
				if strings.TrimSpace(pages[n]) == "" {
					t.Errorf("page %d, among the case studies, is blank", n)
				}
			}
			// Every page of a chapter but its last is at least 75% full.
			for i, id := range chapters {
				next := end
				if i+1 < len(chapters) {
					next = res.Starts[chapters[i+1]]
				}
				for n := res.Starts[id]; n < next-1; n++ {
					if fills[n] < 0.75 {
						t.Errorf("%s: page %d is %.0f%% full:\n%s", id, n, fills[n]*100, pages[n])
					} else {
						t.Logf("%s: page %d is %.0f%% full", id, n, fills[n]*100)
					}
				}
			}

			// Running heads: the part on the left, the case study's
			// title on the right, after its opening page.
			for n := res.Starts["cs-going-on"] + 1; n < res.Starts["cs-late-figure"]; n++ {
				head := strings.TrimSpace(strings.SplitN(pages[n], "\n", 2)[0])
				want := "GOING ON"
				if n%2 == 1 {
					want = "A CHAPTER THAT GOES ON"
				}
				if head != want {
					t.Errorf("page %d is headed %q, want %q", n, head, want)
				}
			}

			// The long table repeats its header on every page it spans, and
			// says it continues at the foot of each but the last.
			all := strings.Join(pages, "\n")
			heads := len(regexp.MustCompile(`Year +Subject +Pupils +Note`).FindAllString(all, -1))
			if conts := strings.Count(all, "Table continues"); heads < 2 || conts != heads-1 {
				t.Errorf("the table's header is printed %d times, and says it continues %d times", heads, conts)
			}

			// The measure: the full lines of the prose of the first case
			// study (the last line of a paragraph is shorter).
			var lengths []int
			hyphenated := 0
			for n := res.Starts[chapters[0]]; n < res.Starts[chapters[1]]; n++ {
				for _, line := range strings.Split(pages[n], "\n") {
					line = strings.TrimSpace(strings.ReplaceAll(line, "\u00ad", ""))
					if utf8.RuneCountInString(line) >= 40 {
						lengths = append(lengths, utf8.RuneCountInString(line))
					}
					if strings.HasSuffix(line, "-") {
						hyphenated++
					}
				}
			}
			if len(lengths) < 20 {
				t.Fatalf("only %d full lines in the first case study", len(lengths))
			}
			slices.Sort(lengths)
			if m := lengths[len(lengths)/2]; m < 60 || m > 75 {
				t.Errorf("the lines of prose hold %d characters (median), not 60 to 75", m)
			} else {
				t.Logf("the lines of prose hold %d characters (median)", m)
			}
			if hyphenated == 0 {
				t.Error("no line of the first case study ends in a hyphen: the prose is not hyphenated")
			}

			// Fonts: every one embedded, and none of the machine's.
			out, err := exec.Command("pdffonts", file).Output()
			if err != nil {
				t.Fatal(err)
			}
			for _, line := range strings.Split(string(out), "\n")[2:] {
				if strings.TrimSpace(line) == "" {
					continue
				}
				if !regexp.MustCompile(`^\S+\+Source(Serif4|Sans3|CodePro)`).MatchString(line) {
					t.Errorf("a font that is not the book's: %s", line)
				}
				if !strings.Contains(line, " yes yes yes ") {
					t.Errorf("a font not embedded: %s", line)
				}
			}

			// The imprint: copyright, licence, publisher, date and ISBN,
			// and no content hash.
			imprint := flat(pages[4])
			want := []string{"© 2024 Page Test Press", "CC BY 4.0", "Published by Page Test Press", "First published 1 September 2024"}
			if tc.edition == "press" {
				want = append(want, "ISBN 978-1-7384991-0-7")
			}
			for _, w := range want {
				if !strings.Contains(imprint, w) {
					t.Errorf("the imprint lacks %q:\n%s", w, pages[4])
				}
			}
			if strings.Contains(imprint, "version") {
				t.Errorf("the imprint gives a version:\n%s", pages[4])
			}
			// The colophon is the page before the back cover (and a blank
			// page where the back cover needs one).
			colophon := flat(pages[len(pages)-2] + " " + pages[len(pages)-3])
			if !strings.Contains(colophon, "Colophon") {
				t.Errorf("the colophon is not before the back cover:\n%s", colophon)
			}
			if !strings.Contains(colophon, "Source Serif 4") || strings.Contains(colophon, "Chromium") {
				t.Errorf("the colophon does not name the typefaces, or names the browser:\n%s", colophon)
			}
		})
	}
}

func TestWithoutMargins(t *testing.T) {
	// A page as Chromium draws it: background, margin boxes, page area.
	page := "1 0 0 -1 0 841 cm\nq\n1 1 1 rg\n0 0 582 949 re\nf\nQ\nq\n3.125 0 0 3.125 0 0 cm\nBT\n/F6 10 Tf\n<002A> Tj\nET\nBT\n/F11 12 Tf\n<0014> Tj\nET\nQ\nq\n378 284 1559 2893 re\nW* n\nq\nBT\n<0051> Tj\nET\nQ\nQ"
	want := "1 0 0 -1 0 841 cm\nq\n1 1 1 rg\n0 0 582 949 re\nf\nQ\nq\n378 284 1559 2893 re\nW* n\nq\nBT\n<0051> Tj\nET\nQ\nQ"
	got, changed := withoutMargins([]byte(page))
	if diff := cmp.Diff(want, string(got)); diff != "" || !changed {
		t.Errorf("withoutMargins (-want +got), changed %v:\n%s", changed, diff)
	}
	// A page without margin boxes, and a stream this does not read, are
	// left as they are.
	for _, in := range []string{want, "Q\nq\nBT\nET\nQ"} {
		if got, changed := withoutMargins([]byte(in)); changed || string(got) != in {
			t.Errorf("withoutMargins changed %q to %q", in, got)
		}
	}
}

func TestSVGTagEnd(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
	}{
		{`<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>`, 40},
		{`<?xml version="1.0"?>` + "\n" + `<svg a='x>y' b="1">`, 41},
		{`<svg/>`, -1},
		{`<html></html>`, -1},
	} {
		if got := svgTagEnd([]byte(tt.in)); got != tt.want {
			t.Errorf("svgTagEnd(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

// indexGives reports whether an index, as text, has an entry for subject
// (without a qualifier) whose pages include page n, as itself or within a
// range such as 12–14.
func indexGives(index, subject string, n int) bool {
	re := regexp.MustCompile(`(?:^|[\d ])` + regexp.QuoteMeta(subject) + `, ((?:\d+(?:–\d+)?(?:, )?)+)`)
	for _, m := range re.FindAllStringSubmatch(index, -1) {
		for _, p := range strings.Split(strings.TrimSuffix(m[1], ", "), ", ") {
			a, b, _ := strings.Cut(p, "–")
			from, _ := strconv.Atoi(a)
			to := from
			if b != "" {
				to, _ = strconv.Atoi(b)
			}
			if from <= n && n <= to {
				return true
			}
		}
	}
	return false
}
