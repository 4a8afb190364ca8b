// Package index cross-indexes a loaded content.Site: the case studies of
// every term, the schools A to Z, related case studies, backlinks, and the
// previous and next case study. It is pure: the same site gives the same
// index, and every list is sorted with ties broken by a stable key.
package index

import (
	"cmp"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"buildbook/internal/content"
)

// MaxRelated is how many related case studies a case study lists.
const MaxRelated = 5

// candidatesPerTerm bounds the work of finding related case studies: for
// each of a case study's terms, only the newest candidatesPerTerm case
// studies with that term are scored. Below that many case studies per term
// the result is exact; above it, related case studies are the best among
// the newest, and the cost stays linear in the size of the collection.
const candidatesPerTerm = 256

// Index is the cross-index of a site.
type Index struct {
	Site      *content.Site
	Terms     [][]TermEntry              // per taxonomy, per term in taxonomy order
	Schools   []School                   // A to Z
	Related   [][]*content.CaseStudy     // parallel to Site.CaseStudies
	Backlinks [][]Source                 // parallel to Site.CaseStudies
	position  map[*content.CaseStudy]int // index in Site.CaseStudies
}

// TermEntry is a term with its case studies, newest first.
type TermEntry struct {
	Term        *content.Term
	CaseStudies []*content.CaseStudy
}

// School is a school with the case studies it led and those it partnered in.
type School struct {
	Name     string
	Slug     string // anchor on the schools page
	Letter   string // A to Z, or # for other first characters
	Lead     []*content.CaseStudy
	Partners []*content.CaseStudy
}

// Source is where a link comes from: a case study or a free page.
type Source struct {
	CaseStudy *content.CaseStudy
	Page      *content.Page
}

// Title is the title of the linking case study or page.
func (s Source) Title() string {
	if s.CaseStudy != nil {
		return s.CaseStudy.Title
	}
	return s.Page.Title
}

// Ref is one link from a source to a case study, found in a body.
type Ref struct {
	From Source
	To   string // slug of a case study
}

// Build indexes site. refs are the links between documents, for backlinks.
func Build(site *content.Site, refs []Ref) *Index {
	x := &Index{Site: site, position: map[*content.CaseStudy]int{}}
	for i, c := range site.CaseStudies {
		x.position[c] = i
	}
	x.buildTerms()
	x.buildSchools()
	x.buildRelated()
	x.buildBacklinks(refs)
	return x
}

// Position is the index of c in Site.CaseStudies, or -1.
func (x *Index) Position(c *content.CaseStudy) int {
	if i, ok := x.position[c]; ok {
		return i
	}
	return -1
}

// Prev returns the case study listed before c (newer), or nil.
func (x *Index) Prev(c *content.CaseStudy) *content.CaseStudy {
	if i := x.Position(c); i > 0 {
		return x.Site.CaseStudies[i-1]
	}
	return nil
}

// Next returns the case study listed after c (older), or nil.
func (x *Index) Next(c *content.CaseStudy) *content.CaseStudy {
	if i := x.Position(c); i >= 0 && i+1 < len(x.Site.CaseStudies) {
		return x.Site.CaseStudies[i+1]
	}
	return nil
}

func (x *Index) buildTerms() {
	x.Terms = make([][]TermEntry, len(x.Site.Taxonomies))
	for ti, tx := range x.Site.Taxonomies {
		pos := map[*content.Term]int{}
		x.Terms[ti] = make([]TermEntry, len(tx.Terms))
		for i, t := range tx.Terms {
			x.Terms[ti][i].Term = t
			pos[t] = i
		}
		// Site.CaseStudies is newest first, so each list is too.
		for _, c := range x.Site.CaseStudies {
			for _, t := range c.Terms[ti] {
				e := &x.Terms[ti][pos[t]]
				e.CaseStudies = append(e.CaseStudies, c)
			}
		}
	}
}

// SortKey is how a school's name is ordered: lower case, without a leading
// "The ".
func SortKey(name string) string {
	k := strings.ToLower(strings.Join(strings.Fields(name), " "))
	return strings.TrimPrefix(k, "the ")
}

func (x *Index) buildSchools() {
	byKey := map[string]*School{}
	get := func(name string) *School {
		k := strings.ToLower(strings.Join(strings.Fields(name), " "))
		s := byKey[k]
		if s == nil {
			s = &School{Name: strings.Join(strings.Fields(name), " "), Slug: content.Slugify(name)}
			byKey[k] = s
		}
		return s
	}
	for _, c := range x.Site.CaseStudies {
		s := get(c.School)
		s.Lead = append(s.Lead, c)
		for _, p := range c.Partners {
			if ps := get(p); ps != s && !slices.Contains(ps.Partners, c) {
				ps.Partners = append(ps.Partners, c)
			}
		}
	}
	for _, s := range byKey {
		x.Schools = append(x.Schools, *s)
	}
	slices.SortFunc(x.Schools, func(a, b School) int {
		return cmp.Or(cmp.Compare(SortKey(a.Name), SortKey(b.Name)), cmp.Compare(a.Name, b.Name))
	})
	// Anchors must be unique even when two names slugify alike.
	seen := map[string]int{}
	for i := range x.Schools {
		s := &x.Schools[i]
		if s.Slug == "" {
			s.Slug = "school"
		}
		if n := seen[s.Slug]; n > 0 {
			seen[s.Slug]++
			s.Slug += "-" + strconv.Itoa(n+1)
		} else {
			seen[s.Slug] = 1
		}
		s.Letter = "#"
		if k := SortKey(s.Name); k != "" && k[0] >= 'a' && k[0] <= 'z' {
			s.Letter = strings.ToUpper(k[:1])
		}
	}
}

// buildRelated scores case studies that share terms, weighting each shared
// term by how rare it is (inverse document frequency), through an inverted
// index from terms to case studies. Ties go to the newer case study, then
// to the smaller slug.
func (x *Index) buildRelated() {
	cs := x.Site.CaseStudies
	n := len(cs)
	x.Related = make([][]*content.CaseStudy, n)
	if n < 2 {
		return
	}
	// Number every term across taxonomies; give each case study its
	// sorted term numbers; postings are newest first.
	var weights []float64
	var postings [][]int32
	termNum := map[*content.Term]int32{}
	for ti := range x.Terms {
		for _, e := range x.Terms[ti] {
			termNum[e.Term] = int32(len(postings))
			p := make([]int32, len(e.CaseStudies))
			for i, c := range e.CaseStudies {
				p[i] = int32(x.position[c])
			}
			postings = append(postings, p)
			w := 0.0
			if df := len(p); df > 0 {
				w = math.Log(1 + float64(n)/float64(df))
			}
			weights = append(weights, w)
		}
	}
	terms := make([][]int32, n)
	for i, c := range cs {
		for _, ts := range c.Terms {
			for _, t := range ts {
				terms[i] = append(terms[i], termNum[t])
			}
		}
		slices.Sort(terms[i])
	}
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			seen := make([]int32, n) // generation marks, to score each candidate once
			gen := int32(0)
			var cands []scored
			for i := w; i < n; i += workers {
				gen++
				cands = cands[:0]
				for _, t := range terms[i] {
					p := postings[t]
					for _, j := range p[:min(len(p), candidatesPerTerm)] {
						if int(j) == i || seen[j] == gen {
							continue
						}
						seen[j] = gen
						cands = append(cands, scored{j, shared(terms[i], terms[j], weights)})
					}
				}
				// Positions are in listing order (newest first, then
				// slug), so the smaller position wins a tie.
				slices.SortFunc(cands, func(a, b scored) int {
					return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.pos, b.pos))
				})
				k := min(len(cands), MaxRelated)
				rel := make([]*content.CaseStudy, k)
				for r := range k {
					rel[r] = cs[cands[r].pos]
				}
				x.Related[i] = rel
			}
		}()
	}
	wg.Wait()
}

type scored struct {
	pos   int32
	score float64
}

// shared sums the weights of the terms two sorted term lists have in common.
func shared(a, b []int32, weights []float64) float64 {
	s := 0.0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			s += weights[a[i]]
			i++
			j++
		}
	}
	return s
}

func (x *Index) buildBacklinks(refs []Ref) {
	x.Backlinks = make([][]Source, len(x.Site.CaseStudies))
	bySlug := map[string]int{}
	for i, c := range x.Site.CaseStudies {
		bySlug[c.Slug] = i
	}
	for _, r := range refs {
		i, ok := bySlug[r.To]
		if !ok || (r.From.CaseStudy != nil && r.From.CaseStudy.Slug == r.To) {
			continue
		}
		if !slices.Contains(x.Backlinks[i], r.From) {
			x.Backlinks[i] = append(x.Backlinks[i], r.From)
		}
	}
	for i := range x.Backlinks {
		slices.SortFunc(x.Backlinks[i], func(a, b Source) int {
			return cmp.Or(cmp.Compare(a.Title(), b.Title()), cmp.Compare(sourceKey(a), sourceKey(b)))
		})
	}
}

func sourceKey(s Source) string {
	if s.CaseStudy != nil {
		return "c/" + s.CaseStudy.Slug
	}
	return "p/" + s.Page.Slug
}
