package browsertest

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"buildbook/internal/render"
)

// axeRun runs axe-core on the page with the WCAG 2.1 A and AA rules and
// returns one line per violating node.
const axeRun = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, resultTypes: ["violations"]})
  .then(r => r.violations.flatMap(v => v.nodes.map(n => v.id + " (" + v.impact + "): " + n.target.join(" ") + ": " + (n.failureSummary || "").replace(/\s+/g, " "))))`

// pageTypes are the addresses, from the site's root, of one page of each
// type of the sample site.
func pageTypes(t *testing.T, s *site) map[string]string {
	t.Helper()
	c := s.compiled
	cs := c.Site.CaseStudies[0]
	tx := c.Site.Taxonomies[0]
	pages := map[string]string{
		"home":       "",
		"list":       "case-studies/",
		"case study": "case-studies/" + cs.Slug + "/",
		"taxonomy":   tx.ID + "/",
		"term":       tx.ID + "/" + tx.Terms[0].ID + "/",
		"schools":    "schools/",
		"404":        "no-such-page/",
		"submit":     "submit/",
	}
	if len(c.Site.Pages) > 0 {
		pages["free page"] = c.Site.Pages[0].Slug + "/"
	}
	if exists(filepath.Join(s.dir, "book", "index.html")) {
		pages["book"] = "book/"
	}
	return pages
}

// pagedTypes are the addresses of one page of each type of a large site,
// with the later pages of its paged lists.
func pagedTypes(t *testing.T, s *site) map[string]string {
	t.Helper()
	tx := s.compiled.Site.Taxonomies[0]
	pages := map[string]string{
		"home":            "",
		"list":            "case-studies/",
		"list, page 2":    "case-studies/page/2/",
		"case study":      "case-studies/" + s.compiled.Site.CaseStudies[0].Slug + "/",
		"term, page 2":    tx.ID + "/" + tx.Terms[0].ID + "/page/2/",
		"schools, page 2": "schools/page/2/",
	}
	for name, p := range pages {
		if !exists(filepath.Join(s.dir, filepath.FromSlash(p), "index.html")) {
			t.Fatalf("the large site has no %s page, %s", name, p)
		}
	}
	return pages
}

// axeSource is axe-core's script, from node_modules.
func axeSource(t *testing.T) string {
	t.Helper()
	p := filepath.Join(repo, "node_modules", "axe-core", "axe.min.js")
	need(t, exists(p), "node_modules/axe-core (run npm ci)")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// checkAxe loads url in both colour schemes, runs axe-core after setup,
// and reports every violation.
func checkAxe(t *testing.T, axe, url string, setup func(t *testing.T, ctx contextT)) {
	t.Helper()
	for _, scheme := range []string{"light", "dark"} {
		ctx := browser(t, 1280, 900)
		do(t, ctx, colorScheme(scheme, ""))
		navigate(t, ctx, url)
		if setup != nil {
			setup(t, ctx)
		}
		eval[bool](t, ctx, axe+";true")
		for _, v := range eval[[]string](t, ctx, axeRun) {
			t.Errorf("%s, %s: %s", url, scheme, v)
		}
	}
}

func TestAccessibility(t *testing.T) {
	s := sample(t)
	axe := axeSource(t)
	for name, p := range pageTypes(t, s) {
		t.Run(name, func(t *testing.T) { checkAxe(t, axe, s.url+p, nil) })
	}
	t.Run("list filtered", func(t *testing.T) {
		tx := s.compiled.Site.Taxonomies[0]
		checkAxe(t, axe, s.url+"case-studies/?q=school&"+tx.ID+"="+tx.Terms[0].ID, func(t *testing.T, ctx contextT) {
			waitFor(t, ctx, `document.querySelector("#active-filters li")`)
		})
	})
	t.Run("search open", func(t *testing.T) {
		checkAxe(t, axe, s.url, func(t *testing.T, ctx contextT) {
			typeQuery(t, ctx, "school")
			pressKey(t, ctx, "ArrowDown")
		})
	})
	t.Run("large list, filtered, with more shown", func(t *testing.T) {
		l := large(t)
		tx := l.compiled.Site.Taxonomies[0]
		checkAxe(t, axe, l.url+"case-studies/?"+tx.ID+"="+tx.Terms[0].ID, func(t *testing.T, ctx contextT) {
			waitFor(t, ctx, `document.querySelector("#active-filters li") && !document.getElementById("show-more").hidden`)
			eval[bool](t, ctx, `document.getElementById("show-more-button").click(), true`)
			waitFor(t, ctx, `document.querySelectorAll(".cards .card").length > `+strconv.Itoa(render.ListPageSize))
		})
	})
	t.Run("narrow list with filters open", func(t *testing.T) {
		ctx := browser(t, 360, 800)
		navigate(t, ctx, s.url+"case-studies/")
		eval[bool](t, ctx, `document.getElementById("filter-toggle").click(), true`)
		eval[bool](t, ctx, axe+";true")
		for _, v := range eval[[]string](t, ctx, axeRun) {
			t.Errorf("360 px: %s", v)
		}
	})
}

// TestAccessibilityLarge runs the checks on the pages that only a large
// collection has: the later pages of its lists.
func TestAccessibilityLarge(t *testing.T) {
	s := large(t)
	axe := axeSource(t)
	for name, p := range pagedTypes(t, s) {
		if strings.Contains(p, "page/") {
			t.Run(name, func(t *testing.T) { checkAxe(t, axe, s.url+p, nil) })
		}
	}
}

// TestAccessibilityUnseen runs the same checks on a site built from other
// content: other taxonomies, a sub-path, no sample text.
func TestAccessibilityUnseen(t *testing.T) {
	s := unseen(t)
	axe := axeSource(t)
	for _, p := range []string{"", "case-studies/", "case-studies/" + s.compiled.Site.CaseStudies[0].Slug + "/"} {
		t.Run(fmt.Sprintf("/%s", strings.TrimSuffix(p, "/")), func(t *testing.T) { checkAxe(t, axe, s.url+p, nil) })
	}
}
