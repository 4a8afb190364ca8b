package build

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// tree writes files (path with slashes → text) into folder dir, creating it.
func tree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// listing is every file under dir with its text, and every entry of
// parent that starts with a dot, as "parent/name".
func listing(t *testing.T, parent string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(parent, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(parent, p)
		got[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// goneProcess is the id of a process that has ended.
func goneProcess(t *testing.T) int {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// TestProcessGone asks about this process, the one that started it, and
// one that has ended.
func TestProcessGone(t *testing.T) {
	if processGone(os.Getpid()) {
		t.Error("processGone says this process has ended")
	}
	if processGone(os.Getppid()) {
		t.Error("processGone says the process that started this one has ended")
	}
	if pid := goneProcess(t); !processGone(pid) {
		t.Errorf("processGone(%d) says a process that has ended is running", pid)
	}
}

// TestSwapByRenames replaces an output folder by the portable renames:
// the new output is in place, the old one is the spare, nothing else is
// left; and when the new folder cannot be moved in, the old output is
// put back.
func TestSwapByRenames(t *testing.T) {
	parent := t.TempDir()
	out, stage, spare := filepath.Join(parent, "public"), filepath.Join(parent, ".public.building-1"), filepath.Join(parent, ".public.spare")
	tree(t, out, map[string]string{Marker: "old", "a/index.html": "old a"})
	tree(t, stage, map[string]string{Marker: "new", "b/index.html": "new b"})
	if err := swapByRenames(stage, out, spare); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"public/" + Marker:           "new",
		"public/b/index.html":        "new b",
		".public.spare/" + Marker:    "old",
		".public.spare/a/index.html": "old a",
	}
	if diff := cmp.Diff(want, listing(t, parent)); diff != "" {
		t.Fatalf("after the swap (-want +got):\n%s", diff)
	}

	if err := os.RemoveAll(spare); err != nil {
		t.Fatal(err)
	}
	if err := swapByRenames(filepath.Join(parent, "missing"), out, spare); err == nil || !strings.Contains(err.Error(), "close any program") {
		t.Fatalf("swapping in a folder that does not exist: %v, want an error saying what to do", err)
	}
	want = map[string]string{"public/" + Marker: "new", "public/b/index.html": "new b"}
	if diff := cmp.Diff(want, listing(t, parent)); diff != "" {
		t.Fatalf("after a failed swap (-want +got):\n%s", diff)
	}
}

// TestRecoverOld leaves the folders that swapByRenames makes as a build
// stopped half way would, and checks what the next build makes of them.
func TestRecoverOld(t *testing.T) {
	pid := goneProcess(t)
	if !processGone(pid) {
		t.Skip("this system does not tell whether a process has ended")
	}
	gone := strconv.Itoa(pid)
	running := strconv.Itoa(os.Getppid())
	old := map[string]string{Marker: "old", "a.html": "old a"}
	cur := map[string]string{Marker: "cur", "c.html": "cur c"}
	for _, tc := range []struct {
		name   string
		before map[string]map[string]string // folder → files
		want   map[string]string
	}{{
		name:   "stopped before the new output was in place",
		before: map[string]map[string]string{".public.old-" + gone + "-1": old},
		want:   map[string]string{"public/" + Marker: "old", "public/a.html": "old a"},
	}, {
		name:   "stopped before the old output became the spare",
		before: map[string]map[string]string{"public": cur, ".public.old-" + gone + "-1": old},
		want:   map[string]string{"public/" + Marker: "cur", "public/c.html": "cur c", ".public.spare/" + Marker: "old", ".public.spare/a.html": "old a"},
	}, {
		name:   "stopped with a spare already there",
		before: map[string]map[string]string{"public": cur, ".public.spare": {"s.html": "s"}, ".public.old-" + gone + "-1": old},
		want:   map[string]string{"public/" + Marker: "cur", "public/c.html": "cur c", ".public.spare/s.html": "s"},
	}, {
		name:   "a folder without a marker is not an output",
		before: map[string]map[string]string{".public.spare": {"s.html": "s"}, ".public.old-" + gone + "-1": {"a.html": "a"}},
		want:   map[string]string{".public.spare/s.html": "s"},
	}, {
		name:   "a build still swapping",
		before: map[string]map[string]string{".public.old-" + running + "-1": old},
		want:   map[string]string{".public.old-" + running + "-1/" + Marker: "old", ".public.old-" + running + "-1/a.html": "old a"},
	}, {
		name:   "another output's folders",
		before: map[string]map[string]string{".site.old-" + gone + "-1": old},
		want:   map[string]string{".site.old-" + gone + "-1/" + Marker: "old", ".site.old-" + gone + "-1/a.html": "old a"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			for dir, files := range tc.before {
				tree(t, filepath.Join(parent, dir), files)
			}
			recoverOld(parent, "public")
			if diff := cmp.Diff(tc.want, listing(t, parent)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestClaimByRenames claims a spare folder onto an empty one, as on
// Windows, and fails, leaving the empty folder, when there is no spare.
func TestClaimByRenames(t *testing.T) {
	for name, claim := range map[string]func(from, to string) error{"portable": claimByRenames, "this system's": claimRename} {
		t.Run(name, func(t *testing.T) {
			parent := t.TempDir()
			spare, stage := filepath.Join(parent, ".public.spare"), filepath.Join(parent, ".public.building-1")
			tree(t, spare, map[string]string{"a.html": "a"})
			if err := os.Mkdir(stage, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := claim(spare, stage); err != nil {
				t.Fatal(err)
			}
			want := map[string]string{".public.building-1/a.html": "a"}
			if diff := cmp.Diff(want, listing(t, parent)); diff != "" {
				t.Fatalf("after claiming (-want +got):\n%s", diff)
			}
			if err := os.RemoveAll(stage); err != nil {
				t.Fatal(err)
			}
			if err := os.Mkdir(stage, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := claim(spare, stage); err == nil {
				t.Fatal("claiming a spare that is not there succeeded")
			}
			if entries, err := os.ReadDir(stage); err != nil || len(entries) > 0 {
				t.Fatalf("after a failed claim, the folder claimed into is not there empty: %v, %v", entries, err)
			}
		})
	}
}

// TestLockFile locks a file through one open file and fails to lock it
// through another until the first is closed.
func TestLockFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cache")
	if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	f1, err := os.OpenFile(p, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f1.Close()
	if err := lockFile(f1); errors.Is(err, errNoLock) {
		t.Skip("no locks on this system")
	} else if err != nil {
		t.Fatal(err)
	}
	f2, err := os.OpenFile(p, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f2.Close()
	if err := lockFile(f2); err != errLocked {
		t.Fatalf("locking a file locked through another open file: %v, want errLocked", err)
	}
	f1.Close()
	if err := lockFile(f2); err != nil {
		t.Fatalf("locking a file once its lock is let go: %v", err)
	}
}

// TestSpoolRenameOnClose saves a cache as on Windows, which cannot
// rename the spool while it is open: close renames it.
func TestSpoolRenameOnClose(t *testing.T) {
	dir := t.TempDir()
	cache := filepath.Join(dir, ".public.cache")
	s, err := newSpool(1, cache)
	if err != nil {
		t.Fatal(err)
	}
	s.put(0, "<p>site</p>", "<p>book</p>", "text")
	name := s.f.Name()
	s.renameTo = cache
	if err := s.close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(cache)
	if err != nil || !bytes.Equal(b, []byte("<p>site</p><p>book</p>text")) {
		t.Fatalf("the cache after close: %q, %v", b, err)
	}
	if _, err := os.Stat(name); !os.IsNotExist(err) {
		t.Errorf("the spool %s is still there: %v", name, err)
	}
}
