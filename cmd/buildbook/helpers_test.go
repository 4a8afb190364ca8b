package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/tools/txtar"
)

// runCLI runs buildbook with args and returns its exit status and output.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// writeArchive writes the files of a txtar archive under dir.
func writeArchive(t *testing.T, dir string, a *txtar.Archive) {
	t.Helper()
	for _, f := range a.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// contentFolder writes testdata/base.txtar, with the files of the fault
// archive laid over it, into a new folder, and applies the fault's
// directives: lines of its comment such as "symlink: a.md -> /etc/passwd".
//
//	remove: PATH             delete a file of the base
//	symlink: PATH -> TARGET  make PATH a symbolic link
//	size: PATH BYTES         pad PATH (a Markdown file's body, or any file) to BYTES
//	latin1: PATH             re-encode PATH from UTF-8 to Latin-1
//	windows1252: PATH        re-encode PATH from UTF-8 to Windows-1252, as Word saves text
//	crlf: PATH               give PATH CRLF line endings
//	bom: PATH                start PATH with a UTF-8 byte-order mark
func contentFolder(t *testing.T, fault *txtar.Archive) string {
	t.Helper()
	base, err := txtar.ParseFile("testdata/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "content")
	writeArchive(t, dir, base)
	if fault == nil {
		return dir
	}
	writeArchive(t, dir, fault)
	for _, line := range strings.Split(string(fault.Comment), "\n") {
		verb, arg, ok := strings.Cut(line, ": ")
		if !ok {
			continue
		}
		p := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(strings.TrimSpace(rel))) }
		edit := func(rel string, f func([]byte) []byte) {
			b, err := os.ReadFile(p(rel))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p(rel), f(b), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		switch verb {
		case "remove":
			if err := os.RemoveAll(p(arg)); err != nil {
				t.Fatal(err)
			}
		case "symlink":
			from, to, _ := strings.Cut(arg, " -> ")
			if err := os.MkdirAll(filepath.Dir(p(from)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(strings.TrimSpace(to), p(from)); err != nil {
				if runtime.GOOS == "windows" {
					t.Skipf("Windows makes symbolic links only in Developer Mode or for an administrator: %v", err)
				}
				t.Fatal(err)
			}
		case "size":
			rel, n, _ := strings.Cut(arg, " ")
			size, err := strconv.Atoi(n)
			if err != nil {
				t.Fatal(err)
			}
			edit(rel, func(b []byte) []byte {
				line := []byte("All work and no play makes a long case study.\n")
				for len(b) < size {
					b = append(b, line[:min(len(line), size-len(b))]...)
				}
				return b
			})
		case "latin1":
			edit(arg, func(b []byte) []byte {
				out, err := charmap.ISO8859_1.NewEncoder().Bytes(b)
				if err != nil {
					t.Fatal(err)
				}
				return out
			})
		case "windows1252":
			edit(arg, func(b []byte) []byte {
				out, err := charmap.Windows1252.NewEncoder().Bytes(b)
				if err != nil {
					t.Fatal(err)
				}
				return out
			})
		case "crlf":
			edit(arg, func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) })
		case "bom":
			edit(arg, func(b []byte) []byte { return append([]byte("\ufeff"), b...) })
		}
	}
	return dir
}

// directives returns the values of the lines of comment that start with
// verb and ": ".
func directives(comment []byte, verb string) []string {
	var out []string
	for _, line := range strings.Split(string(comment), "\n") {
		if v, ok := strings.CutPrefix(line, verb+": "); ok {
			out = append(out, strings.TrimSpace(v))
		}
	}
	return out
}

// hashTree returns a digest of every file, folder and link under dir, by
// path, with its mode: two equal results mean the trees are byte-for-byte
// the same.
func hashTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			out[rel] = "dir " + info.Mode().String()
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			out[rel] = "link " + target
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h := sha256.Sum256(b)
			out[rel] = fmt.Sprintf("file %s %s", info.Mode(), hex.EncodeToString(h[:]))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// siblings lists the names in the folder that holds dir, to find staging
// folders a build left behind.
func siblings(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}
