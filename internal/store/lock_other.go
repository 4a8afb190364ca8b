//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || windows)

package store

import "os"

// lockFile would lock f; this system has no locks that buildbook uses,
// and a build behaves as on a file system without them.
func lockFile(f *os.File) error { return errNoLock }
