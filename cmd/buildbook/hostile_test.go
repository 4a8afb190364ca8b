package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"
)

// TestHostileContent builds content written to attack the site's readers
// and checks that every page of the output is inert: no event-handler
// attribute, no script but the site's own files, no javascript:, vbscript:
// or data: URL, rel="noopener noreferrer" on every external link, and a
// Content-Security-Policy that forbids inline script. Links in ignored
// folders lead to a secret outside the content folder: no byte of any
// output file may come from it.
func TestHostileContent(t *testing.T) {
	a, err := txtar.ParseFile("testdata/hostile.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := contentFolder(t, a)
	secret := plantSecret(t, dir, map[string]string{
		".root":                  "/",
		"_private/leak.txt":      "../../outside/secret.txt",
		"case-studies/.leak.txt": "../../outside/secret.txt",
	})
	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr := runCLI(t, "build", "--content", dir, "--out", out)
	if code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	// Each kind of dropped content is reported as a warning at its line.
	for _, w := range []string{
		"hostile.md:18:1: warning: raw HTML is not published",
		"hostile.md:20:8: warning: raw HTML <img",
		"hostile.md:22:1: warning: link to \"javascript:alert(1)\" is not published",
		"hostile.md:24:1: warning: link to \"JaVaScRiPt:alert(1)\" is not published",
		"hostile.md:26:1: warning: link to \"vbscript:msgbox(1)\" is not published",
		"hostile.md:28:1: warning: image to \"data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=\" is not published",
	} {
		if !strings.Contains(stderr, w) {
			t.Errorf("no warning %q in:\n%s", w, stderr)
		}
	}
	if code, _, _ := runCLI(t, "check", "--content", dir, "--strict"); code != 1 {
		t.Errorf("check --strict of hostile content: exit %d, want 1", code)
	}

	pages := 0
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		if b, err := os.ReadFile(p); err != nil || bytes.Contains(b, []byte(secret)) {
			t.Errorf("%s: holds the secret from outside the content folder (%v)", rel, err)
		}
		switch filepath.Ext(p) {
		case ".js":
			if !strings.HasPrefix(rel, "assets"+string(filepath.Separator)) {
				t.Errorf("%s: a script file outside assets/", rel)
			}
		case ".html", ".htm", ".xhtml", ".svg", ".xml":
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if filepath.Ext(p) == ".html" {
				pages++
				if !bytes.Contains(b, []byte("<meta http-equiv=\"Content-Security-Policy\"")) {
					t.Errorf("%s: no Content-Security-Policy", rel)
				}
			}
			for _, problem := range inertProblems(b, filepath.Ext(p) == ".html") {
				t.Errorf("%s: %s", rel, problem)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 10 {
		t.Fatalf("only %d pages built", pages)
	}
	// The hostile text itself is published, escaped.
	b, err := os.ReadFile(filepath.Join(out, "case-studies", "hostile", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;", "Click me", "Visit us", `rel="noopener noreferrer"`} {
		if !bytes.Contains(b, []byte(s)) {
			t.Errorf("case study page has no %q", s)
		}
	}
}

// plantSecret writes a file outside the content folder dir, holding a
// marker that nothing else holds, and makes the symbolic links links in
// dir (path -> target). It returns the marker.
func plantSecret(t *testing.T, dir string, links map[string]string) string {
	t.Helper()
	const secret = "SECRET-5f1c9a-from-outside"
	outside := filepath.Join(filepath.Dir(dir), "outside")
	if err := os.MkdirAll(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "secret.txt"), []byte(secret+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, target := range links {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(strings.ReplaceAll(target, "OUTSIDE", outside), p); err != nil {
			t.Fatal(err)
		}
	}
	return secret
}

// TestOutsideFiles publishes, by every route found, a file from outside
// the content folder: each must fail check --strict and build with an
// error at the link, and leave no byte of the file in any output.
func TestOutsideFiles(t *testing.T) {
	page := "-- case-studies/garden/index.md --\n+++\ntitle = \"Leak\"\nschool = \"S\"\nauthors = [\"A\"]\ndate = 2024-01-01\nsummary = \"S.\"\npillars = [\"vision\"]\ncapitals = [\"moral\"]\n+++\n\n## What we did\n\n[the notes](notes.txt)\n" +
		// By name, a/b/c/up/../outside/secret.txt is this file.
		"-- a/b/c/outside/secret.txt --\ninside\n"
	tests := []struct {
		name  string
		links map[string]string
		want  []string // files with an error
	}{
		{"through a link to / in an ignored folder", map[string]string{
			".root":                         "/",
			"case-studies/garden/notes.txt": "../../.root" + "OUTSIDE/secret.txt",
		}, []string{"case-studies/garden/notes.txt"}},
		{"through a link to the folder above, in an ignored folder", map[string]string{
			"_up":                           "..",
			"case-studies/garden/notes.txt": "../../_up/outside/secret.txt",
		}, []string{"case-studies/garden/notes.txt"}},
		{".. after a folder link", map[string]string{
			"a/b/c/up":                      "../../..",
			"case-studies/garden/notes.txt": "../../a/b/c/up/../outside/secret.txt",
		}, []string{"case-studies/garden/notes.txt"}},
		{"a folder link up and out", map[string]string{
			"case-studies/garden/up":        "../../..", // the folder that holds content
			"case-studies/garden/notes.txt": "up/outside/secret.txt",
		}, []string{"case-studies/garden/up", "case-studies/garden/notes.txt"}},
		{"an absolute link", map[string]string{
			"case-studies/garden/notes.txt": "OUTSIDE/secret.txt",
		}, []string{"case-studies/garden/notes.txt"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := txtar.Parse([]byte(page))
			dir := contentFolder(t, a)
			secret := plantSecret(t, dir, tc.links)
			if code, _, stderr := runCLI(t, "check", "--content", dir, "--strict"); code != 1 {
				t.Errorf("check --strict: exit %d, want 1\n%s", code, stderr)
			} else {
				for _, f := range tc.want {
					if !strings.Contains(stderr, filepath.Join(dir, filepath.FromSlash(f))+":1:1: this symbolic link (symlink) points to") {
						t.Errorf("check --strict: no error at %s in:\n%s", f, stderr)
					}
				}
				if strings.Contains(stderr, secret) {
					t.Errorf("check prints the secret:\n%s", stderr)
				}
			}
			out := filepath.Join(t.TempDir(), "public")
			code, stdout, stderr := runCLI(t, "build", "--content", dir, "--out", out)
			if code != 1 {
				t.Errorf("build: exit %d, want 1\n%s", code, stderr)
			}
			if strings.Contains(stdout+stderr, secret) {
				t.Errorf("build prints the secret:\n%s%s", stdout, stderr)
			}
			_ = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					if b, err := os.ReadFile(p); err != nil || bytes.Contains(b, []byte(secret)) {
						t.Errorf("%s: holds the secret from outside the content folder (%v)", p, err)
					}
				}
				return nil
			})
		})
	}
}

var (
	badURL   = regexp.MustCompile(`(?i)^(javascript|vbscript|data|livescript|mocha):`)
	urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true, "poster": true, "background": true, "srcset": true, "data": true, "cite": true, "ping": true}
)

// inertProblems lists what in an HTML or SVG document could run script.
func inertProblems(b []byte, page bool) []string {
	var problems []string
	z := html.NewTokenizer(bytes.NewReader(b))
	inScript := false
	cspOK := !page
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Token()
		switch tt {
		case html.TextToken:
			if inScript && strings.TrimSpace(tok.Data) != "" {
				problems = append(problems, "an inline script: "+shorten(tok.Data))
			}
		case html.EndTagToken:
			if tok.Data == "script" {
				inScript = false
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			switch tok.Data {
			case "script":
				inScript = tt == html.StartTagToken
				src := attr(tok, "src")
				if src == "" || !strings.Contains(src, "assets/") || !strings.HasSuffix(strings.SplitN(src, "?", 2)[0], ".js") {
					problems = append(problems, "a script that is not one of the site's files: "+tok.String())
				}
			case "iframe", "object", "embed", "applet", "frame", "frameset", "base", "foreignobject":
				problems = append(problems, "an element that can load active content: "+tok.String())
			case "meta":
				if strings.EqualFold(attr(tok, "http-equiv"), "refresh") {
					problems = append(problems, "a meta refresh: "+tok.String())
				}
				if strings.EqualFold(attr(tok, "http-equiv"), "content-security-policy") {
					csp := attr(tok, "content")
					cspOK = strings.Contains(csp, "script-src 'self'") && !strings.Contains(csp, "unsafe-inline") && !strings.Contains(csp, "unsafe-eval")
				}
			case "a":
				href := attr(tok, "href")
				if strings.HasPrefix(href, "http://") || strings.HasPrefix(href, "https://") {
					if rel := " " + attr(tok, "rel") + " "; !strings.Contains(rel, " noopener ") || !strings.Contains(rel, " noreferrer ") {
						if !strings.HasPrefix(href, "https://example.org/") { // the site's own base URL
							problems = append(problems, "an external link without rel=\"noopener noreferrer\": "+tok.String())
						}
					}
				}
			}
			for _, a := range tok.Attr {
				key := strings.ToLower(a.Key)
				if a.Namespace != "" {
					key = strings.ToLower(a.Namespace + ":" + a.Key)
				}
				if strings.HasPrefix(key, "on") {
					problems = append(problems, "an event-handler attribute: "+tok.String())
				}
				if key == "style" {
					problems = append(problems, "a style attribute: "+tok.String())
				}
				if urlAttrs[key] || strings.HasSuffix(key, ":href") {
					v := strings.Map(func(r rune) rune {
						if r <= ' ' || r == 0x7f {
							return -1
						}
						return r
					}, a.Val)
					if badURL.MatchString(v) {
						problems = append(problems, "a "+key+" with a script URL: "+tok.String())
					}
				}
			}
		}
	}
	if !cspOK {
		problems = append(problems, "the Content-Security-Policy allows inline script, or is missing")
	}
	return problems
}

func attr(tok html.Token, key string) string {
	for _, a := range tok.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}

// TestInertProblems checks that the scanner finds what it looks for.
func TestInertProblems(t *testing.T) {
	for _, bad := range []string{
		`<p onclick="x()">`, `<img src=x onerror=alert(1)>`, `<script>alert(1)</script>`,
		`<script src="https://evil.example/x.js"></script>`, `<a href="javascript:alert(1)">`,
		`<a href=" JaVa	Script:alert(1)">`, `<a href="vbscript:x">`, `<img src="data:image/svg+xml,<svg onload=alert(1)>">`,
		`<iframe src="https://evil.example/"></iframe>`, `<a href="https://evil.example/">x</a>`,
		`<svg><a xlink:href="javascript:alert(1)">x</a></svg>`, `<p style="background:url(x)">`,
		`<meta http-equiv="refresh" content="0;url=https://evil.example/">`,
	} {
		if len(inertProblems([]byte(bad), false)) == 0 {
			t.Errorf("no problem found in %s", bad)
		}
	}
	good := `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'">
<script src="/assets/site.js?v=1" defer></script><a href="https://evil.example/" rel="noopener noreferrer">x</a>
<code>&lt;script&gt;alert(1)&lt;/script&gt; onclick="x"</code>`
	if p := inertProblems([]byte(good), true); len(p) > 0 {
		t.Errorf("problems found in safe HTML: %q", p)
	}
}
