package collation

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestOrder(t *testing.T) {
	for _, tc := range []struct {
		lang string
		in   []string
		want []string
	}{
		{"en-GB", []string{"Zion Academy", "École Ōtautahi", "Øresund School", "Eastfield Primary", "Ysgol y Graig", "apple tree school", "Oakwood", "10 Downing Street School", "2nd Chance"},
			[]string{"2nd Chance", "10 Downing Street School", "apple tree school", "Eastfield Primary", "École Ōtautahi", "Oakwood", "Øresund School", "Ysgol y Graig", "Zion Academy"}},
		{"da", []string{"Øresund School", "Zion Academy", "Oakwood"}, []string{"Oakwood", "Zion Academy", "Øresund School"}},
		{"not a tag!", []string{"b", "A"}, []string{"A", "b"}},
	} {
		c := New(tc.lang)
		got := slices.Clone(tc.in)
		slices.SortFunc(got, c.Compare)
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s: Compare order (-want +got):\n%s", tc.lang, diff)
		}
		got = slices.Clone(tc.in)
		c.Sort(got)
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s: Sort order (-want +got):\n%s", tc.lang, diff)
		}
	}
}

func TestLetter(t *testing.T) {
	c := New("en")
	for _, tc := range []struct{ in, want string }{
		{"École Ōtautahi", "E"},
		{"Øresund", "O"},
		{"Ōtautahi", "O"},
		{"ysgol", "Y"},
		{"Æthelstan Academy", "A"},
		{"Łódź School", "L"},
		{"“Quoted” School", "Q"},
		{"42 Academy", Other},
		{"", Other},
		{"Αθήνα", "Α"},
		{"Çınar Okulu", "C"},
	} {
		if got := c.Letter(tc.in); got != tc.want {
			t.Errorf("Letter(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := New("da").Letter("Øresund"); got != "Ø" {
		t.Errorf("Danish Letter(Øresund) = %q, want Ø", got)
	}
	if ID(Other) != OtherID || ID("E") != "E" {
		t.Error("ID")
	}
}
