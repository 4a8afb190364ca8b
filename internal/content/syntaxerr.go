package content

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// This file turns what the YAML and TOML parsers say about a text they
// cannot read ("mapping values are not allowed in this context", "found
// character that cannot start any token") into what a teacher can act on:
// what is wrong on which line, in plain words, and what to type instead.
// The parser's message decides little; the text of the lines decides
// most, since the parsers often report the line before or after the
// mistake, and a message can then name the field and show the fix.

// yamlFault is a syntax mistake at a line and column (1-based) of the
// text that was parsed.
type yamlFault struct {
	line, col int
	msg       string
}

// yamlLine is one line of YAML as a person reads it.
type yamlLine struct {
	text    string
	indent  int    // spaces before the first character
	blank   bool   // empty, spaces only, or a comment
	dash    bool   // a list item: the line starts with "-" and a space, or is "-"
	at      int    // byte index of what follows the indent and any "- "
	key     string // the field name, when the line is key: value
	value   string // the value after "key: ", or the item after "- ", trimmed
	valueAt int    // byte index of value
}

// readYAMLLine splits text into indent, dash, key and value.
func readYAMLLine(text string) yamlLine {
	l := yamlLine{text: text}
	for l.indent < len(text) && text[l.indent] == ' ' {
		l.indent++
	}
	rest := text[l.indent:]
	if strings.TrimSpace(rest) == "" || rest[0] == '#' {
		l.blank = true
		return l
	}
	l.at = l.indent
	if rest == "-" || strings.HasPrefix(rest, "- ") {
		l.dash = true
		l.at++
		for l.at < len(text) && text[l.at] == ' ' {
			l.at++
		}
	}
	body := text[l.at:]
	if i := keyColon(body); i > 0 {
		l.key = strings.TrimRight(body[:i], " ")
		l.valueAt = l.at + i + 1
	} else {
		l.valueAt = l.at
	}
	for l.valueAt < len(text) && (text[l.valueAt] == ' ' || text[l.valueAt] == '\t') {
		l.valueAt++
	}
	l.value = strings.TrimRight(text[l.valueAt:], " \t")
	return l
}

// keyColon returns the index of the colon that ends a field name at the
// start of s (a colon followed by a blank or the end of the line, before
// any quote or bracket), or -1.
func keyColon(s string) int {
	if s == "" || strings.ContainsRune("\"'[{#&*!|>%@`“‘", []rune(s)[0]) {
		return -1
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ':':
			if i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\t' {
				return i
			}
		case '#':
			if i > 0 && s[i-1] == ' ' {
				return -1
			}
		}
	}
	return -1
}

// col is the 1-based character column of byte index i of text.
func col(text string, i int) int { return utf8.RuneCountInString(text[:min(i, len(text))]) + 1 }

// the names a field in a sentence: "the title", "the value of base_url".
func the(key string) string {
	if key == "" {
		return "the value"
	}
	for _, r := range key {
		if (r < 'a' || r > 'z') && r != '-' && r != '_' {
			return fmt.Sprintf("the value of %q", key)
		}
	}
	if strings.HasSuffix(key, "s") {
		return "the list of " + key
	}
	if strings.ContainsAny(key, "-_") {
		return "the value of " + key
	}
	return "the " + key
}

// example shortens a value quoted back in a message.
func example(v string) string {
	if utf8.RuneCountInString(v) > 60 {
		return string([]rune(v)[:50]) + "…"
	}
	return v
}

// yamlQuote writes v as a quoted YAML value: in double quotes unless it
// holds one and no apostrophe.
func yamlQuote(v string) string {
	v = example(v)
	if strings.Contains(v, `"`) && !strings.Contains(v, "'") {
		return "'" + v + "'"
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v) + `"`
}

// fieldExample is key: value as a fix to type, for a line l.
func fieldExample(l yamlLine, value string) string {
	switch {
	case l.key != "":
		return l.key + ": " + value
	case l.dash:
		return "- " + value
	}
	return value
}

// explainYAML explains a YAML syntax error that the parser reported at
// line and col (1-based, of lines) with message msg. frontMatter says the
// text is the front matter of a Markdown file.
func explainYAML(lines []string, line, col int, msg string, frontMatter bool) yamlFault {
	ls := make([]yamlLine, len(lines))
	for i, t := range lines {
		ls[i] = readYAMLLine(t)
	}
	if strings.Contains(msg, "max depth") {
		return yamlFault{line, col, fmt.Sprintf(tooDeepYAML, maxDepth)}
	}
	if f, ok := tabFault(lines, line); ok {
		return f
	}
	if line >= 1 && line <= len(ls) {
		if f, ok := lineFault(ls[line-1], line, col, msg, true); ok {
			return f
		}
	}
	for i := 0; i < len(ls) && i < line; i++ {
		if f, ok := lineFault(ls[i], i+1, 0, "", false); ok {
			return f
		}
	}
	if f, ok := structureFault(ls, frontMatter); ok {
		return f
	}
	if strings.Contains(msg, "anchor") || strings.Contains(msg, "alias") {
		for i, l := range ls {
			if strings.HasPrefix(l.value, "*") {
				if f, ok := lineFault(l, i+1, 0, msg, true); ok {
					return f
				}
			}
		}
		return yamlFault{line, col, "a value here starts with * or &, which YAML reads as a reference to another value: put the value in double quotes"}
	}
	return yamlFault{line, col, "YAML cannot read this line: write each field as name: value, with a space after the colon, start the fields of one level in the same column, and put a value in double quotes if it has a colon or a quote in it"}
}

// tabFault finds a tab in the indentation of a line up to line+1: YAML
// never allows one there.
func tabFault(lines []string, line int) (yamlFault, bool) {
	for i := 0; i < len(lines) && i <= line; i++ {
		t := lines[i]
		lead := len(t) - len(strings.TrimLeft(t, " \t"))
		if j := strings.IndexByte(t[:lead], '\t'); j >= 0 && lead < len(t) {
			return yamlFault{i + 1, col(t, j), "this line is indented with a tab, which YAML does not allow: indent it with spaces instead (two for each level)"}, true
		}
	}
	return yamlFault{}, false
}

// doubleCommaRE matches two commas with nothing but blanks between them.
var doubleCommaRE = regexp.MustCompile(`,\s*,`)

// yamlEscapes are the characters YAML allows after a backslash in double quotes.
const yamlEscapes = "0abtnvfre \"/\\N_LPxuU\t"

// lineFault finds a mistake that the text of one line shows. reported
// says the parser reported this line; the mistakes found on other lines
// are those that are always mistakes.
func lineFault(l yamlLine, line, pcol int, msg string, reported bool) (yamlFault, bool) {
	if l.blank {
		return yamlFault{}, false
	}
	t, v := l.text, l.value
	at := func(i int) int { return col(t, i) }
	if m := missingSpaceRE.FindStringIndex(t); m != nil && l.key == "" {
		k := strings.IndexByte(t[m[0]:], ':') + m[0]
		key := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t[:k]), "- "))
		return yamlFault{line, at(k + 1), fmt.Sprintf("there is no space after the colon of %q: put one, as in %s: %s", key, key, example(strings.TrimSpace(t[k+1:])))}, true
	}
	if v == "" {
		return yamlFault{}, false
	}
	vcol := at(l.valueAt)
	what := the(l.key)
	switch {
	case l.key == "" && l.dash:
		what = "this list item"
	case l.key == "":
		what = "this line"
	}
	switch q := v[0]; q {
	case '"', '\'':
		end := closingQuote(v, q)
		if end < 0 {
			return yamlFault{line, vcol, fmt.Sprintf("%s starts with a quote (%c) but the line does not end with one: add %c at the end, as in %s", what, q, q, fieldExample(l, string(q)+example(v[1:])+string(q)))}, true
		}
		if rest := strings.TrimSpace(v[end+1:]); rest != "" && !strings.HasPrefix(rest, "#") {
			if inner := v[1 : len(v)-1]; q == '\'' && v[len(v)-1] == q && !strings.Contains(inner, `"`) {
				return yamlFault{line, vcol, fmt.Sprintf("%s is in single quotes and has an apostrophe in it, which YAML takes as the closing quote: put it in double quotes instead, as in %s", what, fieldExample(l, yamlQuote(inner)))}, true
			}
			return yamlFault{line, vcol, fmt.Sprintf("%s starts with a quote, so YAML ends it at the next quote, but more text follows: put the whole of it in quotes, as in %s", what, fieldExample(l, yamlQuote(v)))}, true
		}
		if q == '"' {
			for i := 1; i < end; i++ {
				if v[i] == '\\' {
					if i+1 < end && !strings.ContainsRune(yamlEscapes, rune(v[i+1])) {
						return yamlFault{line, vcol, fmt.Sprintf(`%s is in double quotes and has a backslash (\) in it, which YAML reads as the start of a special character: write \\ for each backslash, or put the value in single quotes instead`, what)}, true
					}
					i++
				}
			}
		}
		return yamlFault{}, false
	case '[', '{':
		closer := byte(']')
		kind, whose := "list", what
		if q == '{' {
			closer, kind = '}', "group of fields"
		} else if l.key != "" && !strings.HasPrefix(what, "the list of") {
			whose = "the list of " + l.key
		}
		end := closingBracket(v)
		if end < 0 {
			if !reported {
				return yamlFault{}, false
			}
			if i, ok := openQuote(v); ok {
				item := v[i:]
				if j := strings.IndexAny(item, ",]}"); j > 0 {
					item = item[:j]
				}
				item = strings.TrimSpace(item)
				return yamlFault{line, vcol + utf8.RuneCountInString(v[:i]), fmt.Sprintf("the quote (%c) opened here is never closed: add %c at the end of the text it begins, as in %s%c", v[i], v[i], example(item), v[i])}, true
			}
			fix := ""
			if strings.Count(v, "[")+strings.Count(v, "{") == 1 {
				fix = ", as in " + fieldExample(l, strings.TrimRight(example(v), ", ")+string(closer))
			}
			return yamlFault{line, vcol, fmt.Sprintf("%s opens with %c but does not close: end it with %c on the same line%s", whose, q, closer, fix)}, true
		}
		if rest := strings.TrimSpace(v[end+1:]); rest != "" && !strings.HasPrefix(rest, "#") {
			return yamlFault{line, vcol, fmt.Sprintf("%s starts with %c, so YAML reads it as a %s: put the whole of it in double quotes, as in %s", what, q, kind, fieldExample(l, yamlQuote(v)))}, true
		}
		if q == '[' && doubleCommaRE.MatchString(v[:end]) {
			return yamlFault{line, vcol + strings.Index(v, ","), fmt.Sprintf("%s has two commas with nothing between them: take one out", whose)}, true
		}
		return yamlFault{}, false
	case '@', '`', '%', '*', '&', '!', '|', '>':
		if (q == '|' || q == '>') && (strings.TrimLeft(v[1:], "+-0123456789 ") == "" || strings.HasPrefix(strings.TrimLeft(v[1:], "+-0123456789 "), "#")) {
			return yamlFault{}, false // a block of text follows
		}
		if (q == '!' || q == '*' || q == '&') && !reported || q == '&' && len(v) > 1 && v[1] != ' ' {
			return yamlFault{}, false
		}
		why := "which YAML does not allow at the start of a value"
		switch q {
		case '*', '&':
			why = "which YAML reads as a reference to another value"
		case '|', '>':
			why = "which YAML reads as the start of a block of text on the lines below"
		}
		return yamlFault{line, vcol, fmt.Sprintf("%s starts with %c, %s: put the whole of it in double quotes, as in %s", what, q, why, fieldExample(l, yamlQuote(v)))}, true
	case '-':
		if reported && (v == "-" || strings.HasPrefix(v, "- ")) && l.key != "" {
			return yamlFault{line, vcol, fmt.Sprintf("%s starts with \"- \", which YAML reads as a list: put the whole of it in double quotes, as in %s", what, fieldExample(l, yamlQuote(v)))}, true
		}
	}
	plain := v
	if i := strings.Index(plain, " #"); i >= 0 {
		plain = strings.TrimSpace(plain[:i])
	}
	if strings.Contains(plain, ": ") || strings.HasSuffix(plain, ":") || strings.Contains(plain, ":\t") {
		if r, _ := utf8.DecodeRuneInString(plain); strings.ContainsRune("“”‘’„«", r) {
			inner := strings.Trim(plain, "“”‘’„«»")
			return yamlFault{line, vcol, fmt.Sprintf("%s is in curly quotes %s, as word processors write them, which YAML does not take as quotes, so the colon in it starts a new field: type straight quotes instead, as in %s", what, curlyPair(r), fieldExample(l, yamlQuote(inner)))}, true
		}
		if l.key == "" {
			// "- Jane: Head of English" is a valid field; only a colon
			// after a field's value is a mistake here.
			return yamlFault{}, false
		}
		return yamlFault{line, vcol, fmt.Sprintf("%s has a colon in it, so YAML reads it as a new field: put the whole of it in double quotes, as in %s", what, fieldExample(l, yamlQuote(plain)))}, true
	}
	return yamlFault{}, false
}

// curlyPair names the curly quotes that r opens.
func curlyPair(r rune) string {
	switch r {
	case '‘', '’':
		return "‘ ’"
	case '„':
		return "„ “"
	case '«':
		return "« »"
	}
	return "“ ”"
}

// closingQuote returns the index in v of the quote that closes the quoted
// value v[0] opens, or -1.
func closingQuote(v string, q byte) int {
	for i := 1; i < len(v); i++ {
		switch {
		case q == '"' && v[i] == '\\':
			i++
		case v[i] == q && q == '\'' && i+1 < len(v) && v[i+1] == '\'':
			i++
		case v[i] == q:
			return i
		}
	}
	return -1
}

// openQuote returns the index of a quote in v that is never closed,
// outside quotes that are.
func openQuote(v string) (int, bool) {
	for i := 0; i < len(v); i++ {
		if c := v[i]; (c == '"' || c == '\'') && (i == 0 || strings.IndexByte(" [{,", v[i-1]) >= 0) {
			end := closingQuote(v[i:], c)
			if end < 0 {
				return i, true
			}
			i += end
		}
	}
	return 0, false
}

// closingBracket returns the index in v of the bracket that closes the
// one v[0] opens, skipping quoted text, or -1.
func closingBracket(v string) int {
	depth := 0
	quote := byte(0)
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// level is a list or a group of fields open at a column, as
// structureFault reads the lines.
type level struct {
	indent int
	seq    bool
	key    string // a group's first field; a list's field, the one it is the value of
	line   int    // where it starts, 0-based
}

// structureFault reads the lines' indentation as YAML does, roughly, and
// finds the first line that does not fit: a field indented more or less
// than those around it, a list item where a field is expected, text that
// is not a field.
func structureFault(ls []yamlLine, frontMatter bool) (yamlFault, bool) {
	var stack []level
	prev := -1    // the last line that is not blank
	heading := -1 // a Markdown heading, read by YAML as a comment
	blankBefore := false
	plural := func(n int) string {
		if n == 1 {
			return "1 space"
		}
		return fmt.Sprintf("%d spaces", n)
	}
	for i := 0; i < len(ls); i++ {
		l := ls[i]
		if l.blank {
			if frontMatter && heading < 0 && l.indent == 0 && blankBefore && isHeading(l.text) {
				heading = i
			}
			blankBefore = blankBefore || strings.TrimSpace(l.text) == ""
			continue
		}
		gap := blankBefore || (prev >= 0 && prev != i-1)
		blankBefore = false
		fault := func(msg string, args ...any) (yamlFault, bool) {
			return yamlFault{i + 1, l.indent + 1, fmt.Sprintf(msg, args...)}, true
		}
		name := l.key
		if name == "" {
			name = strings.TrimSpace(l.text)
		}
		if len(stack) == 0 {
			stack = append(stack, level{indent: l.indent, seq: l.dash, key: l.key, line: i})
		} else {
			var popped *level
			for len(stack) > 0 && stack[len(stack)-1].indent > l.indent {
				p := stack[len(stack)-1]
				popped = &p
				stack = stack[:len(stack)-1]
			}
			p := ls[prev]
			opens := p.key != "" && p.value == "" || p.dash && p.key == "" && p.value == ""
			switch {
			case len(stack) == 0 || stack[len(stack)-1].indent < l.indent:
				if popped != nil {
					if l.dash {
						return fault("this list item is indented by %s, but the one above it by %s: start every \"- \" of a list in the same column", plural(l.indent), plural(popped.indent))
					}
					return fault("%q is indented by %s, but %q above it by %s: indent them the same, so that YAML knows which group of fields %q belongs to", name, plural(l.indent), popped.key, plural(popped.indent), name)
				}
				switch {
				case opens:
					stack = append(stack, level{indent: l.indent, seq: l.dash, key: p.key, line: i})
				case l.dash:
					return fault("this list item is under %q, which already has its value on its own line: either write the list there in square brackets, as in %s: [a, b], or leave nothing after %s: and write each item on a line of its own below, starting with \"- \"", p.key, p.key, p.key)
				case l.key != "":
					hint := ""
					if isPlain(p.value) {
						hint = fmt.Sprintf(" (if this line is %s going on, put the whole of it in double quotes)", the(p.key))
					}
					return fault("%q is indented more than %q on the line above, so YAML reads it as part of %s: start it in the same column as %s%s", name, p.key, the(p.key), p.key, hint)
				case !isPlain(p.value) && p.key != "":
					return fault("this line is indented under %q, which already has its value: remove the line or make it a field of its own, as in name: value", p.key)
				}
				// A plain value going on over more lines: YAML allows it.
			default:
				top := stack[len(stack)-1]
				switch {
				case l.dash && !top.seq:
					if opens && p.indent == l.indent {
						stack = append(stack, level{indent: l.indent, seq: true, key: p.key, line: i})
						break
					}
					field := "above it"
					if p.key != "" {
						field = fmt.Sprintf("%q above it", p.key)
					}
					return fault("this line is a list item (\"- \"), but the field %s already has a value: put the item under the field it belongs to, whose line ends with a colon, as in authors:", field)
				case !l.dash && top.seq:
					if len(stack) > 1 && stack[len(stack)-2].indent == top.indent {
						stack = stack[:len(stack)-1] // a list at its field's column ends
						if l.key == "" {
							return notAField(ls, i, prev, gap, heading, frontMatter)
						}
						break
					}
					if l.key != "" {
						item := itemKey(ls, top.indent, i)
						return fault("%q starts under the \"-\" of the list above it, not under %q: indent it by %s, like %s, so that it belongs to the same item", name, item.key, plural(item.indent), item.key)
					}
					return fault("this line is in the list of %s but does not start with \"- \": write it as - %s", top.key, example(strings.TrimSpace(l.text)))
				case !l.dash && l.key == "":
					return notAField(ls, i, prev, gap, heading, frontMatter)
				}
			}
		}
		// A block of text (| or >) takes the lines below that are
		// indented more than its field.
		if v := l.value; v != "" && (v[0] == '|' || v[0] == '>') && strings.TrimLeft(v[1:], "+-0123456789 ") == "" {
			j := i + 1
			for j < len(ls) && strings.TrimSpace(ls[j].text) == "" {
				j++
			}
			if j < len(ls) && ls[j].indent <= l.indent {
				return yamlFault{j + 1, 1, fmt.Sprintf("the text of %s, after %c, must be indented: put two spaces before each of its lines", the(l.key), v[0])}, true
			}
			for j < len(ls) && (strings.TrimSpace(ls[j].text) == "" || ls[j].indent > l.indent) {
				j++
			}
			prev, i = j-1, j-1
			for prev > 0 && strings.TrimSpace(ls[prev].text) == "" {
				prev--
			}
			continue
		}
		// A list in brackets may go on over the lines below.
		if v := l.value; v != "" && (v[0] == '[' || v[0] == '{') && closingBracket(v) < 0 {
			depth := 0
			j := i
			for ; j < len(ls); j++ {
				depth += strings.Count(ls[j].text, "[") + strings.Count(ls[j].text, "{") - strings.Count(ls[j].text, "]") - strings.Count(ls[j].text, "}")
				if depth <= 0 {
					break
				}
			}
			prev, i = min(j, len(ls)-1), min(j, len(ls)-1)
			continue
		}
		if l.dash && l.key != "" {
			stack = append(stack, level{indent: l.at, key: l.key, line: i})
		}
		prev = i
	}
	return yamlFault{}, false
}

// itemKey finds the first field of the last item of the list whose
// dashes are at indent, before line i.
func itemKey(ls []yamlLine, indent, i int) yamlLine {
	for j := i - 1; j >= 0; j-- {
		if ls[j].dash && ls[j].indent == indent {
			return yamlLine{key: ls[j].key, indent: ls[j].at}
		}
	}
	return yamlLine{key: "name", indent: indent + 2}
}

// notAField explains line i, which holds text where a field is expected.
func notAField(ls []yamlLine, i, prev int, gap bool, heading int, frontMatter bool) (yamlFault, bool) {
	l := ls[i]
	if frontMatter && heading >= 0 && heading < i {
		return yamlFault{heading + 1, 1, "this heading is inside the front matter, which has no line --- to close it: add a line --- after the last field, before the text of the case study"}, true
	}
	msg := "this line is not a field: write a field as name: value, with a space after the colon"
	if p := ls[prev]; !gap && p.key != "" && isPlain(p.value) {
		msg = fmt.Sprintf("this line is not a field: if it is %s going on from the line above, indent it by two spaces, or write %s on one line", the(p.key), the(p.key))
	} else if frontMatter {
		msg += "; if the text of the case study starts here, add a line --- above it, to close the front matter"
	}
	return yamlFault{i + 1, l.indent + 1, msg}, true
}

// isHeading reports whether a YAML comment line is a Markdown heading.
func isHeading(t string) bool {
	h := strings.TrimLeft(t, "#")
	return len(t)-len(h) <= 6 && strings.HasPrefix(h, " ") && strings.TrimSpace(h) != ""
}

// isPlain reports whether v is a plain value, one that YAML lets go on
// over the lines below.
func isPlain(v string) bool {
	return v != "" && !strings.ContainsRune("\"'[{|>", rune(v[0]))
}

// explainTOML explains a TOML syntax error that the decoder reported at
// line and col (1-based, of lines) with message msg.
func explainTOML(lines []string, line, col int, msg string) yamlFault {
	text := ""
	if line >= 1 && line <= len(lines) {
		text = lines[line-1]
	}
	key, value, hasEq := strings.Cut(text, "=")
	key, value = strings.TrimSpace(key), strings.TrimSpace(value)
	what := the(key)
	at := func(msg string, args ...any) yamlFault { return yamlFault{line, col, fmt.Sprintf(msg, args...)} }
	vcol := col
	if hasEq {
		i := strings.IndexByte(text, '=') + 1
		for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
			i++
		}
		vcol = utf8.RuneCountInString(text[:i]) + 1
	}
	quoted := func(v string) string { return key + " = " + tomlQuote(v) }
	switch {
	case strings.Contains(msg, "has already been defined"):
		return at("%q is written twice: keep one of them", tomlKey(msg, key))
	case strings.Contains(msg, "but got ':'"):
		k, v, _ := strings.Cut(strings.TrimSpace(text), ":")
		return at("this line is written as YAML (name: value), but between lines of +++ the front matter is TOML: write %s = %s, or use lines of --- instead of +++ around the front matter", strings.TrimSpace(k), tomlQuote(strings.TrimSpace(v)))
	case (strings.Contains(msg, "strings cannot contain newlines") || strings.Contains(msg, "unexpected EOF")) && (!hasEq || value == "" || !strings.ContainsRune(`"'`, rune(value[0]))):
		return at("a quote on this line is never closed: end the text with the same quote it starts with, on the same line")
	case strings.Contains(msg, "strings cannot contain newlines"), strings.Contains(msg, "unexpected EOF"):
		q := value[0]
		return yamlFault{line, vcol, fmt.Sprintf("%s starts with a quote (%c) but the line does not end with one: add %c at the end, as in %s = %c%s%c", what, q, q, key, q, example(strings.TrimLeft(value, `"'`)), q)}
	case strings.Contains(msg, "expected value but found"):
		if r, _ := utf8.DecodeRuneInString(value); strings.ContainsRune("“”‘’„«", r) {
			return yamlFault{line, vcol, fmt.Sprintf("%s is in curly quotes %s, as word processors write them, which TOML does not take as quotes: type straight quotes instead, as in %s", what, curlyPair(r), quoted(strings.Trim(value, "“”‘’„«»")))}
		}
		if strings.HasPrefix(value, "[") {
			items := strings.Split(strings.Trim(value, "[] "), ",")
			for i, it := range items {
				items[i] = tomlQuote(strings.Trim(strings.TrimSpace(it), `"'`))
			}
			return yamlFault{line, vcol, fmt.Sprintf("each item of %s is text, which TOML needs in double quotes: write %s = [%s]", key, key, example(strings.Join(items, ", ")))}
		}
		return yamlFault{line, vcol, fmt.Sprintf("%s is text, which TOML needs in double quotes: write %s", what, quoted(value))}
	case strings.Contains(msg, "array terminator") && strings.Contains(msg, "end of file"):
		return yamlFault{line, vcol, fmt.Sprintf("%s opens with [ but does not close: end it with ], as in %s = %s]", what, key, example(strings.TrimRight(value, ", ")))}
	case strings.Contains(msg, "array terminator"):
		return at("the items of %s must be separated by commas, as in %s = [\"vision\", \"curriculum\"]", key, key)
	case strings.Contains(msg, "invalid datetime"), key == "date" && strings.Contains(msg, "to end with a newline"):
		return yamlFault{line, vcol, fmt.Sprintf("%s must be written as year-month-day, with two digits for the month and the day, as in %s = 2024-06-30", what, key)}
	case strings.Contains(msg, "to end with a newline"):
		if strings.HasPrefix(value, "'") && strings.HasSuffix(value, "'") && len(value) > 1 {
			return yamlFault{line, vcol, fmt.Sprintf("%s is in single quotes and has an apostrophe in it, which TOML takes as the closing quote: put it in double quotes instead, as in %s", what, quoted(value[1:len(value)-1]))}
		}
		return yamlFault{line, vcol, fmt.Sprintf("there is more on this line after %s: put the whole of it in double quotes, as in %s", what, quoted(value))}
	case strings.Contains(msg, "expected '.' or '='"):
		if f := strings.Fields(text); !hasEq && len(f) > 1 {
			v := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(text), f[0]))
			if !strings.HasPrefix(v, `"`) {
				v = tomlQuote(v)
			}
			return at("a field is written as name = value: put = between %q and its value, as in %s = %s", f[0], f[0], example(v))
		} else if strings.Contains(key, " ") {
			return at("the field name %q has a space in it, which TOML does not allow: write the name as one word, as in %s = %s", key, strings.Fields(key)[0], tomlQuote("..."))
		}
		return at("a field is written as name = value, with text in double quotes, as in title = \"Art for all\"")
	case strings.Contains(msg, "invalid escape"):
		return yamlFault{line, vcol, fmt.Sprintf(`%s is in double quotes and has a backslash (\) in it, which TOML reads as the start of a special character: write \\ for each backslash, or put the value in single quotes instead`, what)}
	}
	return at("TOML cannot read this line: write each field as name = value, with text in double quotes, as in title = \"Art for all\"")
}

// tomlKey takes the key out of "Key 'title' has already been defined".
func tomlKey(msg, fallback string) string {
	if _, rest, ok := strings.Cut(msg, "'"); ok {
		if k, _, ok := strings.Cut(rest, "'"); ok {
			return k
		}
	}
	return fallback
}

// tomlQuote writes v as a TOML text value: in double quotes unless it
// holds one and no apostrophe.
func tomlQuote(v string) string {
	if strings.Contains(v, `"`) && !strings.Contains(v, "'") {
		return "'" + example(v) + "'"
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(example(v)) + `"`
}
