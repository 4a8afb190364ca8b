package markdown

import (
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFigures(t *testing.T) {
	src := "## Figure 2\n\n![One](a.png \"The *first* &amp; \\\"best\\\"\")\n\nText ![inline](b.png \"no\").\n\n![Two](c.png 'The second')\n"
	c := New()
	d := c.Parse([]byte(src), 1)
	want := []Figure{
		{ID: "figure-1", Number: 1, Caption: `The *first* & "best"`},
		{ID: "figure-2-1", Number: 2, Caption: "The second"}, // the heading has figure-2
	}
	if diff := cmp.Diff(want, d.Figures); diff != "" {
		t.Errorf("Figures (-want +got):\n%s", diff)
	}
	for _, id := range []string{"figure-1", "figure-2", "figure-2-1"} {
		if !d.HasID(id) {
			t.Errorf("HasID(%q) = false", id)
		}
	}
	if d.HasID("figure-3") {
		t.Error(`HasID("figure-3") = true`)
	}
	if text := d.Text(); !strings.Contains(text, `The *first* & "best"`) || !strings.Contains(text, "The second") {
		t.Errorf("Text() lacks the captions: %q", text)
	}

	d.SetIDPrefix("s")
	h := c.RenderBookLinks(d)
	book, figs := h.HTML, h.Figures
	if len(figs) != 2 {
		t.Fatalf("RenderBookLinks gave %d figures, want 2", len(figs))
	}
	for i, f := range figs {
		if got := string(book[f.Label[0]:f.Label[1]]); got != strconv.Itoa(want[i].Number) {
			t.Errorf("figure %d: label span holds %q", i+1, got)
		}
		if !strings.HasSuffix(string(book[:f.Label[0]]), `<span class="figure-label">Figure `) {
			t.Errorf("figure %d: label span at %d is not after the label's word", i+1, f.Label[0])
		}
		if f.ID != want[i].ID || f.Caption != want[i].Caption {
			t.Errorf("figure %d: %+v, want %+v", i+1, f, want[i])
		}
	}
	if d.Figures[0].Label != [2]int{} {
		t.Error("RenderBookLinks changed the Doc's Figures")
	}
	numbered, _ := NumberFigures(string(book), figs, 12, nil)
	for _, l := range []string{"Figure 12.1.</span> The *first* &amp; &quot;best&quot;", "Figure 12.2.</span> The second", `id="s--figure-1"`, `id="s--figure-2-1"`} {
		if !strings.Contains(numbered, l) {
			t.Errorf("numbered book HTML lacks %q:\n%s", l, numbered)
		}
	}
	if got := strings.Count(numbered, "Figure 12."); got != 2 {
		t.Errorf("%d labels numbered by chapter, want 2", got)
	}
	if got, _ := NumberFigures(string(book), figs, 0, nil); got != string(book) {
		t.Errorf("chapter 0 changed the HTML:\n%s", got)
	}
	// Spans that do not fit the HTML (another rendering's) change nothing.
	if got, _ := NumberFigures("<p>x</p>", figs, 3, nil); got != "<p>x</p>" {
		t.Errorf("stale spans changed the HTML: %q", got)
	}
	stale := []Figure{{Number: 2, Label: figs[0].Label}}
	if got, _ := NumberFigures(string(book), stale, 3, nil); got != string(book) {
		t.Errorf("a span over another number changed the HTML:\n%s", got)
	}
}
