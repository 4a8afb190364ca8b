package content

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits that keep "did you mean" cheap whatever the content: a file may
// hold thousands of unknown words, each as long as a line, and there may be
// thousands of candidates.
const (
	// suggestPrefix is how many runes of a word and a candidate are
	// compared: a typing mistake shows in the first few words.
	suggestPrefix = 64
	// suggestLength is how far lengths are counted to skip candidates
	// whose length alone puts them too far away.
	suggestLength = 4 * suggestPrefix
	// suggestWork is how much work one Suggester does over all its
	// calls, counted in runes read and cells of edit distance computed
	// (a few nanoseconds each); a call that would take it past this
	// gives no suggestion, and so does every call after it.
	suggestWork = 10_000_000
)

// Suggester finds the candidate nearest to a word that is not known, for
// the "did you mean" hints of one file, within a budget of comparisons.
//
// Words and candidates are compared on their first 64 runes, in lower
// case, by an edit distance that stops once past the largest distance that
// still looks like a typing mistake; a call whose candidates would take
// the budget over gives no suggestion. The work is counted, not timed, and
// ties are broken by the candidate itself, then by its place in the list,
// so the answer depends only on the word and the list, and the calls made
// before on the same Suggester.
// Give each file its own, and call it in the file's order, so that what a
// file is told depends on nothing else.
//
// The zero value is ready to use. A Suggester is not safe for concurrent
// use.
type Suggester struct {
	work   int    // spent so far
	a, b   []rune // the word and a candidate, as compared
	wb, cb []byte // the same, as UTF-8, for a part of a candidate
	d0, d1 []int  // rows of the edit distance
}

// Suggest returns the candidate nearest to word, or "" when none is near
// enough to be a likely typing mistake.
func (s *Suggester) Suggest(word string, candidates []string) string {
	if i := s.Nearest(word, len(candidates), func(i int) string { return candidates[i] }); i >= 0 {
		return candidates[i]
	}
	return ""
}

// Nearest is Suggest for n candidates given by key: it returns the index of
// the nearest, or -1.
func (s *Suggester) Nearest(word string, n int, key func(i int) string) int {
	if n == 0 || s.work+n > suggestWork {
		return -1
	}
	s.work += len(word)
	s.a = lowerRunes(s.a[:0], word)
	wordLen := runeCount(word)
	limit := max(2, len(s.a)/3)
	best, bestDist, bestKey := -1, limit, ""
	for i := range n {
		if s.work > suggestWork {
			return -1
		}
		c := key(i)
		s.work += 1 + min(len(c), suggestLength)
		if abs(runeCount(c)-wordLen) > bestDist {
			continue
		}
		s.b = lowerRunes(s.b[:0], c)
		d := s.distance(bestDist)
		if d < bestDist || d == bestDist && (best < 0 || c < bestKey) {
			best, bestDist, bestKey = i, d, c
		}
	}
	if best >= 0 || len(word) < 4 {
		return best
	}
	// A part of the candidate also counts: "vision" for
	// "vision-values-ethos". The shortest such candidate is nearest.
	s.wb = appendLower(s.wb[:0], word, suggestPrefix)
	bestLen := 0
	for i := range n {
		if s.work > suggestWork {
			return -1
		}
		c := key(i)
		s.work += 1 + min(len(c), suggestLength)
		s.cb = appendLower(s.cb[:0], c, suggestLength)
		if !bytes.Contains(s.cb, s.wb) {
			continue
		}
		l := runeCount(c)
		if best < 0 || l < bestLen || l == bestLen && c < bestKey {
			best, bestLen, bestKey = i, l, c
		}
	}
	return best
}

// distance returns the edit distance between s.a and s.b, or limit+1 when
// it is more than limit. Only the cells within limit of the diagonal are
// computed, and it stops as soon as a whole row is past limit.
func (s *Suggester) distance(limit int) int {
	a, b := s.a, s.b
	if abs(len(a)-len(b)) > limit {
		return limit + 1
	}
	far := limit + 1
	if cap(s.d0) < len(b)+1 {
		s.d0, s.d1 = make([]int, len(b)+1), make([]int, len(b)+1)
	}
	prev, cur := s.d0[:len(b)+1], s.d1[:len(b)+1]
	for j := range prev {
		prev[j] = min(j, far)
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-limit), min(len(b), i+limit)
		cur[0] = min(i, far)
		if lo > 1 {
			cur[lo-1] = far
		}
		rowMin := cur[0]
		if lo > 1 {
			rowMin = far
		}
		s.work += hi - lo + 1
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost, far)
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if hi < len(b) {
			cur[hi+1] = far
		}
		if rowMin >= far {
			return far
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// lowerRunes appends the first suggestPrefix runes of s, in lower case,
// to dst.
func lowerRunes(dst []rune, s string) []rune {
	for _, r := range s {
		if len(dst) == suggestPrefix {
			break
		}
		dst = append(dst, unicode.ToLower(r))
	}
	return dst
}

// appendLower appends the first n runes of s, in lower case, to dst.
func appendLower(dst []byte, s string, n int) []byte {
	for _, r := range s {
		if n--; n < 0 {
			break
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// runeCount counts the runes of s, up to suggestLength.
func runeCount(s string) int {
	n := 0
	for range s {
		if n++; n == suggestLength {
			break
		}
	}
	return n
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// didYouMean formats s's answer as a parenthesised hint.
func (s *Suggester) didYouMean(word string, candidates []string) string {
	if c := s.Suggest(word, candidates); c != "" {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return ""
}

// quoteList formats values as "a", "b" or "c".
func quoteList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = fmt.Sprintf("%q", v)
	}
	switch len(q) {
	case 0:
		return ""
	case 1:
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}
