package render

// The home page's picture of the collection, drawn at build time as
// inline SVG (no script, no style attributes: the page's CSP allows
// neither; shades and fonts come from classes in style.css).
//
// Which taxonomies it shows is decided by their definitions, never their
// names: the first two taxonomies that allow several terms per case study
// (pillars and capitals in the default vocabulary) make a matrix, and the
// third such taxonomy (roles) a bar chart. With a single multi-valued
// taxonomy, it gets the bar chart; with none, there is no picture.

import (
	"fmt"
	"html/template"
	"math"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"buildbook/internal/content"
	"buildbook/internal/paths"
)

// Picture is the collection at a glance.
type Picture struct {
	Matrix *Matrix
	Bars   *Bars
}

// Matrix is the number of case studies for each pair of terms of two
// taxonomies.
type Matrix struct {
	Rows, Cols TaxonomyRef
	RowTerms   []TermLink
	ColTerms   []TermLink
	Cells      [][]MatrixCell // [row][column]
	SVG        template.HTML
}

// MatrixCell is one pair of terms: how many case studies have both, and
// the address of the list filtered to them.
type MatrixCell struct {
	Count int
	URL   string
	Label string // "Curriculum and Social capital: 3 case studies"
}

// Bars is the number of case studies of each term of one taxonomy.
type Bars struct {
	Taxonomy TaxonomyRef
	Terms    []TermLink // with Count
	SVG      template.HTML
}

// Sizes of the drawings, in CSS pixels.
const (
	vizFont      = 13   // label text
	vizCharWidth = 7.2  // an average character of vizFont, generous
	vizLabelW    = 156  // the label column
	vizCellW     = 48   // a matrix column
	vizLineH     = 16   // a line of label text
	vizBarW      = 132  // the longest bar
	vizCountW    = 40   // the number after a bar
	vizMaxLines  = 3    // label lines before "…"
	vizShades    = 5    // shades above zero
	vizPad       = 4    // around the drawing
	vizAxisH     = 22   // a taxonomy's title above its terms
	vizBarRowMin = 26   // a bar chart row
	vizRowMin    = 36   // a matrix row
	vizColMaxH   = 150  // column labels, written upwards
	vizNumFont   = 14.0 // the number in a cell
)

func (m *models) picture() *Picture {
	var multi []int
	for ti, tx := range m.in.Site.Taxonomies {
		if tx.Multiple && len(tx.Terms) > 0 {
			multi = append(multi, ti)
		}
	}
	p := &Picture{}
	switch {
	case len(multi) >= 2:
		p.Matrix = m.matrix(multi[0], multi[1])
		if len(multi) >= 3 {
			p.Bars = m.bars(multi[2])
		}
	case len(multi) == 1:
		p.Bars = m.bars(multi[0])
	default:
		return nil
	}
	return p
}

func (m *models) matrix(ri, ci int) *Matrix {
	s := m.in.Site
	rows, cols := s.Taxonomies[ri], s.Taxonomies[ci]
	mx := &Matrix{Rows: m.refs[ri], Cols: m.refs[ci]}
	pos := func(tx *content.Taxonomy) map[*content.Term]int {
		p := map[*content.Term]int{}
		for i, t := range tx.Terms {
			p[t] = i
		}
		return p
	}
	rp, cp := pos(rows), pos(cols)
	counts := make([][]int, len(rows.Terms))
	for i := range counts {
		counts[i] = make([]int, len(cols.Terms))
	}
	for _, c := range s.CaseStudies {
		for _, rt := range c.Terms[ri] {
			for _, ct := range c.Terms[ci] {
				counts[rp[rt]][cp[ct]]++
			}
		}
	}
	for _, t := range rows.Terms {
		mx.RowTerms = append(mx.RowTerms, m.termLink(t))
	}
	for _, t := range cols.Terms {
		mx.ColTerms = append(mx.ColTerms, m.termLink(t))
	}
	for r, rt := range mx.RowTerms {
		var row []MatrixCell
		for c, ct := range mx.ColTerms {
			q := url.Values{rows.ID: {rt.ID}, cols.ID: {ct.ID}}
			row = append(row, MatrixCell{
				Count: counts[r][c],
				URL:   m.site.Root + paths.CaseStudies + "?" + q.Encode(),
				Label: fmt.Sprintf("%s and %s: %s", rt.Short, ct.Short, plural(counts[r][c], "case study", "case studies")),
			})
		}
		mx.Cells = append(mx.Cells, row)
	}
	mx.SVG = matrixSVG(mx)
	return mx
}

func (m *models) bars(ti int) *Bars {
	b := &Bars{Taxonomy: m.refs[ti]}
	for _, e := range m.in.Index.Terms[ti] {
		tl := m.termLink(e.Term)
		tl.Count = len(e.CaseStudies)
		b.Terms = append(b.Terms, tl)
	}
	b.SVG = barsSVG(b)
	return b
}

// shade is the class of a count among counts up to most: m0 for none,
// then m1 to m5 in equal steps.
func shade(n, most int) string {
	if n <= 0 || most <= 0 {
		return "m0"
	}
	return "m" + strconv.Itoa((n*vizShades+most-1)/most)
}

// wrap breaks s into lines of at most width pixels, at most vizMaxLines of
// them, the last cut with "…" when s is longer.
func wrap(s string, width float64) []string {
	perLine := max(1, int(width/vizCharWidth))
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) <= perLine:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	for i, l := range lines {
		if utf8.RuneCountInString(l) > perLine {
			lines[i] = string([]rune(l)[:perLine-1]) + "…"
		}
	}
	if len(lines) > vizMaxLines {
		last := []rune(lines[vizMaxLines-1])
		lines = append(lines[:vizMaxLines-1], string(last[:min(len(last), perLine-1)])+"…")
	}
	return lines
}

// svgBuilder writes SVG markup with escaped text and attributes.
type svgBuilder struct{ strings.Builder }

func (b *svgBuilder) f(format string, args ...any) { fmt.Fprintf(&b.Builder, format, args...) }

func esc(s string) string { return template.HTMLEscapeString(s) }

// num writes a coordinate to a hundredth of a pixel, without float noise
// such as 126.80000000000001.
func num(v float64) string { return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64) }

// text writes lines of text starting at (x, y), the first line's baseline.
func (b *svgBuilder) text(x, y float64, class, anchor string, lines []string) {
	b.f(`<text x="%s" y="%s" class="%s"`, num(x), num(y), class)
	if anchor != "" {
		b.f(` text-anchor="%s"`, anchor)
	}
	b.f(`>`)
	for i, l := range lines {
		if i == 0 {
			b.f(`<tspan x="%s">%s</tspan>`, num(x), esc(l))
		} else {
			b.f(`<tspan x="%s" dy="%d">%s</tspan>`, num(x), vizLineH, esc(l))
		}
	}
	b.f(`</text>`)
}

// matrixSVG draws the matrix: row labels on the left, column labels
// written upwards above the columns, and a shaded, numbered link per cell.
func matrixSVG(mx *Matrix) template.HTML {
	rowLines := make([][]string, len(mx.RowTerms))
	lines := 1
	for i, t := range mx.RowTerms {
		rowLines[i] = wrap(t.Short, vizLabelW-8)
		lines = max(lines, len(rowLines[i]))
	}
	rowH := max(vizRowMin, lines*vizLineH+10)
	colLines := make([]string, len(mx.ColTerms))
	colH := 0.0
	short := make([]string, len(mx.ColTerms))
	for i, t := range mx.ColTerms {
		short[i] = t.Short
	}
	short = trimCommonWord(short)
	for i := range mx.ColTerms {
		l := wrap(short[i], vizColMaxH)
		colLines[i] = l[0]
		if len(l) > 1 {
			colLines[i] = strings.TrimSuffix(l[0], "…") + "…"
		}
		colH = max(colH, float64(utf8.RuneCountInString(colLines[i]))*vizCharWidth)
	}
	top := vizPad + vizAxisH + colH + 8
	left := float64(vizPad + vizLabelW)
	width := left + float64(len(mx.ColTerms)*vizCellW) + vizPad
	height := top + float64(len(mx.RowTerms)*rowH) + vizPad
	most := 0
	for _, row := range mx.Cells {
		for _, c := range row {
			most = max(most, c.Count)
		}
	}

	var b svgBuilder
	b.f(`<svg class="matrix" width="%s" height="%s" viewBox="0 0 %s %s" aria-labelledby="matrix-svg-title">`, num(width), num(height), num(width), num(height))
	b.f(`<title id="matrix-svg-title">%s by %s and %s</title>`, "Case studies", esc(mx.Rows.Title), esc(mx.Cols.Title))
	b.text(left, vizPad+15, "axis", "", []string{mx.Cols.Title})
	b.text(vizPad, top-8, "axis", "", []string{mx.Rows.Title})
	for c, l := range colLines {
		x := left + float64(c*vizCellW) + vizCellW/2 + 4
		y := top - 6
		b.f(`<a href="%s"><text class="label" transform="translate(%s %s) rotate(-90)">%s</text></a>`, esc(mx.ColTerms[c].URL), num(x), num(y), esc(l))
	}
	for r, t := range mx.RowTerms {
		y := top + float64(r*rowH)
		first := y + float64(rowH)/2 - float64(len(rowLines[r])-1)*vizLineH/2 + 4.5
		b.f(`<a href="%s">`, esc(t.URL))
		b.text(vizPad, first, "label", "", rowLines[r])
		b.f(`</a>`)
		for c, cell := range mx.Cells[r] {
			x := left + float64(c*vizCellW)
			b.f(`<a href="%s"><title>%s</title>`, esc(cell.URL), esc(cell.Label))
			b.f(`<rect class="cell %s" x="%s" y="%s" width="%d" height="%d" rx="3"/>`, shade(cell.Count, most), num(x+1), num(y+1), vizCellW-2, rowH-2)
			b.f(`<text class="n %s" x="%s" y="%s" text-anchor="middle">%d</text>`, shade(cell.Count, most), num(x+vizCellW/2), num(y+float64(rowH)/2+5), cell.Count)
			b.f(`</a>`)
		}
	}
	b.f(`</svg>`)
	return template.HTML(b.String())
}

// barsSVG draws one bar per term, each a link to the term's page.
func barsSVG(bs *Bars) template.HTML {
	labels := make([][]string, len(bs.Terms))
	lines := 1
	most := 0
	for i, t := range bs.Terms {
		labels[i] = wrap(t.Short, vizLabelW-8)
		lines = max(lines, len(labels[i]))
		most = max(most, t.Count)
	}
	rowH := max(vizBarRowMin, lines*vizLineH+8)
	left := float64(vizPad + vizLabelW)
	width := left + vizBarW + vizCountW + vizPad
	height := float64(vizPad*2 + len(bs.Terms)*rowH)

	var b svgBuilder
	b.f(`<svg class="bars" width="%s" height="%s" viewBox="0 0 %s %s" aria-labelledby="bars-svg-title">`, num(width), num(height), num(width), num(height))
	b.f(`<title id="bars-svg-title">Case studies by %s</title>`, esc(bs.Taxonomy.Title))
	for i, t := range bs.Terms {
		y := float64(vizPad + i*rowH)
		label := t.Title + ": " + plural(t.Count, "case study", "case studies")
		w := 0.0
		if most > 0 {
			w = float64(t.Count) * vizBarW / float64(most)
		}
		b.f(`<a href="%s"><title>%s</title>`, esc(t.URL), esc(label))
		b.f(`<rect class="hit" x="0" y="%s" width="%s" height="%d"/>`, num(y), num(width), rowH)
		b.text(vizPad, y+float64(rowH)/2-float64(len(labels[i])-1)*vizLineH/2+4.5, "label", "", labels[i])
		b.f(`<rect class="bar" x="%s" y="%s" width="%s" height="%d" rx="2"/>`, num(left), num(y+5), num(max(w, 1)), rowH-10)
		b.f(`<text class="n" x="%s" y="%s">%d</text>`, num(left+max(w, 1)+6), num(y+float64(rowH)/2+4.5), t.Count)
		b.f(`</a>`)
	}
	b.f(`</svg>`)
	return template.HTML(b.String())
}

// trimCommonWord drops a last word that every label shares ("Moral
// capital", "Social capital"), since the axis title says it; labels that
// would become empty are kept whole.
func trimCommonWord(labels []string) []string {
	if len(labels) < 2 {
		return labels
	}
	last := func(s string) string {
		f := strings.Fields(s)
		if len(f) < 2 {
			return ""
		}
		return f[len(f)-1]
	}
	w := last(labels[0])
	for _, l := range labels {
		if w == "" || !strings.EqualFold(last(l), w) {
			return labels
		}
	}
	out := make([]string, len(labels))
	for i, l := range labels {
		f := strings.Fields(l)
		out[i] = strings.Join(f[:len(f)-1], " ")
	}
	return out
}
