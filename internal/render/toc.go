package render

import (
	"html"
	"html/template"
	"regexp"
	"strings"
)

// h2Re finds the text's sections in HTML from Markdown: internal/markdown
// gives every heading an id, as <h2 id="...">.
var h2Re = regexp.MustCompile(`<h2 id="([^"]+)">(.*?)</h2>`)

// tagRe is an HTML tag, in a heading's content.
var tagRe = regexp.MustCompile(`<[^>]*>`)

// sections lists the h2 headings of a case study's body, each a link to
// its id, for the page's "On this page" list. A body with fewer than two
// has none: a list of one section helps nobody.
func sections(body template.HTML) []Link {
	ms := h2Re.FindAllStringSubmatch(string(body), -1)
	if len(ms) < 2 {
		return nil
	}
	out := make([]Link, 0, len(ms))
	for _, m := range ms {
		text := strings.TrimSpace(html.UnescapeString(tagRe.ReplaceAllString(m[2], "")))
		if text == "" {
			continue
		}
		out = append(out, Link{Title: text, URL: "#" + html.UnescapeString(m[1])})
	}
	return out
}
