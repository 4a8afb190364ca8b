package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"buildbook/internal/build"
	"buildbook/templates"
)

// events reads the state events of /__buildbook/events.
func events(t testing.TB, s *Server) <-chan state {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", s.URL()+"__buildbook/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events: Content-Type %q", ct)
	}
	out := make(chan state, 16)
	go func() {
		defer resp.Body.Close()
		defer close(out)
		r := bufio.NewReader(resp.Body)
		var event string
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimRight(line, "\n")
			switch {
			case strings.HasPrefix(line, "event: "):
				event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: ") && event == "state":
				var st state
				if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &st); err != nil {
					t.Errorf("events: %v", err)
					return
				}
				out <- st
			}
		}
	}()
	return out
}

// next waits for the next state; the limit only stops a broken test
// from hanging.
func next(t testing.TB, ch <-chan state) state {
	t.Helper()
	select {
	case st, ok := <-ch:
		if !ok {
			t.Fatal("the event stream ended")
		}
		return st
	case <-time.After(20 * time.Second):
		t.Fatal("no event after an edit")
	}
	return state{}
}

// syncBuffer is a log that the server writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func get(t testing.TB, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

func edit(t *testing.T, file, old, new string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s has no %q", file, old)
	}
	// Written beside and renamed into place, so that the watcher sees
	// one change, as from most editors.
	tmp := filepath.Join(t.TempDir(), "edit")
	if err := os.WriteFile(tmp, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
}

// TestServeEdit serves a copy of the sample book, edits a case study,
// breaks it, and mends it, watching what pages are told and served.
func TestServeEdit(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	var log syncBuffer
	s, err := Start(Options{Build: build.Options{Content: dir}, Addr: "127.0.0.1:0", Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !regexp.MustCompile(`^http://127\.0\.0\.1:\d+/$`).MatchString(s.URL()) {
		t.Fatalf("URL %q", s.URL())
	}
	states := events(t, s)
	first := next(t, states)
	if len(first.Errors) != 0 {
		t.Fatalf("the sample book has errors: %v", first.Errors)
	}

	const page = "case-studies/data-conversations/"
	file := filepath.Join(dir, "case-studies", "data-conversations.md")
	status, body := get(t, s.URL()+page)
	if status != http.StatusOK {
		t.Fatalf("GET %s: %d", page, status)
	}
	if !strings.Contains(body, reloadTag(first.Site)) {
		t.Error("the page has no reload script")
	}
	if !strings.Contains(body, `href="/case-studies/`) {
		t.Error("links do not start at the served root")
	}
	if status, _ := get(t, s.URL()+"__buildbook/reload.js"); status != http.StatusOK {
		t.Errorf("reload.js: %d", status)
	}

	// An edit: the page and the list of case studies show it.
	edit(t, file, `title: "From data drops to data conversations"`, `title: "Edited conversations"`)
	st := next(t, states)
	if st.Site == first.Site || len(st.Errors) != 0 {
		t.Fatalf("after an edit: %+v", st)
	}
	if _, body := get(t, s.URL()+page); !strings.Contains(body, "Edited conversations") {
		t.Error("the page does not show the edit")
	}
	if _, list := get(t, s.URL()+"case-studies/"); !strings.Contains(list, "Edited conversations") {
		t.Error("the list of case studies does not show the edit")
	}

	// A breaking edit: pages are told the error; the last good site stays.
	edit(t, file, "date:", "date: 2024-02-31\nwas-date:")
	bad := next(t, states)
	if bad.Site != st.Site {
		t.Errorf("a failed build changed the site: %s, then %s", st.Site, bad.Site)
	}
	if len(bad.Errors) == 0 || !regexp.MustCompile(`data-conversations\.md:\d+:\d+: `).MatchString(strings.Join(bad.Errors, "\n")) {
		t.Fatalf("errors %q do not name the file, line and column", bad.Errors)
	}
	if _, body := get(t, s.URL()+page); !strings.Contains(body, "Edited conversations") {
		t.Error("after a failed build, the last good page is not served")
	}
	if status, body := get(t, s.URL()+"__buildbook/errors"); status != http.StatusOK || !strings.Contains(body, "data-conversations.md:") {
		t.Errorf("the error page does not list the error (%d)", status)
	}
	if !strings.Contains(log.String(), "data-conversations.md:") {
		t.Error("the error was not printed")
	}

	// Mended: a new site, no errors.
	edit(t, file, "date: 2024-02-31\nwas-date:", "date:")
	good := next(t, states)
	if good.Site == st.Site || len(good.Errors) != 0 {
		t.Errorf("after mending: %+v", good)
	}
}

// TestServeFirstBuildFails serves content that does not build: every page
// is the error page until it is mended.
func TestServeFirstBuildFails(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "book.yaml")
	edit(t, file, "title:", "title: [")
	s, err := Start(Options{Build: build.Options{Content: dir}, Addr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	states := events(t, s)
	if st := next(t, states); len(st.Errors) == 0 {
		t.Fatal("no errors")
	}
	status, body := get(t, s.URL())
	if status != http.StatusInternalServerError || !strings.Contains(body, "book.yaml:") {
		t.Errorf("home page while the build fails: %d %q", status, body)
	}
	edit(t, file, "title: [", "title:")
	if st := next(t, states); len(st.Errors) != 0 {
		t.Fatalf("still failing: %v", st.Errors)
	}
	if status, _ := get(t, s.URL()); status != http.StatusOK {
		t.Errorf("home page: %d", status)
	}
}

func TestServeLoopbackOnly(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.1:0"} {
		if s, err := Start(Options{Build: build.Options{Content: t.TempDir()}, Addr: addr}); err == nil {
			s.Close()
			t.Errorf("%s: served", addr)
		}
	}
}

// until reads states until one satisfies ok; the limit only stops a
// broken test from hanging.
func until(t *testing.T, ch <-chan state, what string, ok func(state) bool) {
	t.Helper()
	limit := time.After(30 * time.Second)
	for {
		select {
		case st, open := <-ch:
			if !open {
				t.Fatal("the event stream ended")
			}
			if ok(st) {
				return
			}
		case <-limit:
			t.Fatalf("never %s", what)
		}
	}
}

// TestServeFoldersMadeAgain deletes the content folder, or moves it away,
// and makes it again, as git checkout or rm -rf and a copy do: serve
// notices, builds the new folder, and goes on watching it, subfolders
// included. The same for the templates folder.
func TestServeFoldersMadeAgain(t *testing.T) {
	const page = "case-studies/data-conversations/"
	for _, how := range []string{"deleted", "moved away"} {
		t.Run("content "+how, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "content")
			if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
				t.Fatal(err)
			}
			s, err := Start(Options{Build: build.Options{Content: dir}, Addr: "127.0.0.1:0"})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			states := events(t, s)
			if st := next(t, states); len(st.Errors) != 0 {
				t.Fatalf("the sample book has errors: %v", st.Errors)
			}
			if how == "deleted" {
				err = os.RemoveAll(dir)
			} else {
				err = os.Rename(dir, dir+".old")
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, "case-studies", "data-conversations.md")
			edit(t, file, `title: "From data drops to data conversations"`, `title: "Made again"`)
			shows := func(want string) func(state) bool {
				return func(st state) bool {
					_, body := get(t, s.URL()+page)
					return len(st.Errors) == 0 && strings.Contains(body, want)
				}
			}
			until(t, states, "built the folder made again", shows("Made again"))
			edit(t, file, `title: "Made again"`, `title: "Edited after"`)
			until(t, states, "saw an edit in the folder made again", shows("Edited after"))
		})
	}

	t.Run("templates", func(t *testing.T) {
		dir := t.TempDir()
		content := filepath.Join(dir, "content")
		if err := os.CopyFS(content, os.DirFS("../../content")); err != nil {
			t.Fatal(err)
		}
		tmpl := filepath.Join(dir, "templates")
		base, err := fs.ReadFile(templates.FS, "base.html")
		if err != nil {
			t.Fatal(err)
		}
		override := func(marker string) {
			t.Helper()
			if err := os.MkdirAll(tmpl, 0o755); err != nil {
				t.Fatal(err)
			}
			b := strings.Replace(string(base), "<body>", `<body data-marker="`+marker+`">`, 1)
			if err := os.WriteFile(filepath.Join(tmpl, "base.html"), []byte(b), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		override("one")
		s, err := Start(Options{Build: build.Options{Content: content, Templates: tmpl}, Addr: "127.0.0.1:0"})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		states := events(t, s)
		if st := next(t, states); len(st.Errors) != 0 {
			t.Fatalf("errors: %v", st.Errors)
		}
		if _, body := get(t, s.URL()); !strings.Contains(body, `data-marker="one"`) {
			t.Fatal("the templates folder is not used")
		}
		if err := os.RemoveAll(tmpl); err != nil {
			t.Fatal(err)
		}
		until(t, states, "went back to the built-in templates", func(st state) bool {
			_, body := get(t, s.URL())
			return len(st.Errors) == 0 && !strings.Contains(body, "data-marker")
		})
		override("two")
		until(t, states, "used the templates folder made again", func(st state) bool {
			_, body := get(t, s.URL())
			return len(st.Errors) == 0 && strings.Contains(body, `data-marker="two"`)
		})
	})
}

// TestServeForeignHost asks a running server for its home page under
// another host name, as a page on another site would after DNS
// rebinding: it is refused; under localhost it is served.
func TestServeForeignHost(t *testing.T) {
	s, err := Start(Options{Build: build.Options{Content: "../../content"}, Addr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, port, _ := net.SplitHostPort(strings.TrimSuffix(strings.TrimPrefix(s.URL(), "http://"), "/"))
	for host, want := range map[string]int{
		"evil.example:" + port: http.StatusMisdirectedRequest,
		"localhost:" + port:    http.StatusOK,
	} {
		req, _ := http.NewRequest("GET", s.URL(), nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("Host %s: %d, X-Content-Type-Options %q; want %d and nosniff", host, resp.StatusCode, resp.Header.Get("X-Content-Type-Options"), want)
		}
	}
}
