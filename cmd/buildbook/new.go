package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strconv"
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

// skeleton is the text of a new case study: every field with a note on
// what to write, the allowed terms of each taxonomy, and the four sections
// of a case study. Required fields hold placeholders in angle brackets,
// such as <the name of your school>: they are valid, so the case study
// passes check once its text is written, and check warns about each one
// left (--strict fails on them).
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
	w("# contains a colon in quotes. To check your work, run: buildbook check\n\n")

	w("# Required: the headline of your case study.\n")
	w("title: %s\n\n", yamlString(title))
	w("# Required: the name of your school, as it should appear in the book.\n")
	w("school: <the name of your school>\n\n")
	w("# Optional: other schools that took part, for example [Lister Community School].\n")
	w("partners: []\n\n")
	w("# Required: who wrote it, at least one person: a name and, if you like, a role.\n")
	w("# Add another person with another \"- name:\" line.\n")
	w("authors:\n  - name: <your name>\n    role: \"\"\n\n")
	w("# Required: the date you finished writing, as YYYY-MM-DD.\n")
	w("date: %s\n\n", date.Format(time.DateOnly))
	w("# Optional: your local authority or area, and the year of the work (such as 2023-24).\n")
	w("region: \"\"\n")
	w("cohort: \"\"\n\n")
	w("# Required: one paragraph, in plain text, of at most %d characters: what changed\n", content.MaxSummary)
	w("# and why it matters. It is shown in lists, in search results and in the book.\n")
	w("summary: <one paragraph on what changed and why it matters>\n\n")

	for _, tx := range site.Taxonomies {
		need := "Optional"
		if tx.Required {
			need = "Required"
		}
		what := strings.TrimPrefix(strings.ToLower(tx.Title), "the ")
		if tx.Multiple {
			w("# %s: the %s this case study is about, one or more, by id, as in\n", need, what)
			w("# %s: [%s]. The allowed terms:\n", tx.ID, firstID(tx))
		} else {
			w("# %s: one term of %s, by id, as in %s: %s. The allowed terms:\n", need, what, tx.ID, firstID(tx))
		}
		width := 0
		for _, t := range tx.Terms {
			width = max(width, len(t.ID))
		}
		for _, t := range tx.Terms {
			w("#   %-*s  %s\n", width, t.ID, t.Label())
		}
		switch {
		case tx.Required && tx.Multiple:
			w("%s: [<one or more ids from the list above>]\n\n", tx.ID)
		case tx.Required:
			w("%s: <one id from the list above>\n\n", tx.ID)
		case tx.Multiple:
			w("%s: []\n\n", tx.ID)
		default:
			w("%s: \"\"\n\n", tx.ID)
		}
	}

	w("# Optional: a picture for the top of the page, a file beside this one.\n")
	w("# image: cover.jpg\n\n")
	w("# Optional: true keeps the case study out of the site until it is ready.\n")
	w("draft: false\n")
	w("---\n\n")

	for _, s := range content.Sections {
		w("## %s\n\n<!-- %s -->\n\n", s.Heading, s.Note)
	}
	return b.String()
}

func firstID(tx *content.Taxonomy) string {
	if len(tx.Terms) > 0 {
		return tx.Terms[0].ID
	}
	return "term"
}

// yamlString quotes s for YAML when it needs quotes.
func yamlString(s string) string {
	plain := s != "" && !strings.ContainsAny(s, ":#[]{},&*!|>'\"%@`\\") && strings.TrimSpace(s) == s
	if plain {
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			plain = false
		}
		switch strings.ToLower(s) {
		case "true", "false", "yes", "no", "on", "off", "null", "~":
			plain = false
		}
		if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "?") {
			plain = false
		}
	}
	if plain {
		return s
	}
	return strconv.Quote(s)
}
