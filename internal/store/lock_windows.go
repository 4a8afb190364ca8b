package store

import (
	"os"

	"golang.org/x/sys/windows"
)

// lockFile takes an exclusive lock on the whole of f without waiting
// (LockFileEx). The lock ends when f is closed. It returns errLocked when
// another open file holds it, and errNoLock when the file system has no
// locks. Windows' locks are mandatory: until then, no other process can
// read or write the file, which a build that finds it locked does not.
func lockFile(f *os.File) error {
	var ol windows.Overlapped
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, ^uint32(0), ^uint32(0), &ol)
	switch err {
	case nil:
		return nil
	case windows.ERROR_LOCK_VIOLATION, windows.ERROR_IO_PENDING:
		return errLocked
	}
	return errNoLock
}
