package content

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// dropSite has case studies written every way a body can start: after
// YAML or TOML front matter, with a byte-order mark, CRLF line endings
// and blank lines before the front matter, in a page bundle, and with an
// empty body.
const dropSite = `-- case-studies/toml.md --
+++
title = "T"
school = "S"
authors = ["A"]
date = "2024-01-31"
summary = "S."
pillars = ["vision"]
capitals = ["moral"]
+++

TOML *body*.
-- case-studies/bundle/index.md --
---
` + validFM + `---
Bundle body.

## Heading
-- case-studies/empty.md --
---
` + validFM + `---
`

// TestDropBodies loads a site keeping its bodies and again letting them
// go: each body let go is read again as it was loaded, and a file that
// changed since is refused.
func TestDropBodies(t *testing.T) {
	bomCRLF := func(fsys fstest.MapFS) {
		b := []byte("\n\n---\r\n" + string(bytes.ReplaceAll([]byte(validFM), []byte("\n"), []byte("\r\n"))) + "---\r\n\r\nWindows\r\nbody.\r\n")
		fsys["case-studies/windows.md"] = &fstest.MapFile{Data: append([]byte("\xef\xbb\xbf"), b...)}
	}
	kept, diags := loadCase(t, dropSite, nil, Options{}, bomCRLF)
	if len(diags) > 0 {
		t.Fatalf("the site has problems: %q", diags)
	}
	var asked, size int64
	var files []string
	fsys := fstest.MapFS{}
	dropped, diags := loadCase(t, dropSite, nil, Options{DropBodies: func(size int64) bool { asked = size; return true }}, bomCRLF, func(m fstest.MapFS) {
		fsys = m
		for name, f := range m {
			if strings.HasPrefix(name, "case-studies/") {
				size += int64(len(f.Data))
				files = append(files, name)
			}
		}
	})
	if len(diags) > 0 {
		t.Fatalf("the site has problems when its bodies are let go: %q", diags)
	}
	if asked != size {
		t.Errorf("DropBodies was asked with %d bytes, not the %d of the case studies' files", asked, size)
	}
	if len(kept.CaseStudies) != len(dropped.CaseStudies) || len(files) != len(kept.CaseStudies) {
		t.Fatalf("loaded %d case studies keeping bodies and %d letting them go, of %d files", len(kept.CaseStudies), len(dropped.CaseStudies), len(files))
	}
	for i, want := range kept.CaseStudies {
		c := dropped.CaseStudies[i]
		if len(want.Body) > 0 && (c.Body != nil || c.BodySize != len(want.Body)) {
			t.Errorf("%s: the body was kept (%d bytes) or its size (%d) is not %d", c.File, len(c.Body), c.BodySize, len(want.Body))
		}
		got, err := dropped.ReadBody(c)
		if err != nil {
			t.Errorf("%s: %v", c.File, err)
		}
		if diff := cmp.Diff(string(want.Body), string(got)); diff != "" {
			t.Errorf("%s: the body read again differs (-loaded +read again):\n%s", c.File, diff)
		}
		if c.BodyLine != want.BodyLine {
			t.Errorf("%s: body line %d, want %d", c.File, c.BodyLine, want.BodyLine)
		}
	}

	// Files that changed after loading: their bodies are not read again.
	for name, edit := range map[string]func([]byte) []byte{
		"case-studies/art.md":          func(b []byte) []byte { return bytes.Replace(b, []byte("Body."), []byte("Body!"), 1) }, // same size
		"case-studies/toml.md":         func(b []byte) []byte { return append(b, '\n') },
		"case-studies/bundle/index.md": func(b []byte) []byte { return b[:10] },
	} {
		fsys[name].Data = edit(bytes.Clone(fsys[name].Data))
		for _, c := range dropped.CaseStudies {
			if c.File == name {
				if _, err := dropped.ReadBody(c); err == nil {
					t.Errorf("%s: a changed body was read again", name)
				}
			}
		}
	}
	delete(fsys, "case-studies/windows.md")
	for _, c := range dropped.CaseStudies {
		if c.File == "case-studies/windows.md" {
			if _, err := dropped.ReadBody(c); err == nil {
				t.Error("a removed file's body was read again")
			}
		}
	}
}
