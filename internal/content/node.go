package content

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	goyaml "github.com/goccy/go-yaml"
	goyamlparser "github.com/goccy/go-yaml/parser"
	"gopkg.in/yaml.v3"
)

// nodeKind says what a front-matter node holds.
type nodeKind int

const (
	scalarNode nodeKind = iota
	seqNode
	mapNode
)

// node is one value of front matter or a YAML file, with the position in the
// file where it was written. YAML and TOML are both read into nodes, so that
// validation is written once and every message can name file, line and column.
type node struct {
	kind      nodeKind
	value     string // scalar text
	typ       string // scalar type: "str", "int", "float", "bool", "date", "null"
	line, col int    // 1-based position in the file
	keys      []*node
	vals      []*node // map values, parallel to keys, or sequence items
}

func (n *node) describe() string {
	switch n.kind {
	case seqNode:
		return "a list"
	case mapNode:
		return "a group of fields"
	}
	if n.typ == "null" {
		return "empty"
	}
	return fmt.Sprintf("%q", n.value)
}

// posError is a message at a line and column of the file being read.
type posError struct {
	line, col int
	msg       string
}

// Limits on one file's values, so that a small file cannot make buildbook
// use unbounded memory or time: YAML aliases (*name) can repeat a value
// exponentially often.
const (
	maxNodes = 100_000
	maxDepth = 64
)

// yamlConverter turns a yaml.v3 tree into nodes, counting them.
type yamlConverter struct {
	offset  int // file line of the text's line 1, minus 1
	count   int
	aliases int // aliases (*name) followed
	errs    []*posError
	fatal   bool
}

// Messages for the limits, which name what is too big.
const (
	tooDeepYAML  = "lists or groups of fields are nested more than %d deep: write the values out plainly"
	tooDeepTOML  = "the front matter nests lists or tables more than %d deep: write the values out plainly"
	tooManyItems = "this list has more than %s items, more than buildbook reads: shorten it"
	tooManyKeys  = "there are more than %s fields here, more than buildbook reads: shorten the list of fields"
	tooManyAll   = "there are more than %s values here, more than buildbook reads in one file: shorten the lists"
	tooManyAlias = "the YAML repeats values through aliases (*name) too often: write the values out plainly"
)

// thousands writes n with commas: 100,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func (c *yamlConverter) errorf(y *yaml.Node, format string, args ...any) {
	c.errs = append(c.errs, &posError{line: y.Line + c.offset, col: y.Column, msg: fmt.Sprintf(format, args...)})
}

func (c *yamlConverter) convert(y *yaml.Node, depth int) *node {
	null := &node{kind: scalarNode, typ: "null", line: y.Line + c.offset, col: y.Column}
	if c.fatal {
		return null
	}
	c.count++
	msg := ""
	switch {
	case depth > maxDepth:
		msg = fmt.Sprintf(tooDeepYAML, maxDepth)
	case y.Kind == yaml.SequenceNode && len(y.Content) > maxNodes:
		msg = fmt.Sprintf(tooManyItems, thousands(maxNodes))
	case y.Kind == yaml.MappingNode && len(y.Content)/2 > maxNodes:
		msg = fmt.Sprintf(tooManyKeys, thousands(maxNodes))
	case c.count > maxNodes && c.aliases > 0:
		msg = tooManyAlias
	case c.count > maxNodes:
		msg = fmt.Sprintf(tooManyAll, thousands(maxNodes))
	}
	if msg != "" {
		c.errorf(y, "%s", msg)
		c.fatal = true
		return null
	}
	for y.Kind == yaml.DocumentNode && len(y.Content) > 0 {
		y = y.Content[0]
	}
	if y.Kind == yaml.AliasNode {
		if y.Alias == nil {
			return null
		}
		c.aliases++
		n := c.convert(y.Alias, depth+1)
		n.line, n.col = y.Line+c.offset, y.Column
		return n
	}
	n := &node{line: y.Line + c.offset, col: y.Column}
	switch y.Kind {
	case yaml.MappingNode:
		n.kind = mapNode
		seen := map[string]*node{}
		var merged []*yaml.Node
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
				merged = append(merged, v)
				continue
			}
			kn := c.convert(k, depth+1)
			if kn.kind == scalarNode {
				if first := seen[kn.value]; first != nil {
					c.errorf(k, "duplicate field: %q is written twice (first at line %d): keep one of them", kn.value, first.line)
					continue
				}
				seen[kn.value] = kn
			}
			n.keys = append(n.keys, kn)
			n.vals = append(n.vals, c.convert(v, depth+1))
		}
		// Merge keys (<<: *defaults) add the fields not written here.
		for _, v := range merged {
			m := c.convert(v, depth+1)
			for i, k := range m.keys {
				if k.kind == scalarNode && seen[k.value] == nil {
					seen[k.value] = k
					n.keys = append(n.keys, k)
					n.vals = append(n.vals, m.vals[i])
				}
			}
		}
	case yaml.SequenceNode:
		n.kind = seqNode
		for _, item := range y.Content {
			n.vals = append(n.vals, c.convert(item, depth+1))
		}
	default:
		n.kind = scalarNode
		n.value = y.Value
		switch y.ShortTag() {
		case "!!int":
			n.typ = "int"
		case "!!float":
			n.typ = "float"
		case "!!bool":
			n.typ = "bool"
		case "!!timestamp":
			n.typ = "date"
		case "!!null":
			n.typ = "null"
		default:
			n.typ = "str"
		}
	}
	return n
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parseYAML parses YAML text whose first line is line firstLine of the file.
// It returns the tree and every problem found; a nil tree means the text
// could not be read at all. Text in the plain subset that parseSimpleYAML
// reads is parsed by it; anything else by yaml.v3.
func parseYAML(src []byte, firstLine int) (*node, []*posError) {
	return parseYAMLIn(src, firstLine, false)
}

// parseFrontMatterYAML is parseYAML for the front matter of a Markdown
// file, whose syntax errors can then say where the front matter ends.
func parseFrontMatterYAML(src []byte, firstLine int) (*node, []*posError) {
	return parseYAMLIn(src, firstLine, true)
}

func parseYAMLIn(src []byte, firstLine int, frontMatter bool) (*node, []*posError) {
	if n, ok := parseSimpleYAML(src, firstLine); ok {
		return n, nil
	}
	return parseYAMLSlowIn(src, firstLine, frontMatter)
}

// parseYAMLSlow is parseYAML by way of yaml.v3, for any YAML.
func parseYAMLSlow(src []byte, firstLine int) (*node, []*posError) {
	return parseYAMLSlowIn(src, firstLine, false)
}

func parseYAMLSlowIn(src []byte, firstLine int, frontMatter bool) (*node, []*posError) {
	var y yaml.Node
	if err := yaml.Unmarshal(src, &y); err != nil {
		return nil, []*posError{yamlSyntaxError(src, firstLine, err, frontMatter)}
	}
	if y.Kind == 0 {
		return &node{kind: mapNode, line: firstLine, col: 1}, nil
	}
	c := &yamlConverter{offset: firstLine - 1}
	n := c.convert(&y, 0)
	if c.fatal {
		return nil, c.errs
	}
	return n, c.errs
}

// yamlSyntaxError turns yaml.v3's error into a positioned message in
// plain words (see explainYAML). yaml.v3 gives a line, and often the line
// where the enclosing block starts rather than the mistake; a second
// parser (goccy/go-yaml) is asked for the line and column of the token at
// fault.
func yamlSyntaxError(src []byte, firstLine int, err error, frontMatter bool) *posError {
	msg := err.Error()
	line, col := 1, 1
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	// goccy/go-yaml takes time and memory that grow faster than the text
	// with its nesting, so it is asked only about front matter of a
	// reasonable size and depth.
	if len(src) > maxPrecise || bytes.Count(src, []byte("["))+bytes.Count(src, []byte("{")) > 4096 || nestingDepth(src, maxDepth) > maxDepth {
		return finishYAMLError(src, firstLine, line, col, msg, frontMatter)
	}
	if _, gerr := goyamlparser.ParseBytes(src, 0, goyamlparser.AllowDuplicateMapKey()); gerr != nil {
		var se *goyaml.SyntaxError
		if errors.As(gerr, &se) && se.Token != nil && se.Token.Position != nil && se.Token.Position.Line > 0 {
			line, col = se.Token.Position.Line, max(se.Token.Position.Column, 1)
			msg = se.Message + "; " + msg
		}
	}
	return finishYAMLError(src, firstLine, line, col, msg, frontMatter)
}

// finishYAMLError keeps a position inside the text and explains the
// mistake.
func finishYAMLError(src []byte, firstLine, line, col int, msg string, frontMatter bool) *posError {
	lines := strings.Split(string(src), "\n")
	if line > len(lines) {
		line, col = len(lines), 1
	}
	if line < 1 {
		line = 1
	}
	if n := utf8.RuneCountInString(lines[line-1]) + 1; col > n {
		col = n
	}
	if strings.Contains(msg, "']'") || strings.Contains(msg, "'}'") {
		line, col = unclosedBracket(lines, line, col)
	}
	f := explainYAML(lines, line, col, msg, frontMatter)
	return &posError{line: firstLine + f.line - 1, col: f.col, msg: f.msg}
}

// missingSpaceRE matches a field with no space after its colon.
var missingSpaceRE = regexp.MustCompile(`^\s*(- )?[A-Za-z_][\w-]*:[^\s:/]`)

// maxPrecise is the largest text whose YAML syntax errors are located by
// a second parser.
const maxPrecise = 64 << 10

// nestingDepth returns the deepest nesting of [ and { in src outside
// quotes, or limit+1 as soon as it passes limit.
func nestingDepth(src []byte, limit int) int {
	depth, deepest := 0, 0
	quote, prev := byte(0), byte('\n')
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote || c == '\n' && quote == '\'' {
				quote = 0
			}
		case c == '#' && (prev == ' ' || prev == '\t' || prev == '\n'):
			for i < len(src) && src[i] != '\n' {
				i++
			}
			c = '\n'
		case (c == '"' || c == '\'') && strings.IndexByte(" \t\n[{,:=", prev) >= 0:
			quote = c
		case c == '[' || c == '{':
			depth++
			if depth > deepest {
				deepest = depth
				if deepest > limit {
					return limit + 1
				}
			}
		case c == ']' || c == '}':
			depth = max(depth-1, 0)
		}
		prev = c
	}
	return deepest
}

// unclosedBracket finds the [ or { left open before line and col (both
// 1-based), ignoring quoted text: the parser notices a missing ] only at
// the next line, but the mistake is where the list starts.
func unclosedBracket(lines []string, line, col int) (int, int) {
	type open struct{ line, col int }
	var stack []open
	for i := 0; i < line && i < len(lines); i++ {
		quote, prev := rune(0), ' '
		c := 0
	chars:
		for _, r := range lines[i] {
			c++
			if i == line-1 && c >= col {
				break
			}
			switch {
			case quote != 0:
				if r == quote {
					quote = 0
				}
			case r == '"' || r == '\'':
				quote = r
			case r == '#' && (prev == ' ' || prev == '\t'):
				break chars
			case r == '[' || r == '{':
				stack = append(stack, open{i + 1, c})
			case (r == ']' || r == '}') && len(stack) > 0:
				stack = stack[:len(stack)-1]
			}
			prev = r
		}
	}
	if len(stack) == 0 {
		return line, col
	}
	return stack[len(stack)-1].line, stack[len(stack)-1].col
}

// parseTOML parses TOML text whose first line is line firstLine of the file.
func parseTOML(src []byte, firstLine int) (*node, []*posError) {
	if nestingDepth(src, maxDepth) > maxDepth {
		// The TOML decoder's time and memory grow with the nesting.
		return nil, []*posError{{line: firstLine, col: 1, msg: fmt.Sprintf(tooDeepTOML, maxDepth)}}
	}
	var m map[string]any
	if _, err := toml.Decode(string(src), &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line := max(pe.Position.Line, 1)
			col := 1
			if pe.Position.Start > 0 && pe.Position.Start <= len(src) {
				lineStart := strings.LastIndexByte(string(src[:pe.Position.Start]), '\n') + 1
				col = utf8.RuneCount(src[lineStart:pe.Position.Start]) + 1
			}
			if strings.Contains(pe.Message, "cannot contain newlines") {
				// Point at the quote that opens the string, not at its end.
				if l := strings.Split(string(src), "\n"); line <= len(l) {
					if eq := strings.IndexByte(l[line-1], '='); eq >= 0 {
						if q := strings.IndexAny(l[line-1][eq:], "\"'"); q >= 0 {
							col = utf8.RuneCountInString(l[line-1][:eq+q]) + 1
						}
					}
				}
			}
			f := explainTOML(strings.Split(string(src), "\n"), line, col, pe.Message)
			return nil, []*posError{{line: firstLine + f.line - 1, col: f.col, msg: f.msg}}
		}
		f := explainTOML(strings.Split(string(src), "\n"), 1, 1, err.Error())
		return nil, []*posError{{line: firstLine, col: 1, msg: f.msg}}
	}
	t := &tomlScanner{src: string(src), firstLine: firstLine, keys: map[string]int{}, vals: map[string]int{}, aot: map[string]int{}}
	t.scan()
	c := &tomlConverter{t: t}
	n := c.convert(m, "", 0, 0)
	if c.fatal != nil {
		return nil, []*posError{c.fatal}
	}
	return n, nil
}

// tomlScanner finds where the keys and values of a valid TOML text are
// written, in one pass: the TOML decoder keeps no positions. Paths join
// keys with tomlSep; an array item is the segment "[i]".
type tomlScanner struct {
	src       string
	i         int
	firstLine int
	keys      map[string]int                // path -> offset of its key
	vals      map[string]int                // path -> offset of its value
	aot       map[string]int                // array-of-tables path -> items so far
	breaks    []int                         // offsets of the line breaks, once pos is asked
	last      struct{ start, off, col int } // pos's last answer
}

const tomlSep = "\x00"

func joinPath(prefix, seg string) string {
	if prefix == "" {
		return seg
	}
	return prefix + tomlSep + seg
}

func itemSeg(i int) string { return "[" + strconv.Itoa(i) + "]" }

// pos converts a byte offset into a file line and character column.
// Lines are found by a binary search, and a column is counted on from the
// last one asked for when it is on the same line and not before it, as
// the values of a line are: a line of many values is counted once, not
// once per value.
func (t *tomlScanner) pos(off int) (int, int) {
	off = max(0, min(off, len(t.src)))
	if t.breaks == nil {
		t.breaks = []int{}
		for i := 0; i < len(t.src); i++ {
			if t.src[i] == '\n' {
				t.breaks = append(t.breaks, i)
			}
		}
	}
	n, _ := slices.BinarySearch(t.breaks, off) // line breaks before off
	start := 0
	if n > 0 {
		start = t.breaks[n-1] + 1
	}
	from, col := start, 1
	if t.last.col > 0 && t.last.start == start && t.last.off <= off {
		from, col = t.last.off, t.last.col
	}
	col += utf8.RuneCountInString(t.src[from:off])
	t.last.start, t.last.off, t.last.col = start, off, col
	return t.firstLine + n, col
}

func (t *tomlScanner) peek(s string) bool { return strings.HasPrefix(t.src[t.i:], s) }

// skipSpace skips blanks, and newlines and comments too when nl is set.
func (t *tomlScanner) skipSpace(nl bool) {
	for t.i < len(t.src) {
		switch c := t.src[t.i]; {
		case c == ' ' || c == '\t':
			t.i++
		case nl && (c == '\n' || c == '\r'):
			t.i++
		case nl && c == '#':
			for t.i < len(t.src) && t.src[t.i] != '\n' {
				t.i++
			}
		default:
			return
		}
	}
}

func (t *tomlScanner) scan() {
	prefix := ""
	for {
		t.skipSpace(true)
		if t.i >= len(t.src) {
			return
		}
		before := t.i
		switch {
		case t.peek("[["):
			t.i += 2
			segs, starts := t.keyPath()
			if len(segs) == 0 {
				return
			}
			p := t.resolve(segs[:len(segs)-1])
			p = joinPath(p, segs[len(segs)-1])
			if _, ok := t.keys[p]; !ok {
				t.keys[p] = starts[len(starts)-1]
			}
			n := t.aot[p]
			t.aot[p] = n + 1
			prefix = joinPath(p, itemSeg(n))
			t.vals[prefix] = starts[len(starts)-1]
		case t.peek("["):
			t.i++
			segs, starts := t.keyPath()
			if len(segs) == 0 {
				return
			}
			prefix = t.resolve(segs)
			if _, ok := t.keys[prefix]; !ok {
				t.keys[prefix] = starts[len(starts)-1]
				t.vals[prefix] = starts[len(starts)-1]
			}
		default:
			t.keyValue(prefix)
		}
		// The rest of the line is a closing bracket, blanks or a comment.
		for t.i < len(t.src) && t.src[t.i] != '\n' {
			t.i++
		}
		if t.i == before {
			t.i++
		}
	}
}

// resolve turns a table header's keys into a path, entering the last item
// of each array of tables on the way.
func (t *tomlScanner) resolve(segs []string) string {
	p := ""
	for _, s := range segs {
		p = joinPath(p, s)
		if n, ok := t.aot[p]; ok && n > 0 {
			p = joinPath(p, itemSeg(n-1))
		}
	}
	return p
}

// keyPath reads a dotted key, returning its parts and their offsets.
func (t *tomlScanner) keyPath() ([]string, []int) {
	var segs []string
	var starts []int
	for t.i < len(t.src) {
		t.skipSpace(false)
		if t.i >= len(t.src) {
			break
		}
		start := t.i
		var seg string
		switch t.src[t.i] {
		case '"', '\'':
			raw := t.str()
			seg = raw
			if raw[0] == '"' {
				if u, err := strconv.Unquote(raw); err == nil {
					seg = u
				} else {
					seg = strings.Trim(raw, `"`)
				}
			} else {
				seg = strings.Trim(raw, "'")
			}
		default:
			j := t.i
			for j < len(t.src) && isBareKey(t.src[j]) {
				j++
			}
			if j == t.i {
				return segs, starts
			}
			seg = t.src[t.i:j]
			t.i = j
		}
		segs = append(segs, seg)
		starts = append(starts, start)
		t.skipSpace(false)
		if t.i < len(t.src) && t.src[t.i] == '.' {
			t.i++
			continue
		}
		break
	}
	return segs, starts
}

func isBareKey(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// keyValue reads key = value.
func (t *tomlScanner) keyValue(prefix string) {
	segs, starts := t.keyPath()
	if len(segs) == 0 {
		return
	}
	p := prefix
	for k, s := range segs {
		p = joinPath(p, s)
		if _, ok := t.keys[p]; !ok {
			t.keys[p] = starts[k]
		}
	}
	t.skipSpace(false)
	if t.i < len(t.src) && t.src[t.i] == '=' {
		t.i++
	}
	t.skipSpace(false)
	t.value(p, 0)
}

// value reads one value at path p.
func (t *tomlScanner) value(p string, depth int) {
	if t.i >= len(t.src) || depth > maxDepth {
		return
	}
	t.vals[p] = t.i
	switch t.src[t.i] {
	case '"', '\'':
		t.str()
	case '[':
		t.i++
		for n := 0; ; n++ {
			t.skipSpace(true)
			if t.i >= len(t.src) {
				return
			}
			if t.src[t.i] == ']' {
				t.i++
				return
			}
			before := t.i
			t.value(joinPath(p, itemSeg(n)), depth+1)
			t.skipSpace(true)
			if t.i < len(t.src) && t.src[t.i] == ',' {
				t.i++
			}
			if t.i == before {
				t.i++
			}
		}
	case '{':
		t.i++
		for {
			t.skipSpace(true)
			if t.i >= len(t.src) {
				return
			}
			if t.src[t.i] == '}' {
				t.i++
				return
			}
			before := t.i
			t.keyValue(p)
			t.skipSpace(true)
			if t.i < len(t.src) && t.src[t.i] == ',' {
				t.i++
			}
			if t.i == before {
				t.i++
			}
		}
	default:
		for t.i < len(t.src) && !strings.ContainsRune(",]}\n#", rune(t.src[t.i])) {
			t.i++
		}
	}
}

// str reads a string of any of TOML's four kinds and returns its source.
func (t *tomlScanner) str() string {
	start := t.i
	q := t.src[t.i : t.i+1]
	if t.peek(q + q + q) {
		t.i += 3
		end := strings.Index(t.src[t.i:], q+q+q)
		if end < 0 {
			t.i = len(t.src)
			return t.src[start:]
		}
		t.i += end + 3
		for t.i < len(t.src) && t.src[t.i:t.i+1] == q { // up to two quotes may end the text
			t.i++
		}
		return t.src[start:t.i]
	}
	t.i++
	for t.i < len(t.src) {
		c := t.src[t.i]
		switch {
		case c == '\\' && q == `"`:
			t.i += 2
			continue
		case c == '\n':
			return t.src[start:t.i]
		case c == q[0]:
			t.i++
			return t.src[start:t.i]
		}
		t.i++
	}
	t.i = min(t.i, len(t.src))
	return t.src[start:t.i]
}

// tomlConverter turns decoded TOML into nodes at the scanned positions.
type tomlConverter struct {
	t     *tomlScanner
	count int
	fatal *posError
}

func (c *tomlConverter) convert(v any, p string, off, depth int) *node {
	if o, ok := c.t.vals[p]; ok {
		off = o
	}
	line, col := c.t.pos(off)
	n := &node{line: line, col: col}
	c.count++
	if c.fatal == nil {
		msg := ""
		switch v := v.(type) {
		case map[string]any:
			if len(v) > maxNodes {
				msg = fmt.Sprintf(tooManyKeys, thousands(maxNodes))
			}
		case []map[string]any:
			if len(v) > maxNodes {
				msg = fmt.Sprintf(tooManyItems, thousands(maxNodes))
			}
		case []any:
			if len(v) > maxNodes {
				msg = fmt.Sprintf(tooManyItems, thousands(maxNodes))
			}
		}
		switch {
		case depth > maxDepth:
			msg = fmt.Sprintf(tooDeepTOML, maxDepth)
		case msg == "" && c.count > maxNodes:
			msg = fmt.Sprintf(tooManyAll, thousands(maxNodes))
		}
		if msg != "" {
			c.fatal = &posError{line: line, col: col, msg: msg}
		}
	}
	if c.fatal != nil {
		n.kind, n.typ = scalarNode, "null"
		return n
	}
	switch v := v.(type) {
	case map[string]any:
		n.kind = mapNode
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		at := func(k string) int {
			if o, ok := c.t.keys[joinPath(p, k)]; ok {
				return o
			}
			return len(c.t.src)
		}
		slices.SortFunc(keys, func(a, b string) int {
			if d := at(a) - at(b); d != 0 {
				return d
			}
			return strings.Compare(a, b)
		})
		for _, k := range keys {
			koff := off
			if o, ok := c.t.keys[joinPath(p, k)]; ok {
				koff = o
			}
			kl, kc := c.t.pos(koff)
			n.keys = append(n.keys, &node{kind: scalarNode, value: k, typ: "str", line: kl, col: kc})
			n.vals = append(n.vals, c.convert(v[k], joinPath(p, k), koff, depth+1))
		}
	case []map[string]any:
		n.kind = seqNode
		for i, item := range v {
			n.vals = append(n.vals, c.convert(item, joinPath(p, itemSeg(i)), off, depth+1))
		}
	case []any:
		n.kind = seqNode
		for i, item := range v {
			n.vals = append(n.vals, c.convert(item, joinPath(p, itemSeg(i)), off, depth+1))
		}
	default:
		n.kind = scalarNode
		n.value = scalarText(v)
		switch v.(type) {
		case string:
			n.typ = "str"
		case int64:
			n.typ = "int"
		case float64:
			n.typ = "float"
		case bool:
			n.typ = "bool"
		case time.Time:
			n.typ = "date"
		default:
			n.typ = "str"
		}
	}
	return n
}

func scalarText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case time.Time:
		if v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 && v.Nanosecond() == 0 {
			return v.Format(time.DateOnly)
		}
		return v.Format(time.RFC3339)
	case fmt.Stringer:
		return v.String()
	}
	return fmt.Sprint(v)
}
