package build

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"buildbook/internal/diag"
)

// pageHead is what a page's head says for sharing and citing.
type pageHead struct {
	canonical string
	icons     map[string]string // rel (and sizes) -> href
	meta      map[string][]string
	ld        []string // JSON-LD blocks
}

func readHead(t *testing.T, b []byte) pageHead {
	t.Helper()
	h := pageHead{icons: map[string]string{}, meta: map[string][]string{}}
	z := html.NewTokenizer(bytes.NewReader(b))
	inLD := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return h
		}
		tok := z.Token()
		attr := func(k string) string {
			for _, a := range tok.Attr {
				if a.Key == k {
					return a.Val
				}
			}
			return ""
		}
		switch {
		case tt == html.StartTagToken && tok.Data == "body":
			return h
		case tt == html.TextToken && inLD:
			h.ld = append(h.ld, tok.Data)
		case tt == html.EndTagToken && tok.Data == "script":
			inLD = false
		case tok.Data == "script" && attr("type") == "application/ld+json":
			inLD = true
		case tok.Data == "link" && attr("rel") == "canonical":
			h.canonical = attr("href")
		case tok.Data == "link" && (attr("rel") == "icon" || attr("rel") == "apple-touch-icon"):
			h.icons[strings.TrimSpace(attr("rel")+" "+attr("sizes"))] = attr("href")
		case tok.Data == "meta" && attr("property") != "":
			h.meta[attr("property")] = append(h.meta[attr("property")], attr("content"))
		case tok.Data == "meta" && attr("name") != "":
			h.meta[attr("name")] = append(h.meta[attr("name")], attr("content"))
		}
	}
}

func (h pageHead) one(k string) string {
	if len(h.meta[k]) != 1 {
		return ""
	}
	return h.meta[k][0]
}

// TestShareTags builds the unseen content, its gamma case study given its
// photo as image, with its full base URL and with a path as base URL, and
// checks every page's head: icons that exist, Open Graph and Twitter
// tags with full addresses where the base URL is one, JSON-LD that parses
// with the page's facts and the book's licence and copyright, and the
// citation tags on case studies; then the citation files, the icons and
// the card.
func TestShareTags(t *testing.T) {
	for _, tc := range []struct {
		name, base, prefix string
	}{
		{"absolute", "", "https://example.org/g4g/"},
		{"relative", "/sub/", "/sub/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := unseen(t)
			p := filepath.Join(dir, "case-studies", "gamma", "index.md")
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, bytes.Replace(b, []byte("image: chart.svg"), []byte("image: photo.png"), 1), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "public")
			c, _ := buildTo(t, Options{Content: dir, Out: out, BaseURL: tc.base})
			checkSite(t, c, out)
			root := c.Site.Book.BasePath()
			cases := map[string]bool{}
			for _, cs := range c.Site.CaseStudies {
				cases["case-studies/"+cs.Slug+"/index.html"] = true
			}
			pages := 0
			err = filepath.WalkDir(out, func(f string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() || filepath.Ext(f) != ".html" {
					return err
				}
				rel, _ := filepath.Rel(out, f)
				rel = filepath.ToSlash(rel)
				b, err := os.ReadFile(f)
				if err != nil {
					return err
				}
				pages++
				checkHead(t, rel, readHead(t, b), tc.prefix, root, out, cases[rel])
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if pages < 20 {
				t.Fatalf("only %d pages", pages)
			}

			// The photo is gamma's picture; alpha, without one, shows the card.
			gamma := readHead(t, []byte(read(t, out, "case-studies/gamma/index.html")))
			if got := gamma.one("og:image"); got != tc.prefix+"case-studies/gamma/photo.png" || gamma.one("og:image:width") != "64" || gamma.one("og:image:height") != "48" || gamma.one("twitter:card") != "summary" {
				t.Errorf("gamma's picture: og:image %q %s×%s, twitter:card %q", got, gamma.one("og:image:width"), gamma.one("og:image:height"), gamma.one("twitter:card"))
			}
			alpha := readHead(t, []byte(read(t, out, "case-studies/alpha/index.html")))
			if got := alpha.one("og:image"); !strings.HasPrefix(got, tc.prefix+"assets/card.png?v=") || alpha.one("og:image:width") != "1200" || alpha.one("twitter:card") != "summary_large_image" {
				t.Errorf("alpha's picture: og:image %q", got)
			}
			checkAlpha(t, alpha, tc.prefix)
			checkPictures(t, out, false)

			bib := read(t, out, "case-studies/alpha/cite.bib")
			for _, s := range []string{"@incollection{alpha-2023,\n", "author    = {Ann Example and Bob Example},\n", "booktitle = {Leading Schools Together: A test collection},\n",
				"url       = {" + tc.prefix + "case-studies/alpha/},\n", "copyright = {\\textcopyright{} 2025 Test Press \\& Friends},\n", "license   = {CC BY 4.0 https://creativecommons.org/licenses/by/4.0/},\n"} {
				if !strings.Contains(bib, s) {
					t.Errorf("alpha's cite.bib has no %q:\n%s", s, bib)
				}
			}
			ris := read(t, out, "case-studies/alpha/cite.ris")
			for _, s := range []string{"TY  - CHAP\r\n", "AU  - Ann Example\r\nAU  - Bob Example\r\n", "DA  - 2023/05/01\r\n", "UR  - " + tc.prefix + "case-studies/alpha/\r\n",
				"N1  - © 2025 Test Press & Friends. Licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).\r\n"} {
				if !strings.Contains(ris, s) {
					t.Errorf("alpha's cite.ris has no %q:\n%s", s, ris)
				}
			}
		})
	}
}

// checkHead checks one page's head.
func checkHead(t *testing.T, rel string, h pageHead, prefix, root, out string, caseStudy bool) {
	t.Helper()
	for _, rel := range []string{"icon 32x32", "icon", "apple-touch-icon"} {
		if _, ok := h.icons[rel]; !ok {
			t.Errorf("%s: no <link rel=%q>", rel, rel)
		}
	}
	if got := h.icons["icon 32x32"]; got != root+"favicon.ico" {
		t.Errorf("%s: favicon link %q", rel, got)
	}
	for _, href := range h.icons {
		p := strings.TrimPrefix(strings.SplitN(href, "?", 2)[0], root)
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(p))); err != nil {
			t.Errorf("%s: the icon %s is not published", rel, href)
		}
	}
	for _, k := range []string{"og:type", "og:site_name", "og:title", "og:description", "og:url", "og:image", "twitter:card", "description"} {
		if h.one(k) == "" {
			t.Errorf("%s: no %s", rel, k)
		}
	}
	for _, k := range []string{"og:url", "og:image"} {
		if !strings.HasPrefix(h.one(k), prefix) {
			t.Errorf("%s: %s %q does not start with %s", rel, k, h.one(k), prefix)
		}
	}
	if h.canonical != "" && h.one("og:url") != h.canonical {
		t.Errorf("%s: og:url %q is not the canonical address %q", rel, h.one("og:url"), h.canonical)
	}
	if len(h.ld) != 1 {
		t.Errorf("%s: %d JSON-LD blocks, want 1", rel, len(h.ld))
		return
	}
	var ld map[string]any
	if err := json.Unmarshal([]byte(h.ld[0]), &ld); err != nil {
		t.Errorf("%s: JSON-LD: %v", rel, err)
	}
	if ld["@context"] != "https://schema.org" || ld["license"] != "https://creativecommons.org/licenses/by/4.0/" || ld["copyrightNotice"] != "© 2025 Test Press & Friends" {
		t.Errorf("%s: JSON-LD without context, licence or copyright: %s", rel, h.ld[0])
	}
	if caseStudy != (ld["@type"] == "ScholarlyArticle") || caseStudy != (h.one("og:type") == "article") || caseStudy != (h.one("citation_title") != "") {
		t.Errorf("%s: case study %v, but JSON-LD @type %v, og:type %q, citation_title %q", rel, caseStudy, ld["@type"], h.one("og:type"), h.one("citation_title"))
	}
}

// checkAlpha checks the tags and JSON-LD of the unseen case study alpha.
func checkAlpha(t *testing.T, h pageHead, prefix string) {
	t.Helper()
	want := map[string]string{
		"citation_title": "Alpha: reading for pleasure", "citation_publication_date": "2023/05/01",
		"citation_inbook_title": "Leading Schools Together: A test collection", "citation_publisher": "Test Press",
		"citation_language": "en", "citation_abstract_html_url": prefix + "case-studies/alpha/",
		"og:title": "Alpha: reading for pleasure", "og:description": "Alpha changed how reading is taught.",
		"article:published_time": "2023-05-01",
	}
	for k, v := range want {
		if got := h.one(k); got != v {
			t.Errorf("alpha: %s %q, want %q", k, got, v)
		}
	}
	if got := strings.Join(h.meta["citation_author"], "; "); got != "Ann Example; Bob Example" {
		t.Errorf("alpha: citation_author %q", got)
	}
	if got := h.one("citation_keywords"); !strings.Contains(got, "Shared vision and values; ") {
		t.Errorf("alpha: citation_keywords %q", got)
	}
	var ld struct {
		Type          string `json:"@type"`
		Headline      string
		DatePublished string
		URL           string
		InLanguage    string
		Author        []struct{ Name, JobTitle string }
		Publisher     struct{ Name string }
		IsPartOf      struct{ Name string }
		Source        struct{ Name string } `json:"sourceOrganization"`
	}
	if err := json.Unmarshal([]byte(h.ld[0]), &ld); err != nil {
		t.Fatal(err)
	}
	if ld.Type != "ScholarlyArticle" || ld.Headline != "Alpha: reading for pleasure" || ld.DatePublished != "2023-05-01" || ld.URL != prefix+"case-studies/alpha/" ||
		ld.InLanguage != "en" || len(ld.Author) != 2 || ld.Author[0].Name != "Ann Example" || ld.Author[0].JobTitle != "Headteacher" ||
		ld.Publisher.Name != "Test Press" || ld.IsPartOf.Name != "Leading Schools Together: A test collection" || ld.Source.Name != "Alpha Primary School" {
		t.Errorf("alpha's JSON-LD: %+v", ld)
	}
}

// checkPictures checks favicon.ico, the phone's icon and the card, and
// the default icon unless the book has its own.
func checkPictures(t *testing.T, out string, own bool) {
	t.Helper()
	ico := []byte(read(t, out, "favicon.ico"))
	if len(ico) < 22 || binary.LittleEndian.Uint16(ico[2:]) != 1 || ico[6] != 32 || !bytes.HasPrefix(ico[22:], []byte("\x89PNG")) {
		t.Errorf("favicon.ico is not an ICO of a 32×32 PNG: % x", ico[:min(len(ico), 30)])
	}
	for p, size := range map[string][2]int{"apple-touch-icon.png": {180, 180}, "assets/card.png": {1200, 630}} {
		cfg, err := png.DecodeConfig(strings.NewReader(read(t, out, p)))
		if err != nil || cfg.Width != size[0] || cfg.Height != size[1] {
			t.Errorf("%s: %v, %d×%d, want %d×%d", p, err, cfg.Width, cfg.Height, size[0], size[1])
		}
	}
	if own {
		return
	}
	if svg := read(t, out, "assets/icon.svg"); !strings.Contains(svg, ">L</text>") {
		t.Errorf("the default icon does not show the title's initial:\n%s", svg)
	}
}

// TestBookIcon builds the unseen content with book.yaml's icon: an SVG is
// published cleaned, with the default favicon.ico beside it; a PNG is
// published as it is, and favicon.ico and the phone's icon are it,
// scaled into a square.
func TestBookIcon(t *testing.T) {
	t.Run("svg", func(t *testing.T) {
		// An SVG icon is checked as any SVG: only the parts of a plain
		// drawing are published.
		dir := unseen(t)
		addIcon(t, dir, "icon.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="64" height="64">
<metadata>drawn in Inkscape</metadata>
<circle cx="32" cy="32" r="30" fill="#c00" inkscape:label="dot"><animate attributeName="r" values="30;20"/></circle>
</svg>`))
		out := filepath.Join(t.TempDir(), "public")
		_, ds := buildTo(t, Options{Content: dir, Out: out})
		if ds := iconDiags(ds); len(ds) != 1 || ds[0].Line != 3 || !strings.Contains(ds[0].Message, "<animate>") {
			t.Errorf("diagnostics %v, want one warning at icon.svg:3 for the animation", ds)
		}
		svg := read(t, out, "assets/icon.svg")
		if !strings.Contains(svg, `<circle cx="32" cy="32" r="30" fill="#c00"/>`) || strings.Contains(svg, "Inkscape") || strings.Contains(svg, "animate") {
			t.Errorf("the icon is not the book's, cleaned:\n%s", svg)
		}
		h := readHead(t, []byte(read(t, out, "index.html")))
		if !strings.HasPrefix(h.icons["icon"], "/g4g/assets/icon.svg?v=") {
			t.Errorf("icon link %q", h.icons["icon"])
		}
		checkPictures(t, out, true)
	})
	t.Run("png", func(t *testing.T) {
		dir := unseen(t)
		wide := image.NewRGBA(image.Rect(0, 0, 100, 50))
		draw.Draw(wide, wide.Bounds(), image.NewUniform(color.RGBA{200, 0, 0, 255}), image.Point{}, draw.Src)
		var buf bytes.Buffer
		if err := png.Encode(&buf, wide); err != nil {
			t.Fatal(err)
		}
		b := buf.Bytes()
		addIcon(t, dir, "logo.png", b)
		out := filepath.Join(t.TempDir(), "public")
		_, ds := buildTo(t, Options{Content: dir, Out: out})
		if ds := iconDiags(ds); len(ds) != 0 {
			t.Errorf("diagnostics: %v", ds)
		}
		if got := read(t, out, "assets/icon.png"); got != string(b) {
			t.Error("assets/icon.png is not the book's PNG")
		}
		if _, err := os.Stat(filepath.Join(out, "assets", "icon.svg")); err == nil {
			t.Error("an SVG icon is published beside the book's PNG")
		}
		h := readHead(t, []byte(read(t, out, "case-studies/alpha/index.html")))
		if !strings.HasPrefix(h.icons["icon"], "/g4g/assets/icon.png?v=") {
			t.Errorf("icon link %q", h.icons["icon"])
		}
		ico := []byte(read(t, out, "favicon.ico"))
		m, err := png.Decode(bytes.NewReader(ico[22:]))
		if err != nil {
			t.Fatal(err)
		}
		// The 100×50 picture is 32×16 in the middle of the square.
		if _, _, _, a := m.At(16, 2).RGBA(); a != 0 {
			t.Error("favicon.ico: above the wide picture is not transparent")
		}
		if _, _, _, a := m.At(16, 16).RGBA(); a == 0 {
			t.Error("favicon.ico: the middle is not the book's picture")
		}
		checkPictures(t, out, true)
	})
}

// iconDiags are the diagnostics about book.yaml and the icons.
func iconDiags(ds []diag.Diagnostic) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, d := range ds {
		if b := filepath.Base(d.File); b == "book.yaml" || strings.HasPrefix(b, "icon") || strings.HasPrefix(b, "logo") {
			out = append(out, d)
		}
	}
	return out
}

// addIcon writes the file name into the content folder dir, unless data
// is nil, and names it as book.yaml's icon.
func addIcon(t *testing.T, dir, name string, data []byte) {
	t.Helper()
	if data != nil {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(dir, "book.yaml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append(b, []byte("icon: "+name+"\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
}
