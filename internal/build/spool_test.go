package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"buildbook/internal/diag"
)

// TestSpool builds the sample book with its bodies spooled to disk, as a
// large site's are, and compares every file with a build that keeps them
// in memory.
func TestSpool(t *testing.T) {
	dir := t.TempDir()
	want := filepath.Join(dir, "want")
	buildTo(t, Options{Content: "../../content", Out: want})
	defer func(n int) { spoolAbove = n }(spoolAbove)
	spoolAbove = 0
	out := filepath.Join(dir, "public")
	c, _ := buildTo(t, Options{Content: "../../content", Out: out})
	if c.spool == nil || c.Input.Bodies != nil {
		t.Fatal("the bodies were not spooled")
	}
	if err := c.Close(); err != nil {
		t.Error(err)
	}
	if diff := cmp.Diff(hashTree(t, want), hashTree(t, out)); diff != "" {
		t.Errorf("a spooled build differs (-in memory +spooled):\n%s", diff)
	}
}

// openCounter is a file system that counts the opens of each file and,
// from the second open of a file named in changed, gives that file's
// bytes with a change: as if it were saved during the build.
type openCounter struct {
	fs.FS
	mu      sync.Mutex
	opens   map[string]int
	changed map[string]bool
}

func (o *openCounter) Open(name string) (fs.File, error) {
	o.mu.Lock()
	o.opens[name]++
	n := o.opens[name]
	o.mu.Unlock()
	if n > 1 && o.changed[name] {
		b, err := fs.ReadFile(o.FS, name)
		if err != nil {
			return nil, err
		}
		m := fstest.MapFS{name: &fstest.MapFile{Data: append(b, "\nSaved during the build.\n"...)}}
		return m.Open(name)
	}
	return o.FS.Open(name)
}

// TestBodiesLetGo builds the sample book as a large site: no case
// study's Markdown is held once loaded, a body is read again only to be
// converted, and one whose conversion is in the cache is read once.
func TestBodiesLetGo(t *testing.T) {
	defer func(n int) { spoolAbove = n }(spoolAbove)
	spoolAbove = 0
	content := t.TempDir()
	if err := os.CopyFS(content, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	fsys := &openCounter{FS: os.DirFS(content)}
	build := func(step string) map[string]int {
		t.Helper()
		fsys.opens = map[string]int{}
		c, _ := buildTo(t, Options{Content: content, ContentFS: fsys, Out: out})
		c.Close()
		for _, cs := range c.Site.CaseStudies {
			if cs.Body != nil || cs.BodySize == 0 {
				t.Fatalf("%s: the loader did not let the body of %s go", step, cs.File)
			}
		}
		opens := map[string]int{}
		for _, cs := range c.Site.CaseStudies {
			opens[cs.File] = fsys.opens[cs.File]
		}
		return opens
	}
	// each is opens with every count n, but m for except.
	each := func(opens map[string]int, n int, except string, m int) map[string]int {
		want := map[string]int{}
		for f := range opens {
			want[f] = n
		}
		if except != "" {
			want[except] = m
		}
		return want
	}

	got := build("first build")
	if diff := cmp.Diff(each(got, 2, "", 0), got); diff != "" {
		t.Errorf("first build: each case study is read to load and to convert it; opened (-want +got):\n%s", diff)
	}
	got = build("unchanged")
	if diff := cmp.Diff(each(got, 1, "", 0), got); diff != "" {
		t.Errorf("unchanged: each case study is read only to load it; opened (-want +got):\n%s", diff)
	}
	const edited = "case-studies/coaching-triads.md"
	file := filepath.Join(content, filepath.FromSlash(edited))
	md, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, append(md, "\nA new last paragraph.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	got = build("after an edit")
	if diff := cmp.Diff(each(got, 1, edited, 2), got); diff != "" {
		t.Errorf("after an edit: the edited case study is read again to convert it; opened (-want +got):\n%s", diff)
	}
	want := filepath.Join(t.TempDir(), "want")
	spoolAbove = 4 << 20
	buildTo(t, Options{Content: content, Out: want})
	if diff := cmp.Diff(hashTree(t, want), hashTree(t, out)); diff != "" {
		t.Errorf("a build whose bodies were let go differs (-in memory +let go):\n%s", diff)
	}

	// A case study saved again between loading and converting it is an
	// error, not converted as it is now.
	spoolAbove = 0
	if err := os.WriteFile(file, md, 0o644); err != nil {
		t.Fatal(err)
	}
	fsys.opens, fsys.changed = map[string]int{}, map[string]bool{edited: true}
	var diags diag.List
	c, err := Compile(Options{Content: content, ContentFS: fsys, Out: out}, &diags)
	if err != nil || c != nil {
		t.Fatalf("a file changed during the build was compiled (error %v)", err)
	}
	var reported []string
	for _, d := range diags.Sorted() {
		reported = append(reported, d.String())
	}
	wantDiags := []string{filepath.Join(content, edited) + ":22:1: the file changed while the site was being built: build again once it is saved"}
	if diff := cmp.Diff(wantDiags, reported); diff != "" {
		t.Errorf("a file changed during the build (-want +got):\n%s", diff)
	}
}
