// Package atomicfile writes a file whole or not at all: the bytes go to a
// temporary file beside it, which is renamed over the name only once it
// is written and closed, so that a failed or interrupted run never leaves
// half a PDF or EPUB where the last good one was.
package atomicfile

import (
	"os"
	"path/filepath"
)

// Write writes b to name, making its folder if need be.
func Write(name string, b []byte) error {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), name)
}
