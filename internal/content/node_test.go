package content

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestTOMLPos checks tomlScanner.pos, which counts on from its last
// answer, against a count from the start, with offsets asked in order and
// out of it.
func TestTOMLPos(t *testing.T) {
	src := "title = \"Café\"\n\nx = [1, \"é\", 3, \"中文\", 5]\n# naïve\ny = 2"
	naive := func(off int) (int, int) {
		line := 10 + strings.Count(src[:off], "\n")
		start := strings.LastIndexByte(src[:off], '\n') + 1
		return line, utf8.RuneCountInString(src[start:off]) + 1
	}
	var offs []int
	for off := range len(src) + 1 {
		offs = append(offs, off)
	}
	r := rand.New(rand.NewPCG(7, 8))
	for range 3 * len(src) {
		offs = append(offs, r.IntN(len(src)+1))
	}
	ts := &tomlScanner{src: src, firstLine: 10}
	for _, off := range offs {
		if !utf8.RuneStart(src[min(off, len(src)-1)]) {
			continue
		}
		wl, wc := naive(off)
		if l, c := ts.pos(off); l != wl || c != wc {
			t.Fatalf("pos(%d) = %d:%d, want %d:%d", off, l, c, wl, wc)
		}
	}
}
