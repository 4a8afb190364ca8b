// Package build runs buildbook's pipeline: load the content, convert the
// Markdown, resolve links, index, render, and write the output atomically.
//
// Compile does everything but the writing and is shared by build, check,
// serve and pdf. Write puts a compiled site into a new folder beside the
// output folder and swaps it in only once every file is written, so a
// failed or interrupted build leaves the previous output as it was.
package build

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path/filepath"
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

	spool *spool // where Input's bodies are, on a large site
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
	return c.spool.close()
}

// Compile loads, checks and renders the content named by opts. Content
// problems are added to diags; the returned error is for anything else
// (templates that do not parse). When diags has errors, Compile stops
// before rendering and returns nil.
//
// On a large site (more than spoolAbove bytes of case-study Markdown),
// the converted bodies are kept in a spool file rather than in memory,
// Input.Store reads them, and each case study's Markdown (Body) is
// dropped once converted; Close removes the spool. When opts.Out is set,
// the spool is kept beside it as the cache of the next build's
// conversions (see diskcache.go).
func Compile(opts Options, diags *diag.List) (*Compiled, error) {
	return (&Builder{opts: opts}).Compile(diags)
}

// Compile loads, checks and renders the content, as the function Compile
// does, reusing what the Builder kept from its last compile.
//
// Every document is converted in one parallel pass: parsed, its links
// resolved, its HTML written and its syntax tree dropped. A link to a
// heading of another document is checked after the pass, when every
// document's headings are known.
func (b *Builder) Compile(diags *diag.List) (*Compiled, error) {
	opts := b.opts
	times := newPhases(opts.Timings)
	fsys := opts.ContentFS
	if fsys == nil {
		info, err := os.Stat(opts.Content)
		if err != nil || !info.IsDir() {
			diags.Errorf(diag.Pos{File: opts.Content}, "the content folder does not exist: give its path with --content")
			return nil, nil
		}
		if fsys, err = ContentFS(opts.Content); err != nil {
			diags.Errorf(diag.Pos{File: opts.Content}, "cannot read the content folder: %v", err)
			return nil, nil
		}
	}
	rnd, err := b.renderer()
	if err != nil {
		return nil, err
	}
	times.done("templates")
	site := content.Load(fsys, content.Options{Root: opts.Content, Drafts: opts.Drafts, BaseURL: opts.BaseURL, Publishing: opts.Publishing, Cache: b.content}, diags)
	times.done("load")
	if b.conv == nil {
		// Reading the content leaves as much garbage as the site itself;
		// collected now, it does not set the heap's size for the rest of
		// the build, which keeps a build's peak memory near its needs.
		runtime.GC()
	}
	docs := collectDocs(site)
	times.done("collect")

	var store *spool
	var disk *diskCache
	cache := ""
	if b.conv == nil && bodiesSize(site) > spoolAbove {
		locked := false
		if opts.Out != "" && executableSum() != 0 {
			cache = cachePath(opts.Out)
			removeStaleCaches(filepath.Dir(cache), filepath.Base(filepath.Clean(opts.Out)))
			disk, locked = openCacheInPlace(cache)
		}
		switch {
		case locked:
			// Another build is using the cache: this one does without.
			cache = ""
			store, err = newSpool(len(docs), "")
		case disk != nil && disk.inPlace:
			store = spoolInPlace(disk, len(docs))
		default:
			store, err = newSpool(len(docs), cache)
		}
		if err != nil {
			disk.close()
			return nil, err
		}
	}
	conv := converter()
	assets := newAssetSet(fsys)
	res := newResolver(site, docs, assets)
	par.For(len(docs), func(i int) {
		d := docs[i]
		convert(conv, d, res, b.conv, disk, &opts, diags)
		if store != nil {
			if d.at != nil {
				store.spans[i] = *d.at // in the cache, which is the spool
			} else {
				store.put(i, d.html, d.book, d.text)
			}
			if d.caseIndex >= 0 {
				d.html, d.book, d.text = "", "", ""
				d.body, d.from.CaseStudy.Body = nil, nil
			}
		}
	})
	b.conv.done()
	disk.close()
	times.done("convert")
	if cache != "" {
		// The cache is saved while the site is indexed and rendered; a
		// cache that cannot be saved costs the next build time, not this
		// one its output.
		store.saving = make(chan struct{})
		go func() {
			defer close(store.saving)
			_ = store.saveCache(docs, cache)
		}()
	}
	for _, d := range docs {
		checkFragments(d, &opts, diags)
	}
	for _, c := range site.CaseStudies {
		if c.Image == "" {
			continue
		}
		at := diag.Pos{File: opts.display(c.File), Line: c.ImageAt[0], Col: c.ImageAt[1]}
		if !asset.IsImage(c.Image) {
			diags.Errorf(at, "image %q is not a picture: the image field takes a %s file; name a picture beside the case study", c.Image, asset.ImageKinds)
			continue
		}
		if _, msg := assets.add(c.Image, site, at); msg != "" {
			diags.Errorf(at, "image %q cannot be published: %s", c.Image, msg)
		}
	}
	checkCovers(site, assets, &opts, diags)
	assets.report(&opts, diags)
	icon := bookIcon(fsys, site, &opts, diags)
	reportUnpublished(site, assets.referenced, &opts, diags)
	var downloads []download
	if opts.Downloads != "" {
		downloads = readDownloads(opts.Downloads, site, diags)
	}
	if diags.HasErrors(false) {
		if store != nil {
			store.close()
		}
		return nil, nil
	}

	var all []index.Ref
	for _, d := range docs {
		all = append(all, d.refs...)
	}
	times.done("check")
	x := index.BuildFrom(b.index, site, all)
	if b.conv != nil {
		b.index = x
	}
	times.done("index")

	in := &render.Input{
		Site: site, Index: x,
		PageBodies:       make([]template.HTML, len(site.Pages)),
		PageBookBodies:   make([]template.HTML, len(site.Pages)),
		TermDescriptions: map[*content.Term]template.HTML{},
		PartIntros:       map[*content.Edition][]template.HTML{},
		Icon:             icon,
		ImageSizes:       assets.imageSizes(),
	}
	for _, d := range downloads {
		in.Downloads = append(in.Downloads, d.Download)
	}
	sums := fileSums(fsys, site)
	in.Version = version(site, sums)
	for _, e := range site.Editions {
		in.PartIntros[e] = make([]template.HTML, len(e.Parts))
	}
	if store != nil {
		in.Store = store
	} else {
		in.Bodies = make([]template.HTML, len(site.CaseStudies))
		in.BookBodies = make([]template.HTML, len(site.CaseStudies))
		in.Texts = make([]string, len(site.CaseStudies))
	}
	for _, d := range docs {
		switch {
		case store != nil && d.caseIndex >= 0:
		case d.caseIndex >= 0:
			in.Bodies[d.caseIndex] = d.html
			in.BookBodies[d.caseIndex] = d.book
			in.Texts[d.caseIndex] = d.text
		case d.pageIndex >= 0:
			in.PageBodies[d.pageIndex] = d.html
			in.PageBookBodies[d.pageIndex] = d.book
		case d.term != nil:
			in.TermDescriptions[d.term] = d.html
		case d.edition != nil:
			in.PartIntros[d.edition][d.part] = d.book
		}
	}
	photos := assets.photoList()
	in.Covers, in.Thumbs = map[string]*render.Photo{}, map[string]*render.Photo{}
	for _, c := range site.CaseStudies {
		if p := assets.photo(c.Image); c.Image != "" && p != nil {
			in.Covers[c.Image] = p.picture(in.Site.Book.BasePath(), photo.Widths[len(photo.Widths)-1])
			in.Thumbs[c.Image] = p.picture(in.Site.Book.BasePath(), 800)
		}
	}
	encoded := new(atomic.Int64)
	for _, p := range photos {
		p.fsys, p.count = fsys, encoded
	}
	pageKeys(in, &opts, docs, sums, x)
	jobs := rnd.Jobs(in)
	jobs = append(jobs, downloadJobs(opts.Downloads, downloads)...)
	if assets.clashes(jobs, diags); diags.HasErrors(false) {
		if store != nil {
			store.close()
		}
		return nil, nil
	}
	jobs = append(jobs, assets.jobs()...)
	times.done("jobs")
	return &Compiled{Site: site, Index: x, Input: in, Jobs: jobs, Renderer: rnd, Assets: assets.copies(), spool: store, times: times, photos: photos, encoded: encoded}, nil
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
			sums[i] = checksum(b)
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
	return fmt.Sprintf("%016x", checksum(b))[:12]
}
