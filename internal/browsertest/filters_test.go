package browsertest

import (
	"net/url"
	"slices"
	"strconv"
	"testing"

	"buildbook/internal/content"
)

// expect counts the case studies that pass a filter computed here from
// the content: every key's values OR-ed, the keys AND-ed.
func expect(s *site, sel url.Values) int {
	n := 0
	for _, c := range s.compiled.Site.CaseStudies {
		if passes(s, c, sel) {
			n++
		}
	}
	return n
}

func passes(s *site, c *content.CaseStudy, sel url.Values) bool {
	for key, vals := range sel {
		var have []string
		switch key {
		case "region":
			have = []string{c.Region}
		case "year":
			have = []string{strconv.Itoa(c.Date.Year())}
		default:
			for ti, tx := range s.compiled.Site.Taxonomies {
				if tx.ID == key {
					for _, t := range c.Terms[ti] {
						have = append(have, t.ID)
					}
				}
			}
		}
		if !slices.ContainsFunc(vals, func(v string) bool { return slices.Contains(have, v) }) {
			return false
		}
	}
	return true
}

const visibleCards = `document.querySelectorAll(".cards .card:not([hidden])").length`

// check clicks the checkbox of key=value, by its label, as a reader does.
func check(t *testing.T, ctx contextT, key, value string) {
	t.Helper()
	ok := eval[bool](t, ctx, `(() => { const i = document.querySelector('#filters input[name=`+jsString(key)+`][value=`+jsString(value)+`]');
		if (!i) return false; i.closest("details").open = true; i.closest("label").click(); return true })()`)
	if !ok {
		t.Fatalf("no checkbox %s=%s", key, value)
	}
}

// facetCount reads the count shown beside key=value.
func facetCount(t *testing.T, ctx contextT, key, value string) int {
	t.Helper()
	return eval[int](t, ctx, `+document.querySelector('#filters input[name=`+jsString(key)+`][value=`+jsString(value)+`]').parentNode.querySelector(".count").textContent`)
}

func TestFilters(t *testing.T) {
	s := sample(t)
	site := s.compiled.Site
	px, cx := site.Taxonomies[0], site.Taxonomies[1]
	ctx := browser(t, 1280, 900)

	// A cell of the home page's matrix opens the list filtered to its
	// two terms, and both agree with the content.
	navigate(t, ctx, s.url)
	cell := eval[map[string]string](t, ctx, `(() => { const a = Array.from(document.querySelectorAll("svg.matrix a")).find(a => a.querySelector("text.n") && +a.querySelector("text.n").textContent > 1);
		return {href: a.getAttribute("href"), n: a.querySelector("text.n").textContent} })()`)
	u, err := url.Parse(cell["href"])
	if err != nil {
		t.Fatal(err)
	}
	if want := strconv.Itoa(expect(s, u.Query())); cell["n"] != want {
		t.Errorf("matrix cell %s shows %s, the content has %s", cell["href"], cell["n"], want)
	}
	navigate(t, ctx, s.url+"case-studies/?"+u.RawQuery)
	waitFor(t, ctx, `document.querySelector("#active-filters li")`)
	if got, want := eval[int](t, ctx, visibleCards), expect(s, u.Query()); got != want {
		t.Errorf("%s shows %d case studies, want %d", u.RawQuery, got, want)
	}

	// OR within a taxonomy, AND across, with the URL and the counts.
	navigate(t, ctx, s.url+"case-studies/")
	all := len(site.CaseStudies)
	if got := eval[int](t, ctx, visibleCards); got != all {
		t.Fatalf("the unfiltered list shows %d of %d", got, all)
	}
	sel := url.Values{}
	steps := []struct{ key, value string }{
		{px.ID, px.Terms[0].ID},
		{px.ID, px.Terms[6].ID},
		{cx.ID, cx.Terms[1].ID},
	}
	for i, st := range steps {
		check(t, ctx, st.key, st.value)
		sel[st.key] = append(sel[st.key], st.value)
		want := expect(s, sel)
		waitFor(t, ctx, visibleCards+` === `+strconv.Itoa(want))
		q := eval[string](t, ctx, `location.search`)
		got, _ := url.ParseQuery(q[min(1, len(q)):])
		if len(got) != len(sel) || len(got[st.key]) != len(sel[st.key]) {
			t.Errorf("step %d: URL query %q, want the values %v", i, q, sel)
		}
		// A capital's count is what checking it would show, given the
		// pillars chosen (and the other capitals ignored: OR).
		for _, term := range cx.Terms {
			other := url.Values{}
			for k, v := range sel {
				if k != cx.ID {
					other[k] = v
				}
			}
			other[cx.ID] = []string{term.ID}
			if got, want := facetCount(t, ctx, cx.ID, term.ID), expect(s, other); got != want {
				t.Errorf("step %d: count beside %s is %d, want %d", i, term.ID, got, want)
			}
		}
	}
	text := eval[string](t, ctx, `document.getElementById("result-count").textContent`)
	if want := strconv.Itoa(expect(s, sel)) + " of " + strconv.Itoa(all) + " case studies"; text != want {
		t.Errorf("result count %q, want %q", text, want)
	}

	// The back button undoes the last filter; forward redoes it.
	eval[bool](t, ctx, `history.back(), true`)
	sel[cx.ID] = nil
	delete(sel, cx.ID)
	waitFor(t, ctx, visibleCards+` === `+strconv.Itoa(expect(s, sel))+` && !location.search.includes(`+jsString(cx.ID)+`)`)
	if eval[bool](t, ctx, `document.querySelector('#filters input[name=`+jsString(cx.ID)+`]:checked') !== null`) {
		t.Error("after Back, a capital is still checked")
	}
	eval[bool](t, ctx, `history.forward(), true`)
	sel[cx.ID] = []string{cx.Terms[1].ID}
	waitFor(t, ctx, visibleCards+` === `+strconv.Itoa(expect(s, sel)))

	// Removing a filter by its chip, then clearing all.
	eval[bool](t, ctx, `document.querySelector("#active-filters button").click(), true`)
	sel[px.ID] = sel[px.ID][1:]
	waitFor(t, ctx, visibleCards+` === `+strconv.Itoa(expect(s, sel)))
	eval[bool](t, ctx, `document.getElementById("filters-clear").click(), true`)
	waitFor(t, ctx, visibleCards+` === `+strconv.Itoa(all)+` && location.search === ""`)

	// Region and year, by keyboard: focus a checkbox and press Space.
	c0 := site.CaseStudies[0]
	year := strconv.Itoa(c0.Date.Year())
	eval[bool](t, ctx, `(i => (i.closest("details").open = true, i.focus(), true))(document.querySelector('#filters input[name="year"][value=`+jsString(year)+`]'))`)
	do(t, ctx, keyPress(" "))
	sel = url.Values{"year": {year}}
	waitFor(t, ctx, visibleCards+` === `+strconv.Itoa(expect(s, sel)))
	if c0.Region != "" {
		check(t, ctx, "region", c0.Region)
		sel["region"] = []string{c0.Region}
		waitFor(t, ctx, visibleCards+` === `+strconv.Itoa(expect(s, sel)))
	}
}

// TestFiltersNarrow: at 360 px the filters fold behind a button.
func TestFiltersNarrow(t *testing.T) {
	s := sample(t)
	ctx := browser(t, 360, 800)
	navigate(t, ctx, s.url+"case-studies/")
	if eval[bool](t, ctx, `getComputedStyle(document.getElementById("filters")).display !== "none"`) {
		t.Error("the filters show before the reader asks for them")
	}
	eval[bool](t, ctx, `document.getElementById("filter-toggle").click(), true`)
	if !eval[bool](t, ctx, `getComputedStyle(document.getElementById("filters")).display !== "none" && document.getElementById("filter-toggle").getAttribute("aria-expanded") === "true"`) {
		t.Error("the Filters button does not show the filters")
	}
	if w := eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 360 {
		t.Errorf("the page is %d px wide at 360 px: it scrolls sideways", w)
	}
}
