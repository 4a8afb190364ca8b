package build

import (
	"html/template"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"buildbook/internal/asset"
	"buildbook/internal/content"
	"buildbook/internal/diag"
	"buildbook/internal/ids"
	"buildbook/internal/index"
	"buildbook/internal/markdown"
	"buildbook/internal/paths"
	"buildbook/internal/photo"
)

// doc is one Markdown body of the content: a case study, a free page, a
// term description or a part's introduction.
type doc struct {
	file     string // content file, for diagnostics
	dir      string // folder that relative links start from
	body     []byte
	bodyLine int
	from     index.Source // for backlinks; zero for descriptions and intros
	slug     string       // id prefix in the book

	// Where the HTML goes: one of these is set.
	caseIndex int // in Site.CaseStudies, or -1
	pageIndex int // in Site.Pages, or -1
	term      *content.Term
	edition   *content.Edition
	part      int

	// What converting it gave.
	headings []markdown.Heading
	figures  []markdown.Figure // with where their numbers are in book
	html     template.HTML     // for the site; "" for a part's introduction
	book     template.HTML     // for the book; "" for a term's description
	text     string            // plain text, for search (case studies only)
	at       *[3]span          // or where html, book and text are in the cache written in place
	refs     []index.Ref       // the case studies it links to
	checks   []fragCheck       // its links to headings of other documents
	hints    content.Suggester // its "did you mean" suggestions, within its budget
	ids      map[string]bool   // the ids of its headings, once asked for: see hasID
	unread   bool              // its body could not be read again to convert it: reported

	// The links of html and of book, typed, and where they are in them.
	htmlLinks, bookLinks []markdown.Ref

	// What the next build's cache keeps of it.
	src      uint64
	links    []linkInfo
	warnings []markdown.Message
	outs     []outcome
}

// linkInfo is a link of a parsed document, as written: what resolving it
// needs, kept without the syntax tree.
type linkInfo struct {
	kind      markdown.LinkKind
	dest      string
	line, col int
}

// outcome is where a resolved link points on the site and in the book,
// with an image's size; ok is false when the link is reported instead.
type outcome struct {
	href, book string
	w, h       int
	vs         markdown.Versions // of a raster image
	ok         bool
	// A link to a case study: its slug, and the fragment as written.
	cs, frag string
}

// fragCheck is a link to a heading of another document, checked once
// every document is converted and its headings are known.
type fragCheck struct {
	at   diag.Pos
	dest string // as written
	full string // the target's content file
	frag string
	to   *doc
}

// target is a document that links can point to.
type target struct {
	url string // site URL, from the host root, ending in "/"
	doc *doc
	cs  *content.CaseStudy
}

// resolver resolves the links of every document of a site.
type resolver struct {
	site    *content.Site
	root    string
	targets map[string]target // content file -> document
	drafts  map[string]bool   // draft case study files, when left out
	files   map[string]bool
	assets  *assetSet

	dirsOnce sync.Once
	dirs     map[string][]string // folder -> names of its files, sorted, for suggestions
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
			t := target{url: r.root + paths.CaseStudy(c.Slug), doc: d, cs: c}
			r.targets[c.File] = t
			if c.Bundle {
				r.targets[path.Dir(c.File)] = t
			}
		case d.from.Page != nil:
			r.targets[d.from.Page.File] = target{url: r.root + d.from.Page.Slug + "/", doc: d}
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

// resolve checks every link of d, reporting problems to diags. It
// returns where each link points, parallel to links, and records in d the
// case studies it links to and the links to check against other
// documents' headings.
func (r *resolver) resolve(d *doc, links []linkInfo, opts *Options, diags *diag.List) []outcome {
	outs := make([]outcome, len(links))
	for i, l := range links {
		at := diag.Pos{File: opts.display(d.file), Line: l.line, Col: l.col}
		if l.kind == markdown.LinkKindImage {
			if host, remote := markdown.RemoteHost(l.dest); remote {
				if r.site.Book.AllowsImageHost(host) {
					outs[i] = outcome{href: l.dest, ok: true}
				} else {
					diags.Errorf(at, "image %q: %s", l.dest, remoteImageMessage(host))
				}
				continue
			}
		}
		dest := l.dest
		frag := ""
		if i := strings.IndexByte(dest, '#'); i >= 0 {
			dest, frag = dest[:i], dest[i+1:]
		}
		if i := strings.IndexByte(dest, '?'); i >= 0 {
			dest = dest[:i]
		}
		if dest == "" {
			if frag != "" && !d.hasID(frag) && !ids.IsFootnote(frag) {
				diags.Errorf(at, "link to #%s: there is no heading with that id in this file%s", frag, headingHint(frag, d.headings, &d.hints))
			}
			continue
		}
		p := dest
		if u, err := url.PathUnescape(dest); err == nil {
			p = u
		}
		full, msg := content.ResolvePath(d.dir, p)
		if msg != "" {
			diags.Errorf(at, "link to %q %s", l.dest, msg)
			continue
		}
		if t, ok := r.targets[strings.TrimSuffix(full, "/")]; ok {
			if l.kind == markdown.LinkKindImage {
				diags.Errorf(at, "image %q is a page, not an image", l.dest)
				continue
			}
			if frag != "" && !ids.IsFootnote(frag) {
				d.checks = append(d.checks, fragCheck{at: at, dest: l.dest, full: full, frag: frag, to: t.doc})
			}
			href := t.url
			if frag != "" {
				href += "#" + frag
			}
			outs[i] = outcome{href: href, ok: true}
			if t.cs != nil {
				d.refs = append(d.refs, index.Ref{From: d.from, To: t.cs.Slug})
				outs[i].cs, outs[i].frag = t.cs.Slug, frag
			}
			continue
		}
		switch {
		case r.drafts[strings.TrimSuffix(full, "/")]:
			diags.Errorf(at, "link to %q: that case study is a draft, so it is not published; remove the link or publish the case study", l.dest)
		case strings.HasSuffix(full, ".md") && r.files[full]:
			diags.Errorf(at, "link to %q: that Markdown file is not a case study or a page, so it is not published", l.dest)
		case r.files[full] && l.kind == markdown.LinkKindImage && !asset.IsImage(full):
			diags.Errorf(at, "image %q is not a picture (%s); to offer the file for download, write a link, [text](%s), instead of an image, ![text](%s)", l.dest, asset.ImageKinds, l.dest, l.dest)
		case r.files[full]:
			out, err := r.assets.add(full, r.site, at)
			if err != "" {
				diags.Errorf(at, "%q cannot be published: %s", l.dest, err)
				continue
			}
			w, h := 0, 0
			if l.kind == markdown.LinkKindImage {
				w, h = r.assets.size(full)
			}
			href := r.root + escapePath(out)
			if frag != "" {
				href += "#" + frag
			}
			outs[i] = outcome{href: href, w: w, h: h, ok: true}
			if p := r.assets.photo(full); p != nil && l.kind == markdown.LinkKindImage {
				// The page shows the screen versions; the book, and a
				// link, the print version in the original's place.
				pic := p.picture(r.root, photo.Widths[len(photo.Widths)-1])
				outs[i] = outcome{href: pic.Src, book: href, w: pic.Width, h: pic.Height, ok: true,
					vs: markdown.Versions{WebP: pic.WebP, SrcSet: pic.SrcSet, Sizes: proseSizes(pic.Width)}}
			}
		default:
			diags.Errorf(at, "link to %q: %s does not exist%s", l.dest, opts.display(full), r.fileHint(full, &d.hints))
		}
	}
	return outs
}

// proseSizes is the sizes attribute of an image w pixels wide in a page's
// text, as style.css lays it out: at most 42rem wide (672 pixels), less
// the page's margins on a narrow screen, and never wider than itself.
func proseSizes(w int) string {
	d := min(w, 672)
	return "(max-width: " + strconv.Itoa(d+32) + "px) calc(100vw - 2rem), " + strconv.Itoa(d) + "px"
}

// remoteImageMessage says why an image from host (a host name, or "" when
// the URL has none that can be read) is refused, and what to do.
func remoteImageMessage(host string) string {
	msg := "remote images are not published: they let another site track readers; download the picture and put it beside the case study"
	if host != "" {
		msg += " (or the editors may trust " + host + " by listing it under image_hosts in book.yaml)"
	}
	return msg
}

// checkFragments reports the links of d to headings that the documents
// they point to do not have.
func checkFragments(d *doc, opts *Options, diags *diag.List) {
	for _, c := range d.checks {
		if c.to.unread {
			continue // its headings are unknown, and its file reported
		}
		if !c.to.hasID(c.frag) {
			diags.Errorf(c.at, "link to %q: %s has no heading with the id #%s%s", c.dest, opts.display(c.full), c.frag, headingHint(c.frag, c.to.headings, &d.hints))
		}
	}
}

// hasID reports whether d has a heading or a figure with the id. A
// document's ids are put in a set the first time it is asked, so that a
// file of many links and headings is checked in time that grows with its
// length; d.headings must not change after that, and only one goroutine
// may ask at a time.
func (d *doc) hasID(id string) bool {
	if d.ids == nil {
		d.ids = make(map[string]bool, len(d.headings)+len(d.figures))
		for _, h := range d.headings {
			d.ids[h.ID] = true
		}
		for _, f := range d.figures {
			d.ids[f.ID] = true
		}
	}
	return d.ids[id]
}

// escapePath percent-encodes a path for a URL, segment by segment.
func escapePath(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}

// fileHint suggests a file in the same folder with a similar name.
func (r *resolver) fileHint(full string, hints *content.Suggester) string {
	names := r.namesIn(path.Dir(full))
	if s := hints.Suggest(path.Base(full), names); s != "" {
		return " (did you mean " + s + "?)"
	}
	return ""
}

// namesIn lists, sorted, the names that a link into the folder dir can
// end with: its files, and the folders of its page bundles as
// name/index.md.
func (r *resolver) namesIn(dir string) []string {
	r.dirsOnce.Do(func() {
		r.dirs = map[string][]string{}
		for f := range r.files {
			r.dirs[path.Dir(f)] = append(r.dirs[path.Dir(f)], path.Base(f))
		}
		for f := range r.targets {
			if !strings.HasSuffix(f, ".md") {
				r.dirs[path.Dir(f)] = append(r.dirs[path.Dir(f)], path.Base(f)+"/index.md")
			}
		}
		for _, names := range r.dirs {
			slices.Sort(names)
		}
	})
	return r.dirs[dir]
}

func headingHint(frag string, hs []markdown.Heading, hints *content.Suggester) string {
	if i := hints.Nearest(frag, len(hs), func(i int) string { return hs[i].ID }); i >= 0 {
		return " (did you mean #" + hs[i].ID + "?)"
	}
	return ""
}
