package build

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// Marker is the file that marks a folder as buildbook's output. buildbook
// replaces only an output folder that has it, or an empty one, so that a
// mistaken --out never deletes anyone's files.
const Marker = ".buildbook-output"

// Write writes the compiled site to out atomically: every file goes into a
// new folder beside out, which then takes out's place in one rename. Until
// that rename, out is as it was; if the process dies before it, the next
// build removes the leftover folder.
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
	stage, err := os.MkdirTemp(parent, "."+base+".building-"+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(stage)
		}
	}()
	if err := os.Chmod(stage, 0o755); err != nil {
		return err
	}
	if err := writeFiles(c, fsys, stage); err != nil {
		return err
	}
	if err := swap(stage, out); err != nil {
		return err
	}
	ok = true
	return nil
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
	if _, err := os.Stat(filepath.Join(out, Marker)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("--out %s has files that buildbook did not write (no %s in it): it would replace them all, so it stops; empty the folder or choose another", out, Marker)
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
		if pid != os.Getpid() && syscall.Kill(pid, 0) == syscall.ESRCH {
			os.RemoveAll(m)
		}
	}
	matches, _ = filepath.Glob(filepath.Join(parent, "."+base+".old-*"))
	for _, m := range matches {
		os.RemoveAll(m)
	}
}

// swap puts stage in out's place. On Linux the two folders are exchanged
// in one atomic step; elsewhere out is moved aside first.
func swap(stage, out string) error {
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(stage, out)
	}
	if err := unix.Renameat2(unix.AT_FDCWD, stage, unix.AT_FDCWD, out, unix.RENAME_EXCHANGE); err == nil {
		return os.RemoveAll(stage) // stage now holds the old output
	}
	old := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".old-"+strconv.Itoa(os.Getpid()))
	if err := os.Rename(out, old); err != nil {
		return err
	}
	if err := os.Rename(stage, out); err != nil {
		_ = os.Rename(old, out)
		return err
	}
	return os.RemoveAll(old)
}

// writeFiles runs every job and copies every asset into dir, on all cores.
func writeFiles(c *Compiled, fsys fs.FS, dir string) error {
	type task struct {
		path string
		run  func(w io.Writer) error
		data func() ([]byte, error)
	}
	var tasks []task
	for _, j := range c.Jobs {
		tasks = append(tasks, task{path: j.Path, data: j.Make})
	}
	for _, src := range slices.Sorted(mapKeys(c.Assets)) {
		tasks = append(tasks, task{path: c.Assets[src], run: func(w io.Writer) error {
			f, err := fsys.Open(src)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = io.Copy(w, f)
			return err
		}})
	}
	tasks = append(tasks, task{path: Marker, data: func() ([]byte, error) {
		return []byte("This folder is written by buildbook and replaced whole by each build.\n"), nil
	}})

	// Folders first, in order, so that workers only create files.
	dirs := map[string]bool{}
	for _, t := range tasks {
		dirs[filepath.Dir(filepath.Join(dir, filepath.FromSlash(t.path)))] = true
	}
	for _, d := range slices.Sorted(mapKeys(dirs)) {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	var mu sync.Mutex
	var errs []error
	parallel(len(tasks), func(i int) {
		t := tasks[i]
		p := filepath.Join(dir, filepath.FromSlash(t.path))
		var err error
		if t.data != nil {
			var b []byte
			if b, err = t.data(); err == nil {
				err = os.WriteFile(p, b, 0o644)
			}
		} else {
			var f *os.File
			if f, err = os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644); err == nil {
				err = t.run(f)
				if cerr := f.Close(); err == nil {
					err = cerr
				}
			}
		}
		if err != nil {
			mu.Lock()
			errs = append(errs, fmt.Errorf("%s: %w", t.path, err))
			mu.Unlock()
		}
	})
	if len(errs) > 0 {
		slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
		return errors.Join(errs...)
	}
	return nil
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
