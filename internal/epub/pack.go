package epub

import (
	"crypto/sha1"
	"encoding/base64"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"

	_ "embed" // the stylesheet

	"golang.org/x/net/html"

	"buildbook/internal/asset"
	"buildbook/internal/build"
	"buildbook/internal/par"
	"buildbook/internal/render"
)

// stylesheet is the e-book's CSS.
//
//go:embed book.css
var stylesheet []byte

// Names in the EPUB. Every file but the container's lies in EPUB/.
const (
	dirName   = "EPUB/"
	cssName   = "css/book.css"
	coverName = "images/cover.svg"
	navName   = "nav.xhtml"
)

// page is an XHTML file of the EPUB, in reading order.
type page struct {
	name  string // in EPUB/: "cs-some-slug.xhtml"
	title string // its <title>
	props string // manifest properties: "nav" for the contents
	make  func(w *strings.Builder) error
}

// source is a published picture of the site: its content file (or its
// path on the site, when buildbook made its bytes) and how to read them.
type source struct {
	file string
	read func() ([]byte, error)
}

// problem is something to tell about a picture.
type problem struct {
	file string
	msg  string
	err  bool
}

// packer makes the files of one EPUB.
type packer struct {
	c        *build.Compiled
	book     *render.BookPage
	lang     string
	root     string // the site's base path
	pages    []*page
	ids      *ids
	links    *linker
	sources  map[string]source   // site output path -> its picture
	pictures []*picture          // by first use
	bySrc    map[string]*picture // site output path -> picture, nil when not shown
	problems []problem
	entries  []entry
	modified time.Time
}

func newPacker(c *build.Compiled, fsys fs.FS, b *render.BookPage) *packer {
	s := c.Site
	p := &packer{
		c: c, book: b, lang: s.Book.Language, root: s.Book.BasePath(),
		ids: newIDs(), sources: map[string]source{}, bySrc: map[string]*picture{},
	}
	p.links = &linker{ids: p.ids, inBook: map[string]bool{}, root: p.root}
	if strings.Contains(s.Book.BaseURL, "://") {
		p.links.base = s.Book.BaseURL
	}
	for _, part := range b.Parts {
		for _, ch := range part.Chapters {
			p.links.inBook[ch.CS.Slug] = true
		}
	}
	for file, out := range c.Assets {
		if asset.IsImage(file) {
			p.sources[out] = source{file: file, read: func() ([]byte, error) { return fs.ReadFile(fsys, file) }}
		}
	}
	for _, j := range c.Jobs {
		if asset.IsImage(j.Path) && j.Make != nil {
			if _, ok := p.sources[j.Path]; !ok {
				p.sources[j.Path] = source{file: j.Path, read: j.Make}
			}
		}
	}
	p.modified = modified(b)
	return p
}

// modified is the date of the book: the edition's, or that of its newest
// case study. It is never the clock's, so that the same content makes
// the same EPUB.
func modified(b *render.BookPage) time.Time {
	day := ""
	if b.Edition != "" {
		day = b.Date.ISO
	}
	if day == "" {
		for _, part := range b.Parts {
			for _, ch := range part.Chapters {
				day = max(day, ch.CS.Date.ISO)
			}
		}
	}
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return t
}

// pack makes every file of the EPUB.
func (p *packer) pack() error {
	p.addPages()
	cover := p.coverPicture()
	// First, each page's ids and pictures, so that links between pages
	// can be resolved as each is written.
	for _, pg := range p.pages {
		nodes, err := p.nodes(pg)
		if err != nil {
			return err
		}
		p.ids.collect(pg.name, nodes)
	}
	errs := make([]error, len(p.pictures))
	par.For(len(p.pictures), func(i int) {
		pic := p.pictures[i]
		b, err := pic.read()
		if err == nil {
			pic.data, err = convert(pic, b)
		}
		errs[i] = err
	})
	for i, err := range errs {
		if err != nil {
			p.problems = append(p.problems, problem{file: p.pictures[i].file, err: true, msg: fmt.Sprintf("the picture cannot be read for the EPUB (%v): open it in an image editor and save it again as a JPEG or PNG", err)})
		}
	}
	for _, pg := range p.pages {
		nodes, err := p.nodes(pg)
		if err != nil {
			return err
		}
		p.ids.rename(pg.name, nodes)
		p.links.resolve(pg.name, nodes)
		p.entries = append(p.entries, entry{dirName + pg.name, p.document(pg.title, nodes)})
	}
	for _, pic := range p.pictures {
		p.entries = append(p.entries, entry{dirName + pic.name, pic.data})
	}
	p.entries = append(p.entries,
		entry{dirName + coverName, coverSVG(p.book, cover)},
		entry{dirName + cssName, stylesheet},
		entry{dirName + "package.opf", p.opf()},
		entry{"META-INF/container.xml", []byte(containerXML)},
	)
	return nil
}

// exec is a page made by one of pageTemplates.
func exec(name string, model any) func(w *strings.Builder) error {
	return func(w *strings.Builder) error { return pageTemplates.ExecuteTemplate(w, name, model) }
}

// addPages lists the XHTML files in reading order.
func (p *packer) addPages() {
	b := p.book
	front := &frontModel{Book: b, Cover: coverName, Count: countLine(b.Count)}
	if b.Foreword != nil {
		front.Start = b.Foreword.ID
	} else if len(b.Parts) > 0 {
		front.Start = b.Parts[0].ID
	}
	p.pages = append(p.pages,
		&page{name: "cover.xhtml", title: "Cover", make: exec("cover", front)},
		&page{name: "title.xhtml", title: b.Title, make: exec("title", front)},
		&page{name: "imprint.xhtml", title: "Imprint", make: exec("imprint", front)},
		&page{name: navName, title: "Contents", props: "nav", make: exec("nav", front)},
	)
	if f := b.Foreword; f != nil {
		p.pages = append(p.pages, &page{name: "foreword.xhtml", title: f.Title, make: exec("foreword", f)})
	}
	for _, part := range b.Parts {
		p.pages = append(p.pages, &page{name: part.ID + ".xhtml", title: "Part " + strconv.Itoa(part.Number) + ": " + part.Title, make: exec("part", part)})
		for _, ch := range part.Chapters {
			p.pages = append(p.pages, &page{name: ch.ID + ".xhtml", title: ch.Title, make: func(w *strings.Builder) error {
				body, links := p.c.Input.BookChapter(ch.Source(), ch.Number)
				return pageTemplates.ExecuteTemplate(w, "chapter", chapterModel{Chapter: ch, Body: p.links.xrefs(body, links)})
			}})
		}
	}
	if g := b.Glossary; g != nil {
		p.pages = append(p.pages, &page{name: "glossary.xhtml", title: g.Title, make: exec("glossary", g)})
	}
	if x := b.Index; x != nil {
		p.pages = append(p.pages, &page{name: "index.xhtml", title: x.Title, make: exec("index", x)})
	}
}

// nodes makes a page's HTML and parses it, with its notes and pictures
// made for the EPUB. It gives the same nodes each time.
func (p *packer) nodes(pg *page) ([]*html.Node, error) {
	var w strings.Builder
	if err := pg.make(&w); err != nil {
		return nil, fmt.Errorf("epub %s: %w", pg.name, err)
	}
	nodes, err := parseHTML(w.String())
	if err != nil {
		return nil, fmt.Errorf("epub %s: %w", pg.name, err)
	}
	notes(nodes)
	walk(nodes, func(n *html.Node) {
		if n.Data == "img" {
			p.image(n)
		}
	})
	return nodes, nil
}

// image makes an img element's picture part of the EPUB: a picture of
// the site becomes one of the EPUB, at screen resolution; a picture from
// another host (book.yaml's image_hosts) becomes a link to it, since an
// EPUB holds all it shows; anything else is its description.
func (p *packer) image(n *html.Node) {
	src, alt := attr(n, "src"), attr(n, "alt")
	switch {
	case src == coverName:
		return
	case (webURL(src) || strings.HasPrefix(src, "//") && webURL("https:"+src)) && !inLink(n):
		if strings.HasPrefix(src, "//") {
			src = "https:" + src
		}
		n.Data, n.Attr = "a", []html.Attribute{{Key: "href", Val: src}, {Key: "class", Val: "image-link"}}
		n.AppendChild(&html.Node{Type: html.TextNode, Data: "Picture: " + cmpOr(alt, src)})
		return
	case strings.HasPrefix(src, p.root):
		if pic := p.picture(unescape(strings.TrimPrefix(src, p.root))); pic != nil {
			setAttr(n, "src", pic.name)
			delAttr(n, "decoding")
			delAttr(n, "loading")
			if pic.width > 0 {
				setAttr(n, "width", strconv.Itoa(pic.width))
				setAttr(n, "height", strconv.Itoa(pic.height))
			}
			return
		}
	}
	n.Data, n.Attr = "span", []html.Attribute{{Key: "class", Val: "image-alt"}}
	if alt != "" {
		n.AppendChild(&html.Node{Type: html.TextNode, Data: "[" + alt + "]"})
	}
}

// inLink reports whether n is inside a link, which cannot hold another.
func inLink(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.Data == "a" {
			return true
		}
	}
	return false
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// picture is the EPUB's picture of a picture published on the site at
// out, or nil when it is not shown.
func (p *packer) picture(out string) *picture {
	if pic, ok := p.bySrc[out]; ok {
		return pic
	}
	p.bySrc[out] = nil
	src, ok := p.sources[out]
	if !ok {
		return nil
	}
	pic := &picture{name: "images/" + strconv.Itoa(len(p.pictures)+1) + "-" + baseName(out), file: src.file, read: src.read}
	b, err := src.read()
	if err != nil {
		p.problems = append(p.problems, problem{file: src.file, err: true, msg: fmt.Sprintf("the picture cannot be read for the EPUB: %v", err)})
		return nil
	}
	ok, err = plan(pic, b)
	switch {
	case err != nil:
		p.problems = append(p.problems, problem{file: src.file, err: true, msg: fmt.Sprintf("the picture cannot be read for the EPUB (%v): open it in an image editor and save it again as a JPEG or PNG", err)})
		return nil
	case !ok:
		kind := strings.ToUpper(strings.TrimPrefix(path.Ext(src.file), "."))
		p.problems = append(p.problems, problem{file: src.file, msg: fmt.Sprintf("the EPUB shows the description of this picture instead of it, since e-readers cannot show %s pictures: save it as a JPEG or PNG to show it", kind)})
		return nil
	}
	p.pictures = append(p.pictures, pic)
	p.bySrc[out] = pic
	return pic
}

// coverPicture is the cover's picture at screen resolution as a data:
// URL, for the cover's SVG, which holds it so that it shows wherever the
// SVG does (an SVG shown as an image loads nothing beside it); "" when the
// book's cover has no picture or it cannot be shown.
func (p *packer) coverPicture() string {
	src := p.book.Cover
	if src == "" || !strings.HasPrefix(src, p.root) {
		return ""
	}
	s, ok := p.sources[unescape(strings.TrimPrefix(src, p.root))]
	if !ok {
		return ""
	}
	pic := &picture{name: "cover", file: s.file, read: s.read}
	b, err := s.read()
	if err == nil {
		if ok, err = plan(pic, b); err == nil && ok {
			b, err = convert(pic, b)
		}
	}
	switch {
	case err != nil:
		p.problems = append(p.problems, problem{file: s.file, err: true, msg: fmt.Sprintf("the cover's picture cannot be read for the EPUB (%v): open it in an image editor and save it again as a JPEG or PNG", err)})
		return ""
	case !ok:
		kind := strings.ToUpper(strings.TrimPrefix(path.Ext(s.file), "."))
		p.problems = append(p.problems, problem{file: s.file, msg: fmt.Sprintf("the EPUB's cover is set in type alone, since e-readers cannot show %s pictures: save the cover's picture as a JPEG or PNG to show it", kind)})
		return ""
	}
	return "data:" + pic.mediaType + ";base64," + base64.StdEncoding.EncodeToString(b)
}

// baseName is a file's name without its extension, in lower-case letters,
// digits and hyphens, for the name of its picture in the EPUB.
func baseName(file string) string {
	base := strings.TrimSuffix(path.Base(file), path.Ext(file))
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(base) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		} else {
			hyphen = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	if b.Len() == 0 {
		return "picture"
	}
	return b.String()
}

// document is an XHTML content document of the nodes.
func (p *packer) document(title string, nodes []*html.Node) []byte {
	var b strings.Builder
	lang := xmlText(p.lang)
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n")
	b.WriteString(`<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="` + lang + `" xml:lang="` + lang + "\">\n<head>\n<meta charset=\"utf-8\"/>\n")
	b.WriteString("<title>" + xmlText(title) + "</title>\n")
	b.WriteString(`<link rel="stylesheet" type="text/css" href="` + cssName + "\"/>\n</head>\n<body>\n")
	writeXHTML(&b, nodes)
	b.WriteString("</body>\n</html>\n")
	return []byte(b.String())
}

// identifier is the book's identifier: its ISBN as a URN when the edition
// has one, and otherwise a UUID made from what names the book (its
// address on the site, or its title and edition), so that the same book
// keeps its identifier from one version of its content to the next.
func identifier(b *render.BookPage) (id string, isbn bool) {
	if b.ISBN != "" {
		digits := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' || r == 'X' || r == 'x' {
				return r
			}
			return -1
		}, b.ISBN)
		return "urn:isbn:" + strings.ToUpper(digits), true
	}
	name := b.BookURL
	if name == "" {
		name = "buildbook:" + b.Series + "\x00" + b.Title + "\x00" + b.Edition
	}
	return "urn:uuid:" + uuid5(name), false
}

// uuid5 is the name-based UUID (RFC 9562, version 5) of name in the URL
// namespace.
func uuid5(name string) string {
	ns := []byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	h := sha1.Sum(append(ns, name...))
	u := h[:16]
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// rights is the book's copyright and licence in one line.
func rights(b *render.BookPage) string {
	var parts []string
	if b.Copyright != "" {
		parts = append(parts, strings.TrimSuffix(b.Copyright, "."))
	}
	if b.Licence != "" {
		l := "Published under the licence " + b.Licence
		if b.LicenceURL != "" {
			l += " (" + b.LicenceURL + ")"
		}
		parts = append(parts, l)
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, ". ") + "."
}

// manifestID is the id of a file in the package document.
func manifestID(name string) string { return "f-" + xmlName(strings.ReplaceAll(name, "/", "-")) }

// opf is the package document: the book's metadata, every file of the
// EPUB, and the reading order.
func (p *packer) opf() []byte {
	b := p.book
	var w strings.Builder
	x := xmlText
	line := func(s string) { w.WriteString(s + "\n") }
	line(`<?xml version="1.0" encoding="UTF-8"?>`)
	line(`<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="` + x(p.lang) + `">`)
	line(`<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">`)
	id, isbn := identifier(b)
	line(`<dc:identifier id="pub-id">` + x(id) + `</dc:identifier>`)
	if isbn {
		line(`<meta refines="#pub-id" property="identifier-type" scheme="onix:codelist5">15</meta>`)
	}
	line(`<dc:title id="title">` + x(b.Title) + `</dc:title>`)
	line(`<meta refines="#title" property="title-type">main</meta>`)
	if b.Subtitle != "" {
		line(`<dc:title id="subtitle">` + x(b.Subtitle) + `</dc:title>`)
		line(`<meta refines="#subtitle" property="title-type">subtitle</meta>`)
	}
	if b.Series != "" {
		line(`<meta property="belongs-to-collection" id="series">` + x(b.Series) + `</meta>`)
		line(`<meta refines="#series" property="collection-type">series</meta>`)
	}
	// A collection of case studies: the publisher edits it, and each case
	// study's authors contribute, as a library catalogues an edited book.
	// Without a publisher, the authors are the book's creators.
	authors := authorsOf(b)
	role := "aut"
	el := "contributor"
	if b.Publisher != "" {
		line(`<dc:creator id="editor">` + x(b.Publisher) + `</dc:creator>`)
		line(`<meta refines="#editor" property="role" scheme="marc:relators">edt</meta>`)
	} else {
		el = "creator"
	}
	for i, a := range authors {
		aid := "author-" + strconv.Itoa(i+1)
		line(`<dc:` + el + ` id="` + aid + `">` + x(a) + `</dc:` + el + `>`)
		line(`<meta refines="#` + aid + `" property="role" scheme="marc:relators">` + role + `</meta>`)
	}
	if b.Publisher != "" {
		line(`<dc:publisher>` + x(b.Publisher) + `</dc:publisher>`)
	}
	line(`<dc:language>` + x(p.lang) + `</dc:language>`)
	line(`<dc:date>` + p.modified.Format(time.DateOnly) + `</dc:date>`)
	if r := rights(b); r != "" {
		line(`<dc:rights>` + x(r) + `</dc:rights>`)
	}
	if b.LicenceURL != "" {
		line(`<meta property="dcterms:license">` + x(b.LicenceURL) + `</meta>`)
	}
	// The description is the back cover's: the edition's own, or else
	// the book's.
	desc := b.Description
	if b.Back != nil && b.Back.Text != "" {
		desc = b.Back.Text
	}
	if desc != "" {
		line(`<dc:description>` + x(strings.Join(strings.Fields(desc), " ")) + `</dc:description>`)
	}
	for _, tx := range p.c.Site.Taxonomies {
		line(`<dc:subject>` + x(tx.Title) + `</dc:subject>`)
	}
	if b.BookURL != "" {
		line(`<dc:source>` + x(b.BookURL) + `</dc:source>`)
	}
	line(`<meta property="dcterms:modified">` + p.modified.UTC().Format("2006-01-02T15:04:05Z") + `</meta>`)
	line(`<meta property="schema:accessMode">textual</meta>`)
	if len(p.pictures) > 0 {
		line(`<meta property="schema:accessMode">visual</meta>`)
	}
	line(`<meta property="schema:accessModeSufficient">textual</meta>`)
	line(`<meta property="schema:accessibilityFeature">structuralNavigation</meta>`)
	line(`<meta property="schema:accessibilityFeature">tableOfContents</meta>`)
	line(`<meta property="schema:accessibilityHazard">none</meta>`)
	line(`<meta name="cover" content="` + manifestID(coverName) + `"/>`)
	line(`</metadata>`)

	line(`<manifest>`)
	item := func(name, mediaType, props string) {
		s := `<item id="` + manifestID(name) + `" href="` + x(name) + `" media-type="` + mediaType + `"`
		if props != "" {
			s += ` properties="` + props + `"`
		}
		line(s + `/>`)
	}
	for _, pg := range p.pages {
		item(pg.name, "application/xhtml+xml", pg.props)
	}
	item(cssName, "text/css", "")
	item(coverName, "image/svg+xml", "cover-image")
	for _, pic := range p.pictures {
		item(pic.name, pic.mediaType, "")
	}
	line(`</manifest>`)
	line(`<spine>`)
	for _, pg := range p.pages {
		line(`<itemref idref="` + manifestID(pg.name) + `"/>`)
	}
	line(`</spine>`)
	line(`</package>`)
	return []byte(w.String())
}
