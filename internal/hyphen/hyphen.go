// Package hyphen finds where words may be hyphenated, with Liang's
// algorithm over TeX hyphenation patterns (the hyph-utf8 files in
// patterns/, embedded), and marks those places in text with soft hyphens
// (U+00AD), for a browser that does not hyphenate by itself: headless
// Chromium, which prints the book, has no hyphenation dictionaries.
//
// A Hyphenator is safe for concurrent use; it remembers the words it has
// seen, since a book repeats most of its words many times.
package hyphen

import (
	"bufio"
	"bytes"
	"embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed patterns/*.txt
var patternFiles embed.FS

// Soft is the soft hyphen: invisible unless a line breaks at it.
const Soft = "\u00ad"

// MinWord is the length in letters of the shortest word hyphenated.
const MinWord = 6

// maxCache bounds the words a Hyphenator remembers, so that a body of
// millions of distinct words does not grow it without end.
const maxCache = 200_000

// Hyphenator hyphenates the words of one language.
type Hyphenator struct {
	patterns   map[string][]uint8 // letters -> the values between them
	maxLen     int                // letters in the longest pattern
	exceptions map[string][]int   // word -> its break points
	left       int                // letters kept before the first break
	right      int                // letters kept after the last break

	mu    sync.Mutex
	cache map[string]string
}

// languages maps a language tag, lower case, to its patterns. Tags not
// listed fall back on their primary language (en-nz is en); a language
// without patterns is not hyphenated.
var languages = map[string]string{
	"en":    "en-gb",
	"en-gb": "en-gb",
	"en-us": "en-us",
}

var (
	loadMu sync.Mutex
	loaded = map[string]*Hyphenator{}
)

// For returns the Hyphenator of a language tag such as en-GB, or nil when
// buildbook has no patterns for it. Hyphenators are made once and shared.
func For(tag string) *Hyphenator {
	tag = strings.ToLower(strings.ReplaceAll(tag, "_", "-"))
	name, ok := languages[tag]
	if !ok {
		primary, _, _ := strings.Cut(tag, "-")
		if name, ok = languages[primary]; !ok {
			return nil
		}
	}
	loadMu.Lock()
	defer loadMu.Unlock()
	if h, ok := loaded[name]; ok {
		return h
	}
	pat, err := patternFiles.ReadFile("patterns/hyph-" + name + ".pat.txt")
	if err != nil {
		panic("hyphen: " + err.Error()) // the languages table names a missing file
	}
	exc, _ := patternFiles.ReadFile("patterns/hyph-" + name + ".hyp.txt")
	h := New(pat, exc)
	loaded[name] = h
	return h
}

// New makes a Hyphenator from patterns and exceptions in the hyph-utf8
// text format: one a line, patterns as letters with digits between them
// ("a1b", ".ab4i"), exceptions as words with hyphens ("how-ever"). It
// keeps two letters before a break and three after, as TeX does for
// English.
func New(patterns, exceptions []byte) *Hyphenator {
	h := &Hyphenator{patterns: map[string][]uint8{}, exceptions: map[string][]int{}, left: 2, right: 3, cache: map[string]string{}}
	sc := bufio.NewScanner(bytes.NewReader(patterns))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "%") {
			continue
		}
		var letters []rune
		values := []uint8{0}
		for _, r := range line {
			if r >= '0' && r <= '9' {
				values[len(values)-1] = uint8(r - '0')
				continue
			}
			letters = append(letters, r)
			values = append(values, 0)
		}
		h.patterns[string(letters)] = values
		h.maxLen = max(h.maxLen, len(letters))
	}
	sc = bufio.NewScanner(bytes.NewReader(exceptions))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "%") {
			continue
		}
		var points []int
		n := 0
		for _, r := range line {
			if r == '-' {
				points = append(points, n)
				continue
			}
			n++
		}
		h.exceptions[strings.ReplaceAll(line, "-", "")] = points
	}
	return h
}

// Points returns the places where word may break, as counts of the
// letters before each, in order. The word is matched in lower case.
func (h *Hyphenator) Points(word string) []int {
	lower := []rune(strings.ToLower(word))
	n := len(lower)
	if n < MinWord || n != utf8.RuneCountInString(word) {
		return nil
	}
	if p, ok := h.exceptions[string(lower)]; ok {
		return p
	}
	w := make([]rune, 0, n+2)
	w = append(w, '.')
	w = append(w, lower...)
	w = append(w, '.')
	values := make([]uint8, len(w)+1)
	for i := range w {
		for j := i + 1; j <= len(w) && j-i <= h.maxLen; j++ {
			pv, ok := h.patterns[string(w[i:j])]
			if !ok {
				continue
			}
			for k, v := range pv {
				if v > values[i+k] {
					values[i+k] = v
				}
			}
		}
	}
	var points []int
	// values[i+1] is the value of the gap before the word's letter i.
	for i := h.left; i <= n-h.right; i++ {
		if values[i+1]%2 == 1 {
			points = append(points, i)
		}
	}
	return points
}

// Word returns word with a soft hyphen at each place it may break.
func (h *Hyphenator) Word(word string) string {
	h.mu.Lock()
	s, ok := h.cache[word]
	h.mu.Unlock()
	if ok {
		return s
	}
	points := h.Points(word)
	if len(points) == 0 {
		s = word
	} else {
		var b strings.Builder
		i := 0
		for _, r := range word {
			if len(points) > 0 && points[0] == i {
				b.WriteString(Soft)
				points = points[1:]
			}
			b.WriteRune(r)
			i++
		}
		s = b.String()
	}
	h.mu.Lock()
	if len(h.cache) < maxCache {
		h.cache[word] = s
	}
	h.mu.Unlock()
	return s
}

// Text returns s with every word of MinWord letters or more hyphenated. A
// word is a run of letters (with the marks that accent them); a run that
// touches a digit, an @, a slash, a dot or an underscore followed by more
// letters is taken for an address, a file name or a code and left whole.
func (h *Hyphenator) Text(s string) string {
	if h == nil || len(s) < MinWord {
		return s
	}
	var b strings.Builder
	start := -1 // start of the current run of letters
	flush := func(end int) {
		if start < 0 {
			return
		}
		word := s[start:end]
		if end-start >= MinWord && !glued(s, start, end) {
			b.WriteString(h.Word(word))
		} else {
			b.WriteString(word)
		}
		start = -1
	}
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
		b.WriteRune(r)
	}
	flush(len(s))
	return b.String()
}

// glued reports whether the word s[start:end] is part of something that
// is not a word: an address, a file name, a code with digits.
func glued(s string, start, end int) bool {
	joint := func(r rune) bool {
		return unicode.IsDigit(r) || strings.ContainsRune("@/\\_:=#&%+~", r)
	}
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:start])
		if joint(r) || r == '.' {
			return true
		}
	}
	if end < len(s) {
		r, size := utf8.DecodeRuneInString(s[end:])
		if joint(r) {
			return true
		}
		if r == '.' && end+size < len(s) {
			next, _ := utf8.DecodeRuneInString(s[end+size:])
			if unicode.IsLetter(next) {
				return true
			}
		}
	}
	return false
}
