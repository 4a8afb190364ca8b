package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

// want is one expected error: a file of the content folder, a line (and
// column, when given), and a word that the message must contain.
type want struct {
	file      string
	line, col int
	word      string
}

var wantRE = regexp.MustCompile(`^(\S+?):(\d+)(?::(\d+))? (.+)$`)

func parseWants(t *testing.T, comment []byte) []want {
	t.Helper()
	var ws []want
	for _, w := range directives(comment, "want") {
		m := wantRE.FindStringSubmatch(w)
		if m == nil {
			t.Fatalf("bad want line %q: write want: FILE:LINE[:COL] WORD", w)
		}
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		ws = append(ws, want{file: m[1], line: line, col: col, word: m[4]})
	}
	if len(ws) == 0 {
		t.Fatal("the fault has no want: line")
	}
	return ws
}

// matches reports whether a text-format line is the error w describes.
func (w want) matches(dir, line string) bool {
	prefix := fmt.Sprintf("%s:%d:", filepath.Join(dir, filepath.FromSlash(w.file)), w.line)
	if w.col > 0 {
		prefix += strconv.Itoa(w.col) + ":"
	}
	return strings.HasPrefix(line, prefix) && !strings.HasPrefix(line[len(prefix):], " warning:") &&
		strings.Contains(strings.ToLower(line[len(prefix):]), strings.ToLower(w.word))
}

// TestFaults runs every fault of the catalogue in testdata/faults: each
// must make check and build exit 1, name the file, the line and a word of
// the fault in all three formats, and leave an existing output folder
// byte-for-byte as it was.
func TestFaults(t *testing.T) {
	files, err := filepath.Glob("testdata/faults/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no faults in testdata/faults: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			a, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			wants := parseWants(t, a.Comment)

			// An output folder from a good build of the base content.
			out := filepath.Join(t.TempDir(), "public")
			if code, _, stderr := runCLI(t, "build", "--content", contentFolder(t, nil), "--out", out); code != 0 {
				t.Fatalf("building the base content: exit %d\n%s", code, stderr)
			}
			before, beside := hashTree(t, out), siblings(t, out)

			dir := contentFolder(t, a)
			code, _, stderr := runCLI(t, "check", "--content", dir)
			if code != 1 {
				t.Errorf("check: exit %d, want 1\n%s", code, stderr)
			}
			lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
			checkTextFormat(t, lines)
			for _, w := range wants {
				if !slices.ContainsFunc(lines, func(l string) bool { return w.matches(dir, l) }) {
					t.Errorf("check: no error at %s:%d:%d with %q in:\n%s", w.file, w.line, w.col, w.word, stderr)
				}
			}

			code, stdout, stderr := runCLI(t, "check", "--content", dir, "--format", "json")
			if code != 1 {
				t.Errorf("check --format json: exit %d, want 1\n%s", code, stderr)
			}
			var ds []struct {
				File, Severity, Message string
				Line, Col               int
			}
			if err := json.Unmarshal([]byte(stdout), &ds); err != nil {
				t.Fatalf("check --format json: %v\n%s", err, stdout)
			}
			for _, w := range wants {
				if !slices.ContainsFunc(ds, func(d struct {
					File, Severity, Message string
					Line, Col               int
				}) bool {
					return d.File == filepath.Join(dir, filepath.FromSlash(w.file)) && d.Line == w.line && (w.col == 0 || d.Col == w.col) &&
						d.Severity == "error" && strings.Contains(strings.ToLower(d.Message), strings.ToLower(w.word))
				}) {
					t.Errorf("check --format json: no error at %s:%d with %q in:\n%s", w.file, w.line, w.word, stdout)
				}
			}

			code, _, stderr = runCLI(t, "check", "--content", dir, "--format", "github")
			if code != 1 {
				t.Errorf("check --format github: exit %d, want 1", code)
			}
			for _, w := range wants {
				prefix := fmt.Sprintf("::error file=%s,line=%d,", escapeProperty(filepath.Join(dir, filepath.FromSlash(w.file))), w.line)
				if !slices.ContainsFunc(strings.Split(stderr, "\n"), func(l string) bool {
					return strings.HasPrefix(l, prefix) && strings.Contains(strings.ToLower(l), strings.ToLower(w.word))
				}) {
					t.Errorf("check --format github: no line starting %s with %q in:\n%s", prefix, w.word, stderr)
				}
			}

			code, _, stderr = runCLI(t, "build", "--content", dir, "--out", out)
			if code != 1 {
				t.Errorf("build: exit %d, want 1\n%s", code, stderr)
			}
			for _, w := range wants {
				if !slices.ContainsFunc(strings.Split(stderr, "\n"), func(l string) bool { return w.matches(dir, l) }) {
					t.Errorf("build: no error at %s:%d with %q in:\n%s", w.file, w.line, w.word, stderr)
				}
			}
			if diff := cmp.Diff(before, hashTree(t, out)); diff != "" {
				t.Errorf("the failed build changed the output folder (-before +after):\n%s", diff)
			}
			if diff := cmp.Diff(beside, siblings(t, out)); diff != "" {
				t.Errorf("the failed build left files beside the output folder (-before +after):\n%s", diff)
			}
		})
	}
}

// escapeProperty escapes a file name as GitHub workflow commands do.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

var textLineRE = regexp.MustCompile(`^(.+?):(\d+):(\d+): (warning: )?\S`)

// checkTextFormat checks that every line of standard error is a
// diagnostic, file:line:col: message, and that they are sorted by file,
// line and column.
func checkTextFormat(t *testing.T, lines []string) {
	t.Helper()
	type pos struct {
		file      string
		line, col int
	}
	var prev pos
	for i, l := range lines {
		m := textLineRE.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("standard error line %q is not file:line:col: message", l)
			continue
		}
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		p := pos{m[1], line, col}
		if i > 0 && (p.file < prev.file || p.file == prev.file && (p.line < prev.line || p.line == prev.line && p.col < prev.col)) {
			t.Errorf("diagnostics not sorted: %q after %v", l, prev)
		}
		prev = p
	}
}
