package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "new", "book.pdf")
	for _, content := range []string{"first", "second, longer"} {
		if err := Write(name, []byte(content)); err != nil {
			t.Fatal(err)
		}
		if b, err := os.ReadFile(name); err != nil || string(b) != content {
			t.Fatalf("read %q, %v; want %q", b, err, content)
		}
	}
	entries, err := os.ReadDir(filepath.Dir(name))
	if err != nil || len(entries) != 1 {
		t.Errorf("the folder holds %d files (%v), want the one: no temporary file left", len(entries), err)
	}
	// A folder in the file's place: the write fails and leaves nothing.
	if err := Write(dir, []byte("x")); err == nil {
		t.Error("writing over a folder succeeded")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("a failed write left %d entries beside the file", len(entries)-1)
	}
}
