package render

import (
	"fmt"
	"strconv"

	"buildbook/internal/collation"
	"buildbook/internal/content"
	"buildbook/internal/index"
	"buildbook/internal/paths"
)

// Long lists are split into numbered pages so that no page outgrows what a
// phone on a slow link should load (about 100 KB of HTML, CSS and script):
// the first page at the list's own address, the others under page/N/ of it,
// as Hugo and most static hosts' readers expect:
//
//	case-studies/              page 1
//	case-studies/page/2/       page 2, rel="next" of page 1
//
// Every item is reachable by following the pages without JavaScript.

// ListPageSize is the number of cards on a page of the case-studies list and
// of a term's page: divisible by one to four columns, and about 25 KB of
// HTML.
const ListPageSize = 24

// SchoolsPageSize is the number of case-study links after which the schools
// A–Z start a new page; a school's links are never split between pages.
const SchoolsPageSize = 160

// Pager is one page of a paged list: its number, its neighbours, and a
// window of numbered links to the others.
type Pager struct {
	Page, Pages int
	Prev, Next  string // addresses; "" on the first or last page
	Links       []PageLink
	From, To    int // the items on this page, counted from 1
	Total       int // items on every page
}

// PageLink is a numbered link of a Pager, or a gap between numbers.
type PageLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool
}

// pageCount is the number of pages for n items, size a page; at least 1.
func pageCount(n, size int) int { return max(1, (n+size-1)/size) }

// pageWindow is how many numbered links a Pager shows on each side of the
// current page, besides the first and the last.
const pageWindow = 2

// newPager makes the Pager of page n of pages, for a list at path from the
// site's root; from and to are the items on it (from 1), of total.
func newPager(root, path string, n, pages, from, to, total int) *Pager {
	p := &Pager{Page: n, Pages: pages, From: from, To: to, Total: total}
	url := func(k int) string { return root + paths.Paged(path, k) }
	if n > 1 {
		p.Prev = url(n - 1)
	}
	if n < pages {
		p.Next = url(n + 1)
	}
	last := 0
	for k := 1; k <= pages; k++ {
		near := n-pageWindow <= k && k <= n+pageWindow
		// A gap of one page shows that page's number instead.
		fills := k == 2 && n-pageWindow == 3 || k == pages-1 && n+pageWindow == pages-2
		if k != 1 && k != pages && !near && !fills {
			continue
		}
		if k > last+1 {
			p.Links = append(p.Links, PageLink{Gap: true})
		}
		p.Links = append(p.Links, PageLink{Number: k, URL: url(k), Current: k == n})
		last = k
	}
	return p
}

// pageTitle is a page's title with its number after the first page:
// "Case studies, page 2 of 9".
func pageTitle(title string, n, pages int) string {
	if n <= 1 {
		return title
	}
	return title + ", page " + strconv.Itoa(n) + " of " + strconv.Itoa(pages)
}

// termPages are the pages of term e of taxonomy ti: its case studies,
// ListPageSize a page.
func (m *models) termPages(ti int, e index.TermEntry) []*TermPage {
	out := make([]*TermPage, termPageCount(e))
	for k := range out {
		out[k] = m.termPage(ti, e, k+1)
	}
	return out
}

// termPageCount is the number of pages of term e.
func termPageCount(e index.TermEntry) int { return pageCount(len(e.CaseStudies), ListPageSize) }

// termPagePath is the path of page k of term e of taxonomy tx.
func termPagePath(tx *content.Taxonomy, e index.TermEntry, k int) string {
	return paths.Paged(paths.Term(tx.ID, e.Term.ID), k)
}

// termPage is page k (from 1) of term e of taxonomy ti. It copies the
// cards of that page only, so that pages made one at a time as they are
// written never hold every term's cards at once.
func (m *models) termPage(ti int, e index.TermEntry, k int) *TermPage {
	tx := m.in.Site.Taxonomies[ti]
	tl := m.termLink(e.Term)
	tl.Count = len(e.CaseStudies)
	path := paths.Term(tx.ID, e.Term.ID)
	n := len(e.CaseStudies)
	pages := pageCount(n, ListPageSize)
	from, to := (k-1)*ListPageSize, min(n, k*ListPageSize)
	desc := fmt.Sprintf("%s tagged %s.", plural(n, "case study", "case studies"), e.Term.Title)
	if k > 1 {
		desc = fmt.Sprintf("Case studies %d to %d of %d tagged %s.", from+1, to, n, e.Term.Title)
	}
	p := &TermPage{
		Layout:      m.layout(pageTitle(e.Term.Label(), k, pages), desc, paths.Paged(path, k), tx.Title),
		Taxonomy:    m.refs[ti],
		Term:        tl,
		Description: m.in.TermDescriptions[e.Term],
		Cards:       m.cardsOf(e.CaseStudies[from:to]),
		Pager:       newPager(m.site.Root, path, k, pages, from+1, to, n),
	}
	p.Code = hasCode(p.Description)
	p.Faces = []string{faceLabel}
	if p.Description != "" {
		p.Faces = append(p.Faces, faceText)
	}
	return p
}

// schools are the pages of the schools A–Z: one on a small site; on a large
// one, a new page whenever the next school's case studies would take a
// page past SchoolsPageSize links. Every page lists every initial, each
// linked to where its schools start.
func (m *models) schools() []*SchoolsPage {
	type entry struct {
		SchoolEntry
		letter string
		links  int
	}
	var pages [][]entry
	links := 0
	for _, s := range m.in.Index.Schools {
		e := entry{SchoolEntry: SchoolEntry{Name: s.Name, ID: "school-" + s.Slug}, letter: s.Letter}
		for _, c := range s.Lead {
			e.Lead = append(e.Lead, Link{Title: c.Title, URL: CaseStudyURL(m.site.Root, c.Slug), Note: newDate(c.Date).Human})
		}
		for _, c := range s.Partners {
			e.Partners = append(e.Partners, Link{Title: c.Title, URL: CaseStudyURL(m.site.Root, c.Slug), Note: "with " + c.School})
		}
		e.links = len(e.Lead) + len(e.Partners)
		if len(pages) == 0 || links > 0 && links+e.links > SchoolsPageSize {
			pages = append(pages, nil)
			links = 0
		}
		pages[len(pages)-1] = append(pages[len(pages)-1], e)
		links += e.links
	}
	if len(pages) == 0 {
		pages = append(pages, nil)
	}
	n := len(m.in.Index.Schools)
	type initial struct {
		letter string
		page   int
	}
	var initials []initial // every initial and the page where it starts
	out := make([]*SchoolsPage, len(pages))
	from := 0
	for k, es := range pages {
		title := pageTitle("Schools A–Z", k+1, len(pages))
		desc := fmt.Sprintf("%s and their case studies.", plural(n, "school", "schools"))
		if k > 0 {
			desc = fmt.Sprintf("Schools %d to %d of %d and their case studies.", from+1, from+len(es), n)
		}
		p := &SchoolsPage{
			Layout: m.layout(title, desc, paths.Paged(paths.Schools, k+1), "Schools", faceLabel),
			Pager:  newPager(m.site.Root, paths.Schools, k+1, len(pages), from+1, from+len(es), n),
		}
		for _, e := range es {
			if len(p.Letters) == 0 || p.Letters[len(p.Letters)-1].Letter != e.letter {
				continued := len(initials) > 0 && initials[len(initials)-1].letter == e.letter
				p.Letters = append(p.Letters, Letter{Letter: e.letter, ID: collation.ID(e.letter), Continued: continued})
				if !continued {
					initials = append(initials, initial{e.letter, k + 1})
				}
			}
			l := &p.Letters[len(p.Letters)-1]
			l.Schools = append(l.Schools, e.SchoolEntry)
		}
		from += len(es)
		out[k] = p
	}
	for k, p := range out {
		for _, i := range initials {
			u := "#letter-" + collation.ID(i.letter)
			if i.page != k+1 {
				u = m.site.Root + paths.Paged(paths.Schools, i.page) + u
			}
			p.Index = append(p.Index, Link{Title: i.letter, URL: u})
		}
	}
	return out
}
