package browsertest

import "testing"

// TestSearchPanel checks, at the widths readers use, that the header's
// search drop-down lies inside the window (it must not make the page
// scroll sideways), and that its results are links, which a middle click
// or "Open in new tab" opens in a tab.
func TestSearchPanel(t *testing.T) {
	s := sample(t)
	for _, w := range []int{360, 800, 1024, 1280, 1366} {
		ctx := browser(t, w, 800)
		navigate(t, ctx, s.url+"schools/")
		typeQuery(t, ctx, "oracy")
		waitFor(t, ctx, `document.querySelectorAll("#site-search-list .search-result").length > 0`)
		box := eval[[]float64](t, ctx, `(r => [r.left, r.right])(document.querySelector(".search-popup").getBoundingClientRect())`)
		if box[0] < 0 || box[1] > float64(w) {
			t.Errorf("at %d px the search panel runs from %.0f to %.0f px: outside the window", w, box[0], box[1])
		}
		if sw := eval[int](t, ctx, `document.documentElement.scrollWidth`); sw > w {
			t.Errorf("at %d px, with the search panel open, the page is %d px wide: it scrolls sideways", w, sw)
		}
		bad := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#site-search-list [role=option]")).filter(o => o.tagName !== "A" || !o.getAttribute("href")).map(o => o.id)`)
		if len(bad) > 0 {
			t.Errorf("at %d px, search results %v are not links", w, bad)
		}
	}
}
