package content

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
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
		return "a mapping"
	}
	if n.typ == "null" {
		return "empty"
	}
	return fmt.Sprintf("%q", n.value)
}

// fromYAML converts a yaml.v3 node, shifting lines by lineOffset.
func fromYAML(y *yaml.Node, lineOffset int) *node {
	for y.Kind == yaml.DocumentNode && len(y.Content) > 0 {
		y = y.Content[0]
	}
	if y.Kind == yaml.AliasNode && y.Alias != nil {
		line, col := y.Line, y.Column
		n := fromYAML(y.Alias, lineOffset)
		n.line, n.col = line+lineOffset, col
		return n
	}
	n := &node{line: y.Line + lineOffset, col: y.Column}
	switch y.Kind {
	case yaml.MappingNode:
		n.kind = mapNode
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
				m := fromYAML(v, lineOffset)
				n.keys = append(n.keys, m.keys...)
				n.vals = append(n.vals, m.vals...)
				continue
			}
			n.keys = append(n.keys, fromYAML(k, lineOffset))
			n.vals = append(n.vals, fromYAML(v, lineOffset))
		}
	case yaml.SequenceNode:
		n.kind = seqNode
		for _, c := range y.Content {
			n.vals = append(n.vals, fromYAML(c, lineOffset))
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
func parseYAML(src []byte, firstLine int) (*node, *posError) {
	var y yaml.Node
	if err := yaml.Unmarshal(src, &y); err != nil {
		msg := err.Error()
		line := firstLine
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			line = firstLine + n - 1
			msg = m[2]
		} else {
			msg = strings.TrimPrefix(msg, "yaml: ")
		}
		return nil, &posError{line: line, col: 1, msg: "YAML syntax error: " + msg + yamlHint(msg)}
	}
	if y.Kind == 0 {
		return &node{kind: mapNode, line: firstLine, col: 1}, nil
	}
	return fromYAML(&y, firstLine-1), nil
}

// yamlHint turns the commonest YAML mistakes into advice.
func yamlHint(msg string) string {
	switch {
	case strings.Contains(msg, "mapping values are not allowed"):
		return ` (a value that contains ": " must be put in quotes, for example title: "Art: for all")`
	case strings.Contains(msg, "found character that cannot start any token"):
		return " (YAML does not allow tabs for indentation: use spaces)"
	case strings.Contains(msg, "did not find expected key"), strings.Contains(msg, "did not find expected '-'"):
		return " (check the indentation of this line and the one before)"
	case strings.Contains(msg, "did not find expected"):
		return " (check for an unclosed quote or bracket)"
	}
	return ""
}

// posError is a message at a line and column of the file being read.
type posError struct {
	line, col int
	msg       string
}

// parseTOML parses TOML text whose first line is line firstLine of the file.
// TOML values carry no positions, so each key and string is found again in
// the text: good enough to point at the right line and usually the column.
func parseTOML(src []byte, firstLine int) (*node, *posError) {
	var m map[string]any
	md, err := toml.Decode(string(src), &m)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line := firstLine + pe.Position.Line - 1
			col := 1
			if pe.Position.Start > 0 && pe.Position.Start <= len(src) {
				lineStart := strings.LastIndexByte(string(src[:pe.Position.Start]), '\n') + 1
				col = pe.Position.Start - lineStart + 1
			}
			return nil, &posError{line: line, col: col, msg: "TOML syntax error: " + pe.Message}
		}
		return nil, &posError{line: firstLine, col: 1, msg: "TOML syntax error: " + err.Error()}
	}
	f := &tomlFinder{src: string(src), firstLine: firstLine}
	order := map[string]int{}
	for i, k := range md.Keys() {
		order[k.String()] = i
	}
	return f.convert(m, "", 0, order), nil
}

type tomlFinder struct {
	src       string
	firstLine int
}

// pos converts a byte offset in src into a file line and column.
func (f *tomlFinder) pos(off int) (int, int) {
	line := f.firstLine + strings.Count(f.src[:off], "\n")
	start := strings.LastIndexByte(f.src[:off], '\n') + 1
	return line, len([]rune(f.src[start:off])) + 1
}

// findKey returns the offset of key's definition at or after from.
func (f *tomlFinder) findKey(key string, from int) int {
	re := regexp.MustCompile(`(?m)^[ \t]*(?:\[\[?[ \t]*)?(?:"` + regexp.QuoteMeta(key) + `"|'` + regexp.QuoteMeta(key) + `'|` + regexp.QuoteMeta(key) + `)[ \t]*(?:=|\]\]?)`)
	if loc := re.FindStringIndex(f.src[from:]); loc != nil {
		off := from + loc[0]
		return off + len(f.src[off:]) - len(strings.TrimLeft(f.src[off:], " \t[")) // skip indent and brackets
	}
	return from
}

// findValue returns the offset of a scalar's text at or after from.
func (f *tomlFinder) findValue(text string, from int) int {
	for _, q := range []string{`"` + text + `"`, `'` + text + `'`, text} {
		if i := strings.Index(f.src[from:], q); i >= 0 {
			return from + i
		}
	}
	return from
}

func (f *tomlFinder) convert(v any, prefix string, off int, order map[string]int) *node {
	line, col := f.pos(off)
	n := &node{line: line, col: col}
	switch v := v.(type) {
	case map[string]any:
		n.kind = mapNode
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b string) int { return order[prefix+a] - order[prefix+b] })
		for _, k := range keys {
			koff := f.findKey(k, off)
			kl, kc := f.pos(koff)
			n.keys = append(n.keys, &node{kind: scalarNode, value: k, typ: "str", line: kl, col: kc})
			voff := koff
			if eq := strings.IndexByte(f.src[koff:], '='); eq >= 0 && !strings.Contains(f.src[koff:koff+eq], "\n") {
				voff = koff + eq + 1
				for voff < len(f.src) && (f.src[voff] == ' ' || f.src[voff] == '\t') {
					voff++
				}
			}
			n.vals = append(n.vals, f.convert(v[k], prefix+k+".", voff, order))
		}
	case []map[string]any:
		n.kind = seqNode
		at := off
		for _, item := range v {
			n.vals = append(n.vals, f.convert(item, prefix, at, order))
			if next := strings.Index(f.src[at+1:], "[["); next >= 0 {
				at = at + 1 + next
			}
		}
	case []any:
		n.kind = seqNode
		at := off
		for _, item := range v {
			at = f.findValue(scalarText(item), at)
			n.vals = append(n.vals, f.convert(item, prefix, at, order))
			at++
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
		if v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 {
			return v.Format(time.DateOnly)
		}
		return v.Format(time.RFC3339)
	case fmt.Stringer:
		return v.String()
	}
	return fmt.Sprint(v)
}
