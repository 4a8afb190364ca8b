package build

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"buildbook/internal/diag"
)

// TestUnpublished adds files to the unseen site that it will not publish,
// and checks that each is reported at its file with what to do, and that
// nothing else is.
func TestUnpublished(t *testing.T) {
	warnings := func(dir string) []string {
		var diags diag.List
		if _, err := Compile(Options{Content: dir}, &diags); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, d := range diags.Sorted() {
			out = append(out, strings.TrimPrefix(filepath.ToSlash(d.String()), filepath.ToSlash(dir)+"/"))
		}
		return out
	}
	before := warnings(unseen(t))
	if len(before) == 0 {
		t.Fatal("the unseen site has no warnings to tell apart")
	}
	const caseStudy = "---\ntitle: T\nschool: S\nauthors: [A]\ndate: 2024-01-01\nsummary: S.\npillars: [vision]\n---\n\nText.\n"
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{name: "case study without .md", files: map[string]string{"case-studies/coaching-triads": caseStudy}, want: []string{
			"case-studies/coaching-triads:1:1: warning: this file has no .md at the end of its name, so it is not published as a case study: rename it to coaching-triads.md (GitHub's web editor does not add .md for you)",
		}},
		{name: "case study as .MD", files: map[string]string{"case-studies/loud.MD": caseStudy}, want: []string{
			"case-studies/loud.MD:1:1: warning: this file's name ends in .MD, not .md, so it is not published as a case study: rename it to loud.md",
		}},
		{name: "case study as .txt", files: map[string]string{"case-studies/plain.txt": caseStudy}, want: []string{
			"case-studies/plain.txt:1:1: warning: this file's name ends in .txt, not .md, so it is not published as a case study: rename it to plain.md",
		}},
		{name: "case study in the content folder", files: map[string]string{"lost.md": caseStudy}, want: []string{
			"lost.md:1:1: warning: this case study is in the content folder itself, so it is not published: move it into case-studies/ (case-studies/lost.md)",
		}},
		{name: "notes in the content folder", files: map[string]string{"notes.md": "# Notes\n"}, want: []string{
			"notes.md:1:1: warning: Markdown in the content folder itself is not published: move a case study into case-studies/, or a free page into pages/",
		}},
		{name: "Markdown in another folder", files: map[string]string{"drafts/new.md": caseStudy}, want: []string{
			"drafts/new.md:1:1: warning: Markdown in drafts/ is not published: a case study goes in case-studies/ (case-studies/new.md, or case-studies/new/index.md with its pictures beside it), a free page in pages/",
		}},
		{name: "page without .md", files: map[string]string{"pages/contact": "---\ntitle: Contact\n---\n"}, want: []string{
			"pages/contact:1:1: warning: this file's name does not end in .md, so it is not published as a page: rename it to contact.md",
		}},
		{name: "a photo nothing links to", files: map[string]string{"case-studies/gamma/unused.png": "\x89PNG\r\n\x1a\n"}, want: []string{
			"case-studies/gamma/unused.png:1:1: warning: nothing links to this file, so it is not published: link it from a case study or page (![a description](unused.png) for a picture, [a title](unused.png) for a document), or delete it",
		}},
		{name: "not an edition", files: map[string]string{"editions/notes.txt": "\x00binary"}, want: []string{
			"editions/notes.txt:1:1: warning: this file is not an edition, so it is not used: an edition is a .yaml file, such as editions/2024.yaml",
		}},
		{name: "ignored files are not reported", files: map[string]string{"_notes.md": "# x\n", "case-studies/.hidden": caseStudy, "case-studies/_wip/index.md": caseStudy}, want: nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := unseen(t)
			for name, body := range tc.files {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var got []string
			for _, w := range warnings(dir) {
				if !slices.Contains(before, w) {
					got = append(got, w)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
		})
	}
}
