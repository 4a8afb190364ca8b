package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"
)

// TestEscapedOnce checks that alt text, titles and link targets with
// character references, quotes, backslash escapes and ampersands are
// escaped for HTML once, on the site and in the book: raw is the
// attribute as written in the HTML, text what a reader's browser makes of
// it.
func TestEscapedOnce(t *testing.T) {
	for _, tc := range []struct {
		name, md  string
		tag, attr string
		raw, text string
	}{
		{"alt with apostrophe and quotes", `![The nursery's "talking garden"](x.svg)`, "img", "alt",
			"The nursery&rsquo;s &ldquo;talking garden&rdquo;", "The nursery\u2019s \u201ctalking garden\u201d"},
		{"alt with a reference", `![R&amp;D at Plashet](x.svg)`, "img", "alt", "R&amp;D at Plashet", "R&D at Plashet"},
		{"alt with a bare ampersand", `![Salt & pepper](x.svg)`, "img", "alt", "Salt &amp; pepper", "Salt & pepper"},
		{"alt with named and numeric references", `![caf&eacute; &#35; &#x41;](x.svg)`, "img", "alt", "café # A", "café # A"},
		{"alt with backslash escapes", `![\*not emphasis\* \[x\] \\](x.svg)`, "img", "alt", `*not emphasis* [x] \`, `*not emphasis* [x] \`},
		{"alt with emphasis and code", "![a *b* `c<\\*>`](x.svg)", "img", "alt", `a b c&lt;\*&gt;`, `a b c<\*>`},
		{"alt with markup characters", `![1 < 2 > 0](x.svg)`, "img", "alt", "1 &lt; 2 &gt; 0", "1 < 2 > 0"},
		{"alt over two lines", "![one\ntwo](x.svg)", "img", "alt", "one\ntwo", "one\ntwo"},
		{"alt with an autolink", `![see <https://example.org/a\b>](x.svg)`, "img", "alt", `see https://example.org/a\b`, `see https://example.org/a\b`},
		{"image title with a reference", `An ![a](x.svg "Ofsted &amp; schools")`, "img", "title", "Ofsted &amp; schools", "Ofsted & schools"},
		{"image title with escaped quotes", `An ![a](x.svg "say \"hello\"")`, "img", "title", "say &quot;hello&quot;", `say "hello"`},
		{"image title in single quotes", `An ![a](x.svg 'it\'s "ours"')`, "img", "title", "it's &quot;ours&quot;", `it's "ours"`},
		{"link title with a reference", `[a](x.md "Ofsted &amp; schools")`, "a", "title", "Ofsted &amp; schools", "Ofsted & schools"},
		{"link title with a backslash", `[a](x.md "a\\b \* c")`, "a", "title", `a\b * c`, `a\b * c`},
		{"link title with a bare ampersand", `[a](x.md "Fish & chips")`, "a", "title", "Fish &amp; chips", "Fish & chips"},
		{"reference link title", "[a][r]\n\n[r]: x.md \"R&amp;D \\\"lab\\\"\"", "a", "title", "R&amp;D &quot;lab&quot;", `R&D "lab"`},
		{"link target with a reference", `[a](https://example.org/?a=1&amp;b=2)`, "a", "href", "https://example.org/?a=1&amp;b=2", "https://example.org/?a=1&b=2"},
		{"link target with a backslash escape", `[a](https://example.org/\*x)`, "a", "href", "https://example.org/*x", "https://example.org/*x"},
		{"autolink keeps its backslash", `<https://example.com?find=\*>`, "a", "href", "https://example.com?find=%5C*", "https://example.com?find=%5C*"},
		{"autolink with an ampersand", `<https://example.com?a=1&b=2>`, "a", "href", "https://example.com?a=1&amp;b=2", "https://example.com?a=1&b=2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := New()
			d := c.Parse([]byte(tc.md+"\n"), 1)
			site := c.Render(d)
			d.SetIDPrefix("s")
			book := c.RenderBook(d)
			for _, out := range []struct {
				name string
				html []byte
			}{{"site", site}, {"book", book}} {
				if raw := ` ` + tc.attr + `="` + tc.raw + `"`; !bytes.Contains(out.html, []byte(raw)) {
					t.Errorf("%s: no %s in\n%s", out.name, raw, out.html)
				}
				got, ok := attr(out.html, tc.tag, tc.attr)
				if !ok {
					t.Errorf("%s: no <%s %s> in\n%s", out.name, tc.tag, tc.attr, out.html)
					continue
				}
				if diff := cmp.Diff(tc.text, got); diff != "" {
					t.Errorf("%s: %s as read (-want +got):\n%s", out.name, tc.attr, diff)
				}
			}
		})
	}
}

// attr returns the value, as a browser reads it, of attribute name of the
// first element tag in b.
func attr(b []byte, tag, name string) (string, bool) {
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return "", false
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if tok.Data != tag {
				continue
			}
			for _, a := range tok.Attr {
				if a.Key == name {
					return a.Val, true
				}
			}
		}
	}
}

// TestRawHTMLParagraph checks that a paragraph that held only raw HTML is
// left out, not written as an empty <p></p>, and that one with text keeps
// its text.
func TestRawHTMLParagraph(t *testing.T) {
	c := New()
	for _, tc := range []struct{ md, want string }{
		{"<a href=\"x\"><img src=y></a>\n\nNext.\n", "<p>Next.</p>\n"},
		{"<span>\n</span>\n\nNext.\n", "<p>Next.</p>\n"},
		{"> <b></b>\n", "<blockquote>\n</blockquote>\n"},
		{"<b>Bold</b> words.\n", "<p>Bold words.</p>\n"},
		{"![x](javascript:alert(1))\n", ""},
	} {
		d := c.Parse([]byte(tc.md), 1)
		if got := string(c.Render(d)); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.md, got, tc.want)
		}
		if strings.Contains(string(c.RenderBook(d)), "<p></p>") {
			t.Errorf("%q: an empty paragraph in the book", tc.md)
		}
	}
}

// TestDecodedTargets checks that link targets are checked as the URL they
// stand for, their backslash escapes and character references decoded,
// so that a scheme spelled with them is still refused, and relative
// links reach the caller decoded.
func TestDecodedTargets(t *testing.T) {
	c := New()
	for _, tc := range []struct {
		md, dest string // dest: the link the caller resolves, if any
		refused  bool
	}{
		{"[x](java&#115;cript:alert(1))", "", true},
		{"[x](javascript\\:alert(1))", "", true},
		{"![x](&#100;ata:image/png;base64,AAAA)", "", true},
		{"[x]: java&#115;cript:alert(1)\n\n[x]", "", true},
		{"[x](a\\_b.md)", "a_b.md", false},
		{"[x](caf&eacute;.md#top)", "café.md#top", false},
	} {
		d := c.Parse([]byte(tc.md+"\n"), 1)
		out := string(c.Render(d))
		if tc.refused {
			if strings.Contains(out, "<a") || strings.Contains(out, "<img") || len(d.Warnings) != 1 {
				t.Errorf("%q: not refused: %s %v", tc.md, out, d.Warnings)
			}
			continue
		}
		if len(d.Links) != 1 || d.Links[0].Dest != tc.dest {
			t.Errorf("%q: links %+v, want one to %q", tc.md, d.Links, tc.dest)
		}
	}
}
