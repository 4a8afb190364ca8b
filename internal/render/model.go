package render

import (
	"fmt"
	"html/template"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"buildbook/internal/content"
	"buildbook/internal/index"
	"buildbook/internal/paths"
)

// Site is what every page knows of the site: its metadata, its menus and
// its assets.
type Site struct {
	Title       string
	Subtitle    string
	Description string
	Publisher   string
	Licence     string // book.yaml's licence, or ""
	LicenceURL  string // where the licence links, or ""
	Copyright   string // book.yaml's copyright line, or ""
	Language    string
	BaseURL     string // absolute when book.yaml gives a full URL
	Root        string // base path, "/" or "/sub/path/"
	FeedURL     string
	SearchURL   string
	Nav         []Link // main menu
	Pages       []Link // free pages, for the footer
	Taxonomies  []TaxonomyRef
	CSS         []string          // stylesheet URLs that every page loads
	CodeCSS     string            // the code highlighting stylesheet, for pages with code
	Fonts       []string          // font URLs that every page preloads
	faces       map[string]string // URLs of the faces a page may add (Layout.Faces), by name
	JS          []string          // script URLs, loaded with defer
	Count       int               // number of case studies
	Card        ShareImage        // the book's card, which pages without a picture share
	Icons       IconLinks
	Books       []BookLinks // every book with its downloads, for the footer; nil when the build has none

	fragments *fragments // what Layout.Fragment wrote, for this build
}

// Rights is the copyright line and the licence's name, as one line of
// text for the feed and metadata: "© 2024 A School. Licensed under CC
// BY-NC-SA 4.0 (https://…)." It is "" when book.yaml gives neither.
func (s *Site) Rights() string {
	var parts []string
	if s.Copyright != "" {
		parts = append(parts, strings.TrimSuffix(s.Copyright, ".")+".")
	}
	if s.Licence != "" {
		l := "Licensed under " + strings.TrimSuffix(s.Licence, ".")
		if s.LicenceURL != "" {
			l += " (" + s.LicenceURL + ")"
		}
		parts = append(parts, l+".")
	}
	return strings.Join(parts, " ")
}

// fragments holds the output of named templates, written once per key.
type fragments struct {
	t  *template.Template // a template set that defines them
	mu sync.Mutex
	m  map[string]*fragment
}

type fragment struct {
	once sync.Once
	v    template.HTML
	err  error
}

// Fragment is the output of the template name for this page, written once
// per build for each key and copied into every page with that key, as
// Hugo's partialCached does: the template must depend on nothing of the
// page but key. base.html writes the main menu (key: the current section),
// the footer and the links of the head this way, the same on thousands of
// pages.
func (l Layout) Fragment(name, key string) (template.HTML, error) {
	fs := l.Site.fragments
	if fs == nil {
		return "", fmt.Errorf("fragment %q: the page was not made by the renderer", name)
	}
	fs.mu.Lock()
	f := fs.m[name+"\x00"+key]
	if f == nil {
		f = &fragment{}
		fs.m[name+"\x00"+key] = f
	}
	fs.mu.Unlock()
	f.once.Do(func() {
		var b strings.Builder
		f.err = fs.t.ExecuteTemplate(&b, name, &l)
		f.v = template.HTML(b.String())
	})
	return f.v, f.err
}

// AssetsKey is the key of the fragment of the head that links the
// page's fonts and stylesheets (see Fragment): what Preloads and
// Stylesheets take from the page, its Faces and whether it has Code.
func (l *Layout) AssetsKey() string {
	k := strings.Join(l.Faces, " ")
	if l.Code {
		k += " +code"
	}
	return k
}

// Layout is the part of every page model that the base template reads.
type Layout struct {
	Site        *Site
	Title       string // the page's own title; "" on the home page
	Description string
	Path        string     // within the site, e.g. "case-studies/foo/"
	Section     string     // the Nav entry to mark as current
	Code        bool       // the page shows highlighted code
	Image       ShareImage // what a shared link to the page shows; the site's card when empty
	Article     *Article   // a case study's metadata, for its sharing and citation tags
	Faces       []string   // faces the page's own text uses besides every page's (faceText, …), to preload
}

// Preloads are the font URLs the page asks for with its stylesheets:
// every page's, and its own Faces that the templates provide.
func (l *Layout) Preloads() []string {
	out := l.Site.Fonts
	for _, f := range l.Faces {
		if u, ok := l.Site.faces[f]; ok {
			out = append(out[:len(out):len(out)], u)
		}
	}
	return out
}

// Stylesheets are the stylesheet URLs the page loads: the site's, and the
// code highlighting when the page has code.
func (l *Layout) Stylesheets() []string {
	if l.Code && l.Site.CodeCSS != "" {
		return append(l.Site.CSS[:len(l.Site.CSS):len(l.Site.CSS)], l.Site.CodeCSS)
	}
	return l.Site.CSS
}

// hasCode reports whether HTML from Markdown has a highlighted code block.
func hasCode(h template.HTML) bool { return strings.Contains(string(h), `<pre class="chroma"`) }

// URL is the page's address from the host root.
func (l *Layout) URL() string { return l.Site.Root + l.Path }

// Canonical is the page's full address.
func (l *Layout) Canonical() string { return l.Site.BaseURL + l.Path }

// Link is a titled link.
type Link struct {
	Title string
	URL   string
	Note  string // a second line, such as a school
}

// Date is a date as people and machines read it.
type Date struct {
	ISO   string // 2016-06-30
	Human string // 30 June 2016
	Year  int
}

func newDate(t time.Time) Date {
	if t.IsZero() {
		return Date{}
	}
	return Date{ISO: t.Format(time.DateOnly), Human: t.Format("2 January 2006"), Year: t.Year()}
}

// TaxonomyRef names a taxonomy and its page.
type TaxonomyRef struct {
	ID          string
	Title       string
	Singular    string
	Description string
	URL         string
}

// TermLink is a term with the address of its page.
type TermLink struct {
	ID       string
	Title    string
	Short    string // short label for tags
	Label    string // with its number: "Pillar 3: ..."
	Abbrev   string
	URL      string
	Count    int
	Taxonomy string // taxonomy id

	tags *termTags // shared by the copies of the link
}

// Tag is the term as the template "term-tag" writes it, with the term as
// its dot: a case study's page lists its terms so. CardTag is the same
// of the template "card-tag", which a card's tags are written with. Each
// is written once per build and copied into every page, since a term is
// on hundreds of pages; the templates must depend on nothing but the
// term.
func (t *TermLink) Tag() (template.HTML, error) { return t.tags.get(&t.tags.page, t) }

// CardTag is the term as the template "card-tag" writes it: see Tag.
func (t *TermLink) CardTag() (template.HTML, error) { return t.tags.get(&t.tags.card, t) }

// termTags are a term's tags, written on first use.
type termTags struct {
	of         TermLink // the link as made, without a count: the templates' dot
	page, card termTag
}

func (ts *termTags) get(tt *termTag, l *TermLink) (template.HTML, error) {
	if ts == nil || tt.t == nil {
		return "", fmt.Errorf("term %q was not made by the renderer", l.ID)
	}
	tt.once.Do(func() {
		var b strings.Builder
		tt.err = tt.t.ExecuteTemplate(&b, tt.name, &ts.of)
		tt.v = template.HTML(b.String())
	})
	return tt.v, tt.err
}

// termTag is the output of the template name of t, written once.
type termTag struct {
	t    *template.Template
	name string
	once sync.Once
	v    template.HTML
	err  error
}

// TagGroup is a case study's terms in one taxonomy.
type TagGroup struct {
	Taxonomy *TaxonomyRef
	Terms    []*TermLink
}

// Photo is a raster image published in several widths (see
// internal/photo): the address of one version for browsers that read no
// srcset, and the srcsets of its WebP and JPEG or PNG versions. A
// template writes it as <picture>, with the sizes of where it shows it.
// An image published in one version (an animated GIF) has Src only.
type Photo struct {
	Src           string
	SrcSet        string // the JPEG or PNG versions, "url 480w, ..."
	WebP          string // the WebP versions
	Width, Height int    // of the largest version, for the page's layout
}

// CoverSizes is the sizes attribute of the image at the top of a case
// study: as style.css's .cover shows it, at most 22rem high and never
// wider than the page.
func (p *Photo) CoverSizes() string {
	w := min(1120, (352*p.Width+p.Height/2)/max(1, p.Height))
	return fmt.Sprintf("(max-width: %dpx) calc(100vw - 2rem), %dpx", w+32, w)
}

// PhotoUse is a Photo where a template shows it (see the "photo"
// template): the class of its img, its sizes attribute, and whether it
// loads only when the reader comes near it.
type PhotoUse struct {
	Photo *Photo
	Class string
	Sizes string
	Lazy  bool
}

func photoIn(p *Photo, class, sizes string, lazy bool) PhotoUse {
	return PhotoUse{Photo: p, Class: class, Sizes: sizes, Lazy: lazy}
}

// Card is a case study as lists show it.
type Card struct {
	Slug     string
	Title    string
	URL      string
	School   string
	Partners []string
	Date     Date
	Region   string
	Cohort   string
	Summary  string
	Tags     []TagGroup
	Thumb    *Photo // a small version of the case study's image; nil for none

	html *cardHTML // shared by the copies of the card in every list
}

// HTML is the card as the "card" template writes it. A case study's card
// appears in many lists (all case studies, its terms, related case
// studies), so it is written once per build and copied into each; once
// every list that shows it has (see countCardUses), it is let go, as a
// large site's cards would otherwise all be held until the end.
func (c Card) HTML() (template.HTML, error) {
	h := c.html
	if h == nil {
		return "", fmt.Errorf("card %q was not made by the renderer", c.Slug)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.made {
		var b strings.Builder
		h.err = h.t.ExecuteTemplate(&b, "card", c)
		h.v, h.made = template.HTML(b.String()), true
	}
	v, err := h.v, h.err
	if h.uses--; h.uses == 0 {
		h.v, h.err, h.made = "", nil, false
	}
	return v, err
}

// cardsHTML is the HTML of cards, each followed by a line break: one call
// from a template instead of one per card, which counts on a term's page
// of thousands of cards.
func cardsHTML(cards []Card) (template.HTML, error) {
	hs := make([]template.HTML, len(cards))
	n := 0
	for i, c := range cards {
		h, err := c.HTML()
		if err != nil {
			return "", err
		}
		hs[i] = h
		n += len(h) + 1
	}
	var b strings.Builder
	b.Grow(n)
	for _, h := range hs {
		b.WriteString(string(h))
		b.WriteByte('\n')
	}
	return template.HTML(b.String()), nil
}

// cardHTML is a card's HTML, written on first use and let go after the
// last of uses; a use after that writes it again.
type cardHTML struct {
	t    *template.Template // a template set that defines "card"
	mu   sync.Mutex
	made bool
	v    template.HTML
	err  error
	uses int // the lists left to show it; 0 for unknown, when it is kept
}

// HomePage is index.html.
type HomePage struct {
	Layout
	Latest     []Card
	Ways       []TaxonomySummary // ways in: every taxonomy with its terms
	Schools    int
	PagesLinks []Link
	Picture    *Picture // the collection at a glance; nil without multi-valued taxonomies
}

// ListPage is a page of the case-studies list: the first, at
// case-studies/, has the filters, which work on every case study with
// the data files of browse.go; the others, under case-studies/page/N/,
// are for reading without JavaScript.
type ListPage struct {
	Layout
	Cards    []Card // on this page
	Pager    *Pager
	PageSize int    // cards a page, and shown at a time by the script
	Data     string // the version of the list's data files, for their URLs
	Script   string // the address of the list's script, browse.js
	Facets   []TaxonomySummary
	Regions  []Facet
	Years    []Facet
	Filters  []FilterGroup // the filter form: every taxonomy, then region and year
}

// FilterGroup is one set of checkboxes of the filter form. Key is its URL
// query parameter; Field says what a card is matched on: "terms" (the
// card's data-terms, with Taxonomy), "region" or "year".
type FilterGroup struct {
	Key      string
	Title    string
	Field    string
	Taxonomy string
	Open     bool // shown unfolded
	Options  []FilterOption
}

// FilterOption is one checkbox: a value and the number of case studies.
type FilterOption struct {
	Value string
	Label string
	Title string // a longer label, for a tooltip
	Count int
}

// Facet is one value to filter by, with the number of case studies.
type Facet struct {
	Value string
	Count int
}

// CaseStudyPage is case-studies/<slug>/index.html.
type CaseStudyPage struct {
	Layout
	CS        Card
	Authors   []content.Author
	Image     string // the address of the case study's image (its print version), or ""
	Cover     *Photo // the image as the page shows it; nil for none
	Cite      *Citation
	Body      template.HTML
	Sections  []Link // the text's h2 headings, for "On this page"
	Related   []Card
	Backlinks []Link
	Prev      *Link
	Next      *Link
}

// TagCount is the number of terms the case study is tagged with, in all
// taxonomies.
func (p *CaseStudyPage) TagCount() int {
	n := 0
	for _, g := range p.CS.Tags {
		n += len(g.Terms)
	}
	return n
}

// TaxonomySummary is a taxonomy with its terms and their counts.
type TaxonomySummary struct {
	Taxonomy TaxonomyRef
	Terms    []TermSummary
}

// TermSummary is a term with its description and count.
type TermSummary struct {
	TermLink
	Description template.HTML
}

// TaxonomyPage is <taxonomy>/index.html.
type TaxonomyPage struct {
	Layout
	TaxonomySummary
}

// TermPage is <taxonomy>/<term>/index.html.
type TermPage struct {
	Layout
	Taxonomy    TaxonomyRef
	Term        TermLink
	Description template.HTML
	Cards       []Card // on this page
	Pager       *Pager
}

// SchoolsPage is schools/index.html, or a later page of the schools
// under schools/page/N/ when there are many.
type SchoolsPage struct {
	Layout
	Letters []Letter // on this page
	Index   []Link   // every initial, with the address of its heading
	Pager   *Pager
}

// Letter is the schools under one initial.
type Letter struct {
	Letter    string
	ID        string // the letter in the heading's id: letter-<ID>
	Schools   []SchoolEntry
	Continued bool // from the page before
}

// SchoolEntry is one school and its case studies.
type SchoolEntry struct {
	Name     string
	ID       string
	Lead     []Link
	Partners []Link
}

// FreePage is a page from pages/.
type FreePage struct {
	Layout
	Body template.HTML
}

// NotFoundPage is 404.html.
type NotFoundPage struct {
	Layout
}

// models builds page models from the index; it holds what pages share.
type models struct {
	in    *Input
	site  *Site
	brand []Job  // the icons and the card (see Renderer.brand)
	cards []Card // parallel to Site.CaseStudies
	refs  []TaxonomyRef
	terms map[*content.Term]*TermLink // made once, shared by every card

	// tagSet and cardSet are the template sets that write a term's Tag
	// and CardTag: the case study's page's and the list's.
	tagSet, cardSet *template.Template
}

func (r *Renderer) newModels(in *Input) *models {
	s := in.Site
	root := s.Book.BasePath()
	site := &Site{
		Title: s.Book.Title, Subtitle: s.Book.Subtitle, Description: s.Book.Description,
		Publisher: s.Book.Publisher, Language: s.Book.Language,
		Licence: s.Book.Licence, LicenceURL: s.Book.LicenceURL, Copyright: s.Book.Copyright,
		BaseURL: s.Book.BaseURL, Root: root,
		FeedURL: root + paths.Feed, SearchURL: root + paths.CaseStudies,
		Count: len(s.CaseStudies),
	}
	for _, a := range r.css {
		site.CSS = append(site.CSS, root+a)
	}
	for _, f := range r.fonts {
		site.Fonts = append(site.Fonts, root+f)
	}
	site.faces = map[string]string{}
	for _, f := range r.faces {
		site.faces[f] = root + paths.Fonts + f + ".woff2"
	}
	if r.codeCSS != "" {
		site.CodeCSS = root + r.codeCSS
	}
	for _, a := range r.js {
		site.JS = append(site.JS, root+a)
	}
	site.fragments = &fragments{t: r.pages["404.html"], m: map[string]*fragment{}}
	m := &models{in: in, site: site, brand: r.brand(in, site), tagSet: r.pages["case-study.html"], cardSet: r.pages["list.html"]}
	site.Books = m.bookLinks()
	site.Nav = append(site.Nav, Link{Title: "Case studies", URL: root + paths.CaseStudies})
	for _, tx := range s.Taxonomies {
		ref := TaxonomyRef{ID: tx.ID, Title: tx.Title, Singular: tx.Singular, Description: tx.Description, URL: root + paths.Taxonomy(tx.ID)}
		m.refs = append(m.refs, ref)
		site.Taxonomies = append(site.Taxonomies, ref)
		site.Nav = append(site.Nav, Link{Title: tx.Title, URL: ref.URL})
	}
	site.Nav = append(site.Nav, Link{Title: "Schools", URL: root + paths.Schools})
	for _, p := range s.Pages {
		site.Pages = append(site.Pages, Link{Title: p.Title, URL: root + paths.FreePage(p.Slug)})
	}
	m.terms = map[*content.Term]*TermLink{}
	for _, tx := range s.Taxonomies {
		for _, t := range tx.Terms {
			l := m.termLink(t)
			m.terms[t] = &l
		}
	}
	m.cards = make([]Card, len(s.CaseStudies))
	for i, c := range s.CaseStudies {
		m.cards[i] = m.card(c)
		m.cards[i].html = &cardHTML{t: r.pages["list.html"]}
	}
	return m
}

// countCardUses tells each card how many of the site's lists show it:
// the home page's latest, its page of the list of every case study, its
// terms' pages and the pages of the case studies it is related to. A
// count too low costs a card written twice, one too high a card kept.
func (m *models) countCardUses() {
	x := m.in.Index
	use := func(i int) {
		if i >= 0 && i < len(m.cards) {
			m.cards[i].html.uses++
		}
	}
	for i := range m.cards {
		use(i)
		if i < latestCards {
			use(i)
		}
	}
	for ti := range x.Terms {
		for _, e := range x.Terms[ti] {
			for _, c := range e.CaseStudies {
				use(x.Position(c))
			}
		}
	}
	for _, rel := range x.Related {
		for _, c := range rel {
			use(x.Position(c))
		}
	}
}

// layout is a page's Layout; faces are those its own text uses besides
// every page's (see Layout.Faces).
func (m *models) layout(title, description, path, section string, faces ...string) Layout {
	return Layout{Site: m.site, Title: title, Description: description, Path: path, Section: section, Faces: faces}
}

// CaseStudyURL is the address of a case study page.
func CaseStudyURL(root, slug string) string { return root + paths.CaseStudy(slug) }

func (m *models) termLink(t *content.Term) TermLink {
	if l := m.terms[t]; l != nil {
		return *l
	}
	l := TermLink{ID: t.ID, Title: t.Title, Short: t.ShortTitle(), Label: t.Label(), Abbrev: t.Abbrev(), URL: m.site.Root + paths.Term(t.Taxonomy.ID, t.ID), Taxonomy: t.Taxonomy.ID}
	l.tags = &termTags{of: l, page: termTag{t: m.tagSet, name: "term-tag"}, card: termTag{t: m.cardSet, name: "card-tag"}}
	return l
}

func (m *models) card(c *content.CaseStudy) Card {
	card := Card{
		Slug: c.Slug, Title: c.Title, URL: CaseStudyURL(m.site.Root, c.Slug), School: c.School,
		Partners: c.Partners, Date: newDate(c.Date), Region: c.Region, Cohort: c.Cohort, Summary: c.Summary,
	}
	if c.Image != "" {
		card.Thumb = m.in.Thumbs[c.Image]
		if card.Thumb == nil && strings.EqualFold(path.Ext(c.Image), ".svg") {
			// A drawing needs no smaller versions: the card shows it as
			// it is, at the size its width and height give.
			if wh := m.in.ImageSizes[c.Image]; wh[0] > 0 && wh[1] > 0 {
				card.Thumb = &Photo{Src: m.site.Root + AssetPath(m.in.Site, c.Image), Width: wh[0], Height: wh[1]}
			}
		}
	}
	for ti, terms := range c.Terms {
		if len(terms) == 0 {
			continue
		}
		if card.Tags == nil {
			card.Tags = make([]TagGroup, 0, len(c.Terms)-ti)
		}
		// The taxonomy and the terms are shared by every card: a large
		// site's cards are all held while its pages are written.
		g := TagGroup{Taxonomy: &m.refs[ti], Terms: make([]*TermLink, len(terms))}
		for i, t := range terms {
			link := m.terms[t]
			if link == nil {
				l := m.termLink(t)
				link = &l
			}
			g.Terms[i] = link
		}
		card.Tags = append(card.Tags, g)
	}
	return card
}

func (m *models) cardsOf(cs []*content.CaseStudy) []Card {
	out := make([]Card, len(cs))
	for i, c := range cs {
		out[i] = m.cards[m.in.Index.Position(c)]
	}
	return out
}

func (m *models) taxonomySummary(ti int) TaxonomySummary {
	ts := TaxonomySummary{Taxonomy: m.refs[ti]}
	for _, e := range m.in.Index.Terms[ti] {
		tl := m.termLink(e.Term)
		tl.Count = len(e.CaseStudies)
		ts.Terms = append(ts.Terms, TermSummary{TermLink: tl, Description: m.in.TermDescriptions[e.Term]})
	}
	return ts
}

func (m *models) sourceLink(s index.Source) Link {
	if s.CaseStudy != nil {
		return Link{Title: s.CaseStudy.Title, URL: CaseStudyURL(m.site.Root, s.CaseStudy.Slug), Note: s.CaseStudy.School}
	}
	return Link{Title: s.Page.Title, URL: m.site.Root + s.Page.Slug + "/"}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(n) + " " + many
}

// thousands writes n with a comma between groups of three digits,
// "1,234", as site.js's plural does (toLocaleString("en-GB")).
func thousands(n int) string {
	d := strconv.Itoa(n)
	neg := strings.HasPrefix(d, "-")
	d = strings.TrimPrefix(d, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range d {
		if i > 0 && (len(d)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
