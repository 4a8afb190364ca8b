package content

import "fmt"

// checkISBN checks the form of an ISBN: 13 digits (or 10, the last of which
// may be X), with or without hyphens or spaces. It returns "" when the form
// is good, or what is wrong and how to put it right.
//
// The check digit is not checked: the contract's own example
// (978-1-7384991-0-7) does not satisfy it, and a book should not fail to
// print for a number its publisher gave it.
func checkISBN(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			n++
		case (c == 'X' || c == 'x') && n == 9 && i == len(s)-1:
			n++
		case c == '-' || c == ' ':
		default:
			return fmt.Sprintf("has %q in it: an ISBN is 13 digits (or 10), with hyphens, such as 978-1-7384991-0-7", string(c))
		}
	}
	if n != 13 && n != 10 {
		return fmt.Sprintf("has %d digits: an ISBN has 13 (or 10), such as 978-1-7384991-0-7", n)
	}
	return ""
}
