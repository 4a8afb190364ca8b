package browsertest

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestScreenshots writes full-page screenshots of each page type at 360
// and 1280 pixels wide, in both colour schemes at 360, into the artifacts
// folder, and checks that no page scrolls sideways at 360.
func TestScreenshots(t *testing.T) {
	s := sample(t)
	out := filepath.Join(artifacts(t), "screenshots")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	pages := pageTypes(t, s)
	delete(pages, "book") // the whole book, hundreds of screens; its own tests look at it
	for _, w := range []int{360, 1280} {
		for _, scheme := range []string{"light", "dark"} {
			if w == 1280 && scheme == "dark" {
				continue
			}
			ctx := browser(t, w, 800)
			do(t, ctx, colorScheme(scheme, ""))
			for name, p := range pages {
				navigate(t, ctx, s.url+p)
				if sw := eval[int](t, ctx, `document.documentElement.scrollWidth`); sw > w {
					t.Errorf("%s at %d px is %d px wide: it scrolls sideways", name, w, sw)
				}
				shot(t, ctx, filepath.Join(out, strings.ReplaceAll(name, " ", "-")+"-"+strconv.Itoa(w)+"-"+scheme+".png"))
			}
		}
	}
	// The pages that only a large collection has, and its list with more
	// shown.
	l := large(t)
	for _, w := range []int{360, 1280} {
		ctx := browser(t, w, 800)
		for name, p := range pagedTypes(t, l) {
			if !strings.Contains(p, "page/") {
				continue
			}
			navigate(t, ctx, l.url+p)
			shot(t, ctx, filepath.Join(out, "large-"+strings.NewReplacer(" ", "-", ",", "").Replace(name)+"-"+strconv.Itoa(w)+"-light.png"))
		}
		navigate(t, ctx, l.url+"case-studies/")
		eval[bool](t, ctx, `document.getElementById("show-more-button").click(), true`)
		waitFor(t, ctx, `document.querySelectorAll(".cards .card").length > 24`)
		shot(t, ctx, filepath.Join(out, "large-list-more-"+strconv.Itoa(w)+"-light.png"))
	}

	// The search drop-down, open, on a phone.
	ctx := browser(t, 360, 800)
	navigate(t, ctx, s.url)
	typeQuery(t, ctx, "oracy")
	pressKey(t, ctx, "ArrowDown")
	shot(t, ctx, filepath.Join(out, "search-360-light.png"))
}

// shot saves a screenshot of the whole page. What is laid out only as a
// reader nears it (content-visibility: auto) is laid out first, as a
// reader scrolling through the page sees it; a capture beyond the window
// would leave it blank.
func shot(t *testing.T, ctx contextT, file string) {
	t.Helper()
	do(t, ctx, eval0(`for (const el of document.querySelectorAll("*")) if (getComputedStyle(el).contentVisibility === "auto") el.style.contentVisibility = "visible"`))
	b, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// cumulativeShift records layout shifts from the page's first paint.
const cumulativeShift = `window.__cls = 0; new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value }).observe({type: "layout-shift", buffered: true})`

// TestLayoutShift loads each page type, narrow and wide, and checks that
// nothing moves once drawn: the filters, the search box and the picture
// take their room before the script runs.
func TestLayoutShift(t *testing.T) {
	s, l := sample(t), large(t)
	for _, w := range []int{360, 1280} {
		ctx := browser(t, w, 800)
		pages := map[string]string{}
		for name, p := range pageTypes(t, s) {
			pages[name] = s.url + p
		}
		for name, p := range pagedTypes(t, l) {
			pages["large "+name] = l.url + p
		}
		for name, u := range pages {
			navigate(t, ctx, u)
			eval[bool](t, ctx, cumulativeShift+`; true`)
			eval[bool](t, ctx, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
			if cls := eval[float64](t, ctx, `window.__cls`); cls > 0.01 {
				t.Errorf("%s at %d px: cumulative layout shift %.3f", name, w, cls)
			}
		}
	}
}

// TestPrint checks a case study's print styles: the site's frame, the
// search and the filters are not printed, the article is.
func TestPrint(t *testing.T) {
	s := sample(t)
	ctx := browser(t, 1280, 900)
	do(t, ctx, colorScheme("light", "print"))
	navigate(t, ctx, s.url+"case-studies/"+s.compiled.Site.CaseStudies[0].Slug+"/")
	hidden := eval[[]string](t, ctx, `[".site-header", ".site-footer", ".site-search", ".pager"].filter(sel => { const e = document.querySelector(sel); return e && getComputedStyle(e).display !== "none" })`)
	if len(hidden) > 0 {
		t.Errorf("printed although they should not be: %v", hidden)
	}
	if !eval[bool](t, ctx, `getComputedStyle(document.querySelector("article.case-study h1")).display !== "none" && document.querySelector(".prose").offsetHeight > 100`) {
		t.Error("the case study itself is not printed")
	}
}
