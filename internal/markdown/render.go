package markdown

import (
	"bytes"
	"strconv"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"buildbook/internal/ids"
)

// nodeRenderer renders the nodes whose HTML buildbook decides: headings
// (levels shifted under the page title, ids prefixed in the book), links
// (resolved targets, rel on external links), images (size, lazy loading),
// code (highlighted), task-list boxes, tables on a site page (in a wrapper
// that scrolls) and raw HTML (never).
type nodeRenderer struct {
	book bool
}

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.heading)
	reg.Register(ast.KindLink, r.link)
	reg.Register(ast.KindAutoLink, r.autoLink)
	reg.Register(ast.KindImage, r.image)
	reg.Register(KindFigure, r.figure)
	reg.Register(ast.KindFencedCodeBlock, r.code)
	reg.Register(ast.KindCodeBlock, r.code)
	reg.Register(ast.KindRawHTML, r.nothing)
	reg.Register(ast.KindHTMLBlock, r.nothing)
	reg.Register(east.KindTaskCheckBox, r.taskBox)
	if !r.book {
		reg.Register(east.KindTable, r.table)
	}
}

// table writes a table on a site page inside a wrapper that scrolls
// sideways when the table is wider than the text. The wrapper is a named
// region a keyboard can reach (tabindex), so that a reader without a mouse
// can scroll it too; its name, "Table N", counts the document's tables. The
// book, printed, needs no wrapper, and its many "Table 1"s would share a name.
func (r *nodeRenderer) table(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</table>\n</div>\n")
		return ast.WalkContinue, nil
	}
	n := 1
	if hw, ok := w.(*htmlWriter); ok {
		// The writer counts the tables as they are written.
		hw.tables++
		n = hw.tables
	} else if d := node.OwnerDocument(); d != nil {
		_ = ast.Walk(d, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			if c == node {
				return ast.WalkStop, nil
			}
			if entering && c.Kind() == east.KindTable {
				n++
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		})
	}
	_, _ = w.WriteString(`<div class="table-scroll" role="region" tabindex="0" aria-label="Table ` + strconv.Itoa(n) + "\">\n<table>\n")
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) nothing(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
	return ast.WalkSkipChildren, nil
}

// prefix is the id prefix of the document's headings in the book.
func (r *nodeRenderer) prefix(n ast.Node) string {
	if p := r.slug(n); p != "" {
		return ids.HeadingPrefix(p)
	}
	return ""
}

// slug is the id prefix of the document in the book (see SetIDPrefix),
// or "" on a site page.
func (r *nodeRenderer) slug(n ast.Node) string {
	if !r.book {
		return ""
	}
	if d := n.OwnerDocument(); d != nil {
		if p, ok := d.AttributeString(attrPrefix); ok {
			return p.(string)
		}
	}
	return ""
}

// level maps a heading's written level so that the body's top level sits
// just under the page's own headings: h2 on a site page, h3 in the book.
func (r *nodeRenderer) level(n *ast.Heading) int {
	base := 2
	if r.book {
		base = 3
	}
	top := 1
	if d := n.OwnerDocument(); d != nil {
		if v, ok := d.AttributeString(attrShift); ok {
			top = v.(int)
		}
	}
	return min(6, max(1, n.Level-top+base))
}

func (r *nodeRenderer) heading(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	tag := "h" + strconv.Itoa(r.level(n))
	if !entering {
		_, _ = w.WriteString("</" + tag + ">\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<" + tag)
	if id, ok := n.AttributeString("id"); ok {
		_, _ = w.WriteString(` id="`)
		_, _ = w.Write(util.EscapeHTML([]byte(r.prefix(n) + string(id.([]byte)))))
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// href is the target of a resolved link for this renderer. In the book,
// a link within the document goes to the document's own ids there: its
// headings', or its footnotes'.
func (r *nodeRenderer) href(n ast.Node, dest []byte) []byte {
	if r.book {
		if v, ok := n.AttributeString(attrBookHref); ok {
			return []byte(v.(string))
		}
		if len(dest) > 0 && dest[0] == '#' {
			if p := r.slug(n); p != "" && ids.IsFootnote(string(dest[1:])) {
				return []byte("#" + ids.Footnote(p, string(dest[1:])))
			}
			return []byte("#" + r.prefix(n) + string(dest[1:]))
		}
	}
	return dest
}

// target is the target of a link that the caller typed (see
// Link.ResolveCaseStudy); the rest are typed from their href.
func target(n ast.Node) Target {
	if v, ok := n.AttributeString(attrTarget); ok {
		return v.(Target)
	}
	return Target{}
}

// writeHref writes the href attribute of a link, and records the link.
// The target is a URL as the browser is to get it: a link's destination
// was decoded at parse time (decodeDest), an autolink's is never decoded,
// and a resolved one is a URL already; it is percent-encoded where it
// must be, then escaped for HTML once. A link that leaves the site gets
// class external and rel noopener noreferrer.
func (r *nodeRenderer) writeHref(w util.BufWriter, n ast.Node, dest []byte) {
	writeLinkAttrs(w, r.href(n, dest), typed(dest, target(n)))
}

// escapeURL is a link's or image's target as the page writes it, before
// HTML escaping: percent-encoded where a URL needs it.
func escapeURL(dest []byte) []byte { return util.URLEscape(dest, false) }

// protocolRelative reports whether u, a target as escapeURL writes it,
// is protocol-relative ("//host/x"): a browser loads it from another
// host, with the page's scheme.
func protocolRelative(u []byte) bool { return len(u) >= 2 && u[0] == '/' && u[1] == '/' }

func (r *nodeRenderer) link(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		closeText(w, len(n.Title) > 0)
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<a")
	r.writeHref(w, n, n.Destination)
	writeTitle(w, n.Title)
	_ = w.WriteByte('>')
	openText(w)
	return ast.WalkContinue, nil
}

// writeTitle writes the title attribute of a link or image, if it has a
// title. The title is as written, between its quotes: its backslash
// escapes and character references are decoded and the result escaped
// for HTML, once.
func writeTitle(w util.BufWriter, title []byte) {
	if len(title) == 0 {
		return
	}
	_, _ = w.WriteString(` title="`)
	html.DefaultWriter.Write(w, title)
	_ = w.WriteByte('"')
}

func (r *nodeRenderer) autoLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.AutoLink)
	if !entering {
		return ast.WalkContinue, nil
	}
	url := n.URL(src)
	if v, ok := n.AttributeString(attrHref); ok {
		url = []byte(v.(string))
	}
	if n.AutoLinkType == ast.AutoLinkEmail && scheme(string(url)) != "mailto" {
		url = append([]byte("mailto:"), url...)
	}
	_, _ = w.WriteString("<a")
	r.writeHref(w, n, url)
	_ = w.WriteByte('>')
	openText(w)
	_, _ = w.Write(util.EscapeHTML(n.Label(src)))
	closeText(w, false)
	_, _ = w.WriteString("</a>")
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) image(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	if _, remote := RemoteHost(string(n.Destination)); remote {
		if _, ok := n.AttributeString(attrResolved); !ok {
			// A remote image that the caller has not allowed (see
			// RemoteHost) is its alt text.
			_, _ = w.Write(util.EscapeHTML([]byte(nodeText(n, src))))
			return ast.WalkSkipChildren, nil
		}
	}
	var vs Versions
	if v, ok := n.AttributeString(attrVersions); ok && !r.book {
		vs = v.(Versions)
	}
	if vs.WebP != "" {
		_, _ = w.WriteString(`<picture><source type="image/webp" srcset="`)
		_, _ = w.Write(util.EscapeHTML([]byte(vs.WebP)))
		_, _ = w.WriteString(`" sizes="`)
		_, _ = w.Write(util.EscapeHTML([]byte(vs.Sizes)))
		_, _ = w.WriteString(`">`)
	}
	_, _ = w.WriteString(`<img src="`)
	_, _ = w.Write(util.EscapeHTML(escapeURL(r.href(n, n.Destination))))
	if vs.SrcSet != "" {
		_, _ = w.WriteString(`" srcset="`)
		_, _ = w.Write(util.EscapeHTML([]byte(vs.SrcSet)))
		_, _ = w.WriteString(`" sizes="`)
		_, _ = w.Write(util.EscapeHTML([]byte(vs.Sizes)))
	}
	_, _ = w.WriteString(`" alt="`)
	writeAlt(w, src, n)
	_ = w.WriteByte('"')
	writeTitle(w, n.Title)
	if wd, ok := n.AttributeString(attrWidth); ok {
		ht, _ := n.AttributeString(attrHeight)
		_, _ = w.WriteString(` width="` + strconv.Itoa(wd.(int)) + `" height="` + strconv.Itoa(ht.(int)) + `"`)
	}
	if !r.book {
		_, _ = w.WriteString(` loading="lazy"`)
	}
	_, _ = w.WriteString(` decoding="async">`)
	if vs.WebP != "" {
		_, _ = w.WriteString(`</picture>`)
	}
	return ast.WalkSkipChildren, nil
}

func (r *nodeRenderer) taskBox(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	if node.(*east.TaskCheckBox).IsChecked {
		_, _ = w.WriteString(`<span class="task done" role="img" aria-label="done">✓</span> `)
	} else {
		_, _ = w.WriteString(`<span class="task" role="img" aria-label="to do">☐</span> `)
	}
	return ast.WalkContinue, nil
}

// writeAlt writes the alt text of an image: the plain text of its
// description, as CommonMark says, escaped for HTML once. Text has its
// backslash escapes and character references decoded first; code is
// literal; the typographer's quotes and dashes are character references
// already and are written as they are; a line break is a newline.
func writeAlt(w util.BufWriter, src []byte, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			html.DefaultWriter.Write(w, c.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				_ = w.WriteByte('\n')
			}
		case *ast.String:
			switch {
			case c.IsCode():
				_, _ = w.Write(c.Value)
			case c.IsRaw():
				html.DefaultWriter.RawWrite(w, c.Value)
			default:
				html.DefaultWriter.Write(w, c.Value)
			}
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					v := t.Value(src)
					if trimmed, ok := bytes.CutSuffix(v, []byte("\n")); ok {
						v = append(trimmed[:len(trimmed):len(trimmed)], ' ')
					}
					html.DefaultWriter.RawWrite(w, v)
				}
			}
		case *ast.AutoLink:
			_, _ = w.Write(util.EscapeHTML(c.Label(src)))
		default:
			writeAlt(w, src, c)
		}
	}
}
