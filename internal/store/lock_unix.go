//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package store

import (
	"os"

	"golang.org/x/sys/unix"
)

// lockFile takes an exclusive lock on f without waiting (flock). The lock
// ends when f is closed. It returns errLocked when another open file
// holds it, and errNoLock when the file system has no locks.
func lockFile(f *os.File) error {
	err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	switch err {
	case nil:
		return nil
	case unix.EWOULDBLOCK:
		return errLocked
	}
	return errNoLock
}
