package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"buildbook/internal/build"
	"buildbook/internal/diag"
	"buildbook/internal/epub"
	"buildbook/internal/paths"
)

func init() {
	commands["epub"] = command{"write the book or an edition as an EPUB 3 e-book", runEPUB}
}

func runEPUB(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("buildbook epub", flag.ContinueOnError)
	var cf contentFlags
	cf.register(fs)
	templates := fs.String("templates", "templates", "a `folder` of templates that override the built-in ones")
	edition := fs.String("edition", "", "the `id` of the edition to write (a file in editions/); empty writes the book of every case study")
	out := fs.String("out", "", "the EPUB `file` to write (default book.epub, or book-ID.epub for an edition)")
	drafts := fs.Bool("drafts", false, "include case studies marked draft: true")
	quiet := fs.Bool("quiet", false, "print nothing but errors and warnings")
	pos, status := parseFlags(fs, args, stderr)
	if status != 0 {
		return flagsDone(status)
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "buildbook epub: unexpected argument %q\n", pos[0])
		return 2
	}
	if *out == "" {
		*out = paths.DownloadName(*edition, ".epub")
	}
	start := time.Now()
	var diags diag.List
	res, err := epub.Make(epub.Options{
		Build:   build.Options{Content: cf.content, Templates: *templates, Drafts: *drafts},
		Edition: *edition,
		Out:     *out,
	}, &diags)
	_ = diag.Write(stderr, "text", diags.Sorted())
	var unknown *epub.UnknownEditionError
	switch {
	case errors.As(err, &unknown):
		fmt.Fprintf(stderr, "buildbook epub: %v\n", err)
		return 2
	case err != nil:
		fmt.Fprintf(stderr, "buildbook epub: %v\n", err)
		return 1
	case res == nil:
		fmt.Fprintf(stderr, "buildbook epub: %s; no EPUB written\n", countErrors(diags.Sorted()))
		return 1
	}
	if !*quiet {
		fmt.Fprintf(stdout, "wrote %s (%s) to %s: %s, %s, %s, in %.1fs\n",
			res.Path, res.Title, *out, plural(res.CaseStudies, "case study", "case studies"), plural(res.Pictures, "picture", "pictures"), size(res.Size), time.Since(start).Seconds())
	}
	return 0
}

// size is a file size for people: "812 KB", "3.4 MB".
func size(n int) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d bytes", n)
	case n < 1000*1000:
		return fmt.Sprintf("%d KB", (n+500)/1000)
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
}
