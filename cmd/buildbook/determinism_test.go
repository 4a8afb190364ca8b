package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

// TestCheckDeterministic runs check many times on testdata/ties.txtar,
// whose every "did you mean" has several equally good candidates, and
// checks that the output is the same to the byte every time, in every
// format, in this process and in processes of their own (whose maps are
// seeded afresh).
func TestCheckDeterministic(t *testing.T) {
	a, err := txtar.ParseFile("testdata/ties.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := contentFolder(t, a)
	ties := filepath.Join(dir, "case-studies", "ties.md")
	// The nearest candidate, ties broken by the smallest name.
	wantHints := []string{
		ties + `:8:12: unknown capital "xoral" (did you mean "coral"?)`,
		ties + `:9:1: unknown field "regoin" in the front matter (did you mean "region"?)`,
		ties + `:18:5: link to #lesson-d: there is no heading with that id in this file (did you mean #lesson-a?)`,
		`(did you mean plan-a.csv?)`,
		`(did you mean photo-a.csv?)`,
		`(did you mean #what-we-did?)`,
	}

	for _, format := range []string{"text", "github", "json"} {
		t.Run(format, func(t *testing.T) {
			check := func() string {
				code, stdout, stderr := runCLI(t, "check", "--content", dir, "--format", format)
				if code != 1 {
					t.Fatalf("exit %d, want 1\n%s", code, stderr)
				}
				return stdout + "\x00" + stderr
			}
			first := check()
			if format == "text" {
				for _, h := range wantHints {
					if !strings.Contains(first, h) {
						t.Errorf("no %q in:\n%s", h, first)
					}
				}
			}
			for i := range 20 {
				if got := check(); got != first {
					t.Fatalf("run %d differs from the first (-first +run):\n%s", i+2, cmp.Diff(first, got))
				}
			}
			if testing.Short() {
				return
			}
			exe, err := os.Executable()
			if err != nil {
				t.Fatal(err)
			}
			for i := range 3 {
				cmd := exec.Command(exe, "check", "--content", dir, "--format", format)
				cmd.Env = append(os.Environ(), "BUILDBOOK_TEST_MAIN=1")
				var stdout, stderr bytes.Buffer
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				if err := cmd.Run(); err == nil {
					t.Fatalf("process %d: check passed", i+1)
				}
				if got := stdout.String() + "\x00" + stderr.String(); got != first {
					t.Fatalf("process %d differs from the first run (-first +process):\n%s", i+1, cmp.Diff(first, got))
				}
			}
		})
	}
}

// TestCheckMessagesAreText checks that what a contributor writes reaches
// no format raw: terminal escapes, line breaks and bidirectional
// overrides in a term, a link, a field name and a file name are shown
// escaped.
func TestCheckMessagesAreText(t *testing.T) {
	dir := contentFolder(t, txtar.Parse([]byte("-- case-studies/esc.md --\n"+
		"---\ntitle: Escapes\nschool: Plashet School\nauthors: [A. Teacher]\ndate: 2024-06-30\nsummary: S.\n"+
		"pillars: [\"vis\\e[2Jion\"]\ncapitals: [\"mo\\u202eral\"]\n\"re\\rgion\\n::error file=x::forged\": x\n---\n\n"+
		"See [it](missing\x1b]8;;https://evil.example\x07.md) and [that](#a\u2066b).\n")))
	if err := os.WriteFile(filepath.Join(dir, "case-studies", "bad\x1b[31m.md"), []byte("not front matter\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"text", "github", "json"} {
		t.Run(format, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, "check", "--content", dir, "--format", format)
			if code != 1 {
				t.Fatalf("exit %d, want 1\n%s", code, stderr)
			}
			out := stdout + stderr
			for _, want := range []string{`\x1b[2J`, `\u202e`, `evil.example\x07.md does not exist`, `\u2066`, `bad\x1b[31m.md`} {
				if format == "json" {
					want = strings.ReplaceAll(want, `\`, `\\`)
				}
				if !strings.Contains(out, want) {
					t.Errorf("no %s in:\n%s", want, out)
				}
			}
			for i, r := range out {
				if r < 0x20 && r != '\n' || r == 0x7f || r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
					t.Errorf("raw %U at byte %d of:\n%q", r, i, out)
					break
				}
			}
			if format != "json" {
				for _, line := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
					if !strings.Contains(line, "esc.md") && !strings.Contains(line, "bad") {
						t.Errorf("a line that names no file: a message was split: %q", line)
					}
				}
			}
		})
	}
}
