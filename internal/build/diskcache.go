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
	"syscall"
	"unsafe"

	"buildbook/internal/markdown"
)

// A large site's conversions are kept for the next build, beside the
// output folder in .<out>.cache: the spool file of the converted bodies,
// with an index appended that records, for each document, the checksum
// of its Markdown, its headings, links and warnings, where its links
// pointed, and where its HTML and text are. A document whose Markdown is
// the same and whose links point where they did is then neither parsed
// nor rendered: its HTML is read from the cache. The cache is used only
// by the buildbook executable that wrote it, so that a new buildbook
// converts everything again; deleting it is always safe.

// cacheMagic ends a cache file, after the index's offset and the
// checksum of the executable that wrote it.
const cacheMagic = "bbcache1"

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
	outs     []outcome
	spans    [3]span // site HTML, book HTML, text
}

// diskCache is the previous build's cache, open for reading. It is safe
// for concurrent use.
type diskCache struct {
	f       *os.File
	entries map[string]*diskEntry // by document key
}

// openDiskCache opens the cache at path. When there is none that this
// executable wrote, the cache it returns is empty, so that the build
// still records what the next one needs.
func openDiskCache(path string) *diskCache {
	f, err := os.Open(path)
	if err != nil {
		return &diskCache{}
	}
	entries, err := readCacheIndex(f, executableSum())
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

func (c *diskCache) close() {
	if c != nil && c.f != nil {
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
		b = binary.AppendUvarint(b, uint64(len(d.outs)))
		for _, o := range d.outs {
			b = appendString(appendString(b, o.href), o.book)
			b = binary.AppendUvarint(binary.AppendUvarint(b, uint64(o.w)), uint64(o.h))
			if o.ok {
				b = append(b, 1)
			} else {
				b = append(b, 0)
			}
		}
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
	return os.Rename(s.f.Name(), path)
}

// docKey identifies a document between builds: its file and id prefix.
func docKey(d *doc) string { return d.file + "\x00" + d.slug }

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

var errCache = errors.New("not a cache of this buildbook")

// readCacheIndex reads the index at the end of a cache file written by
// the executable whose checksum is sum.
func readCacheIndex(f *os.File, sum uint64) (map[string]*diskEntry, error) {
	info, err := f.Stat()
	if err != nil || info.Size() < 24 {
		return nil, errCache
	}
	var tail [24]byte
	if _, err := f.ReadAt(tail[:], info.Size()-24); err != nil {
		return nil, err
	}
	off := int64(binary.LittleEndian.Uint64(tail[:8]))
	if string(tail[16:]) != cacheMagic || binary.LittleEndian.Uint64(tail[8:16]) != sum || off < 0 || off > info.Size()-24 {
		return nil, errCache
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
			e.outs = append(e.outs, outcome{href: r.string(), book: r.string(), w: int(r.uint()), h: int(r.uint()), ok: r.byte() == 1})
		}
		for i := range e.spans {
			e.spans[i] = span{off: int64(r.uint()), n: int(r.uint())}
		}
		if r.err != nil {
			return nil, r.err
		}
		if e.spans[2].off+int64(e.spans[2].n) > off {
			return nil, errCache
		}
		entries[key] = e
	}
	return entries, r.err
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
	return err == nil && pid != os.Getpid() && syscall.Kill(pid, 0) == syscall.ESRCH
}
