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

// TestFileIOOS writes and reads files of many sizes with the portable
// writeFileOS and readFileOS, which systems without a fast path use.
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
		got, err := readFileOS(p)
		if err != nil || !bytes.Equal(got, b) {
			t.Fatalf("size %d: read %d bytes, %v", n, len(got), err)
		}
	}
	if _, err := readFileOS(dir); err == nil {
		t.Error("reading a folder as a file succeeded")
	}
	if _, err := readFileOS(filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("reading a missing file: %v", err)
	}
	if err := writeFileOS(filepath.Join(dir, "no", "such"), nil); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("writing into a missing folder: %v", err)
	}
}

// TestFileIO writes files of many sizes with writeFile and reads them
// back with readFile and through dirFS, which must behave as os.DirFS.
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
		got, err := readFile(p)
		if err != nil || !bytes.Equal(got, b) {
			t.Fatalf("size %d: read %d bytes, %v", n, len(got), err)
		}
		if got, err := fs.ReadFile(newDirFS(dir), "f"); err != nil || !bytes.Equal(got, b) {
			t.Fatalf("size %d: dirFS read %d bytes, %v", n, len(got), err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(newDirFS(dir), "f", "sub"); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"missing", "sub", "../f", "/f"} {
		_, err := fs.ReadFile(newDirFS(dir), name)
		_, want := fs.ReadFile(os.DirFS(dir), name)
		if err == nil || want == nil {
			t.Fatalf("%s: error %v, os.DirFS gives %v", name, err, want)
		}
		if errors.Is(want, fs.ErrNotExist) != errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s: error %v, os.DirFS gives %v", name, err, want)
		}
	}
	if err := writeFile(filepath.Join(dir, "no", "such"), nil); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("writing into a missing folder: %v", err)
	}
}
