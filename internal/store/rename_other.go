//go:build !windows

package store

// renameOpenFile tells whether a file may be renamed while it is open:
// yes, everywhere but on Windows.
const renameOpenFile = true
