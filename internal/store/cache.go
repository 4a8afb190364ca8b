package store

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"unsafe"
)

// A large site's conversions are kept for the next build, beside the
// output folder in .<out>.cache: the spool file of the converted bodies,
// with an index appended that records, for each document, its key, the
// checksum of its Markdown, what its conversion found (Meta: its
// headings, links and warnings, and where its links pointed, as the
// build encodes them), and where its bodies are. A document whose
// Markdown is the same and whose links point where they did is then
// neither parsed nor rendered: its HTML is read from the cache. The cache
// is used only by the buildbook executable that wrote it, so that a new
// buildbook converts everything again; deleting it is always safe.
//
// The index is
//
//	uvarint(count)
//	count × (string(key) uint64(src) string(meta) 3×(uvarint(off) uvarint(n)))
//	uint64(index offset) uint64(executable checksum) "bbcache4"
//
// where a string is its length as a uvarint and its bytes, and every
// uint64 is little-endian.

// cacheMagic ends a cache file, after the index's offset and the
// checksum of the executable that wrote it.
const cacheMagic = "bbcache4"

// CachePath is the cache file of output folder out.
func CachePath(out string) string {
	out = filepath.Clean(out)
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".cache")
}

// Record is what the cache keeps of one document besides its bodies: the
// key that finds it again, the checksum of its source, and Meta, what its
// conversion found, in the build's encoding.
type Record struct {
	Key  string
	Src  uint64
	Meta []byte
}

// Entry is what the last build's cache holds of one document.
type Entry struct {
	Src   uint64
	Meta  []byte  // as the build gave it in its Record; not to be changed
	Spans [3]Span // where its bodies are: site HTML, book HTML, text
}

// Cache is the last build's cache, open for reading. It is safe for
// concurrent use. A nil *Cache has nothing.
type Cache struct {
	f       *os.File
	entries map[string]*Entry // by Record.Key

	// When the cache is to be written in place (see openInPlace), end is
	// where its bodies end: the spool appends after it, and a document
	// whose conversion is unchanged keeps its spans.
	inPlace bool
	end     int64
}

// cacheSlack is how many bytes of bodies that no document has any more a
// cache may hold beyond as many as it has live ones, before a build
// writes it anew. Tests lower it.
var cacheSlack int64 = 1 << 20

// Open makes the spool of the n documents of a build into the output
// folder out, and opens the last build's cache beside out to read from.
// Without an out (""), or without a checksum of the executable, there is
// no cache: the spool is a temporary file. When another build holds the
// cache, this one does without. Otherwise the spool becomes the next
// build's cache once Saved: written in place, after the bodies of the
// last (see openInPlace), or as a new file renamed over it. The returned
// Cache, which may be nil, is to be closed once the documents are
// converted.
func Open(out string, n int) (*Spool, *Cache, error) {
	var disk *Cache
	locked := false
	cache := ""
	if out != "" && ExecutableSum() != 0 {
		cache = CachePath(out)
		// The cache lies beside the output, whose folder a first build
		// into a new path (--out site/public) has yet to make.
		if err := os.MkdirAll(filepath.Dir(cache), 0o755); err != nil {
			return nil, nil, err
		}
		removeStaleCaches(filepath.Dir(cache), filepath.Base(filepath.Clean(out)))
		disk, locked = openInPlace(cache)
	}
	var s *Spool
	var err error
	switch {
	case locked:
		// Another build is using the cache: this one does without.
		s, err = newSpool(n, "")
	case disk != nil && disk.inPlace:
		s = &Spool{f: disk.f, spans: make([][3]Span, n), off: disk.end, inPlace: true, cache: cache}
	default:
		s, err = newSpool(n, cache)
	}
	if err != nil {
		disk.Close()
		return nil, nil, err
	}
	return s, disk, nil
}

// openInPlace opens the cache at path to be the spool of this build: the
// bodies of unchanged documents stay where they are, new ones are
// appended, and the new index is written after them. Only a build that
// holds the file's lock does so: another build at the same time gets
// locked == true and works without a cache. When the cache is not this
// executable's, or holds more than twice its live bodies, it returns a
// cache to read from, not to write into: the build then writes a new one.
func openInPlace(path string) (c *Cache, locked bool) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return &Cache{}, false
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
	entries, end, err := readCache(f, ExecutableSum())
	live := int64(0)
	for _, e := range entries {
		for _, sp := range e.Spans {
			live += int64(sp.n)
		}
	}
	if err != nil {
		return &Cache{f: f}, false
	}
	if end > 2*live+cacheSlack {
		// Mostly bodies that no document has any more: this build reads
		// what it needs and writes a new cache, which it renames over
		// this one.
		return &Cache{f: f, entries: entries}, false
	}
	// The index is in memory now: from here until the new index is
	// written, the file has none, so that a build that stops half way
	// leaves a cache that the next one ignores.
	if err := f.Truncate(end); err != nil {
		return &Cache{f: f}, false
	}
	return &Cache{f: f, entries: entries, inPlace: true, end: end}, false
}

// readOnlyCache opens the cache at path for reading only.
func readOnlyCache(path string) *Cache {
	f, err := os.Open(path)
	if err != nil {
		return &Cache{}
	}
	entries, _, err := readCache(f, ExecutableSum())
	if err != nil {
		f.Close()
		return &Cache{}
	}
	return &Cache{f: f, entries: entries}
}

// InPlace reports whether the cache is the spool of this build: the
// bodies of an unchanged document stay where they are, and the spool is
// told so (Spool.Keep) rather than given them again.
func (c *Cache) InPlace() bool { return c != nil && c.inPlace }

// Lookup returns the entry of the document key whose source has the
// checksum src, or nil.
func (c *Cache) Lookup(key string, src uint64) *Entry {
	if c == nil {
		return nil
	}
	if e := c.entries[key]; e != nil && e.Src == src {
		return e
	}
	return nil
}

// Bodies reads the site HTML, book HTML and text of e, which the spool
// wrote one after the other, in one read.
func (c *Cache) Bodies(e *Entry) (html, book, text string, ok bool) {
	sp := e.Spans
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

// Close closes the cache, unless the spool writes into it.
func (c *Cache) Close() {
	if c != nil && c.f != nil && !c.inPlace {
		c.f.Close()
	}
}

// saveCache appends the index of records, the documents whose bodies the
// spool holds in the same order, and puts it in place as the cache at
// path.
func (s *Spool) saveCache(records []Record, path string) error {
	var b []byte
	b = binary.AppendUvarint(b, uint64(len(records)))
	for i, r := range records {
		b = AppendString(b, r.Key)
		b = binary.LittleEndian.AppendUint64(b, r.Src)
		b = append(binary.AppendUvarint(b, uint64(len(r.Meta))), r.Meta...)
		for _, sp := range s.spans[i] {
			b = binary.AppendUvarint(binary.AppendUvarint(b, uint64(sp.off)), uint64(sp.n))
		}
	}
	s.mu.Lock()
	off := s.off
	s.off += int64(len(b)) + 24
	s.mu.Unlock()
	b = binary.LittleEndian.AppendUint64(b, uint64(off))
	b = binary.LittleEndian.AppendUint64(b, ExecutableSum())
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

var errCache = errors.New("not a cache of this buildbook")

// readCache reads the index at the end of a cache file written by the
// executable whose checksum is sum, and where the bodies before it end.
func readCache(f *os.File, sum uint64) (map[string]*Entry, int64, error) {
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
	index := make([]byte, info.Size()-24-off)
	if _, err := f.ReadAt(index, off); err != nil {
		return nil, 0, err
	}
	r := NewReader(index)
	n := r.Uint()
	entries := make(map[string]*Entry, min(n, 1<<20))
	for range n {
		key := r.String()
		e := &Entry{Src: r.Uint64(), Meta: r.Bytes()}
		for i := range e.Spans {
			e.Spans[i] = Span{off: int64(r.Uint()), n: int(r.Uint())}
		}
		if r.Err() != nil {
			return nil, 0, r.Err()
		}
		for _, sp := range e.Spans {
			if sp.off < 0 || sp.off+int64(sp.n) > off {
				return nil, 0, errCache
			}
		}
		entries[key] = e
	}
	return entries, off, r.Err()
}

// AppendString appends s to b as a Reader reads it back: its length, then
// its bytes.
func AppendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// Reader reads values from bytes written with encoding/binary's
// AppendUvarint, little-endian uint64s and AppendString, as the cache's
// index and the build's Meta are. After an error it reads zeros and
// keeps the first error; a length or number too large for the bytes is an
// error.
type Reader struct {
	b   []byte
	err error
}

// NewReader reads b.
func NewReader(b []byte) *Reader { return &Reader{b: b} }

// Err is the first error reading, or nil.
func (r *Reader) Err() error { return r.err }

// Uint reads a uvarint.
func (r *Reader) Uint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 || v > 1<<40 {
		r.err = errCache
		return 0
	}
	r.b = r.b[n:]
	return v
}

// Count reads the number of items that follow, each of which takes at
// least one byte: a count larger than the bytes left is an error, so that
// a damaged cache cannot make its reader loop or allocate without end.
func (r *Reader) Count() int {
	n := r.Uint()
	if n > uint64(len(r.b)) {
		r.err = errCache
		return 0
	}
	return int(n)
}

// Uint64 reads a little-endian uint64.
func (r *Reader) Uint64() uint64 {
	if r.err != nil {
		return 0
	}
	if len(r.b) < 8 {
		r.err = errCache
		return 0
	}
	v := binary.LittleEndian.Uint64(r.b)
	r.b = r.b[8:]
	return v
}

// Byte reads one byte.
func (r *Reader) Byte() byte {
	if r.err != nil {
		return 0
	}
	if len(r.b) == 0 {
		r.err = errCache
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

// Bytes reads what AppendString wrote, sharing the Reader's bytes.
func (r *Reader) Bytes() []byte {
	n := r.Uint()
	if r.err != nil {
		return nil
	}
	if n > uint64(len(r.b)) {
		r.err = errCache
		return nil
	}
	b := r.b[:n:n]
	r.b = r.b[n:]
	return b
}

// String reads what AppendString wrote.
func (r *Reader) String() string { return string(r.Bytes()) }

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
	return err == nil && pid != os.Getpid() && ProcessGone(pid)
}
