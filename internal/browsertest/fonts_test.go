package browsertest

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// facesJS lists, for the page in the tab, the Latin faces its text is
// drawn in, as font file names ("source-sans-3-latin-700-normal"), in two
// groups: those of the page's own furniture (header, titles, metadata,
// citation, footer) and those only inside the contributor's text (.prose,
// which may or may not have italics or code), with the faces the page
// preloads. Only text that is laid out counts: a browser fetches no face
// for hidden text, nor for text under content-visibility: auto (what
// follows a case study) before the reader nears it.
const facesJS = `(() => {
  const file = (family, weight, style) => {
    const f = family.split(",")[0].trim().replace(/["']/g, "").toLowerCase().replace(/ /g, "-");
    if (!f.startsWith("source-")) return "";
    return f + "-latin-" + (parseInt(weight, 10) > 500 ? 700 : 400) + "-" + (style === "normal" ? "normal" : "italic");
  };
  const chrome = new Set(), prose = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || n.data.trim() === "" || el.getClientRects().length === 0) continue;
    // Text under content-visibility: auto is laid out when the reader
    // nears it, and its faces are fetched then.
    let later = false;
    for (let a = el; a && !later; a = a.parentElement) later = getComputedStyle(a).contentVisibility === "auto";
    if (later) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === "hidden") continue;
    const f = file(cs.fontFamily, cs.fontWeight, cs.fontStyle);
    if (f) (el.closest(".prose") ? prose : chrome).add(f);
  }
  const preload = [...document.querySelectorAll('link[rel="preload"][as="font"]')]
    .map(l => l.getAttribute("href").split("/").pop().replace(/\.woff2$/, ""));
  return {chrome: [...chrome].sort(), prose: [...prose].sort(), preload};
})()`

type faces struct {
	Chrome, Prose, Preload []string
}

// TestFontPreloads checks, on every page of the sample at a phone's
// width, that the page preloads the Latin faces its furniture is set in,
// and no face that none of its text shows. A face found only in the stylesheet is fetched after it, at the
// highest priority, and holds up the first paint on a slow link (the
// case study's first contentful paint on a phone was 1.4 s against 1.2 s
// elsewhere, for the serif, its italic and the bold sans); a face that is
// preloaded but not shown wastes the reader's bytes and makes Chromium
// warn. Faces only in the contributor's text (an italic word, code) may
// load when used; a page that is mostly text preloads its serif.
func TestFontPreloads(t *testing.T) {
	s := sample(t)
	ctx := browser(t, 360, 800)
	kinds := map[string]bool{}
	for _, f := range htmlFiles(t, s.dir) {
		rel, _ := filepath.Rel(s.dir, f)
		rel = filepath.ToSlash(rel)
		typ := pageType(s, rel)
		if typ == "book" {
			continue // for printing, with its own stylesheet
		}
		kinds[typ] = true
		url := s.url + strings.TrimSuffix(rel, "index.html")
		navigate(t, ctx, url)
		got := eval[faces](t, ctx, facesJS)
		for _, f := range got.Chrome {
			if !slices.Contains(got.Preload, f) {
				t.Errorf("%s (%s) shows its own text in %s, and does not preload it", rel, typ, f)
			}
		}
		for _, f := range got.Preload {
			if !slices.Contains(got.Chrome, f) && !slices.Contains(got.Prose, f) {
				t.Errorf("%s (%s) preloads %s, which no text of it uses", rel, typ, f)
			}
		}
	}
	for _, k := range []string{"home", "list", "case study", "taxonomy", "term", "schools", "free page", "404"} {
		if !kinds[k] {
			t.Errorf("no %s page in the sample: its fonts were not checked", k)
		}
	}
}
