package main

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestPDFWithoutBrowser names the package to install, and exits 1.
func TestPDFWithoutBrowser(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	out := filepath.Join(t.TempDir(), "book.pdf")
	code, _, stderr := runCLI(t, "pdf", "--content", "../../content", "--edition", "2024", "--out", out)
	if code != 1 || !strings.Contains(stderr, "apt-get install chromium") || !strings.Contains(stderr, "--chrome") {
		t.Errorf("pdf without a browser: exit %d, stderr:\n%s", code, stderr)
	}
}

// TestPDFUsage: an unknown edition or an extra argument is a usage error.
func TestPDFUsage(t *testing.T) {
	code, _, stderr := runCLI(t, "pdf", "--content", "../../content", "--edition", "2042")
	if code != 2 || !strings.Contains(stderr, `there is no edition "2042": the content has 2024`) {
		t.Errorf("pdf --edition 2042: exit %d, stderr:\n%s", code, stderr)
	}
	code, _, stderr = runCLI(t, "pdf", "extra")
	if code != 2 || !strings.Contains(stderr, `unexpected argument "extra"`) {
		t.Errorf("pdf extra: exit %d, stderr:\n%s", code, stderr)
	}
}

// TestPDFBadBaseURL: a base_url with a space, which once made pdf panic,
// is a content error at its line, before any browser is started.
func TestPDFBadBaseURL(t *testing.T) {
	dir := contentFolder(t, txtar.Parse([]byte("-- book.yaml --\ntitle: Test Book\nbase_url: /my book/\n")))
	code, _, stderr := runCLI(t, "pdf", "--content", dir, "--out", filepath.Join(t.TempDir(), "book.pdf"))
	want := filepath.Join(dir, "book.yaml") + ":2:11: base_url \"/my book/\" has a space"
	if code != 1 || !strings.HasPrefix(stderr, want) || strings.Contains(stderr, "goroutine") {
		t.Errorf("pdf with base_url /my book/: exit %d, want 1 and an error starting %s; stderr:\n%s", code, want, stderr)
	}
}

// TestPDFNoHyphenation: a book in a language buildbook has no patterns for
// is printed unhyphenated, with a warning at book.yaml's language, once;
// a language with patterns gets none.
func TestPDFNoHyphenation(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // no browser: the warning comes before it is looked for
	for _, tt := range []struct{ lang, want string }{
		{"tr", `book.yaml:2:11: warning: no hyphenation patterns for language "tr"; the book is printed without hyphenation`},
		{"cy", ""},
	} {
		dir := contentFolder(t, txtar.Parse([]byte("-- book.yaml --\ntitle: Test Book\nlanguage: "+tt.lang+"\n")))
		_, _, stderr := runCLI(t, "pdf", "--content", dir, "--out", filepath.Join(t.TempDir(), "book.pdf"))
		if n := strings.Count(stderr, "hyphenation"); tt.want == "" && n > 0 || tt.want != "" && (n != 2 || !strings.Contains(stderr, filepath.Join(dir, tt.want))) {
			t.Errorf("pdf of a book in %s: want the warning %q; stderr:\n%s", tt.lang, tt.want, stderr)
		}
	}
}
