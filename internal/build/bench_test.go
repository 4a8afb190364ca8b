package build

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"buildbook/internal/corpus"
	"buildbook/internal/diag"
)

// benchSizes are the corpus sizes of the build benchmarks; BUILDBOOK_BENCH_N
// (a number) replaces them, for a run at 10,000 or 100,000.
func benchSizes() []int {
	if n, err := strconv.Atoi(os.Getenv("BUILDBOOK_BENCH_N")); err == nil && n > 0 {
		return []int{n}
	}
	return []int{500, 2000}
}

// loop runs f b.N times and reports, beside the wall time, the processor
// time per run: on a machine shared with others, it varies less.
func loop(b *testing.B, f func()) {
	start := cpuTime()
	n := 0
	for b.Loop() {
		f()
		n++
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(n)/1e6, "cpu-ms/op")
}

func mapFS(files map[string][]byte) fstest.MapFS {
	m := fstest.MapFS{}
	for name, b := range files {
		m[name] = &fstest.MapFile{Data: b, Mode: 0o644}
	}
	return m
}

func mustCompile(b *testing.B, c *Compiled, err error, diags *diag.List) {
	if err != nil || c == nil {
		b.Fatal(err, diags.Sorted())
	}
}

// BenchmarkCompile loads, converts, indexes and lists the jobs of a corpus
// held in memory: the work before any page is rendered.
func BenchmarkCompile(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			fsys := mapFS(corpus.Files(n, 1))
			loop(b, func() {
				var diags diag.List
				c, err := Compile(Options{ContentFS: fsys}, &diags)
				mustCompile(b, c, err, &diags)
			})
		})
	}
}

// BenchmarkBuild is `buildbook build` on a corpus on disk, run again:
// into an output folder and a spare that earlier builds wrote.
func BenchmarkBuild(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			dir := b.TempDir()
			content, out := filepath.Join(dir, "content"), filepath.Join(dir, "public")
			if err := corpus.Write(content, n, 1); err != nil {
				b.Fatal(err)
			}
			build := func() {
				var diags diag.List
				c, err := Compile(Options{Content: content}, &diags)
				mustCompile(b, c, err, &diags)
				if err := Write(c, os.DirFS(content), out); err != nil {
					b.Fatal(err)
				}
			}
			build()
			build()
			loop(b, build)
		})
	}
}

// BenchmarkBuildCold is `buildbook build` into a new output folder, as
// on a fresh clone in CI: every file and folder is created.
func BenchmarkBuildCold(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			dir := b.TempDir()
			content := filepath.Join(dir, "content")
			if err := corpus.Write(content, n, 1); err != nil {
				b.Fatal(err)
			}
			i := 0
			loop(b, func() {
				i++
				var diags diag.List
				c, err := Compile(Options{Content: content}, &diags)
				mustCompile(b, c, err, &diags)
				if err := Write(c, os.DirFS(content), filepath.Join(dir, "public"+strconv.Itoa(i))); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// BenchmarkRebuild is serve's rebuild after an edit to one case study:
// a Builder that keeps its caches compiles again.
func BenchmarkRebuild(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			fsys := mapFS(corpus.Files(n, 1))
			bld := NewBuilder(Options{ContentFS: fsys})
			var diags diag.List
			c, err := bld.Compile(&diags)
			mustCompile(b, c, err, &diags)
			file := "case-studies/case-000005.md"
			orig := fsys[file].Data
			i := 0
			loop(b, func() {
				i++
				fsys[file] = &fstest.MapFile{Data: bytes.Replace(orig, []byte("title: \""), fmt.Appendf(nil, "title: \"Edit %d ", i), 1)}
				var diags diag.List
				c, err := bld.Compile(&diags)
				mustCompile(b, c, err, &diags)
			})
		})
	}
}

// BenchmarkJobs renders the files of one kind, into nothing: case-study
// pages, term pages, the book, the search index and its documents, and
// the lists of all case studies, from a corpus compiled once.
func BenchmarkJobs(b *testing.B) {
	kinds := []struct {
		name string
		has  func(p string) bool
	}{
		{"case-study", func(p string) bool {
			return strings.HasPrefix(p, "case-studies/case-") && strings.HasSuffix(p, "/index.html")
		}},
		{"term", func(p string) bool {
			return strings.HasPrefix(p, "pillars/") || strings.HasPrefix(p, "roles/") || strings.HasPrefix(p, "capitals/") || strings.HasPrefix(p, "phase/")
		}},
		{"list", func(p string) bool {
			return strings.HasPrefix(p, "case-studies/page/") || strings.HasPrefix(p, "case-studies/cards-")
		}},
		{"book", func(p string) bool { return strings.HasPrefix(p, "book/") }},
		{"search", func(p string) bool { return strings.HasPrefix(p, "search/") }},
	}
	for _, n := range benchSizes() {
		fsys := mapFS(corpus.Files(n, 1))
		var diags diag.List
		c, err := Compile(Options{ContentFS: fsys}, &diags)
		mustCompile(b, c, err, &diags)
		for _, k := range kinds {
			b.Run(fmt.Sprintf("%s/%d", k.name, n), func(b *testing.B) {
				loop(b, func() {
					for _, j := range c.Renderer.Jobs(c.Input) {
						if !k.has(j.Path) {
							continue
						}
						var err error
						if j.Write != nil {
							err = j.Write(io.Discard)
						} else {
							_, err = j.Make()
						}
						if err != nil {
							b.Fatal(err)
						}
					}
				})
			})
		}
	}
}
