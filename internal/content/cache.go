package content

import (
	"bytes"

	"io/fs"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"buildbook/internal/diag"
	"buildbook/internal/store"
)

// Cache keeps what Load made of taxonomies.yaml and of each case study,
// so that loading the same folder again parses only the files that
// changed: serve keeps one between rebuilds. A file is taken from the
// cache when its bytes are the same, and everything a case study depends
// on besides them (taxonomies.yaml, the list of files, the options) is
// the same too; its diagnostics are reported again. The case studies it
// returns are shared between loads, so nothing may change them. A Cache
// serves one Load at a time.
type Cache struct {
	taxonomies *cachedFile
	context    uint64 // what the case studies below were read against
	cases      map[string]*cachedFile
	mu         sync.Mutex // guards cases during a Load
}

// cachedFile is what Load made of one file.
type cachedFile struct {
	sum   uint64 // checksum of the file's bytes, with the context
	raw   []byte // a case study's bytes, to compare with the next load's
	tx    []*Taxonomy
	cs    *CaseStudy
	diags []diag.Diagnostic
	lines int
}

// checksum is store.Checksum, the digest every cache of a build uses:
// build mixes the content's sums with its own into the site's version.
var checksum = store.Checksum

// capture returns a loader that reports into a list of its own, to be
// kept in the cache.
func (l *loader) capture() (*loader, *diag.List) {
	fl := *l
	fl.diags = &diag.List{}
	return &fl, fl.diags
}

// replay reports again what loading file reported last time.
func (l *loader) replay(file string, f *cachedFile) {
	l.diags.Add(f.diags...)
	for _, d := range f.diags {
		if d.Severity == diag.Error {
			l.mu.Lock()
			l.failed[file] = true
			l.mu.Unlock()
			break
		}
	}
	if f.lines > 0 {
		l.setLines(file, f.lines)
	}
}

// remember reports the diagnostics of a capture and returns the cache
// entry for file.
func (l *loader) remember(file string, sum uint64, list *diag.List) *cachedFile {
	ds := list.Sorted()
	l.diags.Add(ds...)
	l.mu.Lock()
	defer l.mu.Unlock()
	return &cachedFile{sum: sum, diags: ds, lines: l.lines[file]}
}

// readSum returns the checksum of file, or false when it cannot be read
// (loading it then reports why).
func (l *loader) readSum(file string) (uint64, bool) {
	if !l.files[file] {
		return 0, false
	}
	b, err := fs.ReadFile(l.fsys, file)
	if err != nil {
		return 0, false
	}
	sum := checksum(b)
	l.setSum(file, sum)
	return sum, true
}

// cachedTaxonomies loads taxonomies.yaml, or takes it from the cache.
func (l *loader) cachedTaxonomies() []*Taxonomy {
	const file = "taxonomies.yaml"
	c := l.opts.Cache
	sum, ok := l.readSum(file)
	if c == nil || !ok {
		return l.loadTaxonomies()
	}
	sum ^= checksum([]byte(l.opts.Root))
	if f := c.taxonomies; f != nil && f.sum == sum {
		l.replay(file, f)
		return f.tx
	}
	fl, list := l.capture()
	tx := fl.loadTaxonomies()
	c.taxonomies = l.remember(file, sum, list)
	c.taxonomies.tx = tx
	return tx
}

// startCases prepares the cache for the case studies of this Load, and
// returns the map that will replace its entries.
func (l *loader) startCases() map[string]*cachedFile {
	c := l.opts.Cache
	if c == nil {
		return nil
	}
	var b strings.Builder
	b.WriteString(l.opts.Root)
	if l.opts.Drafts {
		b.WriteString("\x00drafts")
	}
	if c.taxonomies != nil {
		b.WriteString("\x00" + strconv.FormatUint(c.taxonomies.sum, 16))
	}
	for _, f := range slices.Sorted(maps.Keys(l.files)) {
		b.WriteString("\x00" + f)
	}
	context := checksum([]byte(b.String()))
	if context != c.context {
		c.context, c.cases = context, nil
	}
	return map[string]*cachedFile{}
}

// cachedCaseStudy loads a case study, or takes it from the cache, and
// records it in next.
func (l *loader) cachedCaseStudy(file string, taxonomies []*Taxonomy, next map[string]*cachedFile) *CaseStudy {
	c := l.opts.Cache
	if c == nil || !l.files[file] {
		return l.loadCaseStudy(file, taxonomies)
	}
	b, err := fs.ReadFile(l.fsys, file)
	if err != nil {
		return l.loadCaseStudy(file, taxonomies) // which reports why
	}
	c.mu.Lock()
	f := c.cases[file]
	c.mu.Unlock()
	// The bytes are compared, not summed: at once when a caching file
	// system gives back the same slice, as serve's does.
	if f == nil || !bytes.Equal(f.raw, b) {
		sum := checksum(b)
		fl, list := l.capture()
		cs := fl.loadCaseStudy(file, taxonomies)
		f = l.remember(file, sum, list)
		f.cs, f.raw = cs, b
	} else {
		l.replay(file, f)
	}
	l.setSum(file, f.sum)
	c.mu.Lock()
	next[file] = f
	c.mu.Unlock()
	return f.cs
}
