package render

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"buildbook/internal/content"
	"buildbook/internal/paths"
)

// Citation is how a case study is cited: its page's "Cite this case
// study" and the files cite.bib and cite.ris beside it.
type Citation struct {
	Authors   string // the authors' names as written: "A. Example, B. Example, & C. Example"
	Year      int
	Title     string
	TitleEnd  string // "." unless the title ends in its own punctuation
	Book      string // the book's title and subtitle
	Publisher string
	URL       string // the page's address, absolute where the base URL is
	BibTeX    string // the address of cite.bib
	RIS       string // the address of cite.ris
}

// Reference is the citation as one line of plain text, in the manner of
// APA: "A. Example & B. Example (2024). Title. In Book. Publisher. URL".
// Names are kept as the case study writes them: inverting them ("Example,
// A.") would guess wrongly at many.
func (c *Citation) Reference() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%d). %s%s In %s.", c.Authors, c.Year, c.Title, c.TitleEnd, c.Book)
	if c.Publisher != "" {
		b.WriteString(" " + strings.TrimSuffix(c.Publisher, ".") + ".")
	}
	b.WriteString(" " + c.URL)
	return b.String()
}

func (m *models) citation(c *content.CaseStudy) *Citation {
	bib, ris := paths.Cite(c.Slug)
	ct := &Citation{
		Authors: joinAuthors(c.Authors), Year: c.Date.Year(), Title: c.Title, TitleEnd: ".",
		Book: m.site.BookTitle(), Publisher: m.site.Publisher,
		URL:    m.site.Absolute(paths.CaseStudy(c.Slug)),
		BibTeX: m.site.Root + bib, RIS: m.site.Root + ris,
	}
	if strings.HasSuffix(c.Title, "?") || strings.HasSuffix(c.Title, "!") || strings.HasSuffix(c.Title, ".") {
		ct.TitleEnd = ""
	}
	return ct
}

// joinAuthors lists names as a reference does: "A", "A & B", "A, B, & C".
func joinAuthors(as []content.Author) string {
	names := make([]string, len(as))
	for i, a := range as {
		names[i] = a.Name
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	case 2:
		return names[0] + " & " + names[1]
	}
	return strings.Join(names[:len(names)-1], ", ") + ", & " + names[len(names)-1]
}

// bibtex writes case study c as a BibTeX @incollection entry: a chapter
// of the book. Text is escaped for LaTeX (braces, ampersands, percent
// signs and the other special characters), accented Latin letters are
// written as LaTeX accents, so that classic BibTeX reads them as well as
// Biber, and the title is braced so that styles keep its capitals. The
// site's copyright and licence are in copyright and license fields, which
// styles leave out of the reference.
func bibtex(c *content.CaseStudy, site *Site, url string) []byte {
	var b strings.Builder
	field := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&b, "  %-9s = {%s},\n", k, v)
		}
	}
	fmt.Fprintf(&b, "@incollection{%s,\n", bibKey(c))
	names := make([]string, len(c.Authors))
	for i, a := range c.Authors {
		names[i] = texEscape(a.Name)
		if strings.Contains(strings.ToLower(" "+a.Name+" "), " and ") {
			names[i] = "{" + names[i] + "}" // one name, not two
		}
	}
	field("author", strings.Join(names, " and "))
	field("title", "{"+texEscape(c.Title)+"}")
	field("booktitle", texEscape(site.BookTitle()))
	field("publisher", texEscape(site.Publisher))
	field("year", strconv.Itoa(c.Date.Year()))
	field("date", c.Date.Format("2006-01-02"))
	field("url", bibURL(url))
	field("language", site.Language)
	field("abstract", texEscape(c.Summary))
	var kw []string
	for _, k := range citeKeywords(c) {
		k = texEscape(k)
		if strings.Contains(k, ",") {
			k = "{" + k + "}" // one keyword, not several
		}
		kw = append(kw, k)
	}
	field("keywords", strings.Join(kw, ", "))
	field("copyright", texEscape(site.Copyright))
	lic := site.Licence
	if site.LicenceURL != "" {
		lic = strings.TrimSpace(lic + " " + site.LicenceURL)
	}
	field("license", texEscape(lic))
	b.WriteString("}\n")
	return []byte(b.String())
}

// bibKey is the entry's key: the slug and the year, in the letters,
// digits and hyphens that every BibTeX reads.
func bibKey(c *content.CaseStudy) string {
	k := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '-'
	}, c.Slug)
	return k + "-" + strconv.Itoa(c.Date.Year())
}

// bibURL keeps an address as it is, but for the characters that would end
// a braced field or start a comment in LaTeX's url package: a base URL
// holds no braces, but this does not count on it.
func bibURL(u string) string { return bibURLEscaper.Replace(u) }

var bibURLEscaper = strings.NewReplacer("{", "%7B", "}", "%7D", `\`, "%5C", " ", "%20")

// citeKeywords are the case study's keywords and its terms' titles, each
// once.
func citeKeywords(c *content.CaseStudy) []string {
	var out []string
	seen := map[string]bool{}
	add := func(k string) {
		if key := strings.ToLower(k); k != "" && !seen[key] {
			seen[key] = true
			out = append(out, k)
		}
	}
	for _, k := range c.Keywords {
		add(k)
	}
	for _, terms := range c.Terms {
		for _, t := range terms {
			add(t.Title)
		}
	}
	return out
}

// texSpecial are LaTeX's special characters and what stands for them.
var texSpecial = map[rune]string{
	'\\': `\textbackslash{}`, '{': `\{`, '}': `\}`, '&': `\&`, '%': `\%`, '$': `\$`, '#': `\#`, '_': `\_`,
	'^': `\^{}`, '~': `\~{}`, '<': `\textless{}`, '>': `\textgreater{}`,
	'ø': `{\o}`, 'Ø': `{\O}`, 'æ': `{\ae}`, 'Æ': `{\AE}`, 'œ': `{\oe}`, 'Œ': `{\OE}`, 'ß': `{\ss}`,
	'ł': `{\l}`, 'Ł': `{\L}`, 'ı': `{\i}`, 'đ': `{\dj}`, 'Đ': `{\DJ}`,
	'–': "--", '—': "---", '‘': "`", '’': "'", '“': "``", '”': "''", '…': `\ldots{}`, '©': `\textcopyright{}`,
	'\u00a0': "~",
}

// texAccents are the combining marks that LaTeX writes as accent
// commands.
var texAccents = map[rune]string{
	'\u0300': "`", '\u0301': "'", '\u0302': "^", '\u0303': "~", '\u0304': "=", '\u0306': "u", '\u0307': ".",
	'\u0308': `"`, '\u030A': "r", '\u030B': "H", '\u030C': "v", '\u0327': "c", '\u0328': "k",
}

// texEscape writes text for a BibTeX field: special characters escaped,
// accented Latin letters as LaTeX accents ("É" is {\'{E}}, "ŵ" {\^{w}}),
// line breaks and control characters as spaces. Letters that LaTeX has no
// command for (other scripts) are kept as they are, in UTF-8.
func texEscape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	rs := []rune(norm.NFD.String(s))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		// A letter and the accents that follow it.
		j := i + 1
		for j < len(rs) && texAccents[rs[j]] != "" {
			j++
		}
		if j > i+1 && r < unicode.MaxASCII && unicode.IsLetter(r) {
			base := string(r)
			if r == 'i' || r == 'j' {
				base = `\` + string(r) // dotless, under an accent
			}
			for _, m := range rs[i+1 : j] {
				base = `\` + texAccents[m] + "{" + base + "}"
			}
			b.WriteString("{" + base + "}")
			i = j - 1
			continue
		}
		switch {
		case texSpecial[r] != "":
			b.WriteString(texSpecial[r])
		case unicode.IsSpace(r) || unicode.IsControl(r):
			b.WriteByte(' ')
		case r < utf8.RuneSelf && j == i+1:
			b.WriteByte(byte(r)) // its own NFC
		default:
			b.WriteString(string(norm.NFC.String(string(rs[i:j]))))
			i = j - 1
		}
	}
	return b.String()
}

// ris writes case study c as an RIS record of a book chapter (CHAP), the
// format EndNote, Zotero and Mendeley import: one "TAG  - value" line
// each, CRLF line ends, in UTF-8. A value is one line: line breaks and
// control characters become spaces.
func ris(c *content.CaseStudy, site *Site, url string) []byte {
	var b strings.Builder
	line := func(tag, v string) {
		v = strings.Join(strings.FieldsFunc(v, func(r rune) bool { return unicode.IsControl(r) || unicode.IsSpace(r) }), " ")
		if v != "" || tag == "ER" {
			b.WriteString(tag + "  - " + v + "\r\n")
		}
	}
	line("TY", "CHAP")
	line("TI", c.Title)
	for _, a := range c.Authors {
		line("AU", a.Name)
	}
	line("PY", strconv.Itoa(c.Date.Year()))
	line("DA", c.Date.Format("2006/01/02"))
	line("T2", site.BookTitle())
	line("PB", site.Publisher)
	line("UR", url)
	line("LA", site.Language)
	line("AB", c.Summary)
	for _, k := range citeKeywords(c) {
		line("KW", k)
	}
	line("N1", site.Rights())
	line("ER", "")
	return []byte(b.String())
}
