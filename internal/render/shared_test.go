package render

import "testing"

// TestSharedLetGo checks that a shared value is made once for its users,
// let go when the last is done, and made again by a use after that.
func TestSharedLetGo(t *testing.T) {
	made := 0
	s := newShared(3, func() *[]byte {
		made++
		b := make([]byte, 1<<20)
		return &b
	})
	first := s.get()
	for range 3 {
		if s.get() != first {
			t.Fatal("a user got another value than the first")
		}
		s.done()
	}
	if made != 1 {
		t.Errorf("made %d times for three users, want once", made)
	}
	if s.made || s.v != nil {
		t.Error("the value is held after its last user is done")
	}
	if s.get() == nil || made != 2 {
		t.Errorf("a use after the last made it %d times in all, want 2", made)
	}
}
