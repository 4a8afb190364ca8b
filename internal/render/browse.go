package render

// The case-studies list is paged (see pages.go) so that it stays light on
// any collection: case-studies/ shows the newest ListPageSize case
// studies, the filters and links to case-studies/page/2/ and on. With
// JavaScript (assets/browse.js), the filters and their counts work on every
// case study, and the matching cards are drawn in the page, a page at a
// time ("Show more"), from two kinds of data file written with the site:
//
//	case-studies/index.json      the facets: for every filter value, the
//	                             case studies that have it; and the terms
//	                             that cards show as tags
//	case-studies/cards-<k>.json  cards k*browseChunk ... in site order,
//	                             newest first, each as an array:
//	                             [slug, title, school, date, region,
//	                             summary, [term numbers]], and when
//	                             the card has a picture, [src, srcset,
//	                             WebP srcset, width, height] (see Photo)
//
// The page fetches neither until the reader turns to the filters. A
// value's case studies are written as in the search index: gaps between
// case-study numbers, five bits a character (see appendVarint), so the
// facets of 10,000 case studies take about 150 KB before compression.
// Case studies are numbered in site order, as in the search index, so the
// two can be combined. The files carry ?v=<version> in their URLs, taken
// from the list page, so a page never mixes data of two builds.

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"slices"
	"sync"

	"buildbook/internal/content"
	"buildbook/internal/paths"
)

// BrowseFormat is the version of the list's data format, in index.json.
const BrowseFormat = 1

// browseChunk is the number of cards in a cards-<k>.json file: small, so
// that showing the first few matches of a rare filter fetches little.
const browseChunk = 20

// browseIndex is case-studies/index.json.
type browseIndex struct {
	Format int `json:"format"`
	Count  int `json:"count"` // case studies
	Chunk  int `json:"chunk"` // cards per cards-<k>.json
	// Taxonomies are [id, singular] pairs; Terms are [taxonomy number,
	// id, short title], numbered as cards refer to them.
	Taxonomies [][2]string `json:"taxonomies"`
	Terms      [][3]any    `json:"terms"`
	// Facets are, by filter key and value, the postings of the case
	// studies that have the value.
	Facets map[string]map[string]string `json:"facets"`
}

// browseData is the list's data files and their version.
type browseData struct {
	version string
	index   []byte
	chunks  [][]byte
}

// listJobs lists the pages of the case-studies list and its data files.
func (r *Renderer) listJobs(m *models) []Job {
	groups := sync.OnceValue(m.filterGroups)
	n := len(m.cards)
	chunks := (n + browseChunk - 1) / browseChunk
	// The data files are made with the first page, which needs their
	// version, and let go once all three kinds are made.
	data := newShared(2+chunks, func() *browseData { return m.browseData(groups()) })
	pages := pageCount(n, ListPageSize)
	var jobs []Job
	for k := 1; k <= pages; k++ {
		p := paths.Page(paths.Paged(paths.CaseStudies, k))
		jobs = append(jobs, writeJob(p, func(w io.Writer) error {
			l := m.list(k, pages)
			if k == 1 {
				defer data.done()
				l.Filters = groups()
				l.Data = data.get().version
				if b, ok := r.assets[paths.BrowseJS]; ok {
					l.Script = m.site.Root + paths.BrowseJS + "?v=" + digest(b)
				}
			}
			return r.execute(w, "list.html", l)
		}))
		// The first page has the filters, with counts of every case study.
		if k == 1 {
			jobs[len(jobs)-1].Key = m.in.allKey(p)
		} else {
			jobs[len(jobs)-1].Key = m.in.casesKey(p, (k-1)*ListPageSize, min(n, k*ListPageSize))
		}
	}
	jobs = append(jobs, Job{Path: paths.CaseStudiesIndex, Key: m.in.allKey(paths.CaseStudiesIndex), Make: func() ([]byte, error) {
		defer data.done()
		return data.get().index, nil
	}})
	for k := range chunks {
		p := paths.CaseStudyCards(k)
		jobs = append(jobs, Job{Path: p, Key: m.in.allKey(p), Make: func() ([]byte, error) {
			defer data.done()
			return data.get().chunks[k], nil
		}})
	}
	return jobs
}

// list is page k of pages of the case-studies list, without its filters.
func (m *models) list(k, pages int) *ListPage {
	n := len(m.cards)
	from, to := (k-1)*ListPageSize, min(n, k*ListPageSize)
	desc := fmt.Sprintf("All %s, newest first.", plural(n, "case study", "case studies"))
	if k > 1 {
		desc = fmt.Sprintf("Case studies %d to %d of %d, newest first.", from+1, to, n)
	}
	return &ListPage{
		Layout:   m.layout(pageTitle("Case studies", k, pages), desc, paths.Paged(paths.CaseStudies, k), "Case studies", faceLabel),
		Cards:    m.cards[from:to],
		Pager:    newPager(m.site.Root, paths.CaseStudies, k, pages, from+1, to, n),
		PageSize: ListPageSize,
	}
}

// filterGroups are the groups of the list's filter form, with the counts
// of the whole collection.
func (m *models) filterGroups() []FilterGroup {
	l := &ListPage{}
	for ti := range m.in.Site.Taxonomies {
		l.Facets = append(l.Facets, m.taxonomySummary(ti))
	}
	regions := map[string]int{}
	years := map[string]int{}
	for _, c := range m.in.Site.CaseStudies {
		if c.Region != "" {
			regions[c.Region]++
		}
		years[c.Date.Format("2006")]++
	}
	rs := slices.Collect(maps.Keys(regions))
	slices.SortFunc(rs, m.in.Index.Collator.Compare)
	for _, r := range rs {
		l.Regions = append(l.Regions, Facet{Value: r, Count: regions[r]})
	}
	ys := slices.Sorted(maps.Keys(years))
	slices.Reverse(ys)
	for _, y := range ys {
		l.Years = append(l.Years, Facet{Value: y, Count: years[y]})
	}
	return m.filters(l)
}

// browseData writes the list's data files for the filter groups gs.
func (m *models) browseData(gs []FilterGroup) *browseData {
	s := m.in.Site
	x := browseIndex{Format: BrowseFormat, Count: len(s.CaseStudies), Chunk: browseChunk, Facets: map[string]map[string]string{}}
	number := map[*content.Term]int{}
	for ti, tx := range s.Taxonomies {
		x.Taxonomies = append(x.Taxonomies, [2]string{tx.ID, m.refs[ti].Singular})
		for _, t := range tx.Terms {
			number[t] = len(x.Terms)
			x.Terms = append(x.Terms, [3]any{ti, t.ID, t.ShortTitle()})
		}
	}
	for _, g := range gs {
		var has func(c *content.CaseStudy) []string
		switch g.Field {
		case "region":
			has = func(c *content.CaseStudy) []string { return []string{c.Region} }
		case "year":
			has = func(c *content.CaseStudy) []string { return []string{c.Date.Format("2006")} }
		default:
			ti := slices.IndexFunc(s.Taxonomies, func(tx *content.Taxonomy) bool { return tx.ID == g.Taxonomy })
			has = func(c *content.CaseStudy) []string {
				var ids []string
				for _, t := range c.Terms[ti] {
					ids = append(ids, t.ID)
				}
				return ids
			}
		}
		type list struct {
			last     int
			postings []byte
		}
		lists := map[string]*list{}
		for _, o := range g.Options {
			lists[o.Value] = &list{last: -1}
		}
		for i, c := range s.CaseStudies {
			for _, v := range has(c) {
				if l := lists[v]; l != nil {
					l.postings = appendVarint(l.postings, i-l.last)
					l.last = i
				}
			}
		}
		f := map[string]string{}
		for v, l := range lists {
			f[v] = string(l.postings)
		}
		x.Facets[g.Key] = f
	}
	d := &browseData{index: marshalJSON(x)}
	h := sha256.New()
	h.Write(d.index)
	for from := 0; from < len(s.CaseStudies); from += browseChunk {
		var rows [][]any
		for i, c := range s.CaseStudies[from:min(len(s.CaseStudies), from+browseChunk)] {
			terms := []int{}
			for _, ts := range c.Terms {
				for _, t := range ts {
					terms = append(terms, number[t])
				}
			}
			row := []any{c.Slug, c.Title, c.School, c.Date.Format("2006-01-02"), c.Region, c.Summary, terms}
			if p := m.cards[from+i].Thumb; p != nil {
				row = append(row, []any{p.Src, p.SrcSet, p.WebP, p.Width, p.Height})
			}
			rows = append(rows, row)
		}
		b := marshalJSON(rows)
		h.Write(b)
		d.chunks = append(d.chunks, b)
	}
	d.version = hex.EncodeToString(h.Sum(nil))[:12]
	return d
}
