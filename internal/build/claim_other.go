//go:build !unix

package build

// claimRename renames folder from onto to, an empty folder. A rename
// here does not replace a folder: to is removed first (claimByRenames).
func claimRename(from, to string) error { return claimByRenames(from, to) }
