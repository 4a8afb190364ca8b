package epub

// From the HTML of the book to XHTML.
//
// Every XHTML file of the EPUB is made the same way: its content is written
// as HTML (a template for the headings and facts, the converted Markdown
// for the body), parsed with golang.org/x/net/html as a browser would, and
// written out again as XML by xhtmlWriter. So void elements are closed,
// text and attributes are escaped with the five XML entities only,
// characters XML forbids are dropped, and only the elements and attributes
// of an allowlist are written: nothing from the content can add a script,
// a form, an embedded object or a style to a reader's e-book.
//
// Ids are made XML names (an id such as "2024-review--aims" or
// "slug-fn:1" is not one) and unique across the EPUB; links are resolved
// against the ids of every file (see links.go).

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// keptElements are the elements written to XHTML. Any other element is
// replaced by its content, except droppedElements, which are left out
// with their content.
var keptElements = set(
	"a", "abbr", "article", "aside", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code",
	"col", "colgroup", "dd", "del", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "footer",
	"h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd", "li", "mark", "nav",
	"ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section", "small", "span", "strong", "sub",
	"sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
)

// droppedElements are left out with everything in them.
var droppedElements = set(
	"applet", "audio", "base", "button", "canvas", "embed", "form", "frame", "frameset", "iframe",
	"input", "link", "math", "meta", "noscript", "object", "script", "select", "source", "style",
	"svg", "template", "textarea", "title", "track", "video",
)

// voidElements have no content and are written as <x/>.
var voidElements = set("br", "col", "hr", "img", "wbr")

// keptAttrs are the attributes written, on any kept element; aria-*
// attributes are kept too.
var keptAttrs = set(
	"abbr", "alt", "class", "colspan", "datetime", "dir", "epub:type", "height", "href", "id", "lang",
	"hidden", "rel", "reversed", "role", "rowspan", "scope", "span", "src", "start", "title", "type", "width",
)

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// parseHTML parses s as the content of a body element.
func parseHTML(s string) ([]*html.Node, error) {
	return html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
}

// attr returns n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// setAttr sets n's attribute key to val.
func setAttr(n *html.Node, key, val string) {
	for i, a := range n.Attr {
		if a.Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}

// delAttr removes n's attribute key.
func delAttr(n *html.Node, key string) {
	for i, a := range n.Attr {
		if a.Key == key {
			n.Attr = append(n.Attr[:i], n.Attr[i+1:]...)
			return
		}
	}
}

// hasClass reports whether n's class attribute lists c.
func hasClass(n *html.Node, c string) bool {
	for _, f := range strings.Fields(attr(n, "class")) {
		if f == c {
			return true
		}
	}
	return false
}

// element makes an element with attributes given as key, value pairs.
func element(tag string, kv ...string) *html.Node {
	n := &html.Node{Type: html.ElementNode, Data: tag, DataAtom: atom.Lookup([]byte(tag))}
	for i := 0; i+1 < len(kv); i += 2 {
		n.Attr = append(n.Attr, html.Attribute{Key: kv[i], Val: kv[i+1]})
	}
	return n
}

// walk calls f on every element under the nodes, in document order,
// before their children. f may change the element's attributes and
// children, but not its place in the tree.
func walk(nodes []*html.Node, f func(n *html.Node)) {
	for _, n := range nodes {
		walkNode(n, f)
	}
}

func walkNode(n *html.Node, f func(n *html.Node)) {
	if n.Type == html.ElementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkNode(c, f)
	}
}

// notes turns the footnotes of the Markdown converter (a div of class
// footnotes holding an ordered list) into EPUB notes: each becomes an
// aside of epub:type footnote that e-readers show when its reference is
// tapped, and each reference a noteref.
func notes(nodes []*html.Node) {
	walk(nodes, func(n *html.Node) {
		switch {
		case n.Data == "a" && hasClass(n, "footnote-ref"):
			setAttr(n, "epub:type", "noteref")
			setAttr(n, "role", "doc-noteref")
		case n.Data == "div" && hasClass(n, "footnotes"):
			var items []*html.Node
			walkNode(n, func(c *html.Node) {
				if c.Data == "li" && c.Parent != nil && c.Parent.Data == "ol" {
					items = append(items, c)
				}
			})
			n.Data, n.DataAtom = "section", atom.Section
			n.Attr = []html.Attribute{{Key: "class", Val: "footnotes"}, {Key: "epub:type", Val: "footnotes"}, {Key: "aria-label", Val: "Notes"}}
			for c := n.FirstChild; c != nil; c = n.FirstChild {
				n.RemoveChild(c)
			}
			for i, li := range items {
				li.Parent.RemoveChild(li)
				aside := element("aside", "id", attr(li, "id"), "class", "footnote", "epub:type", "footnote", "role", "doc-footnote")
				num := element("span", "class", "note-number")
				num.AppendChild(&html.Node{Type: html.TextNode, Data: strconv.Itoa(i+1) + ". "})
				first := li.FirstChild
				for first != nil && first.Type == html.TextNode && strings.TrimSpace(first.Data) == "" {
					first = first.NextSibling
				}
				if first != nil && first.Type == html.ElementNode && first.Data == "p" {
					first.InsertBefore(num, first.FirstChild)
				} else {
					aside.AppendChild(num)
				}
				for c := li.FirstChild; c != nil; c = li.FirstChild {
					li.RemoveChild(c)
					aside.AppendChild(c)
				}
				n.AppendChild(aside)
			}
		}
	})
}

// xmlName makes id an XML name without colons, as an XHTML id must be,
// in ASCII, so that a link to it needs no escaping: characters other than
// ASCII letters, digits, '-', '.' and '_' become '-', and an id that does
// not start with a letter or '_' gets "x-" before it.
func xmlName(id string) string {
	var b strings.Builder
	for i, r := range id {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_'
		other := r >= '0' && r <= '9' || r == '-' || r == '.'
		if i == 0 && !letter {
			b.WriteString("x-")
		}
		if letter || other {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	if b.Len() == 0 {
		return "x"
	}
	return b.String()
}

// xmlChar reports whether XML 1.0 allows r in a document.
func xmlChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r >= 0x7f && r <= 0x9f: // allowed, but "discouraged": C1 controls
		return false
	case r >= 0xd800 && r <= 0xdfff, r == 0xfffe, r == 0xffff:
		return false
	}
	return r != utf8.RuneError
}

// escapeXML writes s escaped for XML text, or for a quoted attribute
// value when attr is true, without the characters XML forbids.
func escapeXML(b *strings.Builder, s string, attr bool) {
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			if attr {
				b.WriteString("&quot;")
			} else {
				b.WriteByte('"')
			}
		case '\r':
			b.WriteString("&#13;")
		default:
			if xmlChar(r) {
				b.WriteRune(r)
			}
		}
	}
}

// xmlText is s escaped for XML text or an attribute value.
func xmlText(s string) string {
	var b strings.Builder
	escapeXML(&b, s, true)
	return b.String()
}

// writeXHTML writes the nodes as XHTML, through the allowlists. Links and
// ids have been resolved already.
func writeXHTML(b *strings.Builder, nodes []*html.Node) {
	for _, n := range nodes {
		writeNode(b, n)
	}
}

func writeNode(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		escapeXML(b, n.Data, false)
		return
	case html.ElementNode:
	default: // comments, doctypes
		return
	}
	if droppedElements[n.Data] {
		return
	}
	if !keptElements[n.Data] || n.Namespace != "" {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			writeNode(b, c)
		}
		return
	}
	b.WriteByte('<')
	b.WriteString(n.Data)
	for _, a := range n.Attr {
		if a.Namespace != "" || !(keptAttrs[a.Key] || strings.HasPrefix(a.Key, "aria-") && validAttrName(a.Key)) {
			continue
		}
		b.WriteByte(' ')
		b.WriteString(a.Key)
		b.WriteString(`="`)
		escapeXML(b, a.Val, true)
		b.WriteByte('"')
	}
	if voidElements[n.Data] {
		b.WriteString("/>")
		return
	}
	b.WriteByte('>')
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		writeNode(b, c)
	}
	b.WriteString("</")
	b.WriteString(n.Data)
	b.WriteByte('>')
}

// validAttrName reports whether an aria-* attribute's name is letters and
// hyphens only.
func validAttrName(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r == '-') {
			return false
		}
	}
	return true
}
