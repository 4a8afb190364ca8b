package render

import (
	"html/template"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSections(t *testing.T) {
	tests := []struct {
		name string
		body template.HTML
		want []Link
	}{
		{"none", `<p>Text</p>`, nil},
		{"one is no list", `<h2 id="a">A</h2><p>x</p>`, nil},
		{"two", `<h2 id="our-school">Our school</h2><p>x</p><h3 id="sub">Sub</h3><h2 id="what-we-did">What we did</h2>`,
			[]Link{{Title: "Our school", URL: "#our-school"}, {Title: "What we did", URL: "#what-we-did"}}},
		{"markup and entities", `<h2 id="a">Use <code>&lt;b&gt;</code> &amp; <em>more</em></h2><h2 id="b">B</h2>`,
			[]Link{{Title: "Use <b> & more", URL: "#a"}, {Title: "B", URL: "#b"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, sections(tt.body)); diff != "" {
				t.Errorf("sections (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPlural(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{{1, "1 case study"}, {0, "0 case studies"}, {999, "999 case studies"}, {1234, "1,234 case studies"}, {1234567, "1,234,567 case studies"}} {
		if got := plural(tt.n, "case study", "case studies"); got != tt.want {
			t.Errorf("plural(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
