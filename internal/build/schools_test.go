package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSchoolsCollated checks that schools A–Z sorts and letters names as
// an English reader expects: "École" under E, "Øresund" under O, a name
// that starts with a digit under # with a valid anchor.
func TestSchoolsCollated(t *testing.T) {
	dir := unseen(t)
	for i, school := range []string{"École Ōtautahi", "Øresund School", "Ysgol y Graig", "Zion Academy", "42 Academy", "Eastfield Primary"} {
		cs := "---\ntitle: Case " + school + "\nschool: " + school + "\nauthors: [A]\ndate: 2024-01-0" + string(rune('1'+i)) + "\nsummary: S.\npillars: [vision]\ncapitals: [moral]\n---\n\nText.\n"
		if err := os.WriteFile(filepath.Join(dir, "case-studies", "school-"+string(rune('a'+i))+".md"), []byte(cs), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	buildTo(t, Options{Content: dir, Out: out})
	page := read(t, out, "schools/index.html")
	var order []string
	for _, name := range []string{"42 Academy", "Alpha Primary School", "Eastfield Primary", "École Ōtautahi", "Øresund School", "Ysgol y Graig", "Zion Academy"} {
		i := strings.Index(page, ">"+name+"<")
		if i < 0 {
			t.Fatalf("no %q on the schools page", name)
		}
		order = append(order, name)
		if len(order) > 1 && i < strings.Index(page, ">"+order[len(order)-2]+"<") {
			t.Errorf("%q comes before %q", name, order[len(order)-2])
		}
	}
	for _, want := range []string{`id="letter-other"`, `href="#letter-other"`, `id="letter-E"`, `id="letter-O"`, `id="letter-Y"`} {
		if !strings.Contains(page, want) {
			t.Errorf("no %s on the schools page", want)
		}
	}
	for _, bad := range []string{`letter-#`, `id="letter-É"`, `id="letter-Ø"`} {
		if strings.Contains(page, bad) {
			t.Errorf("%s on the schools page", bad)
		}
	}
	// É and Ø file under E and O: one heading each, no heading of their own.
	if strings.Count(page, `id="letter-E"`) != 1 || strings.Count(page, `id="letter-O"`) != 1 {
		t.Error("E or O has more than one heading")
	}
}
