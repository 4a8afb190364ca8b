package store

import (
	"html/template"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"unsafe"
)

// Spool keeps the converted bodies of documents in a file, each read back
// when its page is written: their HTML for the site and the book, and
// their text, come to about twice the Markdown, which on a site of
// 100,000 case studies is more than a machine may have. Documents are
// numbered by the build, case studies first, so that case study i is
// document i. A spool that is not to become the cache is removed as soon
// as it is made, so that nothing is left behind whatever happens. It
// implements render.BodyStore and is safe for concurrent use.
type Spool struct {
	f     *os.File
	spans [][3]Span // per document: site HTML, book HTML, text

	mu  sync.Mutex
	off int64
	err error // the first read or write that failed

	cache  string        // where Save puts the spool as the cache, or ""
	saving chan struct{} // closed when the cache is saved, if it is being

	// inPlace is set when the spool is the last build's cache, written
	// in place (see openInPlace): it is kept when closed.
	inPlace bool

	// renameTo is where Close renames the file, as the cache, on systems
	// that cannot rename it while it is open (see saveCache).
	renameTo string
}

// Span is where one body is in the spool's file.
type Span struct {
	off int64
	n   int
}

// newSpool makes the spool of n documents: in the temporary folder, or,
// to become the cache at cache, beside it.
func newSpool(n int, cache string) (*Spool, error) {
	dir, pattern := "", "buildbook-bodies-*"
	if cache != "" {
		dir, pattern = filepath.Dir(cache), filepath.Base(cache)+"-"+strconv.Itoa(os.Getpid())+"-*"
	}
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	if cache == "" {
		// An open file outlives its name on the systems buildbook runs
		// on; elsewhere, Close removes it.
		_ = os.Remove(f.Name())
	}
	return &Spool{f: f, spans: make([][3]Span, n), cache: cache}, nil
}

// putBuffers are the buffers Put writes from, kept between calls.
var putBuffers = sync.Pool{New: func() any { return new([]byte) }}

// Put writes the bodies of document i.
func (s *Spool) Put(i int, html, book template.HTML, text string) {
	bp := putBuffers.Get().(*[]byte)
	defer putBuffers.Put(bp)
	b := append(append(append((*bp)[:0], html...), book...), text...)
	*bp = b
	s.mu.Lock()
	off := s.off
	s.off += int64(len(b))
	s.mu.Unlock()
	s.spans[i] = [3]Span{{off, len(html)}, {off + int64(len(html)), len(book)}, {off + int64(len(html)+len(book)), len(text)}}
	if _, err := s.f.WriteAt(b, off); err != nil {
		s.fail(err)
	}
}

// Keep records that the bodies of document i are already in the file, at
// spans: the spool is the cache written in place (Cache.InPlace), and the
// document's entry gave them.
func (s *Spool) Keep(i int, spans [3]Span) { s.spans[i] = spans }

func (s *Spool) get(sp Span) string {
	if sp.n == 0 {
		return ""
	}
	b := make([]byte, sp.n)
	if _, err := s.f.ReadAt(b, sp.off); err != nil {
		s.fail(err)
		return ""
	}
	// b is never written again: the string can share it rather than copy.
	return unsafe.String(&b[0], len(b))
}

func (s *Spool) fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		s.err = err
	}
}

// Err returns the first error reading or writing the spool.
func (s *Spool) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// Body is the site HTML of case study i.
func (s *Spool) Body(i int) template.HTML { return template.HTML(s.get(s.spans[i][0])) }

// BookBody is the book HTML of case study i.
func (s *Spool) BookBody(i int) template.HTML { return template.HTML(s.get(s.spans[i][1])) }

// Text is the plain text of case study i.
func (s *Spool) Text(i int) string { return s.get(s.spans[i][2]) }

// Save saves the spool as the next build's cache, when it is to be one,
// with the index that records gives: one Record per document, in the
// spool's order, called once every body is in. It saves in the
// background, while the site is indexed and rendered; Close waits for it.
// A cache that cannot be saved costs the next build time, not this one
// its output.
func (s *Spool) Save(records func() []Record) {
	if s.cache == "" {
		return
	}
	s.saving = make(chan struct{})
	go func() {
		defer close(s.saving)
		_ = s.saveCache(records(), s.cache)
	}()
}

// Close releases the spool: its file is removed, or kept as the cache
// when Save saved it. The bodies cannot be read after. Closing a nil
// *Spool does nothing.
func (s *Spool) Close() error {
	if s == nil {
		return nil
	}
	if s.saving != nil {
		<-s.saving
	}
	err := s.f.Close()
	switch {
	case s.renameTo != "":
		if os.Rename(s.f.Name(), s.renameTo) != nil {
			_ = os.Remove(s.f.Name())
		}
	case !s.inPlace:
		_ = os.Remove(s.f.Name())
	}
	return err
}
