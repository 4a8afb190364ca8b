package index

import (
	"strconv"
	"testing"
	"testing/fstest"

	"buildbook/internal/content"
	"buildbook/internal/corpus"
	"buildbook/internal/diag"
)

// BenchmarkBuild indexes generated sites: terms, schools, related case
// studies (an inverted index, at most candidatesPerTerm candidates a
// term) and backlinks. The time per case study stays flat as the site
// grows.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			fsys := fstest.MapFS{}
			for name, data := range corpus.Files(n, 1) {
				fsys[name] = &fstest.MapFile{Data: data}
			}
			var diags diag.List
			site := content.Load(fsys, content.Options{}, &diags)
			if diags.HasErrors(false) {
				b.Fatal(diags.Sorted())
			}
			for b.Loop() {
				Build(site, nil)
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(n), "µs/case-study")
		})
	}
}
