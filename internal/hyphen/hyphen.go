// Package hyphen finds where words may be hyphenated, with Liang's
// algorithm over TeX hyphenation patterns (the hyph-utf8 files in
// patterns/, embedded gzipped), and marks those places in text with soft
// hyphens (U+00AD), for a browser that does not hyphenate by itself:
// headless Chromium, which prints the book, has no hyphenation
// dictionaries.
//
// The book's language picks the patterns (see Lookup): English, Welsh,
// Irish, the languages of western, northern and central Europe most
// schools write in. A language's patterns are unpacked and read the
// first time a book in it is printed.
//
// A Hyphenator is safe for concurrent use; it remembers the words it has
// seen, since a book repeats most of its words many times.
package hyphen

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed patterns/*.txt.gz
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

	mu    sync.RWMutex
	cache map[string]string // word -> the word hyphenated
}

// A language names its patterns and gives TeX's typesetting minimums
// for it (hyph-utf8's lefthyphenmin and righthyphenmin): the letters kept
// before the first break and after the last.
type language struct {
	pat, hyp    string // the files' names in patterns/, "" for none
	left, right int
}

// languages maps a language tag, lower case, to its patterns: the tags of
// the hyph-utf8 files embedded, and the tags that stand for one of them
// (de is de-1996, the spelling of today; no, the Norwegian of either
// written standard, is bokmål). The patterns of nb and nn are the same
// file in hyph-utf8 (hyph-no.tex); only their exceptions differ.
var languages = map[string]language{
	"ca":         {"hyph-ca.pat.txt.gz", "hyph-ca.hyp.txt.gz", 2, 2},
	"cy":         {"hyph-cy.pat.txt.gz", "", 2, 3},
	"da":         {"hyph-da.pat.txt.gz", "", 2, 2},
	"de":         {"hyph-de-1996.pat.txt.gz", "", 2, 2},
	"de-1996":    {"hyph-de-1996.pat.txt.gz", "", 2, 2},
	"el":         {"hyph-el-monoton.pat.txt.gz", "", 1, 1},
	"el-monoton": {"hyph-el-monoton.pat.txt.gz", "", 1, 1},
	"en":         {"hyph-en-gb.pat.txt.gz", "hyph-en-gb.hyp.txt.gz", 2, 3},
	"en-gb":      {"hyph-en-gb.pat.txt.gz", "hyph-en-gb.hyp.txt.gz", 2, 3},
	"en-us":      {"hyph-en-us.pat.txt.gz", "hyph-en-us.hyp.txt.gz", 2, 3},
	"es":         {"hyph-es.pat.txt.gz", "", 2, 2},
	"et":         {"hyph-et.pat.txt.gz", "", 2, 3},
	"eu":         {"hyph-eu.pat.txt.gz", "", 2, 2},
	"fi":         {"hyph-fi.pat.txt.gz", "", 2, 2},
	"fr":         {"hyph-fr.pat.txt.gz", "", 2, 2},
	"ga":         {"hyph-ga.pat.txt.gz", "hyph-ga.hyp.txt.gz", 2, 3},
	"gl":         {"hyph-gl.pat.txt.gz", "", 2, 2},
	"hr":         {"hyph-hr.pat.txt.gz", "", 2, 2},
	"is":         {"hyph-is.pat.txt.gz", "", 2, 2},
	"it":         {"hyph-it.pat.txt.gz", "", 2, 2},
	"lt":         {"hyph-lt.pat.txt.gz", "", 2, 2},
	"nb":         {"hyph-nb.pat.txt.gz", "hyph-nb.hyp.txt.gz", 2, 2},
	"nl":         {"hyph-nl.pat.txt.gz", "hyph-nl.hyp.txt.gz", 2, 2},
	"nn":         {"hyph-nb.pat.txt.gz", "hyph-nn.hyp.txt.gz", 2, 2},
	"no":         {"hyph-nb.pat.txt.gz", "hyph-nb.hyp.txt.gz", 2, 2},
	"pl":         {"hyph-pl.pat.txt.gz", "hyph-pl.hyp.txt.gz", 2, 2},
	"pt":         {"hyph-pt.pat.txt.gz", "hyph-pt.hyp.txt.gz", 2, 3},
	"sk":         {"hyph-sk.pat.txt.gz", "hyph-sk.hyp.txt.gz", 2, 3},
	"sl":         {"hyph-sl.pat.txt.gz", "", 2, 2},
	"sv":         {"hyph-sv.pat.txt.gz", "", 2, 2},
}

var (
	loadMu sync.Mutex
	loaded = map[language]*Hyphenator{} // en and en-gb share one
)

// Lookup returns the tag, among those buildbook has patterns for, that a
// language tag such as en-GB, pt-BR or nb-NO is hyphenated as: the tag
// itself, or else the tag with its last subtags taken off one by one
// (RFC 4647 lookup), so that pt-BR is pt and de-CH is de. It returns ""
// when there are none, and the language is not hyphenated.
func Lookup(tag string) string {
	tag = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(tag), "_", "-"))
	for tag != "" {
		if _, ok := languages[tag]; ok {
			return tag
		}
		i := strings.LastIndexByte(tag, '-')
		if i < 0 {
			break
		}
		tag = tag[:i]
		// A single letter or digit ends an extension (x-..., u-...): it
		// goes with the subtag after it.
		if j := strings.LastIndexByte(tag, '-'); j >= 0 && len(tag)-j == 2 {
			tag = tag[:j]
		}
	}
	return ""
}

// For returns the Hyphenator of a language tag such as en-GB (see Lookup),
// or nil when buildbook has no patterns for it. A language's patterns are
// read the first time it is asked for; Hyphenators are made once and
// shared.
func For(tag string) *Hyphenator {
	name := Lookup(tag)
	if name == "" {
		return nil
	}
	lang := languages[name]
	loadMu.Lock()
	defer loadMu.Unlock()
	if h, ok := loaded[lang]; ok {
		return h
	}
	pat, err := readPatterns(lang.pat)
	if err != nil {
		panic("hyphen: " + err.Error()) // the languages table names a missing file
	}
	var exc []byte
	if lang.hyp != "" {
		if exc, err = readPatterns(lang.hyp); err != nil {
			panic("hyphen: " + err.Error())
		}
	}
	h := New(pat, exc)
	h.left, h.right = lang.left, lang.right
	loaded[lang] = h
	return h
}

// readPatterns returns the text of a gzipped file in patterns/.
func readPatterns(name string) ([]byte, error) {
	f, err := patternFiles.Open("patterns/" + name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	b, err := io.ReadAll(z)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return b, nil
}

// New makes a Hyphenator from patterns and exceptions in the hyph-utf8
// text format: one a line, patterns as letters with digits between them
// ("a1b", ".ab4i"), exceptions as words with hyphens ("how-ever"). It
// keeps two letters before a break and three after, as TeX does for
// English.
func New(patterns, exceptions []byte) *Hyphenator {
	h := &Hyphenator{patterns: map[string][]uint8{}, exceptions: map[string][]int{}, left: 2, right: 3}
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
	// A break never comes before a combining mark (an e followed by an
	// accent, in text not in NFC): the patterns know accented letters
	// only as one character, and the accent would start the next line.
	for i := h.left; i <= n-h.right; i++ {
		if values[i+1]%2 == 1 && !unicode.Is(unicode.Mn, lower[i]) {
			points = append(points, i)
		}
	}
	return points
}

// Word returns word with a soft hyphen at each place it may break.
func (h *Hyphenator) Word(word string) string {
	h.mu.RLock()
	s, ok := h.cache[word]
	h.mu.RUnlock()
	if ok {
		return s
	}
	points := h.Points(word)
	if len(points) == 0 {
		s = word
	} else {
		var b strings.Builder
		b.Grow(len(word) + len(points)*len(Soft))
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
		// The key is copied: word is often a slice of a long text,
		// which the cache would otherwise keep whole.
		same := s == word
		word = strings.Clone(word)
		if same {
			s = word
		}
		if h.cache == nil {
			h.cache = map[string]string{}
		}
		h.cache[word] = s
	}
	h.mu.Unlock()
	return s
}

// Text returns s with every word of MinWord letters or more hyphenated. A
// word is a run of letters (with the marks that accent them); a run that
// touches a digit, an @, a slash, a dot or an underscore followed by more
// letters is taken for an address, a file name or a code and left whole.
// Text returns s itself when it hyphenates nothing.
func (h *Hyphenator) Text(s string) string {
	if h == nil || len(s) < MinWord {
		return s
	}
	var b strings.Builder // what is done of s up to done, once a word changed
	done := 0
	start := -1 // start of the current run of letters
	flush := func(end int) {
		word := s[start:end]
		start = -1
		if len(word) < MinWord || glued(s, end-len(word), end) {
			return
		}
		hy := h.Word(word)
		if len(hy) == len(word) { // no soft hyphen
			return
		}
		if b.Len() == 0 {
			b.Grow(len(s) + len(s)/8)
		}
		b.WriteString(s[done : end-len(word)])
		b.WriteString(hy)
		done = end
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			// ASCII: a letter, or not a letter nor a mark.
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
				if start < 0 {
					start = i
				}
			} else if start >= 0 {
				flush(i)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			flush(i)
		}
		i += size
	}
	if start >= 0 {
		flush(len(s))
	}
	if b.Len() == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// glued reports whether the word s[start:end] is part of something that
// is not a word: an address, a file name, a code with digits.
func glued(s string, start, end int) bool {
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

// joint reports whether r joins letters into something that is not a
// word: a digit, or one of @ / \ _ : = # & % + ~.
func joint(r rune) bool {
	switch r {
	case '@', '/', '\\', '_', ':', '=', '#', '&', '%', '+', '~':
		return true
	}
	return unicode.IsDigit(r)
}
