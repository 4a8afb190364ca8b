package markdown

import (
	"bytes"
	stdhtml "html"
	"net/url"
	"strings"

	"github.com/yuin/goldmark/util"

	"buildbook/internal/ids"
)

// TargetKind says where a link of converted HTML goes.
type TargetKind uint8

const (
	// TargetOther is any other link: a file published with the site, a
	// tel: number, a relative address.
	TargetOther TargetKind = iota
	// TargetCaseStudy is a case study of this collection, at
	// Target.Fragment ("" for its top). Its href is its site page; the
	// book makes it a link within the book.
	TargetCaseStudy
	// TargetSite is a page or file of the site, by its path from the
	// host's root ("/case-studies/", "/sub/about/").
	TargetSite
	// TargetExternal is an http or https address, or a protocol-relative
	// one ("//host/x").
	TargetExternal
	// TargetMail is a mailto: address.
	TargetMail
	// TargetHere is an element of this document: "#id".
	TargetHere
	// TargetFootnote is a footnote of this document, or a reference to
	// one ("#fn:1", "#fnref:1").
	TargetFootnote
)

// Target is where a link goes, as the converter resolved it.
type Target struct {
	Kind TargetKind
	// Slug is the case study of a TargetCaseStudy.
	Slug string
	// Fragment is the fragment of a TargetCaseStudy, TargetHere or
	// TargetFootnote, without its "#", as the link's author wrote it
	// (percent-encoded or not).
	Fragment string
}

// Ref is a link of converted HTML: its target, and where the attributes
// that the converter writes first in its <a> tag lie, so that a reader of
// the HTML (the book, the EPUB) rewrites them by place rather than by
// searching the HTML.
type Ref struct {
	Target
	// Start and End bound the attributes: html[Start:End] is
	// ` href="…"`, followed on an external link by its class and rel;
	// Start is just after "<a". HrefStart and HrefEnd bound the href's
	// value, as written: percent-encoded and escaped for HTML.
	Start, HrefStart, HrefEnd, End int
	// Bare says that the link's text is its own address, as in
	// <https://example.org>: print needs no note to give it.
	Bare bool
}

// HTML is a body converted to HTML, with its links in the order they
// appear.
type HTML struct {
	HTML  []byte
	Links []Ref
	// Figures are the figures of the HTML, with where each one's number
	// is (Figure.Label), for NumberFigures on a book's; nil when the
	// document has none.
	Figures []Figure
}

// Attr is the value of an href attribute as the converter writes it for
// the URL u: percent-encoded where a URL needs it, then escaped for HTML.
func Attr(u string) string { return string(util.EscapeHTML(escapeURL([]byte(u)))) }

// Rewrite copies html, replacing the attributes of each link of links
// (html[Start:End]) by what attrs gives; where attrs returns false, the
// link is left as it is. links must be in order, as the converter made
// them for html.
func Rewrite(html string, links []Ref, attrs func(html string, r *Ref) (string, bool)) string {
	var b strings.Builder
	last := 0
	for i := range links {
		r := &links[i]
		if r.Start < last || r.End > len(html) {
			continue // not links of this HTML: leave it as it is
		}
		a, ok := attrs(html, r)
		if !ok {
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(html) + len(html)/16)
		}
		b.WriteString(html[last:r.Start])
		b.WriteString(a)
		last = r.End
	}
	if last == 0 {
		return html
	}
	b.WriteString(html[last:])
	return b.String()
}

// htmlWriter is where a renderer writes: a buffer that knows how much it
// holds, so that a link records where it is, and the links written so far.
type htmlWriter struct {
	bytes.Buffer
	links  []Ref
	open   int      // the link whose text is being written, or -1
	text   int      // where its text starts
	labels [][2]int // where each figure's number is, as figure writes it
	tables int      // the tables written so far
}

// Buffered, Flush and Available make htmlWriter a util.BufWriter, which
// goldmark writes to as it is rather than through a bufio.Writer.
func (w *htmlWriter) Buffered() int { return 0 }
func (w *htmlWriter) Flush() error  { return nil }

var _ util.BufWriter = (*htmlWriter)(nil)

// typed is the target of a link to dest (a site page's href), when the
// caller has not typed it (t is TargetOther): typed from dest.
func typed(dest []byte, t Target) Target {
	if t.Kind != TargetOther {
		return t
	}
	s := scheme(string(dest))
	switch {
	case s == "http" || s == "https" || protocolRelative(escapeURL(dest)):
		t.Kind = TargetExternal
	case s == "mailto":
		t.Kind = TargetMail
	case len(dest) > 0 && dest[0] == '#':
		t.Kind, t.Fragment = TargetHere, string(dest[1:])
		if ids.IsFootnote(t.Fragment) {
			t.Kind = TargetFootnote
		}
	case len(dest) > 0 && dest[0] == '/':
		t.Kind = TargetSite
	}
	return t
}

// writeLinkAttrs writes the first attributes of a link's <a> tag, after
// "<a": its href and, when it leaves the site, class and rel. Writing to
// an htmlWriter, it records the link, with target t.
func writeLinkAttrs(w util.BufWriter, href []byte, t Target) {
	hw, _ := w.(*htmlWriter)
	start := 0
	if hw != nil {
		start = hw.Len()
	}
	u := escapeURL(href)
	v := util.EscapeHTML(u)
	_, _ = w.WriteString(` href="`)
	_, _ = w.Write(v)
	_ = w.WriteByte('"')
	if s := scheme(string(href)); s == "http" || s == "https" || protocolRelative(u) {
		_, _ = w.WriteString(` class="external" rel="noopener noreferrer"`)
	}
	if hw == nil {
		return
	}
	hs := start + len(` href="`)
	he := hs + len(v)
	hw.links = append(hw.links, Ref{Target: t, Start: start, HrefStart: hs, HrefEnd: he, End: hw.Len()})
}

// openText marks the start of the text of the link just recorded.
func openText(w util.BufWriter) {
	if hw, ok := w.(*htmlWriter); ok && len(hw.links) > 0 {
		hw.open, hw.text = len(hw.links)-1, hw.Len()
	}
}

// closeText ends the text of the open link, and tells whether an
// external link without a title is bare: its text is its own address.
func closeText(w util.BufWriter, titled bool) {
	hw, ok := w.(*htmlWriter)
	if !ok || hw.open < 0 {
		return
	}
	r := &hw.links[hw.open]
	hw.open = -1
	if r.Kind != TargetExternal || titled {
		return
	}
	b := hw.Bytes()
	text := b[hw.text:]
	if len(text) == 0 || bytes.IndexByte(text, '<') >= 0 {
		return
	}
	r.Bare = plainURL(string(b[r.HrefStart:r.HrefEnd])) == plainURL(string(text))
}

// plainURL is a URL as a reader compares it: unescaped for HTML and from
// its percent-encoding (an autolink's text keeps the backslash or the é
// that its href has as %5C or %C3%A9), without its scheme and final slash.
func plainURL(s string) string {
	s = stdhtml.UnescapeString(s)
	if u, err := url.PathUnescape(s); err == nil {
		s = u
	}
	for _, p := range []string{"https://", "http://", "//", "mailto:"} {
		s = strings.TrimPrefix(s, p)
	}
	return strings.TrimSuffix(s, "/")
}
