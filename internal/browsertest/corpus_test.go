package browsertest

import (
	"path/filepath"
	"testing"

	"buildbook/internal/corpus"
)

// corpusSize is the number of case studies of the generated collection:
// enough for every paged list to have several pages.
const corpusSize = 500

// large is a site built from internal/corpus's content of corpusSize
// case studies, shaped like shared/bench/gencorpus.py's.
func large(t *testing.T) *site {
	t.Helper()
	sitesMu.Lock()
	_, done := sites["corpus"]
	sitesMu.Unlock()
	dir := filepath.Join(packageDir, "corpus-content")
	if !done {
		if err := corpus.Write(dir, corpusSize, 5); err != nil {
			t.Fatal(err)
		}
	}
	return siteOf(t, "corpus", dir)
}
