// Package pdf prints a book of the site to PDF with true page numbers, by
// driving a headless Chromium through the DevTools protocol (chromedp).
//
// A browser cannot number a book's contents and index by itself (Chromium
// has no target-counter()), nor start a chapter on a right-hand page (it
// treats break-before: right as a plain page break). So Print works in
// passes:
//
//  1. It compiles the site (internal/build), writes it to a temporary
//     folder and serves it on 127.0.0.1 under the site's base path, so the
//     book finds its stylesheets and images as it would online.
//  2. It prints the book and reads the PDF's named destinations: Chromium
//     writes one for every id that a link of the page points to, and the
//     contents links to every part of the book. That gives the page on
//     which each part, case study and section starts.
//  3. From those pages it works out where a blank page must go so that
//     each starts on a right-hand (odd) page (unless the edition says
//     open: any, where each starts on the next page), and which page each then
//     starts on, renders the book again with these numbers in its contents
//     and index and with the blank pages, and prints it again.
//     A figure (a picture alone in its paragraph) that did not fit in
//     the room left on its page, and so left a hole there, is given the
//     height of that room instead (render.BookLayout.Fit), when the room
//     is at least a fifth of the text block: the book links to a marker
//     before each figure and to the figure, so their destinations tell
//     the page and the height at which each was printed.
//  4. It reads the destinations again and stops when every part of the
//     book is where the contents says, on an odd page. The contents keeps
//     a fixed width for its numbers, so filling them moves nothing and two
//     passes are the rule; it gives up after MaxPasses.
//
// Finally it completes the PDF's metadata (author, subject, keywords,
// language; Chromium writes only the title), asks viewers to open the
// outline, which Chromium builds from the headings, and takes the running
// heads and folios off the opening page of each part of the book, which
// CSS cannot name.
package pdf

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"buildbook/internal/atomicfile"
	"buildbook/internal/build"
	"buildbook/internal/content"
	"buildbook/internal/diag"
	"buildbook/internal/hyphen"
	"buildbook/internal/paths"
	"buildbook/internal/render"
)

// MaxPasses bounds the printing passes before Print gives up on page
// numbers that keep moving.
const MaxPasses = 4

// Browsers are the names Print looks for on PATH, in order.
var Browsers = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// ErrNoBrowser is returned when no Chromium is found.
var ErrNoBrowser = errors.New("no Chromium browser found: install it (on Debian or Ubuntu: apt-get install chromium) or give its path with --chrome")

// Options say what to print and where.
type Options struct {
	Build   build.Options // the content, templates and drafts to build
	Edition string        // edition id; "" prints the book of every case study
	Out     string        // the PDF file to write
	Chrome  string        // the browser; "" looks for one on PATH
	Log     io.Writer     // progress, one line per pass; nil for none
}

// Result tells what was printed.
type Result struct {
	Book   render.BookInfo
	Pages  int            // pages in the PDF
	Passes int            // printing passes it took
	Starts map[string]int // the page each recto id starts on
}

// UnknownEditionError is returned for an --edition the content does not
// have.
type UnknownEditionError struct {
	Edition string
	Known   []string
}

func (e *UnknownEditionError) Error() string {
	if len(e.Known) == 0 {
		return fmt.Sprintf("there is no edition %q: the content has no editions/ (leave out --edition to print every case study)", e.Edition)
	}
	return fmt.Sprintf("there is no edition %q: the content has %s", e.Edition, strings.Join(e.Known, ", "))
}

// FindBrowser returns the browser to run: path when given, else the first
// of Browsers on PATH.
func FindBrowser(path string) (string, error) {
	if path != "" {
		p, err := exec.LookPath(path)
		if err != nil {
			return "", fmt.Errorf("--chrome %s: %w", path, err)
		}
		return p, nil
	}
	for _, name := range Browsers {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNoBrowser
}

// Print builds the site and prints one of its books to opts.Out. Content
// problems go to diags; when they include errors, Print returns nil, nil.
func Print(ctx context.Context, opts Options, diags *diag.List) (*Result, error) {
	logf := func(format string, args ...any) {
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, format+"\n", args...)
		}
	}
	c, err := build.Compile(opts.Build, diags)
	if err != nil || c == nil {
		return nil, err
	}
	book, err := findBook(c, opts.Edition)
	if err != nil {
		return nil, err
	}
	if lang := c.Site.Book.Language; hyphen.Lookup(lang) == "" {
		at := c.Site.Book.LanguageAt
		file := content.Options{Root: opts.Build.Content}.Display("book.yaml")
		diags.Warnf(diag.Pos{File: file, Line: at[0], Col: at[1]}, "no hyphenation patterns for language %q; the book is printed without hyphenation", lang)
	}
	chrome, err := FindBrowser(opts.Chrome)
	if err != nil {
		return nil, err
	}

	tmp, err := os.MkdirTemp("", "buildbook-pdf-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	siteDir := filepath.Join(tmp, "site")
	if err := build.Write(c, c.Site.FS, siteDir); err != nil {
		return nil, err
	}
	if err := setSVGFonts(siteDir); err != nil {
		return nil, fmt.Errorf("setting the pictures' text in the book's faces: %w", err)
	}
	root := c.Site.Book.BasePath()
	base, stop, err := serve(siteDir, root)
	if err != nil {
		return nil, err
	}
	defer stop()

	b, err := startBrowser(ctx, chrome, filepath.Join(tmp, "profile"))
	if err != nil {
		return nil, err
	}
	defer b.close()

	bookFile := filepath.Join(siteDir, filepath.FromSlash(paths.Page(book.Path)))
	// Refs is empty, not nil: the first pass leaves room for the page
	// numbers of cross-references, which it does not know yet.
	layout := &render.BookLayout{Refs: map[string]int{}}
	for pass := 1; pass <= MaxPasses; pass++ {
		html, err := c.Renderer.Book(c.Input, book.Edition, layout)
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(bookFile, html, 0o644); err != nil {
			return nil, err
		}
		css, err := c.Renderer.BookCSS(c.Input, book.Edition, layout)
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(siteDir, filepath.FromSlash(paths.PrintCSS(book.Path))), css, 0o644); err != nil {
			return nil, err
		}
		start := time.Now()
		// The first pass only measures, so it leaves out the tags and
		// the outline, which take Chromium as long again as the layout.
		pdf, err := b.print(base+book.Path+"?pass="+strconv.Itoa(pass), pass > 1)
		if err != nil {
			return nil, fmt.Errorf("printing %s: %w", book.Path, err)
		}
		doc, err := readPDF(pdf)
		if err != nil {
			return nil, fmt.Errorf("reading the PDF Chromium printed: %w", err)
		}
		next, stable, err := paginate(book.Rectos, layout, doc.dests, book.AnyPage)
		if err != nil {
			return nil, err
		}
		if book.BackCover != "" && !backCover(book.BackCover, book.Rectos, layout, next, doc.pages) {
			stable = false
		}
		next.Fit = layout.Fit
		// Cross-references print the pages of their targets: the book is
		// done only once every destination is where the last pass said.
		next.Refs = movedRefs(book.Rectos, doc.dests, next.Pages)
		if !maps.Equal(doc.dests, layout.Refs) {
			stable = false
		}
		if pass <= fitPasses {
			if fit, changed := fitFigures(layout.Fit, doc, book.PageSize); changed {
				next.Fit, stable = fit, false
			}
		}
		fitted := ""
		if len(next.Fit) > len(layout.Fit) {
			fitted = ", figures fitted to their pages: " + strconv.Itoa(len(next.Fit)-len(layout.Fit))
		}
		logf("pass %d: %d pages in %.1fs%s%s", pass, doc.pages, time.Since(start).Seconds(), fitted, map[bool]string{true: ", page numbers settled", false: ""}[stable])
		if stable {
			var openings []int
			for _, p := range layout.Pages {
				openings = append(openings, p)
			}
			slices.Sort(openings)
			out, err := finish(doc, book, slices.Compact(openings))
			if err != nil {
				return nil, fmt.Errorf("writing the PDF's metadata: %w", err)
			}
			if err := atomicfile.Write(opts.Out, out); err != nil {
				return nil, err
			}
			return &Result{Book: book, Pages: doc.pages, Passes: pass, Starts: layout.Pages}, nil
		}
		layout = next
	}
	return nil, fmt.Errorf("the page numbers of %s did not settle after %d passes", book.Path, MaxPasses)
}

// findBook picks the book to print.
func findBook(c *build.Compiled, edition string) (render.BookInfo, error) {
	books := c.Renderer.Books(c.Input)
	var known []string
	for _, b := range books {
		if b.Edition == edition {
			return b, nil
		}
		if b.Edition != "" {
			known = append(known, b.Edition)
		}
	}
	return render.BookInfo{}, &UnknownEditionError{Edition: edition, Known: known}
}

// paginate compares where the parts of the book were printed (printed,
// page by id) with the layout they were printed with, and returns the
// layout to print next. stable says that every recto is on the page the
// layout gave it, and that page is odd unless anyPage is set: the book is
// done.
//
// A blank page adds exactly one page, so a recto's page without blanks is
// its printed page less the blanks before it; walking the rectos in order,
// a blank goes before each that would otherwise fall on an even page. When
// anyPage is set (an edition's open: any), the parts of the book start on the
// next page, whichever side it is, and no blank page is added.
func paginate(rectos []string, used *render.BookLayout, printed map[string]int, anyPage bool) (*render.BookLayout, bool, error) {
	stable := len(used.Pages) > 0
	for _, id := range rectos {
		p, ok := printed[id]
		if !ok {
			return nil, false, fmt.Errorf("the printed book has no destination for #%s: does the contents still link to it?", id)
		}
		if p != used.Pages[id] || p%2 == 0 && !anyPage {
			stable = false
		}
	}
	if anyPage {
		next := &render.BookLayout{Pages: map[string]int{}, Blank: map[string]bool{}}
		for _, id := range rectos {
			next.Pages[id] = printed[id]
		}
		return next, stable, nil
	}
	next := &render.BookLayout{Pages: map[string]int{}, Blank: map[string]bool{}}
	blanks, shift := 0, 0
	for _, id := range rectos {
		if used.Blank[id] {
			blanks++
		}
		p := printed[id] - blanks + shift
		if p%2 == 0 {
			next.Blank[id] = true
			shift++
			p++
		}
		next.Pages[id] = p
	}
	return next, stable, nil
}

// backCover decides whether a blank page goes before the back cover (id),
// the book's last page, so that it is a left-hand page, the outside of
// the last leaf: the book was printed with used in pages pages, and will
// be printed next with the blank pages of next before its rectos. It
// reports whether used had it so already.
func backCover(id string, rectos []string, used, next *render.BookLayout, pages int) bool {
	n := pages // the back cover's page, without a blank page before it
	if used.Blank[id] {
		n--
	}
	for _, r := range rectos {
		if next.Blank[r] {
			n++
		}
		if used.Blank[r] {
			n--
		}
	}
	next.Blank[id] = n%2 == 1
	return next.Blank[id] == used.Blank[id]
}

// movedRefs is where each destination of the book (printed, page by id)
// will be once the rectos are on the pages that pages gives them: moved by
// as many pages as the last recto that starts on its page or before it
// (blank pages added or taken out before that recto move it with them).
func movedRefs(rectos []string, printed map[string]int, pages map[string]int) map[string]int {
	type start struct{ at, shift int }
	var starts []start // in book order, so by printed page
	for _, id := range rectos {
		starts = append(starts, start{printed[id], pages[id] - printed[id]})
	}
	out := make(map[string]int, len(printed))
	for id, p := range printed {
		shift := 0
		for _, s := range starts {
			if s.at > p {
				break
			}
			shift = s.shift
		}
		out[id] = p + shift
	}
	return out
}

// fitPasses are the passes after which figures are fitted to their pages;
// later passes only settle the page numbers.
const fitPasses = 2

// Figures are fitted (render.BookLayout.Fit) to no less than minFit of
// the text block, and to the room left less fitSlack millimetres, for the
// margins of the figure's paragraph and its line.
const (
	minFit   = 0.2
	fitSlack = 8.0
)

// fitFigures finds the figures that were printed on a later page than
// the marker before them: they did not fit in the room left on the
// marker's page, and left it as a hole. Where that room is at least
// minFit of the text block, the figure is given its height, to stay on
// the page (a smaller hole is left, and the page is still full enough). A
// figure fitted before that still did not fit is made smaller again. It
// returns the fitted heights, in millimetres, and whether they changed.
func fitFigures(old map[string]float64, d *document, pageSize string) (map[string]float64, bool) {
	pageMM, blockMM := render.TextBlock(pageSize)
	const ptToMM = 25.4 / 72
	fit := map[string]float64{}
	for id, h := range old {
		fit[id] = h
	}
	changed := false
	for id, page := range d.dests {
		imgPage, ok := d.dests[id+render.FigureSuffix]
		if !strings.HasPrefix(id, "fig-") || !ok || imgPage <= page {
			continue
		}
		// The marker's distance from the top of the text block.
		down := pageMM - d.tops[id]*ptToMM
		room := blockMM - down - fitSlack
		if h, ok := fit[id]; ok {
			room = min(room, h-5)
		}
		if room < minFit*blockMM {
			continue
		}
		fit[id] = math.Floor(room)
		changed = true
	}
	return fit, changed
}

// serve serves dir over HTTP on a free port of 127.0.0.1, under the site's
// base path root (as BasePath gives it: percent-encoded, ending in "/"),
// and returns the site's address there.
//
// The base path is matched by hand rather than given to a ServeMux as a
// pattern: a pattern has a syntax of its own (a space in it separates a
// method from the path), and a base path is content, not code.
func serve(dir, root string) (string, func(), error) {
	prefix, err := url.PathUnescape(root)
	if err != nil || !strings.HasPrefix(prefix, "/") || !strings.HasSuffix(prefix, "/") {
		return "", nil, fmt.Errorf("the base path %q is not a path ending in /", root)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	files := http.FileServer(http.FS(os.DirFS(dir)))
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rest, ok := strings.CutPrefix(r.URL.Path, prefix)
		if !ok {
			http.NotFound(w, r)
			return
		}
		r2 := new(http.Request)
		*r2 = *r
		r2.URL = new(url.URL)
		*r2.URL = *r.URL
		r2.URL.Path, r2.URL.RawPath = "/"+rest, ""
		w.Header().Set("Cache-Control", "no-store")
		files.ServeHTTP(w, r2)
	})
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return "http://" + ln.Addr().String() + root, func() { _ = srv.Close() }, nil
}

// browser is a running headless Chromium.
type browser struct {
	ctx    context.Context
	cancel func()
}

// startBrowser starts Chromium headless with a profile of its own in dir.
func startBrowser(parent context.Context, path, dir string) (*browser, error) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(dir),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("font-render-hinting", "none"),
	)
	actx, acancel := chromedp.NewExecAllocator(parent, opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	b := &browser{ctx: bctx, cancel: func() { bcancel(); acancel() }}
	// The first action starts the browser; it must not have a deadline.
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		b.close()
		return nil, fmt.Errorf("starting %s: %w", path, err)
	}
	return b, nil
}

func (b *browser) close() {
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	_ = chromedp.Cancel(ctx)
	b.cancel()
}

// printTimeout bounds one pass: loading and printing the book.
const printTimeout = 5 * time.Minute

// print loads url and prints it with the page size of its CSS and with
// backgrounds (the cover is coloured); final adds the outline and tags.
func (b *browser) print(url string, final bool) ([]byte, error) {
	ctx, cancel := context.WithTimeout(b.ctx, printTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return nil, err
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		return nil, err
	}
	opts := []chromedp.PDFOption{chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground(), chromedp.PDFStream()}
	if final {
		opts = append(opts, chromedp.PDFOutlineAndTagged())
	} else {
		opts = append(opts, func(p *page.PrintToPDFParams) {
			no := false
			p.GenerateTaggedPDF = &no
			p.GenerateDocumentOutline = &no
		})
	}
	return chromedp.Run(ctx, chromedp.PrintToPDF(opts...))
}
