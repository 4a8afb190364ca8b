package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestPageKeys edits the sample book step by step, in every way a page
// can depend on, and builds it after each edit into an output folder
// that keeps its pages between builds (pages whose key is unchanged are
// not made again): the output must always be what a build into a new
// folder gives. It runs on a small site, held in memory, and as a large
// one, whose conversions come from the cache beside the output.
func TestPageKeys(t *testing.T) {
	for _, large := range []bool{false, true} {
		name := "small"
		if large {
			name = "large"
		}
		t.Run(name, func(t *testing.T) {
			if large {
				defer func(n int) { spoolAbove = n }(spoolAbove)
				spoolAbove = 0
			}
			testPageKeys(t)
		})
	}
}

func testPageKeys(t *testing.T) {
	content := t.TempDir()
	if err := os.CopyFS(content, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	templates := t.TempDir()
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	opts := Options{Content: content, Out: out, Templates: templates}

	file := func(p string) string { return filepath.Join(content, filepath.FromSlash(p)) }
	edit := func(p, old, new string) {
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
	write := func(p, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	newCase := `---
title: "A new case study"
school: "Hillside Primary"
date: 2025-02-01
summary: "A short summary of a new case study."
pillars: [professional-development]
capitals: [social]
roles: [sle]
phase: primary
authors:
  - name: "Sam Roe"
---

It links to [another new one](a-target.md#its-heading) and says little else.
`
	// The target shares no term with the case study that links to it, and
	// is far from it in time, so that it is not on that page but through
	// the link.
	target := strings.NewReplacer("A new case study", "Its target", "2025-02-01", "2001-01-01",
		"[professional-development]", "[vision-values-ethos]", "[social]", "[moral]", "[sle]", "[executive-head]", "phase: primary", "phase: secondary",
		"It links to [another new one](a-target.md#its-heading)", "## Its heading\n\nA paragraph").Replace(newCase)
	steps := []struct {
		name string
		do   func()
	}{
		{"nothing changed", func() {}},
		{"a title shown on related and neighbouring pages", func() {
			edit("case-studies/coaching-triads.md", `title = "Coaching triads:`, `title = "Coaching in threes:`)
		}},
		{"a body", func() {
			edit("case-studies/second-chances.md", "\n## ", "\nA new paragraph in the middle.\n\n## ")
		}},
		{"a date that changes the order", func() {
			edit("case-studies/coaching-triads.md", "date = 2019-03-14", "date = 2026-01-02")
		}},
		{"terms", func() {
			edit("case-studies/coaching-triads.md", `capitals = ["knowledge", "social"]`, `capitals = ["moral"]`)
		}},
		{"a term's title", func() {
			edit("taxonomies.yaml", "short: Vision, values and ethos", "short: Vision and values")
		}},
		{"the book's title", func() {
			edit("book.yaml", "title: Going for Great", "title: Going for Greatness")
		}},
		{"a free page", func() { edit("pages/about.md", "\n\n", "\n\nAn added line.\n\n") }},
		{"a new case study that links to another", func() {
			write(file("case-studies/a-new-one.md"), newCase)
			write(file("case-studies/a-target.md"), target)
		}},
		{"the linked case study moves", func() {
			if err := os.Rename(file("case-studies/a-target.md"), file("case-studies/the-target.md")); err != nil {
				t.Fatal(err)
			}
			edit("case-studies/a-new-one.md", "(a-target.md#", "(the-target.md#")
		}},
		{"the linked heading changes", func() {
			edit("case-studies/the-target.md", "## Its heading", "## Its new heading")
			edit("case-studies/a-new-one.md", "#its-heading)", "#its-new-heading)")
		}},
		{"the linked case study's address, its linker unchanged", func() {
			edit("case-studies/the-target.md", "title: \"Its target\"", "title: \"Its target\"\nslug: elsewhere")
		}},
		{"an image's size", func() {
			edit("case-studies/early-words/garden-plan.svg", `width="480" height="320"`, `width="600" height="400"`)
		}},
		{"a case study removed", func() {
			if err := os.Remove(file("case-studies/a-new-one.md")); err != nil {
				t.Fatal(err)
			}
		}},
		{"a template", func() {
			write(filepath.Join(templates, "case-study.html"), `{{define "main"}}<article><h1>{{.CS.Title}}</h1>{{.Body}}</article>{{end}}`)
		}},
		{"the template again", func() {
			write(filepath.Join(templates, "case-study.html"), `{{define "main"}}<article><h1>{{.CS.Title}}!</h1>{{.Body}}</article>{{end}}`)
		}},
		{"the base URL", func() { opts.BaseURL = "https://example.com/ggg/" }},
		{"drafts", func() { opts.Drafts = true }},
		{"downloads", func() {
			opts.Downloads = t.TempDir()
			write(filepath.Join(opts.Downloads, "book.pdf"), fakePDF("every case study"))
			write(filepath.Join(opts.Downloads, "book-2024.epub"), fakeEPUB("the 2024 edition"))
		}},
		{"a download of another size", func() {
			write(filepath.Join(opts.Downloads, "book.pdf"), fakePDF("every case study, made again"))
		}},
		{"a download of the same size, other bytes", func() {
			write(filepath.Join(opts.Downloads, "book.pdf"), fakePDF("every case study, made AGAIN"))
		}},
		{"a download added", func() {
			write(filepath.Join(opts.Downloads, "book-2024.pdf"), fakePDF("the 2024 edition"))
		}},
		{"no downloads", func() { opts.Downloads = "" }},
		{"nothing changed again", func() {}},
	}
	for _, s := range steps {
		s.do()
		// Twice: the second build writes into the other folder, the
		// spare, which was last written two builds before.
		var st Stats
		for range 2 {
			c, _ := buildTo(t, opts)
			c.Close()
			st = c.Stats
		}
		// Unchanged (once the output and the spare were both written by
		// earlier steps), a build keeps every keyed file and writes
		// nothing.
		if s.name == "nothing changed again" && (st.Written != 0 || st.Kept < st.Made || st.Kept+st.Made != st.Files) {
			t.Errorf("after %s: %+v; want most files kept and none written", s.name, st)
		}
		fresh := opts
		fresh.Out = filepath.Join(t.TempDir(), "fresh")
		c, _ := buildTo(t, fresh)
		c.Close()
		if diff := cmp.Diff(hashTree(t, fresh.Out), hashTree(t, out)); diff != "" {
			t.Fatalf("after %s: the output differs from a build into a new folder (-new +kept):\n%s", s.name, diff)
		}
	}
}
