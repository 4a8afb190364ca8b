package content

import (
	"buildbook/internal/par"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxSummary is the longest summary, in characters, that passes without a
// warning.
const MaxSummary = 400

// MaxKeyword is the longest keyword, in characters.
const MaxKeyword = 60

// caseStudyFiles lists the case study files: case-studies/<slug>.md and
// case-studies/<slug>/index.md.
func (l *loader) caseStudyFiles() []string {
	entries, err := fs.ReadDir(l.fsys, "case-studies")
	if err != nil {
		return nil
	}
	var files []string
	for _, e := range entries {
		name := e.Name()
		p := "case-studies/" + name
		switch {
		case ignored(name):
		case l.files[p] && strings.HasSuffix(name, ".md"):
			files = append(files, p)
		case l.files[p+"/index.md"]:
			files = append(files, p+"/index.md")
		case e.IsDir() && l.firstMarkdown(p) != "":
			l.errorf(l.firstMarkdown(p), 1, 1, "the folder %s has Markdown files but no index.md: a page bundle's case study must be named index.md", name)
		}
	}
	return files
}

// firstMarkdown returns the first Markdown file under dir, or "".
func (l *loader) firstMarkdown(dir string) string {
	first := ""
	for f := range l.files {
		if strings.HasPrefix(f, dir+"/") && strings.HasSuffix(f, ".md") && (first == "" || f < first) {
			first = f
		}
	}
	return first
}

func (l *loader) loadCaseStudies(taxonomies []*Taxonomy) []*CaseStudy {
	files := l.caseStudyFiles()
	loaded := make([]*CaseStudy, len(files))
	next := l.startCases()
	par.For(len(files), func(i int) { loaded[i] = l.cachedCaseStudy(files[i], taxonomies, next) })
	if c := l.opts.Cache; c != nil {
		c.cases = next
	}
	var out []*CaseStudy
	for _, c := range loaded {
		if c != nil {
			out = append(out, c)
		}
	}
	// Duplicate slugs: report every file after the first, in file order.
	first := map[string]*CaseStudy{}
	kept := out[:0]
	for _, c := range out {
		if f, ok := first[c.Slug]; ok {
			line, col := 1, 1
			if c.SlugAt[0] > 0 {
				line, col = c.SlugAt[0], c.SlugAt[1]
			}
			l.errorf(c.File, line, col, "duplicate slug %q: %s has it too; rename one of the files, or give one of them another slug with a line such as slug: %s-2", c.Slug, l.opts.Display(f.File), c.Slug)
			continue
		}
		first[c.Slug] = c
		kept = append(kept, c)
	}
	sortCaseStudies(kept)
	return kept
}

func (l *loader) loadCaseStudy(file string, taxonomies []*Taxonomy) *CaseStudy {
	d, ok := l.readDocument(file)
	if !ok {
		// The file's error is reported. A stand-in keeps its slug known,
		// so that links and editions that name it do not report it again;
		// with an error in the run, nothing is rendered.
		stem := strings.TrimSuffix(path.Base(file), ".md")
		if strings.HasSuffix(file, "/index.md") {
			stem = path.Base(path.Dir(file))
		}
		if slug := Slugify(stem); slug != "" {
			return &CaseStudy{File: file, Bundle: strings.HasSuffix(file, "/index.md"), Slug: slug, Title: stem, BodyLine: 1}
		}
		return nil
	}
	d.body = l.checkBody(file, d.body, d.bodyLine)
	fds := CaseStudyFields(taxonomies)
	table := fds
	if l.hasFailed("taxonomies.yaml") && d.fm.kind == mapNode {
		// A field named like a taxonomy is probably one that could not be
		// read: the error is in taxonomies.yaml, not here.
		table = slices.Clone(fds)
		for _, k := range d.fm.keys {
			if ValidSlug(k.value) && !slices.Contains(fieldKeys(table), k.value) {
				table = append(table, Field{Key: k.value})
			}
		}
	}
	f := l.newFields(file, d.fm, "the front matter", d.fmLine, table)
	l.warnPlaceholders(file, d.fm)
	c := &CaseStudy{File: file, Bundle: strings.HasSuffix(file, "/index.md"), Body: d.body, BodyLine: d.bodyLine}
	if l.drop && len(d.body) > 0 {
		c.Body, c.BodySize, c.BodySum, c.bodyAt = nil, len(d.body), checksum(d.body), d.bodyAt
	}
	stem := strings.TrimSuffix(path.Base(file), ".md")
	if c.Bundle {
		stem = path.Base(path.Dir(file))
	}
	c.Slug = Slugify(stem)
	if c.Slug == "" {
		l.errorf(file, 1, 1, "the file name gives no slug: name it with letters or digits, such as my-case-study.md")
	}
	c.Terms = make([][]*Term, len(taxonomies))
	for i := range fds {
		fds[i].read(l, f, &fds[i], c)
	}
	return c
}

// readFunc reads a field of a case study into c, reporting what is wrong
// with it.
type readFunc func(l *loader, f *fields, fd *Field, c *CaseStudy)

// textInto reads a field of Kind Text into the string of c that at gives.
func textInto(at func(c *CaseStudy) *string) readFunc {
	return func(l *loader, f *fields, fd *Field, c *CaseStudy) { *at(c), _ = f.text(fd.Key) }
}

// listInto reads a field of Kind List into the list of c that at gives.
func listInto(at func(c *CaseStudy) *[]string) readFunc {
	return func(l *loader, f *fields, fd *Field, c *CaseStudy) { *at(c), _ = f.strs(fd.Key) }
}

func readSlug(l *loader, f *fields, fd *Field, c *CaseStudy) {
	if s, v := f.text(fd.Key); v != nil {
		if ValidSlug(s) {
			c.Slug = s
			c.SlugAt = [2]int{v.line, v.col}
		} else {
			l.errorf(f.file, v.line, v.col, "slug %q must be lower-case letters, digits and single hyphens, such as %q", s, Slugify(s))
		}
	}
}

func readTitle(l *loader, f *fields, fd *Field, c *CaseStudy) {
	title, tv := f.text(fd.Key)
	c.Title = title
	if tv != nil && quotedTitle(title) {
		l.warnf(f.file, tv.line, tv.col, "the title %s is wrapped in quotation marks, which would be printed as part of it: remove them (quotes that YAML reads, as in title: \"Art for all\", are fine)", title)
	}
}

func readDraft(l *loader, f *fields, fd *Field, c *CaseStudy) { c.Draft = f.boolean(fd.Key) }

func readDate(l *loader, f *fields, fd *Field, c *CaseStudy) {
	c.Date = l.date(f, fd.Key)
}

func readSummary(l *loader, f *fields, fd *Field, c *CaseStudy) {
	summary, sv := f.text(fd.Key)
	c.Summary = strings.Join(strings.Fields(summary), " ")
	if n := utf8.RuneCountInString(c.Summary); n > fd.Max {
		// A warning, not an error: the summary is still published whole,
		// and `check --strict` fails on it.
		cut := "characters"
		if n-fd.Max == 1 {
			cut = "character"
		}
		l.warnf(f.file, sv.line, sv.col, "the summary is %d characters long; the limit is %d: cut %d %s", n, fd.Max, n-fd.Max, cut)
	}
	if sv != nil {
		if m := markdownInSummary(c.Summary); m != "" {
			l.warnf(f.file, sv.line, sv.col, "the summary is shown as plain text, so %s would show as typed: write the summary without Markdown", m)
		}
	}
}

func readImage(l *loader, f *fields, fd *Field, c *CaseStudy) {
	if img, v := f.text(fd.Key); v != nil && img != "" {
		c.Image = l.resolveAsset(f.file, img, v.line, v.col)
		c.ImageAt = [2]int{v.line, v.col}
	}
}

func readTerms(l *loader, f *fields, fd *Field, c *CaseStudy) {
	c.Terms[fd.index] = l.terms(f, fd.Taxonomy)
}

func readKeywords(l *loader, f *fields, fd *Field, c *CaseStudy) {
	c.Keywords = l.keywords(f, fd)
}

func readAuthors(l *loader, f *fields, fd *Field, c *CaseStudy) {
	c.Authors = l.authors(f, fd)
}

// keywords reads the free subject terms: a list of short phrases, each
// kept once (ignoring case).
func (l *loader) keywords(f *fields, fd *Field) []string {
	words, nodes := f.strs(fd.Key)
	var out []string
	seen := map[string]bool{}
	for i, w := range words {
		k := strings.ToLower(strings.Join(strings.Fields(w), " "))
		switch {
		case utf8.RuneCountInString(w) > fd.Max:
			l.errorf(f.file, nodes[i].line, nodes[i].col, "the keyword %q is %d characters long; a keyword is a word or a short phrase of at most %d characters: split it into several keywords", w, utf8.RuneCountInString(w), fd.Max)
		case seen[k]:
			l.warnf(f.file, nodes[i].line, nodes[i].col, "the keyword %q is given twice: remove one", w)
		default:
			seen[k] = true
			out = append(out, strings.Join(strings.Fields(w), " "))
		}
	}
	return out
}

func (l *loader) authors(f *fields, fd *Field) []Author {
	v := f.get(fd.Key)
	if v == nil {
		if fd.Required {
			f.missing(fd.Key)
		}
		return nil
	}
	items := []*node{v}
	if v.kind == seqNode {
		items = v.vals
	}
	var out []Author
	reported := false
	for _, it := range items {
		switch it.kind {
		case scalarNode:
			if name := strings.TrimSpace(it.value); name != "" {
				out = append(out, Author{Name: name})
				l.checkAuthorName(f.file, it, name)
			}
		case mapNode:
			af := l.newFields(f.file, it, "an author", it.line, fd.Sub)
			name, _ := af.text("name")
			role, _ := af.text("role")
			if name != "" {
				out = append(out, Author{Name: name, Role: role})
				if nv := af.get("name"); nv != nil {
					l.checkAuthorName(f.file, nv, name)
				}
			} else {
				reported = true
			}
		default:
			l.errorf(f.file, it.line, it.col, "each author must be a name, or name: and role: lines, not %s", it.describe())
			reported = true
		}
	}
	if len(out) == 0 && !reported && fd.Required {
		l.errorf(f.file, v.line, v.col, "%s is empty: name at least one author, for example %s", fd.Key, fd.Line())
	}
	return out
}

// date reads a YYYY-MM-DD field.
func (l *loader) date(f *fields, key string) time.Time {
	s, v := f.text(key)
	if v == nil || s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		why := "is not a date"
		if len(s) == 10 && s[4] == '-' && s[7] == '-' {
			why = "is not a real day"
		}
		l.errorf(f.file, v.line, v.col, "%s %q %s: write it as YYYY-MM-DD, for example %s: 2024-06-30", key, s, why, key)
		return time.Time{}
	}
	return t
}

// terms reads the terms a case study gives for one taxonomy.
func (l *loader) terms(f *fields, tx *Taxonomy) []*Term {
	v := f.get(tx.ID)
	example := tx.ID + ": [" + firstTermID(tx) + "]"
	if !tx.Multiple {
		example = tx.ID + ": " + firstTermID(tx)
	}
	if v == nil {
		if tx.Required {
			f.missing(tx.ID)
		}
		return nil
	}
	items := []*node{v}
	if v.kind == seqNode {
		items = v.vals
	}
	var out []*Term
	reported := false
	for _, it := range items {
		if it.kind != scalarNode {
			l.errorf(f.file, it.line, it.col, "each %s must be a single term, not %s", strings.ToLower(tx.Singular), it.describe())
			reported = true
			continue
		}
		name := strings.TrimSpace(it.value)
		if name == "" {
			continue
		}
		if IsPlaceholder(name) {
			reported = true // warned about by warnPlaceholders
			continue
		}
		t := tx.Lookup(name)
		if t == nil && l.hasFailed("taxonomies.yaml") {
			continue // the term may be one that could not be read
		}
		if t == nil && strings.Contains(name, ",") {
			var ids []string
			for _, part := range strings.Split(name, ",") {
				if pt := tx.Lookup(part); pt != nil {
					ids = append(ids, pt.ID)
				} else if p := strings.TrimSpace(part); p != "" {
					ids = append(ids, p)
				}
			}
			l.errorf(f.file, it.line, it.col, "%q is not one %s: write a list in square brackets, as in %s: [%s]", name, strings.ToLower(tx.Singular), tx.ID, strings.Join(ids, ", "))
			reported = true
			continue
		}
		if t == nil {
			l.errorf(f.file, it.line, it.col, "unknown %s %q%s", strings.ToLower(tx.Singular), name, termHint(tx, name, l.suggester(f.file)))
			reported = true
			continue
		}
		if slices.Contains(out, t) {
			l.warnf(f.file, it.line, it.col, "%s %q is given twice", strings.ToLower(tx.Singular), t.ID)
			continue
		}
		if !tx.Multiple && len(out) == 1 {
			l.errorf(f.file, it.line, it.col, "%s takes one term only, but %q is a second one: keep one of %q and %q", tx.ID, t.ID, out[0].ID, t.ID)
			continue
		}
		out = append(out, t)
	}
	if len(out) == 0 && tx.Required && !reported {
		l.errorf(f.file, v.line, v.col, "%s is empty: name at least one, for example %s", tx.ID, example)
	}
	return out
}

func firstTermID(tx *Taxonomy) string {
	if len(tx.Terms) > 0 {
		return tx.Terms[0].ID
	}
	return "term"
}

// termHint suggests the nearest term, or lists the terms when there are few.
func termHint(tx *Taxonomy, name string, hints *Suggester) string {
	if i := hints.Nearest(name, len(tx.names), func(i int) string { return tx.names[i].name }); i >= 0 {
		return fmt.Sprintf(" (did you mean %q?)", tx.names[i].term.ID)
	}
	ids := make([]string, len(tx.Terms))
	for i, t := range tx.Terms {
		ids[i] = t.ID
	}
	if len(ids) == 0 {
		return fmt.Sprintf(": %s has no terms yet in taxonomies.yaml", tx.ID)
	}
	if len(ids) <= 15 {
		return ": use one of " + quoteList(ids)
	}
	return fmt.Sprintf(": use one of the %d terms listed in taxonomies.yaml", len(ids))
}

// resolveAsset checks a relative path written in file and returns its path
// in the content folder, or "" after reporting why it cannot be used.
func (l *loader) resolveAsset(file, ref string, line, col int) string {
	p, msg := ResolvePath(path.Dir(file), ref)
	if msg != "" {
		l.errorf(file, line, col, "%q %s", ref, msg)
		return ""
	}
	if !l.files[p] {
		l.errorf(file, line, col, "%q does not exist (looked for %s)", ref, l.opts.Display(p))
		return ""
	}
	return p
}

// ResolvePath joins a relative reference to the folder it was written in.
// It returns a message instead when the reference is absolute or leaves
// the content folder.
func ResolvePath(dir, ref string) (string, string) {
	if strings.HasPrefix(ref, "/") || strings.Contains(ref, "\\") {
		return "", "must be a path relative to this file, such as photo.jpg or ../other.md"
	}
	p := path.Join(dir, ref)
	if p == ".." || strings.HasPrefix(p, "../") {
		return "", "leaves the content folder: nothing outside it is published"
	}
	return p, ""
}

// IsPlaceholder reports whether a front-matter value is a placeholder,
// such as <the name of your school>, as buildbook new writes them.
func IsPlaceholder(s string) bool {
	s = strings.TrimSpace(s)
	return len(s) > 2 && s[0] == '<' && s[len(s)-1] == '>' && !strings.ContainsAny(s[1:len(s)-1], "<>")
}

// warnPlaceholders warns about every placeholder left in front matter n.
// A placeholder is valid, so that a new case study passes check as soon
// as its text is written, but it is not meant to be published.
func (l *loader) warnPlaceholders(file string, n *node) {
	var walk func(key string, v *node)
	walk = func(key string, v *node) {
		switch v.kind {
		case scalarNode:
			if v.typ == "str" && IsPlaceholder(v.value) {
				l.warnf(file, v.line, v.col, "%q still holds the placeholder %s: write your own in its place", key, v.value)
			}
		case seqNode:
			for _, item := range v.vals {
				walk(key, item)
			}
		case mapNode:
			for i, k := range v.keys {
				walk(k.value, v.vals[i])
			}
		}
	}
	walk("", n)
}

// checkAuthorName warns about an author written as a sentence: "Jane
// (Head of English) and Tom" is one author named all of that.
func (l *loader) checkAuthorName(file string, v *node, name string) {
	lower := " " + strings.ToLower(name) + " "
	switch {
	case strings.Contains(lower, " and ") || strings.Contains(name, "&") || strings.Contains(name, ";"):
		l.warnf(file, v.line, v.col, "the author %q looks like several people: write each as an item of its own, as in authors: [Jane Example, Tom Example]", name)
	case strings.ContainsAny(name, "()"):
		l.warnf(file, v.line, v.col, "the author %q has a role in brackets: write it as - name: ... and role: ... lines, as in - name: Jane Example, then role: Head of English on the next line", name)
	}
}

// quotedTitle reports whether a title is wrapped in quotation marks that
// would be printed: “Art for all” or "Art for all" inside YAML's quotes.
func quotedTitle(s string) bool {
	r := []rune(s)
	if len(r) < 3 {
		return false
	}
	pairs := map[rune]rune{'“': '”', '‘': '’', '"': '"', '\'': '\'', '«': '»', '„': '“', '”': '”'}
	end, ok := pairs[r[0]]
	return ok && r[len(r)-1] == end && !strings.ContainsRune(string(r[1:len(r)-1]), r[0]) && !strings.ContainsRune(string(r[1:len(r)-1]), end)
}

// markdownInSummary returns what in a summary is Markdown that plain text
// would show, such as "the asterisks in **all**", or "".
func markdownInSummary(s string) string {
	switch {
	case strings.Contains(s, "**") || strings.Contains(s, "__"):
		return "the asterisks or underscores of bold text"
	case emphasisRE.MatchString(s):
		return "the asterisks or underscores of emphasis"
	case linkRE.MatchString(s):
		return "the brackets of a link"
	case strings.Count(s, "`") >= 2:
		return "the backticks of code"
	case strings.HasPrefix(s, "#") || strings.HasPrefix(s, "- ") || strings.HasPrefix(s, "* "):
		return "a heading's # or a list's marker"
	}
	return ""
}

var (
	emphasisRE = regexp.MustCompile(`(^|[\s(])[*_][^\s*_][^*_]*[*_]($|[\s.,;:!?)])`)
	linkRE     = regexp.MustCompile(`\[[^\]]+\]\([^)]*\)`)
)
