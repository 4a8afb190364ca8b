// Package collation orders and files names as a reader of the book's
// language expects: "École Ōtautahi" between "Eastfield" and "Fairview",
// under E; "Øresund" under O in English (and after Z in Danish).
//
// It wraps golang.org/x/text/collate, which implements the Unicode
// Collation Algorithm with CLDR's tailorings for each language.
package collation

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Other is the heading of names that start with no letter of the
// alphabet (digits, punctuation). Anchors use OtherID.
const (
	Other   = "#"
	OtherID = "other"
)

// Collator compares strings for one language. It is safe for concurrent
// use.
type Collator struct {
	mu      sync.Mutex
	full    *collate.Collator // every difference: the order of a list
	primary *collate.Collator // base letters only: which initial a name files under
	letters []string          // the alphabet's initials, A to Z
}

// New returns a collator for the BCP 47 tag lang (en-GB when it cannot
// be parsed).
func New(lang string) *Collator {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.BritishEnglish
	}
	c := &Collator{
		full:    collate.New(tag, collate.Numeric),
		primary: collate.New(tag, collate.Loose),
	}
	for r := 'A'; r <= 'Z'; r++ {
		c.letters = append(c.letters, string(r))
	}
	return c
}

// Compare orders a and b: negative when a comes first. Names that compare
// equal in the language (which ignores nothing but exact duplicates) are
// ordered by their bytes, so that the order is total.
func (c *Collator) Compare(a, b string) int {
	c.mu.Lock()
	r := c.full.CompareString(a, b)
	c.mu.Unlock()
	if r != 0 {
		return r
	}
	return strings.Compare(a, b)
}

// Key is a sort key for s: comparing the keys of two strings with
// bytes.Compare gives Compare's order, but for exact ties. It is quicker
// than Compare for sorting many names.
func (c *Collator) Key(s string) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	var buf collate.Buffer
	return c.full.KeyFromString(&buf, s)
}

// Sort sorts names in place in the language's order.
func (c *Collator) Sort(names []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.full.SortStrings(names)
}

// Letter is the initial a name files under in an A–Z list: the letter of
// the alphabet that its first letter is a form of ("É" and "e" under E,
// "Ø" and "Ō" under O in English), the letter itself for other scripts,
// and Other for a name that starts with no letter.
func (c *Collator) Letter(name string) string {
	var first rune = -1
	for _, r := range name {
		if unicode.IsLetter(r) {
			first = r
			break
		}
		if unicode.IsDigit(r) {
			return Other
		}
	}
	if first < 0 {
		return Other
	}
	s := string(first)
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, l := range c.letters {
		if c.primary.CompareString(s, l) == 0 {
			return l
		}
	}
	// A letter that expands to two ("Æ" to "AE" in English) files under
	// the first of them.
	var buf collate.Buffer
	key := c.primary.KeyFromString(&buf, s)
	for _, l := range c.letters {
		if lk := c.primary.KeyFromString(&buf, l); len(lk) > 0 && len(key) > len(lk) && string(key[:len(lk)]) == string(lk) {
			return l
		}
	}
	return strings.ToUpper(s)
}

// ID is a letter as it may stand in a fragment identifier: the letter
// itself, or OtherID for Other.
func ID(letter string) string {
	if letter == Other {
		return OtherID
	}
	return letter
}
