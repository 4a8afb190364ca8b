//go:build linux || darwin

package build

import (
	"io/fs"

	"golang.org/x/sys/unix"
)

// A build writes tens of thousands of small files. os.OpenFile makes each
// file ready for the runtime's poller, which costs five system calls more
// than the open, write and close that a regular file needs; writeFile
// makes only those. (Content is read through os.Root: see ContentFS.)

// writeFile writes b to the file name, creating it or cutting it short.
func writeFile(name string, b []byte) error {
	fd, err := openRetry(name, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for len(b) > 0 {
		n, err := unix.Write(fd, b)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			unix.Close(fd)
			return &fs.PathError{Op: "write", Path: name, Err: err}
		}
		b = b[n:]
	}
	if err := unix.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}

func openRetry(name string, flags int, mode uint32) (int, error) {
	for {
		fd, err := unix.Open(name, flags, mode)
		if err != unix.EINTR {
			return fd, err
		}
	}
}
