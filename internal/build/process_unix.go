//go:build unix

package build

import "syscall"

// processGone reports whether no process has the id pid (kill with
// signal 0, which tells without sending one).
func processGone(pid int) bool {
	return pid > 0 && syscall.Kill(pid, 0) == syscall.ESRCH
}
