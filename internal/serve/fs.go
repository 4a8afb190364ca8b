package serve

import (
	"io/fs"
	"os"
	"path"
	"strings"
	"sync"
)

// maxCachedFile is the largest file a cachedFS keeps in memory: every
// Markdown and YAML file (at most 1 MiB), and small images.
const maxCachedFile = 1 << 20

// cachedFS is a folder on disk, read through a cache that the watcher
// empties, path by path, as files change. A rebuild then reads from
// memory every file that did not change, instead of opening thousands of
// files again. It is safe for concurrent use.
//
// The folder is read as a build reads it (build.ContentFS): through an
// os.Root, which follows symbolic links as the kernel does and refuses
// any that leads out of the folder, so that serve publishes nothing that
// build would not.
type cachedFS struct {
	dir string

	mu    sync.Mutex
	disk  fs.FS  // the folder's os.Root; replaced by forgetAll
	gen   uint64 // counts forgets: a read that began before one is not kept
	files map[string][]byte
	stats map[string]fs.FileInfo
	dirs  map[string][]fs.DirEntry
}

func newCachedFS(dir string) *cachedFS {
	c := &cachedFS{dir: dir}
	c.forgetAll()
	return c
}

// root returns the file system of the folder as last opened.
func (c *cachedFS) root() fs.FS {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.disk
}

// missingFS is a folder that could not be opened: it holds nothing.
type missingFS struct{ err error }

func (m missingFS) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: m.err}
}

// forget drops what the cache holds about name, its folder's listing, and
// everything under it when it is a folder. name has slashes, relative to
// the root, "." for the root (which forgets all, and opens the folder
// again).
func (c *cachedFS) forget(name string) {
	if name == "." {
		c.forgetAll()
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	delete(c.files, name)
	delete(c.stats, name)
	delete(c.dirs, name)
	delete(c.dirs, path.Dir(name))
	prefix := name + "/"
	if name == "." {
		prefix = ""
	}
	for k := range c.files {
		if strings.HasPrefix(k, prefix) {
			delete(c.files, k)
		}
	}
	for k := range c.stats {
		if strings.HasPrefix(k, prefix) {
			delete(c.stats, k)
		}
	}
	for k := range c.dirs {
		if strings.HasPrefix(k, prefix) {
			delete(c.dirs, k)
		}
	}
}

// forgetAll empties the cache, when the watcher may have missed changes,
// and opens the folder again, in case it was replaced.
func (c *cachedFS) forgetAll() {
	var disk fs.FS
	if r, err := os.OpenRoot(c.dir); err == nil {
		disk = r.FS() // the previous root is closed when collected
	} else {
		disk = missingFS{err}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.disk = disk
	c.gen++
	c.files = map[string][]byte{}
	c.stats = map[string]fs.FileInfo{}
	c.dirs = map[string][]fs.DirEntry{}
}

// Open opens a file from disk: Open is for what is read in a stream
// (attachments being served); ReadFile, Stat and ReadDir use the cache.
func (c *cachedFS) Open(name string) (fs.File, error) { return c.root().Open(name) }

// Lstat returns the file information of name, without following a last
// symbolic link. Links are few, and the loader follows each one to check
// where it leads: this is not cached, nor is ReadLink.
func (c *cachedFS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(c.root(), name) }

// ReadLink returns the target of the symbolic link name.
func (c *cachedFS) ReadLink(name string) (string, error) { return fs.ReadLink(c.root(), name) }

// ReadFile returns the bytes of name, from memory when they are there.
func (c *cachedFS) ReadFile(name string) ([]byte, error) {
	return cached(c, func() map[string][]byte { return c.files }, name, func() ([]byte, error) { return fs.ReadFile(c.root(), name) },
		func(b []byte) bool { return len(b) <= maxCachedFile })
}

// Stat returns the file information of name.
func (c *cachedFS) Stat(name string) (fs.FileInfo, error) {
	return cached(c, func() map[string]fs.FileInfo { return c.stats }, name, func() (fs.FileInfo, error) { return fs.Stat(c.root(), name) }, nil)
}

// ReadDir lists the folder name, sorted by file name.
func (c *cachedFS) ReadDir(name string) ([]fs.DirEntry, error) {
	return cached(c, func() map[string][]fs.DirEntry { return c.dirs }, name, func() ([]fs.DirEntry, error) { return fs.ReadDir(c.root(), name) }, nil)
}

// cached returns the entry for name in the map that field picks (under
// the lock, since forgetAll replaces the maps), or loads it from disk and
// keeps it when keep (nil: always) allows and no forget happened while it
// was being read.
func cached[T any](c *cachedFS, field func() map[string]T, name string, load func() (T, error), keep func(T) bool) (T, error) {
	c.mu.Lock()
	v, ok := field()[name]
	gen := c.gen
	c.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := load()
	if err == nil && (keep == nil || keep(v)) {
		c.mu.Lock()
		if c.gen == gen {
			field()[name] = v
		}
		c.mu.Unlock()
	}
	return v, err
}
