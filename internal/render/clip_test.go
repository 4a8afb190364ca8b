package render

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestClip checks that clip keeps at most n bytes of valid text, cut at a
// space when one is in its last 200 bytes.
func TestClip(t *testing.T) {
	parts := []string{"a", "word", "é", "日本", " ", "longerword", "x\u0301"}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		var b strings.Builder
		for range r.IntN(600) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		s := b.String()
		n := 200 + r.IntN(300)
		got := clip(s, n)
		switch {
		case len(s) <= n && got != s:
			t.Fatalf("case %d: clip cut a text of %d bytes to %d", i, len(s), n)
		case len(got) > n || !utf8.ValidString(got) || !strings.HasPrefix(s, got):
			t.Fatalf("case %d, n=%d: %q", i, n, got)
		case len(s) > n && strings.LastIndexByte(s[:n], ' ') > n-200 && len(got) < len(s) && s[len(got)] != ' ':
			t.Fatalf("case %d, n=%d: cut inside a word although a space was near", i, n)
		}
	}
}
