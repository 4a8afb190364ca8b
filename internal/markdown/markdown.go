// Package markdown converts case-study bodies from Markdown to HTML with one
// goldmark parser and two renderers, all built once by New.
//
// Conversion has three steps, so that links between documents can be checked
// once every document's headings are known:
//
//  1. Parse reads a body into a Doc: its syntax tree, its headings, its
//     relative links and images (each with its file line and column), and
//     warnings about raw HTML, unsafe link targets and images without alt
//     text. Raw HTML and javascript:, vbscript: and data: links are removed
//     from the tree here, so they never reach the output.
//  2. The caller resolves each Link, setting where it points on the site and
//     in the book (Link.Resolve).
//  3. Render writes the HTML of a page on the site; RenderBook writes the
//     same body for the printable book, where ids are prefixed so that many
//     case studies can share one page (internal/ids names them).
//     RenderLinks and RenderBookLinks also list the links of the HTML, each
//     with its typed Target and its place (Ref), so that the book and the
//     EPUB rewrite them by place (Rewrite) and never search the HTML.
//
// The features (code highlighting, heading levels and anchors, link
// rendering) are goldmark extensions in their own files.
package markdown

import (
	"bytes"
	stdhtml "html"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"buildbook/internal/ids"
)

// Converter parses and renders Markdown. It is safe for concurrent use.
type Converter struct {
	parser parser.Parser
	// plain is parser without Linkify, which looks for web and email
	// addresses at every space and costs a quarter of parsing: a body
	// in which none can be (see mayLink) is parsed with plain.
	plain      parser.Parser
	site       renderer.Renderer
	book       renderer.Renderer
	bufs       sync.Pool
	highlights *highlightCache
}

// New builds the parser and both renderers.
func New() *Converter {
	newParser := func(linkify bool) parser.Parser {
		exts := []goldmark.Extender{
			extension.Table, extension.Strikethrough, extension.TaskList,
			extension.DefinitionList, extension.Typographer,
			extension.NewFootnote(),
		}
		if linkify {
			exts = append(exts, extension.Linkify)
		}
		return goldmark.New(
			goldmark.WithExtensions(exts...),
			goldmark.WithParserOptions(
				parser.WithAutoHeadingID(),
				parser.WithASTTransformers(util.Prioritized(inspector{}, 1000), util.Prioritized(figures{}, 1001)),
			),
		).Parser()
	}
	c := &Converter{parser: newParser(true), plain: newParser(false), highlights: &highlightCache{}}
	c.site = newRenderer(false)
	c.book = newRenderer(true)
	c.bufs.New = func() any { return new(htmlWriter) }
	return c
}

// newRenderer builds the HTML renderer for the site or for the book.
func newRenderer(book bool) renderer.Renderer {
	footnotePrefix := func(n ast.Node) []byte {
		if !book {
			return nil
		}
		if d := n.OwnerDocument(); d != nil {
			if p, ok := d.AttributeString(attrPrefix); ok {
				return []byte(ids.FootnotePrefix(p.(string)))
			}
		}
		return nil
	}
	opts := []html.Option{}
	return renderer.NewRenderer(renderer.WithNodeRenderers(
		util.Prioritized(html.NewRenderer(opts...), 1000),
		util.Prioritized(extension.NewTableHTMLRenderer(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)), 500),
		util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500),
		util.Prioritized(extension.NewDefinitionListHTMLRenderer(), 500),
		util.Prioritized(extension.NewFootnoteHTMLRenderer(
			extension.WithFootnoteIDPrefixFunction(footnotePrefix),
			extension.WithFootnoteBacklinkHTML("↩"),
		), 500),
		util.Prioritized(&nodeRenderer{book: book}, 100),
	))
}

// Heading is a heading of a document.
type Heading struct {
	ID    string
	Text  string
	Level int // as written: 1 for #, 2 for ##
}

// LinkKind says what a link or image is.
type LinkKind int

const (
	// LinkKindLink is [text](dest) or an autolink.
	LinkKindLink LinkKind = iota
	// LinkKindImage is ![alt](src).
	LinkKindImage
)

// Link is a link or image whose target the caller resolves: a relative
// link or image, or a remote image (see RemoteHost), which is published
// only once resolved.
type Link struct {
	Kind      LinkKind
	Dest      string // as written
	Line, Col int    // in the file
	node      ast.Node
}

// Resolve sets where the link points on a site page (href) and in the book
// (bookHref; "" means the same). Width and height, when known, are written
// on images so that pages do not shift as they load.
func (l *Link) Resolve(href, bookHref string, width, height int) {
	switch n := l.node.(type) {
	case *ast.Link:
		n.Destination = []byte(href)
	case *ast.Image:
		n.Destination = []byte(href)
		if width > 0 && height > 0 {
			n.SetAttributeString(attrWidth, width)
			n.SetAttributeString(attrHeight, height)
		}
	case *ast.AutoLink:
		n.SetAttributeString(attrHref, href)
	}
	if bookHref != "" && bookHref != href {
		l.node.SetAttributeString(attrBookHref, bookHref)
	}
	l.node.SetAttributeString(attrResolved, true)
}

// ResolveCaseStudy says that the link, resolved with Resolve to the page
// of the case study slug, goes to that case study, at the fragment frag
// as written ("" for its top): the book makes it a link within the book
// when the case study is in it (see Ref).
func (l *Link) ResolveCaseStudy(slug, frag string) {
	l.node.SetAttributeString(attrTarget, Target{Kind: TargetCaseStudy, Slug: slug, Fragment: frag})
}

// Versions are the versions of an image published in several widths,
// for a site page: srcsets ("url 480w, url 800w") of its WebP versions
// and of its JPEG or PNG ones, and the sizes attribute of both. The
// book shows the one file its href names.
type Versions struct {
	WebP, SrcSet, Sizes string
}

// ResolveVersions gives an image, resolved with Resolve, its versions.
func (l *Link) ResolveVersions(v Versions) {
	if n, ok := l.node.(*ast.Image); ok && v.SrcSet != "" {
		n.SetAttributeString(attrVersions, v)
	}
}

// Message is a warning found while parsing, at a line and column of the file.
type Message struct {
	Line, Col int
	Text      string
}

// Doc is a parsed Markdown body.
type Doc struct {
	src      []byte
	root     ast.Node
	bodyLine int

	lineStarts []int // offsets where lines start, made by pos when first needed

	highlights *highlightCache // the converter's, or nil
	code       int             // bytes in the code blocks so far that name a language
	codeTime   time.Duration   // time spent highlighting them
	codeFull   bool            // a block was left plain for the body's limit

	Headings []Heading
	Links    []*Link
	Warnings []Message
	Figures  []Figure // numbered figures (see figure.go), in order
}

// HasID reports whether the document has a heading or figure with id.
func (d *Doc) HasID(id string) bool {
	for _, h := range d.Headings {
		if h.ID == id {
			return true
		}
	}
	for _, f := range d.Figures {
		if f.ID == id {
			return true
		}
	}
	return false
}

// Parse reads a Markdown body whose first line is line bodyLine of its file.
func (c *Converter) Parse(src []byte, bodyLine int) *Doc {
	d := &Doc{src: src, bodyLine: bodyLine, highlights: c.highlights}
	pc := parser.NewContext()
	pc.Set(docKey, d)
	p := c.parser
	if !mayLink(src) {
		p = c.plain
	}
	d.root = p.Parse(text.NewReader(src), parser.WithContext(pc))
	return d
}

// mayLink reports whether Linkify could find an address in src: each it
// finds starts with http:, https:, ftp: or www., or has an @.
func mayLink(src []byte) bool {
	return bytes.Contains(src, []byte("http:")) || bytes.Contains(src, []byte("https:")) ||
		bytes.Contains(src, []byte("ftp:")) || bytes.Contains(src, []byte("www.")) ||
		bytes.IndexByte(src, '@') >= 0
}

// SetIDPrefix sets the prefix of ids in the book, usually the slug.
func (d *Doc) SetIDPrefix(p string) { d.root.SetAttributeString(attrPrefix, p) }

// Render returns the body's HTML for a site page.
func (c *Converter) Render(d *Doc) []byte { return c.render(c.site, d).HTML }

// RenderBook returns the body's HTML for the book.
func (c *Converter) RenderBook(d *Doc) []byte { return c.render(c.book, d).HTML }

// RenderLinks returns the body's HTML for a site page, with its links.
func (c *Converter) RenderLinks(d *Doc) HTML { return c.render(c.site, d) }

// RenderBookLinks returns the body's HTML for the book, with its links
// and its figures, each with where its number is in that HTML, for
// NumberFigures.
func (c *Converter) RenderBookLinks(d *Doc) HTML { return c.render(c.book, d) }

func (c *Converter) render(r renderer.Renderer, d *Doc) HTML {
	w := c.bufs.Get().(*htmlWriter)
	w.Reset()
	w.links, w.open, w.labels, w.tables = nil, -1, w.labels[:0], 0
	defer c.bufs.Put(w)
	// Rendering only reads the tree and writes to w, so it cannot fail.
	_ = r.Render(w, d.src, d.root)
	out := HTML{HTML: bytes.Clone(w.Bytes()), Links: w.links}
	if len(w.labels) > 0 && len(w.labels) == len(d.Figures) {
		out.Figures = slices.Clone(d.Figures)
		for i := range out.Figures {
			out.Figures[i].Label = w.labels[i]
		}
	}
	w.links = nil
	return out
}

// Text returns the plain text of the body, for search: character
// references decoded (smart punctuation comes as entities) and every run
// of white space made one space, as strings.Fields and a join would.
func (d *Doc) Text() string {
	var b strings.Builder
	b.Grow(len(d.src)) // the text is about as long as its Markdown
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Text:
			if entering {
				b.Write(n.Value(d.src))
				if n.SoftLineBreak() || n.HardLineBreak() {
					b.WriteByte(' ')
				}
			}
		case *ast.String:
			if entering {
				b.Write(n.Value)
			}
		case *ast.CodeSpan, *ast.AutoLink:
			if entering {
				if a, ok := n.(*ast.AutoLink); ok {
					b.Write(a.Label(d.src))
				}
			}
		case *figureNode:
			if !entering {
				b.WriteByte(' ')
				b.WriteString(captionText(n.caption))
			}
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			if entering {
				lines := n.Lines()
				for i := range lines.Len() {
					seg := lines.At(i)
					b.Write(seg.Value(d.src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		if !entering && n.Type() == ast.TypeBlock {
			b.WriteByte('\n')
		}
		return ast.WalkContinue, nil
	})
	return CollapseSpace(stdhtml.UnescapeString(b.String()))
}

// CollapseSpace is strings.Join(strings.Fields(s), " "). Text that is
// already single-spaced is given back as it is, and otherwise copied in
// long runs: only where s has other white space is the copy broken.
func CollapseSpace(s string) string {
	var b []byte
	mark := 0      // s[mark:i] is yet to be copied
	spaced := true // what precedes i in the output ends with a space, or is nothing
	for i := 0; i < len(s); {
		c, size := s[i], 1
		if c < utf8.RuneSelf {
			if asciiSpace[c] == 0 {
				spaced = false
				i++
				continue
			}
			if c == ' ' && !spaced {
				spaced = true // a single space between words is kept as it is
				i++
				continue
			}
		} else {
			var r rune
			if r, size = utf8.DecodeRuneInString(s[i:]); !unicode.IsSpace(r) {
				spaced = false
				i += size
				continue
			}
		}
		// White space to drop or replace by one space.
		if b == nil {
			b = make([]byte, 0, len(s))
		}
		b = append(b, s[mark:i]...)
		if !spaced {
			b = append(b, ' ')
			spaced = true
		}
		i += size
		mark = i
	}
	if b == nil && (s == "" || s[len(s)-1] != ' ') {
		return s
	}
	b = append(b, s[mark:]...)
	if n := len(b); n > 0 && b[n-1] == ' ' {
		b = b[:n-1]
	}
	return string(b)
}

// asciiSpace marks the ASCII characters that unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]uint8{'\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1}

// pos converts an offset in the body into a file line and column. The
// offsets of line starts are found once per document, so that a body with
// many links costs a binary search per link, not a scan from its start.
func (d *Doc) pos(off int) (int, int) {
	if off < 0 {
		return d.bodyLine, 1
	}
	off = min(off, len(d.src))
	if d.lineStarts == nil {
		d.lineStarts = append(d.lineStarts, 0)
		for i, c := range d.src {
			if c == '\n' {
				d.lineStarts = append(d.lineStarts, i+1)
			}
		}
	}
	// The last line start at or before off.
	i := sort.SearchInts(d.lineStarts, off+1) - 1
	start := d.lineStarts[i]
	return d.bodyLine + i, utf8.RuneCount(d.src[start:off]) + 1
}

const (
	attrPrefix   = "bb-prefix"
	attrBookHref = "bb-book-href"
	attrHref     = "bb-href"
	attrWidth    = "bb-width"
	attrHeight   = "bb-height"
	attrVersions = "bb-versions"
	attrShift    = "bb-shift"
	attrResolved = "bb-resolved"
	attrTarget   = "bb-target"
	attrCode     = "bb-code" // the HTML of a code block
)

var docKey = parser.NewContextKey()
