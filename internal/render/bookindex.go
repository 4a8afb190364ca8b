package render

import (
	"bytes"
	"cmp"
	"slices"
	"strings"

	"buildbook/internal/collation"
	"buildbook/internal/content"
	"buildbook/internal/ids"
	"buildbook/internal/index"
)

// The book's index is a subject index, as a publisher prints one: one
// list A to Z, filed by the book's language (internal/collation: "École"
// under E), of every keyword of the book's case studies, every term of a
// taxonomy they are tagged with, their schools (lead and partner), their
// authors and their regions. Each entry gives the pages on which its case
// studies begin, consecutive pages as a range; a term's taxonomy follows
// it where its name does not say it already ("Curriculum (pillar)"), and
// an author files under the surname ("Farouk, Nadia"); an abbreviation is
// a cross-reference to its term ("SLE, see Specialist
// Leader of Education"). Names that differ only in case or spacing are
// one entry.

// bookIndex makes the index of the case studies of parts.
func (m *models) bookIndex(parts []BookPart) *BookIndex {
	type key struct{ name, qualifier string }
	entries := map[key]*IndexEntry{}
	add := func(name, qualifier string, c *content.CaseStudy, partner bool) {
		name = strings.Join(strings.Fields(name), " ")
		if name == "" {
			return
		}
		k := key{strings.ToLower(name), qualifier}
		e := entries[k]
		if e == nil {
			e = &IndexEntry{Name: name, Qualifier: qualifier}
			entries[k] = e
		}
		id := ids.CaseStudy(c.Slug)
		// Case studies come in book order, each with all its subjects,
		// so a second mention of one is the last ref; a school that leads
		// it is not its partner too.
		if n := len(e.Refs); n > 0 && e.Refs[n-1].ID == id {
			e.Refs[n-1].Partner = e.Refs[n-1].Partner && partner
			return
		}
		e.Refs = append(e.Refs, IndexRef{ID: id, Title: c.Title, Partner: partner})
	}
	type see struct{ abbrev, name string }
	var sees []see
	txs := m.in.Site.Taxonomies
	n := 0
	for _, p := range parts {
		for _, ch := range p.Chapters {
			n++
			c := m.in.Site.CaseStudies[ch.cs]
			for _, k := range c.Keywords {
				add(k, "", c, false)
			}
			for ti, tx := range txs {
				if ti >= len(c.Terms) {
					break
				}
				for _, t := range c.Terms[ti] {
					name := t.ShortTitle()
					add(name, termQualifier(tx, name), c, false)
					if a := t.Abbrev(); a != "" && !strings.EqualFold(a, name) {
						sees = append(sees, see{a, name})
					}
				}
			}
			add(c.School, "", c, false)
			for _, p := range c.Partners {
				add(p, "", c, true)
			}
			for _, a := range c.Authors {
				add(invertName(a.Name), "", c, false)
			}
			add(c.Region, "", c, false)
		}
	}
	if n == 0 {
		return nil
	}
	for _, s := range sees {
		k := key{strings.ToLower(s.abbrev), ""}
		if entries[k] == nil {
			entries[k] = &IndexEntry{Name: s.abbrev, See: s.name}
		}
	}

	coll := m.in.Index.Collator
	list := make([]*IndexEntry, 0, len(entries))
	keys := make(map[*IndexEntry][]byte, len(entries))
	for _, e := range entries {
		list = append(list, e)
		keys[e] = coll.Key(index.SortKey(e.Name))
	}
	slices.SortFunc(list, func(a, b *IndexEntry) int {
		return cmp.Or(bytes.Compare(keys[a], keys[b]), cmp.Compare(a.Qualifier, b.Qualifier), cmp.Compare(a.Name, b.Name))
	})
	x := &BookIndex{Mark: Mark{ID: indexID, Title: "Index"}}
	for _, e := range list {
		letter := coll.Letter(index.SortKey(e.Name))
		if n := len(x.Letters); n == 0 || x.Letters[n-1].Letter != letter {
			x.Letters = append(x.Letters, IndexLetter{ID: "index-" + collation.ID(letter), Letter: letter})
		}
		l := &x.Letters[len(x.Letters)-1]
		l.Entries = append(l.Entries, *e)
	}
	return x
}

// termQualifier is what an index entry of a term of tx adds to its name:
// the taxonomy's singular name in lower case ("pillar"), unless the name
// says it already ("Moral capital").
func termQualifier(tx *content.Taxonomy, name string) string {
	q := strings.ToLower(cmp.Or(tx.Singular, tx.Title))
	if strings.Contains(" "+strings.ToLower(name)+" ", " "+q+" ") {
		return ""
	}
	return q
}

// number gives the index's refs the pages their case studies start on,
// from printing, and makes each entry's list of pages.
func (x *BookIndex) number(pages map[string]int) {
	for li := range x.Letters {
		for ei := range x.Letters[li].Entries {
			e := &x.Letters[li].Entries[ei]
			e.Pages = nil
			for ri := range e.Refs {
				r := &e.Refs[ri]
				r.Page = pages[r.ID]
				if r.Page == 0 {
					continue
				}
				if n := len(e.Pages); n > 0 && e.Pages[n-1].Partner == r.Partner && e.Pages[n-1].To+1 == r.Page {
					e.Pages[n-1].To = r.Page
					continue
				}
				e.Pages = append(e.Pages, IndexPages{ID: r.ID, From: r.Page, To: r.Page, Partner: r.Partner})
			}
		}
	}
}

// honorifics are the titles an author's name may start with, which an
// index leaves out.
var honorifics = []string{"dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mx", "prof", "prof.", "professor", "sir", "dame", "rev", "revd", "rev.", "the"}

// invertName is a person's name as an index files it: the surname first,
// "Farouk, Nadia" for "Dr Nadia Farouk", with the lower-case particles
// before it ("van der Berg, Anna"). A name of one word, or one with a
// comma already, is left as it is.
func invertName(name string) string {
	words := strings.Fields(name)
	if len(words) < 2 || strings.Contains(name, ",") {
		return strings.Join(words, " ")
	}
	for len(words) > 2 && slices.Contains(honorifics, strings.ToLower(words[0])) {
		words = words[1:]
	}
	last := len(words) - 1
	for last > 1 && isParticle(words[last-1]) {
		last--
	}
	if last == 0 {
		return strings.Join(words, " ")
	}
	return strings.Join(words[last:], " ") + ", " + strings.Join(words[:last], " ")
}

// isParticle reports whether a word of a name belongs to the surname that
// follows it: a word in lower case, such as van, de or bin.
func isParticle(w string) bool {
	return strings.ToLower(w) == w && strings.ToUpper(w) != w
}
