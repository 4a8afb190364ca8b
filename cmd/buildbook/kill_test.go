package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestMain lets the test binary act as buildbook itself, so that a test
// can run a build in a process of its own and kill it.
func TestMain(m *testing.M) {
	if os.Getenv("BUILDBOOK_TEST_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// addCaseStudies writes n generated case studies into the content folder.
func addCaseStudies(t *testing.T, dir string, n int, title string) {
	t.Helper()
	body := strings.Repeat("The school changed how it teaches reading, and it worked. ", 40)
	for i := range n {
		text := fmt.Sprintf("---\ntitle: %s %d\nschool: School %d\nauthors: [A. Teacher]\ndate: 2020-01-%02d\nsummary: Case %d.\npillars: [vision]\ncapitals: [moral]\n---\n\n## Context\n\n%s\n\n## Lessons\n\n%s\n",
			title, i, i%97, 1+i%28, i, body, body)
		if err := os.WriteFile(filepath.Join(dir, "case-studies", fmt.Sprintf("gen-%04d.md", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBuildKilledWhileWriting kills a build while it writes its files and
// checks that the previous site is untouched, and that the next build
// succeeds and leaves nothing behind.
func TestBuildKilledWhileWriting(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large site")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for attempt, n := 0, 800; attempt < 4; attempt, n = attempt+1, n*2 {
		dir := contentFolder(t, nil)
		addCaseStudies(t, dir, n, "First")
		out := filepath.Join(t.TempDir(), "public")
		if code, _, stderr := runCLI(t, "build", "--content", dir, "--out", out); code != 0 {
			t.Fatalf("first build: exit %d\n%s", code, stderr)
		}
		before := hashTree(t, out)

		// The second build changes every page, so that it writes them all.
		addCaseStudies(t, dir, n, "Second")
		cmd := exec.Command(exe, "build", "--content", dir, "--out", out)
		cmd.Env = append(os.Environ(), "BUILDBOOK_TEST_MAIN=1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		killed := false
	watch:
		for {
			select {
			case <-done:
				break watch
			default:
			}
			if writing(filepath.Dir(out), 200) {
				if err := cmd.Process.Kill(); err == nil {
					killed = true
				}
				<-done
				break
			}
			time.Sleep(100 * time.Microsecond)
		}
		if !killed {
			t.Logf("the build of %d case studies ended before it could be killed while writing; trying a larger one", n)
			continue
		}
		if diff := cmp.Diff(before, hashTree(t, out)); diff != "" {
			t.Fatalf("a killed build changed the output folder (-before +after):\n%s", diff)
		}

		// The next build replaces the site and clears what the killed one left.
		if code, _, stderr := runCLI(t, "build", "--content", dir, "--out", out); code != 0 {
			t.Fatalf("build after the killed one: exit %d\n%s", code, stderr)
		}
		page, err := os.ReadFile(filepath.Join(out, "case-studies", "gen-0001", "index.html"))
		if err != nil || !strings.Contains(string(page), "Second 1") {
			t.Errorf("the build after the killed one did not write the new site: %v", err)
		}
		for _, name := range siblings(t, out) {
			if strings.Contains(name, ".building-") {
				t.Errorf("left behind after the next build: %s", name)
			}
		}
		return
	}
	t.Fatal("no build could be killed while writing")
}

// writing reports whether a build's staging folder beside the output holds
// at least min files.
func writing(parent string, min int) bool {
	matches, _ := filepath.Glob(filepath.Join(parent, ".public.building-*"))
	for _, m := range matches {
		count := 0
		_ = filepath.WalkDir(m, func(_ string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				count++
			}
			if count >= min {
				return filepath.SkipAll
			}
			return nil
		})
		if count >= min {
			return true
		}
	}
	return false
}
