package epub

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"buildbook/internal/render"
)

// Cover size: the shape of a printed book's cover, 2:3, in SVG units.
const coverW, coverH = 1200, 1800

// coverSVG draws the book's cover as the printed book's: the series, the
// title and subtitle, the edition and the publisher, in white on the
// book's blue, under the cover's picture when it has one (picture, the
// picture's name beside the cover in the EPUB, or ""). Lines are wrapped
// by their count of characters, which a sans-serif face at these sizes
// keeps inside the cover.
func coverSVG(b *render.BookPage, picture string) []byte {
	var w strings.Builder
	w.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" viewBox="0 0 ` + strconv.Itoa(coverW) + ` ` + strconv.Itoa(coverH) + `" width="` + strconv.Itoa(coverW) + `" height="` + strconv.Itoa(coverH) + `">` + "\n")
	w.WriteString(`<title>` + xmlText(b.Title) + `</title>` + "\n")
	w.WriteString(`<rect width="100%" height="100%" fill="#0b3a5c"/>` + "\n")
	x := 144
	y := 300
	// Sizes of the series, the title (and characters a line), the
	// subtitle (and characters a line) and the edition, and the space
	// after the subtitle (twice that after the title).
	series, title, titleChars, sub, subChars, edition, gap := 40, 110, 15, 56, 30, 40, 30
	if picture != "" {
		// The picture fills the top of the cover, as in print; the type
		// is set smaller below it.
		const picH = coverH * 5 / 9
		w.WriteString(`<image x="0" y="0" width="` + strconv.Itoa(coverW) + `" height="` + strconv.Itoa(picH) + `" preserveAspectRatio="xMidYMid slice" xlink:href="` + xmlText(picture) + `"/>` + "\n")
		y = picH + 20
		series, title, titleChars, sub, subChars, edition, gap = 34, 80, 20, 44, 38, 34, 20
	}
	text := func(s string, size int, style string, chars, lineHeight int) {
		for _, line := range wrap(s, chars) {
			y += lineHeight
			w.WriteString(`<text x="` + strconv.Itoa(x) + `" y="` + strconv.Itoa(y) + `" font-size="` + strconv.Itoa(size) + `" ` + style + `>` + xmlText(line) + `</text>` + "\n")
		}
	}
	const sans = `font-family="Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"`
	const serif = `font-family="Georgia, 'Liberation Serif', 'DejaVu Serif', serif"`
	if b.Series != "" {
		text(strings.ToUpper(b.Series), series, sans+` font-weight="bold" letter-spacing="6" fill="#f3c79f"`, 34, series*7/5)
		y += series
	}
	text(b.Title, title, sans+` font-weight="bold" fill="#ffffff"`, titleChars, title*12/11)
	y += 2 * gap
	w.WriteString(`<rect x="` + strconv.Itoa(x) + `" y="` + strconv.Itoa(y) + `" width="180" height="14" fill="#a2480a"/>` + "\n")
	y += 40
	if b.Subtitle != "" {
		text(b.Subtitle, sub, serif+` font-style="italic" fill="#ffffff"`, subChars, sub*9/7)
		y += gap
	}
	if b.EditionLine != "" {
		text(b.EditionLine, edition, sans+` fill="#dce6ee"`, 40, edition*7/5)
	}
	if b.Publisher != "" {
		lines := wrap(strings.ToUpper(b.Publisher), 34)
		y = max(y+40, coverH-160-56*len(lines))
		text(strings.ToUpper(b.Publisher), 40, sans+` font-weight="bold" letter-spacing="5" fill="#ffffff"`, 34, 56)
	}
	w.WriteString("</svg>\n")
	return []byte(w.String())
}

// wrap breaks s into lines of at most n characters at spaces; a longer
// word has a line of its own, cut at n characters.
func wrap(s string, n int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		for utf8.RuneCountInString(word) > n {
			if line != "" {
				lines = append(lines, line)
				line = ""
			}
			r := []rune(word)
			lines = append(lines, string(r[:n]))
			word = string(r[n:])
		}
		switch {
		case line == "":
			line = word
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) <= n:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
