package content

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/adrg/frontmatter"
	"golang.org/x/tools/txtar"

	"buildbook/internal/diag"
)

// FuzzFrontMatter loads a content folder whose case study, and whose
// taxonomies.yaml, is the fuzzer's input. Nothing may panic or hang, and
// every message about the file must point at one of its lines. The seed
// corpus in testdata/fuzz/FuzzFrontMatter holds real case studies and the
// faults of the catalogue.
func FuzzFrontMatter(f *testing.F) {
	f.Add([]byte("---\n" + validFM + "---\n\nBody.\n"))
	f.Add([]byte("+++\ntitle = \"T\"\n[[authors]]\nname = \"A\"\n+++\n"))
	f.Add([]byte("---\na: &a [*a, *a]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n---\n"))
	f.Add([]byte("\ufeff---\r\ntitle: [\r\n---\r\n"))
	base := fstest.MapFS{}
	for _, file := range txtar.Parse([]byte(baseSite)).Files {
		base[file.Name] = &fstest.MapFile{Data: file.Data}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, name := range []string{"case-studies/fuzz.md", "taxonomies.yaml"} {
			fsys := fstest.MapFS{}
			for k, v := range base {
				fsys[k] = v
			}
			fsys[name] = &fstest.MapFile{Data: src}
			var diags diag.List
			Load(fsys, Options{}, &diags)
			lines := bytes.Count(src, []byte("\n")) + 1
			for _, d := range diags.Sorted() {
				if d.File != name {
					continue
				}
				if d.Line < 1 || d.Line > lines || d.Col < 1 {
					t.Errorf("%s: position outside the file of %d lines", d, lines)
				}
			}
		}
	})
}

// FuzzSplitFrontMatter checks splitFrontMatter, which stops
// adrg/frontmatter from copying the body, against adrg/frontmatter
// reading the whole file: the same front matter and the same body.
func FuzzSplitFrontMatter(f *testing.F) {
	long := strings.Repeat("A line of the body, long enough to fill buffers.\n", 200)
	for _, s := range []string{
		"---\ntitle: T\n---\nBody.\n",
		"---\ntitle: T\n---\n" + long,
		"\n\n---\ntitle: T\n---\n\n" + long,
		"+++\ntitle = \"T\"\n+++\nBody",
		"---\ntitle: T\n" + long,
		"no front matter\n" + long,
		"---\n---\n",
		"---\ntitle: T\n---",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var want rawFrontMatter
		want.src = &headReader{}
		wantBody, wantErr := frontmatter.Parse(bytes.NewReader(src), &want, frontMatterFormats...)
		raw, body, err := splitFrontMatter(src)
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("error %v, adrg/frontmatter alone %v", err, wantErr)
		}
		if err != nil {
			return
		}
		if raw.format != want.format || !bytes.Equal(raw.text, want.text) {
			t.Errorf("front matter %s %q, adrg/frontmatter alone %s %q", raw.format, raw.text, want.format, want.text)
		}
		if !bytes.Equal(body, wantBody) {
			t.Errorf("body %q, adrg/frontmatter alone %q", body, wantBody)
		}
	})
}
