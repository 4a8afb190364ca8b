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
// book's blue. Lines are wrapped by their count of characters, which a
// sans-serif face at these sizes keeps inside the cover.
func coverSVG(b *render.BookPage) []byte {
	var w strings.Builder
	w.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 ` + strconv.Itoa(coverW) + ` ` + strconv.Itoa(coverH) + `" width="` + strconv.Itoa(coverW) + `" height="` + strconv.Itoa(coverH) + `">` + "\n")
	w.WriteString(`<title>` + xmlText(b.Title) + `</title>` + "\n")
	w.WriteString(`<rect width="100%" height="100%" fill="#0b3a5c"/>` + "\n")
	x := 144
	y := 300
	text := func(s string, size int, style string, chars, lineHeight int) {
		for _, line := range wrap(s, chars) {
			y += lineHeight
			w.WriteString(`<text x="` + strconv.Itoa(x) + `" y="` + strconv.Itoa(y) + `" font-size="` + strconv.Itoa(size) + `" ` + style + `>` + xmlText(line) + `</text>` + "\n")
		}
	}
	const sans = `font-family="Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"`
	const serif = `font-family="Georgia, 'Liberation Serif', 'DejaVu Serif', serif"`
	if b.Series != "" {
		text(strings.ToUpper(b.Series), 40, sans+` font-weight="bold" letter-spacing="6" fill="#f3c79f"`, 34, 56)
		y += 40
	}
	text(b.Title, 110, sans+` font-weight="bold" fill="#ffffff"`, 15, 120)
	y += 60
	w.WriteString(`<rect x="` + strconv.Itoa(x) + `" y="` + strconv.Itoa(y) + `" width="180" height="14" fill="#a2480a"/>` + "\n")
	y += 40
	if b.Subtitle != "" {
		text(b.Subtitle, 56, serif+` font-style="italic" fill="#ffffff"`, 30, 72)
		y += 30
	}
	if b.EditionLine != "" {
		text(b.EditionLine, 40, sans+` fill="#dce6ee"`, 40, 56)
	}
	if b.Publisher != "" {
		lines := wrap(strings.ToUpper(b.Publisher), 34)
		y = coverH - 160 - 56*len(lines)
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
