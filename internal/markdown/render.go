package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// nodeRenderer renders the nodes whose HTML buildbook decides: headings
// (levels shifted under the page title, ids prefixed in the book), links
// (resolved targets, rel on external links), images (size, lazy loading),
// code (highlighted), task-list boxes, and raw HTML (never).
type nodeRenderer struct {
	book bool
}

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.heading)
	reg.Register(ast.KindLink, r.link)
	reg.Register(ast.KindAutoLink, r.autoLink)
	reg.Register(ast.KindImage, r.image)
	reg.Register(ast.KindFencedCodeBlock, r.code)
	reg.Register(ast.KindCodeBlock, r.code)
	reg.Register(ast.KindRawHTML, r.nothing)
	reg.Register(ast.KindHTMLBlock, r.nothing)
	reg.Register(east.KindTaskCheckBox, r.taskBox)
}

func (r *nodeRenderer) nothing(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
	return ast.WalkSkipChildren, nil
}

// prefix is the id prefix of the document in the book, with its separator.
func (r *nodeRenderer) prefix(n ast.Node) string {
	if !r.book {
		return ""
	}
	if d := n.OwnerDocument(); d != nil {
		if p, ok := d.AttributeString(attrPrefix); ok {
			return p.(string) + "--"
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

// href is the target of a resolved link for this renderer.
func (r *nodeRenderer) href(n ast.Node, dest []byte) []byte {
	if r.book {
		if v, ok := n.AttributeString(attrBookHref); ok {
			return []byte(v.(string))
		}
		if len(dest) > 0 && dest[0] == '#' {
			return []byte("#" + r.prefix(n) + string(dest[1:]))
		}
	}
	return dest
}

func (r *nodeRenderer) writeHref(w util.BufWriter, href []byte) {
	_, _ = w.WriteString(` href="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape(href, true)))
	_ = w.WriteByte('"')
	if s := scheme(string(href)); s == "http" || s == "https" {
		_, _ = w.WriteString(` class="external" rel="noopener noreferrer"`)
	}
}

func (r *nodeRenderer) link(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<a")
	r.writeHref(w, r.href(n, n.Destination))
	if len(n.Title) > 0 {
		_, _ = w.WriteString(` title="`)
		_, _ = w.Write(util.EscapeHTML(n.Title))
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
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
	r.writeHref(w, r.href(n, url))
	_ = w.WriteByte('>')
	_, _ = w.Write(util.EscapeHTML(n.Label(src)))
	_, _ = w.WriteString("</a>")
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) image(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	_, _ = w.WriteString(`<img src="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape(r.href(n, n.Destination), true)))
	_, _ = w.WriteString(`" alt="`)
	_, _ = w.Write(util.EscapeHTML([]byte(nodeText(n, src))))
	_ = w.WriteByte('"')
	if len(n.Title) > 0 {
		_, _ = w.WriteString(` title="`)
		_, _ = w.Write(util.EscapeHTML(n.Title))
		_ = w.WriteByte('"')
	}
	if wd, ok := n.AttributeString(attrWidth); ok {
		ht, _ := n.AttributeString(attrHeight)
		_, _ = w.WriteString(` width="` + strconv.Itoa(wd.(int)) + `" height="` + strconv.Itoa(ht.(int)) + `"`)
	}
	if !r.book {
		_, _ = w.WriteString(` loading="lazy"`)
	}
	_, _ = w.WriteString(` decoding="async">`)
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
