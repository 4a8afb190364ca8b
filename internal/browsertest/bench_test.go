package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// benchQueries are first searches a reader might make.
var benchQueries = []string{"oracy", "reading", "coaching", "leadership", "parents", "governors", "riverside academy", "curriculum design", "transition primary", "send provision"}

// TestSearchBench measures the first search on a large site: what it
// transfers (the engine, search.js, included) and how long it takes, with a fresh tab and no HTTP cache for
// each query, typed a key every 60 ms. It runs only when
// BUILDBOOK_SEARCH_BENCH names a content folder, such as one made by
// shared/bench/gencorpus.py --n 10000.
func TestSearchBench(t *testing.T) {
	dir := os.Getenv("BUILDBOOK_SEARCH_BENCH")
	if dir == "" {
		t.Skip("set BUILDBOOK_SEARCH_BENCH to a content folder to measure search on it")
	}
	s := siteOf(t, "bench", dir)
	t.Logf("%d case studies", len(s.compiled.Site.CaseStudies))
	for _, q := range benchQueries {
		ctx := browser(t, 1280, 900)
		do(t, ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, network.Enable, network.EnableParams{})
			if err == nil {
				_, err = chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
			}
			return err
		}))
		navigate(t, ctx, s.url+"schools/")
		s.resetServed()
		do(t, ctx, chromedp.Focus(chromedp.CSS("#site-search-q")))
		for _, r := range q {
			do(t, ctx, chromedp.SendKeys(chromedp.CSS("#site-search-q"), string(r)))
			time.Sleep(60 * time.Millisecond)
		}
		waitForSearch(t, ctx, q)
		time.Sleep(200 * time.Millisecond) // any late fetches
		var raw, gz, files int
		for _, sv := range s.servedSince() {
			if !strings.Contains(sv.path, "/search/") && !strings.Contains(sv.path, "/assets/search.js") {
				continue
			}
			files++
			raw += int(sv.bytes)
			if b, err := os.ReadFile(s.file(sv.path)); err == nil {
				gz += gzipSize(b)
			}
		}
		ms := eval[[]float64](t, ctx, `performance.getEntriesByName("buildbook-search").map(e => e.duration)`)
		last := eval[float64](t, ctx, `performance.getEntriesByName("buildbook-search").filter(e => e.detail.query === `+jsString(q)+`).pop().duration`)
		n := eval[int](t, ctx, `performance.getEntriesByName("buildbook-search").filter(e => e.detail.query === `+jsString(q)+`).pop().detail.results`)
		worst := 0.0
		for _, m := range ms {
			worst = max(worst, m)
		}
		// Searching again for the same words, with everything loaded.
		clearQuery(t, ctx)
		eval[bool](t, ctx, `(i => (i.value = `+jsString(q)+`, i.dispatchEvent(new Event("input")), true))(document.getElementById("site-search-q"))`)
		waitFor(t, ctx, `performance.getEntriesByName("buildbook-search").filter(e => e.detail.query === `+jsString(q)+`).length >= 2`)
		warm := eval[float64](t, ctx, `performance.getEntriesByName("buildbook-search").filter(e => e.detail.query === `+jsString(q)+`).pop().duration`)
		t.Logf("%-20q %5d results  %3d files  %6.1f KB (%5.1f KB gzip)  answer %5.1f ms  slowest keystroke %5.1f ms  again %4.1f ms", q, n, files, float64(raw)/1024, float64(gz)/1024, last, worst, warm)
	}
}

// TestBrowseBench measures the case-studies list of a large site, named
// like TestSearchBench's by BUILDBOOK_SEARCH_BENCH: what its first page
// loads, and what the first filters and "Show more" fetch and how long
// they take, in a fresh tab without HTTP cache.
func TestBrowseBench(t *testing.T) {
	dir := os.Getenv("BUILDBOOK_SEARCH_BENCH")
	if dir == "" {
		t.Skip("set BUILDBOOK_SEARCH_BENCH to a content folder to measure the list on it")
	}
	s := siteOf(t, "bench", dir)
	px, cx := s.compiled.Site.Taxonomies[0], s.compiled.Site.Taxonomies[1]
	steps := [][2]string{{px.ID, px.Terms[0].ID}, {cx.ID, cx.Terms[1].ID}, {"region", ""}}
	ctx := browser(t, 1280, 900)
	do(t, ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, network.Enable, network.EnableParams{})
		if err == nil {
			_, err = chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
		}
		return err
	}))
	report := func(what string) {
		var raw, gz, files int
		for _, sv := range s.servedSince() {
			files++
			raw += int(sv.bytes)
			if b, err := os.ReadFile(s.file(sv.path)); err == nil {
				gz += gzipSize(b)
			}
		}
		ms := eval[float64](t, ctx, `(performance.getEntriesByName("buildbook-filter").pop() || {duration: 0}).duration`)
		t.Logf("%-34s %3d files  %6.1f KB (%5.1f KB gzip)  drawn after %5.1f ms", what, files, float64(raw)/1024, float64(gz)/1024, ms)
		s.resetServed()
	}
	s.resetServed()
	navigate(t, ctx, s.url+"case-studies/")
	report("first load of case-studies/")
	sel := 0
	for _, st := range steps {
		value := st[1]
		if value == "" {
			value = eval[string](t, ctx, `document.querySelector('#filters input[name=`+jsString(st[0])+`]').value`)
		}
		check(t, ctx, st[0], value)
		sel++
		waitFor(t, ctx, `performance.getEntriesByName("buildbook-filter").length === `+strconv.Itoa(sel))
		report("+ " + st[0] + "=" + value + " (" + eval[string](t, ctx, `document.getElementById("result-count").textContent`) + ")")
	}
	eval[bool](t, ctx, `document.getElementById("filters-clear").click(), true`)
	sel++
	waitFor(t, ctx, `performance.getEntriesByName("buildbook-filter").length === `+strconv.Itoa(sel))
	report("clear all")
	eval[bool](t, ctx, `document.getElementById("show-more-button").click(), true`)
	sel++
	waitFor(t, ctx, `performance.getEntriesByName("buildbook-filter").length === `+strconv.Itoa(sel))
	report("show more")
}

// file is the output file that the server sends for an address path.
func (s *site) file(p string) string {
	p = strings.TrimPrefix(p, s.root)
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return filepath.Join(s.dir, filepath.FromSlash(p))
}
