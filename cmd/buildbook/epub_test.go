package main

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestEPUB writes the sample edition as an EPUB, to --out and to the
// default file.
func TestEPUB(t *testing.T) {
	content, err := filepath.Abs("../../content")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "sub", "edition.epub")
	code, stdout, stderr := runCLI(t, "epub", "--content", content, "--edition", "2024", "--out", out)
	if code != 0 || stderr != "" || !strings.HasPrefix(stdout, "wrote book/2024/ (Going for Great 2024) to "+out+": 14 case studies, 3 pictures, ") {
		t.Errorf("epub --edition 2024: exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	if b, err := os.ReadFile(out); err != nil || !bytes.HasPrefix(b, []byte("PK\x03\x04")) || !bytes.Contains(b[:60], []byte("mimetypeapplication/epub+zip")) {
		t.Errorf("%s is not an EPUB (%v)", out, err)
	}

	t.Chdir(t.TempDir())
	for _, c := range []struct{ edition, file string }{{"", "book.epub"}, {"2024", "book-2024.epub"}} {
		if code, _, stderr := runCLI(t, "epub", "--content", content, "--edition", c.edition, "--quiet"); code != 0 {
			t.Errorf("epub --edition %q: exit %d\n%s", c.edition, code, stderr)
		}
		if _, err := os.Stat(c.file); err != nil {
			t.Errorf("epub --edition %q wrote no %s: %v", c.edition, c.file, err)
		}
	}
}

// TestEPUBUsage: an unknown edition or an extra argument is a usage
// error; content with errors writes no EPUB and exits 1.
func TestEPUBUsage(t *testing.T) {
	code, _, stderr := runCLI(t, "epub", "--content", "../../content", "--edition", "2042")
	if code != 2 || !strings.Contains(stderr, `buildbook epub: there is no edition "2042": the content has 2024`) {
		t.Errorf("epub --edition 2042: exit %d, stderr:\n%s", code, stderr)
	}
	code, _, stderr = runCLI(t, "epub", "extra")
	if code != 2 || !strings.Contains(stderr, `unexpected argument "extra"`) {
		t.Errorf("epub extra: exit %d, stderr:\n%s", code, stderr)
	}
	code, _, stderr = runCLI(t, "epub", "-h")
	if code != 0 || !strings.Contains(stderr, "-edition id") || !strings.Contains(stderr, "book-ID.epub") {
		t.Errorf("epub -h: exit %d, stderr:\n%s", code, stderr)
	}
	fault, err := txtar.ParseFile("testdata/faults/missing-field.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := contentFolder(t, fault)
	out := filepath.Join(t.TempDir(), "book.epub")
	code, _, stderr = runCLI(t, "epub", "--content", dir, "--out", out)
	if code != 1 || !strings.HasPrefix(stderr, dir) || !strings.Contains(stderr, "; no EPUB written") {
		t.Errorf("epub of content with an error: exit %d, stderr:\n%s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("an EPUB was written despite the error")
	}
}

// TestHostileEPUB writes the hostile book as an EPUB: every file of it is
// well-formed XML and inert.
func TestHostileEPUB(t *testing.T) {
	a, err := txtar.ParseFile("testdata/hostile.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := contentFolder(t, a)
	out := filepath.Join(t.TempDir(), "hostile.epub")
	if code, _, stderr := runCLI(t, "epub", "--content", dir, "--out", out); code != 0 {
		t.Fatalf("epub: exit %d\n%s", code, stderr)
	}
	z, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	files := 0
	for _, f := range z.File {
		ext := filepath.Ext(f.Name)
		if ext != ".xhtml" && ext != ".svg" && ext != ".opf" && ext != ".xml" {
			continue
		}
		files++
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		d := xml.NewDecoder(bytes.NewReader(b))
		d.Strict = true
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Errorf("%s is not well-formed: %v", f.Name, err)
				break
			}
		}
		problems := inertProblems(b, false)
		if ext == ".svg" {
			problems = svgProblems(b)
		}
		for _, problem := range problems {
			t.Errorf("%s: %s", f.Name, problem)
		}
		if f.Name == "EPUB/cs-hostile.xhtml" && !bytes.Contains(b, []byte(`&lt;script&gt;alert("title")&lt;/script&gt;`)) {
			t.Errorf("%s does not show the title as text:\n%s", f.Name, b)
		}
	}
	if files < 8 {
		t.Errorf("only %d XML files in the EPUB", files)
	}
}
