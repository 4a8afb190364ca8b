package build

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDiskCache builds the sample book as a large site (bodies spooled,
// conversions cached beside the output) again and again: the output must
// always be a fresh build's, the cache must be what the second build
// reads, and an edited file or a damaged cache must not be trusted.
func TestDiskCache(t *testing.T) {
	defer func(n int) { spoolAbove = n }(spoolAbove)
	spoolAbove = 0
	content := t.TempDir()
	if err := os.CopyFS(content, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	cache := filepath.Join(dir, ".public.cache")
	fresh := func() map[string]string {
		t.Helper()
		f := filepath.Join(t.TempDir(), "fresh")
		buildTo(t, Options{Content: content, Out: f})
		return hashTree(t, f)
	}
	build := func(step string) {
		t.Helper()
		c, _ := buildTo(t, Options{Content: content, Out: out})
		c.Close()
		if diff := cmp.Diff(fresh(), hashTree(t, out)); diff != "" {
			t.Fatalf("%s: output differs from a build from nothing (-fresh +cached):\n%s", step, diff)
		}
	}

	build("first build")
	if _, err := os.Stat(cache); err != nil {
		t.Fatalf("no cache after a build: %v", err)
	}

	// The second build read its bodies from the cache: a word changed in
	// the cache shows in the output.
	b, err := os.ReadFile(cache)
	if err != nil {
		t.Fatal(err)
	}
	const word = "triads"
	bodies := b[:binary.LittleEndian.Uint64(b[len(b)-24:])] // before the index
	if !bytes.Contains(bodies, []byte(word)) {
		t.Fatalf("the cache has no %q", word)
	}
	copy(bodies, bytes.ReplaceAll(bodies, []byte(word), []byte("TRIADS")))
	if err := os.WriteFile(cache, b, 0o644); err != nil {
		t.Fatal(err)
	}
	c, _ := buildTo(t, Options{Content: content, Out: out})
	c.Close()
	page, err := os.ReadFile(filepath.Join(out, "case-studies", "coaching-triads", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "TRIADS") {
		t.Fatal("the build did not take the bodies from the cache")
	}
	// The pages made from the doctored cache are keyed as if they were
	// right (see render's keys.go): they go too.
	for _, p := range []string{cache, out, filepath.Join(dir, ".public.spare")} {
		if err := os.RemoveAll(p); err != nil {
			t.Fatal(err)
		}
	}
	build("without a cache")

	// An edited case study is converted again.
	file := filepath.Join(content, "case-studies", "coaching-triads.md")
	md, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, append(md, "\nA new last paragraph.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	build("after an edit")
	if err := os.WriteFile(file, md, 0o644); err != nil {
		t.Fatal(err)
	}
	build("after undoing the edit")

	// A cache cut short, or of another buildbook, is ignored.
	b, err = os.ReadFile(cache)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cache, b[:len(b)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	build("with a damaged cache")
	b, err = os.ReadFile(cache)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)-len("bbcache3")-1] ^= 0xff // the executable's checksum, before the cache's magic
	if err := os.WriteFile(cache, b, 0o644); err != nil {
		t.Fatal(err)
	}
	build("with another buildbook's cache")
}

// TestCacheInPlace checks that a rebuild writes the cache in place: an
// unchanged site adds nothing to it, and an edit adds the edited
// document's bodies. (internal/store's tests check that a cache that is
// mostly bodies no document has is written anew, and that a build that
// finds the cache locked by another does without it.)
func TestCacheInPlace(t *testing.T) {
	defer func(n int) { spoolAbove = n }(spoolAbove)
	spoolAbove = 0
	content := t.TempDir()
	if err := os.CopyFS(content, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	cache := filepath.Join(dir, ".public.cache")
	fresh := func() map[string]string {
		t.Helper()
		f := filepath.Join(t.TempDir(), "fresh")
		buildTo(t, Options{Content: content, Out: f})
		return hashTree(t, f)
	}
	stat := func() (int64, os.FileInfo) {
		t.Helper()
		info, err := os.Stat(cache)
		if err != nil {
			t.Fatal(err)
		}
		return info.Size(), info
	}
	build := func(step string) {
		t.Helper()
		c, _ := buildTo(t, Options{Content: content, Out: out})
		c.Close()
		if diff := cmp.Diff(fresh(), hashTree(t, out)); diff != "" {
			t.Fatalf("%s: output differs from a build from nothing (-fresh +cached):\n%s", step, diff)
		}
	}

	build("first build")
	size, first := stat()
	build("unchanged")
	if s, i := stat(); s != size || !os.SameFile(i, first) {
		t.Fatalf("unchanged: the cache went from %d bytes to %d (the same file: %v); want the same file, the same size", size, s, os.SameFile(i, first))
	}

	file := filepath.Join(content, "case-studies", "coaching-triads.md")
	md, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for k := 1; k <= 3; k++ {
		if err := os.WriteFile(file, append(md, fmt.Sprintf("\nEdit number %d.\n", k)...), 0o644); err != nil {
			t.Fatal(err)
		}
		build(fmt.Sprintf("edit %d", k))
		s, i := stat()
		if !os.SameFile(i, first) || s <= size {
			t.Fatalf("edit %d: the cache went from %d bytes to %d (the same file: %v); want it to grow in place", k, size, s, os.SameFile(i, first))
		}
		size = s
	}
}
