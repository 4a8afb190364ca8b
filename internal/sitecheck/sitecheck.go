// Package sitecheck inspects a built site on disk: it finds every internal
// link, image and stylesheet reference that does not resolve to a file, and
// every #fragment that names no id on its page. Tests of every step use it
// on real output.
package sitecheck

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"buildbook/internal/paths"

	"golang.org/x/net/html"
)

// Page is what a checked HTML page holds: its ids and the URLs it refers to.
type Page struct {
	IDs  map[string]bool
	Refs []Ref
}

// Ref is one URL in a page, in an attribute of an element.
type Ref struct {
	Tag, Attr, URL string
}

// Parse reads the ids and references of an HTML document.
func Parse(b []byte) (*Page, error) {
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	p := &Page{IDs: map[string]bool{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				switch a.Key {
				case "id", "name":
					if a.Key == "id" || n.Data == "a" {
						p.IDs[a.Val] = true
					}
				case "href", "src", "action":
					p.Refs = append(p.Refs, Ref{Tag: n.Data, Attr: a.Key, URL: a.Val})
				case "srcset":
					for _, part := range strings.Split(a.Val, ",") {
						if f := strings.Fields(part); len(f) > 0 {
							p.Refs = append(p.Refs, Ref{Tag: n.Data, Attr: a.Key, URL: f[0]})
						}
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return p, nil
}

// Links checks every HTML file under dir, a site published at basePath
// ("/" or "/sub/path/") and, when baseURL is absolute, at that URL too. It
// returns one message per broken reference, sorted.
func Links(dir, basePath, baseURL string) ([]string, error) {
	pages := map[string]*Page{} // output path -> page
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files = append(files, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if !strings.HasSuffix(f, ".html") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			return nil, err
		}
		p, err := Parse(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		pages[f] = p
	}
	exists := map[string]bool{}
	for _, f := range files {
		exists[f] = true
	}
	var problems []string
	for _, f := range slices.Sorted(keys(pages)) {
		for _, r := range pages[f].Refs {
			if msg := check(f, r, pages, exists, basePath, baseURL); msg != "" {
				problems = append(problems, fmt.Sprintf("%s: <%s %s=%q>: %s", f, r.Tag, r.Attr, r.URL, msg))
			}
		}
	}
	return problems, nil
}

func check(from string, r Ref, pages map[string]*Page, exists map[string]bool, basePath, baseURL string) string {
	raw := r.URL
	if strings.HasPrefix(baseURL, "http") && strings.HasPrefix(raw, baseURL) {
		raw = basePath + strings.TrimPrefix(raw, baseURL)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "not a URL: " + err.Error()
	}
	if u.Scheme != "" || u.Host != "" {
		if u.Scheme == "javascript" || u.Scheme == "vbscript" || u.Scheme == "data" {
			return "unsafe URL scheme"
		}
		return "" // external
	}
	var target string
	switch {
	case u.Path == "":
		target = from
	case strings.HasPrefix(u.Path, "/"):
		if !strings.HasPrefix(u.Path, basePath) {
			return "outside the site's base path " + basePath
		}
		target = strings.TrimPrefix(u.Path, basePath)
	default:
		target = path.Join(path.Dir(from), u.Path)
		if strings.HasSuffix(u.Path, "/") {
			target += "/"
		}
	}
	if target == "" || strings.HasSuffix(target, "/") {
		target += paths.Index
	}
	if !exists[target] {
		if exists[target+"/"+paths.Index] {
			target += "/" + paths.Index
		} else {
			return "no file " + target
		}
	}
	if u.Fragment != "" {
		p := pages[target]
		if p == nil {
			return "fragment on a file that is not HTML"
		}
		if !p.IDs[u.Fragment] {
			return fmt.Sprintf("%s has no id %q", target, u.Fragment)
		}
	}
	return ""
}

func keys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
