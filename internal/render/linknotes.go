package render

import (
	"bytes"
	"html/template"
	"slices"
	"strconv"
	"strings"

	xhtml "golang.org/x/net/html"
)

// pageOf gives the printed page of an id of the book, and whether it is
// known.
type pageOf func(id string) (int, bool)

// pageOf is the page of an id of the book as the layout knows it: a recto's
// page as the contents gives it, any other destination's as last printed.
// Without a layout (a browser's own printing) no page is known; during
// `buildbook pdf`'s first pass an unknown page is reported as 0, known, so
// that the text a page number takes is there from the first pass.
func (l *BookLayout) pageOf(id string) (int, bool) {
	if l == nil {
		return 0, false
	}
	if p, ok := l.Pages[id]; ok {
		return p, true
	}
	if p, ok := l.Refs[id]; ok {
		return p, true
	}
	return 0, l.Refs != nil
}

// linkNotes prepares the links of a book body for print. An external
// link (class external, not one whose text is its own address) gets a
// numbered note: a superscript number after its text, and the address in a
// list of links at the end of the body, so that no address is printed in
// the middle of a line. A cross-reference within the book (class xref)
// gets the page it points to after its text, "(page 17)", when pages says
// it. The rest of the HTML is copied as it is. printProse does the same
// in the pass that hyphenates a body, when given pages.
func linkNotes(h template.HTML, pages pageOf) template.HTML {
	s := string(h)
	var b bytes.Buffer
	b.Grow(len(s) + len(s)/16)
	n := noteLinks{pages: pages}
	z := xhtml.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			break
		}
		raw := z.Raw()
		switch tt {
		case xhtml.StartTagToken:
			if string(tagName(z, raw)) == "a" {
				n.open(z)
			}
		case xhtml.EndTagToken:
			if string(tagName(z, raw)) == "a" && n.close(&b, raw) {
				continue
			}
		}
		b.Write(raw)
	}
	n.list(&b)
	return template.HTML(b.String())
}

// noteLinks is what linkNotes knows of a body as it reads it: the notes
// so far, and the <a> elements open.
type noteLinks struct {
	pages pageOf
	notes []string
	links []noteLink // innermost last
}

// noteLink is an <a> element open.
type noteLink struct {
	note string // the address of an external link, for its note
	xref string // the id a cross-reference points to
}

// open reads the <a> start tag that z has just read, after its name.
func (n *noteLinks) open(z *xhtml.Tokenizer) {
	var href, class string
	for more := true; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		switch string(k) {
		case "href":
			href = string(v)
		case "class":
			class = string(v)
		}
	}
	var o noteLink
	classes := strings.Fields(class)
	switch {
	case slices.Contains(classes, "external") && !slices.Contains(classes, "url") && href != "":
		o.note = href
		if slices.Contains(classes, "site") {
			o.note = shortURL(href)
		}
	case slices.Contains(classes, "xref") && strings.HasPrefix(href, "#"):
		o.xref = href[1:]
	}
	n.links = append(n.links, o)
}

// close writes raw, the </a> end tag just read, with what follows the
// link's text: its note's number or its page. It reports false, writing
// nothing, when no <a> is open.
func (n *noteLinks) close(b *bytes.Buffer, raw []byte) bool {
	if len(n.links) == 0 {
		return false
	}
	o := n.links[len(n.links)-1]
	n.links = n.links[:len(n.links)-1]
	b.Write(raw)
	switch {
	case o.note != "":
		n.notes = append(n.notes, o.note)
		b.WriteString(`<sup class="link-note">` + strconv.Itoa(len(n.notes)) + `</sup>`)
	case o.xref != "":
		if p, ok := n.pages(o.xref); ok {
			b.WriteString(`<span class="xref-page">` + "\u00a0(page\u00a0" + pageText(p) + ")</span>")
		}
	}
	return true
}

// list writes the list of the notes' addresses, if there are notes.
func (n *noteLinks) list(b *bytes.Buffer) {
	if len(n.notes) == 0 {
		return
	}
	b.WriteString(`<div class="link-notes"><p class="link-notes-title">Links</p><ol>`)
	for _, a := range n.notes {
		b.WriteString(`<li><span class="link-address">` + template.HTMLEscapeString(a) + `</span></li>`)
	}
	b.WriteString(`</ol></div>`)
}

// shortURL is an address as a note prints it for a page of the site: no
// scheme and no final slash.
func shortURL(u string) string {
	for _, p := range []string{"https://", "http://"} {
		u = strings.TrimPrefix(u, p)
	}
	return strings.TrimSuffix(u, "/")
}

// pageText is a page number as a cross-reference prints it; 0, a page not
// known yet, takes the room of two digits.
func pageText(p int) string {
	if p == 0 {
		return "00"
	}
	return strconv.Itoa(p)
}
