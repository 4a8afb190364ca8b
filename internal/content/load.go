package content

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/adrg/frontmatter"

	"buildbook/internal/diag"
)

// Options change what Load reads.
type Options struct {
	// Root is the content folder as the user named it; it prefixes every
	// file name in diagnostics ("content/case-studies/foo.md").
	Root string
	// Drafts includes case studies marked draft: true.
	Drafts bool
	// BaseURL, when set, replaces book.yaml's base_url.
	BaseURL string
	// Publishing adds the warnings that matter to the published site
	// alone, as check gives them for a pull request: a base_url that is
	// not a full address. A build for a local preview
	// (--base-url /) does not want them.
	Publishing bool
	// Cache, when set, keeps what this Load reads for the next one, and
	// gives back what the last one read from files that did not change.
	Cache *Cache
	// DropBodies, when set, is asked before the case studies are read,
	// with the size of their files in bytes. When it answers true, Load
	// keeps no case study's Markdown body, only its size and checksum
	// (CaseStudy.BodySize and BodySum), and Site.ReadBody reads it again
	// when it is needed: a large site's bodies would otherwise all be in
	// memory at once, from loading until they are converted.
	DropBodies func(size int64) bool
}

// loader holds the state of one Load.
type loader struct {
	fsys  fs.FS
	opts  Options
	diags *diag.List
	files map[string]bool
	// failed holds the files that had an error: when taxonomies.yaml is one,
	// unknown fields and terms in case studies are not reported, since they
	// are most likely the taxonomies that could not be read.
	failed map[string]bool
	// lines counts the lines of each text file read, so that no message
	// points past the end of its file.
	lines map[string]int
	// sums are the checksums of the text files read.
	sums map[string]uint64
	// hints makes the "did you mean" suggestions of each file, within
	// the file's own budget.
	hints map[string]*Suggester
	// mu guards failed, lines, sums and hints: case studies are read in
	// parallel.
	mu *sync.Mutex
	// caseBytes is the size of the case studies' Markdown files; drop
	// says that their bodies are let go once read (Options.DropBodies).
	caseBytes int64
	drop      bool
}

// Load reads and validates the content folder fsys. Every problem is added
// to diags; the returned Site holds whatever could be read, so that a check
// reports all errors of a run at once.
func Load(fsys fs.FS, opts Options, diags *diag.List) *Site {
	l := &loader{fsys: fsys, opts: opts, diags: diags, files: map[string]bool{}, failed: map[string]bool{}, lines: map[string]int{}, sums: map[string]uint64{}, hints: map[string]*Suggester{}, mu: &sync.Mutex{}}
	s := &Site{FS: fsys}
	s.Files = l.walk()
	s.Book = l.loadBook()
	s.Taxonomies = l.cachedTaxonomies()
	l.drop = opts.DropBodies != nil && opts.DropBodies(l.caseBytes)
	all := l.loadCaseStudies(s.Taxonomies)
	for _, c := range all {
		if c.Draft && !opts.Drafts {
			s.Drafts = append(s.Drafts, c)
		} else {
			s.CaseStudies = append(s.CaseStudies, c)
		}
	}
	s.bundles = map[string]string{}
	for _, c := range all {
		if c.Bundle {
			s.bundles[dir(c.File)+"/"] = c.Slug
		}
	}
	s.Pages = l.loadPages(s.Taxonomies, all)
	s.Editions = l.loadEditions(s)
	s.Sums = l.sums
	return s
}

// Display is the name of file as diagnostics show it.
func (o Options) Display(file string) string {
	if o.Root == "" || o.Root == "." {
		return file
	}
	return path.Join(filepathToSlash(o.Root), file)
}

func filepathToSlash(p string) string { return strings.ReplaceAll(p, "\\", "/") }

func (l *loader) errorf(file string, line, col int, format string, args ...any) {
	l.mu.Lock()
	l.failed[file] = true
	l.mu.Unlock()
	line, col = l.clamp(file, line, col)
	l.diags.Errorf(posOf(l.opts.Display(file), line, col), format, args...)
}

func (l *loader) warnf(file string, line, col int, format string, args ...any) {
	line, col = l.clamp(file, line, col)
	l.diags.Warnf(posOf(l.opts.Display(file), line, col), format, args...)
}

// clamp keeps a position inside its file: parsers place the end of input
// on the line after the last.
func (l *loader) clamp(file string, line, col int) (int, int) {
	l.mu.Lock()
	n := l.lines[file]
	l.mu.Unlock()
	if n > 0 && line > n {
		return n, 1
	}
	return line, col
}

// suggester returns the Suggester of file. Each file is read by one
// goroutine, which alone uses it.
func (l *loader) suggester(file string) *Suggester {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.hints[file]
	if s == nil {
		s = &Suggester{}
		l.hints[file] = s
	}
	return s
}

// hasFailed reports whether file had an error.
func (l *loader) hasFailed(file string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.failed[file]
}

// setSum records the checksum of file.
func (l *loader) setSum(file string, sum uint64) {
	l.mu.Lock()
	l.sums[file] = sum
	l.mu.Unlock()
}

// setLines records the number of lines of file.
func (l *loader) setLines(file string, n int) {
	l.mu.Lock()
	l.lines[file] = n
	l.mu.Unlock()
}

func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")
}

// walk lists every regular file that is not ignored, and reports links that
// leave the folder, files over the size limits, and names that differ only
// in case.
func (l *loader) walk() []string {
	var files []string
	err := fs.WalkDir(l.fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			l.errorf(p, 1, 1, "cannot read: %v", unwrapPathError(err))
			return nil
		}
		if p != "." && ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			l.checkCase(p)
			return nil
		}
		var info fs.FileInfo
		if d.Type()&fs.ModeSymlink != 0 {
			real, ok := l.checkLink(p)
			if !ok {
				return nil
			}
			info, err = fs.Stat(l.fsys, real)
		} else {
			// Not a link: the entry's own information is the file's.
			info, err = d.Info()
		}
		if err != nil {
			l.errorf(p, 1, 1, "cannot read: %v", unwrapPathError(err))
			return nil
		}
		if info.IsDir() {
			l.warnf(p, 1, 1, "a symbolic link to a folder is not followed: copy the folder instead")
			return nil
		}
		if !info.Mode().IsRegular() {
			return nil
		}
		limit, what := int64(MaxAssetSize), "20 MiB for an image or attachment: compress or resize it"
		if isText(p) {
			limit, what = MaxMarkdownSize, "1 MiB for a Markdown or YAML file: shorten it, or split it in two"
		}
		if info.Size() > limit {
			l.errorf(p, 1, 1, "the file is too large (%s): the size limit is %s", humanSize(info.Size()), what)
			return nil
		}
		files = append(files, p)
		l.files[p] = true
		if strings.HasPrefix(p, "case-studies/") && strings.HasSuffix(p, ".md") {
			l.caseBytes += info.Size()
		}
		return nil
	})
	if err != nil {
		l.errorf(".", 0, 0, "cannot read the content folder: %v", err)
	}
	slices.Sort(files)
	return files
}

func isText(p string) bool {
	switch path.Ext(p) {
	case ".md", ".yaml", ".yml", ".toml":
		return true
	}
	return false
}

// humanSize writes a file size rounded up, so that a file just over a
// limit never shows as equal to it.
func humanSize(n int64) string {
	if n >= 1<<20 {
		tenths := (n*10 + 1<<20 - 1) >> 20
		return fmt.Sprintf("%d.%d MiB", tenths/10, tenths%10)
	}
	return fmt.Sprintf("%d KiB", (n+1023)/1024)
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// checkCase reports names in folder dir that differ only in case.
func (l *loader) checkCase(dir string) {
	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		return
	}
	seen := map[string]string{}
	for _, e := range entries {
		if ignored(e.Name()) {
			continue
		}
		low := strings.ToLower(e.Name())
		if first, ok := seen[low]; ok {
			at := path.Join(dir, e.Name())
			if e.IsDir() {
				if _, err := fs.Stat(l.fsys, at+"/index.md"); err == nil {
					at += "/index.md"
				}
			}
			l.errorf(at, 1, 1, "file names %q and %q differ only in case, which breaks on Windows and macOS and in URLs: rename one", first, e.Name())
			continue
		}
		seen[low] = e.Name()
	}
}

// checkLink follows the symbolic link link as the operating system will
// and returns the real path it leads to inside the content folder. A link
// that leads outside, by any route (an absolute target, ".." past the top,
// another link on the way, even one in an ignored folder), into a loop,
// or to nothing, is reported, and false returned: what is published is
// what the kernel reads, whatever the names say.
func (l *loader) checkLink(link string) (string, bool) {
	target, err := fs.ReadLink(l.fsys, link)
	if err != nil {
		l.errorf(link, 1, 1, "cannot read the symbolic link (symlink): %v; replace the link with a copy of the file", unwrapPathError(err))
		return "", false
	}
	r := resolveLink(l.fsys, link)
	switch r.fault {
	case linkInside:
		return r.real, true
	case linkOutside:
		if r.via == link {
			l.errorf(link, 1, 1, "this symbolic link (symlink) points to %q, outside the content folder: nothing outside it is published; replace the link with a copy of the file", target)
		} else {
			l.errorf(link, 1, 1, "this symbolic link (symlink) points to %q, which leads outside the content folder through the link %s (to %q): nothing outside it is published; replace the link with a copy of the file", target, l.opts.Display(r.via), r.target)
		}
	case linkLoop:
		l.errorf(link, 1, 1, "this symbolic link (symlink) points to %q, which leads round a loop of links and never reaches a file: replace the link with a copy of the file", target)
	case linkMissing:
		l.errorf(link, 1, 1, "this symbolic link (symlink) points to %q, which does not exist: copy the file itself into the content folder", target)
	default:
		l.errorf(link, 1, 1, "cannot follow the symbolic link (symlink) to %q: %v; replace the link with a copy of the file", target, unwrapPathError(r.err))
	}
	return "", false
}

// readText reads a Markdown or YAML file, checks that it is UTF-8 and not
// empty, and removes a byte-order mark and CRLF line endings.
func (l *loader) readText(p string) ([]byte, bool) {
	if !l.files[p] {
		return nil, false
	}
	b, err := fs.ReadFile(l.fsys, p)
	if err != nil {
		l.errorf(p, 1, 1, "cannot read: %v", unwrapPathError(err))
		return nil, false
	}
	l.setSum(p, checksum(b))
	b = bytes.TrimPrefix(b, bom)
	if bytes.HasPrefix(b, []byte("\xff\xfe")) || bytes.HasPrefix(b, []byte("\xfe\xff")) {
		l.errorf(p, 1, 1, "the file is saved as UTF-16 text, which buildbook cannot read: save it with UTF-8 encoding")
		return nil, false
	}
	if !utf8.Valid(b) {
		off := 0
		for off < len(b) {
			r, size := utf8.DecodeRune(b[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		line, col := lineCol(b, off)
		l.errorf(p, line, col, "%s", notUTF8(b[off]))
		return nil, false
	}
	if bytes.IndexByte(b, 0) >= 0 {
		line, col := lineCol(b, bytes.IndexByte(b, 0))
		l.errorf(p, line, col, "the file contains a NUL byte: it is not a text file")
		return nil, false
	}
	b = lfLines(b)
	l.setLines(p, bytes.Count(b, []byte("\n"))+1)
	if len(bytes.TrimSpace(b)) == 0 {
		l.errorf(p, 1, 1, "the file is empty")
		return nil, false
	}
	return b, true
}

// bom is the byte-order mark that a text file may start with.
var bom = []byte("\xef\xbb\xbf")

// lfLines returns b with CRLF line endings made LF: b itself when it has
// none.
func lfLines(b []byte) []byte {
	if bytes.Contains(b, []byte("\r\n")) {
		return bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	}
	return b
}

// windows1252 are the characters of Windows-1252 (the encoding Word and
// older Windows programs save text in) from 0x80 to 0x9F; 0 marks the
// five bytes it leaves out. From 0xA0 on, it is Latin-1, the same as
// Unicode.
var windows1252 = [32]rune{
	'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ',
}

// notUTF8 explains a byte c that is not UTF-8, naming the character it
// is in Windows-1252, which is how nearly every such file is saved.
func notUTF8(c byte) string {
	const fix = "save the file again as UTF-8 text (in Notepad: Save as, Encoding: UTF-8; in Word: Save as, Plain Text, then Unicode (UTF-8)), or type the character again in an editor that saves UTF-8"
	r := rune(c)
	if c < 0xa0 {
		r = windows1252[c-0x80]
	}
	if r == 0 || c < 0x80 {
		return "the file is not UTF-8 text: a character here was saved in another encoding, which buildbook cannot read: " + fix
	}
	return fmt.Sprintf("the file is not UTF-8 text: the %c here was saved in an older encoding (Windows-1252), as Word and older Windows programs do, which buildbook cannot read: %s", r, fix)
}

// lineCol converts a byte offset into a 1-based line and character column.
func lineCol(b []byte, off int) (int, int) {
	line := 1 + bytes.Count(b[:off], []byte("\n"))
	start := bytes.LastIndexByte(b[:off], '\n') + 1
	return line, utf8.RuneCount(b[start:off]) + 1
}

// yamlFile reads and parses a whole YAML file.
func (l *loader) yamlFile(p string) *node {
	b, ok := l.readText(p)
	if !ok {
		return nil
	}
	n, errs := parseYAML(b, 1)
	for _, e := range errs {
		l.errorf(p, e.line, e.col, "%s", e.msg)
	}
	return n
}

// rawFrontMatter receives the front matter that adrg/frontmatter cuts off.
type rawFrontMatter struct {
	format string
	text   []byte
	src    *headReader // the file, which ends for the parser once text is cut off
}

var frontMatterFormats = []*frontmatter.Format{
	frontmatter.NewFormat("---", "---", func(b []byte, v any) error {
		raw := v.(*rawFrontMatter)
		raw.format, raw.text = "yaml", b
		raw.src.done = true
		return nil
	}),
	frontmatter.NewFormat("+++", "+++", func(b []byte, v any) error {
		raw := v.(*rawFrontMatter)
		raw.format, raw.text = "toml", b
		raw.src.done = true
		return nil
	}),
}

// headReader reads a file's text to adrg/frontmatter, which copies all
// that it reads, the body too, into a buffer of its own: once the front
// matter is cut off (done), it ends, so that the body, found in the text
// itself (see splitFrontMatter), is not copied for nothing.
type headReader struct {
	text []byte
	read int // bytes read so far
	done bool
}

func (r *headReader) Read(b []byte) (int, error) {
	if r.done || r.read == len(r.text) {
		return 0, io.EOF
	}
	n := copy(b, r.text[r.read:])
	r.read += n
	return n, nil
}

// document is a Markdown file split into front matter and body.
type document struct {
	fm       *node
	fmLine   int // line of the opening delimiter
	body     []byte
	bodyLine int
	bodyAt   int // where body starts in the file's text (without BOM and CR)
}

// splitFrontMatter cuts the front matter off src, as adrg/frontmatter
// finds it (raw.format is "" for none), and returns the body that follows
// it: a part of src, not a copy.
func splitFrontMatter(src []byte) (raw rawFrontMatter, body []byte, err error) {
	raw.src = &headReader{text: src}
	rest, err := frontmatter.Parse(raw.src, &raw, frontMatterFormats...)
	if err != nil {
		return raw, nil, err
	}
	// The parser gave back what it had read beyond the front matter; the
	// body is that and the rest of the text.
	return raw, src[raw.src.read-len(rest):], nil
}

// readDocument reads a Markdown file with front matter.
func (l *loader) readDocument(p string) (*document, bool) {
	src, ok := l.readText(p)
	if !ok {
		return nil, false
	}
	raw, body, err := splitFrontMatter(src)
	if err != nil {
		l.errorf(p, 1, 1, "cannot read the front matter: %v", err)
		return nil, false
	}
	lead := 0 // blank lines before the opening delimiter
	for rest := src; len(rest) > 0; lead++ {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		if len(bytes.TrimSpace(line)) > 0 {
			break
		}
		rest = after
	}
	if raw.format == "" {
		first := strings.TrimSpace(strings.SplitN(strings.TrimLeft(string(src), " \t\n"), "\n", 2)[0])
		if first == "---" || first == "+++" {
			l.errorf(p, lead+1, 1, "the front matter opened here with %s is never closed: add a line with %s after the last field", first, first)
		} else {
			l.errorf(p, 1, 1, "the file has no front matter: start it with a line ---, then the fields (title: ..., and so on), then a line ---")
		}
		return nil, false
	}
	d := &document{fmLine: lead + 1, body: body, bodyAt: len(src) - len(body)}
	d.bodyLine = 1 + bytes.Count(src[:len(src)-len(body)], []byte("\n"))
	var errs []*posError
	if raw.format == "yaml" {
		d.fm, errs = parseFrontMatterYAML(raw.text, lead+2)
	} else {
		d.fm, errs = parseTOML(raw.text, lead+2)
	}
	for _, e := range errs {
		l.errorf(p, e.line, e.col, "%s", e.msg)
	}
	if d.fm == nil {
		return nil, false
	}
	if d.fm.kind != mapNode {
		hint := ""
		if d.fm.kind == scalarNode && strings.Contains(d.fm.value, " = ") {
			hint = " (this looks like TOML, which goes between lines of +++; between lines of --- write title: ...)"
		}
		l.errorf(p, d.fm.line, d.fm.col, "the front matter must be a list of fields such as title: ..., not %s%s", d.fm.describe(), hint)
		return nil, false
	}
	return d, true
}

// fields is a mapping node whose keys have been checked against the keys
// of its table of fields.
type fields struct {
	l     *loader
	file  string
	n     *node
	what  string // "case study", "book.yaml", ...
	at    diag.Pos
	table []Field
}

// newFields checks n's keys against the table's, reporting unknown keys
// with a suggestion. line is where a missing field is reported.
func (l *loader) newFields(file string, n *node, what string, line int, table []Field) *fields {
	col := 1
	if n.line == line {
		col = n.col
	}
	f := &fields{l: l, file: file, n: n, what: what, at: posOf(file, line, col), table: table}
	if n.kind != mapNode {
		l.errorf(file, n.line, n.col, "%s must be a set of fields (key: value), not %s", what, n.describe())
		f.n = &node{kind: mapNode}
		return f
	}
	known := fieldKeys(table)
	for _, k := range n.keys {
		if slices.Contains(known, k.value) {
			continue
		}
		hint := l.suggester(file).didYouMean(k.value, known)
		if hint == "" && len(known) <= 20 {
			hint = ": the fields allowed here are " + quoteList(known)
		}
		l.errorf(file, k.line, k.col, "unknown field %q in %s%s", k.value, what, hint)
	}
	return f
}

// field is the entry of key in the table. Every key that buildbook reads
// is in its table; one that is not is a mistake in buildbook.
func (f *fields) field(key string) *Field {
	for i := range f.table {
		if f.table[i].Key == key {
			return &f.table[i]
		}
	}
	panic("content: " + f.what + " reads the field " + key + ", which its table of fields does not have")
}

func (f *fields) get(key string) *node {
	for i, k := range f.n.keys {
		if k.value == key {
			v := f.n.vals[i]
			if v.kind == scalarNode && v.typ == "null" {
				return nil
			}
			return v
		}
	}
	return nil
}

// keyNode returns the key node of key, for positions.
func (f *fields) keyNode(key string) *node {
	for _, k := range f.n.keys {
		if k.value == key {
			return k
		}
	}
	return nil
}

// missing reports a required field that is absent, or written with no
// value, with the table's example as the fix.
func (f *fields) missing(key string) {
	example := f.field(key).Fix()
	if k := f.keyNode(key); k != nil {
		f.l.errorf(f.file, k.line, k.col, "%q has no value: write one, for example %s", key, example)
		return
	}
	f.l.errorf(f.file, f.at.Line, f.at.Col, "%s is missing the required field %q: add a line such as %s", f.what, key, example)
}

// text returns a scalar field as text, reporting it when the table says
// it is required and it is missing or empty.
func (f *fields) text(key string) (string, *node) {
	fd := f.field(key)
	v := f.get(key)
	if v == nil {
		if fd.Required {
			f.missing(key)
		}
		return "", nil
	}
	if v.kind != scalarNode {
		f.l.errorf(f.file, v.line, v.col, "%q must be a single value, not %s", key, v.describe())
		return "", nil
	}
	s := strings.TrimSpace(v.value)
	if s == "" && fd.Required {
		f.l.errorf(f.file, v.line, v.col, "%q is empty: write a value, for example %s", key, fd.Fix())
	}
	return s, v
}

// strs returns a field that is a list of text values, or one value.
func (f *fields) strs(key string) ([]string, []*node) {
	f.field(key) // every key read is in the table
	v := f.get(key)
	if v == nil {
		return nil, nil
	}
	items := []*node{v}
	if v.kind == seqNode {
		items = v.vals
	}
	var out []string
	var nodes []*node
	for _, it := range items {
		if it.kind != scalarNode {
			f.l.errorf(f.file, it.line, it.col, "each item of %q must be a single value, not %s", key, it.describe())
			continue
		}
		if s := strings.TrimSpace(it.value); s != "" {
			out = append(out, s)
			nodes = append(nodes, it)
		}
	}
	return out, nodes
}

func (f *fields) boolean(key string) bool {
	f.field(key) // every key read is in the table
	v := f.get(key)
	if v == nil {
		return false
	}
	if v.kind != scalarNode || v.typ != "bool" {
		f.l.errorf(f.file, v.line, v.col, "%q must be true or false, not %s", key, v.describe())
		return false
	}
	b, _ := strconv.ParseBool(strings.ToLower(v.value))
	return b
}

func (f *fields) integer(key string) int {
	f.field(key) // every key read is in the table
	v := f.get(key)
	if v == nil {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimSpace(v.value))
	if v.kind != scalarNode || err != nil {
		f.l.errorf(f.file, v.line, v.col, "%q must be a whole number, not %s", key, v.describe())
		return 0
	}
	return n
}

// sortCaseStudies orders case studies newest first, then by slug.
func sortCaseStudies(cs []*CaseStudy) {
	slices.SortFunc(cs, func(a, b *CaseStudy) int {
		return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(a.Slug, b.Slug))
	})
}
