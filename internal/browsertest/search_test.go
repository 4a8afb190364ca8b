package browsertest

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"buildbook/internal/content"
	"buildbook/internal/render"
)

// matching lists, in site order, the case studies that have every word of
// q in their title, terms, school and people, summary or body: what the
// search must find, computed here without the index.
func matching(s *site, q string) []*content.CaseStudy {
	var out []*content.CaseStudy
	for i, c := range s.compiled.Site.CaseStudies {
		var f []string
		f = append(f, c.Title, c.School, c.Region, c.Summary, s.compiled.Input.Texts[i])
		f = append(f, c.Partners...)
		for _, a := range c.Authors {
			f = append(f, a.Name)
		}
		for _, ts := range c.Terms {
			for _, tm := range ts {
				f = append(f, tm.Title, tm.ShortTitle(), tm.Label(), tm.Abbreviation)
				f = append(f, tm.Aliases...)
			}
		}
		have := map[string]bool{}
		for _, w := range render.Words(strings.Join(f, " ")) {
			have[w] = true
		}
		all := true
		for _, w := range render.Words(q) {
			all = all && have[w]
		}
		if all {
			out = append(out, c)
		}
	}
	return out
}

// results are the titles and addresses of the drop-down's results.
type result struct {
	Title, School, Snippet, Href string
	Marks                        []string
	Selected                     bool
}

const readResults = `Array.from(document.querySelectorAll("#site-search-list .search-result")).map(li => ({
	Title: li.querySelector(".r-title").textContent,
	School: li.querySelector(".r-school").textContent,
	Snippet: li.querySelector(".r-snippet").textContent,
	Href: li.getAttribute("data-href"),
	Marks: Array.from(li.querySelectorAll("mark")).map(m => m.textContent.toLowerCase()),
	Selected: li.getAttribute("aria-selected") === "true",
}))`

func TestSearch(t *testing.T) {
	s := sample(t)
	ctx := browser(t, 1280, 900)
	navigate(t, ctx, s.url+"schools/")
	if n := eval[int](t, ctx, `performance.getEntriesByType("resource").filter(e => e.name.includes("/search/")).length`); n != 0 {
		t.Errorf("the page fetched %d search files before the reader searched", n)
	}

	// "oracy": a title match ranks above body matches.
	typeQuery(t, ctx, "oracy")
	want := matching(s, "oracy")
	if len(want) < 2 {
		t.Fatalf("the sample has %d case studies about oracy; the test needs two or more", len(want))
	}
	got := eval[[]result](t, ctx, readResults)
	if len(got) != min(len(want), 8) {
		t.Fatalf("%d results for oracy, want %d: %+v", len(got), len(want), got)
	}
	var titled []string
	for _, c := range want {
		if slices.Contains(render.Words(c.Title), "oracy") {
			titled = append(titled, c.Title)
		}
	}
	if len(titled) == 0 || got[0].Title != titled[0] {
		t.Errorf("first result %q, want the case study with oracy in its title, %q", got[0].Title, titled)
	}
	for _, r := range got {
		if !slices.Contains(r.Marks, "oracy") {
			t.Errorf("result %q does not highlight oracy: title %q, snippet %q", r.Title, r.Title, r.Snippet)
		}
		if r.School == "" || r.Snippet == "" || !strings.HasPrefix(r.Href, s.root+"case-studies/") {
			t.Errorf("result %+v lacks a school, a snippet or an address", r)
		}
	}
	note := eval[string](t, ctx, `document.querySelector(".search-note").textContent`)
	if !strings.HasPrefix(note, plural(len(want))) {
		t.Errorf("note %q, want it to start %q", note, plural(len(want)))
	}

	// Prefixes complete as the reader types; several words must all match.
	for _, q := range []string{"schoo", "reading school", "governors challenge"} {
		clearQuery(t, ctx)
		typeQuery(t, ctx, q)
		want := matching(s, q)
		if q == "schoo" {
			want = prefixMatching(s, q)
		}
		got := eval[[]result](t, ctx, readResults)
		if len(got) != min(len(want), 8) {
			t.Errorf("%q: %d results, want %d", q, len(got), min(len(want), 8))
		}
		note := eval[string](t, ctx, `document.querySelector(".search-note").textContent`)
		if len(want) > 0 && !strings.HasPrefix(note, plural(len(want))) {
			t.Errorf("%q: note %q, want it to start %q", q, note, plural(len(want)))
		}
	}

	// A word nobody wrote.
	clearQuery(t, ctx)
	typeQuery(t, ctx, "xylophonic")
	if n := eval[int](t, ctx, `document.querySelectorAll("#site-search-list [role=option]").length`); n != 0 {
		t.Errorf("%d results for a word in no case study", n)
	}
	if note := eval[string](t, ctx, `document.querySelector(".search-note").textContent`); !strings.Contains(note, "No case study matches") {
		t.Errorf("note %q for no results", note)
	}
}

// prefixMatching lists the case studies with a word that starts with p.
func prefixMatching(s *site, p string) []*content.CaseStudy {
	var out []*content.CaseStudy
	for i, c := range s.compiled.Site.CaseStudies {
		text := strings.Join([]string{c.Title, c.School, c.Region, c.Summary, s.compiled.Input.Texts[i], strings.Join(c.Partners, " ")}, " ")
		for _, a := range c.Authors {
			text += " " + a.Name
		}
		for _, ts := range c.Terms {
			for _, tm := range ts {
				text += " " + strings.Join(append([]string{tm.Title, tm.ShortTitle(), tm.Label(), tm.Abbreviation}, tm.Aliases...), " ")
			}
		}
		for _, w := range render.Words(text) {
			if strings.HasPrefix(w, p) {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

func TestSearchKeyboard(t *testing.T) {
	s := sample(t)
	ctx := browser(t, 1280, 900)
	navigate(t, ctx, s.url+"pillars/")

	// "/" focuses the search box from anywhere on the page.
	eval[bool](t, ctx, `document.body.focus(), true`)
	pressKey(t, ctx, "/")
	if id := eval[string](t, ctx, `document.activeElement.id`); id != "site-search-q" {
		t.Fatalf("after /, focus is on %q, want the search box", id)
	}
	// The protocol delivers the character apart from the key press, so the
	// "/" lands in the box; a real key press is cancelled.
	clearQuery(t, ctx)
	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#site-search-q"), "oracy"))
	waitForSearch(t, ctx, "oracy")
	got := eval[[]result](t, ctx, readResults)

	pressKey(t, ctx, "ArrowDown")
	pressKey(t, ctx, "ArrowDown")
	state := eval[map[string]string](t, ctx, `({focus: document.activeElement.id, active: document.activeElement.getAttribute("aria-activedescendant"), selected: document.querySelector('[aria-selected="true"]').id})`)
	if state["focus"] != "site-search-q" || state["active"] != "site-search-r1" || state["selected"] != "site-search-r1" {
		t.Errorf("after two ArrowDowns: %v, want focus kept in the box and the second result active", state)
	}
	pressKey(t, ctx, "ArrowUp")
	pressKey(t, ctx, "ArrowUp")
	if sel := eval[string](t, ctx, `document.querySelector('[aria-selected="true"]').id`); sel != "site-search-all" {
		t.Errorf("ArrowUp from the first result selects %q, want the last option (all results)", sel)
	}

	// Escape closes the list and keeps the text; a second clears it.
	pressKey(t, ctx, "Escape")
	st := eval[map[string]string](t, ctx, `({expanded: document.getElementById("site-search-q").getAttribute("aria-expanded"), value: document.getElementById("site-search-q").value})`)
	if st["expanded"] != "false" || st["value"] != "oracy" {
		t.Errorf("after Escape: %v", st)
	}
	pressKey(t, ctx, "ArrowDown") // opens again
	waitFor(t, ctx, `document.getElementById("site-search-q").getAttribute("aria-expanded") === "true"`)
	pressKey(t, ctx, "ArrowDown")
	pressKey(t, ctx, "ArrowDown")
	pressKey(t, ctx, "Enter")
	waitFor(t, ctx, `location.pathname === `+jsString(got[1].Href))
	waitFor(t, ctx, `document.readyState === "complete"`)
	if h1 := eval[string](t, ctx, `document.querySelector("h1").textContent`); h1 != got[1].Title {
		t.Errorf("Enter on the second result opened %q, want %q", h1, got[1].Title)
	}

	// Enter without choosing a result shows every match on the list.
	typeQuery(t, ctx, "oracy")
	pressKey(t, ctx, "Enter")
	waitFor(t, ctx, `location.pathname.endsWith("/case-studies/") && document.querySelector("#active-filters li")`)
	want := matching(s, "oracy")
	shown := eval[[]string](t, ctx, `Array.from(document.querySelectorAll(".cards .card:not([hidden]) .card-title")).map(e => e.textContent)`)
	if len(shown) != len(want) || shown[0] != got[0].Title {
		t.Errorf("the list for oracy shows %q, want %d case studies, %q first", shown, len(want), got[0].Title)
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func plural(n int) string {
	if n == 1 {
		return "1 case study"
	}
	return fmt.Sprintf("%d case studies", n)
}

// clearQuery empties the search box as a reader would.
func clearQuery(t *testing.T, ctx contextT) {
	t.Helper()
	eval[bool](t, ctx, `(i => (i.value = "", i.dispatchEvent(new Event("input")), true))(document.getElementById("site-search-q"))`)
}
