package render

// The printable book.
//
// A book is one HTML page, book/index.html for every published case study
// or book/<edition>/index.html for an edition, laid out for print with CSS
// Paged Media (templates/book.html and assets/book.css) and readable on
// screen. Beside each page, print.css holds what depends on the book: its
// page size and margins, and its running heads, which Chromium can only
// take from a stylesheet (it supports @page margin boxes and named pages,
// but not string-set, running elements or target-counter).
//
// Printed from a browser's own print dialog, the page is already a book:
// numbered pages, running heads, each case study on a new page, an index
// by case-study title. What only printing can tell, the page each part of
// the book starts on, comes from `buildbook pdf` (internal/pdf) as a
// BookLayout: the book is then rendered again with its contents and index
// numbered, and with a blank page before each part of the book that would
// otherwise start on a left-hand page, and before the back cover where it
// would otherwise be a right-hand one.

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"io"
	"maps"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"

	"buildbook/internal/content"
	"buildbook/internal/hyphen"
	"buildbook/internal/ids"
	"buildbook/internal/markdown"
	"buildbook/internal/paths"
)

// Book ids: the ids of the parts of a book that the contents lists.
const (
	contentsID = "contents"
	forewordID = "foreword"
	glossaryID = "glossary"
	indexID    = "book-index"
	colophonID = "colophon"
	backID     = "back-cover"
)

// BookInfo describes one printable book of a site, for printing it.
type BookInfo struct {
	Edition  string // edition id; "" for the book of every case study
	Path     string // in the output folder: "book/" or "book/<edition>/"
	Title    string
	Author   string
	Subject  string
	Keywords []string
	Language string
	PageSize string // A4, A5, B5 or Letter
	// AnyPage says that the parts of the book start on the next page,
	// left or right (an edition's open: any), so that printing adds no
	// blank pages; otherwise each starts on a right-hand page.
	AnyPage bool
	// BackCover is the id of the back cover, the book's last page, which
	// printing puts on a left-hand page (a blank page before it where
	// needed, BookLayout.Blank), or "" when the book has none.
	BackCover string
	// Rectos are the ids of the parts of the book that start on a
	// right-hand page, in book order: the contents, the foreword, each
	// part and case study, the glossary and the index. The contents lists
	// each with its page number, and the index the case studies'.
	Rectos []string
}

// BookLayout is what printing tells about a book's pages. The zero value
// is for a browser's own printing, where they are unknown.
type BookLayout struct {
	Pages map[string]int  // the page number of each recto id
	Blank map[string]bool // recto ids that need a blank page before them
	// Fit gives the figures that did not fit where they fell a height in
	// millimetres, the room left on that page, so that they stay there
	// rather than leave a hole: figure id (FigureID) -> height.
	Fit map[string]float64
	// Refs is the page of every destination of the book as last printed,
	// for the page numbers of cross-references; nil when pages are not
	// known, empty while they are being found.
	Refs map[string]int
}

// FigureID is the id of the marker before the n-th figure of the case
// study numbered chapter; the figure's own paragraph has the id with
// FigureSuffix. The book links to both, so that a printed PDF has a
// destination, with its place on the page, for each.
func FigureID(chapter, n int) string {
	return "fig-" + strconv.Itoa(chapter) + "-" + strconv.Itoa(n)
}

// FigureSuffix ends the id of a figure's own paragraph.
const FigureSuffix = "-img"

// TextBlock returns the height of a page of the given size (A4, A5, B5 or
// Letter; anything else is A4) and of its text block, in millimetres.
func TextBlock(pageSize string) (page, block float64) {
	g, ok := pageGeometries[pageSize]
	if !ok {
		g = pageGeometries["A4"]
	}
	return g.height, g.height - g.top - g.bottom
}

// BookPage is the model of a book page.
type BookPage struct {
	Site        *Site
	Path        string // "book/" or "book/<edition>/"
	Edition     string // edition id, or ""
	Title       string
	Series      string // the site's title, above an edition's own title; "" when the same
	Subtitle    string
	EditionLine string // "Edition of 1 November 2024"
	Publisher   string
	Copyright   string // book.yaml's copyright line, or ""
	Licence     string // book.yaml's licence, or ""
	LicenceURL  string
	ISBN        string // the edition's ISBN, or ""
	Author      string // for the document's metadata
	Description string // book.yaml's description, on the title page's back
	Cover       string // the address of the cover's picture, or ""
	Back        *BackCover
	Date        Date
	PageSize    string
	Online      string // the site's full address, when book.yaml gives one
	BookURL     string // the full address of this book page, when known
	CSS         []string
	Count       int                // case studies in the book
	fit         map[string]float64 // BookLayout.Fit
	Numbered    bool               // page numbers are known
	Grouping    string
	Downloads   []DownloadLink // the book's PDF and EPUB, offered before the page (see downloads.go)

	Contents *BookSection
	Foreword *BookSection
	Parts    []BookPart
	Glossary *BookGlossary
	Index    *BookIndex
	Colophon *BookSection
}

// BackCover is the book's last page: the text that says what the book
// is, from the edition's description (or the book's), and its facts.
type BackCover struct {
	ID    string
	Blank bool // a blank page goes before it, so that it is a left-hand page
	Title string
	Text  string
	ISBN  string
	// Barcode is the ISBN's EAN-13 bar code as SVG, or "" (barcode.go).
	Barcode template.HTML
}

// Share is the book page as its sharing tags and JSON-LD describe it.
func (b *BookPage) Share() *Layout {
	desc := b.Subtitle
	if desc == "" {
		desc = b.Description
	}
	return &Layout{Site: b.Site, Title: b.Title, Description: desc, Path: b.Path}
}

// Mark is a part of the book that starts on a right-hand page, with the
// page number the contents gives it.
type Mark struct {
	ID    string
	Title string
	Page  int  // 0 while unknown
	Blank bool // a blank page goes before it
	// Display is the title as headings and the contents show it: words
	// with a hyphen or a slash do not break across lines, so that the
	// title reads the same in the printed text (pdftotext) as in the file.
	Display template.HTML
}

// BookSection is a titled section: the contents, the foreword, the colophon.
type BookSection struct {
	Mark
	Body template.HTML
}

// BookPart is a part of the book: an opener, then its case studies.
type BookPart struct {
	Mark
	Number   int
	Class    string // "part-1": names the pages of the part, for its running heads
	Head     string // the running head: the title, or a term's short title
	Intro    template.HTML
	Chapters []Chapter

	introLinks []markdown.Ref // Intro's links, as converted
}

// Chapter is one case study in the book.
type Chapter struct {
	Mark
	Number  int
	CS      Card
	Authors []content.Author
	Image   string
	cs      int // place in Site.CaseStudies
	body    func() template.HTML
}

// Source is the chapter's case study's place in Site.CaseStudies.
func (c Chapter) Source() int { return c.cs }

// Body is the case study's HTML in the book. It is made as the book is
// written, so that the book of a large site is never held whole.
func (c Chapter) Body() template.HTML { return c.body() }

// BookGlossary is the glossary: the book's vocabulary, A to Z.
type BookGlossary struct {
	Mark
	Entries []GlossaryEntry
}

// GlossaryEntry is a term of a taxonomy that the book's case studies are
// tagged with, a taxonomy itself ("Pillar"), or an abbreviation that
// refers to its term.
type GlossaryEntry struct {
	ID         string        // "glossary.roles.sle"
	Term       string        // "Specialist Leader of Education", in bold
	Abbrev     string        // "SLE", or ""
	Kind       string        // what the term is: "Role", "Pillar 7", or ""
	Title      string        // the term's full title, where Term is its short form, or ""
	Definition template.HTML // the description from taxonomies.yaml, or ""
	See        *GlossaryEntry
}

// BookIndex is the book's subject index, A to Z: its keywords, the terms
// of its taxonomies, its schools, authors and regions, filed under their
// initials in the book's language.
type BookIndex struct {
	Mark
	Letters []IndexLetter
}

// IndexLetter is the entries that file under one initial.
type IndexLetter struct {
	ID      string // "index-E", or "index-other"
	Letter  string // "E", or collation.Other
	Entries []IndexEntry
}

// IndexEntry is one subject with the case studies it refers to, or a
// cross-reference to another entry (See).
type IndexEntry struct {
	Name      string
	Qualifier string // what the name is, where it helps: a term's taxonomy ("pillar"), or ""
	See       string // the entry to look under instead ("Specialist Leader of Education"), or ""
	Refs      []IndexRef
	// Pages are the refs as printed: the pages their case studies start
	// on, consecutive pages as one range. Empty while pages are unknown.
	Pages []IndexPages
}

// IndexRef is one case study of an index entry.
type IndexRef struct {
	ID      string
	Title   string
	Page    int
	Partner bool // the school took part as a partner
}

// IndexPages is a page, or a range of consecutive pages, of an index
// entry, linking to the first case study of the range.
type IndexPages struct {
	ID       string
	From, To int // To == From for a single page
	Partner  bool
}

// Range is the pages as an index prints them: "12", or "12–13".
func (p IndexPages) Range() string {
	if p.To > p.From {
		return strconv.Itoa(p.From) + "–" + strconv.Itoa(p.To)
	}
	return strconv.Itoa(p.From)
}

// Books lists the books of a site: every case study first, then each
// edition by id.
func (r *Renderer) Books(in *Input) []BookInfo {
	m := r.newModels(in)
	var out []BookInfo
	for _, e := range append([]*content.Edition{nil}, in.Site.Editions...) {
		b := r.bookModel(m, e, nil)
		info := BookInfo{Path: b.Path, Title: b.Title, Author: b.Author, Subject: b.Subtitle, Language: b.Site.Language, PageSize: b.PageSize, Rectos: b.rectos()}
		if b.Back != nil {
			info.BackCover = b.Back.ID
		}
		if e != nil {
			info.Edition = e.ID
			info.AnyPage = e.Open == "any"
		}
		for _, tx := range in.Site.Taxonomies {
			info.Keywords = append(info.Keywords, tx.Title)
		}
		out = append(out, info)
	}
	return out
}

// Book renders the book of an edition ("" for every case study) with what
// printing has told of its pages.
func (r *Renderer) Book(in *Input, edition string, layout *BookLayout) ([]byte, error) {
	b, err := r.bookPage(in, edition, layout)
	if err != nil {
		return nil, err
	}
	return r.executeBook(b)
}

// BookCSS is the print.css of the book of an edition with what printing
// has told of its pages: Book's page links it.
func (r *Renderer) BookCSS(in *Input, edition string, layout *BookLayout) ([]byte, error) {
	b, err := r.bookPage(in, edition, layout)
	if err != nil {
		return nil, err
	}
	return b.printCSS(), nil
}

func (r *Renderer) bookPage(in *Input, edition string, layout *BookLayout) (*BookPage, error) {
	var e *content.Edition
	if edition != "" {
		i := slices.IndexFunc(in.Site.Editions, func(e *content.Edition) bool { return e.ID == edition })
		if i < 0 {
			return nil, fmt.Errorf("there is no edition %q", edition)
		}
		e = in.Site.Editions[i]
	}
	return r.bookModel(r.newModels(in), e, layout), nil
}

// BookModel is the model of the book of an edition ("" for every case
// study), without page numbers, for writers of the book in other forms
// (internal/epub). A chapter's Source is its case study's place in
// Site.CaseStudies, whose BookBody is the body as converted.
func (r *Renderer) BookModel(in *Input, edition string) (*BookPage, error) {
	var e *content.Edition
	if edition != "" {
		i := slices.IndexFunc(in.Site.Editions, func(e *content.Edition) bool { return e.ID == edition })
		if i < 0 {
			return nil, fmt.Errorf("there is no edition %q", edition)
		}
		e = in.Site.Editions[i]
	}
	return r.bookModel(r.newModels(in), e, nil), nil
}

// bookJobs are the files of every book: its page and its print.css.
func (r *Renderer) bookJobs(m *models) []Job {
	var jobs []Job
	for _, e := range append([]*content.Edition{nil}, m.in.Site.Editions...) {
		// The model is made by the first job that needs it, so that
		// making the list of jobs stays quick (serve makes it after every
		// edit) and books are made in parallel with other pages; it is let
		// go when both jobs are done, as a large site's book is large.
		b := newShared(2, func() *BookPage { return r.bookModel(m, e, nil) })
		path := paths.BookOf("")
		if e != nil {
			path = paths.BookOf(e.ID)
		}
		page := writeJob(paths.Page(path), func(w io.Writer) error {
			defer b.done()
			return r.writeBook(w, b.get())
		})
		page.Key = m.in.allKey(page.Path)
		jobs = append(jobs, page, Job{Path: paths.PrintCSS(path), Key: m.in.allKey(paths.PrintCSS(path)), Make: func() ([]byte, error) {
			defer b.done()
			return b.get().printCSS(), nil
		}})
	}
	return jobs
}

func (r *Renderer) executeBook(b *BookPage) ([]byte, error) {
	var buf bytes.Buffer
	if err := r.writeBook(&buf, b); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (r *Renderer) writeBook(w io.Writer, b *BookPage) error {
	if err := r.book.ExecuteTemplate(w, "book.html", b); err != nil {
		return fmt.Errorf("template book.html: %w", err)
	}
	return nil
}

// bookModel builds the model of the book of e, or of every case study
// when e is nil.
func (r *Renderer) bookModel(m *models, e *content.Edition, layout *BookLayout) *BookPage {
	s := m.in.Site
	site := m.site
	b := &BookPage{
		Site: site, Path: paths.BookOf(""), Title: s.Book.Title, Subtitle: s.Book.Subtitle,
		Publisher: s.Book.Publisher, Description: s.Book.Description,
		PageSize: "A4", Copyright: s.Book.Copyright, Licence: s.Book.Licence, LicenceURL: s.Book.LicenceURL,
	}
	if strings.Contains(site.BaseURL, "://") {
		b.Online = site.BaseURL
	}
	var parts []BookPart
	var foreword []markdown.Ref // the links of the foreword's body
	if e == nil {
		parts = m.defaultParts()
		b.Grouping = m.grouping()
		if len(s.CaseStudies) > 0 {
			b.Date = newDate(s.CaseStudies[0].Date)
		}
		b.EditionLine = "The complete collection"
		if b.Date.ISO != "" {
			b.EditionLine += ", to " + s.CaseStudies[0].Date.Format("January 2006")
		}
	} else {
		b.Path = paths.BookOf(e.ID)
		b.Edition = e.ID
		b.Title = e.Title
		if e.Title != s.Book.Title {
			b.Series = s.Book.Title
		}
		b.Subtitle = e.Subtitle
		b.Publisher = cmp.Or(e.Publisher, s.Book.Publisher)
		b.PageSize = e.PageSize
		b.ISBN = e.ISBN
		b.Date = newDate(e.Date)
		if b.Date.ISO != "" {
			b.EditionLine = "Edition of " + b.Date.Human
		}
		parts = m.editionParts(e)
		if e.Foreword != "" {
			for i, p := range s.Pages {
				if p.Slug == e.Foreword {
					b.Foreword = &BookSection{Mark: Mark{ID: forewordID, Title: p.Title}}
					b.Foreword.Body, foreword = m.pageBookBody(i)
				}
			}
		}
	}
	if b.Online != "" {
		b.BookURL = b.Online + b.Path
	}
	cover, back := s.Book.Cover, cmp.Or(s.Book.Description, s.Book.Subtitle)
	if e != nil {
		cover, back = cmp.Or(e.Cover, cover), cmp.Or(e.Description, s.Book.Description, e.Subtitle)
	}
	if cover != "" {
		b.Cover = site.Root + AssetPath(s, cover)
	}
	b.Back = &BackCover{ID: backID, Title: b.Title, Text: back, ISBN: b.ISBN, Barcode: isbnBarcode(b.ISBN)}
	b.Author = cmp.Or(b.Publisher, s.Book.Title)
	b.Downloads = m.downloadLinks(b.Edition)

	inBook := map[string]bool{}
	n := 0
	for pi := range parts {
		p := &parts[pi]
		p.Number = pi + 1
		p.ID = "part-" + strconv.Itoa(p.Number)
		p.Class = p.ID
		p.Head = cmp.Or(p.Head, p.Title)
		for ci := range p.Chapters {
			n++
			p.Chapters[ci].Number = n
			inBook[p.Chapters[ci].CS.Slug] = true
		}
	}
	b.Count = n
	hy := hyphen.For(site.Language)
	for pi := range parts {
		p := &parts[pi]
		p.Intro = linkNotes(m.bookHTML(p.Intro, p.introLinks, inBook), layout.pageOf)
		for ci := range p.Chapters {
			i, number := p.Chapters[ci].cs, p.Chapters[ci].Number
			p.Chapters[ci].body = func() template.HTML {
				body, links := m.in.BookChapter(i, number)
				return printProse(m.bookHTML(body, links, inBook), hy, number, layout.pageOf)
			}
		}
	}
	if b.Foreword != nil {
		b.Foreword.Body = printProse(m.bookHTML(b.Foreword.Body, foreword, inBook), hy, 0, layout.pageOf)
	}
	b.Parts = parts
	b.Contents = &BookSection{Mark: Mark{ID: contentsID, Title: "Contents"}}
	b.Glossary = m.glossary(parts, inBook)
	b.Index = m.bookIndex(parts)
	b.Colophon = &BookSection{Mark: Mark{ID: colophonID, Title: "Colophon"}}
	if layout != nil {
		b.apply(layout)
		b.fit = layout.Fit
	}
	for _, mk := range b.marks() {
		mk.Display = keepWords(mk.Title)
	}
	b.CSS = []string{r.asset(site.Root, paths.FontsCSS), r.asset(site.Root, paths.BookCSS), r.asset(site.Root, paths.ChromaCSS), site.Root + paths.PrintCSS(b.Path) + "?v=" + digest(b.printCSS())}
	return b
}

// CopyrightLine is the imprint's copyright notice: book.yaml's, or one
// made from the book's year and publisher.
func (b *BookPage) CopyrightLine() string {
	if b.Copyright != "" || b.Publisher == "" || b.Date.Year == 0 {
		return b.Copyright
	}
	return "© " + strconv.Itoa(b.Date.Year) + " " + b.Publisher
}

// pageBookBody is the book HTML of a free page, with its links, or its
// site HTML when the book HTML was not made.
func (m *models) pageBookBody(i int) (template.HTML, []markdown.Ref) {
	if i < len(m.in.PageBookBodies) && m.in.PageBookBodies[i] != "" {
		return m.in.PageBookBodies[i], at(m.in.PageBookLinks, i)
	}
	return m.in.PageBodies[i], nil
}

// asset is the URL of an asset, with its version.
func (r *Renderer) asset(root, p string) string {
	return root + p + "?v=" + digest(r.assets[p])
}

// editionParts are the parts of an edition, in its order.
func (m *models) editionParts(e *content.Edition) []BookPart {
	bySlug := map[string]int{}
	for i, c := range m.in.Site.CaseStudies {
		bySlug[c.Slug] = i
	}
	intros := m.in.PartIntros[e]
	var parts []BookPart
	for pi, p := range e.Parts {
		part := BookPart{Mark: Mark{Title: p.Title}}
		if pi < len(intros) {
			part.Intro = intros[pi]
			part.introLinks = at(m.in.PartIntroLinks[e], pi)
		}
		for _, slug := range p.CaseStudies {
			if i, ok := bySlug[slug]; ok {
				part.Chapters = append(part.Chapters, m.chapter(i))
			}
		}
		parts = append(parts, part)
	}
	return parts
}

// grouping says how the book of every case study is ordered, for its
// title page.
func (m *models) grouping() string {
	txs := m.in.Site.Taxonomies
	if len(txs) == 0 {
		return "Case studies are printed newest first."
	}
	return fmt.Sprintf("The case studies are grouped into parts by their first %s, and printed newest first within each part.", strings.ToLower(txs[0].Singular))
}

// defaultParts groups every case study by its first term in the first
// taxonomy (the first pillar, in the sample), in the taxonomy's order;
// within a part, case studies keep the site's order, newest first. Case
// studies without such a term come last, in a part of their own.
func (m *models) defaultParts() []BookPart {
	s := m.in.Site
	if len(s.Taxonomies) == 0 {
		if len(s.CaseStudies) == 0 {
			return nil
		}
		p := BookPart{Mark: Mark{Title: "Case studies"}}
		for i := range s.CaseStudies {
			p.Chapters = append(p.Chapters, m.chapter(i))
		}
		return []BookPart{p}
	}
	tx := s.Taxonomies[0]
	byTerm := map[*content.Term][]int{}
	var rest []int
	for i, c := range s.CaseStudies {
		if len(c.Terms) > 0 && len(c.Terms[0]) > 0 {
			t := c.Terms[0][0]
			byTerm[t] = append(byTerm[t], i)
		} else {
			rest = append(rest, i)
		}
	}
	var parts []BookPart
	for _, t := range tx.Terms {
		if len(byTerm[t]) == 0 {
			continue
		}
		p := BookPart{Mark: Mark{Title: t.Label()}, Head: t.ShortTitle(), Intro: m.in.TermBookDescriptions[t], introLinks: m.in.TermLinks[t]}
		for _, i := range byTerm[t] {
			p.Chapters = append(p.Chapters, m.chapter(i))
		}
		parts = append(parts, p)
	}
	if len(rest) > 0 {
		p := BookPart{Mark: Mark{Title: "Other case studies"}}
		for _, i := range rest {
			p.Chapters = append(p.Chapters, m.chapter(i))
		}
		parts = append(parts, p)
	}
	return parts
}

func (m *models) chapter(i int) Chapter {
	c := m.in.Site.CaseStudies[i]
	ch := Chapter{
		Mark:    Mark{ID: ids.CaseStudy(c.Slug), Title: c.Title},
		CS:      m.cards[i],
		Authors: c.Authors,
		cs:      i,
	}
	if c.Image != "" {
		// The cover image, unless the body shows it already.
		img := m.site.Root + AssetPath(m.in.Site, c.Image)
		if !showsImage(m.in.BookBody(i), img) {
			ch.Image = img
		}
	}
	return ch
}

// showsImage reports whether body has an image of the file at path (a
// path on the site, not escaped). The body's sources are compared as the
// browser reads them, since the Markdown renderer escapes a path for a URL
// and for HTML in its own way: "June's plan.svg" is June%27s%20plan.svg
// there.
func showsImage(body template.HTML, path string) bool {
	if !strings.Contains(string(body), "<img") {
		return false
	}
	z := xhtml.NewTokenizer(strings.NewReader(string(body)))
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return false
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			name, more := z.TagName()
			if string(name) != "img" {
				continue
			}
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				if string(k) != "src" {
					continue
				}
				if u, err := url.PathUnescape(string(v)); err == nil && u == path || string(v) == path {
					return true
				}
			}
		}
	}
}

// rectos lists the ids of the parts of the book that start on a
// right-hand page, in book order.
func (b *BookPage) rectos() []string {
	var ids []string
	for _, mk := range b.marks() {
		ids = append(ids, mk.ID)
	}
	return ids
}

// marks are the recto marks of the book, in book order.
func (b *BookPage) marks() []*Mark {
	out := []*Mark{&b.Contents.Mark}
	if b.Foreword != nil {
		out = append(out, &b.Foreword.Mark)
	}
	for pi := range b.Parts {
		p := &b.Parts[pi]
		out = append(out, &p.Mark)
		for ci := range p.Chapters {
			out = append(out, &p.Chapters[ci].Mark)
		}
	}
	if b.Glossary != nil {
		out = append(out, &b.Glossary.Mark)
	}
	if b.Index != nil {
		out = append(out, &b.Index.Mark)
	}
	return out
}

// apply sets the page numbers and blank pages that printing found.
func (b *BookPage) apply(l *BookLayout) {
	for _, mk := range b.marks() {
		mk.Page = l.Pages[mk.ID]
		mk.Blank = l.Blank[mk.ID]
	}
	b.Numbered = len(l.Pages) > 0
	if b.Back != nil {
		b.Back.Blank = l.Blank[b.Back.ID]
	}
	if b.Index != nil {
		b.Index.number(l.Pages)
	}
}

// keepWords escapes s, and keeps each word that holds a hyphen, a dash or
// a slash, where browsers may break a line, on one line.
func keepWords(s string) template.HTML {
	var b strings.Builder
	for i, w := range strings.Split(s, " ") {
		if i > 0 {
			b.WriteByte(' ')
		}
		if strings.ContainsAny(w, "-/‐–—") {
			b.WriteString(`<span class="nowrap">` + template.HTMLEscapeString(w) + `</span>`)
		} else {
			b.WriteString(template.HTMLEscapeString(w))
		}
	}
	return template.HTML(b.String())
}

// bookHTML rewrites the links of a book body, found by the converter
// (links, in order): a link to a case study in this book becomes a link
// within the page, one to a case study that is not stays a link to its
// page on the site, and a link to the site from its root becomes a full
// address where the site has one, since a printed page has no host to be
// relative to. An external link whose text is its own address is marked
// so (class url): print needs no note to give it.
func (m *models) bookHTML(h template.HTML, links []markdown.Ref, inBook map[string]bool) template.HTML {
	if len(links) == 0 {
		return h
	}
	online := strings.Contains(m.site.BaseURL, "://")
	root := markdown.Attr(m.site.Root) // as an href starts with it
	return template.HTML(markdown.Rewrite(string(h), links, func(s string, l *markdown.Ref) (string, bool) {
		switch l.Kind {
		case markdown.TargetCaseStudy:
			if inBook[l.Slug] {
				return ` class="xref" href="` + markdown.Attr("#"+ids.Book(l.Slug, l.Fragment)) + `"`, true
			}
			// Its href is the case study's page on the site.
			fallthrough
		case markdown.TargetSite:
			href := s[l.HrefStart:l.HrefEnd]
			if rest, ok := strings.CutPrefix(href, root); online && ok {
				// href is HTML already; the base URL is escaped here,
				// though content.NormBaseURL lets nothing through that
				// needs more than its & escaped.
				return ` class="external site" href="` + template.HTMLEscapeString(m.site.BaseURL) + rest + `"`, true
			}
		case markdown.TargetExternal:
			if l.Bare {
				return s[l.Start:l.HrefEnd] + `" class="external url" rel="noopener noreferrer"`, true
			}
		}
		return "", false
	}))
}

// pageGeometry is a page size as the book sets it: the sheet, its margins
// in millimetres (mirrored: the inner margin is at the spine) and the size
// of the type.
type pageGeometry struct {
	size                      string // CSS @page size
	width, height             float64
	top, bottom, inner, outer float64
	font                      string
}

// The text block of each size holds 60 to 75 characters a line (about
// 66 in Source Serif 4), the measure of a readable book; the outer margin
// is the wider, as in a book.
var pageGeometries = map[string]pageGeometry{
	"A4":     {size: "A4", width: 210, height: 297, top: 24, bottom: 28, inner: 32, outer: 46, font: "11.5pt"},
	"Letter": {size: "letter", width: 215.9, height: 279.4, top: 22, bottom: 26, inner: 34, outer: 49.9, font: "11.5pt"},
	"B5":     {size: "176mm 250mm", width: 176, height: 250, top: 20, bottom: 24, inner: 24, outer: 31, font: "10.5pt"},
	"A5":     {size: "A5", width: 148, height: 210, top: 17, bottom: 21, inner: 18, outer: 15, font: "10pt"},
}

// printCSS is the book's own stylesheet: its page size, margins and the
// height of its full pages, and its running heads: on a case study's
// pages, its part on the left and its title on the right; elsewhere the
// book's title on the left and the part or section on the right.
func (b *BookPage) printCSS() []byte {
	g, ok := pageGeometries[b.PageSize]
	if !ok {
		g = pageGeometries["A4"]
	}
	mm := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) + "mm" }
	var w bytes.Buffer
	w.WriteString("@charset \"utf-8\";\n")
	fmt.Fprintf(&w, "/* The pages of %s, written by buildbook: size, margins and running heads. */\n", cssComment(b.Title))
	fmt.Fprintf(&w, "@page { size: %s; }\n", g.size)
	fmt.Fprintf(&w, "@page :left { margin: %s %s %s %s; }\n", mm(g.top), mm(g.inner), mm(g.bottom), mm(g.outer))
	fmt.Fprintf(&w, "@page :right { margin: %s %s %s %s; }\n", mm(g.top), mm(g.outer), mm(g.bottom), mm(g.inner))
	// Chromium weighs a page name no more than :left or :right, so the
	// cover's own margins must come after these.
	w.WriteString("@page cover { margin: 0; }\n")
	block := g.height - g.top - g.bottom // the height of the text block
	fmt.Fprintf(&w, "@media print {\n  :root { font-size: %s; --figure-max: %s; --cover-max: %s; }\n  .cover, .back-cover { height: %s; }\n  .title-page, .imprint { height: %s; }\n}\n",
		g.font, mm(math.Round(block*0.6)), mm(math.Round(block*0.4)), mm(g.height-0.5), mm(block-1))
	title := cssString(b.Title)
	head := func(page, text string) {
		fmt.Fprintf(&w, "@page %s:left { @top-left { content: %s; } }\n", page, title)
		fmt.Fprintf(&w, "@page %s:right { @top-right { content: %s; } }\n", page, cssString(text))
	}
	head("contents", b.Contents.Title)
	if b.Foreword != nil {
		head("foreword", b.Foreword.Title)
	}
	for _, p := range b.Parts {
		fmt.Fprintf(&w, ".%s { page: %s; }\n", p.Class, p.Class)
		head(p.Class, p.Head)
		// A case study's pages carry its part on the left and its own
		// title, shortened, on the right.
		for _, ch := range p.Chapters {
			name := "chapter-" + strconv.Itoa(ch.Number)
			fmt.Fprintf(&w, ".%s { page: %s; }\n", name, name)
			fmt.Fprintf(&w, "@page %s:left { @top-left { content: %s; } }\n", name, cssString(p.Head))
			fmt.Fprintf(&w, "@page %s:right { @top-right { content: %s; } }\n", name, cssString(runningHead(ch.Title)))
		}
	}
	if b.Glossary != nil {
		head("glossary", b.Glossary.Title)
	}
	if b.Index != nil {
		head("index", b.Index.Title)
	}
	for _, id := range slices.Sorted(maps.Keys(b.fit)) {
		// A numbered figure's picture leaves room for its caption
		// (book.css sets --caption-room on <figure>).
		fmt.Fprintf(&w, "#%s%s img { max-height: calc(%s - var(--caption-room, 0mm)); }\n", id, FigureSuffix, mm(math.Floor(b.fit[id])))
	}
	if len(b.Downloads) > 0 {
		// The book's PDF and EPUB, offered at the top of the page (see
		// downloads.go), are for the screen only.
		w.WriteString(".book-downloads { font-family: var(--sans); font-size: 0.9rem; background: #f4f1ea; border-bottom: 1px solid #d6d1c7; padding: 0.75rem clamp(1rem, 6vw, 4rem); }\n")
		w.WriteString(".book-downloads p { margin: 0; }\n@media print { .book-downloads { display: none; } }\n")
	}
	return w.Bytes()
}

// runningHead is a case study's title as a running head: the part before
// a colon, and no more than 60 characters, cut at a word.
func runningHead(title string) string {
	if short, _, ok := strings.Cut(title, ": "); ok && short != "" {
		title = short
	}
	const max = 60
	if utf8.RuneCountInString(title) <= max {
		return title
	}
	cut := string([]rune(title)[:max])
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;.") + "…"
}

// cssString quotes s as a CSS string.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\%x ", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// cssComment makes s safe inside a CSS comment.
func cssComment(s string) string { return strings.ReplaceAll(s, "*/", "* /") }
