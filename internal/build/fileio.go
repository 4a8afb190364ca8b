package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// dirFS is os.DirFS(dir), with every interface it implements, whose
// ReadFile is readFile.
type dirFS struct {
	dir  string
	fsys fs.FS // os.DirFS(dir)
}

func newDirFS(dir string) dirFS { return dirFS{dir: dir, fsys: os.DirFS(dir)} }

func (d dirFS) Open(name string) (fs.File, error) { return d.fsys.Open(name) }

func (d dirFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(d.fsys, name) }

func (d dirFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(d.fsys, name) }

func (d dirFS) ReadLink(name string) (string, error) { return fs.ReadLink(d.fsys, name) }

func (d dirFS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(d.fsys, name) }

func (d dirFS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrInvalid}
	}
	b, err := readFile(filepath.Join(d.dir, filepath.FromSlash(name)))
	var pe *fs.PathError
	if errors.As(err, &pe) {
		pe.Path = name // as os.DirFS names it
	}
	return b, err
}
