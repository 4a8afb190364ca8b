package browsertest

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"golang.org/x/tools/txtar"

	"buildbook/internal/build"
	"buildbook/internal/diag"
)

// repo is the repository root, from this package's folder.
const repo = "../.."

// chromiumPath is Debian's Chromium.
const chromiumPath = "/usr/bin/chromium"

// inCI reports whether the tests run in CI, where nothing may be skipped.
func inCI() bool { return os.Getenv("CI") == "true" }

// need skips the test, or fails it in CI, when what is missing.
func need(t *testing.T, ok bool, what string) {
	t.Helper()
	if ok {
		return
	}
	if inCI() {
		t.Fatalf("%s is missing; CI must have it (see .ci/run)", what)
	}
	t.Skipf("%s is missing", what)
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// site is a built site served over HTTP at its base path.
type site struct {
	dir      string // the output folder
	root     string // base path, "/going-for-great/"
	url      string // server address + root
	compiled *build.Compiled

	mu     sync.Mutex
	served []served // every response, for transfer measurements
}

// served is one response of the test server.
type served struct {
	path  string
	bytes int64
}

// buildSite builds the content folder into out and serves it until the
// package's tests end.
func buildSite(contentDir, out string) (*site, error) {
	var diags diag.List
	c, err := build.Compile(build.Options{Content: contentDir, Out: out}, &diags)
	if err != nil {
		return nil, err
	}
	if c == nil {
		var msgs []string
		for _, d := range diags.Sorted() {
			msgs = append(msgs, fmt.Sprint(d))
		}
		return nil, fmt.Errorf("the build of %s failed:\n%s", contentDir, strings.Join(msgs, "\n"))
	}
	if err := build.Write(c, os.DirFS(contentDir), out); err != nil {
		return nil, err
	}
	s := &site{dir: out, root: c.Site.Book.BasePath(), compiled: c}
	srv := httptest.NewServer(s)
	servers = append(servers, srv)
	s.url = srv.URL + s.root
	return s, nil
}

// servers are closed when the package's tests end.
var servers []*httptest.Server

// packageDir holds the built sites and Chromium's profile; TestMain
// removes it.
var packageDir string

// ServeHTTP serves the output folder as a static host does: a folder's
// index.html, and 404.html with status 404 for anything missing.
func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p, ok := strings.CutPrefix(r.URL.Path, s.root)
	if !ok {
		http.NotFound(w, r)
		return
	}
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	file := filepath.Join(s.dir, filepath.FromSlash(path.Clean("/"+p)))
	status := http.StatusOK
	b, err := os.ReadFile(file)
	if err != nil {
		if info, serr := os.Stat(file); serr == nil && info.IsDir() {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		status = http.StatusNotFound
		file = filepath.Join(s.dir, "404.html")
		if b, err = os.ReadFile(file); err != nil {
			http.NotFound(w, r)
			return
		}
	}
	switch path.Ext(file) {
	case ".html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
	case ".js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	case ".css":
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
	case ".json":
		w.Header().Set("Content-Type", "application/json")
	case ".svg":
		w.Header().Set("Content-Type", "image/svg+xml")
	}
	w.WriteHeader(status)
	n, _ := w.Write(b)
	s.mu.Lock()
	s.served = append(s.served, served{path: r.URL.Path, bytes: int64(n)})
	s.mu.Unlock()
}

// resetServed forgets the responses so far.
func (s *site) resetServed() {
	s.mu.Lock()
	s.served = nil
	s.mu.Unlock()
}

// servedSince returns the responses since the last reset.
func (s *site) servedSince() []served {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]served(nil), s.served...)
}

// sites are built once for the package, by content folder.
var (
	sitesMu sync.Mutex
	sites   = map[string]*site{}
)

// siteOf builds contentDir once and serves it.
func siteOf(t *testing.T, name, contentDir string) *site {
	t.Helper()
	sitesMu.Lock()
	defer sitesMu.Unlock()
	if s, ok := sites[name]; ok {
		if s == nil {
			t.Fatalf("the %s site did not build", name)
		}
		return s
	}
	// A large site's conversion cache is kept beside its output.
	if err := os.MkdirAll(filepath.Join(packageDir, name), 0o755); err != nil {
		t.Fatal(err)
	}
	s, err := buildSite(contentDir, filepath.Join(packageDir, name, "public"))
	sites[name] = s
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// sample is the sample book in content/.
func sample(t *testing.T) *site { return siteOf(t, "sample", filepath.Join(repo, "content")) }

// unseen is a site built from content unlike the sample: the archive that
// internal/build's tests use, with a fifth taxonomy and a sub-path.
func unseen(t *testing.T) *site {
	t.Helper()
	sitesMu.Lock()
	_, done := sites["unseen"]
	sitesMu.Unlock()
	dir := filepath.Join(packageDir, "unseen-content")
	if !done {
		a, err := txtar.ParseFile(filepath.Join(repo, "internal", "build", "testdata", "unseen.txtar"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Files {
			p := filepath.Join(dir, filepath.FromSlash(f.Name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		// The archive's one binary file, as internal/build's tests make it.
		img := image.NewRGBA(image.Rect(0, 0, 64, 48))
		for x := range 64 {
			img.Set(x, x%48, color.RGBA{200, 80, 20, 255})
		}
		f, err := os.Create(filepath.Join(dir, "case-studies", "gamma", "photo.png"))
		if err != nil {
			t.Fatal(err)
		}
		if err := errors.Join(png.Encode(f, img), f.Close()); err != nil {
			t.Fatal(err)
		}
	}
	return siteOf(t, "unseen", dir)
}

// ---- Chromium ----

var (
	browserOnce   sync.Once
	browserCtx    context.Context
	browserCancel context.CancelFunc
)

// browser returns a new tab of the package's Chromium, closed at the end
// of the test, with a viewport of w×h pixels.
func browser(t *testing.T, w, h int) context.Context {
	t.Helper()
	need(t, exists(chromiumPath), "Chromium ("+chromiumPath+")")
	browserOnce.Do(func() {
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(chromiumPath),
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("no-first-run", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("hide-scrollbars", true),
			chromedp.UserDataDir(filepath.Join(packageDir, "chromium-profile")),
		)
		var actx context.Context
		actx, browserCancel = chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, _ := chromedp.NewContext(actx)
		if err := chromedp.Do(ctx); err != nil {
			t.Errorf("starting Chromium: %v", err)
			return
		}
		browserCtx = ctx
	})
	if browserCtx == nil {
		t.Fatal("Chromium did not start")
	}
	ctx, cancel := chromedp.NewContext(browserCtx)
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		t.Fatal(err)
	}
	tctx, cancelTimeout := context.WithTimeout(ctx, 120*time.Second)
	t.Cleanup(func() {
		cancelTimeout()
		cancel()
	})
	do(t, tctx, chromedp.EmulateViewport(int64(w), int64(h)))
	return tctx
}

// contextT is a tab's context.
type contextT = context.Context

// typeQuery focuses the header search box and types q, key by key, then
// waits for the results of the whole of q.
func typeQuery(t *testing.T, ctx contextT, q string) {
	t.Helper()
	do(t, ctx, chromedp.Focus(chromedp.CSS("#site-search-q")), chromedp.SendKeys(chromedp.CSS("#site-search-q"), q))
	waitForSearch(t, ctx, q)
}

// waitForSearch waits until the drop-down shows the results for q.
func waitForSearch(t *testing.T, ctx contextT, q string) {
	t.Helper()
	waitFor(t, ctx, `performance.getEntriesByName("buildbook-search").some(e => e.detail.query === `+jsString(q)+`)`)
}

// keys names the keys that tests press.
var keys = map[string]string{"ArrowDown": kb.ArrowDown, "ArrowUp": kb.ArrowUp, "Enter": kb.Enter, "Escape": kb.Escape, "Tab": kb.Tab, "/": "/"}

// pressKey presses one key in the focused element.
func pressKey(t *testing.T, ctx contextT, key string) {
	t.Helper()
	k, ok := keys[key]
	if !ok {
		t.Fatalf("no key %q", key)
	}
	do(t, ctx, realKey(k))
}

// realKey presses keys as a keyboard does: a keyDown that carries the
// key's text, then a keyUp. chromedp.KeyEvent sends the text as a separate
// char event, which Chrome dispatches even when the page prevented the
// keydown's default action, so Enter on a chosen search result would also
// submit the search form, and the two navigations race.
func realKey(keys string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		for _, r := range keys {
			events := kb.Encode(r)
			text := ""
			for _, k := range events {
				if k.Type == input.DispatchKeyEventTypeChar {
					text = k.Text
				}
			}
			for _, k := range events {
				switch k.Type {
				case input.DispatchKeyEventTypeChar:
					continue
				case input.DispatchKeyEventTypeKeyDown, input.DispatchKeyEventTypeRawKeyDown:
					if text != "" {
						k.Type = input.DispatchKeyEventTypeKeyDown
						k.Text, k.UnmodifiedText = text, text
					}
				}
				if _, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, *k); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// keyPress presses a key given as its character.
func keyPress(key string) chromedp.Action[chromedp.Void] { return chromedp.KeyEvent(key) }

// do runs actions in ctx and fails the test on an error.
func do(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// eval evaluates a JavaScript expression in the page, awaiting a promise.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", firstLine(expr), err)
	}
	return v
}

// waitFor evaluates a JavaScript expression until it is truthy, across
// page loads.
func waitFor(t *testing.T, ctx contextT, expr string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var err error
	for time.Now().Before(deadline) {
		// An evaluation that a navigation interrupts may never answer:
		// each try has its own time limit.
		try, cancel := context.WithTimeout(ctx, 2*time.Second)
		var ok bool
		ok, err = chromedp.Run(try, chromedp.Evaluate[bool]("!!("+expr+")"))
		cancel()
		if err == nil && ok {
			return
		}
		if ctx.Err() != nil {
			break
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("waiting for %s: %v", expr, err)
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// colorScheme emulates prefers-color-scheme (and, with media "print",
// printing).
func colorScheme(scheme, media string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Media:    media,
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
}

// navigate loads a page and waits until its script has run.
func navigate(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	do(t, ctx, chromedp.Navigate(url))
	waitFor(t, ctx, `document.readyState === "complete"`)
}

// artifacts is the folder for screenshots and other test output.
func artifacts(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("BUILDBOOK_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(repo, "testdata-out")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// htmlFiles lists every HTML file of an output folder.
func htmlFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// javaOK reports whether java runs.
func javaOK() bool { return exec.Command("java", "-version").Run() == nil }

func TestMain(m *testing.M) {
	var err error
	packageDir, err = os.MkdirTemp("", "buildbook-browsertest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	for _, srv := range servers {
		srv.Close()
	}
	if browserCancel != nil {
		browserCancel() // closes Chromium and waits for it
	}
	os.RemoveAll(packageDir)
	os.Exit(code)
}
