package build

import (
	"encoding/binary"
	"html/template"

	"buildbook/internal/markdown"
	"buildbook/internal/store"
)

// What the build keeps of its documents, in the store: in memory between
// serve's compiles (a Memo of converted), and on a large site in the
// spool, which becomes the next build's cache (see internal/store).

// convCache holds the converted documents of the last compile, by docKey.
type convCache = store.Memo[*converted]

// diskCache is the last build's cache of conversions, on a large site.
type diskCache = store.Cache

// span is where a body is in the spool or the cache.
type span = store.Span

// spoolAbove is the size of case-study Markdown, in bytes, above which a
// build keeps the converted bodies in a spool file rather than in memory
// (see store.Spool).
var spoolAbove = 4 << 20

// spooling reports whether a build of docs keeps its converted bodies in
// a spool: when their case studies' Markdown is over spoolAbove bytes, or
// when the loader let the bodies go (see pass.load), which it does above
// the same size of files. Then the spool's cache also spares reading a
// body again when its conversion is known.
func spooling(docs []*doc) bool {
	n := 0
	for _, d := range docs {
		if d.caseIndex >= 0 {
			if d.letGo() {
				return true
			}
			n += len(d.body)
		}
	}
	return n > spoolAbove
}

// docKey identifies a document between builds: its file and id prefix.
func docKey(d *doc) string { return d.file + "\x00" + d.slug }

// records are what the cache keeps of docs, in order.
func records(docs []*doc) []store.Record {
	rs := make([]store.Record, len(docs))
	for i, d := range docs {
		rs[i] = store.Record{Key: docKey(d), Src: d.src, Meta: encodeMeta(d)}
	}
	return rs
}

// encodeMeta is what converting d found, as the cache keeps it: its
// headings, links, warnings and figures, where its links pointed, and
// the typed links of its HTML.
func encodeMeta(d *doc) []byte {
	var b []byte
	uint := func(v int) { b = binary.AppendUvarint(b, uint64(v)) }
	str := func(s string) { b = store.AppendString(b, s) }
	uint(len(d.headings))
	for _, h := range d.headings {
		str(h.ID)
		str(h.Text)
		uint(h.Level)
	}
	uint(len(d.links))
	for _, l := range d.links {
		uint(int(l.kind))
		str(l.dest)
		uint(l.line)
		uint(l.col)
	}
	uint(len(d.warnings))
	for _, w := range d.warnings {
		uint(w.Line)
		uint(w.Col)
		str(w.Text)
	}
	uint(len(d.figures))
	for _, f := range d.figures {
		str(f.ID)
		str(f.Caption)
		uint(f.Number)
		uint(f.Label[0])
		uint(f.Label[1])
	}
	uint(len(d.outs))
	for _, o := range d.outs {
		str(o.href)
		str(o.book)
		uint(o.w)
		uint(o.h)
		str(o.vs.WebP)
		str(o.vs.SrcSet)
		str(o.vs.Sizes)
		str(o.cs)
		str(o.frag)
		b = appendBool(b, o.ok)
	}
	b = appendRefs(appendRefs(b, d.htmlLinks), d.bookLinks)
	return b
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

// appendRefs appends the typed links of a converted body.
func appendRefs(b []byte, refs []markdown.Ref) []byte {
	b = binary.AppendUvarint(b, uint64(len(refs)))
	for _, l := range refs {
		b = append(b, byte(l.Kind))
		b = store.AppendString(store.AppendString(b, l.Slug), l.Fragment)
		for _, v := range [...]int{l.Start, l.HrefStart, l.HrefEnd, l.End} {
			b = binary.AppendUvarint(b, uint64(v))
		}
		b = appendBool(b, l.Bare)
	}
	return b
}

// readRefs reads what appendRefs wrote.
func readRefs(r *store.Reader) []markdown.Ref {
	var out []markdown.Ref
	for range r.Count() {
		l := markdown.Ref{Target: markdown.Target{Kind: markdown.TargetKind(r.Byte()), Slug: r.String(), Fragment: r.String()}}
		l.Start, l.HrefStart, l.HrefEnd, l.End = int(r.Uint()), int(r.Uint()), int(r.Uint()), int(r.Uint())
		l.Bare = r.Byte() == 1
		if r.Err() != nil {
			return nil
		}
		out = append(out, l)
	}
	return out
}

// spooled is the spool as the renderer reads it (render.BodyStore): the
// bodies from its file, and the links of their book HTML from memory.
type spooled struct {
	*store.Spool
	links [][]markdown.Ref // by document, as the spool's bodies
}

// BookLinks are the links of the book HTML of case study i.
func (s spooled) BookLinks(i int) []markdown.Ref { return s.links[i] }

// decodeMeta reads what encodeMeta wrote into a converted document that
// is parsed, and rendered as far as its links go (its bodies are the
// caller's to find). It returns nil when meta cannot be read.
func decodeMeta(src uint64, meta []byte) *converted {
	r := store.NewReader(meta)
	e := &converted{src: src, parsed: true}
	for range r.Count() {
		e.headings = append(e.headings, markdown.Heading{ID: r.String(), Text: r.String(), Level: int(r.Uint())})
	}
	for range r.Count() {
		e.links = append(e.links, linkInfo{kind: markdown.LinkKind(r.Uint()), dest: r.String(), line: int(r.Uint()), col: int(r.Uint())})
	}
	for range r.Count() {
		e.warnings = append(e.warnings, markdown.Message{Line: int(r.Uint()), Col: int(r.Uint()), Text: r.String()})
	}
	for range r.Count() {
		e.figures = append(e.figures, markdown.Figure{ID: r.String(), Caption: r.String(), Number: int(r.Uint()), Label: [2]int{int(r.Uint()), int(r.Uint())}})
	}
	for range r.Count() {
		e.outs = append(e.outs, outcome{href: r.String(), book: r.String(), w: int(r.Uint()), h: int(r.Uint()),
			vs: markdown.Versions{WebP: r.String(), SrcSet: r.String(), Sizes: r.String()}, cs: r.String(), frag: r.String(), ok: r.Byte() == 1})
	}
	e.htmlLinks, e.bookLinks = readRefs(r), readRefs(r)
	if r.Err() != nil {
		return nil
	}
	return e
}

// fromDisk is what the last build's cache holds of the document key whose
// source has the checksum src, or nil. The document is parsed, and, when
// its bodies can be read, rendered as its links pointed then. When the
// cache is this build's spool, a case study's bodies are left unread
// where they are.
func fromDisk(disk *diskCache, key string, src uint64, caseStudy bool) *converted {
	de := disk.Lookup(key, src)
	if de == nil {
		return nil
	}
	e := decodeMeta(src, de.Meta)
	if e == nil {
		return nil
	}
	outs := e.outs
	e.outs = nil
	switch {
	case disk.InPlace() && caseStudy:
		e.rendered, e.outs, e.at = true, outs, &de.Spans
	default:
		if html, book, text, ok := disk.Bodies(de); ok {
			e.rendered, e.outs, e.html, e.book, e.text = true, outs, template.HTML(html), template.HTML(book), text
			if disk.InPlace() {
				e.at = &de.Spans // read, and kept where they are
			}
		}
	}
	return e
}
