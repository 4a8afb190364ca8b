package serve

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/fsnotify/fsnotify"
)

// watcher reports changes under a set of folders, watching each of their
// subfolders (inotify and its kin watch one folder at a time) and the
// ones created later. It also watches the folder that holds each root, so
// that a root deleted or moved away and made again (rm -rf and a copy,
// git checkout, a sync tool) is watched again.
type watcher struct {
	w     *fsnotify.Watcher
	roots []string // absolute, cleaned
}

// change is a changed path under one of the roots; rel is "" when
// changes may have been missed and everything must be read again.
type change struct {
	root int
	rel  string // with slashes, "." for the root itself
}

// newWatcher watches the folders roots. A root that does not exist yet is
// watched once it is made.
func newWatcher(roots []string) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{w: fw}
	for _, r := range roots {
		abs, err := filepath.Abs(r)
		if err != nil {
			fw.Close()
			return nil, err
		}
		w.roots = append(w.roots, abs)
		// Without its parent, a root that is made again goes unseen; a
		// parent that cannot be watched costs only that.
		if parent := filepath.Dir(abs); parent != abs {
			_ = fw.Add(parent)
		}
		if err := w.addTree(abs); err != nil && !errors.Is(err, fs.ErrNotExist) {
			fw.Close()
			return nil, err
		}
	}
	return w, nil
}

// addTree watches dir and every folder under it that the content loader
// does not ignore.
func (w *watcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // gone meanwhile, or unreadable: the build reports it
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && ignoredName(d.Name()) {
			return fs.SkipDir
		}
		return w.w.Add(p)
	})
}

// dropTree stops watching dir and the folders under it, after dir was
// deleted or moved away: a watch follows a moved folder, and would report
// its changes under the old name.
func (w *watcher) dropTree(dir string) {
	for _, p := range w.w.WatchList() {
		if p == dir || strings.HasPrefix(p, dir+string(filepath.Separator)) {
			_ = w.w.Remove(p)
		}
	}
}

func ignoredName(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")
}

// run sends each change to out until the watcher is closed.
func (w *watcher) run(out chan<- change) {
	for {
		select {
		case ev, ok := <-w.w.Events:
			if !ok {
				return
			}
			c, ok := w.locate(ev.Name)
			if !ok {
				continue // a neighbour of a root, in the folder that holds it
			}
			if c.rel != "." && ignoredName(filepath.Base(ev.Name)) {
				continue // editors' swap and backup files are never read
			}
			if c.rel == "." && ev.Has(fsnotify.Remove|fsnotify.Rename) {
				w.dropTree(w.roots[c.root])
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					// Files may already be in a new folder before it is
					// watched: the change makes the build read it all
					// again.
					_ = w.addTree(ev.Name)
				}
			}
			out <- c
		case err, ok := <-w.w.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				for i := range w.roots {
					out <- change{root: i}
				}
			}
		}
	}
}

// locate finds the root that holds p.
func (w *watcher) locate(p string) (change, bool) {
	for i, r := range w.roots {
		if rel, err := filepath.Rel(r, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return change{root: i, rel: filepath.ToSlash(rel)}, true
		}
	}
	return change{}, false
}

func (w *watcher) close() error { return w.w.Close() }
