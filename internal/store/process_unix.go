//go:build unix

package store

import "syscall"

// ProcessGone reports whether no process has the id pid (kill with
// signal 0, which tells without sending one).
func ProcessGone(pid int) bool {
	return pid > 0 && syscall.Kill(pid, 0) == syscall.ESRCH
}
