package render

import (
	"html"
	"html/template"
	"regexp"
	"strings"
)

// tagRe is an HTML tag, in a heading's content.
var tagRe = regexp.MustCompile(`<[^>]*>`)

// sections lists the h2 headings of a case study's body, each a link to
// its id, for the page's "On this page" list. A body with fewer than two
// has none: a list of one section helps nobody.
func sections(body template.HTML) []Link {
	ms := h2s(string(body))
	if len(ms) < 2 {
		return nil
	}
	out := make([]Link, 0, len(ms))
	for _, m := range ms {
		text := m[1]
		if strings.ContainsRune(text, '<') {
			text = tagRe.ReplaceAllString(text, "")
		}
		text = strings.TrimSpace(html.UnescapeString(text))
		if text == "" {
			continue
		}
		out = append(out, Link{Title: text, URL: "#" + html.UnescapeString(m[0])})
	}
	return out
}

// h2s finds the text's sections in HTML from Markdown, where
// internal/markdown gives every heading an id, as <h2 id="...">: the id
// and the content of each h2 written so, on one line, in order. It finds
// what the regular expression `<h2 id="([^"]+)">(.*?)</h2>` would, by
// looking for the tag's text, a few times faster.
func h2s(s string) [][2]string {
	const open, close = `<h2 id="`, `</h2>`
	var out [][2]string
	for {
		i := strings.Index(s, open)
		if i < 0 {
			return out
		}
		// No match can start inside open: it has no other "<".
		s = s[i+len(open):]
		q := strings.IndexByte(s, '"')
		if q <= 0 || !strings.HasPrefix(s[q:], `">`) {
			continue
		}
		id, rest := s[:q], s[q+len(`">`):]
		e := strings.Index(rest, close)
		if e < 0 || strings.IndexByte(rest[:e], '\n') >= 0 {
			continue // the content, as . matches it, ends at a line's end
		}
		out = append(out, [2]string{id, rest[:e]})
		s = rest[e+len(close):]
	}
}
