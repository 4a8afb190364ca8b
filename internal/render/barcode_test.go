package render

import (
	"strings"
	"testing"
)

// TestEANDigits checks the digits a bar code gives an ISBN.
func TestEANDigits(t *testing.T) {
	for isbn, want := range map[string]string{
		"978-0-306-40615-7": "9780306406157",
		"0-306-40615-2":     "9780306406157", // an ISBN-10, under 978, its check digit made again
		"0-8044-2957-X":     "9780804429573",
		"978-0-306-40615-8": "", // a wrong check digit: no bar code
		"978-0-306-4061":    "",
		"ISBN 978-0-306":    "",
		// An X is an ISBN-10's check digit, its last character: never a
		// digit of 13, which would index the tables of digits with it.
		"123456789X128": "",
		"123456789-X-3": "",
	} {
		if got := eanDigits(isbn); got != want {
			t.Errorf("eanDigits(%q) = %q, want %q", isbn, got, want)
		}
	}
}

// TestBarcodeNoPanic checks that an ISBN with an X inside it, whose
// check digit happens to come out right when X is taken as 40, is drawn
// as no bar code rather than crashing the build.
func TestBarcodeNoPanic(t *testing.T) {
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("isbnBarcode panicked: %v", r)
		}
	}()
	if got := isbnBarcode("123456789X128"); got != "" {
		t.Errorf("isbnBarcode drew %.60s…, want no bar code", got)
	}
}

// TestEANModules reads the bar code's modules back as a scanner would,
// with tables derived here from the right-hand codes alone (a left-hand
// odd code is a right code inverted, an even one a right code reversed),
// and checks the guards, the digits and the first digit that the
// parities of the left half give.
func TestEANModules(t *testing.T) {
	r := []string{"1110010", "1100110", "1101100", "1000010", "1011100", "1001110", "1010000", "1000100", "1001000", "1110100"}
	invert := func(s string) string {
		return strings.Map(func(c rune) rune { return '0' + '1' - c }, s)
	}
	reverse := func(s string) string {
		b := []byte(s)
		for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
			b[i], b[j] = b[j], b[i]
		}
		return string(b)
	}
	first := map[string]byte{}
	for d, p := range []string{"OOOOOO", "OOEOEE", "OOEEOE", "OOEEEO", "OEOOEE", "OEEOOE", "OEEEOO", "OEOEOE", "OEOEEO", "OEEOEO"} {
		first[p] = byte('0' + d)
	}
	for _, digits := range []string{"9780306406157", "9781738499106", "5012345678900", "0000000000000"} {
		m := eanModules(digits)
		if len(m) != 95 || m[:3] != "101" || m[45:50] != "01010" || m[92:] != "101" {
			t.Errorf("%s: %d modules with guards %q %q %q", digits, len(m), m[:3], m[45:50], m[92:])
			continue
		}
		var got, parity []byte
		for i := 0; i < 12; i++ {
			at := 3 + 7*i
			if i >= 6 {
				at += 5
			}
			code := m[at : at+7]
			found := false
			for d, rc := range r {
				switch {
				case i >= 6 && code == rc:
					got = append(got, byte('0'+d))
				case i < 6 && code == invert(rc):
					got, parity = append(got, byte('0'+d)), append(parity, 'O')
				case i < 6 && code == reverse(rc):
					got, parity = append(got, byte('0'+d)), append(parity, 'E')
				default:
					continue
				}
				found = true
			}
			if !found {
				t.Errorf("%s: digit %d, %s, is no code", digits, i+2, code)
			}
		}
		if read := string(first[string(parity)]) + string(got); read != digits {
			t.Errorf("the bar code of %s reads %s", digits, read)
		}
	}
}

// TestBarcodeSVG checks that a book's bar code is drawn only for an ISBN
// that tills can read, with the ISBN above it.
func TestBarcodeSVG(t *testing.T) {
	svg := string(isbnBarcode("978-0-306-40615-7"))
	if !strings.HasPrefix(svg, `<svg class="barcode"`) || !strings.Contains(svg, ">ISBN 978-0-306-40615-7</text>") || strings.Count(svg, "<rect") < 30 {
		t.Errorf("the bar code is not drawn:\n%s", svg)
	}
	// The contract's example ISBN has a check digit of 7 where the
	// digits before it give 6.
	if got := isbnBarcode("978-1-7384991-0-7"); got != "" {
		t.Errorf("a bar code for a wrong check digit:\n%s", got)
	}
}
