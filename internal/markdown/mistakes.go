package markdown

import (
	"fmt"
	stdhtml "html"
	"regexp"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// Mistakes that Markdown accepts without a word and prints wrongly: each is
// a warning at its line, with what to type instead, so that the
// pull-request check (check --strict) catches it before readers do.

// headingWithoutSpace is a line that was meant as a heading: "##Evidence"
// (or "#Context"), printed as text since a heading's #s need a space
// after them.
var headingWithoutSpace = regexp.MustCompile(`^(#{2,6}[^#\s]|#\p{Lu})`)

// wordBullets are the characters that word processors put before list
// items; pasted as text, they start paragraphs instead of a list.
const wordBullets = "•·▪◦●○■□➢➤✓✔\uf0b7\uf0a7"

// textLink is a link that Markdown could not read, left in the text as
// written: "[Coaching triads](Coaching triads: what we did)".
var textLink = regexp.MustCompile(`\[([^\[\]]+)\]\(([^()]*)\)`)

// lookForMistakes reports the mistakes above in the document's blocks.
func (d *Doc) lookForMistakes(root ast.Node) {
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && emptySection(h) {
			text := strings.TrimSpace(stdhtml.UnescapeString(nodeText(h, d.src)))
			line, _ := d.pos(start(h))
			d.Warnings = append(d.Warnings, Message{Line: line, Col: 1, Text: fmt.Sprintf("the heading %q has no text under it: write under it, or remove it", shorten(text))})
		}
	}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.Paragraph:
			d.paragraphMistakes(n)
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// emptySection reports whether nothing but headings of the same or a
// higher level (or the end) follow h: "## Evidence" with no text under it.
// Comments do not count as text; they are not published.
func emptySection(h *ast.Heading) bool {
	for n := h.NextSibling(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level <= h.Level {
				return true
			}
			return false
		case *ast.HTMLBlock:
			continue
		default:
			return false
		}
	}
	return true
}

// paragraphMistakes looks at each source line of a paragraph.
func (d *Doc) paragraphMistakes(p ast.Node) {
	lines := p.Lines()
	bullets := false
	for i := range lines.Len() {
		seg := lines.At(i)
		line := strings.TrimRight(string(seg.Value(d.src)), "\r\n")
		trimmed := strings.TrimLeft(line, " \t")
		off := seg.Start + len(line) - len(trimmed)
		if headingWithoutSpace.MatchString(trimmed) && !bullets {
			word := strings.TrimLeft(trimmed, "#")
			hashes := trimmed[:len(trimmed)-len(word)]
			d.warnAt(off, fmt.Sprintf("%q is printed as text, not as a heading: put a space after the %s, as in %q", shorten(trimmed), hashes, hashes+" "+shorten(word)))
		}
		if r, _ := firstRune(trimmed); r != 0 && strings.ContainsRune(wordBullets, r) && !bullets {
			bullets = true
			d.warnAt(off, fmt.Sprintf("this line starts with %q, pasted from a word processor: Markdown does not read it as a list, so start each item with a hyphen and a space (\"- \") instead", string(r)))
		}
	}
	text := nodeText(p, d.src)
	for _, m := range textLink.FindAllStringSubmatch(text, 3) {
		dest := strings.TrimSpace(m[2])
		if !strings.ContainsAny(dest, " \t") && dest != "" {
			continue // a link Markdown read, or a plain (x) after [y]
		}
		off := p.Lines().At(0).Start
		if i := strings.Index(string(p.Lines().Value(d.src)), "["+m[1]+"]("+m[2]); i >= 0 {
			off += i
		}
		d.warnAt(off, fmt.Sprintf("this link is printed as written, [%s](%s): between ( and ) write the address, or the file's name such as (%s.md), not a title or words with spaces", shorten(m[1]), shorten(m[2]), slugOf(m[1])))
	}
}

func (d *Doc) warnAt(off int, msg string) {
	line, col := d.pos(off)
	d.Warnings = append(d.Warnings, Message{Line: line, Col: col, Text: msg})
}

func firstRune(s string) (rune, bool) {
	for _, r := range s {
		return r, true
	}
	return 0, false
}

// slugOf makes a file name of a title for the message's example: lower
// case ASCII letters and digits joined by hyphens.
func slugOf(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		} else if r != '\'' && r != '’' {
			hyphen = true
		}
	}
	if b.Len() == 0 {
		return "other-case-study"
	}
	return b.String()
}
