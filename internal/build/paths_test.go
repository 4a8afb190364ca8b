package build

import (
	"os"
	"slices"
	"strings"
	"testing"

	"buildbook/internal/diag"
	"buildbook/internal/paths"
)

// TestReservedPaths compiles the sample book and checks that every name
// at the top of its output is reserved (paths.Reserved), or is a
// taxonomy's or a free page's: a page slug or taxonomy id that took any
// other would be published over a file buildbook writes. A folder of the
// content (editions/, whose cover pictures are published where they are)
// holds files of the content only, which a page's index.html cannot meet.
func TestReservedPaths(t *testing.T) {
	var diags diag.List
	c, err := Compile(Options{Content: "../../content"}, &diags)
	if err != nil || c == nil {
		t.Fatalf("compile: %v, %v", err, diags.Sorted())
	}
	defer c.Close()
	owned := map[string]bool{}
	for _, tx := range c.Site.Taxonomies {
		owned[tx.ID] = true
	}
	for _, p := range c.Site.Pages {
		owned[p.Slug] = true
	}
	entries, err := os.ReadDir("../../content")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			owned[e.Name()] = true
		}
	}
	seen := map[string]bool{}
	for _, j := range c.Jobs {
		top, _, _ := strings.Cut(j.Path, "/")
		if seen[top] || owned[top] {
			continue
		}
		seen[top] = true
		if !slices.Contains(paths.Reserved, top) {
			t.Errorf("%s (as in %s) is at the top of the output, and not in paths.Reserved", top, j.Path)
		}
	}
	if len(seen) < 10 {
		t.Fatalf("only %d names at the top of the output: %v", len(seen), seen)
	}
}
