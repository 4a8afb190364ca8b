package build

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"golang.org/x/net/html"

	"buildbook/internal/diag"
	"buildbook/internal/markdown"
)

// fuzzSite is a small content folder; the fuzzer writes the body of
// case-studies/fuzz/index.md, a page bundle beside an image and another
// case study.
var fuzzSite = map[string]string{
	"book.yaml":                   "title: Fuzz\nbase_url: https://example.org/sub/\n",
	"taxonomies.yaml":             "- id: pillars\n  title: Pillars\n  terms:\n    - id: vision\n      title: Vision\n",
	"case-studies/other.md":       "---\ntitle: Other\nschool: S\nauthors: [A]\ndate: 2024-01-01\nsummary: S.\n---\n\n## Lessons learnt\n\nText.[^1]\n\n[^1]: A note.\n",
	"case-studies/draft.md":       "---\ntitle: Draft\nschool: S\nauthors: [A]\ndate: 2024-01-01\nsummary: S.\ndraft: true\n---\n\nText.\n",
	"case-studies/fuzz/plan.svg":  `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="2"/>`,
	"case-studies/fuzz/notes.pdf": "%PDF-1.4\n",
	"pages/about.md":              "---\ntitle: About\n---\n\n# Who we are\n",
}

const fuzzHead = "---\ntitle: Fuzz\nschool: S\nauthors: [A]\ndate: 2024-01-01\nsummary: S.\n---\n"

// FuzzLinks compiles a site whose case study body is the fuzzer's input,
// full of links to rewrite. Nothing may panic; every message about the
// body must point at one of its lines; every link in the site and book
// HTML must be a relative or http(s), mailto or tel URL, or the book's
// placeholder; and a link to another case study must reach its page.
func FuzzLinks(f *testing.F) {
	for _, seed := range []string{
		"[other](../other.md) [frag](../other.md#lessons-learnt) [note](../other.md#fn:1)",
		"![plan](plan.svg) [notes](notes.pdf) [about](../../pages/about.md#who-we-are)",
		"[self](#heading) [up](../../book.yaml) [out](../../../x.md) [abs](/etc/passwd)",
		"[draft](../draft.md) [dir](../fuzz/) [q](../other.md?x=1#lessons-learnt) [pct](pl%61n.svg)",
		"<https://example.org/> [js](javascript:alert(1)) [mail](mailto:a@b.c) ![x](data:x)",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if !utf8.ValidString(body) || strings.ContainsRune(body, 0) {
			return // rejected before conversion, as the contract says
		}
		fsys := fstest.MapFS{}
		for name, data := range fuzzSite {
			fsys[name] = &fstest.MapFile{Data: []byte(data)}
		}
		fsys["case-studies/fuzz/index.md"] = &fstest.MapFile{Data: []byte(fuzzHead + body)}
		var diags diag.List
		c, err := Compile(Options{Content: "content", ContentFS: fsys}, &diags)
		if err != nil {
			t.Fatal(err)
		}
		first, last := strings.Count(fuzzHead, "\n")+1, strings.Count(fuzzHead+body, "\n")+1
		for _, d := range diags.Sorted() {
			if d.File == "content/case-studies/fuzz/index.md" && d.Line != 1 && (d.Line < first || d.Line > last) {
				t.Errorf("%s: outside the body, lines %d-%d", d, first, last)
			}
		}
		if c == nil {
			return
		}
		for i, cs := range c.Site.CaseStudies {
			if cs.Slug != "fuzz" {
				continue
			}
			checkHrefs(t, string(c.Input.Bodies[i]))
			checkHrefs(t, string(c.Input.BookBodies[i]))
			checkRefs(t, string(c.Input.BookBodies[i]), c.Input.BookLinks(i))
		}
	})
}

// checkRefs checks the typed links of a rendered body: each lies on an
// href of the body, in order, and a link to a case study names one that
// exists.
func checkRefs(t *testing.T, body string, refs []markdown.Ref) {
	t.Helper()
	last := 0
	for _, r := range refs {
		if r.Start < last || r.Start > r.HrefStart || r.HrefStart > r.HrefEnd || r.HrefEnd > r.End || r.End > len(body) ||
			body[r.Start:r.HrefStart] != ` href="` || body[r.HrefEnd] != '"' {
			t.Errorf("link %+v is not at an href of the body", r)
			return
		}
		last = r.End
		if r.Kind == markdown.TargetCaseStudy && r.Slug != "other" && r.Slug != "fuzz" {
			t.Errorf("book link %s to a case study that does not exist", body[r.Start:r.End])
		}
	}
}

// checkHrefs checks every href and src of a rendered body.
func checkHrefs(t *testing.T, body string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		tok := z.Token()
		for _, a := range tok.Attr {
			if a.Key != "href" && a.Key != "src" {
				continue
			}
			v := a.Val
			switch {
			case strings.HasPrefix(v, "#"), strings.HasPrefix(v, "https://"), strings.HasPrefix(v, "http://"), strings.HasPrefix(v, "mailto:"), strings.HasPrefix(v, "tel:"):
			case strings.HasPrefix(v, "/sub/"):
				if strings.Contains(v, "/../") || strings.HasSuffix(v, ".md") || strings.Contains(v, ".md#") {
					t.Errorf("link %s is not rewritten to a page", tok)
				}
			default:
				if !isRelativeSafe(v) {
					t.Errorf("%s: %q is neither a site path nor an allowed URL", tok, v)
				}
			}
		}
	}
}

// isRelativeSafe reports whether v is a URL without a scheme (a link the
// contributor wrote to something on the web, such as //host/ or a path
// that did not need rewriting).
func isRelativeSafe(v string) bool {
	for _, r := range v {
		switch {
		case r == ':':
			return false
		case r == '/' || r == '?' || r == '#':
			return true
		}
	}
	return !bytes.ContainsAny([]byte(v), "\x00")
}

// TestFuzzSiteLinks checks that the fuzz site compiles with the first two
// seeds, so that FuzzLinks checks rewritten links and not only errors.
func TestFuzzSiteLinks(t *testing.T) {
	fsys := fstest.MapFS{}
	for name, data := range fuzzSite {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	fsys["case-studies/fuzz/index.md"] = &fstest.MapFile{Data: []byte(fuzzHead + "[other](../other.md#lessons-learnt) ![plan](plan.svg) [about](../../pages/about.md)\n")}
	var diags diag.List
	c, err := Compile(Options{Content: "content", ContentFS: fsys}, &diags)
	if err != nil || c == nil {
		t.Fatalf("the fuzz site does not compile: %v %v", err, diags.Sorted())
	}
	for i, cs := range c.Site.CaseStudies {
		if cs.Slug != "fuzz" {
			continue
		}
		for _, want := range []string{`href="/sub/case-studies/other/#lessons-learnt"`, `src="/sub/case-studies/fuzz/plan.svg"`, `href="/sub/about/"`} {
			if !strings.Contains(string(c.Input.Bodies[i]), want) {
				t.Errorf("site body has no %s:\n%s", want, c.Input.Bodies[i])
			}
		}
		book := string(c.Input.BookBodies[i])
		checkRefs(t, book, c.Input.BookLinks(i))
		want := markdown.Target{Kind: markdown.TargetCaseStudy, Slug: "other", Fragment: "lessons-learnt"}
		if ls := c.Input.BookLinks(i); len(ls) == 0 || ls[0].Target != want || book[ls[0].HrefStart:ls[0].HrefEnd] != "/sub/case-studies/other/#lessons-learnt" {
			t.Errorf("the book body's first link is not %+v, at its page on the site: %+v in\n%s", want, ls, book)
		}
		return
	}
	t.Fatal("no case study fuzz")
}
