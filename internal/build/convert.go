package build

import (
	"html/template"
	"slices"

	"buildbook/internal/content"
	"buildbook/internal/diag"
	"buildbook/internal/markdown"
	"buildbook/internal/store"
)

// converted is what converting one document gave, kept between compiles
// by a Builder so that an unchanged document is not parsed or rendered
// again.
type converted struct {
	src      uint64 // checksum of the body and its first line
	body     []byte // the body last converted: the same slice needs no checksum
	parsed   bool   // headings, links and warnings are known
	headings []markdown.Heading
	links    []linkInfo
	warnings []markdown.Message
	// figures are the document's figures; once rendered, with where
	// their numbers are in book.
	figures []markdown.Figure

	rendered bool      // html, book and text are set, or at is
	outs     []outcome // where the links pointed when they were rendered
	html     template.HTML
	book     template.HTML
	text     string
	at       *[3]span // where html, book and text are in the cache written in place

	// The links of html and of book, typed, and where they are in them:
	// set with html and book, whether or not they are in memory.
	htmlLinks, bookLinks []markdown.Ref
}

// convert parses d, resolves its links and renders its HTML, taking what
// it can from cache (serve's, in memory) or disk (the last build's): a
// document whose body is unchanged is not parsed again, and one whose
// links also point where they did is not rendered again. The parsed tree
// is dropped once the HTML is written. d records what the next build's
// cache needs.
func convert(conv *markdown.Converter, d *doc, res *resolver, cache *convCache, disk *diskCache, opts *Options, diags *diag.List) {
	key := docKey(d)
	e := cache.Get(key)
	switch {
	case e != nil && !d.letGo() && sameSlice(e.body, d.body):
		// A case study that the content cache gave back has the very
		// same body slice.
	case cache != nil || disk != nil:
		sum := d.sum()
		switch {
		case e != nil && e.src == sum:
			ne := *e
			e = &ne
		default:
			if e = fromDisk(disk, key, sum, d.caseIndex >= 0); e == nil {
				e = &converted{src: sum}
			}
		}
		e.body = d.body
	default:
		e = &converted{}
	}
	var parsed *markdown.Doc
	if !e.parsed {
		parsed = conv.Parse(d.markdown(res.site, opts, diags), d.bodyLine)
		e.parsed, e.headings, e.warnings, e.figures = true, parsed.Headings, parsed.Warnings, parsed.Figures
		for _, l := range parsed.Links {
			e.links = append(e.links, linkInfo{kind: l.Kind, dest: l.Dest, line: l.Line, col: l.Col})
		}
	}
	for _, w := range e.warnings {
		diags.Warnf(diag.Pos{File: opts.display(d.file), Line: w.Line, Col: w.Col}, "%s", w.Text)
	}
	d.headings, d.figures = e.headings, e.figures
	outs := res.resolve(d, e.links, opts, diags)
	if !e.rendered || !slices.Equal(e.outs, outs) {
		if parsed == nil {
			parsed = conv.Parse(d.markdown(res.site, opts, diags), d.bodyLine)
		}
		for i, o := range outs {
			if o.ok {
				parsed.Links[i].Resolve(o.href, o.book, o.w, o.h)
				parsed.Links[i].ResolveVersions(o.vs)
				if o.cs != "" {
					parsed.Links[i].ResolveCaseStudy(o.cs, o.frag)
				}
			}
		}
		parsed.SetIDPrefix(d.slug)
		// Copy on write: the entry may be in use by another compile's
		// Input until this one replaces it.
		ne := *e
		ne.rendered, ne.outs, ne.html, ne.book, ne.text, ne.at = true, outs, "", "", "", nil
		ne.htmlLinks, ne.bookLinks = nil, nil
		// Every document has its book HTML, with its ids prefixed: a
		// term's description too, which a default book prints as its
		// part's introduction.
		h := conv.RenderBookLinks(parsed)
		ne.book, ne.bookLinks, ne.figures = template.HTML(h.HTML), h.Links, h.Figures
		if d.edition == nil {
			h := conv.RenderLinks(parsed)
			ne.html, ne.htmlLinks = template.HTML(h.HTML), h.Links
		}
		if d.caseIndex >= 0 {
			ne.text = parsed.Text()
		}
		e = &ne
	}
	cache.Put(key, e)
	d.html, d.book, d.text, d.at, d.figures = e.html, e.book, e.text, e.at, e.figures
	d.htmlLinks, d.bookLinks = e.htmlLinks, e.bookLinks
	d.src, d.links, d.warnings, d.outs = e.src, e.links, e.warnings, e.outs
}

// letGo reports whether d is a case study whose body the loader let go
// (content.Options.DropBodies): markdown reads it again.
func (d *doc) letGo() bool {
	c := d.from.CaseStudy
	return d.body == nil && c != nil && c.BodySize > 0
}

// sum is the checksum of d's body and its first line, that the caches
// know it by.
func (d *doc) sum() uint64 {
	if d.letGo() {
		return d.from.CaseStudy.BodySum ^ uint64(d.bodyLine)<<48
	}
	return store.Checksum(d.body) ^ uint64(d.bodyLine)<<48
}

// markdown is d's body, read again from its file when the loader let it
// go; nil, reported, when the file cannot be read as it was loaded.
func (d *doc) markdown(site *content.Site, opts *Options, diags *diag.List) []byte {
	if d.letGo() {
		b, err := site.ReadBody(d.from.CaseStudy)
		if err != nil {
			diags.Errorf(diag.Pos{File: opts.display(d.file), Line: d.bodyLine, Col: 1}, "%v", err)
			b, d.unread = []byte{}, true // reported once
		}
		d.body = b
	}
	return d.body
}

// sameSlice reports whether a and b are the same bytes in memory.
func sameSlice(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}
