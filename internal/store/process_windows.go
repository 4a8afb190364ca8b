package store

import "golang.org/x/sys/windows"

// stillActive is the exit code GetExitCodeProcess gives for a process
// that has not ended (STILL_ACTIVE).
const stillActive = 259

// ProcessGone reports whether the process with the id pid has ended:
// there is none (OpenProcess fails with ERROR_INVALID_PARAMETER), or it
// has an exit code. When Windows does not say, it is taken to be running.
func ProcessGone(pid int) bool {
	if pid <= 0 {
		return false
	}
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, uint32(pid))
	if err == windows.ERROR_INVALID_PARAMETER {
		return true
	}
	if err != nil {
		return false // access denied: it exists
	}
	defer windows.CloseHandle(h)
	var code uint32
	if err := windows.GetExitCodeProcess(h, &code); err != nil {
		return false
	}
	return code != stillActive
}
