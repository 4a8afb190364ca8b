package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"buildbook/internal/build"
	"buildbook/internal/diag"
	"buildbook/internal/paths"
	"buildbook/internal/pdf"
)

func init() {
	commands["pdf"] = command{"print the book or an edition to PDF, with true page numbers (needs Chromium)", runPDF}
}

func runPDF(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("buildbook pdf", flag.ContinueOnError)
	var cf contentFlags
	cf.register(fs)
	templates := fs.String("templates", "templates", "a `folder` of templates that override the built-in ones")
	edition := fs.String("edition", "", "the `id` of the edition to print (a file in editions/); empty prints every case study")
	out := fs.String("out", "", "the PDF `file` to write (default book.pdf, or book-ID.pdf for an edition)")
	chrome := fs.String("chrome", "", "the Chromium or Chrome `program` to print with (default: chromium, chromium-browser or google-chrome on PATH)")
	drafts := fs.Bool("drafts", false, "include case studies marked draft: true")
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	pos, status := parseFlags(fs, args, stderr)
	if status != 0 {
		return flagsDone(status)
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "buildbook pdf: unexpected argument %q\n", pos[0])
		return 2
	}
	if cf.outsideBook("pdf", stderr) {
		return 1
	}
	if *out == "" {
		*out = paths.DownloadName(*edition, ".pdf")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	opts := pdf.Options{
		Build:   build.Options{Content: cf.content, Templates: *templates, Drafts: *drafts},
		Edition: *edition,
		Out:     *out,
		Chrome:  *chrome,
	}
	if !*quiet {
		opts.Log = stderr
	}
	start := time.Now()
	var diags diag.List
	res, err := pdf.Print(ctx, opts, &diags)
	_ = diag.Write(stderr, "text", diags.Sorted())
	var unknown *pdf.UnknownEditionError
	switch {
	case errors.As(err, &unknown):
		fmt.Fprintf(stderr, "buildbook pdf: %v\n", err)
		return 2
	case err != nil:
		fmt.Fprintf(stderr, "buildbook pdf: %s\n", diag.Text(err.Error()))
		return 1
	case res == nil:
		fmt.Fprintf(stderr, "buildbook pdf: %s; no PDF written\n", countErrors(diags.Sorted()))
		return 1
	}
	if !*quiet {
		fmt.Fprintf(stdout, "printed %s (%s) to %s: %d pages, %s, in %.1fs\n",
			res.Book.Path, res.Book.Title, *out, res.Pages, plural(res.Passes, "pass", "passes"), time.Since(start).Seconds())
	}
	return 0
}
