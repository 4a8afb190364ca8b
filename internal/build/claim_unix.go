//go:build unix

package build

import "syscall"

// claimRename renames folder from onto to, an empty folder, in one step
// (rename replaces an empty folder): of two processes that claim the
// same folder, one gets it.
func claimRename(from, to string) error { return syscall.Rename(from, to) }
