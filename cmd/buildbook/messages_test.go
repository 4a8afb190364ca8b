package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

// TestUnknownCommand checks that a mistyped command is a usage error that
// names the command meant.
func TestUnknownCommand(t *testing.T) {
	tests := []struct{ arg, want string }{
		{"chek", `buildbook: unknown command "chek" (did you mean "check"?)`},
		{"biuld", `buildbook: unknown command "biuld" (did you mean "build"?)`},
		{"Check", `buildbook: unknown command "Check" (did you mean "check"?)`},
		{"serv", `buildbook: unknown command "serv" (did you mean "serve"?)`},
		{"publish", `buildbook: unknown command "publish"`},
		{"\x1b[31m", `buildbook: unknown command "\x1b[31m"`},
	}
	for _, tc := range tests {
		t.Run(tc.arg, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tc.arg)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			first, rest, _ := strings.Cut(stderr, "\n")
			if first != tc.want {
				t.Errorf("first line of standard error:\n got %s\nwant %s", first, tc.want)
			}
			if !strings.Contains(rest, "Commands:") || stdout != "" {
				t.Errorf("no usage after the message, or standard output %q:\n%s", stdout, stderr)
			}
		})
	}
}

// TestCheckSaysWarningsFailPullRequests checks that a local check with
// warnings says that the pull-request check fails on them, keeping its exit
// status, and that --strict and the other formats do not.
func TestCheckSaysWarningsFailPullRequests(t *testing.T) {
	note := func(which string) string {
		return "The pull-request check (buildbook check --strict) fails on warnings too: fix " + which + " before you open a pull request.\n"
	}
	one := contentFolder(t, txtar.Parse([]byte("-- pages/about.md --\n---\ntitle: About\n---\n\nSome <br> text.\n")))
	three := contentFolder(t, txtar.Parse([]byte("-- pages/about.md --\n---\ntitle: About\n---\n\nSome <b>bold</b> <br> text.\n")))
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
	}{
		{"one warning", []string{"check", "--content", one}, 0, one + ": no errors, 1 warning\n" + note("the warning")},
		{"three warnings", []string{"check", "--content", three}, 0, three + ": no errors, 3 warnings\n" + note("all 3 warnings")},
		{"--strict", []string{"check", "--content", one, "--strict"}, 1, "buildbook check: 0 errors, 1 warning\n"},
		{"github", []string{"check", "--content", one, "--format", "github"}, 0, ""},
		{"no warnings", []string{"check", "--content", contentFolder(t, nil)}, 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("GITHUB_STEP_SUMMARY", "")
			code, stdout, _ := runCLI(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d", code, tc.code)
			}
			if tc.name == "no warnings" {
				if strings.Contains(stdout, "pull-request") {
					t.Errorf("standard output speaks of warnings: %q", stdout)
				}
				return
			}
			if diff := cmp.Diff(tc.stdout, stdout); diff != "" {
				t.Errorf("standard output (-want +got):\n%s", diff)
			}
		})
	}
}

// TestStepSummary checks that check --format github appends every problem
// to the job summary named by $GITHUB_STEP_SUMMARY, as a Markdown table
// that shows what contributors wrote as text.
func TestStepSummary(t *testing.T) {
	dir := contentFolder(t, txtar.Parse([]byte("-- case-studies/art.md --\n---\ntitle: Art\nschool: Plashet School\nauthors: [A. Teacher]\ndate: 2024-06-30\nsummary: S.\npillars: [vision, \"a|b`<img src=x>\\n*c*\"]\ncapitals: [knowledge]\n---\n\nSome <b>bold</b> text.\n")))
	summary := filepath.Join(t.TempDir(), "summary.md")
	if err := os.WriteFile(summary, []byte("# Earlier step\n\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GITHUB_STEP_SUMMARY", summary)
	code, stdout, _ := runCLI(t, "check", "--content", dir, "--format", "github", "--strict")
	if code != 1 || stdout != "" {
		t.Errorf("exit %d, standard output %q; want 1 and nothing", code, stdout)
	}
	got, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	art := strings.ReplaceAll(filepath.Join(dir, "case-studies", "art.md"), "_", `\_`)
	want := "# Earlier step\n\n## buildbook check\n\n**1 error and 2 warnings** in 1 file. The pull-request check passes when there are none.\n\n" +
		"| File | Line | Kind | Problem |\n| --- | --: | --- | --- |\n" +
		"| " + art + ` | 7 | error | unknown pillar "a\|b` + "\\`" + `&lt;img src=x&gt;\\n\*c\*": use one of "vision" or "curriculum" |` + "\n" +
		"| " + art + " | 11 | warning | raw HTML &lt;b&gt; is not published: write it in Markdown instead |\n" +
		"| " + art + " | 11 | warning | raw HTML &lt;/b&gt; is not published: write it in Markdown instead |\n\n"
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("job summary (-want +got):\n%s", diff)
	}

	t.Run("no problems", func(t *testing.T) {
		summary := filepath.Join(t.TempDir(), "summary.md")
		t.Setenv("GITHUB_STEP_SUMMARY", summary)
		if code, _, stderr := runCLI(t, "check", "--content", contentFolder(t, nil), "--format", "github", "--strict"); code != 0 {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		got, _ := os.ReadFile(summary)
		if want := "## buildbook check\n\nNo errors and no warnings.\n\n"; string(got) != want {
			t.Errorf("job summary %q, want %q", got, want)
		}
	})
	t.Run("text format writes none", func(t *testing.T) {
		summary := filepath.Join(t.TempDir(), "summary.md")
		t.Setenv("GITHUB_STEP_SUMMARY", summary)
		runCLI(t, "check", "--content", dir)
		if _, err := os.Stat(summary); !os.IsNotExist(err) {
			t.Errorf("check --format text wrote a job summary: %v", err)
		}
	})
}

// TestOutsideBook checks that build, check, serve, pdf and new, run
// outside a book folder with the default --content, say where to run
// them: the folder above that holds content/book.yaml, or what a book
// folder looks like.
func TestOutsideBook(t *testing.T) {
	top := t.TempDir()
	book := filepath.Join(top, "book")
	writeArchive(t, book, txtar.Parse([]byte("-- content/book.yaml --\ntitle: T\n-- notes/week1/x.txt --\nx\n-- repo/.git/HEAD --\nref\n-- repo/src/x.txt --\nx\n-- empty/x.txt --\nx\n")))
	commands := [][]string{{"build"}, {"check"}, {"serve"}, {"pdf"}, {"new", "A title"}}
	tests := []struct {
		name, dir, want string
	}{
		{"two folders down", filepath.Join(book, "notes", "week1"), "there is no book in this folder (no content/book.yaml): run buildbook from " + book + ", or give --content ../../content\n"},
		{"in the content folder", filepath.Join(book, "content"), "there is no book in this folder (no content/book.yaml): run buildbook from " + book + ", or give --content .\n"},
		{"inside another repository", filepath.Join(book, "repo", "src"), "there is no book in this folder, " + filepath.Join(book, "repo", "src") + ", nor in the 5 folders above it. Run buildbook in the folder of a book: the one that holds the folder content, with book.yaml, taxonomies.yaml and case-studies/ in it. Or give the content folder's path with --content\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(tc.dir)
			for _, args := range commands {
				code, stdout, stderr := runCLI(t, args...)
				if want := "buildbook " + args[0] + ": " + tc.want; stderr != want {
					t.Errorf("buildbook %s: standard error\n got %q\nwant %q", args[0], stderr, want)
				}
				if code == 0 || stdout != "" {
					t.Errorf("buildbook %s: exit %d, standard output %q", args[0], code, stdout)
				}
			}
		})
	}
	t.Run("in the book folder", func(t *testing.T) {
		t.Chdir(book)
		code, _, stderr := runCLI(t, "check")
		if strings.Contains(stderr, "no book") || code != 1 || !strings.Contains(stderr, "taxonomies.yaml") {
			t.Errorf("exit %d: %s", code, stderr)
		}
	})
	t.Run("--content given", func(t *testing.T) {
		t.Chdir(filepath.Join(book, "notes"))
		code, _, stderr := runCLI(t, "check", "--content", "content")
		if strings.Contains(stderr, "no book") || code != 1 {
			t.Errorf("exit %d: %s", code, stderr)
		}
	})
}
