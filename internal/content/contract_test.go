package content

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestContractInStep checks that docs/content-format.md, the copy of the
// content contract that a person who clones the repository can open, starts
// with the shared contract word for word; what buildbook adds to it follows
// under its own heading. The shared contract lies beside the repository
// (../shared); without it the test skips, except in CI.
func TestContractInStep(t *testing.T) {
	shared, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "spec", "content-format.md"))
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the shared contract is missing in CI: %v", err)
		}
		t.Skipf("no shared contract beside the repository: %v", err)
	}
	local, err := os.ReadFile(filepath.Join("..", "..", "docs", "content-format.md"))
	if err != nil {
		t.Fatal(err)
	}
	shared = bytes.ReplaceAll(shared, []byte("\r\n"), []byte("\n"))
	local = bytes.ReplaceAll(local, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(local, shared) {
		t.Fatal("docs/content-format.md does not start with ../shared/spec/content-format.md word for word: copy the shared contract into it again, above the heading \"Beyond the shared contract\"")
	}
	rest := local[len(shared):]
	if !bytes.HasPrefix(rest, []byte("\n## Beyond the shared contract\n")) {
		t.Fatal("docs/content-format.md: what follows the shared contract must start with the heading \"## Beyond the shared contract\"")
	}
}
