// Package epub writes a book of the site as an EPUB 3: the book of every
// case study, or an edition, with the same text, notes, figures and
// pictures as the printed book, for e-readers.
//
// The EPUB is made from the printed book's model (render.BookModel), so
// that it has the same parts and case studies in the same order, the same
// title page, imprint, glossary and index. Each part of the book is an
// XHTML file of its own: the cover, the title page, the imprint, the
// contents (the navigation document, with landmarks), the foreword, one
// file per part opener and per case study, the glossary and the index.
// The body of each case study is the HTML the Markdown converter made for
// the book, written again as XHTML through an allowlist (xhtml.go).
//
// Links are resolved for the EPUB (links.go): one to a case study in the
// book, or to a heading or note of one, goes to its file; one to a case
// study that is not in the book, or to any page of the site, goes to the
// site's full address when book.yaml's base_url is one, and is left as its
// text when not; web and mail links stay. Footnotes become EPUB notes.
//
// The cover is an SVG drawn from the book's title page, under the
// picture of the edition's or the book's cover field when there is one,
// which the SVG holds (cover.go, pack.go).
//
// Pictures are written again at screen resolution (images.go): scaled to
// fit 1600×2400 pixels, turned upright as their EXIF orientation says,
// without the original's metadata, and in a format every e-reader shows.
//
// The same content gives the same bytes: entries are sorted and have the
// date of the book, never the clock's.
package epub

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"

	"buildbook/internal/atomicfile"
	"buildbook/internal/build"
	"buildbook/internal/content"
	"buildbook/internal/diag"
)

// Options say which book to write and where.
type Options struct {
	Build   build.Options // the content to build
	Edition string        // edition id; "" for the book of every case study
	Out     string        // the EPUB file to write
}

// Result tells what was written.
type Result struct {
	Path        string // the book's page on the site: "book/" or "book/<edition>/"
	Title       string
	CaseStudies int
	Pictures    int
	Size        int // bytes
}

// UnknownEditionError is returned for an edition the content does not
// have.
type UnknownEditionError struct {
	Edition string
	Known   []string
}

func (e *UnknownEditionError) Error() string {
	if len(e.Known) == 0 {
		return fmt.Sprintf("there is no edition %q: the content has no editions/ (leave out --edition for the book of every case study)", e.Edition)
	}
	return fmt.Sprintf("there is no edition %q: the content has %s", e.Edition, strings.Join(e.Known, ", "))
}

// Make builds the site and writes one of its books to opts.Out as an
// EPUB. Content problems go to diags; when they include errors, Make
// returns nil, nil.
func Make(opts Options, diags *diag.List) (*Result, error) {
	c, err := build.Compile(opts.Build, diags)
	if err != nil || c == nil {
		return nil, err
	}
	defer c.Close()
	fsys := opts.Build.ContentFS
	if fsys == nil {
		// The file system the site was read through: it reads nothing
		// outside the content folder (build.ContentFS).
		fsys = c.Site.FS
	}
	var buf bytes.Buffer
	res, err := Write(&buf, c, fsys, opts.Edition, &opts.Build, diags)
	if err != nil || res == nil {
		return nil, err
	}
	if err := atomicfile.Write(opts.Out, buf.Bytes()); err != nil {
		return nil, err
	}
	res.Size = buf.Len()
	return res, nil
}

// Write writes the EPUB of the book of an edition ("" for every case
// study) of a compiled site to w. fsys is the content folder, where the
// pictures are read. Problems with the content (a picture that cannot be
// read) go to diags; when they include errors, Write returns nil, nil.
func Write(w io.Writer, c *build.Compiled, fsys fs.FS, edition string, opts *build.Options, diags *diag.List) (*Result, error) {
	if edition != "" && !slices.ContainsFunc(c.Site.Editions, func(e *content.Edition) bool { return e.ID == edition }) {
		var known []string
		for _, e := range c.Site.Editions {
			known = append(known, e.ID)
		}
		return nil, &UnknownEditionError{Edition: edition, Known: known}
	}
	b, err := c.Renderer.BookModel(c.Input, edition)
	if err != nil {
		return nil, err
	}
	p := newPacker(c, fsys, b)
	if err := p.pack(); err != nil {
		return nil, err
	}
	display := func(file string) string { return content.Options{Root: opts.Content}.Display(file) }
	for _, pr := range p.problems {
		if pr.err {
			diags.Errorf(diag.Pos{File: display(pr.file)}, "%s", pr.msg)
		} else {
			diags.Warnf(diag.Pos{File: display(pr.file)}, "%s", pr.msg)
		}
	}
	if diags.HasErrors(false) {
		return nil, nil
	}
	if err := writeZip(w, p.entries, p.modified); err != nil {
		return nil, err
	}
	return &Result{Path: b.Path, Title: b.Title, CaseStudies: b.Count, Pictures: len(p.pictures)}, nil
}
