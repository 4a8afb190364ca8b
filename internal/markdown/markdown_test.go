package markdown

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/*.txt")

// TestFeatures runs the cases in testdata/*.txt: each is a txtar archive
// with input.md and the expected output.html, and optionally the expected
// warnings and book.html (the book rendering, with the id prefix "s").
func TestFeatures(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test cases: %v", err)
	}
	c := New()
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			a, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var input []byte
			for _, f := range a.Files {
				if f.Name == "input.md" {
					input = f.Data
				}
			}
			d := c.Parse(input, 1)
			got := map[string]string{"output.html": string(c.Render(d))}
			var w strings.Builder
			for _, m := range d.Warnings {
				fmt.Fprintf(&w, "%d:%d: %s\n", m.Line, m.Col, m.Text)
			}
			got["warnings"] = w.String()
			d.SetIDPrefix("s")
			got["book.html"] = string(c.RenderBook(d))
			changed := false
			for i, f := range a.Files {
				want, ok := got[f.Name]
				if !ok {
					continue
				}
				if *update {
					if string(f.Data) != want {
						a.Files[i].Data = []byte(want)
						changed = true
					}
					continue
				}
				// txtar ends every file with a newline.
				if diff := cmp.Diff(strings.TrimSuffix(string(f.Data), "\n"), strings.TrimSuffix(want, "\n")); diff != "" {
					t.Errorf("%s (-want +got):\n%s", f.Name, diff)
				}
			}
			if w.Len() > 0 && !has(a, "warnings") {
				t.Errorf("unexpected warnings:\n%s", w.String())
			}
			if changed {
				if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func has(a *txtar.Archive, name string) bool {
	for _, f := range a.Files {
		if f.Name == name {
			return true
		}
	}
	return false
}

func TestLinksHavePositions(t *testing.T) {
	src := "Intro line.\n\nSee [the other](other.md#x), ![a chart](c.svg) and\n[a page](../pages/about.md).\n"
	d := New().Parse([]byte(src), 10)
	type pos struct {
		Dest      string
		Line, Col int
		Kind      LinkKind
	}
	var got []pos
	for _, l := range d.Links {
		got = append(got, pos{l.Dest, l.Line, l.Col, l.Kind})
	}
	want := []pos{
		{"other.md#x", 12, 5, LinkKindLink},
		{"c.svg", 12, 30, LinkKindImage},
		{"../pages/about.md", 13, 1, LinkKindLink},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("links (-want +got):\n%s", diff)
	}
}

func TestResolve(t *testing.T) {
	c := New()
	d := c.Parse([]byte("[Beta](beta.md#lessons) and ![Chart](c.svg)\n"), 1)
	d.Links[0].Resolve("/site/case-studies/beta/#lessons", "", 0, 0)
	d.Links[0].ResolveCaseStudy("beta", "lessons")
	d.Links[1].Resolve("/site/case-studies/a/c.svg", "", 300, 200)
	d.SetIDPrefix("a")
	want := `<p><a href="/site/case-studies/beta/#lessons">Beta</a> and <img src="/site/case-studies/a/c.svg" alt="Chart" width="300" height="200" loading="lazy" decoding="async"></p>` + "\n"
	if diff := cmp.Diff(want, string(c.Render(d))); diff != "" {
		t.Errorf("site (-want +got):\n%s", diff)
	}
	wantBook := `<p><a href="/site/case-studies/beta/#lessons">Beta</a> and <img src="/site/case-studies/a/c.svg" alt="Chart" width="300" height="200" decoding="async"></p>` + "\n"
	book := c.RenderBookLinks(d)
	if diff := cmp.Diff(wantBook, string(book.HTML)); diff != "" {
		t.Errorf("book (-want +got):\n%s", diff)
	}
	// The book finds the link to Beta by its target, not by its href.
	wantLinks := []Ref{{Target: Target{Kind: TargetCaseStudy, Slug: "beta", Fragment: "lessons"}, Start: 5, HrefStart: 12, HrefEnd: 44, End: 45}}
	if diff := cmp.Diff(wantLinks, book.Links); diff != "" {
		t.Errorf("book links (-want +got):\n%s", diff)
	}
}

func TestScheme(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://x", "https"},
		{"JavaScript:alert(1)", "javascript"},
		{" java\tscript:x", "javascript"},
		{"java\nscript:x", "javascript"},
		{"other.md", ""},
		{"other.md#a:b", ""},
		{"./a:b", ""},
		{"1http:x", ""},
		{"", ""},
	} {
		if got := scheme(tc.in); got != tc.want {
			t.Errorf("scheme(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestText(t *testing.T) {
	d := New().Parse([]byte("# Title\n\nSome *emphasis* and `code`.\n\n- one\n- two\n"), 1)
	got := strings.Fields(d.Text())
	want := strings.Fields("Title Some emphasis and code. one two")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Text (-want +got):\n%s", diff)
	}
}

func TestHighlightCSS(t *testing.T) {
	css := string(HighlightCSS())
	for _, s := range []string{".chroma", "@media (prefers-color-scheme: dark)"} {
		if !strings.Contains(css, s) {
			t.Errorf("highlight CSS lacks %q", s)
		}
	}
}

// TestCollapseSpace checks CollapseSpace against strings.Fields and a join.
func TestCollapseSpace(t *testing.T) {
	parts := []string{"a", "word", "é", "日本", " ", "  ", "\t", "\n", "\u00a0", "\u2003", "x\u0301", "\xff", "\u0085", "\v\f\r"}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		var b strings.Builder
		for range r.IntN(60) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		s := b.String()
		if got, want := CollapseSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("case %d: CollapseSpace(%q) = %q, want %q", i, s, got, want)
		}
	}
}

// TestTextEntities checks that Text decodes character references, those
// the typographer writes and those written in the Markdown.
func TestTextEntities(t *testing.T) {
	d := New().Parse([]byte("It's \"ours\" -- R&amp;D &amp;amp; more\n\nNext   para.\n"), 1)
	want := "It\u2019s \u201cours\u201d \u2013 R&D &amp; more Next para."
	if got := d.Text(); got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

// TestHasHost checks which http and https links name a host.
func TestHasHost(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"http:", false},
		{"https:", false},
		{"http:/", false},
		{"http://", false},
		{"https:///path", false},
		{"http://:80/", false},
		{"http://user@/", false},
		{"https:example.org", false},
		{"http://example.org", true},
		{"https://example.org/a?b#c", true},
		{"HTTPS://Example.org", true},
		{"https:\\\\example.org", true},
		{"ht\ttp://example.org", true},
		{"http://user:pw@example.org/", true},
		{"http://[::1]:8080/", true},
	} {
		if got := hasHost(tc.in); got != tc.want {
			t.Errorf("hasHost(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// TestLinkWithoutHost checks that an http link with no address is
// reported and published as text.
func TestLinkWithoutHost(t *testing.T) {
	c := New()
	d := c.Parse([]byte("See <http:> and [here](https:/x) and [ok](https://example.org/).\n"), 5)
	got := string(c.Render(d))
	if strings.Contains(got, `href="http:"`) || strings.Contains(got, `href="https:/x"`) || !strings.Contains(got, `href="https://example.org/"`) {
		t.Errorf("rendered %s", got)
	}
	if len(d.Warnings) != 2 || d.Warnings[0].Line != 5 || !strings.Contains(d.Warnings[0].Text, "no address") {
		t.Errorf("warnings %+v", d.Warnings)
	}
}

func TestRemoteHost(t *testing.T) {
	type result struct {
		Host   string
		Remote bool
	}
	for dest, want := range map[string]result{
		"https://example.org/p.png":                {"example.org", true},
		"HTTP://Example.ORG:8080/p.png":            {"example.org", true},
		"//cdn.example/x.gif":                      {"cdn.example", true},
		"https://good.example@evil.example/p.png":  {"evil.example", true},
		`https://good.example\@evil.example/p.png`: {"evil.example", true},
		"https://good.example#@evil.example/p.png": {"good.example", true},
		"//ex%41mple.org/p.png":                    {"", true}, // a browser decodes it; refuse it
		"https://[2001:db8::1]/p.png":              {"", true}, // written with %5B: no host a browser reads
		"photo.jpg":                                {"", false},
		"/assets/photo.jpg":                        {"", false},
		`/\evil.example/p.png`:                     {"", false}, // written as /%5Cevil.example/p.png: a path
		"https:/p.png":                             {"", false},
		"mailto:head@example.org":                  {"", false},
		"data:image/png;base64,AAAA":               {"", false},
		"../case-studies/other/photo.jpg#fragment": {"", false},
	} {
		host, remote := RemoteHost(dest)
		if (result{host, remote}) != want {
			t.Errorf("RemoteHost(%q) = %q, %v; want %q, %v", dest, host, remote, want.Host, want.Remote)
		}
	}
}

// TestRemoteImages checks that remote images are links for the caller to
// resolve, published only once resolved.
func TestRemoteImages(t *testing.T) {
	c := New()
	d := c.Parse([]byte("![A](https://example.org/a.png) [B](//example.org/b) ![C](//example.org/c.png)\n"), 3)
	var got []string
	for _, l := range d.Links {
		got = append(got, fmt.Sprintf("%d:%d %s", l.Line, l.Col, l.Dest))
	}
	if diff := cmp.Diff([]string{"3:1 https://example.org/a.png", "3:54 //example.org/c.png"}, got); diff != "" {
		t.Fatalf("links to resolve (-want +got):\n%s", diff)
	}
	d.Links[0].Resolve(d.Links[0].Dest, "", 0, 0)
	want := `<p><img src="https://example.org/a.png" alt="A" loading="lazy" decoding="async"> <a href="//example.org/b" class="external" rel="noopener noreferrer">B</a> C</p>` + "\n"
	if diff := cmp.Diff(want, string(c.Render(d))); diff != "" {
		t.Errorf("site (-want +got):\n%s", diff)
	}
}
