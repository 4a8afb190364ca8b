package browsertest

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// maxPageWeight is the most HTML, CSS and JavaScript a page may need,
// before images: issue 5's budget for a phone on a slow link.
const maxPageWeight = 100 << 10

// pageLoads returns the stylesheets and scripts that an HTML page loads
// before its images, as a browser finds them: <link rel=stylesheet href>
// and <script src>, addresses without their query.
func pageLoads(b []byte) ([]string, error) {
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
			}
			switch {
			case n.Data == "link" && slices.Contains(strings.Fields(attr["rel"]), "stylesheet"):
				out = append(out, attr["href"])
			case n.Data == "script" && attr["src"] != "":
				out = append(out, attr["src"])
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for i, u := range out {
		out[i], _, _ = strings.Cut(u, "?")
	}
	return out, nil
}

// pageType names the kind of an output page, for the report.
func pageType(s *site, rel string) string {
	rel = filepath.ToSlash(rel)
	paged := regexp.MustCompile(`/page/\d+/index\.html$`)
	var taxonomies []string
	for _, tx := range s.compiled.Site.Taxonomies {
		taxonomies = append(taxonomies, tx.ID)
	}
	first, _, _ := strings.Cut(rel, "/")
	switch {
	case rel == "index.html":
		return "home"
	case rel == "404.html":
		return "404"
	case rel == "case-studies/index.html":
		return "list"
	case strings.HasPrefix(rel, "case-studies/") && paged.MatchString(rel) && strings.Count(rel, "/") == 3:
		return "list, later pages"
	case strings.HasPrefix(rel, "case-studies/"):
		return "case study"
	case rel == "schools/index.html":
		return "schools"
	case strings.HasPrefix(rel, "schools/"):
		return "schools, later pages"
	case strings.HasPrefix(rel, "book/"):
		return "book"
	case slices.Contains(taxonomies, first) && strings.Count(rel, "/") == 1:
		return "taxonomy"
	case slices.Contains(taxonomies, first) && paged.MatchString(rel):
		return "term, later pages"
	case slices.Contains(taxonomies, first):
		return "term"
	}
	return "free page"
}

// TestPageWeight adds up, for every page of the sample, of the unseen
// content and of a generated corpus of corpusSize case studies, its HTML
// and the stylesheets and scripts it loads, and fails when any needs more
// than maxPageWeight. The printable book is left out: it is every case
// study on one page, for printing, by design. Data files that the search
// and the filters fetch when the reader uses them are not counted; their
// sizes are reported. Pages with highlighted code, and only they, load
// the highlighting stylesheet.
func TestPageWeight(t *testing.T) {
	for name, s := range map[string]*site{"sample": sample(t), "unseen": unseen(t), "corpus of 500": large(t)} {
		t.Run(name, func(t *testing.T) {
			type heaviest struct {
				page        string
				html, bytes int
			}
			byType := map[string]heaviest{}
			for _, f := range htmlFiles(t, s.dir) {
				rel, _ := filepath.Rel(s.dir, f)
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				loads, err := pageLoads(b)
				if err != nil {
					t.Fatalf("%s: %v", rel, err)
				}
				n := len(b)
				chroma := false
				for _, u := range loads {
					info, err := os.Stat(filepath.Join(s.dir, filepath.FromSlash(strings.TrimPrefix(u, s.root))))
					if err != nil {
						t.Errorf("%s loads %s, which is not in the output", rel, u)
						continue
					}
					n += int(info.Size())
					chroma = chroma || strings.HasSuffix(u, "/chroma.css")
				}
				typ := pageType(s, rel)
				if typ == "book" {
					continue // every case study on one page, for printing
				}
				if code := bytes.Contains(b, []byte(`<pre class="chroma"`)); code != chroma {
					t.Errorf("%s: highlighted code %v, but loads the highlighting stylesheet %v", rel, code, chroma)
				}
				if n > maxPageWeight {
					t.Errorf("%s needs %.1f KB of HTML, CSS and JavaScript, more than %d KB", rel, float64(n)/1024, maxPageWeight>>10)
				}
				if n > byType[typ].bytes {
					byType[typ] = heaviest{rel, len(b), n}
				}
			}
			for _, typ := range slices.Sorted(mapKeys(byType)) {
				h := byType[typ]
				t.Logf("%-20s %5.1f KB HTML, %5.1f KB with CSS and JS: %s", typ, float64(h.html)/1024, float64(h.bytes)/1024, h.page)
			}
			for _, d := range []string{"case-studies/index.json", "case-studies/cards-0.json", "search/meta.json"} {
				if b, err := os.ReadFile(filepath.Join(s.dir, d)); err == nil {
					t.Logf("on demand: %-26s %6.1f KB, %5.1f KB gzip", d, float64(len(b))/1024, float64(gzipSize(b))/1024)
				}
			}
		})
	}
}

// gzipSize is the size of b compressed as a web server would.
func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
