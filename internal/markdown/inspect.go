package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	stdhtml "html"
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// inspector is the AST transformer that makes a body safe and records what
// the caller must check: headings, relative links and images. It also
// highlights code blocks, so that a block that cannot be highlighted is
// reported with the other warnings. It runs once per document, at parse
// time.
type inspector struct{}

func (inspector) Transform(root *ast.Document, _ text.Reader, pc parser.Context) {
	d, _ := pc.Get(docKey).(*Doc)
	if d == nil {
		return
	}
	var remove, unlinks []ast.Node
	minLevel := 7
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			id, _ := n.AttributeString("id")
			idb, _ := id.([]byte)
			d.Headings = append(d.Headings, Heading{ID: string(idb), Text: nodeText(n, d.src), Level: n.Level})
			minLevel = min(minLevel, n.Level)
		case *ast.HTMLBlock:
			if !isComment(n.Lines().Value(d.src)) {
				d.warn(n, "raw HTML is not published: write it in Markdown instead (this block is left out)")
			}
			remove = append(remove, n)
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			if n.Segments.Len() > 0 && !isComment(n.Segments.Value(d.src)) {
				d.warn(n, fmt.Sprintf("raw HTML %s is not published: write it in Markdown instead", shorten(string(n.Segments.Value(d.src)))))
			}
			remove = append(remove, n)
		case *ast.Link:
			n.Destination = decodeDest(n.Destination)
			if d.checkScheme(n, string(n.Destination), "link") {
				d.record(n, LinkKindLink, string(n.Destination))
			} else {
				unlinks = append(unlinks, n)
			}
		case *ast.AutoLink:
			if !d.checkScheme(n, string(n.URL(d.src)), "link") {
				unlinks = append(unlinks, n)
			}
		case *ast.Image:
			n.Destination = decodeDest(n.Destination)
			if !d.checkScheme(n, string(n.Destination), "image") {
				remove = append(remove, n)
				return ast.WalkSkipChildren, nil
			}
			if strings.TrimSpace(nodeText(n, d.src)) == "" {
				d.warn(n, "image has no alt text: describe it for readers who cannot see it, as in ![Pupils reading in the garden](photo.jpg)")
			}
			d.record(n, LinkKindImage, string(n.Destination))
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			d.highlightBlock(n)
			return ast.WalkSkipChildren, nil
		case *east.TableCell:
			if n.Alignment != east.AlignNone {
				n.SetAttributeString("class", []byte("align-"+n.Alignment.String()))
			}
		}
		return ast.WalkContinue, nil
	})
	d.lookForMistakes(root)
	for _, n := range remove {
		if p := n.Parent(); p != nil {
			p.RemoveChild(p, n)
			if p.Kind() == ast.KindParagraph && blank(p, d.src) {
				// A paragraph that held only raw HTML is left out
				// whole, not written as an empty <p></p>.
				if pp := p.Parent(); pp != nil {
					pp.RemoveChild(pp, p)
				}
			}
		}
	}
	for _, n := range unlinks {
		unlink(n, d.src)
	}
	if minLevel < 7 {
		root.SetAttributeString(attrShift, minLevel)
	}
}

// blank reports whether a paragraph has nothing left to show: no inline
// but text of white space.
func blank(p ast.Node, src []byte) bool {
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok || len(bytes.TrimSpace(t.Value(src))) > 0 {
			return false
		}
	}
	return true
}

// decodeDest decodes the backslash escapes and character references of a
// link or image destination as written ("caf&eacute;.md", "a\_b.md"), so
// that the link is checked, resolved and rendered as the URL it stands
// for: a scheme spelled with references ("java&#115;cript:") is seen as
// the scheme it is. goldmark's own writer decodes (and escapes for HTML,
// which is undone here), so destinations and titles decode alike.
func decodeDest(dest []byte) []byte {
	if bytes.IndexByte(dest, '\\') < 0 && bytes.IndexByte(dest, '&') < 0 && bytes.IndexByte(dest, 0) < 0 {
		return dest
	}
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	html.DefaultWriter.Write(w, dest)
	_ = w.Flush()
	return []byte(stdhtml.UnescapeString(b.String()))
}

// record adds a link that the caller must resolve: any target that is not
// an absolute URL, and a remote image, which the caller allows or refuses.
// A protocol-relative link ("//host/x") is an absolute URL.
func (d *Doc) record(n ast.Node, kind LinkKind, dest string) {
	_, remote := RemoteHost(dest)
	switch {
	case kind == LinkKindImage && remote:
	case scheme(dest) != "" || protocolRelative(escapeURL([]byte(dest))):
		return
	}
	line, col := d.pos(start(n))
	d.Links = append(d.Links, &Link{Kind: kind, Dest: dest, Line: line, Col: col, node: n})
}

// RemoteHost reports whether an image's target, as the page would write
// it, loads from another site: an http or https URL with a host, or a
// protocol-relative one ("//host/x"). host is its host name in lower case,
// as a browser reads it, or "" where it cannot be read. Such an image is
// a Link of its Doc; it is rendered only once resolved, and as its alt
// text until then.
func RemoteHost(dest string) (host string, remote bool) {
	u := escapeURL([]byte(dest))
	s := scheme(string(u))
	if !protocolRelative(u) && !((s == "http" || s == "https") && hasHost(string(u))) {
		return "", false
	}
	if p, err := url.Parse(string(u)); err == nil && (s == "" || p.Scheme == s) {
		host = strings.ToLower(p.Hostname())
	}
	return host, true
}

// allowedSchemes are the URL schemes a contributor's link may use.
var allowedSchemes = map[string]bool{"http": true, "https": true, "mailto": true, "tel": true}

// checkScheme reports a link with a scheme other than http, https, mailto
// or tel, such as javascript:, and returns false for it.
func (d *Doc) checkScheme(n ast.Node, dest, what string) bool {
	s := scheme(dest)
	if (s == "http" || s == "https") && !hasHost(dest) {
		d.warn(n, fmt.Sprintf("%s to %q has no address after %s: write it whole, as in https://example.org/ (the %s is left out)", what, shorten(dest), s+":", map[string]string{"link": "text is kept, the link", "image": "image"}[what]))
		return false
	}
	if s == "" || allowedSchemes[s] {
		return true
	}
	d.warn(n, fmt.Sprintf("%s to %q is not published: only http, https, mailto and tel links are allowed (the %s is left out)", what, shorten(dest), map[string]string{"link": "text is kept, the link", "image": "image"}[what]))
	return false
}

// hasHost reports whether an http or https URL names a host: "http:",
// "https:/x" or "http://" do not, and a browser would read them as a
// path on the site.
func hasHost(u string) bool {
	u = strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, u)
	_, rest, _ := strings.Cut(u, ":")
	rest = strings.ReplaceAll(rest, "\\", "/") // browsers read a backslash there as a slash
	host, ok := strings.CutPrefix(rest, "//")
	if !ok {
		return false
	}
	host, _, _ = strings.Cut(host, "/")
	host, _, _ = strings.Cut(host, "?")
	host, _, _ = strings.Cut(host, "#")
	if i := strings.LastIndexByte(host, '@'); i >= 0 {
		host = host[i+1:]
	}
	return host != "" && host[0] != ':'
}

// scheme returns the lower-case scheme of a URL, ignoring the white space
// and control characters that browsers ignore ("java\tscript:").
func scheme(u string) string {
	var b strings.Builder
	for _, r := range u {
		switch {
		case r <= ' ' || r == 0x7f:
			continue
		case r == ':':
			s := strings.ToLower(b.String())
			if s == "" || !(s[0] >= 'a' && s[0] <= 'z') {
				return ""
			}
			return s
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '+', r == '-', r == '.':
			b.WriteRune(r)
		default:
			return ""
		}
	}
	return ""
}

func (d *Doc) warn(n ast.Node, msg string) {
	line, col := d.pos(start(n))
	d.Warnings = append(d.Warnings, Message{Line: line, Col: col, Text: msg})
}

// unlink replaces a link node by its children, or an autolink by its text.
func unlink(n ast.Node, src []byte) {
	p := n.Parent()
	if p == nil {
		return
	}
	if a, ok := n.(*ast.AutoLink); ok {
		p.ReplaceChild(p, n, ast.NewString(bytes.Clone(a.Label(src))))
		return
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		p.InsertBefore(p, n, c)
		c = next
	}
	p.RemoveChild(p, n)
}

// start returns the offset in the source where n starts, as nearly as the
// tree tells: inline nodes keep no position of their own, so it is taken
// from their text, their previous sibling or their block.
func start(n ast.Node) int {
	if o := firstOffset(n); o >= 0 {
		switch n.(type) {
		case *ast.Link:
			return max(o-1, 0)
		case *ast.Image:
			return max(o-2, 0)
		}
		return o
	}
	for s := n.PreviousSibling(); s != nil; s = s.PreviousSibling() {
		if t, ok := s.(*ast.Text); ok {
			return t.Segment.Stop
		}
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if o := firstOffset(p); o >= 0 {
			return o
		}
	}
	return -1
}

func firstOffset(n ast.Node) int {
	switch t := n.(type) {
	case *ast.Text:
		return t.Segment.Start
	case *ast.RawHTML:
		if t.Segments.Len() > 0 {
			return t.Segments.At(0).Start
		}
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if o := firstOffset(c); o >= 0 {
			return o
		}
	}
	return -1
}

// nodeText is the plain text of an inline tree.
func nodeText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if tt, ok := t.(*ast.Text); ok {
					b.Write(tt.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

func isComment(b []byte) bool {
	s := strings.TrimSpace(string(b))
	return strings.HasPrefix(s, "<!--") && strings.HasSuffix(s, "-->")
}

func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}
