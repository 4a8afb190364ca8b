package build

import "golang.org/x/sys/unix"

// exchange swaps folders a and b in one atomic step (renameat2 with
// RENAME_EXCHANGE). It fails on file systems that cannot, and on kernels
// older than 3.15.
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
