package render

import (
	"hash/fnv"
	"strconv"

	"buildbook/internal/content"
)

// Page keys let a build keep a page that the build before wrote, rather
// than render it again: a job's Key digests everything the page's bytes
// depend on, and a page whose key is the one recorded for the file
// already there is left as it is.
//
// Input.Global digests what any page may depend on beyond the case
// studies themselves (the executable, the templates, the options, every
// content file but the case studies' Markdown, the links of pages,
// descriptions and introductions, and the counts of case studies and
// terms); Input.Digests[i] digests what case study i brings (its file and
// where its links point). A case study's page is keyed by its own digest
// and those of the case studies it shows (related, backlinks, previous and
// next); a page of a list by the digests of its cards; files that
// summarise the whole collection (the book, the search index, the list's
// first page and data) by every digest. Pages made from the site alone
// (home, taxonomies, schools, feed) are cheap and have no key: they are
// always made.

// keyVersion changes whenever what keys digest changes.
const keyVersion = 1

// mix adds v to the key h.
func mix(h, v uint64) uint64 {
	h ^= v
	h *= 0x9e3779b97f4a7c15
	h ^= h >> 31
	h *= 0xbf58476d1ce4e5b9
	return h ^ h>>29
}

// mixString adds s to the key h.
func mixString(h uint64, s string) uint64 {
	f := fnv.New64a()
	f.Write([]byte(s))
	return mix(mix(h, f.Sum64()), uint64(len(s)))
}

// keyed reports whether in has the digests that keys are made from.
func (in *Input) keyed() bool {
	return in.Digests != nil && len(in.Digests) == len(in.Site.CaseStudies)
}

// key starts the key of the file p.
func (in *Input) key(p string) uint64 {
	return mixString(mix(in.Global, keyVersion), p)
}

// allKey is the key of a file that depends on every case study.
func (in *Input) allKey(p string) uint64 {
	if !in.keyed() {
		return 0
	}
	return mix(in.key(p), in.all)
}

// digestAll sets in.all, the digest of every case study, for allKey.
func (in *Input) digestAll() {
	h := uint64(len(in.Digests))
	for _, d := range in.Digests {
		h = mix(h, d)
	}
	in.all = h
}

// casesKey is the key of the file p that shows case studies from to to
// (not included) in site order.
func (in *Input) casesKey(p string, from, to int) uint64 {
	if !in.keyed() {
		return 0
	}
	h := mix(mix(in.key(p), uint64(from)), uint64(to))
	for _, d := range in.Digests[from:to] {
		h = mix(h, d)
	}
	return h
}

// caseStudyKey is the key of case study i's page.
func (in *Input) caseStudyKey(p string, i int) uint64 {
	if !in.keyed() {
		return 0
	}
	x := in.Index
	c := in.Site.CaseStudies[i]
	digest := func(j int) uint64 {
		if j < 0 {
			return 0
		}
		return in.Digests[j]
	}
	h := mix(in.key(p), in.Digests[i])
	h = mix(h, uint64(len(x.Related[i])))
	for _, r := range x.Related[i] {
		h = mix(h, digest(x.Position(r)))
	}
	h = mix(h, uint64(len(x.Backlinks[i])))
	for _, s := range x.Backlinks[i] {
		if s.CaseStudy != nil {
			h = mix(h, digest(x.Position(s.CaseStudy)))
		} else if s.Page != nil {
			h = mixString(h, "page:"+s.Page.Slug)
		}
	}
	if prev := x.Prev(c); prev != nil {
		h = mix(mix(h, 1), digest(x.Position(prev)))
	}
	if next := x.Next(c); next != nil {
		h = mix(mix(h, 2), digest(x.Position(next)))
	}
	return h
}

// termCasesKey is the key of the file p that shows the case studies cs
// of a term.
func (in *Input) termCasesKey(p string, cs []*content.CaseStudy) uint64 {
	if !in.keyed() {
		return 0
	}
	h := mix(in.key(p), uint64(len(cs)))
	for _, c := range cs {
		h = mix(h, in.Digests[in.Index.Position(c)])
	}
	return h
}

// searchDocKey is the key of search document i.
func (in *Input) searchDocKey(p string, i int) uint64 {
	if !in.keyed() {
		return 0
	}
	return mix(mixString(in.key(p), strconv.Itoa(i)), in.Digests[i])
}

// ownKey is the key of the file p made from case study i alone (and what
// every page may depend on): its citation files.
func (in *Input) ownKey(p string, i int) uint64 {
	if !in.keyed() {
		return 0
	}
	return mix(in.key(p), in.Digests[i])
}
