package store

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// goneProcess is the id of a process that has ended.
func goneProcess(t *testing.T) int {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// TestProcessGone asks about this process, the one that started it, and
// one that has ended.
func TestProcessGone(t *testing.T) {
	if ProcessGone(os.Getpid()) {
		t.Error("ProcessGone says this process has ended")
	}
	if ProcessGone(os.Getppid()) {
		t.Error("ProcessGone says the process that started this one has ended")
	}
	if pid := goneProcess(t); !ProcessGone(pid) {
		t.Errorf("ProcessGone(%d) says a process that has ended is running", pid)
	}
}

// TestLockFile locks a file through one open file and fails to lock it
// through another until the first is closed.
func TestLockFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cache")
	if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	f1, err := os.OpenFile(p, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f1.Close()
	if err := lockFile(f1); errors.Is(err, errNoLock) {
		t.Skip("no locks on this system")
	} else if err != nil {
		t.Fatal(err)
	}
	f2, err := os.OpenFile(p, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f2.Close()
	if err := lockFile(f2); err != errLocked {
		t.Fatalf("locking a file locked through another open file: %v, want errLocked", err)
	}
	f1.Close()
	if err := lockFile(f2); err != nil {
		t.Fatalf("locking a file once its lock is let go: %v", err)
	}
}

// TestSpoolRenameOnClose saves a cache as on Windows, which cannot
// rename the spool while it is open: close renames it.
func TestSpoolRenameOnClose(t *testing.T) {
	dir := t.TempDir()
	cache := filepath.Join(dir, ".public.cache")
	s, err := newSpool(1, cache)
	if err != nil {
		t.Fatal(err)
	}
	s.Put(0, "<p>site</p>", "<p>book</p>", "text")
	name := s.f.Name()
	s.renameTo = cache
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(cache)
	if err != nil || !bytes.Equal(b, []byte("<p>site</p><p>book</p>text")) {
		t.Fatalf("the cache after close: %q, %v", b, err)
	}
	if _, err := os.Stat(name); !os.IsNotExist(err) {
		t.Errorf("the spool %s is still there: %v", name, err)
	}
}
