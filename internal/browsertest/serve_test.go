package browsertest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"buildbook/internal/build"
	"buildbook/internal/corpus"
	"buildbook/internal/serve"
)

// startServe serves the content folder dir with buildbook serve.
func startServe(t testing.TB, dir string) *serve.Server {
	t.Helper()
	s, err := serve.Start(serve.Options{Build: build.Options{Content: dir}, Addr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// saveAs writes b to file the way editors save: beside it, then renamed
// over it. It returns when the rename was done, in Unix milliseconds.
func saveAs(t testing.TB, file string, b []byte) float64 {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(file), "."+filepath.Base(file)+".swp")
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
	return float64(time.Now().UnixNano()) / 1e6
}

// receivedAt is when the page in the tab had received its HTML, and
// shownAt when it had loaded its document and run its scripts, in Unix
// milliseconds (the browser's clock, which is the machine's).
const (
	receivedAt = `performance.timeOrigin + performance.getEntriesByType("navigation")[0].responseEnd`
	shownAt    = `performance.timeOrigin + performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd`
)

// TestServeReload opens a page of buildbook serve in Chromium, edits its
// case study, breaks it and mends it: the tab reloads with the edit by
// itself, shows the errors over the last good page, and reloads again.
func TestServeReload(t *testing.T) {
	ctx := browser(t, 1024, 768)
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(repo, "content"))); err != nil {
		t.Fatal(err)
	}
	s := startServe(t, dir)
	file := filepath.Join(dir, "case-studies", "data-conversations.md")
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	navigate(t, ctx, s.URL()+"case-studies/data-conversations/")
	waitFor(t, ctx, `document.documentElement.dataset.buildbookState === "built"`)

	edited := bytes.Replace(orig, []byte(`title: "From data drops to data conversations"`), []byte(`title: "Edited in the browser test"`), 1)
	saved := saveAs(t, file, edited)
	waitFor(t, ctx, `document.querySelector("h1").textContent === "Edited in the browser test" && document.documentElement.dataset.buildbookState === "built"`)
	t.Logf("from saving to the new page loaded: %.0f ms", eval[float64](t, ctx, shownAt)-saved)

	broken := bytes.Replace(edited, []byte("date: "), []byte("date: 2024-02-31\nwas-date: "), 1)
	saveAs(t, file, broken)
	waitFor(t, ctx, `document.querySelector(".bb-errors") && !document.querySelector(".bb-errors").hidden`)
	if text := eval[string](t, ctx, `document.querySelector(".bb-errors").textContent`); !regexp.MustCompile(`data-conversations\.md:\d+:\d+: `).MatchString(text) {
		t.Errorf("the error panel does not give file:line:col: %q", text)
	}
	if h1 := eval[string](t, ctx, `document.querySelector("h1").textContent`); h1 != "Edited in the browser test" {
		t.Errorf("under the errors, the page is %q, not the last good one", h1)
	}

	saveAs(t, file, orig)
	waitFor(t, ctx, `document.querySelector("h1").textContent.startsWith("From data drops") && !document.querySelector(".bb-errors")`)
}

// TestServeReloadTime measures, in Chromium, what an author of a large
// collection waits for: from saving an edit to one case study to the open
// tab having loaded the new page, over 20 edits to a corpus of
// BUILDBOOK_SERVE_N case studies (2000 is the measure). It runs
// only when that variable is set, and asserts no time: it logs them.
func TestServeReloadTime(t *testing.T) {
	n, err := strconv.Atoi(os.Getenv("BUILDBOOK_SERVE_N"))
	if err != nil || n <= 0 {
		t.Skip("set BUILDBOOK_SERVE_N to the number of case studies to measure with")
	}
	ctx := browser(t, 1024, 768)
	dir := t.TempDir()
	if err := corpus.Write(dir, n, 1); err != nil {
		t.Fatal(err)
	}
	s := startServe(t, dir)
	file := filepath.Join(dir, "case-studies", "case-000005.md")
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	title := regexp.MustCompile(`(?m)^title: ".*"$`)
	navigate(t, ctx, s.URL()+"case-studies/case-000005/")
	waitFor(t, ctx, `document.documentElement.dataset.buildbookState === "built"`)
	var received, shown []float64
	for i := range 20 {
		want := fmt.Sprintf("Edit number %d", i+1)
		saved := saveAs(t, file, title.ReplaceAll(orig, []byte(`title: "`+want+`"`)))
		waitFor(t, ctx, `document.querySelector("h1").textContent === `+strconv.Quote(want)+` && document.documentElement.dataset.buildbookState === "built"`)
		received = append(received, eval[float64](t, ctx, receivedAt)-saved)
		shown = append(shown, eval[float64](t, ctx, shownAt)-saved)
	}
	t.Logf("%d case studies, %d edits, from saving to the tab having the new page: %s; to its document loaded: %s", n, len(shown), stats(received), stats(shown))
}

// stats describes times in milliseconds.
func stats(ms []float64) string {
	ms = slices.Sorted(slices.Values(ms))
	sum := 0.0
	for _, v := range ms {
		sum += v
	}
	return fmt.Sprintf("median %.0f ms, mean %.0f ms, max %.0f ms", ms[len(ms)/2], sum/float64(len(ms)), ms[len(ms)-1])
}
