package build

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"buildbook/internal/diag"
	"buildbook/internal/paths"
	"buildbook/internal/store"

	"github.com/google/go-cmp/cmp"
)

// TestWriteReusesSpare builds the same content three times: the third
// build writes into the first one's folder and must leave its unchanged
// files alone, yet give the same output as a build from nothing.
func TestWriteReusesSpare(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	fresh := filepath.Join(dir, "fresh")
	opts := Options{Content: "../../content", Out: out}
	buildTo(t, opts)
	buildTo(t, opts)
	spare := filepath.Join(dir, ".public.spare")
	page := filepath.FromSlash("case-studies/coaching-triads/index.html")
	old := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	if err := os.Chtimes(filepath.Join(spare, page), old, old); err != nil {
		t.Fatalf("the second build kept no spare folder: %v", err)
	}
	buildTo(t, opts)
	info, err := os.Stat(filepath.Join(out, page))
	if err != nil {
		t.Fatal(err)
	}
	if !info.ModTime().Equal(old) {
		t.Errorf("%s was written again although it did not change (modified %s)", page, info.ModTime())
	}
	buildTo(t, Options{Content: "../../content", Out: fresh})
	if diff := cmp.Diff(hashTree(t, fresh), hashTree(t, out)); diff != "" {
		t.Errorf("a build into the spare differs from a build from nothing (-fresh +reused):\n%s", diff)
	}
}

// smallSite is a content folder of two case studies.
var smallSite = map[string]string{
	"book.yaml": "title: Small\nbase_url: /\n",
	"taxonomies.yaml": `- id: pillars
  title: Pillars
  singular: Pillar
  terms:
    - id: curriculum
      title: Curriculum
`,
	"case-studies/alpha.md": `---
title: Alpha
school: Alpha School
authors: [A. Author]
date: 2024-01-02
summary: The first.
pillars: [curriculum]
---

Alpha's body.
`,
	"case-studies/beta/index.md": `---
title: Beta
school: Beta School
authors: [B. Author]
date: 2024-01-03
summary: The second.
pillars: [curriculum]
---

Beta's body.
`,
}

// writeContent writes files into a new content folder.
func writeContent(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestWriteSpareChanges removes a case study and damages the spare
// folder between builds: the output must still be exactly a fresh build.
func TestWriteSpareChanges(t *testing.T) {
	content := writeContent(t, smallSite)
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	opts := Options{Content: content, Out: out}
	buildTo(t, opts)
	buildTo(t, opts)
	spare := filepath.Join(dir, ".public.spare")
	if err := os.Remove(filepath.Join(spare, "schools", "index.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(spare, "feed.xml"), []byte("changed"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(content, "case-studies", "beta")); err != nil {
		t.Fatal(err)
	}
	for i := range 2 { // into the damaged spare, then into the other folder
		buildTo(t, opts)
		fresh := filepath.Join(t.TempDir(), "fresh")
		buildTo(t, Options{Content: content, Out: fresh})
		if diff := cmp.Diff(hashTree(t, fresh), hashTree(t, out)); diff != "" {
			t.Errorf("build %d differs from a build from nothing (-fresh +reused):\n%s", i+3, diff)
		}
		if _, err := os.Stat(filepath.Join(out, "case-studies", "beta")); err == nil {
			t.Errorf("build %d: the removed case study's folder is still in the output", i+3)
		}
	}
}

// TestWriteOldSpare reuses a spare folder whose marker has no manifest,
// as an older buildbook wrote it.
func TestWriteOldSpare(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	opts := Options{Content: "../../content", Out: out}
	buildTo(t, opts)
	buildTo(t, opts)
	spare := filepath.Join(dir, ".public.spare")
	if err := os.WriteFile(filepath.Join(spare, store.Marker), []byte(store.MarkerHeader), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(spare, "stray.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	buildTo(t, opts)
	fresh := filepath.Join(dir, "fresh")
	buildTo(t, Options{Content: "../../content", Out: fresh})
	if diff := cmp.Diff(hashTree(t, fresh), hashTree(t, out)); diff != "" {
		t.Errorf("output differs from a build from nothing (-fresh +reused):\n%s", diff)
	}
}

// TestWriteSpill writes files larger than what is held in memory: they
// go to disk as they are made, and the output is the same.
func TestWriteSpill(t *testing.T) {
	dir := t.TempDir()
	want := filepath.Join(dir, "want")
	buildTo(t, Options{Content: "../../content", Out: want})
	defer func(n int) { spillSize = n }(spillSize)
	spillSize = 4 << 10
	out := filepath.Join(dir, "public")
	for range 3 {
		buildTo(t, Options{Content: "../../content", Out: out})
		if diff := cmp.Diff(hashTree(t, want), hashTree(t, out)); diff != "" {
			t.Fatalf("files written as they are made differ (-held +spilled):\n%s", diff)
		}
	}
}

// TestWriteNewFolders builds into an output whose parent folders do not
// exist yet, as a first build with --out site/public does: they are made,
// and the output is the same as anywhere else. The site is built as a
// large one is, with a conversion cache beside the output.
func TestWriteNewFolders(t *testing.T) {
	defer func(n int) { spoolAbove = n }(spoolAbove)
	spoolAbove = 0
	dir := t.TempDir()
	want := filepath.Join(dir, "want")
	buildTo(t, Options{Content: "../../content", Out: want})
	out := filepath.Join(dir, "new", "site", "public")
	buildTo(t, Options{Content: "../../content", Out: out})
	if diff := cmp.Diff(hashTree(t, want), hashTree(t, out)); diff != "" {
		t.Fatalf("the output in new folders differs (-want +got):\n%s", diff)
	}
}

// TestWriteCraftedSpare builds into a spare folder crafted to make the
// build delete or write files outside the output, through its manifest
// or through links in it: every such spare must be given up, the files
// outside left as they were, and the output be a fresh build's.
func TestWriteCraftedSpare(t *testing.T) {
	content := writeContent(t, smallSite)
	fresh := filepath.Join(t.TempDir(), "fresh")
	buildTo(t, Options{Content: content, Out: fresh})
	line := func(p string) string { return "0123456789abcdef 0000000000000000 6 " + p + "\n" }
	tests := []struct {
		name  string
		craft func(t *testing.T, spare, victim string)
	}{
		{"a path with ..", func(t *testing.T, spare, victim string) {
			appendFile(t, filepath.Join(spare, store.Marker), line("../victim/keep.txt"))
		}},
		{"a path with .. inside it", func(t *testing.T, spare, victim string) {
			appendFile(t, filepath.Join(spare, store.Marker), line("schools/../../victim/keep.txt"))
		}},
		{"an absolute path", func(t *testing.T, spare, victim string) {
			appendFile(t, filepath.Join(spare, store.Marker), line(filepath.ToSlash(filepath.Join(victim, "keep.txt"))))
		}},
		{"a path with backslashes", func(t *testing.T, spare, victim string) {
			appendFile(t, filepath.Join(spare, store.Marker), line(`..\victim\keep.txt`))
		}},
		{"a folder linked out", func(t *testing.T, spare, victim string) {
			symlink(t, victim, filepath.Join(spare, "gone"))
			appendFile(t, filepath.Join(spare, store.Marker), line("gone/keep.txt"))
		}},
		{"a page linked out", func(t *testing.T, spare, victim string) {
			// Written through, the link would replace the file it names.
			if err := os.Remove(filepath.Join(spare, "feed.xml")); err != nil {
				t.Fatal(err)
			}
			symlink(t, filepath.Join(victim, "keep.txt"), filepath.Join(spare, "feed.xml"))
		}},
		{"a page's folder linked out", func(t *testing.T, spare, victim string) {
			if err := os.RemoveAll(filepath.Join(spare, "schools")); err != nil {
				t.Fatal(err)
			}
			symlink(t, victim, filepath.Join(spare, "schools"))
		}},
		{"the spare linked out", func(t *testing.T, spare, victim string) {
			b, err := os.ReadFile(filepath.Join(spare, store.Marker))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(victim, store.Marker), append(b, line("keep.txt")...), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.RemoveAll(spare); err != nil {
				t.Fatal(err)
			}
			symlink(t, victim, spare)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "public")
			opts := Options{Content: content, Out: out}
			buildTo(t, opts)
			buildTo(t, opts)
			victim := filepath.Join(dir, "victim")
			if err := os.Mkdir(victim, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(victim, "keep.txt"), []byte("keep!\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			tc.craft(t, filepath.Join(dir, ".public.spare"), victim)
			before := hashTree(t, victim)
			buildTo(t, opts)
			if diff := cmp.Diff(before, hashTree(t, victim)); diff != "" {
				t.Errorf("the build changed files outside the output (-before +after):\n%s", diff)
			}
			if diff := cmp.Diff(hashTree(t, fresh), hashTree(t, out)); diff != "" {
				t.Errorf("the output differs from a build from nothing (-fresh +reused):\n%s", diff)
			}
		})
	}
}

func appendFile(t *testing.T, name, text string) {
	t.Helper()
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, name string) {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Fatal(err)
	}
}

// TestDirSetOnce has workers write files into the same new folders at
// once, as a case study's page and citation files are: each folder must be
// asked of the system once, the others waiting for it, and hold its files.
func TestDirSetOnce(t *testing.T) {
	root := t.TempDir()
	s := newDirSet(root, store.Manifest{"kept/x.html": {}})
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := range 20 {
				p := "case-studies/cs-" + strconv.Itoa(i) + "/f" + strconv.Itoa(w)
				if err := s.writeFile(p, []byte(p)); err != nil {
					t.Error(err)
				}
			}
			if err := s.ensure("kept"); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := s.mkdirs.Load(); n != 21 {
		t.Errorf("%d folders asked of the system, want 21 (case-studies and its 20; kept/ was there)", n)
	}
	for i := range 20 {
		entries, err := os.ReadDir(filepath.Join(root, "case-studies", "cs-"+strconv.Itoa(i)))
		if err != nil || len(entries) != 8 {
			t.Errorf("cs-%d: %d files (%v), want 8", i, len(entries), err)
		}
	}
}

// TestWeightGroupsShared checks that the files that share what is made for
// them are written together, before the pages, so that it is let go early:
// a book's page and its print.css (the book's model), the search index's
// files (the index), and the list's first page and data files (the data).
func TestWeightGroupsShared(t *testing.T) {
	var diags diag.List
	c, err := Compile(Options{Content: "../../content"}, &diags)
	if err != nil || c == nil {
		t.Fatal(err, diags.Sorted())
	}
	defer c.Close()
	group := func(p string) (string, int) {
		switch {
		case strings.HasPrefix(p, paths.Book) && (strings.HasSuffix(p, "/"+paths.Index) || strings.HasSuffix(p, "/print.css")):
			return "book", 0
		case p == paths.SearchMeta || strings.HasPrefix(p, "search/i/") || strings.HasPrefix(p, "search/v/"):
			return "search", 1
		case p == paths.Page(paths.CaseStudies) || p == paths.CaseStudiesIndex || strings.HasPrefix(p, "case-studies/cards-"):
			return "list", 2
		}
		return "", 3
	}
	files := map[string]int{}
	for _, j := range c.Jobs {
		name, want := group(j.Path)
		files[name]++
		if w := weight(j.Path); w != want {
			t.Errorf("%s has weight %d, want %d", j.Path, w, want)
		}
	}
	if files["book"] != 4 || files["search"] < 3 || files["list"] < 3 {
		t.Errorf("the sample has %v files of each group, want 4 of the books (every case study's and an edition's) and more of the others", files)
	}
}
