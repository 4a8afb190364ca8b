package build

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// TestFileIOOS writes files of many sizes with the portable writeFileOS,
// which systems without a fast path use, and reads them back.
func TestFileIOOS(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, 511, 512, 513, 4096, 1 << 20} {
		b := bytes.Repeat([]byte("abcdefg\n"), n/8+1)[:n]
		p := filepath.Join(dir, "f")
		if err := writeFileOS(p, bytes.Repeat([]byte("x"), 2*n+10)); err != nil {
			t.Fatal(err)
		}
		if err := writeFileOS(p, b); err != nil { // cut short
			t.Fatal(err)
		}
		got, err := os.ReadFile(p)
		if err != nil || !bytes.Equal(got, b) {
			t.Fatalf("size %d: read %d bytes, %v", n, len(got), err)
		}
	}
	if err := writeFileOS(filepath.Join(dir, "no", "such"), nil); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("writing into a missing folder: %v", err)
	}
}

// TestFileIO writes files of many sizes with writeFile and reads them
// back.
func TestFileIO(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, 511, 512, 513, 4096, 1 << 20} {
		b := bytes.Repeat([]byte("abcdefg\n"), n/8+1)[:n]
		p := filepath.Join(dir, "f")
		if err := writeFile(p, bytes.Repeat([]byte("x"), 2*n+10)); err != nil {
			t.Fatal(err)
		}
		if err := writeFile(p, b); err != nil { // cut short
			t.Fatal(err)
		}
		got, err := os.ReadFile(p)
		if err != nil || !bytes.Equal(got, b) {
			t.Fatalf("size %d: read %d bytes, %v", n, len(got), err)
		}
	}
	if err := writeFile(filepath.Join(dir, "no", "such"), nil); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("writing into a missing folder: %v", err)
	}
}

// TestContentFS checks that the content folder's file system reads what
// os.DirFS reads inside the folder, and nothing outside it, whichever way
// a symbolic link leads there.
func TestContentFS(t *testing.T) {
	top := t.TempDir()
	dir := filepath.Join(top, "content")
	const secret = "SECRET-e3b0c44298fc"
	for name, data := range map[string]string{
		"outside/secret.txt":               secret,
		"content/f":                        "inside",
		"content/sub/g":                    "inside too",
		"content/a/b/c/outside/secret.txt": "inside, by name",
		"content/case-studies/a.md":        "inside",
	} {
		p := filepath.Join(top, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	symlinks := func(links map[string]string) {
		for name, target := range links {
			if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
				t.Fatal(err)
			}
		}
	}
	symlinks(map[string]string{"in.txt": "sub/g", "up-in.txt": "sub/../f"})
	fsys, err := ContentFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(fsys, "f", "sub/g", "in.txt", "up-in.txt"); err != nil {
		t.Fatal(err)
	}
	symlinks(map[string]string{
		"abs.txt":              filepath.Join(top, "outside", "secret.txt"),
		"up.txt":               "../outside/secret.txt",
		".root":                "/", // in an ignored folder
		"case-studies/env.txt": "../.root" + filepath.Join(top, "outside", "secret.txt"),
		"a/b/c/up":             "../../..",                       // content itself
		"leak.txt":             "a/b/c/up/../outside/secret.txt", // as text, a/b/c/outside/secret.txt
	})
	for _, name := range []string{"in.txt", "up-in.txt"} {
		if _, err := fs.ReadFile(fsys, name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	for _, name := range []string{"abs.txt", "up.txt", "case-studies/env.txt", "leak.txt", "../outside/secret.txt"} {
		// The same names through os.DirFS reach the secret: the test
		// would show nothing if they did not.
		if b, err := fs.ReadFile(os.DirFS(dir), name); name != "../outside/secret.txt" && (err != nil || string(b) != secret) {
			t.Fatalf("%s: os.DirFS reads %q, %v: the test does not lead outside", name, b, err)
		}
		b, err := fs.ReadFile(fsys, name)
		if err == nil || bytes.Contains(b, []byte(secret)) {
			t.Errorf("%s: read %q, %v; want an error", name, b, err)
		}
		if _, err := fs.Stat(fsys, name); err == nil {
			t.Errorf("%s: Stat succeeds; want an error", name)
		}
		if f, err := fsys.Open(name); err == nil {
			f.Close()
			t.Errorf("%s: Open succeeds; want an error", name)
		}
	}
}
