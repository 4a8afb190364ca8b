package render

import (
	"html/template"
	"regexp"
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

// TestH2s checks that h2s finds what the regular expression it stands
// for finds, on bodies that nearly match it.
func TestH2s(t *testing.T) {
	re := regexp.MustCompile(`<h2 id="([^"]+)">(.*?)</h2>`)
	for _, body := range []string{
		``,
		`<h2 id="a">A</h2>`,
		`<p>x</p><h2 id="a">A <em>b</em></h2><h2 id="b">B</h2>`,
		`<h2 id="">empty id</h2><h2 id="c">C</h2>`,
		`<h2 id="a" class="x">other attributes</h2><h2 id="d">D</h2>`,
		"<h2 id=\"a\">two\nlines</h2><h2 id=\"e\">E</h2>",
		"<h2 id=\"a\nb\">id over lines</h2>",
		`<h2 id="a">no end<h2 id="f">F</h2>`,
		`<h2 id="a">unclosed`,
		`<h2 id="a`,
		`<h2 id="g">G</h2 ><h2 id="h"></h2>`,
		`<h2 id="<h2 id="i">">I</h2>`,
	} {
		var want [][2]string
		for _, m := range re.FindAllStringSubmatch(body, -1) {
			want = append(want, [2]string{m[1], m[2]})
		}
		if diff := cmp.Diff(want, h2s(body)); diff != "" {
			t.Errorf("h2s(%q) (-regexp +h2s):\n%s", body, diff)
		}
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
