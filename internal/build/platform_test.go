package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"buildbook/internal/store"

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

// TestSwapByRenames replaces an output folder by the portable renames:
// the new output is in place, the old one is the spare, nothing else is
// left; and when the new folder cannot be moved in, the old output is
// put back.
func TestSwapByRenames(t *testing.T) {
	parent := t.TempDir()
	out, stage, spare := filepath.Join(parent, "public"), filepath.Join(parent, ".public.building-1"), filepath.Join(parent, ".public.spare")
	tree(t, out, map[string]string{store.Marker: "old", "a/index.html": "old a"})
	tree(t, stage, map[string]string{store.Marker: "new", "b/index.html": "new b"})
	if err := swapByRenames(stage, out, spare); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"public/" + store.Marker:        "new",
		"public/b/index.html":           "new b",
		".public.spare/" + store.Marker: "old",
		".public.spare/a/index.html":    "old a",
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
	want = map[string]string{"public/" + store.Marker: "new", "public/b/index.html": "new b"}
	if diff := cmp.Diff(want, listing(t, parent)); diff != "" {
		t.Fatalf("after a failed swap (-want +got):\n%s", diff)
	}
}

// TestRecoverOld leaves the folders that swapByRenames makes as a build
// stopped half way would, and checks what the next build makes of them.
func TestRecoverOld(t *testing.T) {
	pid := goneProcess(t)
	if !store.ProcessGone(pid) {
		t.Skip("this system does not tell whether a process has ended")
	}
	gone := strconv.Itoa(pid)
	running := strconv.Itoa(os.Getppid())
	old := map[string]string{store.Marker: "old", "a.html": "old a"}
	cur := map[string]string{store.Marker: "cur", "c.html": "cur c"}
	for _, tc := range []struct {
		name   string
		before map[string]map[string]string // folder → files
		want   map[string]string
	}{{
		name:   "stopped before the new output was in place",
		before: map[string]map[string]string{".public.old-" + gone + "-1": old},
		want:   map[string]string{"public/" + store.Marker: "old", "public/a.html": "old a"},
	}, {
		name:   "stopped before the old output became the spare",
		before: map[string]map[string]string{"public": cur, ".public.old-" + gone + "-1": old},
		want:   map[string]string{"public/" + store.Marker: "cur", "public/c.html": "cur c", ".public.spare/" + store.Marker: "old", ".public.spare/a.html": "old a"},
	}, {
		name:   "stopped with a spare already there",
		before: map[string]map[string]string{"public": cur, ".public.spare": {"s.html": "s"}, ".public.old-" + gone + "-1": old},
		want:   map[string]string{"public/" + store.Marker: "cur", "public/c.html": "cur c", ".public.spare/s.html": "s"},
	}, {
		name:   "a folder without a marker is not an output",
		before: map[string]map[string]string{".public.spare": {"s.html": "s"}, ".public.old-" + gone + "-1": {"a.html": "a"}},
		want:   map[string]string{".public.spare/s.html": "s"},
	}, {
		name:   "a build still swapping",
		before: map[string]map[string]string{".public.old-" + running + "-1": old},
		want:   map[string]string{".public.old-" + running + "-1/" + store.Marker: "old", ".public.old-" + running + "-1/a.html": "old a"},
	}, {
		name:   "another output's folders",
		before: map[string]map[string]string{".site.old-" + gone + "-1": old},
		want:   map[string]string{".site.old-" + gone + "-1/" + store.Marker: "old", ".site.old-" + gone + "-1/a.html": "old a"},
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
