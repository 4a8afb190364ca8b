package serve

import (
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"buildbook/internal/render"
	"buildbook/templates"
)

// memServer is a Server whose last good site is the pages and attachment
// files given, without a build: what it serves does not depend on which
// files the build accepts.
func memServer(pages map[string]string, files fstest.MapFS) *Server {
	st := &site{gen: 1, pages: map[string]*page{}, assets: map[string]string{}, fsys: files}
	for p, body := range pages {
		st.pages[p] = &page{job: render.Job{Path: p, Make: func() ([]byte, error) { return []byte(body), nil }}}
	}
	for name := range files {
		st.assets[name] = name
	}
	return &Server{
		url:      "http://127.0.0.1:8080/",
		addrHost: "127.0.0.1",
		start:    "test",
		site:     st,
		shown:    map[string]bool{},
		subs:     map[chan []byte]bool{},
	}
}

// do makes a request of s as its HTTP server would hand it over: target
// is the request line's target, host the Host header.
func do(s *Server, method, target, host string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	req.Host = host
	if strings.HasPrefix(target, "/__buildbook/events") {
		// The stream would go on for ever: a request already cancelled
		// ends it after its first event.
		ctx, cancel := context.WithCancel(req.Context())
		cancel()
		req = req.WithContext(ctx)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec
}

var testPages = map[string]string{
	"index.html":                  "<!DOCTYPE html><head></head><p>home",
	"about/index.html":            "<!DOCTYPE html><head></head><p>about",
	"evil.example/index.html":     "<!DOCTYPE html><head></head><p>a page named like a host",
	`\evil.example/index.html`:    "<!DOCTYPE html><head></head><p>a page named with a backslash",
	"404.html":                    "<!DOCTYPE html><head></head><p>not found",
	"feed.xml":                    "<feed/>",
	"search.json":                 "{}",
	"assets/style.css":            "p{}",
	"case-studies/art/index.html": "<!DOCTYPE html><head></head><p>art",
}

func TestAllowedHost(t *testing.T) {
	for _, tc := range []struct {
		host, addr string
		want       bool
	}{
		{"127.0.0.1:8080", "127.0.0.1", true},
		{"127.0.0.1", "127.0.0.1", true},
		{"localhost:8080", "127.0.0.1", true},
		{"LOCALHOST:8080", "127.0.0.1", true},
		{"localhost.:8080", "127.0.0.1", true},
		{"localhost", "127.0.0.1", true},
		{"book.localhost:8080", "127.0.0.1", true},
		{"127.8.9.10:1", "127.0.0.1", true},
		{"[::1]:8080", "127.0.0.1", true},
		{"[::1]", "127.0.0.1", true},
		{"[0:0:0:0:0:0:0:1]:80", "127.0.0.1", true},
		{"preview.test:8080", "preview.test", true}, // the --addr host, whatever it is

		{"", "127.0.0.1", false},
		{"evil.example", "127.0.0.1", false},
		{"evil.example:8080", "127.0.0.1", false},
		{"127.0.0.1.evil.example:8080", "127.0.0.1", false},
		{"localhost.evil.example", "127.0.0.1", false},
		{"evillocalhost:8080", "127.0.0.1", false},
		{"0.0.0.0:8080", "127.0.0.1", false},
		{"192.168.1.20:8080", "127.0.0.1", false},
		{"[::ffff:192.168.1.20]:8080", "127.0.0.1", false},
		{"[fe80::1%25lo]:8080", "127.0.0.1", false},
		{"2130706433:8080", "127.0.0.1", false}, // 127.0.0.1 as a number: a name to Go, an address to some resolvers
		{"preview.test:8080", "127.0.0.1", false},
	} {
		if got := allowedHost(tc.host, tc.addr); got != tc.want {
			t.Errorf("allowedHost(%q, %q) = %v, want %v", tc.host, tc.addr, got, tc.want)
		}
	}
}

// TestServeRefusesForeignHost: a request naming another host (as after
// DNS rebinding) gets neither a page, nor an attachment, nor the event
// stream, nor the error page.
func TestServeRefusesForeignHost(t *testing.T) {
	s := memServer(testPages, fstest.MapFS{"case-studies/art/secret-draft.txt": {Data: []byte("draft")}})
	for _, target := range []string{"/", "/about/", "/case-studies/art/secret-draft.txt", "/__buildbook/errors", "/__buildbook/events", "/__buildbook/reload.js", "/nowhere"} {
		for _, host := range []string{"evil.example", "evil.example:8080", "127.0.0.1.nip.example:8080", ""} {
			rec := do(s, "GET", target, host)
			if rec.Code != http.StatusMisdirectedRequest {
				t.Errorf("GET %s with Host %q: %d, want %d", target, host, rec.Code, http.StatusMisdirectedRequest)
			}
			if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("GET %s with Host %q: X-Content-Type-Options %q", target, host, got)
			}
			if body := rec.Body.String(); !strings.Contains(body, "http://127.0.0.1:8080/") || strings.Contains(body, "draft") || strings.Contains(body, "<p>") {
				t.Errorf("GET %s with Host %q: body %q", target, host, body)
			}
		}
	}
	for _, host := range []string{"127.0.0.1:8080", "localhost:8080", "[::1]:8080", "book.localhost:8080"} {
		if rec := do(s, "GET", "/about/", host); rec.Code != http.StatusOK {
			t.Errorf("GET /about/ with Host %q: %d", host, rec.Code)
		}
	}
}

// TestServeHeaders: every response, whatever it is, carries the headers
// that keep a browser from sniffing it or running script it should not.
func TestServeHeaders(t *testing.T) {
	s := memServer(testPages, fstest.MapFS{"case-studies/art/form.txt": {Data: []byte("<html><script>alert(1)</script>")}})
	for _, tc := range []struct{ method, target, host string }{
		{"GET", "/", "127.0.0.1:8080"},
		{"HEAD", "/about/", "127.0.0.1:8080"},
		{"GET", "/about", "127.0.0.1:8080"},
		{"GET", "/feed.xml", "127.0.0.1:8080"},
		{"GET", "/assets/style.css?v=1", "127.0.0.1:8080"},
		{"GET", "/case-studies/art/form.txt", "127.0.0.1:8080"},
		{"GET", "/nowhere", "127.0.0.1:8080"},
		{"GET", "/__buildbook/reload.js", "127.0.0.1:8080"},
		{"GET", "/__buildbook/reload.css", "127.0.0.1:8080"},
		{"GET", "/__buildbook/errors", "127.0.0.1:8080"},
		{"POST", "/", "127.0.0.1:8080"},
		{"GET", "/", "evil.example"},
	} {
		h := do(s, tc.method, tc.target, tc.host).Header()
		for name, want := range map[string]string{
			"X-Content-Type-Options":  "nosniff",
			"Content-Security-Policy": contentSecurityPolicy,
			"Referrer-Policy":         referrerPolicy,
		} {
			if got := h.Get(name); got != want {
				t.Errorf("%s %s (Host %s): %s %q, want %q", tc.method, tc.target, tc.host, name, got, want)
			}
		}
	}
}

// TestPolicyMatchesTemplates: the headers are the policy that the
// default templates' meta tags declare, so that the preview holds pages
// to what the published site does.
func TestPolicyMatchesTemplates(t *testing.T) {
	csp := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`)
	referrer := regexp.MustCompile(`<meta name="referrer" content="([^"]*)">`)
	found := 0
	err := fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := fs.ReadFile(templates.FS, p)
		if err != nil {
			return err
		}
		if m := csp.FindSubmatch(b); m != nil {
			found++
			if string(m[1]) != contentSecurityPolicy {
				t.Errorf("%s: the meta tag's policy is\n%s\nthe header's is\n%s", p, m[1], contentSecurityPolicy)
			}
		}
		if m := referrer.FindSubmatch(b); m != nil && string(m[1]) != referrerPolicy {
			t.Errorf("%s: referrer %s, the header's is %s", p, m[1], referrerPolicy)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 2 { // base.html and book.html
		t.Errorf("%d templates carry a Content-Security-Policy meta tag; the test no longer finds them", found)
	}
}

// TestServeContentTypes: a file gets the type the published site gives
// it, never one sniffed from its bytes; a name with an odd extension or
// none is downloaded, not shown.
func TestServeContentTypes(t *testing.T) {
	active := []byte("<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script></html>")
	files := fstest.MapFS{}
	want := map[string]string{
		"index.html":       "text/html; charset=utf-8",
		"feed.xml":         "application/xml",
		"search.json":      "application/json; charset=utf-8",
		"assets/style.css": "text/css; charset=utf-8",
	}
	for name, typ := range map[string]string{
		"a/notes":        unknownType,
		"a/README":       unknownType,
		"a/x.htm_":       unknownType,
		"a/x.shtm":       unknownType,
		"a/x.html.":      unknownType,
		"a/x.mathml":     unknownType,
		"a/x.opf":        unknownType,
		"a/x.xsd":        unknownType,
		"a/x.rng":        unknownType,
		"a/x.svgz":       unknownType,
		"a/x.php":        unknownType,
		"a/x.txt":        "text/plain; charset=utf-8",
		"a/x.csv":        "text/csv; charset=utf-8",
		"a/x.pdf":        "application/pdf",
		"a/x.PDF":        "application/pdf",
		"a/x.docx":       "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"a/x.xlsx":       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		"a/x.pptx":       "application/vnd.openxmlformats-officedocument.presentationml.presentation",
		"a/x.odt":        "application/vnd.oasis.opendocument.text",
		"a/photo.JPG":    "image/jpeg",
		"a/x.svg":        "image/svg+xml",
		"a/x.webp":       "image/webp",
		"a/x.mp3":        "audio/mpeg",
		"a/x.mp4":        "video/mp4",
		"a/x.epub":       "application/epub+zip",
		"a/x.woff2":      "font/woff2",
		"a/cite.bib":     "application/x-bibtex; charset=utf-8",
		"a/cite.ris":     "application/x-research-info-systems; charset=utf-8",
		"favicon.ico":    "image/x-icon",
		"a/.hidden.html": "text/html; charset=utf-8",
	} {
		files[name] = &fstest.MapFile{Data: active}
		want[name] = typ
	}
	s := memServer(testPages, files)
	for name, typ := range want {
		rec := do(s, "GET", "/"+name, "127.0.0.1:8080")
		if rec.Code != http.StatusOK {
			t.Errorf("GET /%s: %d", name, rec.Code)
			continue
		}
		if got := rec.Header().Get("Content-Type"); got != typ {
			t.Errorf("GET /%s: Content-Type %q, want %q", name, got, typ)
		}
	}
}

// TestServeRedirectStaysOnHost: a folder asked for without its slash is
// redirected to it, on this host, however the path is spelled.
func TestServeRedirectStaysOnHost(t *testing.T) {
	s := memServer(testPages, nil)
	base, _ := url.Parse("http://127.0.0.1:8080/x/y")
	for _, tc := range []struct {
		target string
		want   string // the Location, "" for no redirect
	}{
		{"/about", "/about/"},
		{"/about?x=1&a=2", "/about/?a=2&x=1"},
		{"/about?next=//evil.example/", "/about/?next=%2F%2Fevil.example%2F"},
		{"/about?a=%0d%0aSet-Cookie:%20x", "/about/?a=%0D%0ASet-Cookie%3A+x"},
		{"/%2Fevil.example%2F..%2Fabout", "/about/"},
		{"/%2F%2Fevil.example%2F..%2Fabout", "/about/"},
		{"//evil.example/../about", "/about/"},
		{"///evil.example/..//about", "/about/"},
		{"/%5Cevil.example%2F..%2Fabout", "/about/"},
		{`/\evil.example/../about`, "/about/"},
		{"/%2F%2Fevil.example", "/evil.example/"},
		{"//evil.example", "/evil.example/"},
		{"/%5Cevil.example", "/%5Cevil.example/"},
		{`/\evil.example`, "/%5Cevil.example/"},
		{"/./about", "/about/"},
		{"/about/../about", "/about/"},
		{"/../about", "/about/"},
		{"/%2e%2e/about", "/about/"},
		{"/case-studies/art", "/case-studies/art/"},
		{"/case-studies/./art", "/case-studies/art/"},
		{"/case-studies//art", "/case-studies/art/"},
		{"/about/", ""},
		{"/about/%0d%0aLocation:%20//evil.example", ""},
		{"/nowhere", ""},
	} {
		rec := do(s, "GET", tc.target, "127.0.0.1:8080")
		loc := rec.Header().Get("Location")
		if loc != tc.want {
			t.Errorf("GET %s: %d, Location %q, want %q", tc.target, rec.Code, loc, tc.want)
		}
		if tc.want != "" && rec.Code != http.StatusMovedPermanently {
			t.Errorf("GET %s: %d, want %d", tc.target, rec.Code, http.StatusMovedPermanently)
		}
		if loc == "" {
			continue
		}
		// Browsers read a backslash as a slash in a URL's path.
		if asBrowser := strings.ReplaceAll(loc, `\`, "/"); !strings.HasPrefix(asBrowser, "/") || strings.HasPrefix(asBrowser, "//") {
			t.Errorf("GET %s: Location %q does not start with a single /", tc.target, loc)
		}
		u, err := url.Parse(loc)
		if err != nil {
			t.Errorf("GET %s: Location %q: %v", tc.target, loc, err)
			continue
		}
		if got := base.ResolveReference(u).Host; got != base.Host {
			t.Errorf("GET %s: Location %q leads to host %q", tc.target, loc, got)
		}
	}
}

func TestLocalPath(t *testing.T) {
	for p, want := range map[string]string{
		"about/":                  "/about/",
		"":                        "/",
		"/":                       "/",
		"//evil.example/":         "/evil.example/",
		"//evil.example/../about": "/about",
		`\\evil.example/`:         "/%5C%5Cevil.example/",
		"/%2Fevil.example/":       "/%252Fevil.example/",
		"a b/ü/":                  "/a%20b/%C3%BC/",
		"..":                      "/",
	} {
		if got := localPath(p, nil); got != want {
			t.Errorf("localPath(%q) = %q, want %q", p, got, want)
		}
	}
}
