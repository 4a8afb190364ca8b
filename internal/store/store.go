// Package store keeps what a build keeps: the bodies it converted, while
// it renders them and for the next build, and what it wrote.
//
//   - A Spool holds the converted bodies of a large site in a file rather
//     than in memory, and gives them back by document (spool.go).
//   - A Cache is the last build's spool, kept beside the output with an
//     index of what each document was converted from, so that a document
//     that did not change is not converted again (cache.go).
//   - A Memo keeps the conversions of one compile for the next, in memory,
//     as serve compiles again after every edit (memo.go).
//   - A Digest makes the keys that tell whether a page must be made again
//     (digest.go); a Manifest lists the files of an output folder with
//     their sizes, checksums and keys, in its Marker file (manifest.go).
//
// The store knows nothing of Markdown, pages or links: what a document's
// conversion found is bytes to it, that the build encodes and decodes.
// The few things that operating systems do differently (locks, process
// liveness, renaming an open file) are behind build-tagged files.
package store

import (
	"errors"
	"hash/crc32"
	"io"
	"os"
	"sync"
)

// Checksum is a 64-bit digest of b (CRC-32C and CRC-32, both computed by
// the processor on most machines): enough to tell a changed file from an
// unchanged one, and fast enough not to show in a build's time.
func Checksum(b []byte) uint64 {
	return uint64(crc32.Checksum(b, castagnoli))<<32 | uint64(crc32.ChecksumIEEE(b))
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Summer computes Checksum of what is written to it, a piece at a time.
// The zero Summer has had nothing written.
type Summer struct{ c, i uint32 }

// Write adds p to what is summed; it never fails.
func (s *Summer) Write(p []byte) (int, error) {
	s.c = crc32.Update(s.c, castagnoli, p)
	s.i = crc32.Update(s.i, crc32.IEEETable, p)
	return len(p), nil
}

// Sum is the Checksum of everything written so far.
func (s *Summer) Sum() uint64 { return uint64(s.c)<<32 | uint64(s.i) }

// ExecutableSum is a checksum of the running executable, or 0 when it
// cannot be read. A cache is used only by the executable that wrote it,
// and a page key includes it: without it, nothing is cached or keyed.
//
// The executable is read a piece at a time: read whole, its tens of
// megabytes would add as much to every build's peak memory.
var ExecutableSum = sync.OnceValue(func() uint64 {
	p, err := os.Executable()
	if err != nil {
		return 0
	}
	f, err := os.Open(p)
	if err != nil {
		return 0
	}
	defer f.Close()
	var s Summer
	if _, err := io.Copy(&s, f); err != nil {
		return 0
	}
	return s.Sum()
})

// errNoLock is lockFile's error where the system or the file system has
// no locks.
var errNoLock = errors.New("no file locks here")

// errLocked is lockFile's error when another process holds the lock.
var errLocked = errors.New("locked by another process")
