package index

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestBuildFrom indexes a site again after edits: an edit to text alone
// reuses the related case studies; an edit to terms or order computes
// them again; either way the index is the one Build gives.
func TestBuildFrom(t *testing.T) {
	base := map[string]string{
		"a": "school: S\ndate: 2020-01-01\npillars: [vision, curriculum]\ncapitals: [moral]",
		"b": "school: S\ndate: 2021-01-01\npillars: [curriculum]",
		"c": "school: S\ndate: 2019-01-01\npillars: [vision]\ncapitals: [moral]",
		"d": "school: S\ndate: 2018-01-01\npillars: [teaching]\ncapitals: [social]",
		"e": "school: S\ndate: 2017-01-01\npillars: [teaching, vision]",
	}
	prev := Build(site(t, base), nil)
	for _, tc := range []struct {
		name   string
		change map[string]string
		reused bool
	}{
		{"school changed", map[string]string{"d": "school: Other\ndate: 2018-01-01\npillars: [teaching]\ncapitals: [social]"}, true},
		{"terms changed", map[string]string{"d": "school: S\ndate: 2018-01-01\npillars: [vision]\ncapitals: [moral]"}, false},
		{"order changed", map[string]string{"e": "school: S\ndate: 2022-01-01\npillars: [teaching, vision]"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cases := map[string]string{}
			for k, v := range base {
				cases[k] = v
			}
			for k, v := range tc.change {
				cases[k] = v
			}
			s := site(t, cases)
			got, want := BuildFrom(prev, s, nil), Build(s, nil)
			if reused := &got.relatedPos[0] == &prev.relatedPos[0]; reused != tc.reused {
				t.Errorf("related reused: %v, want %v", reused, tc.reused)
			}
			for i := range s.CaseStudies {
				if diff := cmp.Diff(slugs(want.Related[i]), slugs(got.Related[i])); diff != "" {
					t.Errorf("related of %s (-Build +BuildFrom):\n%s", s.CaseStudies[i].Slug, diff)
				}
				for _, r := range got.Related[i] {
					if got.Position(r) < 0 {
						t.Errorf("%s is related to a case study of the earlier site", s.CaseStudies[i].Slug)
					}
				}
			}
		})
	}
}
