package build

import (
	"buildbook/internal/index"
	"buildbook/internal/render"
	"buildbook/internal/store"
)

// pageKeys gives in the digests that render makes page keys from (see
// render's keys.go): a digest of what each case study brings, and one of
// what any page may depend on besides. sums are the checksums of
// site.Files. Without a checksum of the executable, which a key must
// include (it makes the pages), nothing is keyed and every page is made.
func pageKeys(in *render.Input, opts *Options, docs []*doc, sums []uint64, x *index.Index) {
	exe := store.ExecutableSum()
	if exe == 0 {
		return
	}
	site := in.Site
	cases := make(map[string]bool, len(site.CaseStudies))
	for _, c := range site.CaseStudies {
		cases[c.File] = true
	}
	var k store.Digest
	k.Uint(exe)
	k.Uint(templatesSum(opts.Templates))
	k.Str(opts.BaseURL)
	k.Bool(opts.Drafts)
	// Every content file but the case studies' Markdown: book.yaml,
	// taxonomies, pages, editions, drafts, images and attachments.
	for i, f := range site.Files {
		if !cases[f] {
			k.Str(f)
			k.Uint(sums[i])
		}
	}
	// Where the links of pages, descriptions and introductions point.
	for _, d := range docs {
		if d.caseIndex < 0 {
			k.Str(d.file)
			k.Str(d.slug)
			digestOutcomes(&k, d.outs)
		}
	}
	// Counts that pages show: case studies, terms' case studies, schools.
	k.Int(len(site.CaseStudies))
	for _, terms := range x.Terms {
		k.Int(len(terms))
		for _, e := range terms {
			k.Str(e.Term.ID)
			k.Int(len(e.CaseStudies))
		}
	}
	k.Int(len(x.Schools))
	// The downloads that the footer and the book pages offer, with their
	// sizes (their bytes are their own copies' keys: see downloadJobs).
	k.Int(len(in.Downloads))
	for _, d := range in.Downloads {
		k.Str(d.Edition)
		k.Str(d.Format)
		k.Str(d.Path)
		k.Int(int(d.Size))
	}
	in.Global = k.Sum()

	in.Digests = make([]uint64, len(site.CaseStudies))
	for _, d := range docs {
		if d.caseIndex < 0 {
			continue
		}
		c := site.CaseStudies[d.caseIndex]
		var k store.Digest
		k.Str(c.File)
		k.Uint(site.Sums[c.File])
		digestOutcomes(&k, d.outs)
		in.Digests[d.caseIndex] = k.Sum()
	}
}

// digestOutcomes adds where links point, as a page shows them, to k.
func digestOutcomes(k *store.Digest, outs []outcome) {
	k.Int(len(outs))
	for _, o := range outs {
		k.Str(o.href)
		k.Str(o.book)
		k.Int(o.w)
		k.Int(o.h)
		k.Str(o.vs.WebP)
		k.Str(o.vs.SrcSet)
		k.Str(o.vs.Sizes)
		k.Bool(o.ok)
	}
}
