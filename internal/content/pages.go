package content

import (
	"cmp"
	"io/fs"
	"slices"
	"strings"
)

func (l *loader) loadPages(taxonomies []*Taxonomy, cases []*CaseStudy) []*Page {
	entries, _ := fs.ReadDir(l.fsys, "pages")
	var pages []*Page
	bySlug := map[string]string{}
	for _, e := range entries {
		p := "pages/" + e.Name()
		if ignored(e.Name()) || !l.files[p] || !strings.HasSuffix(p, ".md") {
			continue
		}
		d, ok := l.readDocument(p)
		if !ok {
			// A stand-in, as for a case study that cannot be read.
			d = &document{fm: &node{kind: mapNode}, body: nil, bodyLine: 1}
			d.fm.keys = []*node{{kind: scalarNode, value: "title", typ: "str"}}
			d.fm.vals = []*node{{kind: scalarNode, value: strings.TrimSuffix(e.Name(), ".md"), typ: "str"}}
		}
		d.body = l.checkBody(p, d.body, d.bodyLine)
		f := l.newFields(p, d.fm, "the front matter", d.fmLine, pageFields)
		pg := &Page{File: p, Body: d.body, BodyLine: d.bodyLine, Slug: Slugify(strings.TrimSuffix(e.Name(), ".md"))}
		pg.Title, _ = f.text("title")
		pg.Description, _ = f.text("description")
		pg.Weight = f.integer("weight")
		taken := slices.Contains(Reserved, pg.Slug) || slices.ContainsFunc(taxonomies, func(t *Taxonomy) bool { return t.ID == pg.Slug })
		switch {
		case pg.Slug == "":
			l.errorf(p, 1, 1, "the file name gives no slug: name it with letters or digits, such as about.md")
			continue
		case taken:
			l.errorf(p, 1, 1, "the page slug %q collides with %s: the page would be published at /%s/, which is reserved; rename the file", pg.Slug, takenBy(pg.Slug, taxonomies), pg.Slug)
			continue
		case bySlug[pg.Slug] != "":
			l.errorf(p, 1, 1, "duplicate page slug %q: %s has it too; rename one of the files", pg.Slug, l.opts.Display(bySlug[pg.Slug]))
			continue
		}
		bySlug[pg.Slug] = p
		pages = append(pages, pg)
	}
	slices.SortFunc(pages, func(a, b *Page) int {
		return cmp.Or(cmp.Compare(a.Weight, b.Weight), cmp.Compare(a.Title, b.Title), cmp.Compare(a.Slug, b.Slug))
	})
	return pages
}

func (l *loader) loadEditions(s *Site) []*Edition {
	entries, _ := fs.ReadDir(l.fsys, "editions")
	published := map[string]bool{}
	for _, c := range s.CaseStudies {
		published[c.Slug] = true
	}
	drafts := map[string]bool{}
	for _, c := range s.Drafts {
		drafts[c.Slug] = true
	}
	var slugs []string
	for _, c := range s.CaseStudies {
		slugs = append(slugs, c.Slug)
	}
	var pageSlugs []string
	for _, p := range s.Pages {
		pageSlugs = append(pageSlugs, p.Slug)
	}
	var out []*Edition
	editionFiles := map[string]string{} // id -> file
	for _, e := range entries {
		p := "editions/" + e.Name()
		ext := ""
		for _, x := range []string{".yaml", ".yml"} {
			if strings.HasSuffix(e.Name(), x) {
				ext = x
			}
		}
		if ignored(e.Name()) || !l.files[p] || ext == "" {
			continue
		}
		n := l.yamlFile(p)
		if n == nil {
			continue
		}
		f := l.newFields(p, n, "an edition", 1, editionFields)
		ed := &Edition{File: p, ID: Slugify(strings.TrimSuffix(e.Name(), ext)), PageSize: "A4"}
		switch {
		case ed.ID == "":
			l.errorf(p, 1, 1, "the file name gives no edition id: name it with letters or digits, such as 2024.yaml")
			continue
		case editionFiles[ed.ID] != "":
			l.errorf(p, 1, 1, "editions %s and %s would both be published at /book/%s/: rename one of the files", l.opts.Display(editionFiles[ed.ID]), l.opts.Display(p), ed.ID)
			continue
		}
		editionFiles[ed.ID] = p
		ed.Title, _ = f.text("title")
		ed.Subtitle, _ = f.text("subtitle")
		ed.Description, _ = f.text("description")
		ed.Cover, ed.CoverAt = l.cover(p, f)
		ed.Publisher, _ = f.text("publisher")
		ed.Date = l.date(f, "date")
		if fw, v := f.text("foreword"); v != nil && fw != "" {
			if slices.Contains(pageSlugs, fw) {
				ed.Foreword = fw
			} else {
				l.errorf(p, v.line, v.col, "foreword %q is not a page in pages/%s", fw, l.suggester(p).didYouMean(fw, pageSlugs))
			}
		}
		if ps, v := f.text("page_size"); v != nil {
			i := slices.IndexFunc(PageSizes, func(s string) bool {
				return strings.EqualFold(s, ps) || strings.EqualFold(strings.ReplaceAll(ps, " ", ""), "US"+s)
			})
			if i < 0 {
				l.errorf(p, v.line, v.col, "page_size %q is not one buildbook prints: use %s", ps, quoteList(PageSizes))
			} else {
				ed.PageSize = PageSizes[i]
			}
		}
		if isbn, v := f.text("isbn"); v != nil && isbn != "" {
			if msg := checkISBN(isbn); msg != "" {
				l.errorf(p, v.line, v.col, "isbn %q %s", isbn, msg)
			} else {
				ed.ISBN = isbn
			}
		}
		ed.Open = "right"
		if o, v := f.text("open"); v != nil {
			switch {
			case slices.Contains(f.field("open").Choices, strings.ToLower(o)):
				ed.Open = strings.ToLower(o)
			default:
				l.errorf(p, v.line, v.col, "open %q is not a way to start a case study: write open: right (on a right-hand page) or open: any (on the next page)", o)
			}
		}
		where := map[string]int{} // slug -> line it was first given
		pn := f.get("parts")
		switch {
		case pn == nil:
			f.missing("parts")
		case pn.kind != seqNode:
			l.errorf(p, pn.line, pn.col, "parts must be a list, each starting with - title: ..., not %s", pn.describe())
		case len(pn.vals) == 0:
			l.errorf(p, pn.line, pn.col, "parts is empty: an edition needs at least one part, such as - title: ... case-studies: [slug, ...]")
		default:
			for _, partNode := range pn.vals {
				pf := l.newFields(p, partNode, "a part", partNode.line, partFields)
				var part Part
				part.Title, _ = pf.text("title")
				intro, iv := pf.text("intro")
				if iv != nil {
					part.Intro = intro
					part.IntroLine = iv.line
				}
				list, nodes := pf.strs("case-studies")
				if cs := pf.get("case-studies"); cs == nil {
					pf.missing("case-studies")
				} else if len(list) == 0 && cs.kind == seqNode && len(cs.vals) == 0 {
					l.errorf(p, cs.line, cs.col, "case-studies is empty: name the case studies of this part by their slugs, such as [%s]", strings.Join(firstSlugs(slugs, 2), ", "))
				}
				for i, slug := range list {
					v := nodes[i]
					switch {
					case where[slug] > 0:
						l.errorf(p, v.line, v.col, "case study %q appears twice in this edition (first at line %d): remove the duplicate; a case study may appear once", slug, where[slug])
					case drafts[slug]:
						l.errorf(p, v.line, v.col, "case study %q is a draft: publish it (draft: false) or build with --drafts", slug)
					case !published[slug]:
						l.errorf(p, v.line, v.col, "unknown case study %q%s", slug, l.suggester(p).didYouMean(slug, slugs))
					default:
						where[slug] = v.line
						part.CaseStudies = append(part.CaseStudies, slug)
					}
				}
				ed.Parts = append(ed.Parts, part)
			}
		}
		out = append(out, ed)
	}
	slices.SortFunc(out, func(a, b *Edition) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// firstSlugs returns up to n slugs, for examples.
func firstSlugs(slugs []string, n int) []string {
	if len(slugs) == 0 {
		return []string{"slug-one", "slug-two"}
	}
	return slices.Sorted(slices.Values(slugs))[:min(n, len(slugs))]
}

// takenBy says what uses the output folder slug: a taxonomy's pages or one
// of buildbook's own.
func takenBy(slug string, taxonomies []*Taxonomy) string {
	for _, tx := range taxonomies {
		if tx.ID == slug {
			return "the pages of the taxonomy " + tx.ID
		}
	}
	switch slug {
	case "case-studies":
		return "the list of case studies"
	case "book":
		return "the printable book"
	case "schools":
		return "the list of schools"
	case "search":
		return "the search"
	case "assets":
		return "the site's stylesheets and scripts"
	}
	return "a page buildbook writes"
}
