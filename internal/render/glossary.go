package render

import (
	"bytes"
	"cmp"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"buildbook/internal/content"
	"buildbook/internal/index"
)

// The glossary defines the book's vocabulary as a publisher's glossary
// does, in one list A to Z with each term in bold: every term of
// taxonomies.yaml that a case study of the book is tagged with, with its
// description; each taxonomy it draws on ("Pillar: the nine features that
// great schools share"); and each such term's abbreviation, which refers
// to the term ("SLE, see Specialist Leader of Education").

// Entries have ids with dots, glossary.<taxonomy>.<term>, which no id of
// a case study in the book can be (see bookHTML).

// glossary makes the glossary of the case studies of parts, or nil when
// their terms define nothing.
func (m *models) glossary(parts []BookPart, inBook map[string]bool) *BookGlossary {
	txs := m.in.Site.Taxonomies
	used := make([]map[*content.Term]bool, len(txs))
	for ti := range txs {
		used[ti] = map[*content.Term]bool{}
	}
	for _, p := range parts {
		for _, ch := range p.Chapters {
			c := m.in.Site.CaseStudies[ch.cs]
			for ti := range txs {
				if ti < len(c.Terms) {
					for _, t := range c.Terms[ti] {
						used[ti][t] = true
					}
				}
			}
		}
	}
	g := &BookGlossary{Mark: Mark{ID: glossaryID, Title: "Glossary"}}
	var abbrevs []GlossaryEntry
	for ti, tx := range txs {
		if len(used[ti]) == 0 {
			continue
		}
		if tx.Singular != "" && tx.Description != "" {
			g.Entries = append(g.Entries, GlossaryEntry{
				ID: "glossary." + tx.ID, Term: tx.Singular, Title: tx.Title,
				Definition: template.HTML("<p>" + template.HTMLEscapeString(tx.Description) + "</p>"),
			})
		}
		for _, t := range tx.Terms {
			if !used[ti][t] {
				continue
			}
			var def template.HTML
			if text := definitionText(m.in.TermDescriptions[t]); text != "" {
				def = template.HTML("<p>" + template.HTMLEscapeString(text) + "</p>")
			}
			abbrev := t.Abbrev()
			if def == "" && abbrev == "" {
				continue // nothing to define
			}
			e := GlossaryEntry{ID: "glossary." + tx.ID + "." + t.ID, Term: t.ShortTitle(), Abbrev: abbrev, Kind: tx.Singular, Definition: def}
			if t.Number > 0 && tx.Singular != "" {
				e.Kind += " " + strconv.Itoa(t.Number)
			}
			if t.Title != e.Term {
				e.Title = t.Title
			}
			g.Entries = append(g.Entries, e)
			if abbrev != "" && abbrev != e.Term {
				see := e
				abbrevs = append(abbrevs, GlossaryEntry{ID: e.ID + ".abbr", Term: abbrev, See: &see})
			}
		}
	}
	if len(g.Entries) == 0 {
		return nil
	}
	g.Entries = append(g.Entries, abbrevs...)
	coll := m.in.Index.Collator
	keys := make(map[string][]byte, len(g.Entries))
	for _, e := range g.Entries {
		keys[e.ID] = coll.Key(index.SortKey(e.Term))
	}
	slices.SortStableFunc(g.Entries, func(a, b GlossaryEntry) int {
		return cmp.Or(bytes.Compare(keys[a.ID], keys[b.ID]), cmp.Compare(a.ID, b.ID))
	})
	return g
}

// definitionText is a term's description, as its page shows it, made the
// plain text of a glossary's definition: its words without its footnotes
// (their marks and their notes), tables' scrolling or anything with an
// id, which the glossary would repeat beside the part that prints the
// same description.
func definitionText(h template.HTML) string {
	z := html.NewTokenizer(strings.NewReader(string(h)))
	var b strings.Builder
	skip := 0 // depth inside a footnote mark or the notes
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken:
			name, more := z.TagName()
			var id, class string
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				switch string(k) {
				case "id":
					id = string(v)
				case "class":
					class = string(v)
				}
			}
			switch {
			case voidElements[string(name)]:
				// no end tag follows: the depth stays
			case skip > 0:
				skip++
			case string(name) == "sup" && strings.HasPrefix(id, "fnref"), strings.Contains(" "+class+" ", " footnotes "):
				skip = 1
			}
			if skip == 0 {
				switch string(name) {
				case "p", "li", "td", "th", "dd", "dt", "blockquote", "br":
					b.WriteByte(' ')
				}
			}
		case html.EndTagToken:
			if skip > 0 {
				skip--
			}
		}
	}
}

// voidElements are the HTML elements that have no end tag.
var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}
