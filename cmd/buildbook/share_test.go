package main

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestRelativeBaseURL checks that check warns, at base_url's place, when
// the site has no full address (the feed, the sitemap and the sharing
// tags need one), that --strict then fails, and that build, which a
// local preview runs with --base-url /, does not warn.
func TestRelativeBaseURL(t *testing.T) {
	book := func(base string) *txtar.Archive {
		return txtar.Parse([]byte("-- book.yaml --\ntitle: Test Book\nlanguage: en-GB\n" + base))
	}
	for _, tc := range []struct {
		name, base, want string
	}{
		{"path", "base_url: /going-for-great/\n", `book.yaml:3:11: warning: base_url "/going-for-great/" is a path, not a full web address`},
		{"root", "base_url: /\n", `book.yaml:3:11: warning: base_url "/" is a path`},
		{"missing", "", "book.yaml:1:1: warning: book.yaml has no base_url"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := contentFolder(t, book(tc.base))
			code, _, stderr := runCLI(t, "check", "--content", dir)
			if code != 0 || !strings.Contains(stderr, filepath.Join(dir, tc.want)) || !strings.Contains(stderr, "base_url: https://") {
				t.Errorf("check: exit %d, want 0 and a warning %q with the fix in:\n%s", code, tc.want, stderr)
			}
			if code, _, _ := runCLI(t, "check", "--content", dir, "--strict"); code != 1 {
				t.Errorf("check --strict: exit %d, want 1", code)
			}
			out := filepath.Join(t.TempDir(), "public")
			if code, _, stderr := runCLI(t, "build", "--content", dir, "--out", out); code != 0 || strings.Contains(stderr, "base_url") {
				t.Errorf("build: exit %d, stderr:\n%s", code, stderr)
			}
		})
	}
	dir := contentFolder(t, book("base_url: https://example.org/going-for-great/\n"))
	if code, _, stderr := runCLI(t, "check", "--content", dir, "--strict"); code != 0 || stderr != "" {
		t.Errorf("check --strict with a full base_url: exit %d\n%s", code, stderr)
	}
}
