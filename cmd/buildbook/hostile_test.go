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
// Content-Security-Policy that forbids inline script.
func TestHostileContent(t *testing.T) {
	a, err := txtar.ParseFile("testdata/hostile.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := contentFolder(t, a)
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
		"stuck-code.md:11:1: warning: this code block (language \"jungle\") could not be highlighted; it is published as plain text",
		"stuck-code.md:15:1: warning: this code block (language \"jsonata\") could not be highlighted; it is published as plain text",
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
