package content

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestSuggest(t *testing.T) {
	long := strings.Repeat("abcdefghij", 2000)
	tests := []struct {
		name       string
		word       string
		candidates []string
		want       string
	}{
		{"one typo", "curiculum", []string{"vision", "curriculum", "moral"}, "curriculum"},
		{"case is ignored", "CURICULUM", []string{"vision", "curriculum"}, "curriculum"},
		{"nothing near", "geography", []string{"vision", "curriculum"}, ""},
		{"no candidates", "vision", nil, ""},
		{"exact match in another case", "Vision", []string{"vision"}, "vision"},
		{"tie broken by the candidate", "cat", []string{"cot", "bat", "cut", "car"}, "bat"},
		{"tie between spellings of one word", "abcd", []string{"abcD", "ABCd"}, "ABCd"},
		{"nearer beats smaller", "summery", []string{"aummerx", "summary"}, "summary"},
		{"a part of a candidate", "vision", []string{"values", "vision-values-ethos"}, "vision-values-ethos"},
		{"the shortest candidate holding the word", "vision", []string{"vision-values-ethos", "our-vision-statement", "vision-and-values"}, "vision-and-values"},
		{"parts tie broken by the candidate", "plan", []string{"plan-c.svg", "plan-a.svg", "plan-b.svg"}, "plan-a.svg"},
		{"too short for a part", "art", []string{"smart-goals"}, ""},
		{"long words compared on their start", long + "x", []string{long + "y", strings.Repeat("z", 20000)}, long + "y"},
		{"long words that differ early", strings.Repeat("zyxwvutsrq", 2000), []string{long}, ""},
		{"long candidate for a short word", "lessons", []string{"lessons" + long}, "lessons" + long},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var s Suggester
			if got := s.Suggest(tc.word, tc.candidates); got != tc.want {
				t.Errorf("Suggest(%.20q, %.60q) = %.20q, want %.20q", tc.word, tc.candidates, got, tc.want)
			}
			// The answer does not depend on the order of the candidates.
			r := rand.New(rand.NewPCG(1, 2))
			for range 20 {
				c := slices.Clone(tc.candidates)
				r.Shuffle(len(c), func(i, j int) { c[i], c[j] = c[j], c[i] })
				var s Suggester
				if got := s.Suggest(tc.word, c); got != tc.want {
					t.Fatalf("Suggest(%.20q, %.60q) = %.20q, want %.20q", tc.word, c, got, tc.want)
				}
			}
		})
	}
}

// TestSuggestBudget checks that a Suggester stops suggesting once its
// budget is spent, that a call that runs out gives nothing, and that the
// work is the same every time.
func TestSuggestBudget(t *testing.T) {
	var s Suggester
	cands := []string{"vision", "curriculum", "moral", "knowledge"}
	if got := s.Suggest("curiculum", cands); got != "curriculum" {
		t.Fatalf("first call: %q", got)
	}
	one := s.work
	var again Suggester
	again.Suggest("curiculum", cands)
	if again.work != one || one == 0 {
		t.Fatalf("the same call counted %d and %d", one, again.work)
	}
	calls := 1
	for s.Suggest("curiculum", cands) != "" {
		calls++
	}
	if want := suggestWork/one + 1; calls != want && calls != want-1 {
		t.Errorf("%d calls of work %d each were made within a budget of %d", calls, one, suggestWork)
	}
	if s.work > suggestWork+one {
		t.Errorf("spent %d, more than the budget %d and one call", s.work, suggestWork)
	}
	if got := s.Suggest("curiculum", []string{"curriculum"}); got != "" {
		t.Errorf("a call after the budget was spent suggested %q", got)
	}
	// A call that runs out halfway gives nothing rather than the best of
	// the candidates it got to.
	s = Suggester{work: suggestWork - 100}
	many := slices.Repeat([]string{"curriculum"}, 1000)
	if got := s.Suggest("curiculum", many); got != "" {
		t.Errorf("a call that ran out of budget suggested %q", got)
	}
}

// TestDistance compares the bounded edit distance with a plain one.
func TestDistance(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	word := func() string {
		b := make([]rune, r.IntN(12))
		for i := range b {
			b[i] = []rune("abcé")[r.IntN(4)]
		}
		return string(b)
	}
	var s Suggester
	for range 20000 {
		a, b := word(), word()
		limit := r.IntN(6)
		s.a, s.b = []rune(a), []rune(b)
		want := min(levenshtein(s.a, s.b), limit+1)
		if got := s.distance(limit); got != want {
			t.Fatalf("distance(%q, %q, limit %d) = %d, want %d", a, b, limit, got, want)
		}
	}
}

// levenshtein is the plain edit distance, computed in full.
func levenshtein(a, b []rune) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// BenchmarkSuggestLong is the worst case of one file: words and
// candidates as long as a line, alike in their first 64 runes, until the
// budget is spent.
func BenchmarkSuggestLong(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	word := func() string {
		var sb strings.Builder
		for range 20000 {
			sb.WriteByte("ab"[r.IntN(2)])
		}
		return sb.String()
	}
	cands := make([]string, 100)
	for i := range cands {
		cands[i] = word()
	}
	words := make([]string, 1000)
	for i := range words {
		words[i] = word()
	}
	b.ResetTimer()
	for range b.N {
		var s Suggester
		for _, w := range words {
			s.Suggest(w, cands)
		}
	}
}
