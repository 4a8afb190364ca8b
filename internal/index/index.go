// Package index cross-indexes a loaded content.Site: the case studies of
// every term, the schools A to Z, related case studies, backlinks, and the
// previous and next case study. It is pure: the same site gives the same
// index, and every list is sorted with ties broken by a stable key.
package index

import (
	"bytes"
	"cmp"
	"hash/maphash"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"buildbook/internal/collation"
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
	Schools   []School                   // A to Z, in the book's language
	Collator  *collation.Collator        // the book's language's order
	Related   [][]*content.CaseStudy     // parallel to Site.CaseStudies
	Backlinks [][]Source                 // parallel to Site.CaseStudies
	position  map[*content.CaseStudy]int // index in Site.CaseStudies

	// relatedKey is a digest of what related case studies depend on: the
	// slugs of the case studies in order, and their terms; relatedPos are
	// the related case studies as positions, for BuildFrom to reuse.
	relatedKey uint64
	relatedPos [][]int32
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
	Letter   string // the initial it files under (collation.Letter): A to Z in English, or collation.Other
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
func Build(site *content.Site, refs []Ref) *Index { return BuildFrom(nil, site, refs) }

// BuildFrom is Build, taking from prev, the index of an earlier version of
// the site, what did not change: when every case study has the same slug,
// place and terms, the related case studies are prev's. serve indexes
// again after every edit, and most edits change only text.
func BuildFrom(prev *Index, site *content.Site, refs []Ref) *Index {
	x := &Index{Site: site, position: map[*content.CaseStudy]int{}, Collator: collation.New(site.Book.Language)}
	if prev != nil && prev.Site != nil && prev.Site.Book.Language == site.Book.Language {
		x.Collator = prev.Collator
	}
	for i, c := range site.CaseStudies {
		x.position[c] = i
	}
	x.buildTerms()
	x.buildSchools()
	x.relatedKey = relatedKey(site)
	if prev != nil && prev.relatedPos != nil && prev.relatedKey == x.relatedKey {
		x.relatedPos = prev.relatedPos
	} else {
		x.buildRelated()
	}
	x.Related = make([][]*content.CaseStudy, len(site.CaseStudies))
	for i, ps := range x.relatedPos {
		rel := make([]*content.CaseStudy, len(ps))
		for r, p := range ps {
			rel[r] = site.CaseStudies[p]
		}
		x.Related[i] = rel
	}
	x.buildBacklinks(refs)
	return x
}

// relatedKey digests the slugs of the case studies, in order, with their
// terms.
func relatedKey(site *content.Site) uint64 {
	var h maphash.Hash
	h.SetSeed(keySeed)
	for _, c := range site.CaseStudies {
		h.WriteString(c.Slug)
		for ti, terms := range c.Terms {
			h.WriteByte(0)
			h.WriteByte(byte(ti))
			for _, t := range terms {
				h.WriteByte(1)
				h.WriteString(t.ID)
			}
		}
		h.WriteByte(0xff)
	}
	return h.Sum64()
}

// keySeed seeds relatedKey: keys are compared within one process only.
var keySeed = maphash.MakeSeed()

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
	keys := make(map[string][]byte, len(x.Schools))
	for _, s := range x.Schools {
		keys[s.Name] = x.Collator.Key(SortKey(s.Name))
	}
	slices.SortFunc(x.Schools, func(a, b School) int {
		return cmp.Or(bytes.Compare(keys[a.Name], keys[b.Name]), cmp.Compare(a.Name, b.Name))
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
		s.Letter = x.Collator.Letter(SortKey(s.Name))
	}
}

// buildRelated scores case studies that share terms, weighting each shared
// term by how rare it is (inverse document frequency), through an inverted
// index from terms to case studies. Ties go to the newer case study, then
// to the smaller slug.
//
// Each case study's terms are also a bit set, so scoring a candidate is an
// AND of a word or two and a sum over the bits in common; the best
// MaxRelated are kept as they come, without sorting the candidates.
func (x *Index) buildRelated() {
	n := len(x.Site.CaseStudies)
	x.relatedPos = make([][]int32, n)
	if n < 2 {
		return
	}
	// Number every term across taxonomies; give each case study its
	// sorted term numbers and its term bit set; postings are newest first.
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
	words := (len(postings) + 63) / 64
	sets := make([]uint64, n*words)
	terms := make([][]int32, n)
	for i, c := range x.Site.CaseStudies {
		for _, ts := range c.Terms {
			for _, t := range ts {
				k := termNum[t]
				terms[i] = append(terms[i], k)
				sets[i*words+int(k/64)] |= 1 << (k % 64)
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
			for i := w; i < n; i += workers {
				gen++
				var best topK
				a := sets[i*words : (i+1)*words]
				for _, t := range terms[i] {
					p := postings[t]
					for _, j := range p[:min(len(p), candidatesPerTerm)] {
						if int(j) == i || seen[j] == gen {
							continue
						}
						seen[j] = gen
						best.add(scored{j, shared(a, sets[int(j)*words:int(j+1)*words], weights)})
					}
				}
				rel := make([]int32, best.n)
				for r := range best.n {
					rel[r] = best.s[r].pos
				}
				x.relatedPos[i] = rel
			}
		}()
	}
	wg.Wait()
}

type scored struct {
	pos   int32
	score float64
}

// before orders candidates: higher score first, then smaller position.
// Positions are in listing order (newest first, then slug), so the newer
// case study wins a tie.
func (a scored) before(b scored) bool {
	return a.score > b.score || a.score == b.score && a.pos < b.pos
}

// topK keeps the best MaxRelated candidates, best first.
type topK struct {
	s [MaxRelated]scored
	n int
}

func (k *topK) add(c scored) {
	if k.n == MaxRelated && !c.before(k.s[k.n-1]) {
		return
	}
	i := min(k.n, MaxRelated-1)
	for ; i > 0 && c.before(k.s[i-1]); i-- {
		k.s[i] = k.s[i-1]
	}
	k.s[i] = c
	k.n = min(k.n+1, MaxRelated)
}

// shared sums the weights of the terms two term bit sets have in common,
// in term order.
func shared(a, b []uint64, weights []float64) float64 {
	s := 0.0
	for w := range a {
		for m := a[w] & b[w]; m != 0; m &= m - 1 {
			s += weights[w*64+bits.TrailingZeros64(m)]
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
		if !ok || (r.From.CaseStudy != nil && r.From.CaseStudy.Slug == r.To) || r.From == (Source{}) {
			continue // not a backlink: a link to itself, or from an edition's or a term's text
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
