package ids

import (
	"regexp"
	"testing"
)

func TestIDs(t *testing.T) {
	for _, c := range []struct{ slug, frag, want string }{
		{"oak", "", "cs-oak"},
		{"oak", "plan", "oak--plan"},
		{"oak", "fn:1", "oak-fn:1"},
		{"oak", "fnref:12", "oak-fnref:12"},
		{"oak", "fnref2:3", "oak-fnref2:3"},
		{"oak", "fn-1", "oak--fn-1"},
		{"oak", "fn:", "oak--fn:"},
	} {
		if got := Book(c.slug, c.frag); got != c.want {
			t.Errorf("Book(%q, %q) = %q, want %q", c.slug, c.frag, got, c.want)
		}
	}
}

// TestIsFootnote compares IsFootnote with the pattern it replaces, on
// ids near the edge of it.
func TestIsFootnote(t *testing.T) {
	re := regexp.MustCompile(`^fn(ref\d*)?:\d+$`)
	for _, id := range []string{
		"", "fn", "fn:", "fn:1", "fn:12", "fn:1a", "fnref:1", "fnref12:3", "fnref:", "fnref", "fnre:1",
		"xfn:1", "fn::1", "fn1:1", "fnref1", "fnref1:", "fnref:1:2", "FN:1", "fn:٣",
	} {
		if got, want := IsFootnote(id), re.MatchString(id); got != want {
			t.Errorf("IsFootnote(%q) = %v, want %v", id, got, want)
		}
	}
}

func FuzzIsFootnote(f *testing.F) {
	re := regexp.MustCompile(`^fn(ref\d*)?:\d+$`)
	for _, s := range []string{"fn:1", "fnref2:3", "fn:", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		if got, want := IsFootnote(id), re.MatchString(id); got != want {
			t.Errorf("IsFootnote(%q) = %v, want %v", id, got, want)
		}
	})
}
