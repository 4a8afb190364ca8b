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
type cachedFS struct {
	disk fs.FS

	mu    sync.Mutex
	gen   uint64 // counts forgets: a read that began before one is not kept
	files map[string][]byte
	stats map[string]fs.FileInfo
	dirs  map[string][]fs.DirEntry
}

func newCachedFS(dir string) *cachedFS {
	c := &cachedFS{disk: os.DirFS(dir)}
	c.forgetAll()
	return c
}

// forget drops what the cache holds about name, its folder's listing, and
// everything under it when it is a folder. name has slashes, relative to
// the root, "." for the root.
func (c *cachedFS) forget(name string) {
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

// forgetAll empties the cache, when the watcher may have missed changes.
func (c *cachedFS) forgetAll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.files = map[string][]byte{}
	c.stats = map[string]fs.FileInfo{}
	c.dirs = map[string][]fs.DirEntry{}
}

// Open opens a file from disk: Open is for what is read in a stream
// (attachments being served); ReadFile, Stat and ReadDir use the cache.
func (c *cachedFS) Open(name string) (fs.File, error) { return c.disk.Open(name) }

// ReadFile returns the bytes of name, from memory when they are there.
func (c *cachedFS) ReadFile(name string) ([]byte, error) {
	c.mu.Lock()
	b, ok := c.files[name]
	gen := c.gen
	c.mu.Unlock()
	if ok {
		return b, nil
	}
	b, err := fs.ReadFile(c.disk, name)
	if err == nil && len(b) <= maxCachedFile {
		c.mu.Lock()
		if c.gen == gen {
			c.files[name] = b
		}
		c.mu.Unlock()
	}
	return b, err
}

// Stat returns the file information of name.
func (c *cachedFS) Stat(name string) (fs.FileInfo, error) {
	c.mu.Lock()
	info, ok := c.stats[name]
	gen := c.gen
	c.mu.Unlock()
	if ok {
		return info, nil
	}
	info, err := fs.Stat(c.disk, name)
	if err == nil {
		c.mu.Lock()
		if c.gen == gen {
			c.stats[name] = info
		}
		c.mu.Unlock()
	}
	return info, err
}

// ReadDir lists the folder name, sorted by file name.
func (c *cachedFS) ReadDir(name string) ([]fs.DirEntry, error) {
	c.mu.Lock()
	entries, ok := c.dirs[name]
	gen := c.gen
	c.mu.Unlock()
	if ok {
		return entries, nil
	}
	entries, err := fs.ReadDir(c.disk, name)
	if err == nil {
		c.mu.Lock()
		if c.gen == gen {
			c.dirs[name] = entries
		}
		c.mu.Unlock()
	}
	return entries, err
}

// ReadLink and Lstat go to disk: symbolic links are rare in content.
func (c *cachedFS) ReadLink(name string) (string, error) { return fs.ReadLink(c.disk, name) }

// Lstat returns the file information of name without following a link.
func (c *cachedFS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(c.disk, name) }

var (
	_ fs.ReadFileFS = (*cachedFS)(nil)
	_ fs.StatFS     = (*cachedFS)(nil)
	_ fs.ReadDirFS  = (*cachedFS)(nil)
	_ fs.ReadLinkFS = (*cachedFS)(nil)
)
