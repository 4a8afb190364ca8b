package browsertest

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestSearchResultNewTab checks that a search result in the header's
// drop-down opens in a new tab, as a link does, when a reader clicks it
// with the middle button or with Ctrl held: it is an <a href> to the case
// study's page, the page's script does not prevent the click's default
// action, a new tab opens at that address, and the reader's own tab stays
// where it was.
func TestSearchResultNewTab(t *testing.T) {
	s := sample(t)
	ctx := browser(t, 1280, 800)

	own := chromedp.FromContext(ctx).Target.TargetID
	var mu sync.Mutex
	opened := map[target.ID]string{}
	if err := chromedp.ListenBrowser(ctx, func(ev any) {
		var info *target.Info
		switch ev := ev.(type) {
		case *target.EventTargetCreated:
			info = ev.TargetInfo
		case *target.EventTargetInfoChanged:
			info = ev.TargetInfo
		}
		if info != nil && info.Type == "page" && info.TargetID != own {
			mu.Lock()
			opened[info.TargetID] = info.URL
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	// tabsAt returns the new tabs that show url.
	tabsAt := func(url string) []target.ID {
		mu.Lock()
		defer mu.Unlock()
		var ids []target.ID
		for id, u := range opened {
			if u == url {
				ids = append(ids, id)
			}
		}
		return ids
	}
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for id, u := range opened {
			if strings.Contains(u, "/case-studies/") {
				_, _ = chromedp.CallBrowser(browserCtx, target.CloseTarget, target.CloseTargetParams{TargetID: id})
			}
		}
	})

	page := s.url + "schools/"
	navigate(t, ctx, page)
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`window.clicks = [];
for (const type of ["click", "auxclick"]) window.addEventListener(type, e => clicks.push(type + " " + e.button + (e.defaultPrevented ? " prevented" : "")));`))

	for _, press := range []struct {
		name      string
		button    input.MouseButton
		buttons   int64
		modifiers int64
		event     string
	}{
		{"middle click", input.MouseButtonMiddle, 4, 0, "auxclick 1"},
		{"Ctrl+click", input.MouseButtonLeft, 1, 2, "click 0"},
	} {
		typeQuery(t, ctx, "oracy")
		waitFor(t, ctx, `document.querySelectorAll("#site-search-list .search-result").length > 0`)
		first := `document.querySelector("#site-search-list [role=option]")`
		if tag := eval[string](t, ctx, first+`.tagName`); tag != "A" {
			t.Fatalf("the first search result is a <%s>, not a link", strings.ToLower(tag))
		}
		href := eval[string](t, ctx, first+`.href`)
		slug, ok := strings.CutPrefix(href, s.url+"case-studies/")
		if !ok || strings.Count(slug, "/") != 1 || !strings.HasSuffix(slug, "/") {
			t.Fatalf("the first search result links to %s, not to a case study's page", href)
		}
		before := len(tabsAt(href))
		xy := eval[[]float64](t, ctx, `(r => [r.left + r.width / 2, r.top + r.height / 2])(`+first+`.getBoundingClientRect())`)
		do(t, ctx, eval0(`clicks.length = 0`), chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			for _, typ := range []input.DispatchMouseEventType{input.DispatchMouseEventTypeMouseMoved, input.DispatchMouseEventTypeMousePressed, input.DispatchMouseEventTypeMouseReleased} {
				p := input.DispatchMouseEventParams{Type: typ, X: xy[0], Y: xy[1], Modifiers: press.modifiers}
				if typ != input.DispatchMouseEventTypeMouseMoved {
					p.Button, p.Buttons, p.ClickCount = press.button, press.buttons, 1
				}
				if _, err := chromedp.Call(ctx, input.DispatchMouseEvent, p); err != nil {
					return err
				}
			}
			return nil
		}))
		// A new tab at the result's address; 20 seconds is a guard
		// against a hang, not a measure of speed.
		deadline := time.Now().Add(20 * time.Second)
		for len(tabsAt(href)) == before && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
		}
		if len(tabsAt(href)) == before {
			t.Errorf("%s on the search result %s opened no tab at its address", press.name, href)
		}
		if got := eval[string](t, ctx, `location.href`); got != page {
			t.Fatalf("%s on the search result took the reader's own tab to %s", press.name, got)
		}
		if got := eval[[]string](t, ctx, `clicks`); !contains(got, press.event) {
			t.Errorf("%s on the search result: the page saw %q, want %q (a click that the script did not prevent)", press.name, got, press.event)
		}
		clearQuery(t, ctx)
	}
}

// eval0 evaluates a JavaScript expression for its effect.
func eval0(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](expr)
}

// TestTableKeyboard checks, on a phone, that every table of every case
// study that is wider than the text can be scrolled from the keyboard
// (axe's scrollable-region-focusable): its wrapper is in the tab order, is
// a region with a name of its own on the page, and the arrow keys scroll
// it. The sample site must have at least one such table.
func TestTableKeyboard(t *testing.T) {
	s := sample(t)
	ctx := browser(t, 360, 800)
	wide := 0
	for _, cs := range s.compiled.Site.CaseStudies {
		url := s.url + "case-studies/" + cs.Slug + "/"
		navigate(t, ctx, url)
		problems := eval[[]string](t, ctx, `(() => {
  const out = [], names = new Set();
  for (const [i, table] of document.querySelectorAll(".prose table").entries()) {
    const w = table.parentElement;
    if (!w.matches(".table-scroll")) { out.push("table " + (i + 1) + " has no scrolling wrapper"); continue; }
    const name = w.getAttribute("aria-label") || "";
    const scrolls = w.scrollWidth > w.clientWidth + 1;
    if (w.getAttribute("role") !== "region" || name === "") out.push("table " + (i + 1) + "'s wrapper is not a named region: " + w.outerHTML.slice(0, 120));
    if (scrolls && w.tabIndex !== 0) out.push("table " + (i + 1) + " scrolls, and its wrapper is not in the tab order");
    if (!scrolls && w.tabIndex === 0) out.push("table " + (i + 1) + " does not scroll, and its wrapper is a stop in the tab order");
    if (names.has(name)) out.push("two tables are named " + JSON.stringify(name));
    names.add(name);
  }
  return out;
})()`)
		for _, p := range problems {
			t.Errorf("%s: %s", url, p)
		}
		n := eval[int](t, ctx, `document.querySelectorAll(".prose .table-scroll").length`)
		for i := range n {
			w := `document.querySelectorAll(".prose .table-scroll")[` + strconv.Itoa(i) + `]`
			if !eval[bool](t, ctx, w+`.scrollWidth > `+w+`.clientWidth`) {
				continue
			}
			wide++
			do(t, ctx, eval0(w+`.scrollIntoView({block: "center"}); `+w+`.focus()`), realKey(kb.ArrowRight), realKey(kb.ArrowRight))
			waitFor(t, ctx, w+`.scrollLeft > 0`)
		}
	}
	if wide == 0 {
		t.Fatal("no case study of the sample site has a table wider than a phone: nothing was checked")
	}
	t.Logf("%d wide tables scrolled from the keyboard at 360 px", wide)

	// On a wide screen, a table that fits is no stop for the keyboard
	// (site.js takes its wrapper out of the tab order), and one made
	// wide again by a narrower window is a stop again.
	desk := browser(t, 1280, 900)
	narrow := 0
	for _, cs := range s.compiled.Site.CaseStudies {
		navigate(t, desk, s.url+"case-studies/"+cs.Slug+"/")
		waitFor(t, desk, `document.fonts.status === "loaded"`)
		n := eval[int](t, desk, `[...document.querySelectorAll(".prose .table-scroll")].filter(w => w.scrollWidth <= w.clientWidth + 1 && !w.hasAttribute("tabindex")).length`)
		stops := eval[int](t, desk, `[...document.querySelectorAll(".prose .table-scroll")].filter(w => w.scrollWidth <= w.clientWidth + 1 && w.hasAttribute("tabindex")).length`)
		if stops > 0 {
			t.Errorf("%s at 1280 px: %d tables that fit are stops in the tab order", cs.Slug, stops)
		}
		narrow += n
	}
	if narrow == 0 {
		t.Fatal("no table of the sample site fits at 1280 px: the wide-screen case was not checked")
	}
}
