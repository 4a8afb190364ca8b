package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os/exec"
	"path"
	"slices"
	"strings"

	"buildbook/internal/build"
	"buildbook/internal/content"
	"buildbook/internal/diag"
	"buildbook/internal/paths"
)

func init() {
	commands["changes"] = command{"list, as Markdown, the case studies added, changed or removed since a git revision, with their titles and pages", runChanges}
}

// runChanges prints a Markdown summary of what the content folder's
// changes since a git revision do to the site: the case studies added,
// changed and removed, each with its title and its page, and the other
// content files changed. The pull-request workflow appends it to the job
// summary, so that a reviewer sees what a pull request publishes; it
// needs nothing but git and the checkout.
func runChanges(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("buildbook changes", flag.ContinueOnError)
	var cf contentFlags
	cf.register(fs)
	since := fs.String("since", "", "the git `revision` to compare with (a pull request's base: HEAD^1 of its merge commit); changes not yet committed count too")
	preview := fs.String("preview", "", "a `note` on where the pages can be seen before they are published, printed under the title")
	pos, status := parseFlags(fs, args, stderr)
	if status != 0 {
		return flagsDone(status)
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "buildbook changes: unexpected argument %q\n", pos[0])
		return 2
	}
	if *since == "" || strings.HasPrefix(*since, "-") {
		fmt.Fprintf(stderr, "buildbook changes: give the git revision to compare with, as --since REV (for a pull request, its base: HEAD^1 of the merge commit)\n")
		return 2
	}
	if cf.outsideBook("changes", stderr) {
		return 1
	}
	files, err := changedFiles(cf.content, *since)
	if err != nil {
		fmt.Fprintf(stderr, "buildbook changes: %s\n", diag.Text(err.Error()))
		return 1
	}
	fsys, err := build.ContentFS(cf.content)
	if err != nil {
		fmt.Fprintf(stderr, "buildbook changes: cannot read the content folder: %s\n", diag.Text(err.Error()))
		return 1
	}
	// Drafts are loaded too, to be named as drafts; problems are check's
	// to report, and a case study that does not load is listed by its file.
	var diags diag.List
	site := content.Load(fsys, content.Options{Root: cf.content, Drafts: true}, &diags)
	writeChanges(stdout, site, files, *preview)
	return 0
}

// change is a file of the content folder that changed: its status (A
// added, M changed, D removed) and its path in the folder.
type change struct {
	status byte
	file   string
}

// changedFiles lists the files of the content folder dir that differ
// between the git revision since and the work tree, and the files git
// does not track yet (new, not yet committed), sorted by path.
func changedFiles(dir, since string) ([]change, error) {
	diff, err := git(dir, "diff", "--name-status", "-z", "--no-renames", "--relative", "--end-of-options", since, "--", ".")
	if err != nil {
		return nil, err
	}
	var out []change
	fields := strings.Split(strings.TrimSuffix(diff, "\x00"), "\x00")
	for i := 0; i+1 < len(fields); i += 2 {
		st := fields[i]
		if st == "" {
			continue
		}
		c := change{status: st[0], file: fields[i+1]}
		if c.status != 'A' && c.status != 'D' {
			c.status = 'M'
		}
		out = append(out, c)
	}
	untracked, err := git(dir, "ls-files", "-z", "--others", "--exclude-standard", "--", ".")
	if err != nil {
		return nil, err
	}
	for f := range strings.SplitSeq(untracked, "\x00") {
		if f != "" {
			out = append(out, change{status: 'A', file: f})
		}
	}
	slices.SortFunc(out, func(a, b change) int { return strings.Compare(a.file, b.file) })
	return slices.CompactFunc(out, func(a, b change) bool { return a.file == b.file }), nil
}

// git runs git in dir and returns its output.
func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "core.quotePath=false"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return "", fmt.Errorf("git %s: %s", args[0], msg)
	}
	return string(b), nil
}

// caseChange is a case study that a change touches.
type caseChange struct {
	status string // "added", "changed", "removed"
	cs     *content.CaseStudy
	file   string // when cs is nil: the file of a case study that is not loaded
}

// writeChanges writes the Markdown summary of files, the changes of the
// content of site.
func writeChanges(w io.Writer, site *content.Site, files []change, preview string) {
	var cases []caseChange
	var others []change
	touched := map[*content.CaseStudy]byte{}
	for _, f := range files {
		var cs *content.CaseStudy
		for _, c := range site.CaseStudies {
			if f.file == c.File || (c.Bundle && strings.HasPrefix(f.file, c.Dir()+"/")) {
				cs = c
				break
			}
		}
		switch {
		case cs != nil:
			// A bundle is added when its index.md is; any other change to
			// it (its text, a picture) changes it.
			st := byte('M')
			if f.file == cs.File && f.status == 'A' {
				st = 'A'
			}
			if old, ok := touched[cs]; !ok || st == 'A' && old != 'A' {
				touched[cs] = st
			}
		case strings.HasPrefix(f.file, "case-studies/") && (path.Ext(f.file) == ".md" || path.Base(f.file) == "index.md"):
			status := "removed"
			if f.status != 'D' {
				status = "not published (see the check)"
			}
			cases = append(cases, caseChange{status: status, file: f.file})
		default:
			others = append(others, f)
		}
	}
	for _, c := range site.CaseStudies {
		if st, ok := touched[c]; ok {
			status := "changed"
			if st == 'A' {
				status = "added"
			}
			cases = append(cases, caseChange{status: status, cs: c})
		}
	}
	slices.SortStableFunc(cases, func(a, b caseChange) int { return strings.Compare(a.path(), b.path()) })

	fmt.Fprintf(w, "### What this pull request publishes\n\n")
	if preview != "" {
		fmt.Fprintf(w, "%s\n\n", diag.MarkdownCell(preview))
	}
	if len(cases) == 0 {
		fmt.Fprintf(w, "No case study is added, changed or removed.\n\n")
	} else {
		counts := map[string]int{}
		for _, c := range cases {
			counts[c.status]++
		}
		var parts []string
		for _, s := range []string{"added", "changed", "removed", "not published (see the check)"} {
			if counts[s] > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
			}
		}
		fmt.Fprintf(w, "Case studies: %s.\n\n", strings.Join(parts, ", "))
		full := strings.Contains(site.Book.BaseURL, "://")
		if full {
			fmt.Fprintf(w, "| | Case study | File | Page once published |\n| --- | --- | --- | --- |\n")
		} else {
			fmt.Fprintf(w, "| | Case study | File | Page |\n| --- | --- | --- | --- |\n")
		}
		for _, c := range cases {
			title, page := "", ""
			if c.cs != nil {
				title = diag.MarkdownCell(c.cs.Title)
				if c.cs.Draft {
					title += " (a draft: not published)"
				} else {
					page = paths.CaseStudy(c.cs.Slug)
					if full {
						page = site.Book.BaseURL + page
					}
					page = "`" + codeSpan(page) + "`"
				}
			}
			fmt.Fprintf(w, "| %s | %s | `%s` | %s |\n", c.status, title, codeSpan(c.path()), page)
		}
		fmt.Fprintln(w)
	}
	if len(others) > 0 {
		fmt.Fprintf(w, "Other content files:\n\n")
		for _, f := range others {
			status := map[byte]string{'A': "added", 'D': "removed", 'M': "changed"}[f.status]
			fmt.Fprintf(w, "- `%s` (%s)\n", codeSpan(f.file), status)
		}
		fmt.Fprintln(w)
	}
}

// path is the file of the case study that c is about.
func (c caseChange) path() string {
	if c.cs != nil {
		return c.cs.File
	}
	return c.file
}

// codeSpan is s made safe inside a Markdown code span in a table cell:
// control characters escaped, no backtick to end the span, no bar to end
// the cell.
func codeSpan(s string) string {
	return strings.NewReplacer("`", "'", "|", "¦").Replace(diag.Text(s))
}
