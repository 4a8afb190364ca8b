package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"buildbook/internal/asset"
	"buildbook/internal/content"
	"buildbook/internal/diag"
	"buildbook/internal/sitecheck"
)

// contractPaths lists the output paths the content contract promises for
// a compiled site.
func contractPaths(c *Compiled) []string {
	s := c.Site
	paths := []string{"index.html", "case-studies/index.html", "schools/index.html", "feed.xml", "sitemap.xml", "404.html"}
	for _, cs := range s.CaseStudies {
		paths = append(paths, "case-studies/"+cs.Slug+"/index.html")
	}
	for _, tx := range s.Taxonomies {
		paths = append(paths, tx.ID+"/index.html")
		for _, t := range tx.Terms {
			paths = append(paths, tx.ID+"/"+t.ID+"/index.html")
		}
	}
	for _, p := range s.Pages {
		paths = append(paths, p.Slug+"/index.html")
	}
	return paths
}

func checkSite(t *testing.T, c *Compiled, out string) {
	t.Helper()
	for _, p := range contractPaths(c) {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Errorf("missing %s", p)
		}
	}
	problems, err := sitecheck.Links(out, c.Site.Book.BasePath(), c.Site.Book.BaseURL)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("broken link: %s", p)
	}
}

// TestSampleBook builds the sample book in content/: every page of the
// contract, every internal link and fragment resolving, and no warnings.
func TestSampleBook(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	c, ds := buildTo(t, Options{Content: "../../content", Out: out})
	for _, d := range ds {
		t.Errorf("sample content has a diagnostic: %s", d)
	}
	checkSite(t, c, out)
	if n := len(c.Site.CaseStudies); n < 12 {
		t.Errorf("sample book has %d case studies, want at least 12", n)
	}
}

// TestSampleCoverage checks that the sample book covers every pillar,
// capital and phase, and at least eight roles.
func TestSampleCoverage(t *testing.T) {
	var diags diag.List
	site := content.Load(os.DirFS("../../content"), content.Options{}, &diags)
	for ti, tx := range site.Taxonomies {
		used := map[string]bool{}
		for _, c := range site.CaseStudies {
			for _, term := range c.Terms[ti] {
				used[term.ID] = true
			}
		}
		want := len(tx.Terms)
		if tx.ID == "roles" {
			want = 8
		}
		if len(used) < want {
			t.Errorf("%s: the sample uses %d terms, want %d", tx.ID, len(used), want)
		}
	}
}

// TestDeterministic builds the same content twice and compares every byte.
func TestDeterministic(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	buildTo(t, Options{Content: "../../content", Out: a})
	buildTo(t, Options{Content: "../../content", Out: b})
	if diff := cmp.Diff(hashTree(t, a), hashTree(t, b)); diff != "" {
		t.Errorf("two builds differ (-first +second):\n%s", diff)
	}
}

// unseen makes the content folder of testdata/unseen.txtar, with alpha.md
// given a byte-order mark and CRLF line endings and a real PNG in gamma.
func unseen(t *testing.T) string {
	dir := writeTxtar(t, "testdata/unseen.txtar")
	p := filepath.Join(dir, "case-studies", "alpha.md")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	b = append([]byte("\xef\xbb\xbf"), bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))...)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	writePNG(t, filepath.Join(dir, "case-studies", "gamma", "photo.png"), 64, 48)
	return dir
}

func TestUnseenContent(t *testing.T) {
	dir := unseen(t)
	out := filepath.Join(t.TempDir(), "public")
	c, ds := buildTo(t, Options{Content: dir, Out: out})
	checkSite(t, c, out)

	// Raw HTML and the javascript: link are warnings at their lines.
	var got []string
	for _, d := range ds {
		got = append(got, strings.TrimPrefix(d.String(), dir+"/"))
	}
	want := []string{
		`case-studies/alpha.md:24:1: warning: raw HTML is not published: write it in Markdown instead (this block is left out)`,
		`case-studies/alpha.md:26:6: warning: raw HTML <b onclick="steal()"> is not published: write it in Markdown instead`,
		`case-studies/alpha.md:26:31: warning: raw HTML </b> is not published: write it in Markdown instead`,
		`case-studies/alpha.md:26:47: warning: link to "javascript:alert(1)" is not published: only http, https, mailto and tel links are allowed (the text is kept, the link is left out)`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}

	// Terms given by alias and title are published under their ids.
	alpha := read(t, out, "case-studies/alpha/index.html")
	for _, href := range []string{"/g4g/pillars/vision/", "/g4g/pillars/teaching/", "/g4g/capitals/social/", "/g4g/practice/change-agent/", "/g4g/phase/primary/", `/g4g/case-studies/beta/#lessons-learned`, `/g4g/case-studies/gamma/`, `href="#lessons"`} {
		if !strings.Contains(alpha, href) {
			t.Errorf("alpha's page has no link to %s", href)
		}
	}
	// Nothing the contributor wrote can run.
	for _, bad := range []string{"<script>alert", "onclick", "javascript:", "steal()"} {
		if strings.Contains(alpha, bad) {
			t.Errorf("alpha's page contains %q", bad)
		}
	}
	// A fifth taxonomy gets its pages; the draft is left out.
	for _, p := range []string{"practice/index.html", "practice/change-agent/index.html", "case-studies/gamma/notes.csv", "case-studies/gamma/chart.svg", "case-studies/gamma/photo.png", "case-studies/gamma/photo-64w.webp"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Errorf("missing %s", p)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "case-studies/delta")); err == nil {
		t.Error("the draft was published without --drafts")
	}
	gamma := read(t, out, "case-studies/gamma/index.html")
	for _, s := range []string{`<source type="image/webp" srcset="/g4g/case-studies/gamma/photo-64w.webp 64w"`, `<img src="/g4g/case-studies/gamma/photo.png" srcset="/g4g/case-studies/gamma/photo.png 64w"`, `alt="A photo of the hall" width="64" height="48"`, `src="/g4g/case-studies/gamma/chart.svg" alt="A bar chart of scores" width="120" height="60"`, `href="/g4g/case-studies/gamma/notes.csv"`} {
		if !strings.Contains(gamma, s) {
			t.Errorf("gamma's page lacks %s", s)
		}
	}
	// The feed and the sitemap carry full URLs under the sub-path.
	if feed := read(t, out, "feed.xml"); !strings.Contains(feed, "<id>https://example.org/g4g/case-studies/alpha/</id>") {
		t.Errorf("feed lacks alpha's full URL:\n%s", feed)
	}
	if sm := read(t, out, "sitemap.xml"); !strings.Contains(sm, "<loc>https://example.org/g4g/practice/change-agent/</loc>") {
		t.Error("sitemap lacks a term page of the fifth taxonomy")
	}
	// Backlinks and schools: Beta is referred to by Alpha, and Beta Academy
	// is listed as Alpha's partner.
	beta := read(t, out, "case-studies/beta/index.html")
	if !strings.Contains(beta, `Referred to by`) || !strings.Contains(beta, `/g4g/case-studies/alpha/`) {
		t.Error("beta's page does not list alpha as a backlink")
	}
	if schools := read(t, out, "schools/index.html"); !strings.Contains(schools, "as a partner, with Alpha Primary School") {
		t.Error("schools page does not list Beta Academy as Alpha's partner")
	}
}

func TestDrafts(t *testing.T) {
	dir := unseen(t)
	out := filepath.Join(t.TempDir(), "public")
	c, _ := buildTo(t, Options{Content: dir, Out: out, Drafts: true})
	checkSite(t, c, out)
	if _, err := os.Stat(filepath.Join(out, "case-studies/delta/index.html")); err != nil {
		t.Error("--drafts did not publish the draft")
	}
}

// TestBaseURLFlag builds for the root of a local server.
func TestBaseURLFlag(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	c, _ := buildTo(t, Options{Content: unseen(t), Out: out, BaseURL: "/"})
	checkSite(t, c, out)
	if home := read(t, out, "index.html"); strings.Contains(home, "/g4g/") {
		t.Error("--base-url / still links under /g4g/")
	}
}

func read(t *testing.T, dir, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestAssetClash refuses a contributed file that would take the place of a
// file buildbook writes, here the search index's entry point.
func TestAssetClash(t *testing.T) {
	dir := unseen(t)
	if err := os.MkdirAll(filepath.Join(dir, "search"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "search", "meta.json"), []byte(`{"hijacked":true}`), 0o644); err != nil {
		t.Fatal(err)
	}
	beta := filepath.Join(dir, "case-studies", "beta.md")
	b, err := os.ReadFile(beta)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(beta, append(b, []byte("\nOur [data](../search/meta.json).\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	var diags diag.List
	c, err := Compile(Options{Content: dir}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	if c != nil {
		t.Fatal("the build succeeded with a file over search/meta.json")
	}
	var errs []string
	for _, d := range diags.Sorted() {
		if d.Severity == diag.Error {
			errs = append(errs, strings.TrimPrefix(d.String(), dir+"/"))
		}
	}
	// A .json file is not a kind of attachment, so it is refused before
	// its place is looked at: no kind that may be published is a kind
	// that buildbook writes outside assets/.
	want := []string{`case-studies/beta.md:20:5: "../search/meta.json" cannot be published: a .json file is not a kind of file buildbook publishes (some kinds, such as web pages and XML, could run script in readers' browsers); attach it as ` + asset.Kinds}
	if diff := cmp.Diff(want, errs); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}
