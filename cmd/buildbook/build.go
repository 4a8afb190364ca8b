package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"

	"buildbook/internal/build"
	"buildbook/internal/content"
	"buildbook/internal/diag"
)

func init() {
	commands["build"] = command{"build the site and the book into --out", runBuild}
	commands["check"] = command{"check the content and report every error, without writing", runCheck}
}

// contentFlags are the flags every command that reads content shares.
type contentFlags struct {
	content string
	flags   *flag.FlagSet
}

func (c *contentFlags) register(fs *flag.FlagSet) {
	c.flags = fs
	fs.StringVar(&c.content, "content", defaultContent, "the content `folder`")
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("buildbook build", flag.ContinueOnError)
	var cf contentFlags
	cf.register(fs)
	templates := fs.String("templates", "templates", "a `folder` of templates that override the built-in ones")
	out := fs.String("out", "public", "the output `folder`")
	baseURL := fs.String("base-url", "", "the site's `URL`, overriding book.yaml's base_url")
	drafts := fs.Bool("drafts", false, "include case studies marked draft: true")
	downloads := fs.String("downloads", "", "a `folder` of the books' PDF and EPUB files, made beforehand by buildbook pdf and buildbook epub (book.pdf, book.epub, book-ID.pdf, book-ID.epub), to publish and link beside the books' pages")
	pos, status := parseFlags(fs, args, stderr)
	if status != 0 {
		return flagsDone(status)
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "buildbook build: unexpected argument %q\n", pos[0])
		return 2
	}
	if *downloads != "" {
		if info, err := os.Stat(*downloads); err != nil || !info.IsDir() {
			fmt.Fprintf(stderr, "buildbook build: --downloads %s is not a folder: give the folder that holds the books' PDF and EPUB files\n", diag.Text(*downloads))
			return 2
		}
	}
	if cf.outsideBook("build", stderr) {
		return 1
	}
	if *baseURL != "" {
		norm, msg := content.NormBaseURL(*baseURL)
		if msg != "" {
			fmt.Fprintf(stderr, "buildbook build: --base-url %q %s\n", *baseURL, msg)
			return 2
		}
		*baseURL = norm
	}
	tuneGC()
	if p := os.Getenv("BUILDBOOK_CPUPROFILE"); p != "" {
		stop, err := profileCPU(p)
		if err != nil {
			fmt.Fprintf(stderr, "buildbook build: %v\n", err)
			return 1
		}
		defer stop()
	}
	var diags diag.List
	opts := build.Options{Content: cf.content, Templates: *templates, Out: *out, BaseURL: *baseURL, Drafts: *drafts, Downloads: *downloads}
	if os.Getenv("BUILDBOOK_TIMINGS") != "" {
		opts.Timings = stderr
	}
	c, err := build.Compile(opts, &diags)
	_ = diag.Write(stderr, "text", diags.Sorted())
	if err != nil {
		fmt.Fprintf(stderr, "buildbook build: %s\n", diag.Text(err.Error()))
		return 1
	}
	if c == nil {
		// Standard error holds the diagnostics alone, one per line; the
		// count goes to standard output.
		fmt.Fprintf(stdout, "buildbook build: %s; %s left unchanged\n", countErrors(diags.Sorted()), *out)
		return 1
	}
	defer c.Close()
	if p := os.Getenv("BUILDBOOK_MEMPROFILE"); p != "" {
		if err := profileHeap(p); err != nil {
			fmt.Fprintf(stderr, "buildbook build: %v\n", err)
			return 1
		}
	}
	if err := build.Write(c, c.Site.FS, *out); err != nil {
		fmt.Fprintf(stderr, "buildbook build: %s\n", diag.Text(err.Error()))
		return 1
	}
	st := c.Stats
	fmt.Fprintf(stdout, "built %d case studies into %s: %d files, %d made (%d written), %d unchanged and kept", len(c.Site.CaseStudies), *out, st.Files, st.Made, st.Written, st.Kept)
	if st.Photos > 0 {
		fmt.Fprintf(stdout, "; %d images, %d versions of them encoded", st.Photos, st.Encoded)
	}
	fmt.Fprintln(stdout)
	return 0
}

// tuneGC trades memory for time in a build that runs once: the garbage
// collector runs half as often as by default (GOGC=200), within a soft
// limit of 1.5 GiB (GOMEMLIMIT) that keeps the largest sites in hand.
// GOGC and GOMEMLIMIT in the environment still decide when they are set.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(1536 << 20)
	}
}

// profileHeap writes a profile of the memory in use once the site is
// compiled, before its pages are written, when BUILDBOOK_MEMPROFILE names
// a file.
func profileHeap(file string) error {
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	runtime.GC()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// profileCPU writes a CPU profile of the build to file (go tool pprof
// reads it), when BUILDBOOK_CPUPROFILE names one.
func profileCPU(file string) (func(), error) {
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("buildbook check", flag.ContinueOnError)
	var cf contentFlags
	cf.register(fs)
	format := fs.String("format", "text", "how to print problems: `text`, github or json")
	strict := fs.Bool("strict", false, "fail on warnings too")
	drafts := fs.Bool("drafts", false, "check as if building with --drafts")
	pos, status := parseFlags(fs, args, stderr)
	if status != 0 {
		return flagsDone(status)
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "buildbook check: unexpected argument %q\n", pos[0])
		return 2
	}
	if !oneOf(*format, diag.Formats) {
		fmt.Fprintf(stderr, "buildbook check: unknown --format %q (use %s)\n", *format, quoted(diag.Formats))
		return 2
	}
	if cf.outsideBook("check", stderr) {
		return 1
	}
	tuneGC()
	var diags diag.List
	c, err := build.Compile(build.Options{Content: cf.content, Drafts: *drafts, Publishing: true}, &diags)
	c.Close()
	ds := diags.Sorted()
	w := stderr
	if *format == "json" {
		w = stdout
	}
	_ = diag.Write(w, *format, ds)
	if *format == "github" {
		if err := writeStepSummary(ds); err != nil {
			fmt.Fprintf(stderr, "buildbook check: cannot write the job summary: %s\n", diag.Text(err.Error()))
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "buildbook check: %s\n", diag.Text(err.Error()))
		return 1
	}
	failed := diags.HasErrors(*strict)
	if *format == "text" {
		if failed {
			fmt.Fprintf(stdout, "buildbook check: %s\n", countErrors(ds))
		} else {
			fmt.Fprintf(stdout, "%s: no errors%s\n", cf.content, warningsNote(ds))
		}
		if w := warnings(ds); w > 0 && !*strict {
			which := "the warning"
			switch {
			case w == 2:
				which = "both warnings"
			case w > 2:
				which = fmt.Sprintf("all %d warnings", w)
			}
			fmt.Fprintf(stdout, "The pull-request check (buildbook check --strict) fails on warnings too: fix %s before you open a pull request.\n", which)
		}
	}
	if failed {
		return 1
	}
	return 0
}

// writeStepSummary appends every diagnostic, as a Markdown table with the
// counts, to the job summary of a GitHub Actions step, when
// $GITHUB_STEP_SUMMARY names its file: the pull-request view shows only
// ten annotations of each kind.
func writeStepSummary(ds []diag.Diagnostic) error {
	file := os.Getenv("GITHUB_STEP_SUMMARY")
	if file == "" {
		return nil
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if err := diag.WriteSummary(f, "buildbook check", ds, diag.SummaryLimit); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// warnings counts the warnings of ds.
func warnings(ds []diag.Diagnostic) int {
	n := 0
	for _, d := range ds {
		if d.Severity == diag.Warning {
			n++
		}
	}
	return n
}

func countErrors(ds []diag.Diagnostic) string {
	e, w := 0, 0
	for _, d := range ds {
		if d.Severity == diag.Error {
			e++
		} else {
			w++
		}
	}
	s := plural(e, "error", "errors")
	if w > 0 {
		s += ", " + plural(w, "warning", "warnings")
	}
	return s
}

func warningsNote(ds []diag.Diagnostic) string {
	if len(ds) == 0 {
		return ""
	}
	return ", " + plural(len(ds), "warning", "warnings")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
