package content

import (
	"bytes"
	"testing"
	"testing/fstest"

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
