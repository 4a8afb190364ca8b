package markdown

import (
	"bytes"
	"strings"

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
	lexer := lexers.Get(lang)
	if lexer == nil {
		lexer = lexers.Fallback
	}
	lexer = chroma.Coalesce(lexer)
	it, err := lexer.Tokenise(nil, code.String())
	if err == nil {
		var out bytes.Buffer
		if err = formatter.Format(&out, styles.Fallback, it); err == nil {
			_, _ = w.Write(out.Bytes())
			return ast.WalkSkipChildren, nil
		}
	}
	_, _ = w.WriteString(`<pre class="chroma" tabindex="0"><code>`)
	_, _ = w.Write(util.EscapeHTML(code.Bytes()))
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
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
