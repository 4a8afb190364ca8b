package build

import (
	"html/template"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"unsafe"

	"buildbook/internal/content"
	"buildbook/internal/markdown"
)

// spoolAbove is the size of case-study Markdown, in bytes, above which a
// build keeps the converted bodies in a spool file rather than in memory:
// their HTML for the site and the book, and their text, come to about
// twice the Markdown, which on a site of 100,000 case studies is more than
// a machine may have.
var spoolAbove = 4 << 20

// spool keeps the converted bodies of documents in a temporary file,
// each read back when its page is written. Documents are numbered as
// collectDocs lists them, case studies first, so that case study i is
// document i. A spool that is not to become the cache is removed as soon
// as it is made, so that nothing is left behind whatever happens. It
// implements render.BodyStore and is safe for concurrent use.
type spool struct {
	f     *os.File
	spans [][3]span        // per document: site HTML, book HTML, text
	links [][]markdown.Ref // per document: the links of its book HTML, kept in memory

	mu  sync.Mutex
	off int64
	err error // the first read or write that failed

	saving chan struct{} // closed when the cache is saved, if it is being

	// inPlace is set when the spool is the last build's cache, written
	// in place (see openCacheInPlace): it is kept when closed.
	inPlace bool

	// renameTo is where close renames the file, as the cache, on systems
	// that cannot rename it while it is open (see saveCache).
	renameTo string
}

// spoolInPlace makes the spool of n documents in the cache c, after its
// bodies.
func spoolInPlace(c *diskCache, n int) *spool {
	return &spool{f: c.f, spans: make([][3]span, n), links: make([][]markdown.Ref, n), off: c.end, inPlace: true}
}

// span is where one body is in the file.
type span struct {
	off int64
	n   int
}

// bodiesSize is the size of the Markdown of the case studies of site.
func bodiesSize(site *content.Site) int {
	n := 0
	for _, c := range site.CaseStudies {
		n += len(c.Body)
	}
	return n
}

// newSpool makes the spool of n documents: in the temporary folder, or,
// to become the cache at cache, beside it.
func newSpool(n int, cache string) (*spool, error) {
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
		// on; elsewhere, close removes it.
		_ = os.Remove(f.Name())
	}
	return &spool{f: f, spans: make([][3]span, n), links: make([][]markdown.Ref, n)}, nil
}

// putBuffers are the buffers put writes from, kept between calls.
var putBuffers = sync.Pool{New: func() any { return new([]byte) }}

// put writes the bodies of document i.
func (s *spool) put(i int, html, book template.HTML, text string) {
	bp := putBuffers.Get().(*[]byte)
	defer putBuffers.Put(bp)
	b := append(append(append((*bp)[:0], html...), book...), text...)
	*bp = b
	s.mu.Lock()
	off := s.off
	s.off += int64(len(b))
	s.mu.Unlock()
	s.spans[i] = [3]span{{off, len(html)}, {off + int64(len(html)), len(book)}, {off + int64(len(html)+len(book)), len(text)}}
	if _, err := s.f.WriteAt(b, off); err != nil {
		s.fail(err)
	}
}

func (s *spool) get(sp span) string {
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

func (s *spool) fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		s.err = err
	}
}

// failed returns the first error reading or writing the spool.
func (s *spool) failed() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// Body is the site HTML of case study i.
func (s *spool) Body(i int) template.HTML { return template.HTML(s.get(s.spans[i][0])) }

// BookBody is the book HTML of case study i.
func (s *spool) BookBody(i int) template.HTML { return template.HTML(s.get(s.spans[i][1])) }

// BookLinks are the links of the book HTML of case study i.
func (s *spool) BookLinks(i int) []markdown.Ref { return s.links[i] }

// Text is the plain text of case study i.
func (s *spool) Text(i int) string { return s.get(s.spans[i][2]) }

func (s *spool) close() error {
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
