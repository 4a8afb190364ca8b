package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"buildbook/internal/build"
	"buildbook/internal/content"
	"buildbook/internal/diag"
)

func init() {
	commands["new"] = command{"start a new case study: writes case-studies/<slug>.md ready to fill in", runNew}
}

// today is the date a new case study is given; tests replace it.
var today = func() time.Time { return time.Now() }

func runNew(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("buildbook new", flag.ContinueOnError)
	var cf contentFlags
	cf.register(fs)
	bundle := fs.Bool("bundle", false, "write case-studies/<slug>/index.md, a folder with room for images beside it")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: buildbook new [--content DIR] [--bundle] \"Title of the case study\"")
		fs.PrintDefaults()
	}
	pos, status := parseFlags(fs, args, stderr)
	if status != 0 {
		return flagsDone(status)
	}
	if len(pos) == 0 {
		fmt.Fprintln(stderr, `buildbook new: give the title of the case study, in quotes: buildbook new "Art for all"`)
		return 2
	}
	title := strings.TrimSpace(strings.Join(pos, " "))
	slug := content.Slugify(title)
	if slug == "" {
		fmt.Fprintf(stderr, "buildbook new: the title %q has no letters or digits to make a file name from\n", title)
		return 2
	}
	if cf.outsideBook("new", stderr) {
		return 1
	}
	if info, err := os.Stat(cf.content); err != nil || !info.IsDir() {
		fmt.Fprintf(stderr, "buildbook new: the content folder %s does not exist: give its path with --content\n", cf.content)
		return 1
	}

	// The taxonomies list the allowed terms; the rest of the content is
	// read only to find slugs already taken.
	fsys, err := build.ContentFS(cf.content)
	if err != nil {
		fmt.Fprintf(stderr, "buildbook new: %v\n", err)
		return 1
	}
	var diags diag.List
	site := content.Load(fsys, content.Options{Root: cf.content, Drafts: true}, &diags)
	var vocabErrors []diag.Diagnostic
	for _, d := range diags.Sorted() {
		if d.Severity == diag.Error && filepath.Base(d.File) == "taxonomies.yaml" {
			vocabErrors = append(vocabErrors, d)
		}
	}
	if len(vocabErrors) > 0 {
		_ = diag.Write(stderr, "text", vocabErrors)
		fmt.Fprintln(stderr, "buildbook new: fix taxonomies.yaml first: the new case study lists its terms")
		return 1
	}

	rel := "case-studies/" + slug + ".md"
	if *bundle {
		rel = "case-studies/" + slug + "/index.md"
	}
	for _, other := range []string{"case-studies/" + slug + ".md", "case-studies/" + slug + "/index.md"} {
		if _, err := os.Stat(filepath.Join(cf.content, filepath.FromSlash(other))); err == nil {
			fmt.Fprintf(stderr, "buildbook new: %s already exists, and buildbook never overwrites a case study: choose another title, or edit that file\n", filepath.Join(cf.content, filepath.FromSlash(other)))
			return 1
		}
	}
	for _, c := range append(site.CaseStudies, site.Drafts...) {
		if c.Slug == slug {
			fmt.Fprintf(stderr, "buildbook new: the case study %s already has the slug %q: choose another title\n", filepath.Join(cf.content, filepath.FromSlash(c.File)), slug)
			return 1
		}
	}

	p := filepath.Join(cf.content, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		fmt.Fprintf(stderr, "buildbook new: %v\n", err)
		return 1
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, iofs.ErrExist) {
		fmt.Fprintf(stderr, "buildbook new: %s already exists, and buildbook never overwrites a case study\n", p)
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "buildbook new: %v\n", err)
		return 1
	}
	_, err = f.WriteString(skeleton(title, site, today()))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintf(stderr, "buildbook new: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s\n", p)
	fmt.Fprintln(stdout, "Next: fill in the fields marked \"required\" and write your case study under the headings,")
	fmt.Fprintf(stdout, "then run: buildbook check --content %s\n", cf.content)
	return 0
}

// skeleton is the text of a new case study: every field of the table of
// fields (content.CaseStudyFields), in its order, with its help as a note,
// the allowed terms of each taxonomy, and the four sections of a case
// study. Required fields hold placeholders in angle brackets, such as <the
// name of your school>: they are valid, so the case study passes check
// once its text is written, and check warns about each one left (--strict
// fails on them).
func skeleton(title string, site *content.Site, date time.Time) string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("---\n")
	if site.Book.Title != "" {
		w("# A case study for %s.\n", site.Book.Title)
	}
	w("# Replace each <placeholder> in angle brackets with your own words, then write\n")
	w("# your case study under the headings below the second line of dashes. Lines\n")
	w("# that start with # are notes for you; you may delete them. Put text that\n")
	w("# contains a colon in quotes. To check your work, run: buildbook check\n")

	given := func(fd content.Field) (string, bool) {
		switch fd.Kind {
		case content.Date:
			return date.Format(time.DateOnly), true
		case content.Slug:
			return content.Slugify(title), true
		}
		if fd.Key == "title" {
			return title, true
		}
		return "", false
	}
	for _, fd := range content.CaseStudyFields(site.Taxonomies) {
		note := fd.Need() + ": " + lowerFirst(fd.Help)
		if h := fd.Hint(); h != "" {
			note += " " + h
		}
		if fd.Kind == content.Terms {
			note += " The allowed terms:"
		}
		w("\n%s", comment(note))
		if fd.Kind == content.Terms {
			width := 0
			for _, t := range fd.Taxonomy.Terms {
				width = max(width, len(t.ID))
			}
			for _, t := range fd.Taxonomy.Terms {
				w("#   %-*s  %s\n", width, t.ID, t.Label())
			}
		}
		value, ok := given(fd)
		switch {
		case fd.Kind == content.File || fd.Kind == content.Slug:
			// A file that is not there yet, or a slug that is the file
			// name already: an example to take up, not a value.
			if !ok {
				value = fd.ExampleYAML()
			}
			w("# %s: %s\n", fd.Key, content.QuoteYAML(value))
		case ok:
			w("%s: %s\n", fd.Key, content.QuoteYAML(value))
		case fd.Kind == content.People:
			w("%s:\n", fd.Key)
			for i, sub := range fd.Sub {
				lead := "    "
				if i == 0 {
					lead = "  - "
				}
				w("%s%s: %s\n", lead, sub.Key, placeholder(sub))
			}
		case fd.Kind == content.Bool:
			w("%s: false\n", fd.Key)
		case fd.Multiple() && fd.Required:
			w("%s: [%s]\n", fd.Key, fd.Placeholder)
		case fd.Multiple():
			w("%s: []\n", fd.Key)
		default:
			w("%s: %s\n", fd.Key, placeholder(fd))
		}
	}
	w("---\n\n")

	for _, s := range content.Sections {
		w("## %s\n\n<!-- %s -->\n\n", s.Heading, s.Note)
	}
	return b.String()
}

// placeholder is what a new case study holds for a field of one value: its
// placeholder if it is required, or else nothing, "".
func placeholder(fd content.Field) string {
	if fd.Required && fd.Placeholder != "" {
		return fd.Placeholder
	}
	return `""`
}

// comment writes text as lines of a YAML comment, of at most 80
// characters where its words allow.
func comment(text string) string {
	var b, line strings.Builder
	for _, word := range strings.Fields(text) {
		if line.Len() > 0 && line.Len()+1+len(word) > 78 {
			b.WriteString("# " + line.String() + "\n")
			line.Reset()
		}
		if line.Len() > 0 {
			line.WriteByte(' ')
		}
		line.WriteString(word)
	}
	if line.Len() > 0 {
		b.WriteString("# " + line.String() + "\n")
	}
	return b.String()
}
