package render

import (
	"testing"

	"buildbook/templates"
)

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

// TestCardUses renders every file of a site whose case studies have
// related case studies and several pages of lists, and checks that every
// card's HTML was let go after the last list that shows it: counted
// neither too few times (it would be written again, and then kept) nor
// too many (kept to the end).
func TestCardUses(t *testing.T) {
	in := browseSite(130)
	r, err := New(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	m := r.newModels(in)
	m.countCardUses()
	for _, j := range r.jobs(m) {
		if _, err := j.Make(); err != nil {
			t.Fatalf("%s: %v", j.Path, err)
		}
	}
	for _, c := range m.cards {
		if h := c.html; h.made || h.uses != 0 {
			t.Errorf("card %s: held %v, %d uses left after every file was made, want let go with 0", c.Slug, h.made, h.uses)
		}
	}
}
