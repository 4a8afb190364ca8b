package browsertest

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
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

// checkHTML runs the Nu HTML Checker on HTML files, in one run of Java,
// and reports every error with the file's path from the package's folder.
func checkHTML(t *testing.T, files []string) {
	t.Helper()
	jar := filepath.Join(repo, "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	need(t, exists(jar), "node_modules/vnu-jar (run npm ci)")
	need(t, javaOK(), "Java (default-jre-headless)")
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
		rel, _ := filepath.Rel(packageDir, strings.TrimPrefix(m.URL, "file:"))
		t.Errorf("%s:%d: %s: %s [%s]", rel, m.Line, m.Type, m.Message, strings.TrimSpace(m.Extract))
	}
	if err != nil && len(out.Messages) == 0 {
		t.Fatalf("vnu: %v", err)
	}
	t.Logf("vnu checked %d HTML files", len(files))
}

// TestHTMLValid checks every page of the sample and of the unseen content,
// and one page of each type of the large collection, with the pages that
// only a large one has (the later pages of lists): one run of Java for all.
func TestHTMLValid(t *testing.T) {
	files := append(htmlFiles(t, sample(t).dir), htmlFiles(t, unseen(t).dir)...)
	l := large(t)
	for _, p := range pagedTypes(t, l) {
		files = append(files, filepath.Join(l.dir, filepath.FromSlash(p), "index.html"))
	}
	checkHTML(t, files)
}
