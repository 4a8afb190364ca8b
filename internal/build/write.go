package build

import (
	"bufio"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"buildbook/internal/par"
	"buildbook/internal/paths"
	"buildbook/internal/store"
)

// Write writes the compiled site to out atomically: every file goes into a
// folder beside out, which then takes out's place (see swap: in one step
// on Linux, by two renames elsewhere). Until then, out is as it was; if
// the process dies before, the next build removes the leftover folder.
//
// The folder written into is the output of the build before last, kept
// beside out as a hidden spare (.<out>.spare): files whose bytes have not
// changed since are left as they are, so rebuilding a site writes only
// what changed. Creating and deleting files is what costs most on many
// file systems.
func Write(c *Compiled, fsys fs.FS, out string) error {
	out = filepath.Clean(out)
	if err := checkOut(out); err != nil {
		return err
	}
	parent, base := filepath.Dir(out), filepath.Base(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	removeStale(parent, base)
	stage, prev, err := claimStage(parent, base)
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(stage)
		}
	}()
	c.times.done("claim")
	images := imagesPath(out)
	for _, p := range c.photos {
		p.cache = images
	}
	makePhotos(c.photos, stage, prev)
	c.times.done("photos")
	st, err := writeFiles(c, fsys, stage, prev)
	if err != nil {
		return err
	}
	if c.encoded != nil {
		st.Photos, st.Encoded = len(c.photos), int(c.encoded.Load())
	}
	c.Stats = st
	c.times.done("write")
	// The versions of images the site no longer has: a cache that cannot
	// be pruned costs disk space, not this build its output.
	_ = pruneImages(images, c.photos)
	if c.spool != nil {
		if err := c.spool.Err(); err != nil {
			return fmt.Errorf("reading the converted bodies back: %w", err)
		}
	}
	if err := swap(stage, out); err != nil {
		return err
	}
	c.times.done("swap")
	c.times.gc()
	ok = true
	return nil
}

// spareName is the name of the spare folder beside output folder base.
func spareName(base string) string { return "." + base + ".spare" }

// claimStage returns a new folder to write the output into: the spare
// folder, with the manifest of what it holds, when there is a usable one,
// and an empty folder otherwise.
func claimStage(parent, base string) (string, store.Manifest, error) {
	stage, err := os.MkdirTemp(parent, "."+base+".building-"+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return "", nil, err
	}
	if err := os.Chmod(stage, 0o755); err != nil {
		os.Remove(stage)
		return "", nil, err
	}
	// Renaming the spare over the empty folder claims it: of two builds
	// at once, one gets it. (os.Rename refuses to replace a folder.)
	if claimRename(filepath.Join(parent, spareName(base)), stage) != nil {
		return stage, store.Manifest{}, nil
	}
	// The spare is trusted only when it is a real folder of folders and
	// regular files, and its manifest names files inside it: a build
	// deletes and writes through what the manifest names, and a crafted
	// spare (a cache restored in CI, say) must not lead it elsewhere.
	prev, err := checkSpare(stage)
	if err == nil {
		// Without its marker, the folder is no longer a finished output:
		// should this build stop half way, nothing will trust it again.
		err = os.Remove(filepath.Join(stage, store.Marker))
	}
	if err != nil {
		// A spare without a manifest, or that cannot be changed, is not
		// worth reusing.
		if err := os.RemoveAll(stage); err != nil {
			return "", nil, err
		}
		if err := os.Mkdir(stage, 0o755); err != nil {
			return "", nil, err
		}
		return stage, store.Manifest{}, nil
	}
	return stage, prev, nil
}

// checkSpare reads the manifest of the claimed spare folder dir, and
// checks that dir is a folder (not a link to one) in which there is
// nothing but folders and regular files: no symbolic link, of a file or a
// folder, that writing or deleting a file of the manifest could follow out
// of it. store.ReadManifest checks that every path is a clean relative path.
func checkSpare(dir string) (store.Manifest, error) {
	info, err := os.Lstat(dir)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s: the spare folder is not a folder", dir)
	}
	m, err := store.ReadManifest(filepath.Join(dir, store.Marker))
	if err != nil {
		return nil, err
	}
	return m, onlyFiles(dir)
}

// onlyFiles checks that the folder dir holds nothing but folders and
// regular files, however deep. It reads the folders at its top in parallel,
// and each folder's entries in the order the system gives them: for the
// 2,657 folders of a 2,000-case site, this takes about 25 ms of processor
// time.
func onlyFiles(dir string) error {
	entries, err := readDirUnsorted(dir)
	if err != nil {
		return err
	}
	errs := make([]error, len(entries))
	par.For(len(entries), func(i int) {
		errs[i] = checkEntry(dir, entries[i])
	})
	return errors.Join(errs...)
}

func checkEntry(dir string, e fs.DirEntry) error {
	p := filepath.Join(dir, e.Name())
	switch {
	case e.Type().IsRegular():
		return nil
	case !e.IsDir():
		return fmt.Errorf("%s: the spare folder holds a %s, not a file", p, e.Type())
	}
	entries, err := readDirUnsorted(p)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if err := checkEntry(p, e); err != nil {
			return err
		}
	}
	return nil
}

func readDirUnsorted(dir string) ([]fs.DirEntry, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.ReadDir(-1)
}

// checkOut refuses to replace a folder that is not buildbook's output.
func checkOut(out string) error {
	info, err := os.Stat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("--out %s is a file, not a folder", out)
	}
	if _, err := os.Stat(filepath.Join(out, store.Marker)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("--out %s has files that buildbook did not write (no %s in it): it would replace them all, so it stops; empty the folder or choose another", out, store.Marker)
	}
	return nil
}

// removeStale deletes staging folders left by builds whose process is gone.
func removeStale(parent, base string) {
	matches, _ := filepath.Glob(filepath.Join(parent, "."+base+".building-*"))
	for _, m := range matches {
		rest := strings.TrimPrefix(filepath.Base(m), "."+base+".building-")
		pid, err := strconv.Atoi(strings.SplitN(rest, "-", 2)[0])
		if err != nil {
			continue
		}
		if pid != os.Getpid() && store.ProcessGone(pid) {
			os.RemoveAll(m)
		}
	}
	recoverOld(parent, base)
}

// writeFiles runs every job and copies every asset into dir, on all
// cores. prev is the manifest of what dir already holds: a file with the
// same size and checksum is left alone, and files that the site no longer
// has are deleted.
func writeFiles(c *Compiled, fsys fs.FS, dir string, prev store.Manifest) (Stats, error) {
	type task struct {
		path  string
		key   uint64
		data  func() ([]byte, error)
		write func(w io.Writer) error
	}
	var tasks []task
	for _, j := range c.Jobs {
		tasks = append(tasks, task{path: j.Path, key: j.Key, data: j.Make, write: j.Write})
	}
	for _, src := range slices.Sorted(maps.Keys(c.Assets)) {
		tasks = append(tasks, task{path: c.Assets[src], data: func() ([]byte, error) { return fs.ReadFile(fsys, src) }})
	}
	seen := make(map[string]bool, len(tasks))
	for _, t := range tasks {
		if seen[t.path] || t.path == store.Marker {
			return Stats{}, fmt.Errorf("%s: two files of the site would be written there", t.path)
		}
		seen[t.path] = true
	}
	// The longest jobs first, so that no core waits for one at the end.
	order := make([]int, len(tasks))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(weight(tasks[a].path), weight(tasks[b].path)) })

	dirs := newDirSet(dir, prev)
	next := make([]store.File, len(tasks))
	var mu sync.Mutex
	var errs []error
	par.For(len(tasks), func(k int) {
		i := order[k]
		t := tasks[i]
		var err error
		if old, ok := prev[t.path]; ok && t.key != 0 && old.Key == t.key && sameSize(dir, t.path, old.Size) {
			// The file there was made from the same inputs.
			next[i] = old
			dirs.stats.kept.Add(1)
			return
		}
		dirs.stats.remade.Add(1)
		if t.write != nil {
			next[i], err = dirs.stream(t.path, prev, t.write)
		} else {
			var b []byte
			if b, err = t.data(); err == nil {
				next[i] = store.File{Size: int64(len(b)), Sum: store.Checksum(b)}
				if !dirs.unchanged(t.path, prev, next[i]) {
					err = dirs.writeFile(t.path, b)
				}
			}
		}
		next[i].Key = t.key
		if err != nil {
			mu.Lock()
			errs = append(errs, fmt.Errorf("%s: %w", t.path, err))
			mu.Unlock()
		}
	})
	if len(errs) > 0 {
		slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
		return Stats{}, errors.Join(errs...)
	}

	m := make(store.Manifest, len(tasks))
	for i, t := range tasks {
		m[t.path] = next[i]
	}
	if err := removeGone(dir, prev, m); err != nil {
		return Stats{}, err
	}
	st := Stats{Files: len(tasks), Kept: int(dirs.stats.kept.Load()), Made: int(dirs.stats.remade.Load()), Written: int(dirs.stats.written.Load())}
	return st, os.WriteFile(filepath.Join(dir, store.Marker), m.Marker(), 0o644)
}

// Stats are what writing a site did: of its files, how many were kept
// without being made (their key was unchanged), how many were made, and
// how many of those were written because their bytes changed; and how
// many versions of images were encoded (not found in the image cache).
type Stats struct {
	Files, Kept, Made, Written int
	Photos, Encoded            int // raster images, and versions of them encoded
}

// weight orders output files by how long they take to make, longest
// first: the books, the search index that every search file waits for,
// the list of every case study, then the rest. The files that share what
// is made for them (a book's page and print.css its model, the search
// index's files the index, the list's first page and its data files the
// data) come together, so that what they share is let go as soon as they
// are written rather than held while every other page is.
func weight(p string) int {
	switch {
	case bookFile(p):
		return 0
	case p == paths.SearchMeta || inFolder(p, paths.SearchIndex(0)) || inFolder(p, paths.SearchVocab("a")):
		return 1
	case inFolder(p, paths.Page(paths.CaseStudies)):
		return 2
	}
	return 3
}

// bookFile reports whether p is a book's page or its print.css.
func bookFile(p string) bool {
	dir := path.Dir(p)
	b := dir + "/"
	return (b == paths.Book || path.Dir(dir)+"/" == paths.Book) && (p == paths.Page(b) || p == paths.PrintCSS(b))
}

// inFolder reports whether the files p and q are in the same folder.
func inFolder(p, q string) bool { return path.Dir(p) == path.Dir(q) }

// unchanged reports whether the file p of the output already has the
// size and checksum of e.
func (s *dirSet) unchanged(p string, prev store.Manifest, e store.File) bool {
	old, ok := prev[p]
	return ok && old.Size == e.Size && old.Sum == e.Sum && sameSize(s.root, p, old.Size)
}

// spillSize is how much of a file being made is held in memory, to be
// compared with the file already there; a larger one is written to disk
// as it is made.
var spillSize = 4 << 20

// buffers are the buffers that pages are made in, kept between pages (a
// sync.Pool would drop them at every collection).
var buffers = make(chan *bytes.Buffer, 8)

// stream makes the file p with write and writes it, unless the output
// already has the same bytes.
func (s *dirSet) stream(p string, prev store.Manifest, write func(w io.Writer) error) (store.File, error) {
	var buf *bytes.Buffer
	select {
	case buf = <-buffers:
		buf.Reset()
	default:
		buf = new(bytes.Buffer)
	}
	defer func() {
		if buf.Cap() <= spillSize {
			select {
			case buffers <- buf:
			default:
			}
		}
	}()
	w := &spillWriter{dirs: s, path: p, buf: buf}
	err := write(w)
	if err == nil && w.f != nil {
		err = w.w.Flush()
	}
	if w.f == nil {
		w.sum.Write(buf.Bytes())
	}
	if w.f != nil {
		if cerr := w.f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return store.File{}, err
	}
	e := store.File{Size: w.size, Sum: w.sum.Sum()}
	if w.f == nil && !s.unchanged(p, prev, e) {
		err = s.writeFile(p, buf.Bytes())
	}
	return e, err
}

// spillWriter holds what is written to it in buf until it is more than
// spillSize: it then writes it all to the file and goes on writing there.
// The checksum is of buf once made, or of what goes to the file, in
// large pieces: a template writes many short strings, and a checksum of
// each costs more than of them together.
type spillWriter struct {
	dirs *dirSet
	path string
	buf  *bytes.Buffer
	f    *os.File
	w    *bufio.Writer
	sum  store.Summer
	size int64
}

func (w *spillWriter) Write(p []byte) (int, error) {
	w.size += int64(len(p))
	if w.f == nil {
		if w.buf.Len()+len(p) <= spillSize {
			return w.buf.Write(p)
		}
		if err := w.dirs.ensure(path.Dir(w.path)); err != nil {
			return 0, err
		}
		f, err := os.OpenFile(filepath.Join(w.dirs.root, filepath.FromSlash(w.path)), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
		if err != nil {
			return 0, err
		}
		w.f, w.w = f, bufio.NewWriterSize(io.MultiWriter(&w.sum, f), 1<<20)
		w.dirs.stats.written.Add(1)
		if _, err := w.w.Write(w.buf.Bytes()); err != nil {
			return 0, err
		}
		w.buf.Reset()
	}
	return w.w.Write(p)
}

// sameSize reports whether the file p of dir is there with the size the
// manifest gives, as a check that nobody removed or changed it since.
func sameSize(dir, p string, size int64) bool {
	info, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(p)))
	return err == nil && info.Mode().IsRegular() && info.Size() == size
}

// removeGone deletes the files of prev that next does not have, then the
// folders that held only those.
func removeGone(dir string, prev, next store.Manifest) error {
	var gone []string
	for p := range prev {
		if _, ok := next[p]; !ok {
			gone = append(gone, p)
		}
	}
	if len(gone) == 0 {
		return nil
	}
	slices.Sort(gone)
	var mu sync.Mutex
	var errs []error
	par.For(len(gone), func(i int) {
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(gone[i]))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			mu.Lock()
			errs = append(errs, err)
			mu.Unlock()
		}
	})
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	kept := map[string]bool{}
	for p := range next {
		for d := path.Dir(p); d != "." && !kept[d]; d = path.Dir(d) {
			kept[d] = true
		}
	}
	empty := map[string]bool{}
	for _, p := range gone {
		for d := path.Dir(p); d != "." && !kept[d]; d = path.Dir(d) {
			empty[d] = true
		}
	}
	// Deepest first, so that a folder is empty when its turn comes.
	ds := slices.Sorted(maps.Keys(empty))
	slices.Reverse(ds)
	for _, d := range ds {
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(d))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// dirSet creates the folders of an output as files need them, once each,
// so that workers make folders while others render. It is safe for
// concurrent use: of two workers that need a folder at once (a case
// study's page and its citation files, say), one creates it and the other
// waits, rather than both asking the system and one being refused.
type dirSet struct {
	root string
	mu   sync.Mutex
	made map[string]*dirOnce // folders made or being made, with slashes; "." is root

	stats  struct{ kept, remade, written atomic.Int64 } // see Stats
	mkdirs atomic.Int64                                 // folders asked of the system
}

// dirOnce is the making of one folder.
type dirOnce struct {
	once sync.Once
	err  error
}

// existingDir is a dirOnce for a folder that exists.
func existingDir() *dirOnce {
	d := new(dirOnce)
	d.once.Do(func() {})
	return d
}

func newDirSet(root string, prev store.Manifest) *dirSet {
	s := &dirSet{root: root, made: map[string]*dirOnce{".": existingDir()}}
	for p := range prev {
		for d := path.Dir(p); d != "." && s.made[d] == nil; d = path.Dir(d) {
			s.made[d] = existingDir()
		}
	}
	return s
}

// ensure creates folder d and its parents where they are not known to
// exist.
func (s *dirSet) ensure(d string) error {
	s.mu.Lock()
	o := s.made[d]
	if o == nil {
		o = new(dirOnce)
		s.made[d] = o
	}
	s.mu.Unlock()
	o.once.Do(func() {
		if o.err = s.ensure(path.Dir(d)); o.err != nil {
			return
		}
		s.mkdirs.Add(1)
		if err := os.Mkdir(filepath.Join(s.root, filepath.FromSlash(d)), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			o.err = err
		}
	})
	return o.err
}

// writeFile writes b to the file p of the output, creating its folder
// where needed and replacing the file where there is one.
func (s *dirSet) writeFile(p string, b []byte) error {
	if err := s.ensure(path.Dir(p)); err != nil {
		return err
	}
	s.stats.written.Add(1)
	return writeFile(filepath.Join(s.root, filepath.FromSlash(p)), b)
}
