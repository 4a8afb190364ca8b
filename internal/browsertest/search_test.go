package browsertest

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chromedp/chromedp"

	"buildbook/internal/content"
	"buildbook/internal/render"
)

// docText is the text of case study i by field, as the index reads it:
// title, terms, school and people, summary, body.
func docText(s *site, i int) []string {
	c := s.compiled.Site.CaseStudies[i]
	var terms, people []string
	for _, ts := range c.Terms {
		for _, tm := range ts {
			terms = append(terms, tm.Title, tm.ShortTitle(), tm.Label(), tm.Abbreviation)
			terms = append(terms, tm.Aliases...)
		}
	}
	people = append(append(people, c.School, c.Region), c.Partners...)
	for _, a := range c.Authors {
		people = append(people, a.Name)
	}
	return []string{c.Title, strings.Join(terms, " "), strings.Join(people, " "), c.Summary, s.compiled.Input.Texts[i]}
}

// queryTerm is a word of a query, as search.js reads it.
type queryTerm struct {
	w             string
	exact, prefix bool
}

// parseQuery reads q as search.js does: quoted phrases (an unclosed
// quote runs to the end), whose words match only themselves; other words
// match their other forms too, and the last of them, of three letters or
// more and not in a phrase, the words it begins.
func parseQuery(q string) (terms []queryTerm, phrases [][]string) {
	parts := strings.Split(q, `"`)
	for i, part := range parts {
		ws := render.Words(part)
		if i%2 == 1 {
			for _, w := range ws {
				terms = append(terms, queryTerm{w: w, exact: true})
			}
			if len(ws) > 1 {
				phrases = append(phrases, ws)
			}
			continue
		}
		last := i == len(parts)-1 || len(parts)%2 == 0 && i == len(parts)-2 && len(render.Words(parts[len(parts)-1])) == 0
		for j, w := range ws {
			terms = append(terms, queryTerm{w: w, prefix: last && j == len(ws)-1 && utf8.RuneCountInString(w) >= 3})
		}
	}
	return terms, phrases
}

// matching lists, in site order, the case studies that q finds by the
// rule of search.js, computed here from the text without the index: every
// word of q matches a word of the case study that is the same, has the
// same key (render.Key: "mentoring" and "mentor", "behaviour" and
// "behavior") or, for the last word, begins with it; every phrase occurs
// in the title, the school, the summary or the body.
func matching(s *site, q string) []*content.CaseStudy {
	terms, phrases := parseQuery(q)
	var out []*content.CaseStudy
	for i, c := range s.compiled.Site.CaseStudies {
		fields := docText(s, i)
		have := map[string]bool{}
		keys := map[string]bool{}
		for _, w := range render.Words(strings.Join(fields, " ")) {
			have[w] = true
			keys[render.Key(w)] = true
		}
		ok := len(terms) > 0
		for _, t := range terms {
			found := have[t.w] || !t.exact && keys[render.Key(t.w)]
			if !found && t.prefix {
				for w := range have {
					if strings.HasPrefix(w, t.w) {
						found = true
						break
					}
				}
			}
			ok = ok && found
		}
		school := c.School
		if len(c.Partners) > 0 {
			school += ", with " + strings.Join(c.Partners, ", ")
		}
		for _, ph := range phrases {
			in := false
			for _, f := range []string{c.Title, school, c.Summary, s.compiled.Input.Texts[i]} {
				in = in || strings.Contains(" "+strings.Join(render.Words(f), " ")+" ", " "+strings.Join(ph, " ")+" ")
			}
			ok = ok && in
		}
		if ok {
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

// oneAnswerQueries are searched in the panel and on the list: forms of
// words that the sample's text does not have, British and American
// spellings, a typo, prefixes, a phrase.
var oneAnswerQueries = []string{"collaborating", "mentor", "mentoring", "behavior", "behaviours", "curiculum", "gover",
	"corridor", `"school improvement"`, "organization", "talking governors", "xylophonic"}

// absentForms gives, for words of the site's text, other forms of them
// (same key) that no case study has: what a reader may type that the
// text does not say.
func absentForms(s *site, n int) []string {
	have := map[string]bool{}
	for i := range s.compiled.Site.CaseStudies {
		for _, w := range render.Words(strings.Join(docText(s, i), " ")) {
			have[w] = true
		}
	}
	var words []string
	for w := range have {
		words = append(words, w)
	}
	slices.Sort(words)
	var out []string
	for i, w := range words {
		if len(w) < 5 || i%7 != 0 || strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") != "" {
			continue
		}
		forms := []string{w + "s", w + "ing", w + "ed", strings.TrimSuffix(w, "s"), strings.TrimSuffix(w, "ing"),
			strings.TrimSuffix(w, "ed"), strings.TrimSuffix(w, "e") + "ing", strings.TrimSuffix(w, "y") + "ies"}
	form:
		for _, f := range forms {
			if f == w || have[f] || render.Key(f) != render.Key(w) || slices.Contains(out, f) {
				continue
			}
			for v := range have {
				if strings.HasPrefix(v, f) {
					continue form // found as a prefix, not as a form
				}
			}
			out = append(out, f)
			break
		}
		if len(out) == n {
			break
		}
	}
	return out
}

// TestSearchOneAnswer checks that the panel and the list find the same
// case studies, as many as the rule of search.js gives, for word forms
// absent from the text, spellings, typos, prefixes and phrases, on the
// sample and on content the code was not written for; and that a word
// that matches nothing brings a suggestion in both.
func TestSearchOneAnswer(t *testing.T) {
	for _, s := range []*site{sample(t), unseen(t)} {
		queries := append(slices.Clone(oneAnswerQueries), absentForms(s, 6)...)
		ctx := browser(t, 1280, 900)
		for _, q := range queries {
			want := len(matching(s, q))
			navigate(t, ctx, s.url+"schools/")
			typeQuery(t, ctx, q)
			panel := eval[int](t, ctx, `performance.getEntriesByName("buildbook-search").filter(e => e.detail.query === `+jsString(q)+`).pop().detail.results`)
			note := eval[string](t, ctx, `document.querySelector(".search-note").textContent`)
			navigate(t, ctx, s.url+"case-studies/?q="+url.QueryEscape(q))
			waitFor(t, ctx, `performance.getEntriesByName("buildbook-filter").length > 0`)
			list := eval[int](t, ctx, `performance.getEntriesByName("buildbook-filter").pop().detail.results`)
			t.Logf("%s %-24q panel %2d  list %2d  expected %2d", s.root, q, panel, list, want)
			if panel != want || list != want {
				t.Errorf("%s: %q: the panel finds %d case studies and the list %d; the text has %d", s.root, q, panel, list, want)
			}
			if q == "curiculum" && len(matching(s, "curriculum")) > 0 {
				noResults := eval[string](t, ctx, `document.getElementById("no-results").textContent`)
				if !strings.Contains(note, "Did you mean “curriculum”") || !strings.Contains(noResults, "Did you mean “curriculum”") {
					t.Errorf("%q: no suggestion of curriculum: the panel says %q, the list %q", q, note, noResults)
				}
			}
		}
	}
}
