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
// ones created later.
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
		if err := w.addTree(abs); err != nil {
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
			if !ok || ignoredName(filepath.Base(ev.Name)) {
				continue // editors' swap and backup files are never read
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() && !ignoredName(filepath.Base(ev.Name)) {
					// Files may already be in a new folder before it is
					// watched: read it all again.
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
