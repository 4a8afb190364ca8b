package render

import "strings"

// MinifyCSS removes what a browser ignores from a stylesheet: comments,
// and white space where CSS's grammar does not need it. It is careful
// rather than thorough:
//
//   - strings ("...", '...') and url(...) are copied as they are;
//   - a comment is dropped, leaving a space where the text on both sides
//     would otherwise run together into one word;
//   - a run of white space becomes one space, and none is left beside
//     { } ; , or after a colon (a colon followed by white space is never
//     a selector's pseudo-class, so only declarations and media queries
//     lose it);
//   - the last semicolon of a block is dropped;
//   - the value of a custom property (--name: value) is copied as it is,
//     but for the white space around it, which CSS ignores: it is kept
//     token for token, and may be read by script.
//
// White space before a colon, and around > + ~ and operators, is kept:
// "a :hover" and "a:hover" differ, and so do "calc(1px + 2%)" and
// "calc(1px +2%)". The tests compare, in Chromium, the rules that the
// stylesheets make before and after.
func MinifyCSS(src []byte) []byte {
	s := string(src)
	b := make([]byte, 0, len(s))
	space := false // white space seen and not yet written
	last := func() byte {
		if len(b) == 0 {
			return 0
		}
		return b[len(b)-1]
	}
	flush := func(next byte) {
		if space && len(b) > 0 && !strings.ContainsRune("{};,:", rune(last())) && !strings.ContainsRune("{};,", rune(next)) {
			b = append(b, ' ')
		}
		space = false
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				i = len(s)
				continue
			}
			i += 2 + end + 2
			// a/**/b must not become ab.
			if i < len(s) && isWordByte(last()) && isWordByte(s[i]) {
				space = true
			}
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			space = true
			i++
		case c == '"' || c == '\'':
			flush(c)
			j := i + 1
			for j < len(s) && s[j] != c && s[j] != '\n' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j+1, len(s))
			b = append(b, s[i:j]...)
			i = j
		case (c == 'u' || c == 'U') && strings.HasPrefix(strings.ToLower(s[i:min(len(s), i+4)]), "url(") && !isWordByte(last()):
			flush(c)
			j := strings.IndexByte(s[i:], ')')
			if j < 0 {
				j = len(s) - i - 1
			}
			b = append(b, s[i:i+j+1]...)
			i += j + 1
		case c == ':' && customProperty(b):
			b = append(b, c)
			i++
			for i < len(s) && strings.IndexByte(" \t\n\r\f", s[i]) >= 0 {
				i++
			}
			end := valueEnd(s, i)
			b = append(b, strings.TrimRight(s[i:end], " \t\n\r\f")...)
			i = end
			space = false
		case c == '}':
			space = false
			if last() == ';' {
				b = b[:len(b)-1]
			}
			b = append(b, c)
			i++
		default:
			flush(c)
			b = append(b, c)
			i++
		}
	}
	if len(b) > 0 {
		b = append(b, '\n')
	}
	return b
}

// customProperty reports whether the declaration written last in b, up to
// a colon, names a custom property.
func customProperty(b []byte) bool {
	start := 0
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] == '{' || b[i] == ';' || b[i] == '}' {
			start = i + 1
			break
		}
	}
	return strings.HasPrefix(strings.TrimSpace(string(b[start:])), "--")
}

// valueEnd is where the declaration value that starts at s[i] ends: at a
// semicolon or closing brace outside strings and brackets.
func valueEnd(s string, i int) int {
	depth := 0
	for ; i < len(s); i++ {
		switch c := s[i]; c {
		case '"', '\'':
			for i++; i < len(s) && s[i] != c && s[i] != '\n'; i++ {
				if s[i] == '\\' {
					i++
				}
			}
		case '(', '[', '{':
			depth++
		case ')', ']':
			depth--
		case '}':
			if depth == 0 {
				return i
			}
			depth--
		case ';':
			if depth == 0 {
				return i
			}
		}
	}
	return len(s)
}

// isWordByte reports whether c may be part of a CSS identifier or number.
func isWordByte(c byte) bool {
	return c == '-' || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}
