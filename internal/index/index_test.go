package index

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"buildbook/internal/content"
	"buildbook/internal/diag"
)

const taxonomies = `
- id: pillars
  title: Pillars
  required: true
  terms:
    - {id: vision, title: Vision}
    - {id: teaching, title: Teaching}
    - {id: curriculum, title: Curriculum}
- id: capitals
  title: Capitals
  terms:
    - {id: moral, title: Moral}
    - {id: social, title: Social}
- id: phase
  title: Phase
  multiple: false
  terms:
    - {id: primary, title: Primary}
    - {id: secondary, title: Secondary}
`

// site loads case studies given as "slug: front matter lines".
func site(t *testing.T, cases map[string]string) *content.Site {
	t.Helper()
	fsys := fstest.MapFS{
		"book.yaml":       {Data: []byte("title: Test\n")},
		"taxonomies.yaml": {Data: []byte(taxonomies)},
	}
	for slug, fm := range cases {
		fsys["case-studies/"+slug+".md"] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: %s\nauthors: [A]\nsummary: S.\n%s\n---\nBody.\n", strings.ToUpper(slug), fm))}
	}
	var diags diag.List
	s := content.Load(fsys, content.Options{}, &diags)
	for _, d := range diags.Sorted() {
		t.Fatal(d)
	}
	return s
}

func slugs(cs []*content.CaseStudy) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.Slug)
	}
	return out
}

func TestTerms(t *testing.T) {
	s := site(t, map[string]string{
		"a": "school: S1\ndate: 2020-01-01\npillars: [teaching, vision]",
		"b": "school: S2\ndate: 2022-01-01\npillars: [vision]",
		"c": "school: S3\ndate: 2022-01-01\npillars: [curriculum]\nphase: primary",
	})
	x := Build(s, nil)
	got := map[string][]string{}
	for ti, tx := range s.Taxonomies {
		for _, e := range x.Terms[ti] {
			got[tx.ID+"/"+e.Term.ID] = slugs(e.CaseStudies)
		}
	}
	want := map[string][]string{
		"pillars/vision":     {"b", "a"}, // newest first
		"pillars/teaching":   {"a"},
		"pillars/curriculum": {"c"},
		"capitals/moral":     {},
		"capitals/social":    {},
		"phase/primary":      {"c"},
		"phase/secondary":    {},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("terms (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"b", "c", "a"}, slugs(s.CaseStudies)); diff != "" {
		t.Errorf("order: ties on date go by slug (-want +got):\n%s", diff)
	}
	if p, n := x.Prev(s.CaseStudies[1]), x.Next(s.CaseStudies[1]); p.Slug != "b" || n.Slug != "a" {
		t.Errorf("prev, next of c = %s, %s; want b, a", p.Slug, n.Slug)
	}
	if x.Prev(s.CaseStudies[0]) != nil || x.Next(s.CaseStudies[2]) != nil {
		t.Error("the first has no previous and the last no next")
	}
}

func TestSchools(t *testing.T) {
	s := site(t, map[string]string{
		"a": "school: The Zephyr School\npartners: [abbey primary, Beacon Academy]\ndate: 2020-01-01\npillars: [vision]",
		"b": "school: Abbey Primary\ndate: 2021-01-01\npillars: [vision]",
		"c": "school: 4Ward Academy\ndate: 2019-01-01\npillars: [vision]",
	})
	x := Build(s, nil)
	type row struct {
		Name, Slug, Letter string
		Lead, Partners     []string
	}
	var got []row
	for _, sc := range x.Schools {
		got = append(got, row{sc.Name, sc.Slug, sc.Letter, slugs(sc.Lead), slugs(sc.Partners)})
	}
	want := []row{
		{"4Ward Academy", "4ward-academy", "#", []string{"c"}, []string{}},
		{"Abbey Primary", "abbey-primary", "A", []string{"b"}, []string{"a"}}, // case differences are one school
		{"Beacon Academy", "beacon-academy", "B", []string{}, []string{"a"}},
		{"The Zephyr School", "the-zephyr-school", "Z", []string{"a"}, []string{}}, // sorted without "The"
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("schools (-want +got):\n%s", diff)
	}
}

func TestRelated(t *testing.T) {
	s := site(t, map[string]string{
		"target":   "school: S\ndate: 2020-01-01\npillars: [vision, curriculum]\ncapitals: [moral]\nphase: primary",
		"rare":     "school: S\ndate: 2010-01-01\npillars: [curriculum]",                           // shares the rare term
		"common":   "school: S\ndate: 2021-01-01\npillars: [vision]",                               // shares a common term
		"common2":  "school: S\ndate: 2021-01-01\npillars: [vision]",                               // same score, same date: by slug
		"two":      "school: S\ndate: 2000-01-01\npillars: [vision]\ncapitals: [moral]",            // shares two terms
		"none":     "school: S\ndate: 2023-01-01\npillars: [teaching]",                             // shares nothing
		"phase":    "school: S\ndate: 2019-01-01\npillars: [teaching]\nphase: primary",             // shares the phase
		"vision3":  "school: S\ndate: 2018-01-01\npillars: [vision]\ncapitals: [social]",           // one common term
		"vision4":  "school: S\ndate: 2017-01-01\npillars: [vision]\ncapitals: [social]",           // one common term
		"vision5":  "school: S\ndate: 2016-01-01\npillars: [vision]\ncapitals: [social]",           // one common term
		"vision6":  "school: S\ndate: 2015-01-01\npillars: [vision, teaching]\ncapitals: [social]", // one common term
		"moralish": "school: S\ndate: 2014-01-01\npillars: [teaching]\ncapitals: [moral]",          // shares moral
	})
	x := Build(s, nil)
	var target int
	for i, c := range s.CaseStudies {
		if c.Slug == "target" {
			target = i
		}
	}
	got := slugs(x.Related[target])
	// curriculum (2 case studies) weighs more than moral (3), phase (2), or
	// vision (8); "two" shares vision and moral.
	want := []string{"two", "phase", "rare", "moralish", "common"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("related (-want +got):\n%s", diff)
	}
	for i, rel := range x.Related {
		if len(rel) > MaxRelated {
			t.Errorf("%s has %d related", s.CaseStudies[i].Slug, len(rel))
		}
		for _, r := range rel {
			if r == s.CaseStudies[i] {
				t.Errorf("%s is related to itself", r.Slug)
			}
		}
	}
	// The same site gives the same answer.
	again := Build(s, nil)
	if diff := cmp.Diff(got, slugs(again.Related[target])); diff != "" {
		t.Errorf("related differs between runs:\n%s", diff)
	}
}

func TestBacklinks(t *testing.T) {
	s := site(t, map[string]string{
		"a": "school: S\ndate: 2020-01-01\npillars: [vision]",
		"b": "school: S\ndate: 2021-01-01\npillars: [vision]",
		"c": "school: S\ndate: 2022-01-01\npillars: [vision]",
	})
	by := map[string]*content.CaseStudy{}
	for _, c := range s.CaseStudies {
		by[c.Slug] = c
	}
	page := &content.Page{Slug: "about", Title: "About"}
	refs := []Ref{
		{From: Source{CaseStudy: by["c"]}, To: "a"},
		{From: Source{CaseStudy: by["b"]}, To: "a"},
		{From: Source{CaseStudy: by["b"]}, To: "a"}, // twice: listed once
		{From: Source{Page: page}, To: "a"},
		{From: Source{CaseStudy: by["a"]}, To: "a"}, // itself: not listed
		{From: Source{CaseStudy: by["a"]}, To: "missing"},
	}
	x := Build(s, refs)
	var got []string
	for _, src := range x.Backlinks[x.Position(by["a"])] {
		got = append(got, src.Title())
	}
	if diff := cmp.Diff([]string{"About", "B", "C"}, got); diff != "" {
		t.Errorf("backlinks of a (-want +got):\n%s", diff)
	}
}
