package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// These tests compare buildbook's search with Pagefind's on the same built
// site, in the same run. They run only when BUILDBOOK_PAGEFIND names
// Pagefind's binary (scripts/bench-search.sh installs it with npm and
// sets it); go test does not need Pagefind.

// pagefindPage is a page of no site that searches with Pagefind as a
// reader's first search does: it loads pagefind.js when asked, searches,
// and loads the data of the results shown (eight, as buildbook's panel).
// It carries no Content-Security-Policy: Pagefind runs WebAssembly.
const pagefindPage = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Pagefind</title>
<script type="module">
window.pfSearch = async (q) => {
  const pf = await import('./pagefind/pagefind.js');
  const r = await pf.search(q);
  const data = await Promise.all(r.results.slice(0, 8).map(x => x.data()));
  return { n: r.results.length, urls: data.map(d => d.url) };
};
window.pfReady = true;
</script></html>`

// pagefindSite runs Pagefind over the case studies' pages of s and adds
// pagefindPage, once per site.
func pagefindSite(t *testing.T, s *site) {
	t.Helper()
	bin := os.Getenv("BUILDBOOK_PAGEFIND")
	if bin == "" {
		t.Skip("set BUILDBOOK_PAGEFIND to Pagefind's binary to compare with it (scripts/bench-search.sh)")
	}
	if exists(filepath.Join(s.dir, "pagefind-bench.html")) {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute) // a hang guard
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--site", s.dir, "--glob", "case-studies/*/index.html")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pagefind: %v\n%s", err, b)
	}
	if err := os.WriteFile(filepath.Join(s.dir, "pagefind-bench.html"), []byte(pagefindPage), 0o644); err != nil {
		t.Fatal(err)
	}
}

// pagefindResult is what pfSearch answers.
type pagefindResult struct {
	N    int      `json:"n"`
	URLs []string `json:"urls"`
}

// noCache turns the HTTP cache of the tab off.
func noCache(t *testing.T, ctx contextT) {
	do(t, ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, network.Enable, network.EnableParams{})
		if err == nil {
			_, err = chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
		}
		return err
	}))
}

// servedBytes adds up the responses since the last reset whose path
// contains one of parts: their number, their bytes, and their bytes
// gzipped (what a host that compresses sends; Pagefind's index files
// are compressed already).
func servedBytes(s *site, parts ...string) (files, bytes, gz int) {
	for _, sv := range s.servedSince() {
		for _, p := range parts {
			if strings.Contains(sv.path, p) {
				files++
				bytes += int(sv.bytes)
				if b, err := os.ReadFile(s.file(sv.path)); err == nil {
					gz += min(gzipSize(b), len(b))
				}
				break
			}
		}
	}
	return files, bytes, gz
}

// versusQueries are first searches of a common word and of rare ones on
// the generated corpus (gencorpus.py): every body draws from a list with
// "curriculum" and "leadership"; "oracy" is one topic of 22, "hollybrook"
// one school of 21.
var versusQueries = []string{"curriculum", "leadership", "oracy", "hollybrook"}

// TestSearchVersusPagefind measures, on the content folder that
// BUILDBOOK_SEARCH_BENCH names, the bytes that a first search fetches
// with buildbook (search.js, meta.json, buckets, the files of the eight
// results shown) and with Pagefind (pagefind.js, its WebAssembly, meta,
// index chunks, the fragments of eight results), each in a fresh tab
// without HTTP cache, and fails if buildbook's are more than half of
// Pagefind's.
func TestSearchVersusPagefind(t *testing.T) {
	dir := os.Getenv("BUILDBOOK_SEARCH_BENCH")
	if dir == "" {
		t.Skip("set BUILDBOOK_SEARCH_BENCH to a content folder to compare search on it")
	}
	s := siteOf(t, "bench", dir)
	pagefindSite(t, s)
	t.Logf("%d case studies", len(s.compiled.Site.CaseStudies))
	for _, q := range versusQueries {
		ctx := browser(t, 1280, 900)
		noCache(t, ctx)
		navigate(t, ctx, s.url+"schools/")
		s.resetServed()
		do(t, ctx, chromedp.Focus(chromedp.CSS("#site-search-q")))
		do(t, ctx, chromedp.SendKeys(chromedp.CSS("#site-search-q"), q))
		waitForSearch(t, ctx, q)
		time.Sleep(200 * time.Millisecond) // any late fetches
		n := eval[int](t, ctx, `performance.getEntriesByName("buildbook-search").filter(e => e.detail.query === `+jsString(q)+`).pop().detail.results`)
		files, ours, oursGz := servedBytes(s, "/search/", "/assets/search.js")

		ctx = browser(t, 1280, 900)
		noCache(t, ctx)
		navigate(t, ctx, s.url+"pagefind-bench.html")
		waitFor(t, ctx, `window.pfReady === true`)
		s.resetServed()
		pf := eval[pagefindResult](t, ctx, `pfSearch(`+jsString(q)+`)`)
		time.Sleep(200 * time.Millisecond)
		pfFiles, theirs, theirsGz := servedBytes(s, "/pagefind/")
		t.Logf("%-12q buildbook %5d results %2d files %6.1f KB (gzip %5.1f) | Pagefind %5d results %2d files %6.1f KB (gzip %5.1f) | ratio %.2f (gzip %.2f)",
			q, n, files, float64(ours)/1024, float64(oursGz)/1024, pf.N, pfFiles, float64(theirs)/1024, float64(theirsGz)/1024,
			float64(ours)/float64(theirs), float64(oursGz)/float64(theirsGz))
		if 2*ours > theirs {
			t.Errorf("%q: buildbook's first search fetches %d bytes, more than half of Pagefind's %d", q, ours, theirs)
		}
	}
}

// TestSearchRelevanceVersusPagefind searches the sample book with
// Pagefind for the queries of internal/build/testdata/relevance.txt and
// logs its precision at 5, to set beside buildbook's (TestSearchRelevance
// in internal/build).
func TestSearchRelevanceVersusPagefind(t *testing.T) {
	s := sample(t)
	pagefindSite(t, s)
	b, err := os.ReadFile(filepath.Join(repo, "internal", "build", "testdata", "relevance.txt"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := browser(t, 1280, 900)
	navigate(t, ctx, s.url+"pagefind-bench.html")
	waitFor(t, ctx, `window.pfReady === true`)
	slug := regexp.MustCompile(`case-studies/([^/]+)/`)
	sum, n := 0.0, 0
	for _, line := range strings.Split(string(b), "\n") {
		q, slugs, ok := strings.Cut(line, " | ")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		want := strings.Fields(slugs)
		r := eval[pagefindResult](t, ctx, `pfSearch(`+jsString(q)+`)`)
		var top []string
		hits := 0
		for _, u := range r.URLs[:min(5, len(r.URLs))] {
			m := slug.FindStringSubmatch(u)
			if m == nil {
				continue
			}
			top = append(top, m[1])
			for _, w := range want {
				if w == m[1] {
					hits++
				}
			}
		}
		p := float64(hits) / float64(min(5, len(want)))
		sum += p
		n++
		t.Logf("P@5 %.2f  %-26q %2d results, first %s", p, q, r.N, strings.Join(top, " "))
	}
	t.Logf("Pagefind's mean precision at 5 over %d queries: %.3f", n, sum/float64(n))
}
