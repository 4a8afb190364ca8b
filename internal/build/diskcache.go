package build

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"unsafe"

	"buildbook/internal/markdown"
)

// A large site's conversions are kept for the next build, beside the
// output folder in .<out>.cache: the spool file of the converted bodies,
// with an index appended that records, for each document, the checksum
// of its Markdown, its headings, links, warnings and figures, where its
// links pointed, and where its HTML and text are. A document whose Markdown is
// the same and whose links point where they did is then neither parsed
// nor rendered: its HTML is read from the cache. The cache is used only
// by the buildbook executable that wrote it, so that a new buildbook
// converts everything again; deleting it is always safe.

// cacheMagic ends a cache file, after the index's offset and the
// checksum of the executable that wrote it.
const cacheMagic = "bbcache4"

// cachePath is the cache file of output folder out.
func cachePath(out string) string {
	out = filepath.Clean(out)
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".cache")
}

// executableSum is a checksum of the running executable, or 0 when it
// cannot be read (and caching is then off).
var executableSum = sync.OnceValue(func() uint64 {
	p, err := os.Executable()
	if err != nil {
		return 0
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return 0
	}
	return checksum(b)
})

// diskEntry is what the cache holds of one document.
type diskEntry struct {
	src      uint64
	headings []markdown.Heading
	links    []linkInfo
	warnings []markdown.Message
	figures  []markdown.Figure
	outs     []outcome
	spans    [3]span // site HTML, book HTML, text

	htmlLinks, bookLinks []markdown.Ref
}

// diskCache is the previous build's cache, open for reading. It is safe
// for concurrent use.
type diskCache struct {
	f       *os.File
	entries map[string]*diskEntry // by document key

	// When the cache is to be written in place (see openCacheInPlace),
	// end is where its bodies end: the spool appends after it, and a
	// document whose conversion is unchanged keeps its spans.
	inPlace bool
	end     int64
}

// cacheSlack is how many bytes of bodies that no document has any more a
// cache may hold beyond as many as it has live ones, before a build
// writes it anew.
var cacheSlack int64 = 1 << 20

// openCacheInPlace opens the cache at path to be the spool of this build:
// the bodies of unchanged documents stay where they are, new ones are
// appended, and the new index is written after them. Only a build that
// holds the file's lock does so: another build at the same time gets
// locked == true and works without a cache. When the cache is not this
// executable's, or holds more than twice its live bodies, it returns a
// cache to read from, not to write into: the build then writes a new one.
func openCacheInPlace(path string) (c *diskCache, locked bool) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return &diskCache{}, false
	}
	if err := lockFile(f); err != nil {
		f.Close()
		if err == errLocked {
			return nil, true
		}
		// A file system without locks: the cache is read, and a new
		// one renamed over it, as a build that may run beside another.
		return readOnlyCache(path), false
	}
	entries, end, err := readCache(f, executableSum())
	live := int64(0)
	for _, e := range entries {
		for _, sp := range e.spans {
			live += int64(sp.n)
		}
	}
	if err != nil {
		return &diskCache{f: f}, false
	}
	if end > 2*live+cacheSlack {
		// Mostly bodies that no document has any more: this build reads
		// what it needs and writes a new cache, which it renames over
		// this one.
		return &diskCache{f: f, entries: entries}, false
	}
	// The index is in memory now: from here until the new index is
	// written, the file has none, so that a build that stops half way
	// leaves a cache that the next one ignores.
	if err := f.Truncate(end); err != nil {
		return &diskCache{f: f}, false
	}
	return &diskCache{f: f, entries: entries, inPlace: true, end: end}, false
}

// readOnlyCache opens the cache at path for reading only.
func readOnlyCache(path string) *diskCache {
	f, err := os.Open(path)
	if err != nil {
		return &diskCache{}
	}
	entries, _, err := readCache(f, executableSum())
	if err != nil {
		f.Close()
		return &diskCache{}
	}
	return &diskCache{f: f, entries: entries}
}

// lookup returns the entry of the document key whose Markdown has the
// checksum src, or nil.
func (c *diskCache) lookup(key string, src uint64) *diskEntry {
	if c == nil {
		return nil
	}
	if e := c.entries[key]; e != nil && e.src == src {
		return e
	}
	return nil
}

// bodies reads the HTML and text of e, which put wrote one after the
// other, in one read.
func (c *diskCache) bodies(e *diskEntry) (html, book, text string, ok bool) {
	sp := e.spans
	n := sp[0].n + sp[1].n + sp[2].n
	if sp[1].off != sp[0].off+int64(sp[0].n) || sp[2].off != sp[1].off+int64(sp[1].n) {
		return "", "", "", false
	}
	if n == 0 {
		return "", "", "", true
	}
	b := make([]byte, n)
	if _, err := c.f.ReadAt(b, sp[0].off); err != nil {
		return "", "", "", false
	}
	// b is never written again: the strings can share it.
	s := unsafe.String(&b[0], n)
	return s[:sp[0].n], s[sp[0].n : sp[0].n+sp[1].n], s[sp[0].n+sp[1].n:], true
}

// close closes the cache, unless the spool writes into it.
func (c *diskCache) close() {
	if c != nil && c.f != nil && !c.inPlace {
		c.f.Close()
	}
}

// saveCache appends the index of docs to the spool, which holds their
// bodies, and puts it in place as the cache at path.
func (s *spool) saveCache(docs []*doc, path string) error {
	var b []byte
	b = binary.AppendUvarint(b, uint64(len(docs)))
	for i, d := range docs {
		b = appendString(b, docKey(d))
		b = binary.LittleEndian.AppendUint64(b, d.src)
		b = binary.AppendUvarint(b, uint64(len(d.headings)))
		for _, h := range d.headings {
			b = appendString(appendString(b, h.ID), h.Text)
			b = binary.AppendUvarint(b, uint64(h.Level))
		}
		b = binary.AppendUvarint(b, uint64(len(d.links)))
		for _, l := range d.links {
			b = binary.AppendUvarint(b, uint64(l.kind))
			b = appendString(b, l.dest)
			b = binary.AppendUvarint(binary.AppendUvarint(b, uint64(l.line)), uint64(l.col))
		}
		b = binary.AppendUvarint(b, uint64(len(d.warnings)))
		for _, w := range d.warnings {
			b = binary.AppendUvarint(binary.AppendUvarint(b, uint64(w.Line)), uint64(w.Col))
			b = appendString(b, w.Text)
		}
		b = binary.AppendUvarint(b, uint64(len(d.figures)))
		for _, f := range d.figures {
			b = appendString(appendString(b, f.ID), f.Caption)
			b = binary.AppendUvarint(b, uint64(f.Number))
			b = binary.AppendUvarint(binary.AppendUvarint(b, uint64(f.Label[0])), uint64(f.Label[1]))
		}
		b = binary.AppendUvarint(b, uint64(len(d.outs)))
		for _, o := range d.outs {
			b = appendString(appendString(b, o.href), o.book)
			b = binary.AppendUvarint(binary.AppendUvarint(b, uint64(o.w)), uint64(o.h))
			b = appendString(appendString(appendString(b, o.vs.WebP), o.vs.SrcSet), o.vs.Sizes)
			b = appendString(appendString(b, o.cs), o.frag)
			b = appendBool(b, o.ok)
		}
		b = appendRefs(appendRefs(b, d.htmlLinks), d.bookLinks)
		for _, sp := range s.spans[i] {
			b = binary.AppendUvarint(binary.AppendUvarint(b, uint64(sp.off)), uint64(sp.n))
		}
	}
	s.mu.Lock()
	off := s.off
	s.off += int64(len(b)) + 24
	s.mu.Unlock()
	b = binary.LittleEndian.AppendUint64(b, uint64(off))
	b = binary.LittleEndian.AppendUint64(b, executableSum())
	b = append(b, cacheMagic...)
	if _, err := s.f.WriteAt(b, off); err != nil {
		return err
	}
	if s.inPlace {
		return nil
	}
	if !renameOpenFile {
		s.renameTo = path // once closed
		return nil
	}
	return os.Rename(s.f.Name(), path)
}

// docKey identifies a document between builds: its file and id prefix.
func docKey(d *doc) string { return d.file + "\x00" + d.slug }

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

// appendRefs appends the links of a converted body.
func appendRefs(b []byte, refs []markdown.Ref) []byte {
	b = binary.AppendUvarint(b, uint64(len(refs)))
	for _, l := range refs {
		b = append(b, byte(l.Kind))
		b = appendString(appendString(b, l.Slug), l.Fragment)
		for _, v := range [...]int{l.Start, l.HrefStart, l.HrefEnd, l.End} {
			b = binary.AppendUvarint(b, uint64(v))
		}
		b = appendBool(b, l.Bare)
	}
	return b
}

var errCache = errors.New("not a cache of this buildbook")

// readCache reads the index at the end of a cache file written by the
// executable whose checksum is sum, and where the bodies before it end.
func readCache(f *os.File, sum uint64) (map[string]*diskEntry, int64, error) {
	info, err := f.Stat()
	if err != nil || info.Size() < 24 {
		return nil, 0, errCache
	}
	var tail [24]byte
	if _, err := f.ReadAt(tail[:], info.Size()-24); err != nil {
		return nil, 0, err
	}
	off := int64(binary.LittleEndian.Uint64(tail[:8]))
	if string(tail[16:]) != cacheMagic || binary.LittleEndian.Uint64(tail[8:16]) != sum || off < 0 || off > info.Size()-24 {
		return nil, 0, errCache
	}
	r := &cacheReader{r: bufio.NewReaderSize(io.NewSectionReader(f, off, info.Size()-24-off), 1<<16)}
	n := r.uint()
	entries := make(map[string]*diskEntry, min(n, 1<<20))
	for range n {
		key := r.string()
		e := &diskEntry{src: r.uint64()}
		for range r.uint() {
			e.headings = append(e.headings, markdown.Heading{ID: r.string(), Text: r.string(), Level: int(r.uint())})
		}
		for range r.uint() {
			e.links = append(e.links, linkInfo{kind: markdown.LinkKind(r.uint()), dest: r.string(), line: int(r.uint()), col: int(r.uint())})
		}
		for range r.uint() {
			e.warnings = append(e.warnings, markdown.Message{Line: int(r.uint()), Col: int(r.uint()), Text: r.string()})
		}
		for range r.uint() {
			e.figures = append(e.figures, markdown.Figure{ID: r.string(), Caption: r.string(), Number: int(r.uint()), Label: [2]int{int(r.uint()), int(r.uint())}})
		}
		for range r.uint() {
			e.outs = append(e.outs, outcome{href: r.string(), book: r.string(), w: int(r.uint()), h: int(r.uint()),
				vs: markdown.Versions{WebP: r.string(), SrcSet: r.string(), Sizes: r.string()}, cs: r.string(), frag: r.string(), ok: r.byte() == 1})
		}
		e.htmlLinks, e.bookLinks = r.refs(), r.refs()
		for i := range e.spans {
			e.spans[i] = span{off: int64(r.uint()), n: int(r.uint())}
		}
		if r.err != nil {
			return nil, 0, r.err
		}
		for _, sp := range e.spans {
			if sp.off < 0 || sp.off+int64(sp.n) > off {
				return nil, 0, errCache
			}
		}
		entries[key] = e
	}
	return entries, off, r.err
}

// cacheReader reads what saveCache wrote; after an error it reads zeros
// and keeps the first error.
type cacheReader struct {
	r   *bufio.Reader
	err error
}

func (r *cacheReader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(r.r)
	if err == nil && v > 1<<40 {
		err = errCache
	}
	r.err = err
	return v
}

func (r *cacheReader) uint64() uint64 {
	var b [8]byte
	if r.err == nil {
		_, r.err = io.ReadFull(r.r, b[:])
	}
	return binary.LittleEndian.Uint64(b[:])
}

func (r *cacheReader) byte() byte {
	if r.err != nil {
		return 0
	}
	c, err := r.r.ReadByte()
	r.err = err
	return c
}

// refs reads what appendRefs wrote.
func (r *cacheReader) refs() []markdown.Ref {
	var out []markdown.Ref
	for range r.uint() {
		l := markdown.Ref{Target: markdown.Target{Kind: markdown.TargetKind(r.byte()), Slug: r.string(), Fragment: r.string()}}
		l.Start, l.HrefStart, l.HrefEnd, l.End = int(r.uint()), int(r.uint()), int(r.uint()), int(r.uint())
		l.Bare = r.byte() == 1
		if r.err != nil {
			return nil
		}
		out = append(out, l)
	}
	return out
}

func (r *cacheReader) string() string {
	n := r.uint()
	if r.err != nil || n > 1<<30 {
		if r.err == nil {
			r.err = errCache
		}
		return ""
	}
	b := make([]byte, n)
	_, r.err = io.ReadFull(r.r, b)
	return string(b)
}

// removeStaleCaches deletes cache files being written by builds whose
// process is gone.
func removeStaleCaches(parent, base string) {
	matches, _ := filepath.Glob(filepath.Join(parent, "."+base+".cache-*"))
	for _, m := range matches {
		if pidGone(m, "."+base+".cache-") {
			os.Remove(m)
		}
	}
}

// pidGone reports whether the process whose id follows prefix in the
// name of file has ended.
func pidGone(file, prefix string) bool {
	rest := filepath.Base(file)[len(prefix):]
	i := 0
	for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
		i++
	}
	pid, err := strconv.Atoi(rest[:i])
	return err == nil && pid != os.Getpid() && processGone(pid)
}
