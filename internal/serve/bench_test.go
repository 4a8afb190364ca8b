package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"buildbook/internal/build"
	"buildbook/internal/corpus"
)

// BenchmarkServeEdit measures what an author waits for: from saving an
// edit to one case study of a 2,000-case corpus (BUILDBOOK_BENCH_N
// changes the size) to having the new page, that is the reload event and
// the page's HTML. Each iteration is one edit.
func BenchmarkServeEdit(b *testing.B) {
	n := 2000
	if v, err := strconv.Atoi(os.Getenv("BUILDBOOK_BENCH_N")); err == nil && v > 0 {
		n = v
	}
	dir := b.TempDir()
	if err := corpus.Write(dir, n, 1); err != nil {
		b.Fatal(err)
	}
	s, err := Start(Options{Build: build.Options{Content: dir}, Addr: "127.0.0.1:0"})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	states := events(b, s)
	if st := next(b, states); len(st.Errors) != 0 {
		b.Fatal(st.Errors)
	}
	file := filepath.Join(dir, "case-studies", "case-000005.md")
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	title := regexp.MustCompile(`(?m)^title: ".*"$`)
	tmp := filepath.Join(b.TempDir(), "edit")
	i := 0
	for b.Loop() {
		i++
		want := fmt.Sprintf("Edit number %d", i)
		if err := os.WriteFile(tmp, title.ReplaceAll(orig, []byte(`title: "`+want+`"`)), 0o644); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(tmp, file); err != nil {
			b.Fatal(err)
		}
		if st := next(b, states); len(st.Errors) != 0 {
			b.Fatal(st.Errors)
		}
		if _, body := get(b, s.URL()+"case-studies/case-000005/"); !strings.Contains(body, want) {
			b.Fatal("the page does not show the edit")
		}
	}
}
