package build

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"buildbook/internal/diag"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenPages are whole output files of the unseen-content site compared
// byte for byte with testdata/golden. Run go test -update after a template
// change, and read the diff before committing it.
var goldenPages = []string{
	"index.html",
	"case-studies/index.html",
	"case-studies/alpha/index.html",
	"case-studies/gamma/index.html",
	"pillars/index.html",
	"pillars/vision/index.html",
	"practice/change-agent/index.html",
	"schools/index.html",
	"about/index.html",
	"404.html",
	"feed.xml",
	"sitemap.xml",
}

func TestGolden(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	buildTo(t, Options{Content: unseen(t), Out: out})
	for _, p := range goldenPages {
		t.Run(p, func(t *testing.T) {
			got, err := os.ReadFile(filepath.Join(out, p))
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", filepath.FromSlash(p))
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s differs from its golden file (-want +got):\n%s", p, diff)
			}
		})
	}
}

// TestTemplateOverride replaces one template from a --templates folder; the
// others stay the embedded defaults.
func TestTemplateOverride(t *testing.T) {
	tdir := t.TempDir()
	custom := `{{define "main"}}<div class="wrap"><h1>Lost?</h1><p>Our own 404 page for {{.Site.Title}}.</p></div>{{end}}`
	if err := os.WriteFile(filepath.Join(tdir, "404.html"), []byte(custom), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	buildTo(t, Options{Content: unseen(t), Out: out, Templates: tdir})
	if got := read(t, out, "404.html"); !strings.Contains(got, "Our own 404 page for Leading Schools Together.") || !strings.Contains(got, `class="skip-link"`) {
		t.Errorf("the override was not used inside the default base template:\n%s", got)
	}
	want, err := os.ReadFile(filepath.Join("testdata", "golden", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if got := read(t, out, "index.html"); got != string(want) {
		t.Error("overriding 404.html changed the home page")
	}
}

// TestTemplateError reports a broken override with its file and line.
func TestTemplateError(t *testing.T) {
	tdir := t.TempDir()
	if err := os.WriteFile(filepath.Join(tdir, "term.html"), []byte("{{define \"main\"}}\n{{.Nope}\n{{end}}"), 0o644); err != nil {
		t.Fatal(err)
	}
	var diags diag.List
	_, err := Compile(Options{Content: unseen(t), Templates: tdir}, &diags)
	if err == nil || !strings.Contains(err.Error(), "term.html:2") {
		t.Errorf("Compile error = %v, want one naming term.html:2", err)
	}
}
