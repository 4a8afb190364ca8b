package content

import (
	"strings"
	"time"
	"unicode/utf8"
)

// parseSimpleYAML reads front matter written in the plain subset of YAML
// that nearly every case study uses, without the cost of yaml.v3: a block
// mapping of key: value lines (or a block list of mappings, as in
// taxonomies.yaml), whose values are single-line plain or quoted
// scalars, one-line flow lists ([a, "b c"]), block lists of those or of
// small mappings, nested mappings, and simple | and > block scalars.
//
// It reports ok=false for anything else, and for anything it is not sure
// of (comments, anchors, tags, escapes other than \" and \\, multi-line
// scalars, duplicate keys, a plain scalar whose type is not certain, tabs,
// CR, a BOM, control characters): parseYAML then asks yaml.v3. When it
// reports ok, the tree is the one yaml.v3 gives, node for node (kinds,
// values, types, positions and key order), and yaml.v3 would find no
// problem; FuzzSimpleYAML checks this.
func parseSimpleYAML(src []byte, firstLine int) (*node, bool) {
	if len(src) == 0 || len(src) > fyMaxBytes {
		return nil, false
	}
	p := &fyParser{offset: firstLine}
	if !p.split(src) {
		return nil, false
	}
	p.skipBlank()
	if p.i >= len(p.lines) || p.lines[p.i].indent != 0 {
		return nil, false
	}
	var n *node
	var ok bool
	if isDash(p.text(p.i), 0) {
		n, ok = p.sequence(0, 1) // taxonomies.yaml is a list
	} else {
		n, ok = p.mapping(0, 1, false)
	}
	if !ok {
		return nil, false
	}
	if p.skipBlank(); p.i < len(p.lines) {
		return nil, false
	}
	return n, true
}

// Limits of the fast path: anything bigger or deeper goes to yaml.v3,
// whose converter enforces maxNodes and maxDepth.
const (
	fyMaxBytes = 256 << 10
	fyMaxDepth = 8
	fyMaxNodes = 20_000
	fyMaxKey   = 128
)

// fyLine is one line of the text: its bytes are s[start:end], without the
// line break, and it starts with indent spaces.
type fyLine struct {
	start, end int
	indent     int
	ascii      bool
}

// fyParser reads the subset line by line. Every function that fails
// returns ok=false and the whole parse is abandoned.
type fyParser struct {
	s      string
	lines  []fyLine
	i      int  // the line being read
	offset int  // file line of the text's first line
	nl     bool // the text ends with a line break
	arena  []node
	count  int
	stack  []*node // keys and values, or items, of the collections being read
}

// split checks every character and cuts the text into lines. It refuses
// what yaml.v3 treats specially or rejects: tabs, CR and other control
// characters, invalid UTF-8, a BOM, Unicode line breaks (U+0085, U+2028,
// U+2029), non-characters, and lines of spaces only.
func (p *fyParser) split(src []byte) bool {
	p.s = string(src)
	s := p.s
	p.lines = make([]fyLine, 0, strings.Count(s, "\n")+1)
	start, ascii := 0, true
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		switch {
		case c == '\n':
			if !p.addLine(start, i, ascii) {
				return false
			}
			i++
			start, ascii = i, true
		case c >= 0x80:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError || r < 0xa0 || r == 0x2028 || r == 0x2029 || r == 0xfeff || r == 0xfffe || r == 0xffff {
				return false
			}
			ascii = false
			i += size
		default:
			return false
		}
	}
	if start < len(s) {
		if !p.addLine(start, len(s), ascii) {
			return false
		}
	} else {
		p.nl = true
	}
	// Room for a key and a value per line, and then some.
	p.arena = make([]node, 0, 2*len(p.lines)+8)
	return true
}

func (p *fyParser) addLine(start, end int, ascii bool) bool {
	indent := 0
	for start+indent < end && p.s[start+indent] == ' ' {
		indent++
	}
	if indent > 0 && start+indent == end {
		return false // spaces only
	}
	p.lines = append(p.lines, fyLine{start: start, end: end, indent: indent, ascii: ascii})
	return true
}

func (p *fyParser) text(i int) string { return p.s[p.lines[i].start:p.lines[i].end] }

// skipBlank moves past empty lines.
func (p *fyParser) skipBlank() {
	for p.i < len(p.lines) && p.lines[p.i].start == p.lines[p.i].end {
		p.i++
	}
}

// newNode returns a node from the arena, counting it.
func (p *fyParser) newNode(kind nodeKind, line, col int) (*node, bool) {
	p.count++
	if p.count > fyMaxNodes {
		return nil, false
	}
	if len(p.arena) == cap(p.arena) {
		p.arena = make([]node, 0, 64)
	}
	p.arena = p.arena[:len(p.arena)+1]
	n := &p.arena[len(p.arena)-1]
	n.kind, n.line, n.col = kind, line, col
	return n, true
}

func (p *fyParser) scalar(value, typ string, line, col int) (*node, bool) {
	n, ok := p.newNode(scalarNode, line, col)
	if ok {
		n.value, n.typ = value, typ
	}
	return n, ok
}

// lineNo is the file line of the text's line i (0-based).
func (p *fyParser) lineNo(i int) int { return p.offset + i }

// keyEnd returns the end of a key that starts at text[j] (a plain word:
// a letter or _, then letters, digits, _ and -) followed by a colon and a
// space or the end of the line, or -1.
func keyEnd(text string, j int) int {
	k := j
	for k < len(text) {
		c := text[k]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || k > j && (c >= '0' && c <= '9' || c == '-') {
			k++
			continue
		}
		break
	}
	if k == j || k-j > fyMaxKey || k >= len(text) || text[k] != ':' || k+1 < len(text) && text[k+1] != ' ' {
		return -1
	}
	return k
}

// isDash reports whether a block list item starts at text[j].
func isDash(text string, j int) bool {
	return j < len(text) && text[j] == '-' && (j+1 == len(text) || text[j+1] == ' ')
}

// mapping reads a block mapping whose keys start at byte indent of their
// lines. When inline is set, the first key follows "- " on the current
// line.
func (p *fyParser) mapping(indent, depth int, inline bool) (*node, bool) {
	if depth > fyMaxDepth {
		return nil, false
	}
	var n *node
	base := len(p.stack)
	for {
		if !inline {
			p.skipBlank()
			if p.i >= len(p.lines) || p.lines[p.i].indent < indent {
				break
			}
			if p.lines[p.i].indent > indent {
				return nil, false
			}
		}
		inline = false
		text := p.text(p.i)
		k := keyEnd(text, indent)
		if k < 0 {
			return nil, false
		}
		key := text[indent:k]
		if plainWordType(key) != "str" {
			return nil, false
		}
		line, ok := p.lineNo(p.i), true
		if n == nil {
			if n, ok = p.newNode(mapNode, line, indent+1); !ok {
				return nil, false
			}
		}
		for k := base; k < len(p.stack); k += 2 {
			if p.stack[k].value == key {
				return nil, false // yaml.v3's converter reports it
			}
		}
		kn, ok := p.scalar(key, "str", line, indent+1)
		if !ok {
			return nil, false
		}
		j := k + 1
		for j < len(text) && text[j] == ' ' {
			j++
		}
		var v *node
		if j == len(text) {
			v, ok = p.emptyValue(indent, k+2, depth)
		} else {
			v, ok = p.inlineValue(text, j, indent, depth)
		}
		if !ok {
			return nil, false
		}
		p.stack = append(p.stack, kn, v)
	}
	if n == nil {
		return nil, false
	}
	m := (len(p.stack) - base) / 2
	kv := make([]*node, 2*m)
	for k := range m {
		kv[k], kv[m+k] = p.stack[base+2*k], p.stack[base+2*k+1]
	}
	n.keys, n.vals = kv[:m:m], kv[m:]
	p.stack = p.stack[:base]
	return n, true
}

// emptyValue reads the value of a key written with nothing after its
// colon at column col: a list or mapping on the lines below, or null.
func (p *fyParser) emptyValue(indent, col, depth int) (*node, bool) {
	line := p.lineNo(p.i)
	p.i++
	p.skipBlank()
	if p.i < len(p.lines) {
		l := p.lines[p.i]
		text := p.text(p.i)
		switch {
		case l.indent >= indent && isDash(text, l.indent):
			return p.sequence(l.indent, depth+1)
		case l.indent > indent:
			return p.mapping(l.indent, depth+1, false)
		}
	}
	return p.scalar("", "null", line, col)
}

// sequence reads a block list whose dashes are at byte indent.
func (p *fyParser) sequence(indent, depth int) (*node, bool) {
	if depth > fyMaxDepth {
		return nil, false
	}
	var n *node
	base := len(p.stack)
	for {
		p.skipBlank()
		if p.i >= len(p.lines) || p.lines[p.i].indent < indent {
			break
		}
		if p.lines[p.i].indent > indent {
			return nil, false
		}
		text := p.text(p.i)
		if text[indent] != '-' {
			break // the enclosing mapping's next key, or a mistake it finds
		}
		if !isDash(text, indent) {
			return nil, false
		}
		j := indent + 1
		for j < len(text) && text[j] == ' ' {
			j++
		}
		if j == len(text) {
			return nil, false // an empty item, or one on the lines below
		}
		ok := true
		if n == nil {
			if n, ok = p.newNode(seqNode, p.lineNo(p.i), indent+1); !ok {
				return nil, false
			}
		}
		var v *node
		if keyEnd(text, j) >= 0 {
			v, ok = p.mapping(j, depth+1, true)
		} else {
			v, ok = p.inlineValue(text, j, indent, depth+1)
		}
		if !ok {
			return nil, false
		}
		p.stack = append(p.stack, v)
	}
	if n == nil {
		return nil, false
	}
	n.vals = p.popItems(base)
	return n, true
}

// popItems returns the nodes on the stack from base on, and removes them.
func (p *fyParser) popItems(base int) []*node {
	if len(p.stack) == base {
		return nil
	}
	items := make([]*node, len(p.stack)-base)
	copy(items, p.stack[base:])
	p.stack = p.stack[:base]
	return items
}

// inlineValue reads the value that starts at text[j] of the current line,
// whose enclosing collection is at byte indent, and moves past it. The
// bytes before j are ASCII, so the column is j+1.
func (p *fyParser) inlineValue(text string, j, indent, depth int) (*node, bool) {
	line, col := p.lineNo(p.i), j+1
	switch text[j] {
	case '"', '\'':
		v, k, ok := quoted(text, j)
		if !ok || !blankFrom(text, k) {
			return nil, false
		}
		p.i++
		return p.scalar(v, "str", line, col)
	case '[':
		p.i++
		return p.flowSequence(text, j, line, !p.lines[p.i-1].ascii, depth+1)
	case '|', '>':
		if !blankFrom(text, j+1) {
			return nil, false // chomping or indentation indicators, or a comment
		}
		p.i++
		return p.blockScalar(text[j] == '>', indent, line, col)
	}
	v := strings.TrimRight(text[j:], " ")
	if !plainBlockOK(v) {
		return nil, false
	}
	typ := plainType(v)
	if typ == "" {
		return nil, false
	}
	p.i++
	return p.scalar(v, typ, line, col)
}

// blankFrom reports whether text holds only spaces from k on.
func blankFrom(text string, k int) bool {
	for ; k < len(text); k++ {
		if text[k] != ' ' {
			return false
		}
	}
	return true
}

// flowSequence reads a one-line list [a, "b", 'c'] whose [ is text[j].
func (p *fyParser) flowSequence(text string, j, line int, unicode bool, depth int) (*node, bool) {
	if depth > fyMaxDepth {
		return nil, false
	}
	n, ok := p.newNode(seqNode, line, j+1)
	if !ok {
		return nil, false
	}
	base := len(p.stack)
	k := skipSpaces(text, j+1)
	if k < len(text) && text[k] == ']' {
		if !blankFrom(text, k+1) {
			return nil, false
		}
		return n, true
	}
	for {
		if k >= len(text) {
			return nil, false
		}
		col := k + 1
		if unicode {
			col = utf8.RuneCountInString(text[:k]) + 1
		}
		var item *node
		switch text[k] {
		case '"', '\'':
			v, end, ok := quoted(text, k)
			if !ok {
				return nil, false
			}
			if item, ok = p.scalar(v, "str", line, col); !ok {
				return nil, false
			}
			k = end
		default:
			end := k
			for end < len(text) && text[end] != ',' && text[end] != ']' {
				switch text[end] {
				case ':', '#', '?', '[', '{', '}':
					return nil, false // these end a plain scalar in a flow, or may
				}
				end++
			}
			v := strings.TrimRight(text[k:end], " ")
			if v == "" || strings.IndexByte(fyIndicators, v[0]) >= 0 {
				return nil, false
			}
			typ := plainType(v)
			if typ == "" {
				return nil, false
			}
			if item, ok = p.scalar(v, typ, line, col); !ok {
				return nil, false
			}
			k = end
		}
		p.stack = append(p.stack, item)
		k = skipSpaces(text, k)
		if k >= len(text) {
			return nil, false
		}
		switch text[k] {
		case ']':
			if !blankFrom(text, k+1) {
				return nil, false
			}
			n.vals = p.popItems(base)
			return n, true
		case ',':
			k = skipSpaces(text, k+1)
			if k < len(text) && (text[k] == ']' || text[k] == ',') {
				return nil, false // a trailing or doubled comma
			}
		default:
			return nil, false
		}
	}
}

func skipSpaces(text string, k int) int {
	for k < len(text) && text[k] == ' ' {
		k++
	}
	return k
}

// quoted reads a one-line quoted scalar whose quote is text[j], returning
// its value and the index after the closing quote. In double quotes only
// the escapes \" and \\ are read; in single quotes a doubled quote is one quote.
func quoted(text string, j int) (string, int, bool) {
	q := text[j]
	special := "\"\\"
	if q == '\'' {
		special = "'"
	}
	var b []byte // the value so far, once an escape has been read
	from := j + 1
	for k := from; ; {
		e := strings.IndexAny(text[k:], special)
		if e < 0 {
			return "", 0, false // the scalar goes on to the next line
		}
		k += e
		escape := text[k] == '\\' || q == '\'' && k+1 < len(text) && text[k+1] == '\''
		if !escape {
			if b == nil {
				return text[from:k], k + 1, true
			}
			return string(append(b, text[from:k]...)), k + 1, true
		}
		if k+1 >= len(text) || text[k] == '\\' && text[k+1] != '"' && text[k+1] != '\\' {
			return "", 0, false
		}
		b = append(append(b, text[from:k]...), text[k+1])
		k += 2
		from = k
	}
}

// blockScalar reads the lines of a | (literal) or > (folded) block scalar
// after its header: one or more lines, all at the same indentation, deeper
// than the enclosing collection's, with no blank line between them.
func (p *fyParser) blockScalar(folded bool, indent, line, col int) (*node, bool) {
	if p.i >= len(p.lines) {
		return nil, false
	}
	ci := p.lines[p.i].indent
	if ci <= indent || p.lines[p.i].start == p.lines[p.i].end {
		return nil, false
	}
	first := p.i
	size := 0
	for p.i < len(p.lines) {
		l := p.lines[p.i]
		if l.start == l.end || l.indent < ci {
			break
		}
		if l.indent > ci {
			return nil, false // a more indented line keeps its breaks
		}
		size += l.end - l.start - ci + 1
		p.i++
	}
	last := p.i - 1
	// After blank lines, the scalar must be over.
	if q := p.i; q < len(p.lines) && p.lines[q].start == p.lines[q].end {
		for q < len(p.lines) && p.lines[q].start == p.lines[q].end {
			q++
		}
		if q < len(p.lines) && p.lines[q].indent >= ci {
			return nil, false
		}
	}
	sep := byte('\n')
	if folded {
		sep = ' '
	}
	var b strings.Builder
	b.Grow(size)
	for i := first; i <= last; i++ {
		if i > first {
			b.WriteByte(sep)
		}
		b.WriteString(p.s[p.lines[i].start+ci : p.lines[i].end])
	}
	if last < len(p.lines)-1 || p.nl {
		b.WriteByte('\n') // clip: the last line break is kept
	}
	return p.scalar(b.String(), "str", line, col)
}

// fyIndicators are the characters that may not start a plain scalar here:
// YAML's indicators, and the starts of special floats and nulls.
const fyIndicators = "-?:,[]{}#&*!|>'\"%@`.+~<"

// plainBlockOK reports whether v, a trimmed plain scalar on one line in a
// block, is certainly read by yaml.v3 as exactly v.
func plainBlockOK(v string) bool {
	return v != "" && strings.IndexByte(fyIndicators, v[0]) < 0 &&
		!strings.Contains(v, ": ") && !strings.Contains(v, " #") && !strings.HasSuffix(v, ":")
}

// plainType returns the type yaml.v3 resolves the plain scalar v to (as
// resolve.go in yaml.v3 does), or "" when the fast path is not sure.
func plainType(v string) string {
	if c := v[0]; c >= '0' && c <= '9' {
		return digitType(v)
	}
	return plainWordType(v)
}

// plainWordType types a plain scalar that starts with neither a digit nor
// one of fyIndicators: only these exact spellings are not strings.
func plainWordType(v string) string {
	switch v {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "bool"
	case "null", "Null", "NULL":
		return "null"
	}
	return "str"
}

// digitType types a plain scalar that starts with a digit: a decimal
// integer without a leading zero, a date, a year-and-month or a phrase.
// Everything else (octal, hex, floats, times, underscores) is left to
// yaml.v3.
func digitType(v string) string {
	digits := 0
	for digits < len(v) && v[digits] >= '0' && v[digits] <= '9' {
		digits++
	}
	switch {
	case digits == len(v):
		if v[0] == '0' && len(v) > 1 || len(v) > 18 {
			return ""
		}
		return "int"
	case digits == 4 && v[4] == '-':
		// yaml.v3 tries timestamps first, then numbers; "2024-1-2" and
		// "2024-01-02" are dates if the calendar has that day, and
		// otherwise, like "2018-19", strings.
		rest := v[5:]
		m := leadingDigits(rest)
		if m == 1 || m == 2 {
			if len(rest) == m {
				return "str"
			}
			if rest[m] == '-' {
				if d := leadingDigits(rest[m+1:]); (d == 1 || d == 2) && len(rest) == m+1+d {
					if _, err := time.Parse("2006-1-2", v); err == nil {
						return "date"
					}
					return "str"
				}
			}
		}
		return ""
	}
	// A byte that no number syntax allows makes it a string.
	for i := digits; i < len(v); i++ {
		c := v[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '.' || c == '+' || c == '-') {
			return "str"
		}
	}
	return ""
}

func leadingDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}
