package epub

import (
	"html/template"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	bookids "buildbook/internal/ids"
	"buildbook/internal/markdown"
)

// ids are the ids of every XHTML file of the EPUB: each element id of
// the book as made XML names and unique across the EPUB, and where each
// of the book's own ids now lies. The book is one HTML page, so its ids
// are unique already; a link to one is resolved to its file.
type ids struct {
	byBook  map[string]place    // the book's id -> its file and EPUB id
	taken   map[string]bool     // EPUB ids
	perFile map[string][]string // file -> its EPUB ids, in document order
}

// place is an element of the EPUB: its file and id.
type place struct{ file, id string }

func newIDs() *ids {
	return &ids{byBook: map[string]place{}, taken: map[string]bool{}, perFile: map[string][]string{}}
}

// collect records the ids of a file, in document order.
func (t *ids) collect(file string, nodes []*html.Node) {
	walk(nodes, func(n *html.Node) {
		id := attr(n, "id")
		if id == "" {
			return
		}
		name := xmlName(id)
		for i := 2; t.taken[name]; i++ {
			name = xmlName(id) + "-" + strconv.Itoa(i)
		}
		t.taken[name] = true
		t.perFile[file] = append(t.perFile[file], name)
		if _, ok := t.byBook[id]; !ok {
			t.byBook[id] = place{file, name}
		}
	})
}

// rename gives the elements of a file the ids collect gave them. The
// nodes must be made as they were for collect.
func (t *ids) rename(file string, nodes []*html.Node) {
	names := t.perFile[file]
	i := 0
	walk(nodes, func(n *html.Node) {
		if attr(n, "id") == "" {
			return
		}
		if i < len(names) {
			setAttr(n, "id", names[i])
		}
		i++
	})
}

// href is the EPUB address of the book's id, from file.
func (t *ids) href(file, id string) (string, bool) {
	p, ok := t.byBook[id]
	if !ok {
		return "", false
	}
	if p.file == file {
		return "#" + p.id, true
	}
	return p.file + "#" + p.id, true
}

// linker resolves the links of the book in the EPUB.
type linker struct {
	ids    *ids
	inBook map[string]bool // slugs of the case studies in the book
	root   string          // the site's base path: "/" or "/sub/"
	base   string          // the site's absolute address, ending in "/", or ""
}

// xrefs makes the links of a chapter's body (its book HTML, with the
// links the converter found in it) to case studies in the book links to
// their ids in the book, as the printed book does; resolve then finds
// their files. A link to a case study that is not in the book is left
// as a link to its page on the site.
func (l *linker) xrefs(body template.HTML, links []markdown.Ref) template.HTML {
	return template.HTML(markdown.Rewrite(string(body), links, func(_ string, r *markdown.Ref) (string, bool) {
		if r.Kind != markdown.TargetCaseStudy || !l.inBook[r.Slug] {
			return "", false
		}
		return ` href="` + markdown.Attr("#"+bookids.Book(r.Slug, r.Fragment)) + `"`, true
	}))
}

// resolve rewrites the href of each link of a file for the EPUB: a link
// within the book goes to its file and id, a link to the site to its
// full address when the site has one, and a web or mail link stays. Any
// other link, such as one to the site when the base URL is a path only,
// is left as its text.
func (l *linker) resolve(file string, nodes []*html.Node) {
	walk(nodes, func(n *html.Node) {
		if n.Data != "a" {
			return
		}
		href := attr(n, "href")
		delAttr(n, "rel")
		if href == "" {
			return
		}
		if out, ok := l.href(file, href); ok {
			setAttr(n, "href", out)
			if webURL(out) {
				// Reading systems open it in a browser: it learns
				// nothing of the book.
				setAttr(n, "rel", "noopener noreferrer")
			}
			return
		}
		delAttr(n, "href")
		n.Data = "span"
		setAttr(n, "class", "link-text")
	})
}

func (l *linker) href(file, href string) (string, bool) {
	switch {
	case strings.HasPrefix(href, "#"):
		return l.ids.href(file, unescape(href[1:]))
	case strings.HasPrefix(href, "//"):
		return "https:" + href, webURL("https:" + href)
	case strings.HasPrefix(href, "/"):
		rest, ok := strings.CutPrefix(href, l.root)
		if !ok || l.base == "" {
			return "", false
		}
		return l.base + rest, true
	case webURL(href):
		return href, true
	case (strings.HasPrefix(strings.ToLower(href), "mailto:") || strings.HasPrefix(strings.ToLower(href), "tel:")) && !strings.ContainsAny(href, " <>\""):
		return href, true
	}
	return "", false
}

// webURL reports whether s is an http or https address with a host.
func webURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && !strings.ContainsAny(s, " <>\"")
}

// unescape decodes a fragment's percent-encoding, when it has a valid one.
func unescape(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}
