package epub

import "testing"

func TestXMLName(t *testing.T) {
	for _, c := range []struct{ id, want string }{
		{"cs-alpha", "cs-alpha"},
		{"alpha-fn:1", "alpha-fn-1"},
		{"2024-review--2024-in-numbers", "x-2024-review--2024-in-numbers"},
		{"café--à-propos", "caf-----propos"},
		{"-x", "x--x"},
		{"", "x"},
		{"_a.b", "_a.b"},
	} {
		if got := xmlName(c.id); got != c.want {
			t.Errorf("xmlName(%q) = %q, want %q", c.id, got, c.want)
		}
	}
}

func TestFit(t *testing.T) {
	for _, c := range []struct{ w, h, ww, wh int }{
		{800, 600, 800, 600},     // small enough: never enlarged
		{4032, 3024, 1600, 1200}, // a phone photo
		{3024, 4032, 1600, 2133}, // upright
		{300, 3000, 240, 2400},   // a tall figure
		{1600, 2400, 1600, 2400},
	} {
		if w, h := fit(c.w, c.h); w != c.ww || h != c.wh {
			t.Errorf("fit(%d, %d) = %d×%d, want %d×%d", c.w, c.h, w, h, c.ww, c.wh)
		}
	}
}
