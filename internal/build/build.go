// Package build runs buildbook's pipeline: load the content, convert the
// Markdown, resolve links, index, render, and write the output atomically.
//
// Compile does everything but the writing and is shared by build, check,
// serve and pdf; it reads as its steps (load, convert, check, index,
// render), each a method of pass. Write puts a compiled site into a new
// folder beside the output folder and swaps it in only once every file is
// written, so a failed or interrupted build leaves the previous output as
// it was.
//
// What a build keeps (the spool of converted bodies, the caches of
// conversions, page keys' digests, the output's manifest) is in
// internal/store; where each output file goes is named in internal/paths.
package build

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"

	"buildbook/internal/asset"
	"buildbook/internal/content"
	"buildbook/internal/diag"
	"buildbook/internal/index"
	"buildbook/internal/markdown"
	"buildbook/internal/par"
	"buildbook/internal/photo"
	"buildbook/internal/render"
	"buildbook/internal/store"
	"buildbook/templates"
)

// Options are the command line's settings for a build.
type Options struct {
	Content   string // content folder
	Templates string // folder of template overrides; missing means none
	Out       string // output folder
	BaseURL   string // overrides book.yaml's base_url
	Drafts    bool   // include drafts
	// Downloads, when set, is a folder of the books' PDF and EPUB files,
	// made beforehand, that the build publishes beside the books' pages
	// and links from them (see downloads.go).
	Downloads string
	// Publishing adds the warnings about the published site that check
	// gives (see content.Options.Publishing).
	Publishing bool

	// ContentFS, when set, is read instead of the Content folder (tests).
	ContentFS fs.FS

	// Timings, when set, receives how long each phase of the build took
	// (BUILDBOOK_TIMINGS=1).
	Timings io.Writer
}

func (o *Options) display(file string) string {
	return content.Options{Root: o.Content}.Display(file)
}

// converter is built once per process: goldmark, chroma and the renderers.
var converter = sync.OnceValue(markdown.New)

// Compiled is a site ready to write: its index and the jobs that make each
// output file.
type Compiled struct {
	Site   *content.Site
	Index  *index.Index
	Input  *render.Input
	Jobs   []render.Job
	Assets map[string]string // content path -> output path, to copy (an SVG is a job: it is written again)

	// Renderer renders pages again: internal/pdf renders the book with
	// the page numbers that printing found.
	Renderer *render.Renderer

	spool *store.Spool // where Input's bodies are, on a large site
	times *phases

	photos  []*photoJob   // the raster images, whose versions are jobs
	encoded *atomic.Int64 // versions of them encoded so far

	// Stats are what Write did.
	Stats Stats
}

// Close releases what the compiled site holds outside memory: on a large
// site, the spool file of its converted bodies. The site cannot be
// written after.
func (c *Compiled) Close() error {
	if c == nil || c.spool == nil {
		return nil
	}
	return c.spool.Close()
}

// Compile loads, checks and renders the content named by opts. Content
// problems are added to diags; the returned error is for anything else
// (templates that do not parse). When diags has errors, Compile stops
// before rendering and returns nil.
//
// On a large site (more than spoolAbove bytes of case-study Markdown),
// the converted bodies are kept in a spool file rather than in memory,
// Input.Store reads them, and no case study's Markdown (Body) is held:
// the loader lets it go, and one that must be converted is read again
// (content.Options.DropBodies); Close removes the spool. When opts.Out is set,
// the spool is kept beside it as the cache of the next build's
// conversions (see internal/store).
func Compile(opts Options, diags *diag.List) (*Compiled, error) {
	return (&Builder{opts: opts}).Compile(diags)
}

// Compile loads, checks and renders the content, as the function Compile
// does, reusing what the Builder kept from its last compile. Each step is
// a method of pass, in the order they run.
func (b *Builder) Compile(diags *diag.List) (*Compiled, error) {
	opts := b.opts
	p := &pass{b: b, opts: &opts, diags: diags, times: newPhases(opts.Timings)}
	if err := p.load(); err != nil || p.site == nil {
		return nil, err
	}
	if err := p.convert(); err != nil {
		return nil, err
	}
	if !p.check() {
		p.spool.Close()
		return nil, nil
	}
	p.index()
	return p.render()
}

// pass is one run of the pipeline: each step fills in what the next
// one reads.
type pass struct {
	b     *Builder
	opts  *Options
	diags *diag.List
	times *phases

	// load
	fsys fs.FS
	rnd  *render.Renderer
	site *content.Site
	docs []*doc // every Markdown body of the site: see collectDocs

	// convert
	spool     *store.Spool     // where the bodies are, on a large site; or nil
	bookLinks [][]markdown.Ref // with a spool, the links of each document's book HTML
	assets    *assetSet        // the pictures and files the documents link to

	// check
	icon      *render.BookIcon
	downloads []download

	// index
	x *index.Index
}

// load reads the templates and the content, and lists the Markdown
// bodies to convert. Without a content folder, site is left nil.
func (p *pass) load() error {
	if p.fsys = p.contentFS(); p.fsys == nil {
		return nil
	}
	rnd, err := p.b.renderer()
	if err != nil {
		return err
	}
	p.rnd = rnd
	p.times.done("templates")
	o := content.Options{Root: p.opts.Content, Drafts: p.opts.Drafts, BaseURL: p.opts.BaseURL, Publishing: p.opts.Publishing, Cache: p.b.content}
	if p.b.conv == nil {
		// A large site's bodies are not all held from loading until they
		// are converted: most have a conversion in the cache, and the
		// others are read again when they are converted.
		o.DropBodies = func(size int64) bool { return size > int64(spoolAbove) }
	}
	p.site = content.Load(p.fsys, o, p.diags)
	p.times.done("load")
	if p.b.conv == nil {
		// Reading the content leaves as much garbage as the site itself;
		// collected now, it does not set the heap's size for the rest of
		// the build, which keeps a build's peak memory near its needs.
		runtime.GC()
	}
	p.docs = collectDocs(p.site)
	p.times.done("collect")
	return nil
}

// contentFS is the content to read: the Options' file system, or the
// content folder, which must exist. When it does not, contentFS reports
// it and returns nil.
func (p *pass) contentFS() fs.FS {
	if p.opts.ContentFS != nil {
		return p.opts.ContentFS
	}
	at := diag.Pos{File: p.opts.Content}
	info, err := os.Stat(p.opts.Content)
	if err != nil || !info.IsDir() {
		p.diags.Errorf(at, "the content folder does not exist: give its path with --content")
		return nil
	}
	fsys, err := ContentFS(p.opts.Content)
	if err != nil {
		p.diags.Errorf(at, "cannot read the content folder: %v", err)
		return nil
	}
	return fsys
}

// convert converts every document in one parallel pass: parsed, its
// links resolved, its HTML written and its syntax tree dropped. A link to
// a heading of another document is checked after the pass (see check),
// when every document's headings are known. On a large site, the bodies
// go to the spool as they are made, and the spool is saved as the next
// build's cache while the site is indexed and rendered.
func (p *pass) convert() error {
	var disk *diskCache
	if p.b.conv == nil && spooling(p.docs) {
		var err error
		if p.spool, disk, err = store.Open(p.opts.Out, len(p.docs)); err != nil {
			return err
		}
		p.bookLinks = make([][]markdown.Ref, len(p.docs))
	}
	conv := converter()
	p.assets = newAssetSet(p.fsys)
	res := newResolver(p.site, p.docs, p.assets)
	par.For(len(p.docs), func(i int) {
		convert(conv, p.docs[i], res, p.b.conv, disk, p.opts, p.diags)
		p.spoolBodies(i)
	})
	p.b.conv.Done()
	disk.Close()
	p.times.done("convert")
	if p.spool != nil {
		p.spool.Save(func() []store.Record { return records(p.docs) })
	}
	return nil
}

// spoolBodies puts the bodies of document i in the spool, when there is
// one, and drops a case study's from memory.
func (p *pass) spoolBodies(i int) {
	d := p.docs[i]
	if p.spool == nil {
		return
	}
	if d.at != nil {
		p.spool.Keep(i, *d.at) // in the cache, which is the spool
	} else {
		p.spool.Put(i, d.html, d.book, d.text)
	}
	p.bookLinks[i] = d.bookLinks
	if d.caseIndex >= 0 {
		d.html, d.book, d.text = "", "", ""
		d.body, d.from.CaseStudy.Body = nil, nil
	}
}

// check reports what converting could not: links to headings of other
// documents, cover images, the files that links name, the book's icon,
// content that nothing publishes, and the downloads. It reports whether
// the site may be rendered: there are no errors.
func (p *pass) check() bool {
	for _, d := range p.docs {
		checkFragments(d, p.opts, p.diags)
	}
	p.checkImages()
	checkCovers(p.site, p.assets, p.opts, p.diags)
	p.assets.report(p.opts, p.diags)
	p.icon = bookIcon(p.fsys, p.site, p.opts, p.diags)
	reportUnpublished(p.site, p.assets.referenced, p.opts, p.diags)
	if p.opts.Downloads != "" {
		p.downloads = readDownloads(p.opts.Downloads, p.site, p.diags)
	}
	p.times.done("check")
	return !p.diags.HasErrors(false)
}

// checkImages checks the image field of every case study: a picture
// that can be published.
func (p *pass) checkImages() {
	for _, c := range p.site.CaseStudies {
		if c.Image == "" {
			continue
		}
		at := diag.Pos{File: p.opts.display(c.File), Line: c.ImageAt[0], Col: c.ImageAt[1]}
		if !asset.IsImage(c.Image) {
			p.diags.Errorf(at, "image %q is not a picture: the image field takes a %s file; name a picture beside the case study", c.Image, asset.ImageKinds)
			continue
		}
		if _, msg := p.assets.add(c.Image, p.site, at); msg != "" {
			p.diags.Errorf(at, "image %q cannot be published: %s", c.Image, msg)
		}
	}
}

// index indexes the site: terms, schools, related case studies and the
// links between case studies. A Builder keeps the index for the next
// compile, which reuses what did not change.
func (p *pass) index() {
	var all []index.Ref
	for _, d := range p.docs {
		all = append(all, d.refs...)
	}
	p.x = index.BuildFrom(p.b.index, p.site, all)
	if p.b.conv != nil {
		p.b.index = p.x
	}
	p.times.done("index")
}

// render makes the renderer's input and the jobs that make every output
// file, and checks that no two of them write the same file.
func (p *pass) render() (*Compiled, error) {
	in := p.input()
	photos := p.assets.photoList()
	encoded := new(atomic.Int64)
	for _, ph := range photos {
		ph.fsys, ph.count = p.fsys, encoded
	}
	jobs := p.rnd.Jobs(in)
	jobs = append(jobs, downloadJobs(p.opts.Downloads, p.downloads)...)
	if p.assets.clashes(jobs, p.diags); p.diags.HasErrors(false) {
		p.spool.Close()
		return nil, nil
	}
	jobs = append(jobs, p.assets.jobs()...)
	p.times.done("jobs")
	return &Compiled{Site: p.site, Index: p.x, Input: in, Jobs: jobs, Renderer: p.rnd, Assets: p.assets.copies(), spool: p.spool, times: p.times, photos: photos, encoded: encoded}, nil
}

// input is what the renderer renders: the site, its index, the converted
// bodies (or the spool that has them), the pictures and the page keys.
func (p *pass) input() *render.Input {
	site := p.site
	in := &render.Input{
		Site: site, Index: p.x,
		PageBodies:           make([]template.HTML, len(site.Pages)),
		PageBookBodies:       make([]template.HTML, len(site.Pages)),
		PageBookLinks:        make([][]markdown.Ref, len(site.Pages)),
		TermDescriptions:     map[*content.Term]template.HTML{},
		TermBookDescriptions: map[*content.Term]template.HTML{},
		TermLinks:            map[*content.Term][]markdown.Ref{},
		PartIntros:           map[*content.Edition][]template.HTML{},
		PartIntroLinks:       map[*content.Edition][][]markdown.Ref{},
		Icon:                 p.icon,
		ImageSizes:           p.assets.imageSizes(),
		Figures:              make([][]markdown.Figure, len(site.CaseStudies)),
	}
	for _, d := range p.downloads {
		in.Downloads = append(in.Downloads, d.Download)
	}
	sums := fileSums(p.fsys, site)
	in.Version = version(site, sums)
	p.placeBodies(in)
	in.Covers, in.Thumbs = map[string]*render.Photo{}, map[string]*render.Photo{}
	in.Shares = map[string]render.ShareImage{}
	for _, c := range site.CaseStudies {
		if ph := p.assets.photo(c.Image); c.Image != "" && ph != nil {
			in.Covers[c.Image] = ph.picture(site.Book.BasePath(), photo.Widths[len(photo.Widths)-1])
			in.Thumbs[c.Image] = ph.picture(site.Book.BasePath(), 800)
			if s, ok := ph.share(); ok {
				in.Shares[c.Image] = s
			}
		}
	}
	pageKeys(in, p.opts, p.docs, sums, p.x)
	return in
}

// placeBodies gives in the converted body of every document, each where
// its page takes it; a large site's case studies' are in the spool.
func (p *pass) placeBodies(in *render.Input) {
	site := p.site
	for _, e := range site.Editions {
		in.PartIntros[e] = make([]template.HTML, len(e.Parts))
		in.PartIntroLinks[e] = make([][]markdown.Ref, len(e.Parts))
	}
	if p.spool != nil {
		in.Store = spooled{p.spool, p.bookLinks}
	} else {
		in.Bodies = make([]template.HTML, len(site.CaseStudies))
		in.BookBodies = make([]template.HTML, len(site.CaseStudies))
		in.BookBodyLinks = make([][]markdown.Ref, len(site.CaseStudies))
		in.Texts = make([]string, len(site.CaseStudies))
	}
	for _, d := range p.docs {
		if d.caseIndex >= 0 {
			in.Figures[d.caseIndex] = d.figures
		}
		switch {
		case p.spool != nil && d.caseIndex >= 0:
		case d.caseIndex >= 0:
			in.Bodies[d.caseIndex] = d.html
			in.BookBodies[d.caseIndex] = d.book
			in.BookBodyLinks[d.caseIndex] = d.bookLinks
			in.Texts[d.caseIndex] = d.text
		case d.pageIndex >= 0:
			in.PageBodies[d.pageIndex] = d.html
			in.PageBookBodies[d.pageIndex] = d.book
			in.PageBookLinks[d.pageIndex] = d.bookLinks
		case d.term != nil:
			in.TermDescriptions[d.term] = d.html
			in.TermBookDescriptions[d.term] = d.book
			in.TermLinks[d.term] = d.bookLinks
		case d.edition != nil:
			in.PartIntros[d.edition][d.part] = d.book
			in.PartIntroLinks[d.edition][d.part] = d.bookLinks
		}
	}
}

// TemplateFS is the embedded templates with the files of dir laid over
// them. A missing dir means the embedded templates alone.
func TemplateFS(dir string) (fs.FS, error) {
	if dir == "" {
		return templates.FS, nil
	}
	info, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return templates.FS, nil
	}
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("--templates %s is not a folder", dir)
	}
	return overlay{top: os.DirFS(dir), base: templates.FS}, nil
}

// overlay reads a file from top when it has it, and from base otherwise.
type overlay struct{ top, base fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	if f, err := o.top.Open(name); err == nil {
		if info, err := f.Stat(); err == nil && !info.IsDir() {
			return f, nil
		}
		f.Close()
	}
	return o.base.Open(name)
}

// ReadDir lists base's entries: the overlay replaces files, it adds none.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(o.base, name) }

// collectDocs lists every Markdown body of the site.
func collectDocs(site *content.Site) []*doc {
	var docs []*doc
	for i, c := range site.CaseStudies {
		docs = append(docs, &doc{file: c.File, dir: c.Dir(), from: index.Source{CaseStudy: c}, slug: c.Slug, body: c.Body, bodyLine: c.BodyLine, caseIndex: i, pageIndex: -1})
	}
	for i, p := range site.Pages {
		docs = append(docs, &doc{file: p.File, dir: "pages", from: index.Source{Page: p}, slug: "page-" + p.Slug, body: p.Body, bodyLine: p.BodyLine, caseIndex: -1, pageIndex: i})
	}
	for _, tx := range site.Taxonomies {
		for _, t := range tx.Terms {
			if t.Description != "" {
				docs = append(docs, &doc{file: "taxonomies.yaml", dir: ".", slug: tx.ID + "-" + t.ID, body: []byte(t.Description), bodyLine: t.DescLine, caseIndex: -1, pageIndex: -1, term: t})
			}
		}
	}
	for _, e := range site.Editions {
		for i, p := range e.Parts {
			if p.Intro != "" {
				docs = append(docs, &doc{file: e.File, dir: "editions", slug: fmt.Sprintf("%s-part-%d", e.ID, i+1), body: []byte(p.Intro), bodyLine: p.IntroLine, caseIndex: -1, pageIndex: -1, edition: e, part: i})
			}
		}
	}
	return docs
}

// fileSums are the checksums of site.Files. The loader has those of the
// text files; the others are read, in parallel.
func fileSums(fsys fs.FS, site *content.Site) []uint64 {
	sums := make([]uint64, len(site.Files))
	par.For(len(site.Files), func(i int) {
		f := site.Files[i]
		if s, ok := site.Sums[f]; ok {
			sums[i] = s
		} else if b, err := fs.ReadFile(fsys, f); err == nil {
			sums[i] = store.Checksum(b)
		}
	})
	return sums
}

// version is a short digest of every content file, for the colophon: the
// same content gives the same version. sums are the files' checksums.
func version(site *content.Site, sums []uint64) string {
	var b []byte
	for i, f := range site.Files {
		b = strconv.AppendUint(append(append(b, f...), 0), sums[i], 16)
		b = append(b, 0)
	}
	return fmt.Sprintf("%016x", store.Checksum(b))[:12]
}
