// Package ids is the one place that names the ids of a case study's
// elements in the printed book (the case study itself, a heading in it, a
// footnote in it), shared by every case study on one page; the path of
// its page on the site is internal/paths's. The Markdown renderer
// writes the book's ids with these prefixes, and the book, the EPUB and
// link checking find them with the same functions.
package ids

import "strings"

// CaseStudy is the book's id of a case study: its chapter.
func CaseStudy(slug string) string { return caseStudyPrefix + slug }

const caseStudyPrefix = "cs-"

// HeadingPrefix starts the book's id of each heading of the case study
// slug: the heading "plan" of "oak" is "oak--plan".
func HeadingPrefix(slug string) string { return slug + "--" }

// FootnotePrefix starts the book's id of each footnote of the case study
// slug, and of each reference to one: "oak-fn:1", "oak-fnref:1".
func FootnotePrefix(slug string) string { return slug + "-" }

// Heading is the book's id of the heading id of the case study slug.
func Heading(slug, id string) string { return HeadingPrefix(slug) + id }

// Footnote is the book's id of the footnote id ("fn:1") of the case
// study slug.
func Footnote(slug, id string) string { return FootnotePrefix(slug) + id }

// Book is the book's id that a link to the case study slug, at the
// fragment frag ("" for the case study itself), goes to: its chapter, one
// of its footnotes or one of its headings.
func Book(slug, frag string) string {
	switch {
	case frag == "":
		return CaseStudy(slug)
	case IsFootnote(frag):
		return Footnote(slug, frag)
	default:
		return Heading(slug, frag)
	}
}

// IsFootnote reports whether id is the id of a footnote or of a
// reference to one, as the Markdown converter writes them on a site page:
// "fn:1" for the note, "fnref:1", "fnref2:1" and so on for the references.
func IsFootnote(id string) bool {
	rest, ok := strings.CutPrefix(id, "fn")
	if !ok {
		return false
	}
	if r, ok := strings.CutPrefix(rest, "ref"); ok {
		rest = trimDigits(r)
	}
	n, ok := strings.CutPrefix(rest, ":")
	return ok && n != "" && trimDigits(n) == ""
}

func trimDigits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[i:]
}
