package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"buildbook/internal/par"
)

// TestExitStatus checks the exit status of each command: 0 success, 1
// content errors, 2 usage errors.
func TestExitStatus(t *testing.T) {
	good := contentFolder(t, nil)
	bad := contentFolder(t, txtar.Parse([]byte("-- case-studies/art.md --\n---\ntitle: T\n---\n")))
	warned := contentFolder(t, txtar.Parse([]byte("-- pages/about.md --\n---\ntitle: About\n---\n\nSome <b>bold</b> text.\n")))
	out := filepath.Join(t.TempDir(), "public")
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"no command", nil, 2},
		{"help", []string{"help"}, 0},
		{"unknown command", []string{"biuld"}, 2},
		{"check good content", []string{"check", "--content", good}, 0},
		{"check bad content", []string{"check", "--content", bad}, 1},
		{"check a folder that does not exist", []string{"check", "--content", filepath.Join(good, "nope")}, 1},
		{"check warnings", []string{"check", "--content", warned}, 0},
		{"check warnings with --strict", []string{"check", "--content", warned, "--strict"}, 1},
		{"check warnings with --strict as JSON", []string{"check", "--content", warned, "--strict", "--format", "json"}, 1},
		{"check with an unknown format", []string{"check", "--content", good, "--format", "xml"}, 2},
		{"check with an unknown flag", []string{"check", "--contnet", good}, 2},
		{"check with an argument", []string{"check", "--content", good, "extra"}, 2},
		{"check -h", []string{"check", "-h"}, 0},
		{"build good content", []string{"build", "--content", good, "--out", out}, 0},
		{"build bad content", []string{"build", "--content", bad, "--out", out}, 1},
		{"build with an argument", []string{"build", "--content", good, "--out", out, "extra"}, 2},
		{"build with a full --base-url", []string{"build", "--content", good, "--out", out, "--base-url", "https://example.org/book"}, 0},
		{"build with a --base-url with a space", []string{"build", "--content", good, "--out", out, "--base-url", "/a b/"}, 2},
		{"build with a --base-url that is script", []string{"build", "--content", good, "--out", out, "--base-url", "javascript:alert(1)"}, 2},
		{"build with --downloads that is not a folder", []string{"build", "--content", good, "--out", out, "--downloads", filepath.Join(good, "nope")}, 2},
		{"build with --downloads holding a stray file", []string{"build", "--content", good, "--out", out, "--downloads", filepath.Join(good, "case-studies")}, 1},
		{"new without a title", []string{"new", "--content", good}, 2},
		{"new with a title of punctuation", []string{"new", "--content", good, "!!!"}, 2},
		{"new in a folder that does not exist", []string{"new", "--content", filepath.Join(good, "nope"), "A title"}, 1},
		{"new over an existing case study", []string{"new", "--content", good, "Art"}, 1},
		{"new over an existing bundle", []string{"new", "--content", good, "Garden"}, 1},
		{"schema", []string{"schema", "--content", good}, 0},
		{"schema with an argument", []string{"schema", "--content", good, "extra"}, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tc.args...)
			if code != tc.want {
				t.Errorf("buildbook %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(tc.args, " "), code, tc.want, stdout, stderr)
			}
		})
	}
}

// TestCheckFormats checks the three output formats of check, on content
// with one error and one warning.
func TestCheckFormats(t *testing.T) {
	dir := contentFolder(t, txtar.Parse([]byte(`-- case-studies/art.md --
---
title: Art
school: Plashet School
authors: [A. Teacher]
date: 2024-06-30
summary: S.
pillars: [vision, curiculum]
capitals: [knowledge]
---

Some <b>bold</b> text.
`)))
	art := filepath.Join(dir, "case-studies", "art.md")
	tests := []struct {
		format         string
		stdout, stderr string
	}{
		{"text", "buildbook check: 1 error, 2 warnings\nThe pull-request check (buildbook check --strict) fails on warnings too: fix both warnings before you open a pull request.\n", art + `:7:19: unknown pillar "curiculum" (did you mean "curriculum"?)
` + art + `:11:6: warning: raw HTML <b> is not published: write it in Markdown instead
` + art + `:11:13: warning: raw HTML </b> is not published: write it in Markdown instead
`},
		{"github", "", `::error file=` + escapeProperty(art) + `,line=7,col=19,title=buildbook error::unknown pillar "curiculum" (did you mean "curriculum"?)
::warning file=` + escapeProperty(art) + `,line=11,col=6,title=buildbook warning::raw HTML <b> is not published: write it in Markdown instead
::warning file=` + escapeProperty(art) + `,line=11,col=13,title=buildbook warning::raw HTML </b> is not published: write it in Markdown instead
`},
	}
	for _, tc := range tests {
		t.Run(tc.format, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, "check", "--content", dir, "--format", tc.format)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			if diff := cmp.Diff(tc.stdout, stdout); diff != "" {
				t.Errorf("stdout (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.stderr, stderr); diff != "" {
				t.Errorf("stderr (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("json", func(t *testing.T) {
		code, stdout, stderr := runCLI(t, "check", "--content", dir, "--format", "json")
		if code != 1 {
			t.Errorf("exit %d, want 1", code)
		}
		if stderr != "" {
			t.Errorf("stderr: %q, want nothing", stderr)
		}
		type item struct {
			File     string `json:"file"`
			Line     int    `json:"line"`
			Col      int    `json:"col"`
			Severity string `json:"severity"`
			Message  string `json:"message"`
		}
		var got []item
		if err := json.Unmarshal([]byte(stdout), &got); err != nil {
			t.Fatalf("%v\n%s", err, stdout)
		}
		want := []item{
			{art, 7, 19, "error", `unknown pillar "curiculum" (did you mean "curriculum"?)`},
			{art, 11, 6, "warning", "raw HTML <b> is not published: write it in Markdown instead"},
			{art, 11, 13, "warning", "raw HTML </b> is not published: write it in Markdown instead"},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("JSON (-want +got):\n%s", diff)
		}
	})
	t.Run("json without problems", func(t *testing.T) {
		code, stdout, _ := runCLI(t, "check", "--content", contentFolder(t, nil), "--format", "json")
		if code != 0 || stdout != "[]\n" {
			t.Errorf("exit %d, stdout %q; want 0 and []", code, stdout)
		}
	})
	t.Run("text without problems", func(t *testing.T) {
		good := contentFolder(t, nil)
		code, stdout, stderr := runCLI(t, "check", "--content", good)
		if code != 0 || stderr != "" || stdout != good+": no errors\n" {
			t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
		}
	})
}

// TestCheckWritesNothing checks that check leaves the content folder and
// an output folder as they were.
func TestCheckWritesNothing(t *testing.T) {
	dir := contentFolder(t, nil)
	out := filepath.Join(filepath.Dir(dir), "public")
	if code, _, stderr := runCLI(t, "build", "--content", dir, "--out", out); code != 0 {
		t.Fatal(stderr)
	}
	parent := filepath.Dir(dir)
	before := hashTree(t, parent)
	for _, args := range [][]string{{"check", "--content", dir}, {"check", "--content", dir, "--format", "json"}, {"schema", "--content", dir}} {
		runCLI(t, args...)
	}
	if diff := cmp.Diff(before, hashTree(t, parent)); diff != "" {
		t.Errorf("check changed files (-before +after):\n%s", diff)
	}
}

// TestBuildRefusesForeignFolder checks that build never replaces a folder
// it did not write, and leaves it as it was.
func TestBuildRefusesForeignFolder(t *testing.T) {
	dir := contentFolder(t, nil)
	out := filepath.Join(t.TempDir(), "homework")
	writeArchive(t, out, txtar.Parse([]byte("-- essay.docx --\nmy essay\n-- notes/todo.txt --\nfinish it\n")))
	before := hashTree(t, out)
	code, _, stderr := runCLI(t, "build", "--content", dir, "--out", out)
	if code != 1 || !strings.Contains(stderr, "did not write") {
		t.Errorf("build into a folder of other files: exit %d, %s", code, stderr)
	}
	if diff := cmp.Diff(before, hashTree(t, out)); diff != "" {
		t.Errorf("build changed a folder it did not write (-before +after):\n%s", diff)
	}
}

// TestBaseURLFlagRefused checks that a --base-url that is not a URL is a
// usage error that says what to write, and that nothing is built.
func TestBaseURLFlagRefused(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	code, stdout, stderr := runCLI(t, "build", "--content", contentFolder(t, nil), "--out", out, "--base-url", `/"><script src=/a.txt></script>`)
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	want := "buildbook build: --base-url \"/\\\"><script src=/a.txt></script>\" holds the character \", which a base URL cannot hold"
	if !strings.HasPrefix(stderr, want) || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "/going-for-great/") {
		t.Errorf("standard error is not one line starting %q and saying what to write:\n%s", want, stderr)
	}
	if stdout != "" {
		t.Errorf("standard output: %q, want nothing", stdout)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("the output folder was made: %v", err)
	}
}

// TestGuard checks that a panic in a command, in its own goroutine or in
// a worker of par.For, becomes one line on standard error and exit 1.
func TestGuard(t *testing.T) {
	t.Setenv("BUILDBOOK_DEBUG", "")
	for name, boom := range map[string]func(){
		"in the command": func() { panic("index out of range [3] with length 3\n\tat somewhere") },
		"in a worker": func() {
			par.For(4, func(i int) {
				if i == 2 {
					panic(fmt.Errorf("a bug with \x1b[31mcolour\x1b[0m"))
				}
			})
		},
	} {
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := guard(func(args []string, stdout, stderr io.Writer) int {
				fmt.Fprintln(stdout, "working")
				boom()
				return 0
			}, []string{"build", "--content", "x"}, &stdout, &stderr)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			line := stderr.String()
			if !strings.HasPrefix(line, "buildbook build: internal error: ") || strings.Count(line, "\n") != 1 || !strings.HasSuffix(line, "\n") ||
				strings.Contains(line, "goroutine") || strings.ContainsRune(line, '\x1b') || !strings.Contains(line, "report it") {
				t.Errorf("standard error is not one line naming the command and the bug:\n%q", line)
			}
		})
	}
	var stderr bytes.Buffer
	if code := guard(func([]string, io.Writer, io.Writer) int { return 2 }, nil, io.Discard, &stderr); code != 2 || stderr.Len() != 0 {
		t.Errorf("a command that does not panic: exit %d, standard error %q", code, stderr.String())
	}
}
