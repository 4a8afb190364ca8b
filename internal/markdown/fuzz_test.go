package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2/lexers"

	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"
)

// activeElements are the elements a rendered body must never contain.
var activeElements = map[string]bool{"script": true, "iframe": true, "object": true, "embed": true, "style": true, "svg": true, "math": true, "form": true, "base": true, "meta": true, "link": true, "frame": true}

var scriptURL = regexp.MustCompile(`(?i)^(javascript|vbscript|data):`)

// unsafe returns what in HTML could run script: an active element, an
// event-handler attribute or a script URL.
func unsafe(b []byte) string {
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return ""
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		if activeElements[tok.Data] {
			return tok.String()
		}
		for _, a := range tok.Attr {
			v := strings.Map(func(r rune) rune {
				if r <= ' ' || r == 0x7f {
					return -1
				}
				return r
			}, a.Val)
			if strings.HasPrefix(strings.ToLower(a.Key), "on") || a.Key == "style" || scriptURL.MatchString(v) {
				return tok.String()
			}
		}
	}
}

// offSite matches a URL that a browser loads from another host: with a
// scheme that has hosts, or protocol-relative (a backslash reads as a
// slash).
var offSite = regexp.MustCompile(`(?i)^((https?|ftp|wss?|file):|[/\\]{2})`)

// leaky returns what in HTML tells another site about its readers, when
// no remote image was allowed: an image from another host, or a link to
// one that sends the page's address (no rel="noopener noreferrer").
func leaky(b []byte) string {
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return ""
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		var url, rel string
		for _, a := range tok.Attr {
			switch a.Key {
			case "src", "href":
				url = strings.Map(func(r rune) rune {
					if r == '\t' || r == '\n' || r == '\r' {
						return -1
					}
					return r
				}, strings.Trim(a.Val, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\v\f\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "))
			case "rel":
				rel = " " + a.Val + " "
			}
		}
		switch {
		case tok.Data == "img" && offSite.MatchString(url):
			return "a remote image " + tok.String()
		case tok.Data == "a" && offSite.MatchString(url) &&
			(!strings.Contains(rel, " noopener ") || !strings.Contains(rel, " noreferrer ")):
			return "an external link without rel=\"noopener noreferrer\" " + tok.String()
		}
	}
}

// FuzzConvert parses and renders any text, for the site and the book. It
// must not panic or hang, positions must stay inside the body, and the
// HTML must hold nothing active, no remote image (none is resolved) and
// no external link without rel. The seed corpus in
// testdata/fuzz/FuzzConvert holds the feature tests of testdata/*.txt and
// hostile Markdown.
func FuzzConvert(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txt")
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b, 1)
		}
	}
	f.Add([]byte("[x](javascript:alert(1)) <script>alert(1)</script> ![y](data:text/html,x)"), 12)
	f.Add([]byte("[a](//evil.example/) ![b](//evil.example/p.gif) ![c](HTTPS://evil.example/p.gif)\n\n[r]: //evil.example/r\n"), 3)
	c := New()
	f.Fuzz(func(t *testing.T, src []byte, bodyLine int) {
		if !utf8.Valid(src) {
			return // content is checked to be UTF-8 before it gets here
		}
		bodyLine = 1 + (bodyLine&0xffff)%1000
		d := c.Parse(src, bodyLine)
		last := bodyLine + bytes.Count(src, []byte("\n"))
		for _, w := range d.Warnings {
			if w.Line < bodyLine || w.Line > last || w.Col < 1 {
				t.Errorf("warning %q at %d:%d, outside lines %d-%d", w.Text, w.Line, w.Col, bodyLine, last)
			}
		}
		for _, l := range d.Links {
			if l.Line < bodyLine || l.Line > last || l.Col < 1 {
				t.Errorf("link %q at %d:%d, outside lines %d-%d", l.Dest, l.Line, l.Col, bodyLine, last)
			}
			if _, remote := RemoteHost(l.Dest); !remote {
				l.Resolve("/case-studies/x/", "", 0, 0)
				l.ResolveCaseStudy("x", "")
			}
		}
		d.SetIDPrefix("slug")
		site, bookHTML := c.RenderLinks(d), c.RenderBookLinks(d)
		for _, h := range []HTML{site, bookHTML} {
			checkRefs(t, h)
		}
		book, figs := bookHTML.HTML, bookHTML.Figures
		if len(figs) != len(d.Figures) {
			t.Errorf("RenderBookLinks gave %d figures, the Doc has %d", len(figs), len(d.Figures))
		}
		ids := map[string]bool{}
		for _, h := range d.Headings {
			ids[h.ID] = true
		}
		for i, f := range figs {
			if f.Label[0] < 0 || f.Label[1] > len(book) || string(book[f.Label[0]:f.Label[1]]) != strconv.Itoa(i+1) || f.Number != i+1 {
				t.Errorf("figure %d: label %v does not hold its number in\n%s", i+1, f.Label, book)
			}
			if ids[f.ID] {
				t.Errorf("figure %d: id %q is taken twice", i+1, f.ID)
			}
			ids[f.ID] = true
		}
		n, moved := NumberFigures(string(book), figs, 7, bookHTML.Links)
		if strings.Count(n, `<span class="figure-label">Figure 7.`) != len(figs) {
			t.Errorf("NumberFigures numbered %d of %d figures:\n%s", strings.Count(n, `<span class="figure-label">Figure 7.`), len(figs), n)
		}
		// The links, moved, still lie on their hrefs in the numbered HTML.
		checkRefs(t, HTML{HTML: []byte(n), Links: moved})
		for _, out := range [][]byte{site.HTML, book} {
			if u := unsafe(out); u != "" {
				t.Errorf("unsafe HTML %s in output:\n%s", u, out)
			}
			if u := leaky(out); u != "" {
				t.Errorf("%s in output:\n%s", u, out)
			}
			if !utf8.Valid(out) {
				t.Errorf("output is not UTF-8")
			}
		}
		_ = strings.TrimSpace(d.Text())
	})
}

// checkRefs checks that the links of h lie, in order, on href attributes
// of h's <a> tags, and that rewriting them all by place, each to itself,
// gives h.
func checkRefs(t *testing.T, h HTML) {
	t.Helper()
	s, last := string(h.HTML), 0
	for _, r := range h.Links {
		if r.Start < last+2 || !(r.Start <= r.HrefStart && r.HrefStart <= r.HrefEnd && r.HrefEnd < r.End && r.End <= len(s)) ||
			s[r.Start-2:r.HrefStart] != `<a href="` || s[r.HrefEnd] != '"' || strings.Contains(s[r.HrefStart:r.HrefEnd], `"`) {
			t.Errorf("link %+v is not on an href of:\n%s", r, s)
			return
		}
		last = r.End
	}
	if got := Rewrite(s, h.Links, func(s string, r *Ref) (string, bool) { return s[r.Start:r.End], true }); got != s {
		t.Errorf("rewriting each link to itself changed the HTML:\n%s\nto\n%s", s, got)
	}
}

// FuzzPlainParser checks the parser without Linkify that Parse takes for
// a body in which Linkify can find no address: on such a body it must
// give the HTML, headings and links that the full parser gives. The seeds
// are the feature tests and the sample book's case studies, with their
// addresses made plain text.
func FuzzPlainParser(f *testing.F) {
	defang := strings.NewReplacer("http:", "hxxp:", "https:", "hxxps:", "ftp:", "fxp:", "www.", "w w w.", "@", " at ")
	files, _ := filepath.Glob("testdata/*.txt")
	more, _ := filepath.Glob("../../content/case-studies/*.md")
	files = append(files, more...)
	more, _ = filepath.Glob("../../content/case-studies/*/index.md")
	files = append(files, more...)
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add([]byte(defang.Replace(string(b))))
		}
	}
	f.Add([]byte("A line (with *emphasis* and ~strike~) and _under_ text.\n\n* a\n* (b)\n"))
	c := New()
	f.Fuzz(func(t *testing.T, src []byte) {
		if mayLink(src) || len(src) > 1<<16 {
			return
		}
		full := &Doc{src: src, bodyLine: 1}
		pc := parser.NewContext()
		pc.Set(docKey, full)
		full.root = c.parser.Parse(text.NewReader(src), parser.WithContext(pc))
		plain := c.Parse(src, 1)
		// Linkify, looking at every space, keeps the spaces before a hard
		// line break, which CommonMark drops and the plain parser does.
		trailing := regexp.MustCompile(` +<br>`)
		for _, r := range []func(*Doc) []byte{c.Render, c.RenderBook} {
			if a, b := trailing.ReplaceAll(r(full), []byte("<br>")), r(plain); !bytes.Equal(a, b) {
				t.Fatalf("the parsers differ on %q:\nfull:  %s\nplain: %s", src, a, b)
			}
		}
		if len(full.Headings) != len(plain.Headings) || len(full.Links) != len(plain.Links) || len(full.Warnings) != len(plain.Warnings) {
			t.Fatalf("the parsers find different headings, links or warnings in %q", src)
		}
	})
}

// FuzzHighlight highlights any code within the limits with any chroma
// lexer, chosen by its index among the lexer names. It must not panic,
// must stop (a lexer stuck on empty tokens is caught; one past 10 s on
// code within the limits is a fault: lower the limits or list it in
// slowLexers), and must write the code escaped, in nothing but pre,
// code and span elements.
func FuzzHighlight(f *testing.F) {
	names := lexers.Names(false)
	sort.Strings(names)
	index := func(name string) uint16 { return uint16(sort.SearchStrings(names, name)) }
	f.Add(index("Jungle"), "{\n")
	f.Add(index("JSONata"), "\"\n")
	f.Add(index("Gnuplot"), "\""+strings.Repeat("a", maxCodeLine-1)+"\n")
	f.Add(index("C"), strings.Repeat("\n", 400))
	f.Add(index("SQL"), "select '</code><script>alert(1)</script>' from t;\n")
	f.Add(index("PowerShell"), "\"$(\n")
	f.Add(index("markdown"), "[a](\n")
	f.Fuzz(func(t *testing.T, n uint16, code string) {
		if !utf8.ValidString(code) || len(code) > maxCodeBytes || longestLine(code) > maxCodeLine {
			return
		}
		name := names[int(n)%len(names)]
		lexer := lexers.Get(name)
		if lexer == nil || slowLexers[lexer.Config().Name] {
			return
		}
		h := highlightCode(lexer, code, 10*time.Second)
		if h.why == whyTime {
			t.Fatalf("%s took over 10 s on %d bytes: %.60q", name, len(code), code)
		}
		if h.why != highlighted {
			h.html = plain(code)
		}
		if u := unsafe(h.html); u != "" {
			t.Fatalf("%s: unsafe HTML %s", name, u)
		}
		z := html.NewTokenizer(bytes.NewReader(h.html))
		for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
			if tt == html.StartTagToken || tt == html.EndTagToken || tt == html.SelfClosingTagToken {
				if tag, _ := z.TagName(); string(tag) != "pre" && string(tag) != "code" && string(tag) != "span" {
					t.Fatalf("%s: element %s in the HTML of %.60q", name, tag, code)
				}
			}
		}
	})
}
