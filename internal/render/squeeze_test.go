package render

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestSqueeze checks that clipping a squeezed text gives what clipping
// the whole text, split into words and joined again, gives.
func TestSqueeze(t *testing.T) {
	parts := []string{"a", "word", "é", "日本", " ", "  ", "\t", "\n", "\u00a0", "\u2003", "x\u0301", "longerword", "\xff", "\u0085", "\v\f\r"}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		var b strings.Builder
		for range r.IntN(600) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		s := b.String()
		n := 200 + r.IntN(300) // clip needs n of 200 or more
		want := clip(strings.Join(strings.Fields(s), " "), n)
		if got := clip(squeeze(s, n+1), n); got != want {
			t.Fatalf("case %d, n=%d: %q, want %q", i, n, got, want)
		}
	}
}

// TestSqueezed checks squeezed against its definition.
func TestSqueezed(t *testing.T) {
	parts := []string{"a", "é", " ", "  ", "\t", "\n", "\u00a0", "\u2003", "\xff", "\u0085"}
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 5000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		s := b.String()
		if got, want := squeezed(s), s == strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("case %d: squeezed(%q) = %v, want %v", i, s, got, want)
		}
	}
}
