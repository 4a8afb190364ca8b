package main

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"
)

// escapedOnce is a case study whose alt text, titles, figure caption and
// addresses hold character references, quotes, backslash escapes and
// ampersands, with a cover image whose name has a space and an apostrophe.
const escapedOnce = `
-- case-studies/garden/index.md --
+++
title = "A garden for reading"
school = "Hillside Primary"
authors = ["B. Teacher"]
date = 2023-05-01
summary = "A reading garden doubled library loans."
pillars = ["vision"]
capitals = ["moral", "knowledge"]
phase = "primary"
image = "June's plan.svg"
+++

## What we did

Our ![The nursery's "talking garden"](June's%20plan.svg "Ofsted &amp; schools") plan,
and ![caf&eacute; \*1\* & R&amp;D](plan.svg 'it\'s "ours"') the next.

![The plan](plan.svg "R&amp;D \"plans\" & <b>*more*</b>")

Read [Ofsted](https://example.org/?a=1&amp;b=2 "R&amp;D \"lab\"") and <https://example.com?find=\*>.
-- case-studies/garden/June's plan.svg --
<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20"><rect width="40" height="20" fill="green"/></svg>
`

// TestEscapedOnceOnPages builds escapedOnce and checks that the case
// study's page, the book and the edition show each alt text, title and
// address as written, escaped for HTML once, and that the book shows the
// cover image once, since the body has it, and knows the autolink for a
// link whose text is its address.
func TestEscapedOnceOnPages(t *testing.T) {
	dir := contentFolder(t, txtar.Parse([]byte(escapedOnce)))
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCLI(t, "build", "--content", dir, "--out", out); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	want := map[string][]string{ // attribute: values as a browser reads them
		"alt":   {"The nursery\u2019s \u201ctalking garden\u201d", "café *1* & R&D"},
		"title": {"Ofsted & schools", `it's "ours"`, `R&D "lab"`},
		"href":  {"https://example.org/?a=1&b=2", "https://example.com?find=%5C*"},
	}
	for _, page := range []string{"case-studies/garden/index.html", "book/index.html", "book/2024/index.html"} {
		t.Run(page, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(page)))
			if err != nil {
				t.Fatal(err)
			}
			got := attrValues(b)
			for name, values := range want {
				for _, v := range values {
					if !got[name][v] {
						t.Errorf("no %s=%q", name, v)
					}
				}
			}
			// Escaped twice, a reference would still be one once read.
			for name, values := range got {
				for v := range values {
					if doubled.MatchString(v) {
						t.Errorf("%s=%q is escaped twice", name, v)
					}
				}
			}
			// A figure's caption is its title's text, escaped once.
			if !bytes.Contains(b, []byte(`.</span> R&amp;D &quot;plans&quot; &amp; &lt;b&gt;*more*&lt;/b&gt;</figcaption>`)) {
				t.Errorf("the figure's caption is not its title escaped once")
			}
			if strings.HasPrefix(page, "book/") {
				// A link whose text is its address is not printed with its
				// address after it again.
				if !bytes.Contains(b, []byte(`<a href="https://example.com?find=%5C*" class="external url"`)) {
					t.Errorf("the autolink is not marked as its own address")
				}
				if n := imagesOf(b, "/case-studies/garden/June's plan.svg"); n != 1 {
					t.Errorf("the book shows the cover image %d times, want once (the body has it)", n)
				}
			}
		})
	}
}

// imagesOf counts the images of b whose source is the file at path.
func imagesOf(b []byte, path string) int {
	n := 0
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return n
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			for _, a := range tok.Attr {
				if u, err := url.PathUnescape(a.Val); tok.Data == "img" && a.Key == "src" && err == nil && u == path {
					n++
				}
			}
		}
	}
}

// doubled matches a character reference.
var doubled = regexp.MustCompile(`&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);`)

// attrValues returns the values of the alt, title and href attributes in
// b, as a browser reads them.
func attrValues(b []byte) map[string]map[string]bool {
	got := map[string]map[string]bool{}
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return got
		case html.StartTagToken, html.SelfClosingTagToken:
			for _, a := range z.Token().Attr {
				if a.Key == "alt" || a.Key == "title" || a.Key == "href" {
					if got[a.Key] == nil {
						got[a.Key] = map[string]bool{}
					}
					got[a.Key][a.Val] = true
				}
			}
		}
	}
}
