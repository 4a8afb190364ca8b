package build

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"buildbook/internal/corpus"
	"buildbook/internal/diag"
)

// BenchmarkBrokenLinks compiles a case study full of links to headings it
// does not have, each of which asks for a "did you mean": four headings
// and four links of 20,000 characters; a 1 MiB file of them; and a 1 MiB
// file of 40,000 short ones, all alike. Each is well under a second of
// processor time (cpu-ms/op); before suggestions were bounded, the first
// took 28 s and the others minutes.
func BenchmarkBrokenLinks(b *testing.B) {
	word := func(r *rand.Rand, n int, letters string) string {
		var s strings.Builder
		for range n {
			s.WriteByte(letters[r.IntN(len(letters))])
		}
		return s.String()
	}
	cases := []struct {
		name  string
		total int // bytes of body, or 0 for four of each
		line  func(r *rand.Rand, heading bool) string
	}{
		{"4x20000", 0, func(r *rand.Rand, heading bool) string {
			if heading {
				return "## " + word(r, 19990, "abcdefghij")
			}
			return "[x](#" + word(r, 19980, "abcdefghij") + ")"
		}},
		{"1MiB-long", 1 << 20, func(r *rand.Rand, heading bool) string {
			if heading {
				return "## " + strings.Repeat("x", 50) + word(r, 19940, "ab")
			}
			return "[x](#" + strings.Repeat("x", 50) + word(r, 19930, "ab") + ")"
		}},
		{"1MiB-short", 1 << 20, func(r *rand.Rand, heading bool) string {
			if heading {
				return "## h" + word(r, 8, "abcdefgh")
			}
			return "[x](#h" + word(r, 8, "abcdefgh") + ")"
		}},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			files := corpus.Files(1, 1)
			const name = "case-studies/case-000000.md"
			src := files[name]
			end := bytes.Index(src[4:], []byte("---\n")) + 8
			var body strings.Builder
			body.Write(src[:end])
			r := rand.New(rand.NewPCG(1, 2))
			if tc.total == 0 {
				for i := range 8 {
					body.WriteString("\n" + tc.line(r, i < 4) + "\n")
				}
			}
			for i := 0; body.Len() < tc.total-40_000; i++ {
				body.WriteString("\n" + tc.line(r, i%2 == 0) + "\n")
			}
			files[name] = []byte(body.String())
			fsys := mapFS(files)
			loop(b, func() {
				var diags diag.List
				c, _ := Compile(Options{ContentFS: fsys}, &diags)
				if c != nil {
					c.Close()
				}
				if !diags.HasErrors(false) {
					b.Fatal("no broken links reported")
				}
			})
		})
	}
}
