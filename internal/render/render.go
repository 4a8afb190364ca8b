// Package render turns an indexed site into the files of the output: HTML
// pages from typed models through html/template, the Atom feed, the
// sitemap and the stylesheets. It writes nothing itself: every output file
// is a Job that the caller runs, in parallel, and writes where it likes.
//
// Templates are parsed once, by New, from an fs.FS: the embedded defaults
// with any --templates folder laid over them. base.html holds the frame of
// every page and calls the block "main", which each page template defines.
package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"

	"buildbook/internal/content"
	"buildbook/internal/index"
	"buildbook/internal/markdown"
	"buildbook/internal/paths"
)

// Input is everything rendering needs: the site, its index, and the HTML
// of every Markdown body, converted beforehand.
type Input struct {
	Site             *content.Site
	Index            *index.Index
	Bodies           []template.HTML // site HTML, parallel to Site.CaseStudies, unless Store holds it
	BookBodies       []template.HTML // book HTML, parallel to Site.CaseStudies, unless Store holds it
	Texts            []string        // plain text of each body, for search; parallel to Site.CaseStudies, unless Store holds it
	PageBodies       []template.HTML // parallel to Site.Pages
	PageBookBodies   []template.HTML // book HTML of free pages (a foreword), parallel to Site.Pages
	TermDescriptions map[*content.Term]template.HTML
	// TermBookDescriptions are the book HTML of the terms' descriptions,
	// their ids prefixed as a case study's are: a default book's parts
	// open with them.
	TermBookDescriptions map[*content.Term]template.HTML
	PartIntros           map[*content.Edition][]template.HTML // parallel to Edition.Parts

	// The links of the HTML the book shows, typed and placed (see
	// markdown.Ref), parallel to BookBodies, PageBookBodies,
	// TermBookDescriptions and PartIntros: the book resolves its
	// cross-references from them.
	BookBodyLinks  [][]markdown.Ref // unless Store holds them
	PageBookLinks  [][]markdown.Ref
	TermLinks      map[*content.Term][]markdown.Ref
	PartIntroLinks map[*content.Edition][][]markdown.Ref

	Version    string            // a digest of the content, for the colophon
	Icon       *BookIcon         // book.yaml's icon, checked; nil for the default
	ImageSizes map[string][2]int // width and height of the published pictures, by content path
	// Downloads are the books' PDF and EPUB files that the build
	// publishes (see downloads.go): the book of every case study first,
	// then the editions in site order, PDF before EPUB in each.
	Downloads []Download
	// Figures are the numbered figures of each case study's book HTML,
	// with where their numbers are (see BookChapter), parallel to
	// Site.CaseStudies; kept here even with a Store, as they are small.
	Figures [][]markdown.Figure

	// Covers and Thumbs are the raster images of case studies' image
	// fields as their pages and their cards show them, by content path;
	// an image that is not in them (an SVG) is shown as it is.
	Covers map[string]*Photo
	Thumbs map[string]*Photo
	// Shares are the cards cut from those images that a shared link to
	// their case studies shows (og:image), by content path, each address a
	// path from the site's root; an image without one is shared as it is.
	Shares map[string]ShareImage

	// Digests and Global, when Digests is set, give jobs their keys (see
	// keys.go): Digests digests what each case study brings, parallel to
	// Site.CaseStudies, and Global what any page may depend on besides.
	Digests []uint64
	Global  uint64
	all     uint64 // the digest of every case study: see digestAll

	// Store, when set, holds the bodies of the case studies instead of
	// Bodies, BookBodies and Texts: a large site's do not fit in memory.
	// Read them with Body, BookBody and Text.
	Store BodyStore
}

// BodyStore gives the converted bodies of case studies by their place in
// Site.CaseStudies, from wherever it keeps them. It is safe for
// concurrent use.
type BodyStore interface {
	Body(i int) template.HTML
	BookBody(i int) template.HTML
	BookLinks(i int) []markdown.Ref
	Text(i int) string
}

// Body is the site HTML of case study i.
func (in *Input) Body(i int) template.HTML {
	if in.Store != nil {
		return in.Store.Body(i)
	}
	return at(in.Bodies, i)
}

// BookBody is the book HTML of case study i.
func (in *Input) BookBody(i int) template.HTML {
	if in.Store != nil {
		return in.Store.BookBody(i)
	}
	return at(in.BookBodies, i)
}

// BookChapter is the book HTML of case study i as chapter number chapter
// of a book, whose figures are numbered by chapter ("Figure 3.2."), and
// its links, where they are in that HTML; with chapter 0, as BookBody
// and BookLinks.
func (in *Input) BookChapter(i, chapter int) (template.HTML, []markdown.Ref) {
	h, links := markdown.NumberFigures(string(in.BookBody(i)), at(in.Figures, i), chapter, in.BookLinks(i))
	return template.HTML(h), links
}

// BookLinks are the links of the book HTML of case study i.
func (in *Input) BookLinks(i int) []markdown.Ref {
	if in.Store != nil {
		return in.Store.BookLinks(i)
	}
	return at(in.BookBodyLinks, i)
}

// Text is the plain text of case study i, for search.
func (in *Input) Text(i int) string {
	if in.Store != nil {
		return in.Store.Text(i)
	}
	return at(in.Texts, i)
}

func at[T any](s []T, i int) T {
	var zero T
	if i < len(s) {
		return s[i]
	}
	return zero
}

// Job makes one output file.
type Job struct {
	Path string // in the output folder, with slashes
	Make func() ([]byte, error)
	// Write, when set, writes the same bytes to w as they are made, so
	// that a writer need not hold the file whole: pages are written into
	// reused buffers, and the book of a large site straight to disk.
	Write func(w io.Writer) error
	// Key, when not 0, digests everything the file's bytes depend on: a
	// file that an earlier build wrote with the same key has the same
	// bytes, and need not be made again.
	Key uint64
}

// writeJob is a job whose bytes are made by write.
func writeJob(p string, write func(w io.Writer) error) Job {
	return Job{Path: p, Write: write, Make: func() ([]byte, error) {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			return nil, err
		}
		return b.Bytes(), nil
	}}
}

// shared is what several jobs use, made by the first of them and let go
// when the last is done (each calls done once), so that a large site's
// book, search index or list data is not held while the rest of the site
// is written; a use after that makes it again. The writer starts the jobs
// of each one together (see build's weight).
type shared[T any] struct {
	make  func() T
	mu    sync.Mutex
	v     T
	made  bool
	users int
}

func newShared[T any](users int, make func() T) *shared[T] {
	return &shared[T]{make: make, users: users}
}

func (s *shared[T]) get() T {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.made {
		s.v, s.made = s.make(), true
	}
	return s.v
}

func (s *shared[T]) done() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.users--; s.users <= 0 {
		var zero T
		s.v, s.made = zero, false
	}
}

// Renderer holds the parsed templates and the assets.
type Renderer struct {
	pages  map[string]*template.Template // by page template name
	book   *template.Template            // book.html, a page of its own
	assets map[string][]byte             // output path -> bytes
	css    []string                      // stylesheet paths with version query
	fonts  []string                      // font files every page preloads, paths under assets/
	faces  []string                      // the faces of Layout.Faces that the templates provide
	js     []string
	// codeCSS is the code highlighting stylesheet, with version query,
	// which only pages with code load.
	codeCSS string
	// pictures are the icons and cards drawn for the last builds.
	pictures pictures
}

// pageTemplates are the templates that make pages; each defines "main".
var pageTemplates = []string{"home.html", "list.html", "case-study.html", "taxonomy.html", "term.html", "schools.html", "page.html", "404.html", "submit.html"}

// sharedTemplates are parsed with every page template.
var sharedTemplates = []string{"base.html", "partials.html"}

// New parses the templates of fsys and reads its assets/ folder.
func New(fsys fs.FS) (*Renderer, error) {
	r := &Renderer{pages: map[string]*template.Template{}, assets: map[string][]byte{}}
	shared := template.New("").Funcs(funcs)
	for _, name := range sharedTemplates {
		if err := parseOne(shared, fsys, name); err != nil {
			return nil, err
		}
	}
	for _, name := range pageTemplates {
		t, err := shared.Clone()
		if err != nil {
			return nil, err
		}
		if err := parseOne(t, fsys, name); err != nil {
			return nil, err
		}
		r.pages[name] = t
	}
	r.book = template.New("").Funcs(funcs)
	if err := parseOne(r.book, fsys, "book.html"); err != nil {
		return nil, err
	}
	if err := r.loadAssets(fsys); err != nil {
		return nil, err
	}
	return r, nil
}

func parseOne(t *template.Template, fsys fs.FS, name string) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("template %s: %w", name, err)
	}
	if _, err := t.New(name).Parse(string(b)); err != nil {
		return fmt.Errorf("%w", err)
	}
	return nil
}

// loadAssets reads assets/ and adds the generated code stylesheet. Asset
// URLs carry a digest of their content, so browsers may cache them for
// long and still see a change.
func (r *Renderer) loadAssets(fsys fs.FS) error {
	err := fs.WalkDir(fsys, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		r.assets[p] = b
		return nil
	})
	if err != nil {
		return err
	}
	// The stylesheet of every page is published without comments and
	// spare white space (see MinifyCSS): a phone loads it first.
	r.assets[paths.ChromaCSS] = markdown.HighlightCSS()
	// The typefaces come first, so that style.css may name them; a
	// template folder without fonts.css keeps the system's faces.
	if b, ok := r.assets[paths.FontsCSS]; ok {
		b = MinifyCSS(b)
		r.assets[paths.FontsCSS] = b
		r.css = append(r.css, paths.FontsCSS+"?v="+digest(b))
		for _, f := range preloadFonts {
			if _, ok := r.assets[f]; ok {
				r.fonts = append(r.fonts, f)
			}
		}
		for _, f := range []string{faceText, faceLabel} {
			if _, ok := r.assets[paths.Fonts+f+".woff2"]; ok {
				r.faces = append(r.faces, f)
			}
		}
	}
	if b, ok := r.assets[paths.StyleCSS]; ok {
		b = MinifyCSS(b)
		r.assets[paths.StyleCSS] = b
		r.css = append(r.css, paths.StyleCSS+"?v="+digest(b))
	}
	r.codeCSS = paths.ChromaCSS + "?v=" + digest(r.assets[paths.ChromaCSS])
	if b, ok := r.assets[paths.SiteJS]; ok {
		r.js = append(r.js, paths.SiteJS+"?v="+digest(b))
	}
	return nil
}

// preloadFonts are the faces that every page's own text is set in, in
// the Latin subset: the sans of the header, menu and cards, and the bold
// serif of the headings. The page
// asks for them with its stylesheets rather than after them, so that text
// is drawn once in its face and a slow link's first paint does not wait
// for faces found late in the stylesheet. A page whose own text uses more
// names them in Layout.Faces; faces only in a contributor's text (italics,
// code, Latin Extended) load when used. TestFontPreloads, in Chromium,
// checks every page type against what it shows.
var preloadFonts = []string{
	paths.Fonts + "source-sans-3-latin-400-normal.woff2",
	paths.Fonts + "source-serif-4-latin-700-normal.woff2",
}

// Faces that some pages preload besides preloadFonts (see Layout.Faces),
// by file name without ".woff2".
const (
	faceText  = "source-serif-4-latin-400-normal" // the serif of running text
	faceLabel = "source-sans-3-latin-700-normal"  // the bold sans of schools, counts and labels
)

func digest(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:4])
}

var funcs = template.FuncMap{
	"plural":    plural,
	"join":      strings.Join,
	"lower":     strings.ToLower,
	"cardsHTML": cardsHTML,
	"photoIn":   photoIn,
}

// Jobs lists every output file of the site.
func (r *Renderer) Jobs(in *Input) []Job {
	if in.keyed() {
		in.digestAll()
	}
	m := r.newModels(in)
	m.countCardUses()
	return r.jobs(m)
}

// jobs lists every output file of the site that m models.
func (r *Renderer) jobs(m *models) []Job {
	in := m.in
	var jobs []Job
	page := func(p, tmpl string, model any) {
		jobs = append(jobs, writeJob(p, func(w io.Writer) error { return r.execute(w, tmpl, model) }))
	}
	// A case study's page is modelled when it is written, so that its body
	// is read from the Store then, and the models of thousands of pages are
	// not all made before the first is written.
	lazyPage := func(p, tmpl string, model func() any) {
		jobs = append(jobs, writeJob(p, func(w io.Writer) error { return r.execute(w, tmpl, model()) }))
	}
	s := in.Site
	root := m.site.Root

	page(paths.Home, "home.html", m.home())
	jobs = append(jobs, r.listJobs(m)...)
	for i, c := range s.CaseStudies {
		p := paths.Page(paths.CaseStudy(c.Slug))
		lazyPage(p, "case-study.html", func() any { return m.caseStudy(i) })
		jobs[len(jobs)-1].Key = in.caseStudyKey(p, i)
		bibPath, risPath := paths.Cite(c.Slug)
		url := m.site.Absolute(paths.CaseStudy(c.Slug))
		jobs = append(jobs,
			Job{Path: bibPath, Key: in.ownKey(bibPath, i), Make: func() ([]byte, error) { return bibtex(c, m.site, url), nil }},
			Job{Path: risPath, Key: in.ownKey(risPath, i), Make: func() ([]byte, error) { return ris(c, m.site, url), nil }})
	}
	for ti, tx := range s.Taxonomies {
		tp := &TaxonomyPage{
			Layout:          m.layout(tx.Title, fmt.Sprintf("%s: %s", tx.Title, plural(len(tx.Terms), "term", "terms")), paths.Taxonomy(tx.ID), tx.Title),
			TaxonomySummary: m.taxonomySummary(ti),
		}
		if slices.ContainsFunc(tp.Terms, func(t TermSummary) bool { return t.Description != "" }) {
			tp.Faces = []string{faceText} // the terms' descriptions
		}
		page(paths.Page(paths.Taxonomy(tx.ID)), "taxonomy.html", tp)
		for _, e := range in.Index.Terms[ti] {
			for k := 1; k <= termPageCount(e); k++ {
				p := paths.Page(termPagePath(tx, e, k))
				lazyPage(p, "term.html", func() any { return m.termPage(ti, e, k) })
				jobs[len(jobs)-1].Key = in.termCasesKey(p, e.CaseStudies[(k-1)*ListPageSize:min(len(e.CaseStudies), k*ListPageSize)])
			}
		}
	}
	for _, p := range m.schools() {
		page(paths.Page(p.Path), "schools.html", p)
	}
	for i, p := range s.Pages {
		fp := &FreePage{
			Layout: m.layout(p.Title, p.Description, paths.FreePage(p.Slug), p.Title, faceText),
			Body:   in.PageBodies[i],
		}
		fp.Code = hasCode(fp.Body)
		page(paths.Page(paths.FreePage(p.Slug)), "page.html", fp)
	}
	page(paths.Page(paths.Submit), "submit.html", r.submitPage(m))
	page(paths.NotFound, "404.html", &NotFoundPage{Layout: m.layout("Page not found", "", paths.NotFound, "")})
	jobs = append(jobs, m.brand...)
	jobs = append(jobs, r.bookJobs(m)...)
	jobs = append(jobs, r.searchJobs(in)...)
	jobs = append(jobs,
		Job{Path: paths.Feed, Make: func() ([]byte, error) { return feed(in, m.site) }},
		Job{Path: paths.Sitemap, Make: func() ([]byte, error) { return sitemap(in, m.site, jobs) }},
	)
	for _, p := range slices.Sorted(maps.Keys(r.assets)) {
		b := r.assets[p]
		jobs = append(jobs, Job{Path: p, Make: func() ([]byte, error) { return b, nil }})
	}
	_ = root
	return jobs
}

func (r *Renderer) execute(w io.Writer, name string, model any) error {
	if err := r.pages[name].ExecuteTemplate(w, "base.html", model); err != nil {
		return fmt.Errorf("template %s: %w", name, err)
	}
	return nil
}

// latestCards is the number of newest case studies the home page shows.
const latestCards = 6

func (m *models) home() *HomePage {
	h := &HomePage{Layout: m.layout("", m.site.Description, "", "", faceLabel)}
	h.Latest = m.cards[:min(latestCards, len(m.cards))]
	for ti := range m.in.Site.Taxonomies {
		h.Ways = append(h.Ways, m.taxonomySummary(ti))
	}
	h.Schools = len(m.in.Index.Schools)
	h.PagesLinks = m.site.Pages
	h.Picture = m.picture()
	return h
}

func (m *models) caseStudy(i int) *CaseStudyPage {
	x := m.in.Index
	c := m.in.Site.CaseStudies[i]
	p := &CaseStudyPage{
		Layout:  m.layout(c.Title, c.Summary, paths.CaseStudy(c.Slug), "Case studies"),
		CS:      m.cards[i],
		Authors: c.Authors,
		Body:    m.in.Body(i),
		Related: m.cardsOf(x.Related[i]),
	}
	p.Code = hasCode(p.Body)
	p.Sections = sections(p.Body)
	// The text and the school's name. The italic of the citation's book
	// title is not preloaded: the citation is laid out when the reader
	// nears it (see .cs-footer in style.css), and its face is fetched then.
	p.Faces = []string{faceText, faceLabel}
	if c.Image != "" {
		p.Image = m.site.Root + AssetPath(m.in.Site, c.Image)
		p.Cover = m.in.Covers[c.Image]
	}
	p.Layout.Image = m.shareImage(c)
	p.Article = m.article(c)
	p.Cite = p.Article.Cite
	for _, s := range x.Backlinks[i] {
		p.Backlinks = append(p.Backlinks, m.sourceLink(s))
	}
	if prev := x.Prev(c); prev != nil {
		p.Prev = &Link{Title: prev.Title, URL: CaseStudyURL(m.site.Root, prev.Slug)}
	}
	if next := x.Next(c); next != nil {
		p.Next = &Link{Title: next.Title, URL: CaseStudyURL(m.site.Root, next.Slug)}
	}
	return p
}

// AssetPath is where a content file is published (see content.Site.OutputPath).
func AssetPath(s *content.Site, file string) string { return s.OutputPath(file) }
