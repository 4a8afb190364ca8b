// Package serve previews a site while it is being written: it builds the
// content, serves the site from memory on a loopback address, watches the
// content and templates folders, rebuilds after every change, and makes
// the open browser pages reload.
//
// A rebuild reuses everything that did not change (see build.Builder):
// the case studies whose files are the same, the HTML of unchanged
// bodies, the parsed templates. Files are read through a cache that the
// watcher empties path by path. The index (terms, related case studies,
// backlinks) is computed again, and pages are rendered when they are
// asked for, so a rebuild costs little more than the files that changed.
//
// Every HTML page gets one script, /__buildbook/reload.js, which listens
// to /__buildbook/events (Server-Sent Events). After a rebuild, pages
// reload; after a build that fails, they keep the last good site and show
// its errors over it, as /__buildbook/errors lists them too. Nothing is
// written to disk.
//
// The preview holds drafts and is open to every page the browser has
// open, so it answers only requests that name this machine (localhost,
// a loopback address, or the --addr host): a page elsewhere that makes
// its own name point at 127.0.0.1 is refused. Every response carries
// X-Content-Type-Options: nosniff and the pages' Content-Security-Policy
// and Referrer-Policy as headers; every file has the type that the
// published site gives it (contentTypes), and anything else is
// application/octet-stream. Redirects go only to paths on the same host.
package serve

import (
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"buildbook/internal/build"
	"buildbook/internal/diag"
	"buildbook/internal/paths"
	"buildbook/internal/render"
)

// Options are serve's settings.
type Options struct {
	Build build.Options // Content, Templates and Drafts; the base URL is the served address
	Addr  string        // host:port to listen on; port 0 picks a free one
	Log   io.Writer     // where builds and errors are reported
}

// quiet is how long the folders must stay unchanged before a rebuild:
// an editor's save is often several events.
const quiet = 10 * time.Millisecond

// Server is a running preview.
type Server struct {
	opts     Options
	url      string
	addrHost string // the host of opts.Addr, which requests may name
	ln       net.Listener
	http     *http.Server
	fsys     *cachedFS
	builder  *build.Builder
	watcher  *watcher
	start    string // identifies this process to pages, so that a restart reloads them

	kick      chan struct{}
	lastEvent atomic.Int64 // unix nanoseconds of the last change seen
	done      chan struct{}
	closed    sync.Once
	wg        sync.WaitGroup

	mu    sync.RWMutex
	site  *site             // the last good site, or nil
	errs  []diag.Diagnostic // the last build's diagnostics when it failed
	shown map[string]bool   // warnings already printed
	subs  map[chan []byte]bool
}

// site is one good build, served from memory.
type site struct {
	gen    int
	pages  map[string]*page  // output path -> page
	assets map[string]string // output path -> content path
	fsys   fs.FS
}

// page is one output file, made when first asked for.
type page struct {
	job  render.Job
	once sync.Once
	b    []byte
	err  error
}

func (p *page) bytes() ([]byte, error) {
	p.once.Do(func() { p.b, p.err = p.job.Make() })
	return p.b, p.err
}

// Start listens on opts.Addr, builds the site once, and serves it until
// Close. The first build may fail: its errors are then what is served.
func Start(opts Options) (*Server, error) {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	host, _, err := net.SplitHostPort(opts.Addr)
	if err != nil {
		return nil, fmt.Errorf("--addr %s: %v", opts.Addr, err)
	}
	if !loopback(host) {
		return nil, fmt.Errorf("--addr %s: serve is a preview for this machine, so it listens on a loopback address only, such as 127.0.0.1:8080", opts.Addr)
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return nil, err
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	s := &Server{
		opts:     opts,
		url:      "http://" + net.JoinHostPort(host, port) + "/",
		addrHost: host,
		ln:       ln,
		start:    strconv.FormatInt(time.Now().UnixNano(), 36),
		kick:     make(chan struct{}, 1),
		done:     make(chan struct{}),
		shown:    map[string]bool{},
		subs:     map[chan []byte]bool{},
	}
	bopts := opts.Build
	bopts.BaseURL = s.url
	if info, err := os.Stat(bopts.Content); err == nil && info.IsDir() {
		s.fsys = newCachedFS(bopts.Content)
		bopts.ContentFS = s.fsys
	}
	s.builder = build.NewBuilder(bopts)

	// The templates folder is watched even when it does not exist yet:
	// made later, it then takes effect.
	roots := []string{bopts.Content}
	if bopts.Templates != "" {
		roots = append(roots, bopts.Templates)
	}
	if s.fsys != nil {
		if s.watcher, err = newWatcher(roots); err != nil {
			ln.Close()
			return nil, err
		}
	}
	s.rebuild()

	s.http = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		_ = s.http.Serve(ln)
	}()
	if s.watcher != nil {
		changes := make(chan change, 256)
		s.wg.Add(2)
		go func() {
			defer s.wg.Done()
			s.watcher.run(changes)
			close(changes)
		}()
		go func() {
			defer s.wg.Done()
			s.watch(changes)
		}()
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.buildLoop()
		}()
	}
	return s, nil
}

// loopback reports whether host names this machine only.
func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// URL is the address the site is served at, ending in "/".
func (s *Server) URL() string { return s.url }

// Close stops serving and watching.
func (s *Server) Close() error {
	var err error
	s.closed.Do(func() {
		close(s.done)
		if s.watcher != nil {
			s.watcher.close()
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		err = s.http.Shutdown(ctx)
		if errors.Is(err, context.DeadlineExceeded) {
			err = s.http.Close()
		}
		s.wg.Wait()
	})
	return err
}

// watch forgets each changed path at once, so that the next build reads
// it again, and asks for a rebuild.
func (s *Server) watch(changes <-chan change) {
	for c := range changes {
		if c.root == 0 {
			if c.rel == "" {
				s.fsys.forgetAll()
			} else {
				s.fsys.forget(c.rel)
			}
		}
		s.lastEvent.Store(time.Now().UnixNano())
		select {
		case s.kick <- struct{}{}:
		default:
		}
	}
}

// buildLoop rebuilds once the folders have been quiet for a moment after
// a change.
func (s *Server) buildLoop() {
	for {
		select {
		case <-s.done:
			return
		case <-s.kick:
		}
		for {
			wait := quiet - time.Since(time.Unix(0, s.lastEvent.Load()))
			if wait <= 0 {
				break
			}
			select {
			case <-s.done:
				return
			case <-time.After(wait):
			}
		}
		// This build sees every change so far, including those that
		// kicked again while waiting.
		select {
		case <-s.kick:
		default:
		}
		s.rebuild()
	}
}

// rebuild compiles the site; a good build replaces the served site, a
// failed one is reported and leaves it.
func (s *Server) rebuild() {
	start := time.Now()
	var diags diag.List
	c, err := s.builder.Compile(&diags)
	ds := diags.Sorted()
	if err != nil {
		ds = append(ds, diag.Diagnostic{File: s.opts.Build.Templates, Severity: diag.Error, Message: err.Error()})
	}
	took := time.Since(start).Round(time.Millisecond)

	s.mu.Lock()
	if c != nil && err == nil {
		gen := 1
		if s.site != nil {
			gen = s.site.gen + 1
		}
		st := &site{gen: gen, pages: map[string]*page{}, assets: map[string]string{}, fsys: c.Site.FS}
		for _, j := range c.Jobs {
			st.pages[j.Path] = &page{job: j}
		}
		for src, out := range c.Assets {
			st.assets[out] = src
		}
		s.site, s.errs = st, nil
	} else {
		s.errs = ds
	}
	var fresh []diag.Diagnostic
	for _, d := range ds {
		if d.Severity == diag.Error || !s.shown[d.String()] {
			fresh = append(fresh, d)
		}
		s.shown[d.String()] = true
	}
	// Printed before pages are told, so that what they show is on the
	// terminal too.
	_ = diag.Write(s.opts.Log, "text", fresh)
	switch {
	case c == nil || err != nil:
		fmt.Fprintf(s.opts.Log, "build failed in %s: %s; still serving the last good site\n", took, countErrors(ds))
	case s.site.gen == 1:
		fmt.Fprintf(s.opts.Log, "built %d case studies in %s; serving %s (press Ctrl+C to stop)\n", len(c.Site.CaseStudies), took, s.url)
	default:
		fmt.Fprintf(s.opts.Log, "rebuilt in %s\n", took)
	}
	msg := s.stateLocked()
	for ch := range s.subs {
		select {
		case <-ch: // a page that has not read the last state needs only this one
		default:
		}
		ch <- msg
	}
	s.mu.Unlock()
}

func countErrors(ds []diag.Diagnostic) string {
	n := 0
	for _, d := range ds {
		if d.Severity == diag.Error {
			n++
		}
	}
	if n == 1 {
		return "1 error"
	}
	return strconv.Itoa(n) + " errors"
}

// state is what pages are told after each build.
type state struct {
	Site   string   `json:"site"`   // identifies the site pages should show
	Errors []string `json:"errors"` // the failed build's messages, or none
}

// stateLocked is the event that tells pages the current state; s.mu is
// held.
func (s *Server) stateLocked() []byte {
	st := state{Site: s.siteIDLocked(), Errors: []string{}}
	for _, d := range s.errs {
		st.Errors = append(st.Errors, d.String())
	}
	b, _ := json.Marshal(st)
	return []byte("event: state\ndata: " + string(b) + "\n\n")
}

func (s *Server) siteIDLocked() string {
	gen := 0
	if s.site != nil {
		gen = s.site.gen
	}
	return s.start + "-" + strconv.Itoa(gen)
}

//go:embed reload.js
var reloadJS []byte

//go:embed reload.css
var reloadCSS []byte

// ServeHTTP serves the site and serve's own files under /__buildbook/.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	setSecurityHeaders(w.Header())
	if !allowedHost(r.Host, s.addrHost) {
		s.refuseHost(w)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case "/__buildbook/events":
		s.events(w, r)
		return
	case "/__buildbook/reload.js":
		serveBytes(w, r, "reload.js", reloadJS)
		return
	case "/__buildbook/reload.css":
		serveBytes(w, r, "reload.css", reloadCSS)
		return
	case "/__buildbook/errors":
		s.errorPage(w, r, http.StatusOK)
		return
	}
	s.mu.RLock()
	st, id := s.site, s.siteIDLocked()
	s.mu.RUnlock()
	if st == nil {
		s.errorPage(w, r, http.StatusInternalServerError)
		return
	}
	p := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
	if strings.HasSuffix(r.URL.Path, "/") || p == "" {
		p = path.Join(p, paths.Index)
	}
	if pg := st.pages[p]; pg != nil {
		s.servePage(w, r, p, pg, id, http.StatusOK)
		return
	}
	if src, ok := st.assets[p]; ok {
		f, err := st.fsys.Open(src)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer f.Close()
		// The type is set from the name, never sniffed from the bytes
		// (ServeContent would, for a type it does not know).
		setType(w, p)
		w.Header().Set("Cache-Control", "no-cache")
		if rs, ok := f.(io.ReadSeeker); ok {
			http.ServeContent(w, r, p, time.Time{}, rs)
			return
		}
		_, _ = io.Copy(w, f)
		return
	}
	if st.pages[p+"/"+paths.Index] != nil {
		redirect(w, r, p+"/")
		return
	}
	if pg := st.pages[paths.NotFound]; pg != nil {
		s.servePage(w, r, paths.NotFound, pg, id, http.StatusNotFound)
		return
	}
	http.NotFound(w, r)
}

// servePage writes an output file; HTML gets the reload script.
func (s *Server) servePage(w http.ResponseWriter, r *http.Request, p string, pg *page, id string, status int) {
	b, err := pg.bytes()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if strings.HasSuffix(p, ".html") {
		b = inject(b, id)
	}
	setType(w, p)
	w.Header().Set("Cache-Control", cacheControl(r))
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(b)
	}
}

// cacheControl lets the browser keep an asset whose address carries its
// digest (style.css?v=...): a reloading page then asks only for itself.
// Anything else is checked again on every load.
func cacheControl(r *http.Request) string {
	if r.URL.Query().Get("v") != "" {
		return "public, max-age=31536000, immutable"
	}
	return "no-cache"
}

// reloadTag is the script element that inject adds: reload.js, versioned
// so that the browser keeps it, told which site the page is from.
func reloadTag(id string) string {
	return `<script src="/__buildbook/reload.js?v=` + reloadVersion + `" data-site="` + id + `" defer></script>`
}

var reloadVersion = func() string {
	h := sha256.Sum256(append(append([]byte{}, reloadJS...), reloadCSS...))
	return hex.EncodeToString(h[:4])
}()

// inject adds the reload script to an HTML page, before </head>.
func inject(page []byte, id string) []byte {
	tag := reloadTag(id) + "\n"
	i := bytes.Index(page, []byte("</head>"))
	if i < 0 {
		return append(slices.Clip(page), tag...)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

func serveBytes(w http.ResponseWriter, r *http.Request, name string, b []byte) {
	setType(w, name)
	w.Header().Set("Cache-Control", cacheControl(r))
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
}

func setType(w http.ResponseWriter, name string) {
	w.Header().Set("Content-Type", contentType(name))
}

// events streams the state to a page: at once, then after every build.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming is not supported", http.StatusInternalServerError)
		return
	}
	ch := make(chan []byte, 1)
	s.mu.Lock()
	s.subs[ch] = true
	ch <- s.stateLocked()
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.subs, ch)
		s.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	flusher.Flush()
	keepAlive := time.NewTicker(20 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case msg := <-ch:
			if _, err := w.Write(msg); err != nil {
				return
			}
		case <-keepAlive.C:
			if _, err := io.WriteString(w, ": keep-alive\n\n"); err != nil {
				return
			}
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
		flusher.Flush()
	}
}

var errorTemplate = template.Must(template.New("errors").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{if .Errors}}Build failed{{else}}No errors{{end}} · buildbook serve</title>
<link rel="stylesheet" href="/__buildbook/reload.css?v={{.Version}}">
<script src="/__buildbook/reload.js?v={{.Version}}" data-site="{{.Site}}" defer></script>
</head>
<body class="bb-error-page">
<main>
{{if .Errors}}<h1>The build failed</h1>
<p>Fix these and save: the page reloads when the site builds again.{{if .Good}} Until then the last good site is served: <a href="/">go to it</a>.{{end}}</p>
<ul class="bb-messages">{{range .Errors}}<li><code>{{.}}</code></li>{{end}}</ul>
{{else}}<h1>No errors</h1>
<p>The last build succeeded. <a href="/">Go to the site</a>.</p>{{end}}
</main>
</body>
</html>
`))

// errorPage lists the errors of the last build.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int) {
	s.mu.RLock()
	data := struct {
		Site, Version string
		Errors        []string
		Good          bool
	}{Site: s.siteIDLocked(), Version: reloadVersion, Good: s.site != nil}
	for _, d := range s.errs {
		data.Errors = append(data.Errors, d.String())
	}
	s.mu.RUnlock()
	var b bytes.Buffer
	if err := errorTemplate.Execute(&b, data); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(b.Bytes())
	}
}
