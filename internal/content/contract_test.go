package content

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestContractInStep checks that docs/content-format.md, the copy of the
// content contract that a person who clones the repository can open, starts
// with the shared contract word for word; what buildbook adds to it follows
// under its own heading. The shared contract lies beside the repository
// (../shared); without it the test skips, except in CI.
func TestContractInStep(t *testing.T) {
	shared, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "spec", "content-format.md"))
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the shared contract is missing in CI: %v", err)
		}
		t.Skipf("no shared contract beside the repository: %v", err)
	}
	local, err := os.ReadFile(filepath.Join("..", "..", "docs", "content-format.md"))
	if err != nil {
		t.Fatal(err)
	}
	shared = bytes.ReplaceAll(shared, []byte("\r\n"), []byte("\n"))
	local = bytes.ReplaceAll(local, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(local, shared) {
		t.Fatal("docs/content-format.md does not start with ../shared/spec/content-format.md word for word: copy the shared contract into it again, above the heading \"Beyond the shared contract\"")
	}
	rest := local[len(shared):]
	if !bytes.HasPrefix(rest, []byte("\n## Beyond the shared contract\n")) {
		t.Fatal("docs/content-format.md: what follows the shared contract must start with the heading \"## Beyond the shared contract\"")
	}
}

// TestFieldsInContract checks the tables of fields against the examples of
// docs/content-format.md: the case study's example names the fields of
// caseStudyFields in its order (a taxonomy's fields in the place of the
// taxonomies' slot), and every field that an example of book.yaml,
// taxonomies.yaml or an edition names is in the tables, so that nothing
// the contract shows is refused as an unknown field.
func TestFieldsInContract(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "content-format.md"))
	if err != nil {
		t.Fatal(err)
	}
	key := regexp.MustCompile(`^\s*(?:- )?([a-z][a-z_-]*):`)
	top := regexp.MustCompile(`^([a-z][a-z_-]*):`)
	// blocks returns the keys of the code blocks under each heading that
	// ends with title, or only those of the top level.
	blocks := func(title string, key *regexp.Regexp) []string {
		var keys []string
		in, under := false, false
		for _, line := range strings.Split(string(doc), "\n") {
			switch {
			case strings.HasPrefix(line, "#"):
				under = strings.HasSuffix(line, " "+title)
			case strings.HasPrefix(line, "```"):
				in = !in && under
			case in:
				if m := key.FindStringSubmatch(line); m != nil {
					keys = append(keys, m[1])
				}
			}
		}
		if len(keys) == 0 {
			t.Fatalf("docs/content-format.md has no example of %s", title)
		}
		return keys
	}

	// The case study: table keys in order; a run of other keys is the
	// taxonomies'.
	var got, want []string
	for _, k := range blocks("A case study", top) {
		if !slices.Contains(fieldKeys(caseStudyFields), k) {
			k = "(taxonomies)"
		}
		if len(got) == 0 || got[len(got)-1] != k {
			got = append(got, k)
		}
	}
	for _, fd := range caseStudyFields {
		k := fd.Key
		if fd.Kind == Terms {
			k = "(taxonomies)"
		}
		want = append(want, k)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the contract's case study and caseStudyFields (-table +contract):\n%s", diff)
	}
	for _, tc := range []struct {
		title  string
		tables [][]Field
	}{
		{"book.yaml", [][]Field{bookFields}},
		{"taxonomies.yaml", [][]Field{taxonomyFields, termFields}},
		{"A print edition", [][]Field{editionFields, partFields}},
	} {
		for _, k := range blocks(tc.title, key) {
			if !slices.ContainsFunc(tc.tables, func(table []Field) bool { return slices.Contains(fieldKeys(table), k) }) {
				t.Errorf("the contract's example of %s has the field %q, which its table of fields does not", tc.title, k)
			}
		}
	}
}

// TestFieldsInContributing checks that CONTRIBUTING.md's table of the
// front matter, field by field, names every field of a case study.
func TestFieldsInContributing(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "CONTRIBUTING.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(doc), "### The front matter, field by field\n")
	if !ok {
		t.Fatal(`CONTRIBUTING.md has no heading "The front matter, field by field"`)
	}
	table, _, _ = strings.Cut(table, "\n\n\n")
	var listed []string
	for _, line := range strings.Split(table, "\n") {
		if cell, _, ok := strings.Cut(strings.TrimPrefix(line, "| "), " |"); ok && strings.HasPrefix(line, "| `") {
			for _, m := range regexp.MustCompile("`([a-z_-]+)`").FindAllStringSubmatch(cell, -1) {
				listed = append(listed, m[1])
			}
		}
	}
	for _, fd := range caseStudyFields {
		if fd.Kind != Terms && !slices.Contains(listed, fd.Key) {
			t.Errorf("CONTRIBUTING.md's table of the front matter does not name the field %q: add a row for it", fd.Key)
		}
	}
}
