package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"

	"buildbook/internal/store"
)

// Platform code. A build does a few things that operating systems do
// differently, each behind a small function with a fast path in a
// build-tagged file and a portable fallback in this one. The fallbacks
// are compiled on every system, so that their tests run on Linux too:
//
//   - exchange swaps two folders in one step: renameat2 with
//     RENAME_EXCHANGE on Linux (exchange_linux.go); elsewhere it fails
//     and swapByRenames moves them one after the other.
//   - writeFile: open, write and close alone on Linux and macOS
//     (fileio_unix.go); writeFileOS, with package os, elsewhere.
//   - claimRename renames a folder onto an empty one, which Unix does in
//     one step (claim_unix.go) and Windows does not (claim_other.go).
//
// The store's platform code (file locks, whether a process has ended,
// renaming an open file) is in internal/store, beside what uses it;
// store.ProcessGone also tells whether a build that left a folder here
// is still running.

// writeFileOS writes b to the file name, creating it or cutting it short,
// with package os.
func writeFileOS(name string, b []byte) error { return os.WriteFile(name, b, 0o644) }

// claimByRenames renames folder from onto to, an empty folder, in two
// steps: to is removed, then from renamed in its place. Of two processes
// that claim the same folder, one gets it: the other's rename fails, as
// from is gone.
func claimByRenames(from, to string) error {
	if _, err := os.Lstat(from); err != nil {
		return err
	}
	if err := os.Remove(to); err != nil {
		return err
	}
	if err := os.Rename(from, to); err != nil {
		// to must exist again, empty, whatever happened.
		_ = os.Mkdir(to, 0o755)
		return err
	}
	return nil
}

// oldSeq numbers the folders that swapByRenames moves the old output to,
// so that two of one process never have the same name.
var oldSeq atomic.Int64

// oldPrefix starts the name of a folder that swapByRenames moves output
// folder base into; the process id and a number follow.
func oldPrefix(base string) string { return "." + base + ".old-" }

// swapByRenames puts stage in out's place, and out's folder at spare, by
// renaming one after the other: out to .<out>.old-<pid>-<n>, stage to
// out, then the old folder to spare. Each rename is atomic, the sequence
// is not: should the build stop between the first two, there is no out
// for a moment, and the next build puts the old folder back first (see
// recoverOld). This is how out is replaced on systems without an
// exchange of two folders, and on Windows, where a folder cannot be
// renamed over another, nor while a file in it is open.
func swapByRenames(stage, out, spare string) error {
	dir, base := filepath.Dir(out), filepath.Base(out)
	old := filepath.Join(dir, oldPrefix(base)+strconv.Itoa(os.Getpid())+"-"+strconv.FormatInt(oldSeq.Add(1), 10))
	if err := os.Rename(out, old); err != nil {
		return inUse(out, err)
	}
	if err := os.Rename(stage, out); err != nil {
		if rerr := os.Rename(old, out); rerr != nil {
			return fmt.Errorf("cannot replace the output folder %s (%w), nor put it back (%v): the last output is now %s; the next build puts it back, or rename it %s", out, err, rerr, old, out)
		}
		return inUse(out, err)
	}
	if os.Rename(old, spare) != nil {
		return os.RemoveAll(old)
	}
	return nil
}

// inUse explains err, a failure to rename output folder out, in the words
// of what most often causes it.
func inUse(out string, err error) error {
	return fmt.Errorf("cannot replace the output folder %s (%w): close any program or window that has a file or folder in it open, then build again; the output is as it was", out, err)
}

// recoverOld deals with the folders that swapByRenames left beside
// output folder base in parent when a build stopped half way. A build
// that stopped after moving the output aside and before putting the new
// one in its place left no output: its old folder becomes the output
// again. Otherwise the old folder becomes the spare when there is none,
// and is removed when there is. The folders of a build still running are
// left alone.
func recoverOld(parent, base string) {
	matches, _ := filepath.Glob(filepath.Join(parent, oldPrefix(base)+"*"))
	out := filepath.Join(parent, base)
	spare := filepath.Join(parent, spareName(base))
	for _, m := range matches {
		rest := strings.TrimPrefix(filepath.Base(m), oldPrefix(base))
		pid, err := strconv.Atoi(strings.SplitN(rest, "-", 2)[0])
		mine := err == nil && pid == os.Getpid()
		if err == nil && !mine && !store.ProcessGone(pid) {
			continue // a build that is swapping now
		}
		if _, err := os.Lstat(out); os.IsNotExist(err) && !mine {
			if _, err := os.Stat(filepath.Join(m, store.Marker)); err == nil && os.Rename(m, out) == nil {
				continue
			}
		}
		if _, err := os.Lstat(spare); os.IsNotExist(err) && os.Rename(m, spare) == nil {
			continue
		}
		os.RemoveAll(m)
	}
}
