package build

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSpool builds the sample book with its bodies spooled to disk, as a
// large site's are, and compares every file with a build that keeps them
// in memory.
func TestSpool(t *testing.T) {
	dir := t.TempDir()
	want := filepath.Join(dir, "want")
	buildTo(t, Options{Content: "../../content", Out: want})
	defer func(n int) { spoolAbove = n }(spoolAbove)
	spoolAbove = 0
	out := filepath.Join(dir, "public")
	c, _ := buildTo(t, Options{Content: "../../content", Out: out})
	if c.spool == nil || c.Input.Bodies != nil {
		t.Fatal("the bodies were not spooled")
	}
	if err := c.Close(); err != nil {
		t.Error(err)
	}
	if diff := cmp.Diff(hashTree(t, want), hashTree(t, out)); diff != "" {
		t.Errorf("a spooled build differs (-in memory +spooled):\n%s", diff)
	}
}
