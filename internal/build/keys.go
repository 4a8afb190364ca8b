package build

import (
	"encoding/binary"
	"hash/crc64"
	"strconv"

	"buildbook/internal/index"
	"buildbook/internal/render"
)

// pageKeys gives in the digests that render makes page keys from (see
// render's keys.go): a digest of what each case study brings, and one of
// what any page may depend on besides. sums are the checksums of
// site.Files. Without a checksum of the executable, which a key must
// include (it makes the pages), nothing is keyed and every page is made.
func pageKeys(in *render.Input, opts *Options, docs []*doc, sums []uint64, x *index.Index) {
	exe := executableSum()
	if exe == 0 {
		return
	}
	site := in.Site
	cases := make(map[string]bool, len(site.CaseStudies))
	for _, c := range site.CaseStudies {
		cases[c.File] = true
	}
	var k keyBuilder
	k.uint(exe)
	k.uint(templatesSum(opts.Templates))
	k.str(opts.BaseURL)
	k.bool(opts.Drafts)
	// Every content file but the case studies' Markdown: book.yaml,
	// taxonomies, pages, editions, drafts, images and attachments.
	for i, f := range site.Files {
		if !cases[f] {
			k.str(f)
			k.uint(sums[i])
		}
	}
	// Where the links of pages, descriptions and introductions point.
	for _, d := range docs {
		if d.caseIndex < 0 {
			k.str(d.file)
			k.str(d.slug)
			k.outcomes(d.outs)
		}
	}
	// Counts that pages show: case studies, terms' case studies, schools.
	k.int(len(site.CaseStudies))
	for _, terms := range x.Terms {
		k.int(len(terms))
		for _, e := range terms {
			k.str(e.Term.ID)
			k.int(len(e.CaseStudies))
		}
	}
	k.int(len(x.Schools))
	// The downloads that the footer and the book pages offer, with their
	// sizes (their bytes are their own copies' keys: see downloadJobs).
	k.int(len(in.Downloads))
	for _, d := range in.Downloads {
		k.str(d.Edition)
		k.str(d.Format)
		k.str(d.Path)
		k.int(int(d.Size))
	}
	in.Global = k.sum()

	in.Digests = make([]uint64, len(site.CaseStudies))
	for _, d := range docs {
		if d.caseIndex < 0 {
			continue
		}
		c := site.CaseStudies[d.caseIndex]
		var k keyBuilder
		k.str(c.File)
		k.uint(site.Sums[c.File])
		k.outcomes(d.outs)
		in.Digests[d.caseIndex] = k.sum()
	}
}

// keyBuilder digests a sequence of values, each written with its length
// so that different sequences cannot give the same bytes.
type keyBuilder struct{ b []byte }

func (k *keyBuilder) uint(v uint64) { k.b = binary.LittleEndian.AppendUint64(k.b, v) }
func (k *keyBuilder) int(v int)     { k.uint(uint64(v)) }
func (k *keyBuilder) str(s string) {
	k.int(len(s))
	k.b = append(k.b, s...)
}
func (k *keyBuilder) bool(v bool) { k.str(strconv.FormatBool(v)) }

func (k *keyBuilder) outcomes(outs []outcome) {
	k.int(len(outs))
	for _, o := range outs {
		k.str(o.href)
		k.str(o.book)
		k.int(o.w)
		k.int(o.h)
		k.str(o.vs.WebP)
		k.str(o.vs.SrcSet)
		k.str(o.vs.Sizes)
		k.bool(o.ok)
	}
}

// sum is the digest: the checksum the output uses, and a CRC-64 of the
// same bytes, folded together.
func (k *keyBuilder) sum() uint64 {
	return checksum(k.b) ^ crc64.Checksum(k.b, crc64Table)
}

var crc64Table = crc64.MakeTable(crc64.ECMA)
