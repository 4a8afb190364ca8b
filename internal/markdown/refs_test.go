package markdown

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// refsBody has a link of every kind; other.md is resolved to a case study,
// guide.pdf to a file of the site.
const refsBody = `# Plan

See [Oak](other.md#results), [the guide](guide.pdf), [a note](#fn:1),
[the plan](#plan), [call](tel:+441234), [write](mailto:a@example.org),
<b@example.org>, [https://example.org/a](https://example.org/a),
[titled](https://example.org/a "T"), [words](https://example.org/a),
<https://example.org/b?x=1&y=2>, [far](//example.net/x) and
[![pic](https://example.org/p.png)](https://example.org/p.png).[^1]

[^1]: A note.
`

func resolveRefs(t *testing.T, d *Doc) {
	t.Helper()
	for _, l := range d.Links {
		switch l.Dest {
		case "other.md#results":
			l.Resolve("/case-studies/oak/#results", "", 0, 0)
			l.ResolveCaseStudy("oak", "results")
		case "guide.pdf":
			l.Resolve("/files/guide.pdf", "", 0, 0)
		}
	}
}

// TestRefs checks the links that rendering records: their targets, where
// their attributes are, and which are bare.
func TestRefs(t *testing.T) {
	c := New()
	d := c.Parse([]byte(refsBody), 1)
	resolveRefs(t, d)
	d.SetIDPrefix("s")
	type got struct {
		Kind       TargetKind
		Slug, Frag string
		Attrs      string
		Href       string
		Bare       bool
	}
	want := func(book bool) []got {
		plan, note := "#plan", "#fn:1"
		if book {
			plan, note = "#s--plan", "#s-fn:1"
		}
		ext := ` class="external" rel="noopener noreferrer"`
		return []got{
			{TargetCaseStudy, "oak", "results", ` href="/case-studies/oak/#results"`, "/case-studies/oak/#results", false},
			{TargetSite, "", "", ` href="/files/guide.pdf"`, "/files/guide.pdf", false},
			{TargetFootnote, "", "fn:1", ` href="` + note + `"`, note, false},
			{TargetHere, "", "plan", ` href="` + plan + `"`, plan, false},
			{TargetOther, "", "", ` href="tel:+441234"`, "tel:+441234", false},
			{TargetMail, "", "", ` href="mailto:a@example.org"`, "mailto:a@example.org", false},
			{TargetMail, "", "", ` href="mailto:b@example.org"`, "mailto:b@example.org", false},
			{TargetExternal, "", "", ` href="https://example.org/a"` + ext, "https://example.org/a", true},
			{TargetExternal, "", "", ` href="https://example.org/a"` + ext, "https://example.org/a", false},
			{TargetExternal, "", "", ` href="https://example.org/a"` + ext, "https://example.org/a", false},
			{TargetExternal, "", "", ` href="https://example.org/b?x=1&amp;y=2"` + ext, "https://example.org/b?x=1&amp;y=2", true},
			{TargetExternal, "", "", ` href="//example.net/x"` + ext, "//example.net/x", false},
			{TargetExternal, "", "", ` href="https://example.org/p.png"` + ext, "https://example.org/p.png", false},
		}
	}
	for _, book := range []bool{false, true} {
		h := c.RenderLinks(d)
		if book {
			h = c.RenderBookLinks(d)
		}
		var out []got
		for _, r := range h.Links {
			out = append(out, got{r.Kind, r.Slug, r.Fragment, string(h.HTML[r.Start:r.End]), string(h.HTML[r.HrefStart:r.HrefEnd]), r.Bare})
			if string(h.HTML[r.Start-2:r.Start]) != "<a" {
				t.Errorf("book %v: link %s does not start after <a", book, h.HTML[r.Start:r.End])
			}
		}
		if diff := cmp.Diff(want(book), out); diff != "" {
			t.Errorf("book %v: links (-want +got):\n%s\nin %s", book, diff, h.HTML)
		}
	}
}

// TestRewrite rewrites the links of a body by place.
func TestRewrite(t *testing.T) {
	c := New()
	d := c.Parse([]byte("[a](https://example.org/) and <https://example.org/> and [b](#x)\n"), 1)
	h := c.RenderLinks(d)
	got := Rewrite(string(h.HTML), h.Links, func(s string, r *Ref) (string, bool) {
		switch {
		case r.Kind == TargetHere:
			return ` href="#y"`, true
		case r.Bare:
			return s[r.Start:r.HrefEnd] + `" class="url"`, true
		}
		return "", false
	})
	want := `<p><a href="https://example.org/" class="external" rel="noopener noreferrer">a</a> and <a href="https://example.org/" class="url">https://example.org/</a> and <a href="#y">b</a></p>` + "\n"
	if got != want {
		t.Errorf("Rewrite:\n got %s\nwant %s", got, want)
	}
	if got := Rewrite(string(h.HTML), h.Links, func(string, *Ref) (string, bool) { return "", false }); got != string(h.HTML) {
		t.Errorf("Rewrite that changes nothing gave %s", got)
	}
	if got := Rewrite("<p>short</p>", h.Links, func(string, *Ref) (string, bool) { return "x", true }); got != "<p>short</p>" {
		t.Errorf("Rewrite with the links of longer HTML gave %s", got)
	}
}

// TestBookFootnoteLink checks that a link to a footnote of the same case
// study goes, in the book, to the footnote's id there.
func TestBookFootnoteLink(t *testing.T) {
	c := New()
	d := c.Parse([]byte("See [the note](#fn:1).[^1]\n\n[^1]: A note.\n"), 1)
	d.SetIDPrefix("s")
	book := string(c.RenderBook(d))
	if !strings.Contains(book, `<a href="#s-fn:1">the note</a>`) || !strings.Contains(book, `id="s-fn:1"`) {
		t.Errorf("the book's link to the footnote does not go to its id:\n%s", book)
	}
}
