package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"buildbook/internal/diag"
)

// fakePDF is a file that starts as a PDF does, with text in it.
func fakePDF(text string) string { return "%PDF-1.7\n% " + text + "\n%%EOF\n" }

// fakeEPUB is a file that starts as an EPUB does (a zip whose first
// entry is the stored mimetype), with text after it.
func fakeEPUB(text string) string {
	return "PK\x03\x04" + strings.Repeat("\x00", 26) + "mimetypeapplication/epub+zip" + text
}

// TestDownloads builds the sample book with a downloads folder: each
// book's PDF and EPUB is published beside its page, byte for byte, and
// offered with its size in the footer and at the top of its page, while
// a build without the folder keeps the footer's single link to the book.
func TestDownloads(t *testing.T) {
	downloads := t.TempDir()
	files := map[string]string{
		"book.pdf":       fakePDF("every case study") + strings.Repeat("x", 2_400_000),
		"book.epub":      fakeEPUB("every case study"),
		"book-2024.pdf":  fakePDF("the 2024 edition") + strings.Repeat("y", 56_000),
		"book-2024.epub": fakeEPUB("the 2024 edition"),
		".DS_Store":      "ignored, as in content",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(downloads, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	c, ds := buildTo(t, Options{Content: "../../content", Out: out, Downloads: downloads})
	c.Close()
	if len(ds) != 0 {
		t.Errorf("diagnostics: %v", ds)
	}
	published := map[string]string{
		"book/book.pdf":            "book.pdf",
		"book/book.epub":           "book.epub",
		"book/2024/book-2024.pdf":  "book-2024.pdf",
		"book/2024/book-2024.epub": "book-2024.epub",
	}
	for p, name := range published {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
		if err != nil {
			t.Errorf("%s: %v", p, err)
		} else if string(b) != files[name] {
			t.Errorf("%s differs from %s", p, name)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "book", ".DS_Store")); err == nil {
		t.Error("book/.DS_Store published")
	}
	read := func(p string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	epubSize := len(fakeEPUB("the 2024 edition")) // 74 bytes
	footer := `<nav class="books" aria-label="Books"><ul>` +
		`<li>The book: <a href="/going-for-great/book/book.pdf" type="application/pdf">PDF, 2.4 MB</a> · ` +
		`<a href="/going-for-great/book/book.epub" type="application/epub&#43;zip">EPUB, 74 bytes</a> · ` +
		`<a href="/going-for-great/book/">page for printing</a></li>` +
		`<li>Going for Great 2024: <a href="/going-for-great/book/2024/book-2024.pdf" type="application/pdf">PDF, 56 KB</a> · ` +
		`<a href="/going-for-great/book/2024/book-2024.epub" type="application/epub&#43;zip">EPUB, 74 bytes</a> · ` +
		`<a href="/going-for-great/book/2024/">page for printing</a></li></ul></nav>`
	if epubSize != 74 {
		t.Fatalf("the fake EPUB is %d bytes; fix the test", epubSize)
	}
	for _, p := range []string{"index.html", "case-studies/coaching-triads/index.html", "404.html"} {
		page := read(p)
		if !strings.Contains(page, footer) {
			t.Errorf("%s: the footer does not offer the downloads:\n%s", p, between(page, `<footer`, `</footer>`))
		}
		if strings.Contains(page, `>The book</a>`) {
			t.Errorf("%s: the footer still links the printable page as the book", p)
		}
	}
	top := `<nav class="book-downloads" aria-label="Downloads">
<p>Download this book: <a href="/going-for-great/book/2024/book-2024.pdf" type="application/pdf">PDF, 56 KB</a> · <a href="/going-for-great/book/2024/book-2024.epub" type="application/epub&#43;zip">EPUB, 74 bytes</a>.`
	book := read("book/2024/index.html")
	if i := strings.Index(book, top); i < 0 || i > strings.Index(book, `<header class="cover`) {
		t.Errorf("book/2024/: the downloads are not offered before the cover:\n%s", between(book, "<body>", `<main>`))
	}
	if !strings.Contains(read("book/2024/print.css"), "@media print { .book-downloads { display: none; } }") {
		t.Error("book/2024/print.css does not leave the downloads out of print")
	}
	if !strings.Contains(read("book/index.html"), `PDF, 2.4 MB</a>`) {
		t.Error("book/: the book's PDF is not offered")
	}

	// The same build twice, into new folders, gives the same bytes.
	again := filepath.Join(t.TempDir(), "public")
	c, _ = buildTo(t, Options{Content: "../../content", Out: again, Downloads: downloads})
	c.Close()
	if diff := cmp.Diff(hashTree(t, out), hashTree(t, again)); diff != "" {
		t.Errorf("two builds differ:\n%s", diff)
	}

	// Without downloads, the footer links the book's page, as it always did.
	plain := filepath.Join(t.TempDir(), "public")
	c, _ = buildTo(t, Options{Content: "../../content", Out: plain})
	c.Close()
	home, err := os.ReadFile(filepath.Join(plain, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(home), `<a href="/going-for-great/book/">The book</a>`) || strings.Contains(string(home), `class="books"`) {
		t.Errorf("without downloads, the footer changed:\n%s", between(string(home), `<footer`, `</footer>`))
	}
	plainBook, err := os.ReadFile(filepath.Join(plain, "book", "2024", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(plainBook), "book-downloads") {
		t.Error("without downloads, the book page offers downloads")
	}
}

// between is the part of s from the first from to the next to.
func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	s = s[i:]
	if j := strings.Index(s, to); j >= 0 {
		return s[:j+len(to)]
	}
	return s
}

// TestDownloadsFaults: what a downloads folder may hold that is not a
// book's file, or not the file it is named for, is an error at the file
// in plain words, and the output is left as it was; a book without its
// files is a warning.
func TestDownloadsFaults(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string // diagnostics, with DIR for the folder
	}{
		{"missing files are warnings", map[string]string{"book.pdf": fakePDF("x")}, []string{
			"DIR/book-2024.epub: warning: there is no EPUB of the \"2024\" edition: its pages offer the rest; make it with buildbook epub --edition 2024 --out DIR/book-2024.epub",
			"DIR/book-2024.pdf: warning: there is no PDF of the \"2024\" edition: its pages offer the rest; make it with buildbook pdf --edition 2024 --out DIR/book-2024.pdf",
			"DIR/book.epub: warning: there is no EPUB of the book of every case study: its pages offer the rest; make it with buildbook epub --out DIR/book.epub",
		}},
		{"an unknown edition", map[string]string{"book-2023.pdf": fakePDF("x")}, []string{
			`DIR/book-2023.pdf: there is no edition "2023" (the editions are 2024): remove the file, or rename it for its edition`,
		}},
		{"not a book's name", map[string]string{"Book 2024.PDF": fakePDF("x"), "notes.txt": "x"}, []string{
			"DIR/Book 2024.PDF: is not a book's PDF or EPUB, so it would not be published: the downloads folder holds book.pdf and book.epub for the book of every case study, and book-ID.pdf and book-ID.epub for an edition (2024); remove it, or rename it so (names starting with . or _ are ignored)",
			"DIR/notes.txt: is not a book's PDF or EPUB, so it would not be published: the downloads folder holds book.pdf and book.epub for the book of every case study, and book-ID.pdf and book-ID.epub for an edition (2024); remove it, or rename it so (names starting with . or _ are ignored)",
		}},
		{"not what the name says", map[string]string{"book.pdf": "<html><script>alert(1)</script>", "book.epub": "PK\x03\x04 a zip, not an EPUB"}, []string{
			"DIR/book.epub: is not a EPUB file: make it again with buildbook epub --out DIR/book.epub",
			"DIR/book.pdf: is not a PDF file: make it again with buildbook pdf --out DIR/book.pdf",
		}},
		{"a folder", map[string]string{"book.pdf/x": "x"}, []string{
			"DIR/book.pdf: is not a file: put the book's PDF file itself in the downloads folder",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range tc.files {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var diags diag.List
			c, err := Compile(Options{Content: "../../content", Downloads: dir}, &diags)
			if err != nil {
				t.Fatal(err)
			}
			c.Close()
			var got []string
			for _, d := range diags.Sorted() {
				line := strings.ReplaceAll(filepath.ToSlash(d.String()), filepath.ToSlash(dir), "DIR")
				// Beyond the missing files' case, the other books' files
				// are missing too: those warnings are left out.
				if tc.name == "missing files are warnings" || !strings.Contains(line, "warning: there is no") {
					got = append(got, line)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			errs := false
			for _, w := range tc.want {
				errs = errs || !strings.Contains(w, "warning:")
			}
			if errs != (c == nil) {
				t.Errorf("compiled: %v; want a site only when there is no error", c != nil)
			}
		})
	}
}

// TestDownloadsSymlink: a symbolic link in the downloads folder is not
// followed, wherever it leads.
func TestDownloadsSymlink(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "secret.pdf")
	if err := os.WriteFile(outside, []byte(fakePDF("not to be published")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "book.pdf")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	var diags diag.List
	c, err := Compile(Options{Content: "../../content", Downloads: dir}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	if c != nil {
		c.Close()
		t.Fatal("a build with a symbolic link in the downloads folder succeeded")
	}
	var b bytes.Buffer
	_ = diag.Write(&b, "text", diags.Sorted())
	if !strings.Contains(b.String(), "book.pdf: is a symbolic link: put the file itself in the downloads folder") {
		t.Errorf("diagnostics:\n%s", b.String())
	}
}
