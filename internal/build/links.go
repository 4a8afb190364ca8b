package build

import (
	"net/url"
	"path"
	"regexp"
	"strings"

	"buildbook/internal/content"
	"buildbook/internal/diag"
	"buildbook/internal/index"
	"buildbook/internal/markdown"
)

// doc is one Markdown body of the content: a case study, a free page, a
// term description or a part's introduction.
type doc struct {
	file     string // content file, for diagnostics
	dir      string // folder that relative links start from
	body     []byte
	bodyLine int
	parsed   *markdown.Doc
	from     index.Source // for backlinks; zero for descriptions and intros
	slug     string       // id prefix in the book

	// Where the HTML goes: one of these is set.
	caseIndex int // in Site.CaseStudies, or -1
	pageIndex int // in Site.Pages, or -1
	term      *content.Term
	edition   *content.Edition
	part      int
}

// target is a document that links can point to.
type target struct {
	url  string // site URL, from the host root, ending in "/"
	book string // placeholder for the book, or "" for the site URL
	doc  *markdown.Doc
	cs   *content.CaseStudy
}

// BookLinkPrefix starts the href of a link, in a book body, to another case
// study: "bb:cs/<slug>" or "bb:cs/<slug>#<fragment>". The book replaces it
// by an anchor in the book when the case study is in it, and by the case
// study's page on the site when not.
const BookLinkPrefix = "bb:cs/"

var footnoteID = regexp.MustCompile(`^fn(ref\d*)?:\d+$`)

// resolver resolves the links of every document of a site.
type resolver struct {
	site    *content.Site
	root    string
	targets map[string]target // content file -> document
	drafts  map[string]bool   // draft case study files, when left out
	files   map[string]bool
	assets  *assetSet
}

func newResolver(site *content.Site, docs []*doc, assets *assetSet) *resolver {
	r := &resolver{site: site, root: site.Book.BasePath(), targets: map[string]target{}, drafts: map[string]bool{}, files: map[string]bool{}, assets: assets}
	for _, f := range site.Files {
		r.files[f] = true
	}
	for _, d := range docs {
		switch {
		case d.from.CaseStudy != nil:
			c := d.from.CaseStudy
			t := target{url: r.root + "case-studies/" + c.Slug + "/", book: BookLinkPrefix + c.Slug, doc: d.parsed, cs: c}
			r.targets[c.File] = t
			if c.Bundle {
				r.targets[path.Dir(c.File)] = t
			}
		case d.from.Page != nil:
			r.targets[d.from.Page.File] = target{url: r.root + d.from.Page.Slug + "/", doc: d.parsed}
		}
	}
	for _, c := range site.Drafts {
		r.drafts[c.File] = true
		if c.Bundle {
			r.drafts[path.Dir(c.File)] = true
		}
	}
	return r
}

// resolve checks and rewrites every link of d, reporting problems to diags
// and returning the case studies it links to.
func (r *resolver) resolve(d *doc, opts *Options, diags *diag.List) []index.Ref {
	var refs []index.Ref
	for _, l := range d.parsed.Links {
		at := diag.Pos{File: opts.display(d.file), Line: l.Line, Col: l.Col}
		dest := l.Dest
		frag := ""
		if i := strings.IndexByte(dest, '#'); i >= 0 {
			dest, frag = dest[:i], dest[i+1:]
		}
		if i := strings.IndexByte(dest, '?'); i >= 0 {
			dest = dest[:i]
		}
		if dest == "" {
			if frag != "" && !d.parsed.HasID(frag) && !footnoteID.MatchString(frag) {
				diags.Errorf(at, "link to #%s: there is no heading with that id in this file%s", frag, headingHint(frag, d.parsed))
			}
			continue
		}
		p := dest
		if u, err := url.PathUnescape(dest); err == nil {
			p = u
		}
		full, msg := content.ResolvePath(d.dir, p)
		if msg != "" {
			diags.Errorf(at, "link to %q %s", l.Dest, msg)
			continue
		}
		if t, ok := r.targets[strings.TrimSuffix(full, "/")]; ok {
			if l.Kind == markdown.LinkKindImage {
				diags.Errorf(at, "image %q is a page, not an image", l.Dest)
				continue
			}
			if frag != "" && !t.doc.HasID(frag) && !footnoteID.MatchString(frag) {
				diags.Errorf(at, "link to %q: %s has no heading with the id #%s%s", l.Dest, opts.display(full), frag, headingHint(frag, t.doc))
				continue
			}
			href, book := t.url, t.book
			if frag != "" {
				href += "#" + frag
				if book != "" {
					book += "#" + frag
				}
			}
			l.Resolve(href, book, 0, 0)
			if t.cs != nil {
				refs = append(refs, index.Ref{From: d.from, To: t.cs.Slug})
			}
			continue
		}
		switch {
		case r.drafts[strings.TrimSuffix(full, "/")]:
			diags.Errorf(at, "link to %q: that case study is a draft, so it is not published; remove the link or publish the case study", l.Dest)
		case strings.HasSuffix(full, ".md") && r.files[full]:
			diags.Errorf(at, "link to %q: that Markdown file is not a case study or a page, so it is not published", l.Dest)
		case r.files[full]:
			out, err := r.assets.add(full, r.site)
			if err != "" {
				diags.Errorf(at, "%q cannot be published: %s", l.Dest, err)
				continue
			}
			w, h := 0, 0
			if l.Kind == markdown.LinkKindImage {
				w, h = r.assets.size(full)
			}
			href := r.root + escapePath(out)
			if frag != "" {
				href += "#" + frag
			}
			l.Resolve(href, "", w, h)
		default:
			diags.Errorf(at, "link to %q: %s does not exist%s", l.Dest, opts.display(full), r.fileHint(full))
		}
	}
	return refs
}

// escapePath percent-encodes a path for a URL, segment by segment.
func escapePath(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}

// fileHint suggests a file in the same folder with a similar name.
func (r *resolver) fileHint(full string) string {
	dir := path.Dir(full)
	var names []string
	for f := range r.files {
		if path.Dir(f) == dir {
			names = append(names, path.Base(f))
		}
	}
	for f := range r.targets {
		if path.Dir(f) == dir && !strings.HasSuffix(f, ".md") {
			names = append(names, path.Base(f)+"/index.md")
		}
	}
	if s := nearest(path.Base(full), names); s != "" {
		return " (did you mean " + s + "?)"
	}
	return ""
}

func headingHint(frag string, d *markdown.Doc) string {
	var ids []string
	for _, h := range d.Headings {
		ids = append(ids, h.ID)
	}
	if s := nearest(frag, ids); s != "" {
		return " (did you mean #" + s + "?)"
	}
	return ""
}

// nearest returns the candidate within a few edits of s, or "".
func nearest(s string, candidates []string) string { return content.Suggest(s, candidates) }
