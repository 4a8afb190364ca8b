package render

import (
	"html/template"
	"strconv"
	"strings"
)

// The back cover of a book with an ISBN carries it as an EAN-13 bar code,
// as a bookseller scans it: 95 modules (guard bars, six digits in odd and
// even parity, which give the first digit, the centre guard, six digits),
// with the ISBN written above and the digits below, drawn as inline SVG on
// a white ground.

// eanDigits is the 13 digits of an ISBN's bar code: an ISBN-13's own, or
// an ISBN-10's under the 978 prefix with its check digit made again. It
// is "" when the ISBN has not 10 or 13 digits, or when an ISBN-13's check
// digit is wrong, since a bar code that no till reads is worse than none.
func eanDigits(isbn string) string {
	var d []byte
	for i := 0; i < len(isbn); i++ {
		switch c := isbn[i]; {
		case c >= '0' && c <= '9', (c == 'X' || c == 'x') && len(d) == 9 && i == len(isbn)-1:
			// X is an ISBN-10's check digit, so its last character, as
			// content's checkISBN has it: never a digit of the 13.
			d = append(d, c)
		case c == '-' || c == ' ':
		default:
			return ""
		}
	}
	switch len(d) {
	case 10:
		d = append([]byte("978"), d[:9]...)
		d = append(d, eanCheck(d))
	case 13:
		if d[12] != eanCheck(d[:12]) {
			return ""
		}
	default:
		return ""
	}
	return string(d)
}

// eanCheck is the check digit of 12 digits: weights 1 and 3 in turn.
func eanCheck(d []byte) byte {
	sum := 0
	for i, c := range d[:12] {
		w := 1
		if i%2 == 1 {
			w = 3
		}
		sum += w * int(c-'0')
	}
	return byte('0' + (10-sum%10)%10)
}

// The patterns of a digit: L (odd parity), G (even parity), R (right
// half), one letter a module, 1 for a bar; and the parities of the left
// half that the first digit gives.
var (
	eanL = [10]string{"0001101", "0011001", "0010011", "0111101", "0100011", "0110001", "0101111", "0111011", "0110111", "0001011"}
	eanG = [10]string{"0100111", "0110011", "0011011", "0100001", "0011101", "0111001", "0000101", "0010001", "0001001", "0010111"}
	eanR = [10]string{"1110010", "1100110", "1101100", "1000010", "1011100", "1001110", "1010000", "1000100", "1001000", "1110100"}

	eanParity = [10]string{"LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG", "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL"}
)

// eanModules is the 95 modules of the bar code of 13 digits.
func eanModules(digits string) string {
	var b strings.Builder
	b.WriteString("101")
	parity := eanParity[digits[0]-'0']
	for i := 1; i <= 6; i++ {
		if parity[i-1] == 'L' {
			b.WriteString(eanL[digits[i]-'0'])
		} else {
			b.WriteString(eanG[digits[i]-'0'])
		}
	}
	b.WriteString("01010")
	for i := 7; i <= 12; i++ {
		b.WriteString(eanR[digits[i]-'0'])
	}
	b.WriteString("101")
	return b.String()
}

// isbnBarcode draws an ISBN's bar code as inline SVG, 1 unit a module,
// 0.33 mm a module as printed; "" when eanDigits gives none.
func isbnBarcode(isbn string) template.HTML {
	digits := eanDigits(isbn)
	if digits == "" {
		return ""
	}
	const (
		quietL, quietR = 11, 7    // modules of white either side
		top, bars      = 10, 60.0 // the ISBN line above; the height of the bars
		guard          = 5.0      // how far the guard bars reach below the others
		height         = top + bars + 12
	)
	width := quietL + 95 + quietR
	num := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	var w strings.Builder
	w.WriteString(`<svg class="barcode" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ` + strconv.Itoa(width) + ` ` + num(height) + `" width="` + num(float64(width)*0.33) + `mm" height="` + num(height*0.33) + `mm" role="img" aria-label="ISBN ` + template.HTMLEscapeString(isbn) + `">`)
	w.WriteString(`<rect width="100%" height="100%" fill="#fff"/>`)
	w.WriteString(`<text x="` + num(float64(width)/2) + `" y="7.5" font-size="8" text-anchor="middle" letter-spacing="0.3">ISBN ` + template.HTMLEscapeString(isbn) + `</text>`)
	mods := eanModules(digits)
	for i := 0; i < len(mods); {
		if mods[i] != '1' {
			i++
			continue
		}
		j := i
		for j < len(mods) && mods[j] == '1' {
			j++
		}
		h := bars
		if i < 3 || i >= 45 && i < 50 || i >= 92 {
			h += guard // the start, centre and end guards
		}
		w.WriteString(`<rect x="` + strconv.Itoa(quietL+i) + `" y="` + strconv.Itoa(top) + `" width="` + strconv.Itoa(j-i) + `" height="` + num(h) + `"/>`)
		i = j
	}
	y := num(top + bars + 8.5)
	text := func(x float64, s string) {
		w.WriteString(`<text x="` + num(x) + `" y="` + y + `" font-size="9" text-anchor="middle">` + s + `</text>`)
	}
	group := func(x float64, s string) { // six digits spread under their half
		w.WriteString(`<text x="` + num(x) + `" y="` + y + `" font-size="9" textLength="38" lengthAdjust="spacing">` + s + `</text>`)
	}
	text(quietL/2, digits[:1])
	group(quietL+5, digits[1:7])
	group(quietL+52, digits[7:])
	w.WriteString(`</svg>`)
	return template.HTML(w.String())
}
