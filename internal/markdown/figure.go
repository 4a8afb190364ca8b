package markdown

import (
	"bufio"
	"bytes"
	stdhtml "html"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Figures: a paragraph that holds nothing but an image with a title,
//
//	![Pupils in the garden](garden.jpg "The garden in its first spring")
//
// is a figure, numbered in its document, with the title as its caption:
//
//	<figure id="figure-1"><img …><figcaption><span class="figure-label">Figure 1.</span>
//	The garden in its first spring</figcaption></figure>
//
// The title is a plain string in CommonMark, never Markdown: the caption
// is its text, escaped for HTML once. An image without a title, or one
// in a line of text, stays an image.
//
// On a site page figures are numbered per document ("Figure 2."). The
// book numbers them by chapter ("Figure 3.2."): its renderer writes the
// document's number, and the Doc's Figures say where, so that the book
// can write the chapter's number there (NumberFigures).

// KindFigure is the kind of a Figure node.
var KindFigure = ast.NewNodeKind("Figure")

// figureNode is a numbered figure: its only child is the image.
type figureNode struct {
	ast.BaseBlock
	id      string // unique in the document, without the book's prefix
	number  int
	caption []byte // the image's title as written (escapes not yet decoded)
}

func (n *figureNode) Kind() ast.NodeKind { return KindFigure }

func (n *figureNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"ID": n.id, "Number": strconv.Itoa(n.number)}, nil)
}

// Figure is a numbered figure of a document.
type Figure struct {
	ID      string // its id on a site page; the book prefixes it as it does headings'
	Number  int    // 1, 2, … in the order of the document
	Caption string // the image's title, as plain text
	// Label is where the figure's number ("2" in "Figure 2.") lies in
	// the HTML that RenderBookLinks wrote, as the byte offsets of its
	// start and end; zero in a Doc's Figures.
	Label [2]int
}

// figures is the AST transformer that makes figures. It runs after the
// inspector, so that an image the inspector left out is no figure, and the
// figures' ids are chosen among the headings' (parser.Context.IDs), so that
// none is taken twice.
type figures struct{}

func (figures) Transform(root *ast.Document, _ text.Reader, pc parser.Context) {
	d, _ := pc.Get(docKey).(*Doc)
	if d == nil {
		return
	}
	var paras []*ast.Paragraph
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if p, ok := n.(*ast.Paragraph); ok {
			if img, ok := p.FirstChild().(*ast.Image); ok && p.ChildCount() == 1 && len(bytes.TrimSpace(img.Title)) > 0 {
				paras = append(paras, p)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, p := range paras {
		img := p.FirstChild().(*ast.Image)
		n := len(d.Figures) + 1
		id := string(pc.IDs().Generate([]byte("figure-"+strconv.Itoa(n)), KindFigure))
		f := &figureNode{id: id, number: n, caption: img.Title}
		img.Title = nil // the caption says it: a tooltip would say it again
		f.SetLines(p.Lines())
		f.SetBlankPreviousLines(p.HasBlankPreviousLines())
		p.RemoveChild(p, img)
		f.AppendChild(f, img)
		parent := p.Parent()
		parent.ReplaceChild(parent, p, f)
		d.Figures = append(d.Figures, Figure{ID: id, Number: n, Caption: captionText(f.caption)})
	}
}

// captionText is a title as written made plain text: its backslash
// escapes and character references decoded, its white space collapsed.
func captionText(title []byte) string {
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	html.DefaultWriter.Write(w, title)
	_ = w.Flush()
	return CollapseSpace(stdhtml.UnescapeString(b.String()))
}

// figure writes a figure: the image as the image renderer writes it, and
// the caption, with the figure's number in its label. Where the writer
// is an htmlWriter, it records where the number is.
func (r *nodeRenderer) figure(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*figureNode)
	if entering {
		_, _ = w.WriteString(`<figure id="`)
		_, _ = w.Write(util.EscapeHTML([]byte(r.prefix(n) + n.id)))
		_, _ = w.WriteString(`">`)
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<figcaption><span class="figure-label">Figure `)
	num := strconv.Itoa(n.number)
	if hw, ok := w.(*htmlWriter); ok {
		hw.labels = append(hw.labels, [2]int{hw.Len(), hw.Len() + len(num)})
	}
	_, _ = w.WriteString(num)
	_, _ = w.WriteString(`.</span> `)
	html.DefaultWriter.Write(w, bytes.TrimSpace(n.caption))
	_, _ = w.WriteString("</figcaption></figure>\n")
	return ast.WalkContinue, nil
}

// NumberFigures writes in html, a body as RenderBookLinks wrote it with
// figs, the figures' numbers in chapter: "Figure 3.2." for the second
// figure of chapter 3. links, the links of html, are given back moved to
// where they are in the result. With chapter 0, or where figs does not
// fit html (a label is out of place), html and links are given back as
// they are.
func NumberFigures(html string, figs []Figure, chapter int, links []Ref) (string, []Ref) {
	if chapter <= 0 || len(figs) == 0 {
		return html, links
	}
	prev := 0
	for _, f := range figs {
		s, e := f.Label[0], f.Label[1]
		if s < prev || e > len(html) || s >= e || html[s:e] != strconv.Itoa(f.Number) {
			return html, links
		}
		prev = e
	}
	var b strings.Builder
	c := strconv.Itoa(chapter) + "."
	b.Grow(len(html) + len(figs)*len(c))
	prev = 0
	for _, f := range figs {
		b.WriteString(html[prev:f.Label[0]])
		b.WriteString(c)
		prev = f.Label[0]
	}
	b.WriteString(html[prev:])
	// A label is text in a caption, never inside a link's attributes: a
	// link moves by the chapter's number for each label before it.
	moved := make([]Ref, len(links))
	k := 0
	for i, r := range links {
		for k < len(figs) && figs[k].Label[0] <= r.Start {
			k++
		}
		d := k * len(c)
		r.Start, r.HrefStart, r.HrefEnd, r.End = r.Start+d, r.HrefStart+d, r.HrefEnd+d, r.End+d
		moved[i] = r
	}
	return b.String(), moved
}
