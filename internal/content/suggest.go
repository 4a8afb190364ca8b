package content

import (
	"fmt"
	"strings"
)

// suggest returns the candidate nearest to s by edit distance, or "" when
// none is near enough to be a likely typing mistake.
func suggest(s string, candidates []string) string {
	s = strings.ToLower(s)
	best, bestDist := "", -1
	for _, c := range candidates {
		d := levenshtein(s, strings.ToLower(c))
		if bestDist < 0 || d < bestDist || (d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	limit := max(2, len([]rune(s))/3)
	if bestDist < 0 || bestDist > limit {
		// A prefix or a word of the candidate also counts: "vision" for
		// "vision-values-ethos".
		for _, c := range candidates {
			if len(s) >= 4 && strings.Contains(strings.ToLower(c), s) {
				return c
			}
		}
		return ""
	}
	return best
}

// Suggest returns the candidate nearest to s, or "" when none is near
// enough to be a likely typing mistake.
func Suggest(s string, candidates []string) string { return suggest(s, candidates) }

// didYouMean formats suggest's answer as a parenthesised hint.
func didYouMean(s string, candidates []string) string {
	if c := suggest(s, candidates); c != "" {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return ""
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
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
