package content

import (
	"slices"
	"strings"
)

func (l *loader) loadTaxonomies() []*Taxonomy {
	const file = "taxonomies.yaml"
	if !l.files[file] {
		l.errorf(file, 1, 1, "taxonomies.yaml is missing: the content folder needs one listing the pillars, capitals and other vocabularies")
		return nil
	}
	n := l.yamlFile(file)
	if n == nil {
		return nil
	}
	if n.kind != seqNode {
		l.errorf(file, n.line, n.col, "taxonomies.yaml must be a list of taxonomies, each starting with - id: ..., not %s", n.describe())
		return nil
	}
	var out []*Taxonomy
	ids := map[string]*node{}
	for _, tn := range n.vals {
		f := l.newFields(file, tn, "a taxonomy", tn.line, taxonomyFields)
		tx := &Taxonomy{Multiple: true, byName: map[string]*Term{}}
		id, idNode := f.text("id")
		tx.Title, _ = f.text("title")
		tx.Singular, _ = f.text("singular")
		tx.Description, _ = f.text("description")
		tx.Required = f.boolean("required")
		if f.get("multiple") != nil {
			tx.Multiple = f.boolean("multiple")
		}
		if tx.Singular == "" {
			tx.Singular = tx.Title
		}
		if idNode != nil && id != "" {
			switch {
			case !ValidSlug(id):
				l.errorf(file, idNode.line, idNode.col, "taxonomy id %q must be lower-case letters, digits and hyphens, such as %q", id, Slugify(id))
			case slices.Contains(Reserved, id) || isCaseStudyKey(id):
				l.errorf(file, idNode.line, idNode.col, "taxonomy id %q is taken by buildbook (a front-matter field or an output folder): choose another", id)
			case ids[id] != nil:
				l.errorf(file, idNode.line, idNode.col, "duplicate taxonomy id %q: it is defined twice (first at line %d)", id, ids[id].line)
			default:
				ids[id] = idNode
				tx.ID = id
			}
		}
		tx.Terms = l.loadTerms(file, f, tx)
		if tx.ID != "" {
			out = append(out, tx)
		}
	}
	return out
}

func (l *loader) loadTerms(file string, f *fields, tx *Taxonomy) []*Term {
	tn := f.get("terms")
	if tn == nil {
		f.missing("terms")
		return nil
	}
	if tn.kind != seqNode {
		l.errorf(file, tn.line, tn.col, "terms must be a list, each starting with - id: ..., not %s", tn.describe())
		return nil
	}
	var terms []*Term
	owner := map[string]*Term{} // normalised name -> term
	name := map[string]*node{}  // normalised name -> where it was given
	claim := func(t *Term, s string, at *node, what string) {
		k := normTerm(s)
		if k == "" {
			return
		}
		if o := owner[k]; o != nil && o != t {
			l.errorf(file, at.line, at.col, "%s %q of term %q is already used by term %q (line %d): every id, alias and title must name one term", what, s, t.ID, o.ID, name[k].line)
			return
		}
		owner[k] = t
		name[k] = at
	}
	for _, n := range tn.vals {
		tf := l.newFields(file, n, "a term", n.line, termFields)
		t := &Term{Taxonomy: tx}
		id, idNode := tf.text("id")
		title, titleNode := tf.text("title")
		t.Title = title
		t.Short, _ = tf.text("short")
		t.Number = tf.integer("number")
		t.Abbreviation, _ = tf.text("abbreviation")
		if d := tf.get("description"); d != nil {
			t.Description, _ = tf.text("description")
			t.DescLine = d.line
			if strings.Contains(d.value, "\n") && d.line > 0 {
				// A block scalar's text starts on the line after the key.
				t.DescLine = d.line + 1
			}
		}
		aliases, aliasNodes := tf.strs("aliases")
		if idNode == nil || id == "" {
			continue
		}
		if !ValidSlug(id) {
			l.errorf(file, idNode.line, idNode.col, "term id %q must be lower-case letters, digits and hyphens, such as %q", id, Slugify(id))
			continue
		}
		if o := owner[normTerm(id)]; o != nil && o.ID == id {
			l.errorf(file, idNode.line, idNode.col, "duplicate term id %q: it is defined twice in %s (first at line %d)", id, tx.ID, name[normTerm(id)].line)
			continue
		}
		t.ID = id
		claim(t, id, idNode, "id")
		if titleNode != nil {
			claim(t, title, titleNode, "title")
		}
		for i, a := range aliases {
			claim(t, a, aliasNodes[i], "alias")
		}
		t.Aliases = aliases
		if t.Abbreviation != "" {
			claim(t, t.Abbreviation, tf.get("abbreviation"), "abbreviation")
		}
		terms = append(terms, t)
	}
	for k, t := range owner {
		tx.byName[k] = t
	}
	for _, t := range terms {
		for _, n := range append([]string{t.ID, t.Title, t.Abbreviation}, t.Aliases...) {
			if n != "" {
				tx.names = append(tx.names, termName{n, t})
			}
		}
	}
	return terms
}

// Abbreviation is the term's abbreviation: the abbreviation field, or else
// an alias written in capitals, such as NLE.
func (t *Term) Abbrev() string {
	if t.Abbreviation != "" {
		return t.Abbreviation
	}
	for _, a := range t.Aliases {
		if len(a) >= 2 && len(a) <= 6 && strings.ToUpper(a) == a && strings.ToLower(a) != a {
			return a
		}
	}
	return ""
}
