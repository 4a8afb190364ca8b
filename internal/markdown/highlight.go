package markdown

import (
	"bytes"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// formatter writes highlighted code with CSS classes, never inline styles,
// so that the Content-Security-Policy can forbid inline styles. It keeps no
// state between calls.
var formatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.TabWidth(4), chromahtml.WithPreWrapper(preWrapper{}))

// preWrapper writes the <pre> around highlighted code. tabindex lets
// keyboard users scroll a code block that is wider than the page.
type preWrapper struct{}

func (preWrapper) Start(code bool, _ string) string {
	if code {
		return `<pre class="chroma" tabindex="0"><code>`
	}
	return `<pre class="chroma" tabindex="0">`
}

func (preWrapper) End(code bool) string {
	if code {
		return "</code></pre>"
	}
	return "</pre>"
}

// Code styles: light, and dark under prefers-color-scheme.
const (
	LightStyle = "github"
	DarkStyle  = "github-dark"
)

func (r *nodeRenderer) code(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	var lang string
	if n, ok := node.(*ast.FencedCodeBlock); ok {
		lang = strings.ToLower(string(n.Language(src)))
	}
	var code bytes.Buffer
	lines := node.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		code.Write(seg.Value(src))
	}
	key := lang + "\x00" + code.String()
	if html, ok := r.highlights.get(key); ok {
		_, _ = w.Write(html)
		return ast.WalkSkipChildren, nil
	}
	html := highlight(lang, code.String())
	r.highlights.put(key, html)
	_, _ = w.Write(html)
	return ast.WalkSkipChildren, nil
}

// highlight returns the HTML of code in lang, highlighted when chroma can.
func highlight(lang, code string) []byte {
	lexer := lexers.Get(lang)
	if lexer == nil {
		lexer = lexers.Fallback
	}
	lexer = chroma.Coalesce(lexer)
	var out bytes.Buffer
	it, err := lexer.Tokenise(nil, code)
	if err == nil {
		if err = formatter.Format(&out, styles.Fallback, it); err == nil {
			return out.Bytes()
		}
	}
	out.Reset()
	out.WriteString(`<pre class="chroma" tabindex="0"><code>`)
	out.Write(util.EscapeHTML([]byte(code)))
	out.WriteString("</code></pre>\n")
	return out.Bytes()
}

// highlightCacheSize bounds the memory of a highlightCache, in bytes of
// code and HTML.
const highlightCacheSize = 8 << 20

// highlightCache remembers highlighted code by language and text. Chroma
// is the slowest step of conversion, and the same block is highlighted
// for the site and for the book, again when serve converts an unchanged
// body, and wherever case studies share a snippet. When full, it starts
// again empty. It is safe for concurrent use.
type highlightCache struct {
	mu   sync.Mutex
	m    map[string][]byte
	size int
}

func (c *highlightCache) get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	html, ok := c.m[key]
	return html, ok
}

func (c *highlightCache) put(key string, html []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || c.size+len(key)+len(html) > highlightCacheSize {
		c.m, c.size = map[string][]byte{}, 0
	}
	c.m[key] = html
	c.size += len(key) + len(html)
}

// HighlightCSS returns the stylesheet for highlighted code: the light style,
// and the dark one inside a prefers-color-scheme: dark media query.
func HighlightCSS() []byte {
	var b bytes.Buffer
	b.WriteString("/* Code highlighting, generated from the chroma styles " + LightStyle + " and " + DarkStyle + ". */\n")
	_ = formatter.WriteCSS(&b, styles.Get(LightStyle))
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	_ = formatter.WriteCSS(&b, styles.Get(DarkStyle))
	b.WriteString("}\n")
	return b.Bytes()
}
