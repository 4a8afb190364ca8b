package store

// renameOpenFile tells whether a file may be renamed while it is open:
// not on Windows, which refuses to rename a file that package os opened.
const renameOpenFile = false
