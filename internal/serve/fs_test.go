package serve

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"buildbook/internal/content"
	"buildbook/internal/diag"
)

// TestCachedFSStaysInside serves the sample book with symbolic links that
// lead out of it, as a contributor could add them: the loader must see
// them as links and report each, and no read through the cache may reach
// the file outside, whatever the loader says.
func TestCachedFSStaysInside(t *testing.T) {
	top := t.TempDir()
	dir := filepath.Join(top, "content")
	if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	const secret = "SECRET-7f83b1657ff1"
	if err := os.MkdirAll(filepath.Join(top, "outside"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(top, "outside", "secret.txt"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{
		".root":                "/",
		"case-studies/env.txt": "../.root" + filepath.Join(top, "outside", "secret.txt"),
		"case-studies/up.txt":  "../../outside/secret.txt",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	c := newCachedFS(dir)
	var diags diag.List
	content.Load(c, content.Options{}, &diags)
	var got []string
	for _, d := range diags.Sorted() {
		if d.Severity == diag.Error {
			got = append(got, d.String())
		}
	}
	for _, name := range []string{"case-studies/env.txt", "case-studies/up.txt"} {
		found := false
		for _, g := range got {
			found = found || strings.HasPrefix(g, name+":1:1: ") && strings.Contains(g, "outside the content folder")
		}
		if !found {
			t.Errorf("no error for %s in %q", name, got)
		}
		if b, err := fs.ReadFile(c, name); err == nil || bytes.Contains(b, []byte(secret)) {
			t.Errorf("%s: read %q, %v; want an error", name, b, err)
		}
		if _, err := c.Stat(name); err == nil {
			t.Errorf("%s: Stat succeeds; want an error", name)
		}
		if f, err := c.Open(name); err == nil {
			f.Close()
			t.Errorf("%s: Open succeeds; want an error", name)
		}
	}
}

// TestCachedFSReplacedFolder removes the content folder and makes it
// again: once told, the cache reads the new folder.
func TestCachedFSReplacedFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	write := func(s string) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "book.yaml"), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("title: One\n")
	c := newCachedFS(dir)
	if b, err := c.ReadFile("book.yaml"); err != nil || string(b) != "title: One\n" {
		t.Fatalf("read %q, %v", b, err)
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	c.forget(".")
	if _, err := c.ReadFile("book.yaml"); err == nil {
		t.Fatal("a file of a removed folder is still read")
	}
	write("title: Two\n")
	c.forget(".")
	if b, err := c.ReadFile("book.yaml"); err != nil || string(b) != "title: Two\n" {
		t.Fatalf("after the folder was made again: read %q, %v", b, err)
	}
}
