package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"
)

// gitRepo makes a git repository in a new folder holding the sample
// content, committed on main, and returns the folder and a function that
// runs git in it.
func gitRepo(t *testing.T) (string, func(args ...string)) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("git is needed")
		}
		t.Skip("no git")
	}
	repo := t.TempDir()
	if err := os.CopyFS(filepath.Join(repo, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", repo, "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	git("init", "-q")
	git("add", "-A")
	git("commit", "-q", "-m", "the sample book")
	return repo, git
}

// editRepo makes the changes of a pull request in the content of repo: a
// case study's title changed (to one that Markdown and HTML would read),
// one added, one removed, a picture of a bundle changed, and book.yaml.
func editRepo(t *testing.T, repo string) {
	t.Helper()
	file := func(p string) string { return filepath.Join(repo, "content", filepath.FromSlash(p)) }
	replace := func(p, old, new string) {
		t.Helper()
		b, err := os.ReadFile(file(p))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("%s has no %q", p, old)
		}
		if err := os.WriteFile(file(p), []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	replace("case-studies/coaching-triads.md", `title = "Coaching triads:`, `title = "Coaching | in *threes* <script>:`)
	replace("case-studies/early-words/garden-plan.svg", `width="480"`, `width="481"`)
	replace("book.yaml", "subtitle:", "subtitle: New")
	if err := os.Remove(file("case-studies/second-chances.md")); err != nil {
		t.Fatal(err)
	}
	text := "---\ntitle: Reading for pleasure\nschool: Hillside Primary\nauthors: [Sam Roe]\ndate: 2025-02-01\nsummary: A short summary.\npillars: [curriculum]\n---\n\nText.\n"
	if err := os.WriteFile(file("case-studies/reading-for-pleasure.md"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// wantSummary is the summary of editRepo's changes, without the preview note.
const wantSummary = "### What this pull request publishes\n\n" +
	"Case studies: 1 added, 2 changed, 1 removed.\n\n" +
	"| | Case study | File | Page once published |\n| --- | --- | --- | --- |\n" +
	"| changed | Coaching \\| in \\*threes\\* &lt;script&gt;: professional development that teachers own | `case-studies/coaching-triads.md` | `https://example.org/going-for-great/case-studies/coaching-triads/` |\n" +
	"| changed | Early words: home visits and a talking garden | `case-studies/early-words/index.md` | `https://example.org/going-for-great/case-studies/early-words/` |\n" +
	"| added | Reading for pleasure | `case-studies/reading-for-pleasure.md` | `https://example.org/going-for-great/case-studies/reading-for-pleasure/` |\n" +
	"| removed |  | `case-studies/second-chances.md` |  |\n\n" +
	"Other content files:\n\n- `book.yaml` (changed)\n\n"

// TestChanges lists the changes since the last commit, not yet committed,
// as a teacher would before opening a pull request.
func TestChanges(t *testing.T) {
	repo, _ := gitRepo(t)
	content := filepath.Join(repo, "content")
	code, stdout, stderr := runCLI(t, "changes", "--content", content, "--since", "HEAD")
	if code != 0 || stdout != "### What this pull request publishes\n\nNo case study is added, changed or removed.\n\n" {
		t.Errorf("nothing changed: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	editRepo(t, repo)
	code, stdout, stderr = runCLI(t, "changes", "--content", content, "--since", "HEAD")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if diff := cmp.Diff(wantSummary, stdout); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}

	for _, tc := range []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"no revision", []string{"changes", "--content", content}, 2, "give the git revision to compare with"},
		{"a revision that is an option", []string{"changes", "--content", content, "--since", "--output=/tmp/x"}, 2, "give the git revision to compare with"},
		{"an unknown revision", []string{"changes", "--content", content, "--since", "no-such-branch"}, 1, "buildbook changes: git diff: "},
		{"not a git repository", []string{"changes", "--content", t.TempDir(), "--since", "HEAD"}, 1, "buildbook changes: git diff: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.err) {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, stderr)
			}
		})
	}
}

// TestChangesWorkflowStep runs the pull-request workflow's summary step,
// as .github/workflows/check.yml has it, on a merge commit like the one
// GitHub checks out for a pull request, and reads the job summary it
// appends to.
func TestChangesWorkflowStep(t *testing.T) {
	if testing.Short() {
		t.Skip("builds buildbook")
	}
	if runtime.GOOS == "windows" {
		t.Skip("the workflow runs on Linux")
	}
	b, err := os.ReadFile("../../.github/workflows/check.yml")
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				Name, If, Run string
			}
		}
	}
	if err := yaml.Unmarshal(b, &wf); err != nil {
		t.Fatal(err)
	}
	var step string
	for _, s := range wf.Jobs["check"].Steps {
		if s.Name == "Summarise the pull request" {
			step = s.Run
		}
	}
	if step == "" {
		t.Fatal(`check.yml has no step "Summarise the pull request" in its job check`)
	}

	runner := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(runner, "buildbook"), ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	repo, git := gitRepo(t)
	git("checkout", "-q", "-b", "pull")
	editRepo(t, repo)
	git("add", "-A")
	git("commit", "-q", "-m", "a pull request")
	git("checkout", "-q", "main")
	// main moves on after the pull request's branch left it: its change
	// is not the pull request's.
	if err := os.WriteFile(filepath.Join(repo, "content", "pages", "help.md"), []byte("---\ntitle: Help\n---\n\nHelp.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	git("add", "-A")
	git("commit", "-q", "-m", "main moves on")
	git("merge", "-q", "--no-ff", "-m", "the merge commit GitHub checks out", "pull")

	summary := filepath.Join(runner, "summary.md")
	if err := os.WriteFile(summary, []byte("Earlier steps' summary.\n\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// As GitHub runs a step's run: bash with -e and pipefail.
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step)
	cmd.Dir = repo
	cmd.Env = append(os.Environ(), "RUNNER_TEMP="+runner, "GITHUB_STEP_SUMMARY="+summary)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the step failed: %v\n%s", err, out)
	}
	got, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	head, rest, _ := strings.Cut(string(got), "### What this pull request publishes\n\n")
	if head != "Earlier steps' summary.\n\n" {
		t.Errorf("the summary was not appended to: it starts %q", head)
	}
	note, rest, _ := strings.Cut(rest, "\n\n")
	if !strings.Contains(note, "download the artifact preview") {
		t.Errorf("no note on the preview: %q", note)
	}
	if diff := cmp.Diff(wantSummary, "### What this pull request publishes\n\n"+rest); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
}
