package markdown

import (
	"bytes"
	"fmt"
	stdhtml "html"
	"strings"
	"sync"
	"time"

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
	// The inspector highlighted the block when the body was parsed, so that
	// a block it could not highlight is reported with the other warnings.
	if v, ok := node.AttributeString(attrCode); ok {
		_, _ = w.Write(v.([]byte))
	} else {
		_, _ = w.Write(plain(codeText(node, src)))
	}
	return ast.WalkSkipChildren, nil
}

// codeText is the text of a code block.
func codeText(n ast.Node, src []byte) string {
	var code strings.Builder
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		code.Write(seg.Value(src))
	}
	return code.String()
}

// Limits on highlighting. Chroma's lexers try regular expressions at each
// position of the code, and on text that nobody writes but anyone can
// send (a line of a thousand letters, thousands of blank lines, an
// unclosed string) some take time that grows with the square of its
// length, and a few never finish. The limits are deterministic, so that
// the same content gives the same page: within them, ordinary code is
// highlighted by every lexer far within the time budget, which is the
// last guard, for adversarial code. Measured on this project's machine
// (see BenchmarkLexers): the slowest lexers on ordinary code (chroma's
// samples, repeated) take 2 s for 32 KB under heavy load, and several
// (Makefile, Desktop file, Gnuplot, Java, D...) over 0.5 s for one line
// of 1,000 characters built to be slow. A block past a limit is
// published as plain text, with a warning at its line.
const (
	maxCodeBytes   = 16 << 10 // bytes in one block
	maxCodeLine    = 500      // bytes in one line of a block
	maxDocCode     = 32 << 10 // bytes of highlighted code in one body
	maxEmptyTokens = 64       // empty tokens in a row: the lexer is stuck

	blockBudget = time.Second             // time to highlight one block
	docBudget   = 1500 * time.Millisecond // time to highlight the blocks of one body
)

// slowLexers are the lexers whose blocks are published as plain text
// whatever their size: measured, CFEngine3 takes over a second on 4 KB of
// almost any text (a run of one character, an unclosed string).
var slowLexers = map[string]bool{"CFEngine3": true}

// plainWhy says why a block that names a language is published as plain text.
type plainWhy int

const (
	highlighted plainWhy = iota
	whySlowLexer
	whyTooLong
	whyLongLine
	whyDocTooLong
	whyStuck
	whyFailed
	whyTime
)

// message is the warning for a block in lang published as plain text.
func (why plainWhy) message(lang string) string {
	block := fmt.Sprintf("this code block (language %q)", shorten(lang))
	switch why {
	case whySlowLexer:
		return block + " is published as plain text: code in this language cannot be highlighted safely; remove the language name after the ``` to say it is plain text"
	case whyTooLong:
		return fmt.Sprintf("%s is longer than %d KB, too long to highlight; it is published as plain text: split it into shorter blocks, or leave out what readers do not need", block, maxCodeBytes>>10)
	case whyLongLine:
		return fmt.Sprintf("%s has a line longer than %d characters, too long to highlight; it is published as plain text: break the long lines", block, maxCodeLine)
	case whyDocTooLong:
		return fmt.Sprintf("%s and the code blocks after it are published as plain text: the code blocks of this text add up to more than %d KB, more than can be highlighted; shorten them, or put the code in an attached file", block, maxDocCode>>10)
	case whyStuck, whyFailed:
		return block + " could not be highlighted; it is published as plain text: check that its strings, comments and brackets are closed, or remove the language name after the ```"
	default:
		return block + " could not be highlighted in time; it is published as plain text: split it into shorter blocks, or remove the language name after the ```"
	}
}

// highlightBlock highlights a code block of the document and keeps its
// HTML on the node for the renderers, or warns why it is plain text.
func (d *Doc) highlightBlock(n ast.Node) {
	var lang string
	at := start(n)
	if f, ok := n.(*ast.FencedCodeBlock); ok {
		lang = strings.ToLower(string(f.Language(d.src)))
		at = fenceStart(f, d.src)
	}
	code := codeText(n, d.src)
	lexer := lexers.Get(lang)
	if lexer == nil || lang == "" || lexer.Config().Name == "plaintext" {
		n.SetAttributeString(attrCode, plain(code))
		return
	}
	why := highlighted
	switch {
	case slowLexers[lexer.Config().Name]:
		why = whySlowLexer
	case len(code) > maxCodeBytes:
		why = whyTooLong
	case longestLine(code) > maxCodeLine:
		why = whyLongLine
	case d.code+len(code) > maxDocCode:
		why = whyDocTooLong
	}
	d.code += len(code)
	var html []byte
	if why == highlighted {
		key := lang + "\x00" + code
		var h highlight
		var ok bool
		if h, ok = d.highlights.get(key); !ok {
			began := time.Now()
			h = highlightCode(lexer, code, min(blockBudget, docBudget-d.codeTime))
			d.codeTime += time.Since(began)
			if h.why != whyTime {
				d.highlights.put(key, h)
			}
		}
		html, why = h.html, h.why
	}
	if why != highlighted {
		html = plain(code)
		if why != whyDocTooLong || !d.codeFull {
			// One warning for all the blocks past the body's limit.
			d.codeFull = d.codeFull || why == whyDocTooLong
			line, col := d.pos(at)
			d.Warnings = append(d.Warnings, Message{Line: line, Col: col, Text: why.message(lang)})
		}
	}
	n.SetAttributeString(attrCode, html)
}

// fenceStart returns the offset of a fenced code block's opening fence,
// which is where the block is reported: its first line of code may be
// far below, or absent.
func fenceStart(n *ast.FencedCodeBlock, src []byte) int {
	if n.Info == nil {
		return start(n)
	}
	i := n.Info.Segment.Start
	for i > 0 && (src[i-1] == ' ' || src[i-1] == '\t') {
		i--
	}
	for i > 0 && (src[i-1] == '`' || src[i-1] == '~') {
		i--
	}
	return i
}

// longestLine returns the length in bytes of the longest line of s.
func longestLine(s string) int {
	longest := 0
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			i = len(s)
		}
		longest = max(longest, i)
		s = s[min(i+1, len(s)):]
	}
	return longest
}

// highlight is a highlighted block, or why it is not.
type highlight struct {
	html []byte
	why  plainWhy
}

// highlightCode runs lexer over code within budget. The lexer runs on a
// goroutine of its own, which stops at the first token past the budget: should a lexer be stuck in a loop that gives no token, its
// goroutine is left behind rather than the build.
func highlightCode(lexer chroma.Lexer, code string, budget time.Duration) highlight {
	if budget <= 0 {
		return highlight{why: whyTime}
	}
	deadline := time.Now().Add(budget)
	done := make(chan highlight, 1)
	go func() {
		toks, why := tokenise(lexer, code, deadline)
		if why != highlighted {
			done <- highlight{why: why}
			return
		}
		var out bytes.Buffer
		if err := formatter.Format(&out, styles.Fallback, chroma.Literator(toks...)); err != nil {
			done <- highlight{why: whyFailed}
			return
		}
		done <- highlight{html: out.Bytes()}
	}()
	timer := time.NewTimer(time.Until(deadline) + 100*time.Millisecond)
	defer timer.Stop()
	select {
	case h := <-done:
		return h
	case <-timer.C:
		return highlight{why: whyTime}
	}
}

// tokenise returns the tokens of code, runs of one type joined as
// chroma.Coalesce joins them. It gives up, saying why, when the lexer
// panics, makes no progress (gives empty tokens, as chroma's jungle and
// jsonata lexers do forever on an unclosed string) or passes deadline.
func tokenise(lexer chroma.Lexer, code string, deadline time.Time) (toks []chroma.Token, why plainWhy) {
	defer func() {
		if recover() != nil {
			toks, why = nil, whyFailed
		}
	}()
	it, err := lexer.Tokenise(nil, code)
	if err != nil {
		return nil, whyFailed
	}
	var run []byte // the value of the last token, being joined
	empty := 0
	for {
		// A token can take a lexer milliseconds, so the clock is cheap
		// beside it.
		if time.Now().After(deadline) {
			return nil, whyTime
		}
		t := it()
		if t == chroma.EOF {
			break
		}
		if t.Value == "" {
			if empty++; empty > maxEmptyTokens {
				return nil, whyStuck
			}
			continue
		}
		empty = 0
		if k := len(toks) - 1; k >= 0 && toks[k].Type == t.Type && len(run) < 8192 {
			run = append(run, t.Value...)
			continue
		}
		if k := len(toks) - 1; k >= 0 {
			toks[k].Value = string(run)
		}
		toks = append(toks, t)
		run = append(run[:0], t.Value...)
	}
	if k := len(toks) - 1; k >= 0 {
		toks[k].Value = string(run)
	}
	return toks, highlighted
}

// plain returns the HTML of code published as plain text, as chroma
// writes it for a language it does not know (TestPlainAsFallback), but
// written here in one pass: chroma's formatter takes a second for 1 MiB
// of short lines.
func plain(code string) []byte {
	if strings.IndexByte(code, '\r') >= 0 {
		// Lexers end lines with \n alone.
		code = strings.ReplaceAll(strings.ReplaceAll(code, "\r\n", "\n"), "\r", "\n")
	}
	var out bytes.Buffer
	out.Grow(len(code) + 64)
	out.WriteString(preWrapper{}.Start(true, ""))
	for code != "" {
		line := code
		if i := strings.IndexByte(code, '\n'); i >= 0 {
			line = code[:i+1]
		}
		code = code[len(line):]
		out.WriteString(`<span class="line"><span class="cl">`)
		out.WriteString(stdhtml.EscapeString(line))
		out.WriteString("</span></span>")
	}
	out.WriteString(preWrapper{}.End(true))
	return out.Bytes()
}

// highlightCacheSize bounds the memory of a highlightCache, in bytes of
// code and HTML.
const highlightCacheSize = 8 << 20

// highlightCache remembers highlighted code by language and text. Chroma
// is the slowest step of conversion, and the same block is highlighted
// again when serve parses a body whose links changed, and wherever case
// studies share a snippet. A block that ran out of time is not kept. When full, it starts
// again empty. It is safe for concurrent use.
type highlightCache struct {
	mu   sync.Mutex
	m    map[string]highlight
	size int
}

func (c *highlightCache) get(key string) (highlight, bool) {
	if c == nil {
		return highlight{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	h, ok := c.m[key]
	return h, ok
}

func (c *highlightCache) put(key string, h highlight) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || c.size+len(key)+len(h.html) > highlightCacheSize {
		c.m, c.size = map[string]highlight{}, 0
	}
	c.m[key] = h
	c.size += len(key) + len(h.html)
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
