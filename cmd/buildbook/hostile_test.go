package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"encoding/xml"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"

	"buildbook/internal/photo/phototest"
)

// addPhotos puts beside hostile.md a phone's photo and a PNG whose
// metadata hold a GPS position and text, and shows and links them at the
// end of it.
func addPhotos(t *testing.T, dir string) {
	t.Helper()
	cs := filepath.Join(dir, "case-studies")
	for name, b := range map[string][]byte{"playground.jpg": phototest.PhoneJPEG(1000, 750, 6), "plan.png": phototest.PNGWithText(300, 200)} {
		if err := os.WriteFile(filepath.Join(cs, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.OpenFile(filepath.Join(cs, "hostile.md"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("\n![The playground](playground.jpg) at [full size](playground.jpg), and ![a plan](plan.png).\n"); err != nil {
		t.Fatal(err)
	}
}

// TestHostileContent builds content written to attack the site's readers
// and checks that every page of the output is inert: no event-handler
// attribute, no script but the site's own files, no javascript:, vbscript:
// or data: URL, rel="noopener noreferrer" on every external link
// (protocol-relative ones too), no image from a host that book.yaml's
// image_hosts does not list, and a Content-Security-Policy that forbids
// inline script. No output file may be one a static host would serve as a
// page, XML or script that buildbook did not write (by its extension), and
// every SVG must be free of DOCTYPEs, script, event handlers,
// foreignObject and references outside itself. Links in ignored folders
// lead to a secret outside the content folder: no byte of any output file
// may come from it. A phone's photo and a PNG carry a GPS position and
// text in their metadata: no output file may hold either.
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
	addPhotos(t, dir)
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
		// Spelled with a character reference or a backslash escape,
		// a scheme is still seen.
		"hostile.md:32:1: warning: link to \"javascript:alert(1)\" is not published",
		"hostile.md:32:41: warning: image to \"data:image/png;base64,AAAA\" is not published",
		"hostile.md:34:1: warning: link to \"javascript:alert(1)\" is not published",
		"drawing.svg:12:7: warning: parts of the SVG that a plain drawing does not need are not published: <set>, <animate>",
		"drawing.svg:16:7: warning: text written as web content (<foreignObject>",
		"drawing.svg:21:5: warning: links from the SVG to web pages are not published",
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

	pages, svgs := 0, 0
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		// A gzipped file of the search index is read as what it holds.
		read := os.ReadFile
		if filepath.Ext(p) == ".gz" {
			read = readGzip
		}
		if b, err := read(p); err != nil || bytes.Contains(b, []byte(secret)) {
			t.Errorf("%s: holds the secret from outside the content folder (%v)", rel, err)
		}
		if b, err := read(p); err == nil {
			for _, bad := range [][]byte{[]byte("Exif\x00\x00"), []byte(phototest.Marker), phototest.GPSLatitude} {
				if bytes.Contains(b, bad) {
					t.Errorf("%s: holds a photo's metadata (%q)", rel, bad)
				}
			}
		}
		if why := notServable(filepath.ToSlash(rel)); why != "" {
			t.Errorf("%s: %s", rel, why)
		}
		if filepath.Ext(p) == ".svg" {
			svgs++
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, problem := range svgProblems(b) {
				t.Errorf("%s: %s", rel, problem)
			}
		}
		switch filepath.Ext(p) {
		case ".js":
			if !strings.HasPrefix(rel, "assets"+string(filepath.Separator)) {
				t.Errorf("%s: a script file outside assets/", rel)
			}
		case ".html", ".htm", ".xhtml", ".xml":
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
	if svgs < 2 {
		t.Fatalf("only %d SVG files published", svgs)
	}
	for _, p := range []string{"playground.jpg", "playground-480w.webp", "plan.png"} {
		if _, err := os.Stat(filepath.Join(out, "case-studies", p)); err != nil {
			t.Errorf("the photos were not published: %v", err)
		}
	}
	// The drawing is published without what was left out of it.
	b, err := os.ReadFile(filepath.Join(out, "case-studies", "drawing.svg"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`<rect width="120" height="60" style="fill:#ffffff;stroke:#000000">`, `Reading &amp; &lt;writing&gt;`} {
		if !bytes.Contains(b, []byte(s)) {
			t.Errorf("drawing.svg has no %q:\n%s", s, b)
		}
	}
	checkCitations(t, out)
	// The hostile text itself is published, escaped.
	b, err = os.ReadFile(filepath.Join(out, "case-studies", "hostile", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;", "Click me", "Visit us", `rel="noopener noreferrer"`,
		`<a href="//evil.example/far" class="external" rel="noopener noreferrer">far</a>`,
		`<a href="//evil.example/ref" class="external" rel="noopener noreferrer">by reference</a>`,
		`<img src="https://images.example.org/ok.png" alt="Allowed"`,
		// A caption is the title's text, escaped: it cannot close its figure.
		`<figcaption><span class="figure-label">Figure 1.</span> &lt;/figcaption&gt;&lt;/figure&gt;&lt;script&gt;alert('caption')&lt;/script&gt;</figcaption></figure>`,
		`<link rel="canonical" href="https://example.org/a&amp;b/case-studies/hostile/">`,
	} {
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

// checkCitations checks the page, cite.bib and cite.ris of
// case-studies/closing.md, whose every field tries to end the element or
// record it is written in: the JSON-LD block gives the title back as it
// was written, the BibTeX entry has balanced braces with the special
// characters escaped, and the RIS record is one record of one-line fields.
func checkCitations(t *testing.T, out string) {
	t.Helper()
	const title = "</script><script>alert('ld')</script><!-- \u2028{\\end} & 100%"
	dir := filepath.Join(out, "case-studies", "closing")
	page, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	const open = `<script type="application/ld+json">`
	i := bytes.Index(page, []byte(open))
	j := bytes.Index(page[i+len(open):], []byte("</script>"))
	if i < 0 || j < 0 {
		t.Fatalf("no JSON-LD block in the page")
	}
	var ld struct {
		Headline string
		Author   []struct{ Name, JobTitle string }
		Source   struct{ Name string } `json:"sourceOrganization"`
	}
	if err := json.Unmarshal(page[i+len(open):i+len(open)+j], &ld); err != nil {
		t.Fatalf("JSON-LD: %v", err)
	}
	if ld.Headline != title || len(ld.Author) != 2 || ld.Author[0].Name != "Ann } and { Eve" || ld.Author[0].JobTitle != "</script >" ||
		ld.Source.Name != "</SCRIPT ><script>alert(2)</script>" {
		t.Errorf("JSON-LD does not give the case study back as written: %+v", ld)
	}

	bib, err := os.ReadFile(filepath.Join(dir, "cite.bib"))
	if err != nil {
		t.Fatal(err)
	}
	depth := 0
	for k := 0; k < len(bib); k++ {
		switch bib[k] {
		case '\\':
			k++ // an escaped character
		case '{':
			depth++
		case '}':
			depth--
		}
		if depth < 0 {
			t.Fatalf("cite.bib closes a brace it did not open at byte %d:\n%s", k, bib)
		}
	}
	if depth != 0 || !bytes.HasPrefix(bib, []byte("@incollection{closing-2024,\n")) || bytes.Count(bib, []byte("\n@")) != 0 {
		t.Errorf("cite.bib is not one entry with balanced braces:\n%s", bib)
	}
	for _, s := range []string{
		`\textless{}/script\textgreater{}`, `\{\textbackslash{}end\} \& 100\%`,
		`author    = {{Ann \} and \{ Eve} and B. Smith \& Sons},`, `{a, b}`,
	} {
		if !bytes.Contains(bib, []byte(s)) {
			t.Errorf("cite.bib has no %s:\n%s", s, bib)
		}
	}

	risData, err := os.ReadFile(filepath.Join(dir, "cite.ris"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(risData), "\r\n"), "\r\n")
	risLine := regexp.MustCompile(`^[A-Z][A-Z0-9]  - `)
	for _, l := range lines {
		if !risLine.MatchString(l) || strings.ContainsAny(l, "\r\n") {
			t.Errorf("cite.ris: a line that is not a field: %q", l)
		}
	}
	if lines[0] != "TY  - CHAP" || lines[len(lines)-1] != "ER  - " || strings.Count(string(risData), "TY  - ") != 1 || strings.Count(string(risData), "ER  - ") != 1 {
		t.Errorf("cite.ris is not one record:\n%s", risData)
	}
	if !strings.Contains(string(risData), "AB  - Line one TY - JOUR ER - </script>\r\n") {
		t.Errorf("cite.ris: the summary is not one line:\n%s", risData)
	}
}

var (
	badURL = regexp.MustCompile(`(?i)^(javascript|vbscript|data|livescript|mocha):`)
	// offSite is a URL that a browser loads from another host: with a
	// scheme that has hosts, or protocol-relative (a backslash reads as a
	// slash); host is its host.
	offSite = regexp.MustCompile(`(?i)^(?:(?:https?|ftp|wss?):)?[/\\]{2}([^/\\?#]*)`)
	// imageHosts are the hosts hostile.txtar's book.yaml lets images
	// load from.
	imageHosts = map[string]bool{"images.example.org": true}
	// loads are the attributes that load a resource as the page opens.
	loads    = map[string]bool{"src": true, "srcset": true, "poster": true, "background": true, "data": true, "xlink:href": true}
	urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true, "poster": true, "background": true, "srcset": true, "data": true, "cite": true, "ping": true}
)

// inertProblems lists what in an HTML or SVG document could run script.
func inertProblems(b []byte, page bool) []string {
	var problems []string
	z := html.NewTokenizer(bytes.NewReader(b))
	inScript, inData := false, false
	cspOK := !page
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Token()
		switch tt {
		case html.TextToken:
			switch {
			case inData:
				if p := jsonLDProblem(tok.Data); p != "" {
					problems = append(problems, p)
				}
			case inScript && strings.TrimSpace(tok.Data) != "":
				problems = append(problems, "an inline script: "+shorten(tok.Data))
			}
		case html.EndTagToken:
			if tok.Data == "script" {
				inScript, inData = false, false
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			switch tok.Data {
			case "script":
				// A JSON-LD data block is data, not script: browsers
				// never run it, whatever the Content-Security-Policy.
				// Its text must be JSON with every "<" escaped, so that
				// no string in it can end the element.
				if len(tok.Attr) == 1 && tok.Attr[0].Key == "type" && tok.Attr[0].Val == "application/ld+json" && tt == html.StartTagToken {
					inData = true
					break
				}
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
				if offSite.MatchString(strings.TrimSpace(href)) {
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
					if m := offSite.FindStringSubmatch(v); m != nil && loads[key] && tok.Data != "script" {
						host := strings.ToLower(m[1][strings.LastIndexByte(m[1], '@')+1:])
						if !imageHosts[host] {
							problems = append(problems, "a remote resource that tells "+host+" who reads the page: "+tok.String())
						}
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

// jsonLDProblem says what is wrong with the text of a JSON-LD block, or
// "" when it is one JSON object with no "<" in it.
func jsonLDProblem(text string) string {
	if strings.Contains(text, "<") {
		return "a JSON-LD block with a \"<\" in it, which could end the element: " + shorten(text)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		return "a JSON-LD block that is not a JSON object (" + err.Error() + "): " + shorten(text)
	}
	return ""
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

// attachmentExts are the kinds of file a contributor may attach: a host
// serves each as something browsers show, play or download, never run.
var attachmentExts = map[string]bool{
	".pdf": true, ".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true,
	".odt": true, ".ods": true, ".odp": true, ".csv": true,
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".avif": true, ".svg": true,
	".mp3": true, ".m4a": true, ".wav": true, ".ogg": true, ".mp4": true, ".mov": true, ".webm": true,
}

// notServable says why a static host, which serves a file by its
// extension, might serve an output file as a page, XML or a script that
// buildbook did not write, or "" when it would not.
func notServable(rel string) string {
	ext := strings.ToLower(path.Ext(rel))
	switch {
	case rel == ".buildbook-output", rel == "feed.xml", rel == "sitemap.xml", rel == "favicon.ico":
	case citeFile.MatchString(rel), searchShard.MatchString(rel):
	case strings.HasSuffix(rel, ".") || ext == "":
		return "a file whose type a browser would guess"
	case ext == ".html" || ext == ".css" || ext == ".json":
	case ext == ".js":
		if !strings.HasPrefix(rel, "assets/") {
			return "a script file outside assets/"
		}
	case strings.HasPrefix(rel, "assets/fonts/") && (ext == ".woff2" || ext == ".txt"):
		// buildbook's own typefaces and their licence, served as
		// font/woff2 and text/plain.
	case !attachmentExts[ext]:
		return "a " + ext + " file, which is not a kind of attachment"
	}
	return ""
}

// citeFile is a case study's citation, which buildbook writes.
var citeFile = regexp.MustCompile(`^case-studies/[^/]+/cite\.(bib|ris)$`)

// searchShard is a gzipped file of search documents, which buildbook
// writes: served as application/gzip or application/octet-stream, it is
// never shown as a page.
var searchShard = regexp.MustCompile(`^search/d/[0-9]+\.gz$`)

// readGzip reads the gzipped file name and gives what it holds.
func readGzip(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

var svgURL = regexp.MustCompile(`(?i)url\(\s*['"]?([^)'"]*)`)
var fragment = regexp.MustCompile(`^#[-\w.:]+$`)
var pictureData = regexp.MustCompile(`^data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$`)

// svgProblems lists what in a published SVG could run script or load
// another file: a DOCTYPE or entity, a processing instruction, script,
// an event handler, foreignObject, or a reference to anything but a part
// of the file or an embedded picture.
func svgProblems(b []byte) []string {
	var problems []string
	low := bytes.ToLower(b)
	for _, bad := range []string{"<!doctype", "<!entity", "<?", "<script", "foreignobject", "javascript:", "<iframe"} {
		if bytes.Contains(low, []byte(bad)) {
			problems = append(problems, "the text "+bad)
		}
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = true
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return append(problems, "not well-formed: "+err.Error())
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Space != "http://www.w3.org/2000/svg" {
				problems = append(problems, "an element outside SVG: "+tok.Name.Space+" "+tok.Name.Local)
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
					problems = append(problems, "an event handler: "+a.Name.Local)
				}
				if a.Name.Local == "href" && !fragment.MatchString(a.Value) && !(tok.Name.Local == "image" && pictureData.MatchString(a.Value)) {
					problems = append(problems, "a reference outside the file: "+shorten(a.Value))
				}
				for _, m := range svgURL.FindAllStringSubmatch(a.Value, -1) {
					if !fragment.MatchString(strings.TrimSpace(m[1])) {
						problems = append(problems, "a url() outside the file: "+shorten(a.Value))
					}
				}
			}
		case xml.CharData:
			for _, m := range svgURL.FindAllStringSubmatch(string(tok), -1) {
				if !fragment.MatchString(strings.TrimSpace(m[1])) {
					problems = append(problems, "a url() outside the file in text: "+shorten(string(tok)))
				}
			}
		case xml.Directive, xml.ProcInst:
			problems = append(problems, "a DOCTYPE, entity or processing instruction")
		}
	}
	return problems
}

// TestSVGProblems checks that the SVG scanner finds what it looks for.
func TestSVGProblems(t *testing.T) {
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">`
	for _, bad := range []string{
		`<!DOCTYPE svg [<!ENTITY x "y">]>` + svg + `</svg>`, svg + `<script>alert(1)</script></svg>`,
		svg + `<rect onload="alert(1)"/></svg>`, svg + `<foreignObject/></svg>`,
		svg + `<use xlink:href="https://evil.example/x.svg#a"/></svg>`, svg + `<a href="javascript:alert(1)"/></svg>`,
		svg + `<rect fill="url(https://evil.example/)"/></svg>`, svg + `<style>rect{fill:url( 'x.svg#a' )}</style></svg>`,
		svg + `<image href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="/></svg>`, svg + `<h:p xmlns:h="http://www.w3.org/1999/xhtml"/></svg>`,
		`<?xml-stylesheet href="x.xsl"?>` + svg + `</svg>`,
	} {
		if len(svgProblems([]byte(bad))) == 0 {
			t.Errorf("no problem found in %s", bad)
		}
	}
	good := svg + `<defs><linearGradient id="g"/></defs><rect fill="url(#g)"/><use xlink:href="#g"/><image href="data:image/png;base64,iVBORw0KGgo="/></svg>`
	if p := svgProblems([]byte(good)); len(p) > 0 {
		t.Errorf("problems found in a safe SVG: %q", p)
	}
	for _, bad := range []string{"x/notes", "page.htm_", "page.shtm", "page.html.", "f.mathml", "b.opf", "s.xsd", "g.rng", "x/site.js", "a/feed.xml", "t.txt",
		"case-studies/a/notes.bib", "cite.ris", "case-studies/a/b/cite.bib", "a/favicon.ico", "a/x.gz", "search/d/x.gz", "search/d/1.json.gz", "search/i/1.gz"} {
		if notServable(bad) == "" {
			t.Errorf("%s passes as servable", bad)
		}
	}
	for _, good := range []string{"index.html", "assets/site.js", "feed.xml", "search/meta.json", "search/d/12.gz", "a/b.PDF", "a/c.svg", ".buildbook-output",
		"case-studies/a/cite.bib", "case-studies/a/cite.ris", "favicon.ico"} {
		if why := notServable(good); why != "" {
			t.Errorf("%s: %s", good, why)
		}
	}
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
		`<a href="//evil.example/">x</a>`, `<a href="\\evil.example/">x</a>`, `<a href=" HTTPS://evil.example/">x</a>`,
		`<img src="https://evil.example/p.gif">`, `<img src="//evil.example/p.gif">`, `<img src="HTTP:\\evil.example/p.gif">`,
		`<img src="https://images.example.org@evil.example/p.gif">`, `<img srcset="//evil.example/p.gif 2x">`,
		`<video poster="//evil.example/p.gif"></video>`,
		`<script type="application/ld+json">{"name":"</script><script>alert(1)</script>"}</script>`,
		`<script type="application/ld+json">alert(1)</script>`, `<script type="application/ld+json" src="/x.js"></script>`,
		`<script type="application/ld+json" id="x">{}</script>`, `<script type="text/javascript">{}</script>`,
	} {
		if len(inertProblems([]byte(bad), false)) == 0 {
			t.Errorf("no problem found in %s", bad)
		}
	}
	good := `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'">
<script src="/assets/site.js?v=1" defer></script><a href="https://evil.example/" rel="noopener noreferrer">x</a>
<a href="//evil.example/" class="external" rel="noopener noreferrer">x</a><img src="https://images.example.org/ok.png" alt="">
<code>&lt;script&gt;alert(1)&lt;/script&gt; onclick="x"</code>
<script type="application/ld+json">{"@type":"Article","headline":"\u003c/script\u003e"}</script>`
	if p := inertProblems([]byte(good), true); len(p) > 0 {
		t.Errorf("problems found in safe HTML: %q", p)
	}
}
