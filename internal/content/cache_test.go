package content

import (
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"buildbook/internal/diag"
)

// cacheSite is baseSite with a second case study that has a warning and
// one with an error, so that replayed diagnostics are checked too.
const cacheSite = baseSite + `-- case-studies/warned.md --
---
title: Warned
school: W School
authors: [W]
date: 2024-02-01
summary: S.
pillars: [vision, vision]
capitals: [moral]
---

Body.
-- case-studies/broken.md --
---
title: Broken
school: B School
authors: [B]
date: 2024-02-30
summary: S.
pillars: [vision]
capitals: [moral]
---

Body.
`

func mapFS(archive string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return fsys
}

func loadWith(fsys fstest.MapFS, cache *Cache) (*Site, []diag.Diagnostic) {
	var diags diag.List
	site := Load(fsys, Options{Root: "content", Cache: cache}, &diags)
	return site, diags.Sorted()
}

func bySlug(s *Site) map[string]*CaseStudy {
	m := map[string]*CaseStudy{}
	for _, c := range s.CaseStudies {
		m[c.Slug] = c
	}
	return m
}

// TestCache loads a folder again through a Cache after each kind of
// change, and checks that the result is what a load without the cache
// gives, and that unchanged case studies are taken from the cache.
func TestCache(t *testing.T) {
	fsys := mapFS(cacheSite)
	cache := &Cache{}
	first, firstDiags := loadWith(fsys, cache)
	if len(firstDiags) != 2 {
		t.Fatalf("want a warning and an error, got %v", firstDiags)
	}

	steps := []struct {
		name   string
		change func(fstest.MapFS)
		same   []string // slugs that must come from the cache
		fresh  []string // slugs that must be read again
	}{
		{"nothing changed", func(fstest.MapFS) {}, []string{"art", "warned"}, nil},
		{"one case study edited", func(f fstest.MapFS) {
			f["case-studies/art.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Art again\nschool: Plashet School\nauthors: [A]\ndate: 2024-06-30\nsummary: S.\npillars: [curriculum]\ncapitals: [knowledge]\n---\n\nBody.\n")}
		}, []string{"warned"}, []string{"art"}},
		{"a file added", func(f fstest.MapFS) {
			f["case-studies/new.md"] = &fstest.MapFile{Data: []byte("---\ntitle: New\nschool: N\nauthors: [N]\ndate: 2024-03-01\nsummary: S.\npillars: [vision]\ncapitals: [moral]\n---\n\nBody.\n")}
		}, nil, []string{"art", "warned", "new"}},
		{"taxonomies changed", func(f fstest.MapFS) {
			f["taxonomies.yaml"] = &fstest.MapFile{Data: append(append([]byte{}, f["taxonomies.yaml"].Data...), "\n"...)}
		}, nil, []string{"art", "warned", "new"}},
		{"the error fixed", func(f fstest.MapFS) {
			f["case-studies/broken.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Broken\nschool: B School\nauthors: [B]\ndate: 2024-02-28\nsummary: S.\npillars: [vision]\ncapitals: [moral]\n---\n\nBody.\n")}
		}, []string{"art", "warned", "new"}, []string{"broken"}},
	}
	prev := bySlug(first)
	for _, step := range steps {
		step.change(fsys)
		got, gotDiags := loadWith(fsys, cache)
		want, wantDiags := loadWith(fsys, nil)
		if diff := cmp.Diff(wantDiags, gotDiags); diff != "" {
			t.Errorf("%s: diagnostics differ from a load without the cache (-want +got):\n%s", step.name, diff)
		}
		if diff := cmp.Diff(titles(want), titles(got)); diff != "" {
			t.Errorf("%s: case studies differ from a load without the cache (-want +got):\n%s", step.name, diff)
		}
		cur := bySlug(got)
		for _, s := range step.same {
			if cur[s] == nil || cur[s] != prev[s] {
				t.Errorf("%s: %s was read again", step.name, s)
			}
		}
		for _, s := range step.fresh {
			if cur[s] == nil || cur[s] == prev[s] {
				t.Errorf("%s: %s was taken from the cache", step.name, s)
			}
		}
		for _, c := range got.CaseStudies {
			for ti, terms := range c.Terms {
				for _, term := range terms {
					if term.Taxonomy != got.Taxonomies[ti] {
						t.Errorf("%s: %s has a term of another load's taxonomies", step.name, c.Slug)
					}
				}
			}
		}
		prev = cur
	}
}

func titles(s *Site) []string {
	var out []string
	for _, c := range s.CaseStudies {
		out = append(out, c.Slug+": "+c.Title)
	}
	return out
}
