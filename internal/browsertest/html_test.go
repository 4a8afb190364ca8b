package browsertest

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// vnuMessage is one message of vnu.jar's JSON output.
type vnuMessage struct {
	Type    string `json:"type"`
	SubType string `json:"subType"`
	URL     string `json:"url"`
	Line    int    `json:"lastLine"`
	Message string `json:"message"`
	Extract string `json:"extract"`
}

// checkHTML runs the Nu HTML Checker on every HTML file of an output
// folder, in one run of Java, and reports every error.
func checkHTML(t *testing.T, dir string) {
	t.Helper()
	jar := filepath.Join(repo, "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	need(t, exists(jar), "node_modules/vnu-jar (run npm ci)")
	need(t, javaOK(), "Java (default-jre-headless)")
	files := htmlFiles(t, dir)
	if len(files) == 0 {
		t.Fatal("no HTML files")
	}
	cmd := exec.Command("java", append([]string{"-Xss4m", "-jar", jar, "--errors-only", "--format", "json"}, files...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr // vnu writes its report to standard error
	err := cmd.Run()
	var out struct{ Messages []vnuMessage }
	if jerr := json.Unmarshal([]byte(stderr.String()), &out); jerr != nil {
		t.Fatalf("vnu: %v: %v\n%s", err, jerr, stderr.String())
	}
	for _, m := range out.Messages {
		rel, _ := filepath.Rel(dir, strings.TrimPrefix(m.URL, "file:"))
		t.Errorf("%s:%d: %s: %s [%s]", rel, m.Line, m.Type, m.Message, strings.TrimSpace(m.Extract))
	}
	if err != nil && len(out.Messages) == 0 {
		t.Fatalf("vnu: %v", err)
	}
	t.Logf("vnu checked %d HTML files", len(files))
}

func TestHTMLValid(t *testing.T) {
	checkHTML(t, sample(t).dir)
}

func TestHTMLValidUnseen(t *testing.T) {
	checkHTML(t, unseen(t).dir)
}

// maxPageWeight is the most HTML, CSS and JavaScript a page may need,
// before images.
const maxPageWeight = 100 << 10

var assetRef = regexp.MustCompile(`<(?:link rel="stylesheet" href|script src)="([^"?]+)`)

// TestPageWeight adds up each page's HTML and the stylesheets and scripts
// it loads, for every page but the printable book, which is every case
// study on one page.
func TestPageWeight(t *testing.T) {
	for _, s := range []*site{sample(t), unseen(t)} {
		heaviest, most := "", 0
		for _, f := range htmlFiles(t, s.dir) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			n := len(b)
			for _, m := range assetRef.FindAllStringSubmatch(string(b), -1) {
				p := filepath.Join(s.dir, filepath.FromSlash(strings.TrimPrefix(m[1], s.root)))
				info, err := os.Stat(p)
				if err != nil {
					t.Errorf("%s loads %s, which is not in the output", f, m[1])
					continue
				}
				n += int(info.Size())
			}
			rel, _ := filepath.Rel(s.dir, f)
			if strings.HasPrefix(filepath.ToSlash(rel), "book/") {
				continue // the printable book holds every case study by design
			}
			if n > maxPageWeight {
				t.Errorf("%s needs %d bytes of HTML, CSS and JavaScript, more than %d", rel, n, maxPageWeight)
			}
			if n > most {
				heaviest, most = rel, n
			}
		}
		t.Logf("%s: heaviest page %s, %.1f KB with its CSS and JavaScript", s.compiled.Site.Book.Title, heaviest, float64(most)/1024)
	}
}
