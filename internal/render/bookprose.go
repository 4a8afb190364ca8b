package render

import (
	"bytes"
	"html"
	"html/template"
	"slices"
	"strconv"
	"strings"

	xhtml "golang.org/x/net/html"

	"buildbook/internal/hyphen"
)

// noHyphens are the elements whose text is not prose: code, headings and
// table headings,
// abbreviations, notes' numbers, figures' captions (set ragged), and
// links, whose text is often a title or an address. Their words are never
// hyphenated.
var noHyphens = map[string]bool{
	"pre": true, "code": true, "kbd": true, "samp": true, "var": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "th": true, "figcaption": true,
	"a": true, "abbr": true, "sup": true, "sub": true, "script": true, "style": true, "svg": true, "math": true,
}

// printProse prepares a book body for the page: it puts soft hyphens into
// the words of its prose where hy allows (headless Chromium hyphenates
// nothing by itself), and gives each table a footer that says the table
// continues, in a wrapper that hides the footer's last copy (book.css):
// Chromium repeats a table's header and footer on every page it spans.
// A paragraph that holds only a picture (as the Markdown renderer writes
// an image on its own) gets an id, and a marker before it (FigureID) with
// hidden links to both, for `buildbook pdf` to find where it fell; a
// numbered figure (<figure>, which has an id of its own) gets the same
// marker and a wrapper with the id. chapter is the case study's number,
// 0 for none. With pages, it also gives the links notes as linkNotes
// does, in the same pass: a book of thousands of chapters is read once.
// The rest of the HTML is copied as it is.
func printProse(h template.HTML, hy *hyphen.Hyphenator, chapter int, pages pageOf) template.HTML {
	s := string(h)
	if s == "" {
		return h
	}
	var notes *noteLinks
	if pages != nil {
		notes = &noteLinks{pages: pages}
	}
	var b bytes.Buffer
	b.Grow(len(s) + len(s)/8)
	pAt := -1 // where the paragraph just opened starts in b, while it has no content
	figures := 0
	inFigure := false // in a <figure> that has a wrapper to close
	z := xhtml.NewTokenizer(strings.NewReader(s))
	skip := 0 // depth inside elements whose text is left alone
	type table struct {
		cols    int
		counted bool // the first row has been counted
	}
	var tables []*table
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			break
		}
		raw := z.Raw()
		opened := pAt
		pAt = -1
		switch tt {
		case xhtml.TextToken:
			if opened >= 0 && len(bytes.TrimSpace(raw)) == 0 {
				pAt = opened
			}
			if skip == 0 && hy != nil {
				// Words are found in the text as read, so that an
				// entity (&rsquo;s) neither hides one nor is taken for one.
				text := html.UnescapeString(string(raw))
				if h := hy.Text(text); h != text {
					b.WriteString(template.HTMLEscapeString(h))
					continue
				}
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			n := string(tagName(z, raw))
			if noHyphens[n] && tt == xhtml.StartTagToken {
				skip++
			}
			switch n {
			case "a":
				if notes != nil && tt == xhtml.StartTagToken {
					notes.open(z)
				}
			case "p":
				if string(raw) == "<p>" {
					pAt = b.Len()
				}
			case "img":
				if opened >= 0 && chapter > 0 {
					figures++
					id := FigureID(chapter, figures)
					rest := slices.Clone(b.Bytes()[opened+len("<p>"):])
					b.Truncate(opened)
					b.WriteString(figureMarker(id) + `<p class="figure" id="` + id + FigureSuffix + `">`)
					b.Write(rest)
				}
			case "figure":
				if chapter > 0 && tt == xhtml.StartTagToken && !inFigure {
					figures++
					id := FigureID(chapter, figures)
					b.WriteString(figureMarker(id) + `<div class="figure" id="` + id + FigureSuffix + `">`)
					inFigure = true
				}
			case "table":
				tables = append(tables, &table{})
				b.WriteString(`<div class="table-wrap">`)
			case "th", "td":
				if len(tables) > 0 && !tables[len(tables)-1].counted {
					tables[len(tables)-1].cols++
				}
			}
		case xhtml.EndTagToken:
			n := string(tagName(z, raw))
			if noHyphens[n] && skip > 0 {
				skip--
			}
			switch n {
			case "a":
				if notes != nil && notes.close(&b, raw) {
					continue
				}
			case "figure":
				if inFigure {
					b.Write(raw)
					b.WriteString(`</div>`)
					inFigure = false
					continue
				}
			case "tr":
				if len(tables) > 0 {
					tables[len(tables)-1].counted = true
				}
			case "table":
				if len(tables) > 0 {
					t := tables[len(tables)-1]
					tables = tables[:len(tables)-1]
					b.WriteString(`<tfoot class="table-continues" aria-hidden="true"><tr><td colspan="` + strconv.Itoa(max(t.cols, 1)) + `">Table continues</td></tr></tfoot>`)
					b.Write(raw)
					b.WriteString(`</div>`)
					continue
				}
			}
		}
		b.Write(raw)
	}
	if notes != nil {
		notes.list(&b)
	}
	return template.HTML(b.String())
}

// tagName is the name of the tag that z has just read, whose text is raw,
// as z.TagName gives it but without the copy that z.TagName makes: read
// from raw when it is lower-case ASCII letters and digits, as the Markdown
// renderer writes every tag, and from z.TagName otherwise. Called instead
// of z.TagName, it leaves the tag's attributes to z.TagAttr.
func tagName(z *xhtml.Tokenizer, raw []byte) []byte {
	i := 1 // after "<"
	if len(raw) > 1 && raw[1] == '/' {
		i = 2
	}
	for j := i; j < len(raw); j++ {
		switch c := raw[j]; {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9' && j > i:
			continue
		case j > i && (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '/' || c == '>'):
			return raw[i:j]
		}
		break
	}
	name, _ := z.TagName()
	return name
}

// figureMarker is the marker before figure id, with hidden links to it and
// to the figure, so that a printed PDF has a destination for each.
func figureMarker(id string) string {
	return `<div class="fig-at" id="` + id + `"><a href="#` + id + `" hidden></a><a href="#` + id + FigureSuffix + `" hidden></a></div>`
}
