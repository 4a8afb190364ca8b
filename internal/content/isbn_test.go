package content

import "testing"

func TestCheckISBN(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{"978-1-7384991-0-7", ""},
		{"9781738499107", ""},
		{"978 1 7384991 0 7", ""},
		{"0-306-40615-2", ""},
		{"0-8044-2957-X", ""},
		{"978-1-73849", "has 9 digits: an ISBN has 13 (or 10), such as 978-1-7384991-0-7"},
		{"978-1-7384991-0-7-1", "has 14 digits: an ISBN has 13 (or 10), such as 978-1-7384991-0-7"},
		{"ISBN 978-1-7384991-0-7", `has "I" in it: an ISBN is 13 digits (or 10), with hyphens, such as 978-1-7384991-0-7`},
		{"X-306-40615-2", `has "X" in it: an ISBN is 13 digits (or 10), with hyphens, such as 978-1-7384991-0-7`},
		{"978-1-7384991-0-X", `has "X" in it: an ISBN is 13 digits (or 10), with hyphens, such as 978-1-7384991-0-7`},
	} {
		if got := checkISBN(tc.in); got != tc.want {
			t.Errorf("checkISBN(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
