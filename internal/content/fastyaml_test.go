package content

import (
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// gencorpusFM is the front matter of a case study written by
// /work/shared/bench/gencorpus.py, the shape of the 10,000-case-study
// benchmark.
const gencorpusFM = `title: "Feedback at Greenacre School for Girls: from good to great"
school: "Greenacre School for Girls"
authors:
  - name: "Kemi Zhang"
    role: "Head of maths"
  - name: "Kemi O'Brien"
    role: "Chair of governors"
date: 2010-05-14
region: "Islington"
cohort: "2009-10"
summary: "Purpose school writing \"daily\" programme practical sustained purposeful induction improvement accountability. Lessons senior year common expertise improvement planning expertise school clear skills sharing resilience attendance ethos year sharing purposeful rigorous."
pillars: [learning-environment, self-evaluation, vision-values-ethos]
capitals: [organisational]
roles: []
phase: alternative-provision
`

// sampleYAML returns the YAML front matter of the sample book's Markdown
// files and its YAML files, by file name.
func sampleYAML(t testing.TB) map[string]string {
	t.Helper()
	root := filepath.Join("..", "..", "content")
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		switch filepath.Ext(p) {
		case ".yaml":
			out[rel] = string(b)
		case ".md":
			if rest, ok := strings.CutPrefix(string(b), "---\n"); ok {
				if fm, _, ok := strings.Cut(rest, "\n---\n"); ok {
					out[rel] = fm + "\n"
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 10 {
		t.Fatalf("found the YAML of only %d sample files in %s", len(out), root)
	}
	return out
}

// sameAsSlow fails the test if parseSimpleYAML accepts src but yaml.v3
// reads it differently or finds a problem in it. It reports whether the
// fast path accepted src.
func sameAsSlow(t *testing.T, src []byte) bool {
	t.Helper()
	fast, ok := parseSimpleYAML(src, 3)
	if !ok {
		return false
	}
	slow, errs := parseYAMLSlow(src, 3)
	for _, e := range errs {
		t.Errorf("fast path accepted %q, yaml.v3 says %d:%d: %s", src, e.line, e.col, e.msg)
	}
	if diff := cmp.Diff(slow, fast, cmp.AllowUnexported(node{})); diff != "" {
		t.Errorf("fast path read %q differently (-yaml.v3 +fast):\n%s", src, diff)
	}
	return true
}

// trickyYAML are inputs near the edges of the fast path's subset: some it
// reads, most it must leave to yaml.v3.
var trickyYAML = []string{
	"a: yes\nb: no\nc: on\nd: off\ne: y\nf: N\ng: Yes\n",
	"a: true\nb: False\nc: TRUE\nd: tRUE\ne: null\nf: Null\ng: ~\nh: NULL\n",
	"a: 0123\nb: 0\nc: 00\nd: 1e3\ne: 1.5\nf: 0x1F\ng: 1_000\nh: -1\ni: +1\nj: .5\nk: .inf\n",
	"a: 123456789012345678\nb: 1234567890123456789\nc: 99999999999999999999\n",
	"a: 2024-01-02\nb: 2024-1-2\nc: 2023-02-30\nd: 2024-13-01\ne: 2018-19\nf: 2009-10\ng: 2024-1\n",
	"a: 2001-12-14 21:59:43.10\nb: 2001-12-14T21:59:43Z\nc: 11 to 18\nd: 3rd\ne: 3 schools\nf: 12:30\n",
	"a: \"a: b\"\nb: a: b\nc: 'a: b'\n",
	"a: 'it''s'\nb: ''''\nc: ''\nd: \"\"\ne: \"it's\"\nf: 'say \"hi\"'\n",
	"a: \"x\\\"y\"\nb: \"x\\\\y\"\nc: \"x\\ny\"\nd: \"x\\ty\"\ne: \"\\u00e9\"\n",
	"a: x   \nb: \"x\"   \nc: [a, b]   \nd:   \ne: 'x'  \n",
	"a:\nb:\n\nc: 1\nd:",
	"key:\n- a\n- b\nnext:\n  - c\n  -   d\nlast:\n    - e\n",
	"authors:\n  - name: A\n    role: B\n  - C\n  -   name: D\n      role: E\n",
	"a:\n  b:\n    c: 1\n    d: [x]\n  e: 2\n",
	"a: x # comment\nb: x#y\n# whole line\nc: 1\n",
	"a: &anchor x\nb: *anchor\nc: !!str 1\nd: !tag x\n",
	"a: |\n  one\n  two\nb: >\n  one\n  two\n\n\nc: |\n  x",
	"a: |-\n  x\nb: >+\n  x\nc: |2\n   x\nd: > # c\n  x\n",
	"a: >\n  x  \n  y\nb: >\n  x\n\n  y\nc: >\n  x\n    y\n",
	"a: \"one\n  two\"\nb: plain\n  continued\nc: 'x\n  y'\n",
	"a: {b: c}\nb: [a, [b]]\nc: [a, {b: c}]\nd: [a, b,]\ne: [,]\nf: [ ]\n",
	"a: [\"x, y\", 'z''s', 1, 2024-01-02, true, null, it's]\n",
	"---\na: 1\n...\n",
	"a: 1\n---\nb: 2\n",
	"\ufeffa: 1\n",
	"a: 1\r\nb: 2\r\n",
	"a:\tx\n",
	"a: 1\na: 2\n",
	"title: Café\nschool: École Française\nauthors: [Zoë, 😀 x, é]\nk: é\n",
	"a: 1\n  b: 2\n",
	"a:\n  - x\n  y: 1\n",
	"- id: x\n  title: y\n  terms:\n    - id: z\n      aliases: [q]\n- id: w\n",
	"- x\n- y\n",
	"a",
	"a:b\n",
	"a : b\n",
	"\"a\": b\n",
	"a-b: 1\nc_d: 2\n_e: 3\nf1: 4\n",
	"true: 1\n",
	"null: 1\n",
	"<<: {a: 1}\nb: <<\n",
	"a: -\nb: - x\nc: ?\nd: :x\ne: %x\nf: @x\ng: `x\n",
	"a: x: y\nb: http://example.org/x\nc: a:b\nd: x:\n",
	"a:\n-\n- x\n",
	"a:\n- - x\n",
	"- a:\n  - x\n- b:\n- c\n",
	"a:\n  - >\n    x\n    y\n  - |\n    z\n",
	"a:\n- >\n x\n",
	"a: >\n\n  x\n",
	"a: |\nb: 1\n",
	"  a: 1\n  b: 2\n",
	"a: 1\n\n\n",
	"\n\na: 1\n",
	"",
	"\n",
	"a: \u0085x\n",
	"a: x\u2028y\n",
	"a: \x7f\n",
	"a: \xff\n",
	"a: [a b, c  d]\n",
	"a: [0?]\nb: [a?b, c]\nc: a?b\nd: [a:b]\n",
	"a: (x)\nb: /x\nc: $x\nd: \\x\ne: =x\n",
}

// FuzzSimpleYAML checks that whatever the fast path accepts, yaml.v3 reads
// without a problem and into the same tree.
func FuzzSimpleYAML(f *testing.F) {
	f.Add([]byte(gencorpusFM))
	for _, src := range sampleYAML(f) {
		f.Add([]byte(src))
	}
	for _, src := range trickyYAML {
		f.Add([]byte(src))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		sameAsSlow(t, src)
	})
}

// TestSimpleYAML lists what the fast path must read itself, so that it is
// known to be taken for real front matter, and what it must leave to
// yaml.v3.
func TestSimpleYAML(t *testing.T) {
	accept := map[string]string{
		"gencorpus":           gencorpusFM,
		"gencorpus book.yaml": "title: Going for Great\nsubtitle: Case studies from outstanding schools\ndescription: Outstanding schools share what they did, why it worked, and what they learned.\npublisher: Going for Great\nlanguage: en-GB\nbase_url: /\n",
		"gencorpus taxonomies.yaml": "- id: pillars\n  title: Pillars of Greatness\n  singular: Pillar\n  required: true\n  terms:\n" +
			"    - id: vision-values-ethos\n      title: \"A shared vision, values, culture and ethos\"\n      number: 1\n      aliases: [pillar-1]\n" +
			"- id: phase\n  title: Phase\n  singular: Phase\n  multiple: false\n  terms:\n    - id: post-16\n      title: Post 16\n",
		"words that are strings": "a: yes\nb: no\nc: on\nd: Off\ne: y\nf: tRUE\n",
		"types":                  "a: true\nb: null\nc: 0\nd: 42\ne: 2024-01-02\nf: 2023-02-30\ng: 2018-19\nh: 11 to 18\ni:\n",
		"quotes":                 "a: 'it''s'\nb: \"say \\\"hi\\\" \\\\ bye\"\nc: \"\"\nd: \"a: b # c\"\n",
		"lists":                  "a: []\nb: [x y, \"z, w\", 'q']\nc:\n- x\nd:\n  - name: n\n    role: r\n  - plain\n",
		"block scalars":          "a: >\n  one\n  two\nb: |\n  one\n  two\n\nc: 1\n",
		"nesting":                "a:\n  b:\n    c: 1\n  d: x\ne: 2\n",
		"unicode":                "title: Café\nauthors: [Zoë, 😀 x, é]\n",
	}
	for name, src := range sampleYAML(t) {
		if name == "taxonomies.yaml" {
			continue // has comments
		}
		accept["sample "+name] = src
	}
	for name, src := range accept {
		t.Run("accept/"+name, func(t *testing.T) {
			if !sameAsSlow(t, []byte(src)) {
				t.Errorf("fast path declined:\n%s", src)
			}
			if n, errs := parseYAML([]byte(src), 3); len(errs) > 0 || n == nil {
				t.Errorf("parseYAML: %v, %d problems", n, len(errs))
			}
		})
	}
	decline := map[string]string{
		"comment":            "a: x # c\n",
		"comment line":       "# c\na: x\n",
		"anchor":             "a: &x 1\nb: *x\n",
		"tag":                "a: !!str 1\n",
		"literal keep":       "a: |+\n  x\n",
		"folded strip":       "a: >-\n  x\n",
		"block blank line":   "a: >\n  x\n\n  y\n",
		"block more indent":  "a: |\n  x\n    y\n",
		"tab":                "a:\tx\n",
		"tab indent":         "a:\n\t- x\n",
		"multi-line plain":   "a: x\n  y\n",
		"multi-line quoted":  "a: \"x\n  y\"\n",
		"flow mapping":       "a: {b: c}\n",
		"nested flow":        "a: [b, [c]]\n",
		"trailing comma":     "a: [b, c,]\n",
		"document start":     "---\na: 1\n",
		"document end":       "a: 1\n...\n",
		"quoted key":         "\"a\": 1\n",
		"key with space":     "a b: 1\n",
		"space before colon": "a : 1\n",
		"bool key":           "true: 1\n",
		"escape":             "a: \"x\\ny\"\n",
		"unicode escape":     "a: \"\\u00e9\"\n",
		"BOM":                "\ufeffa: 1\n",
		"CR":                 "a: 1\r\nb: 2\r\n",
		"duplicate":          "a: 1\na: 2\n",
		"leading zero":       "a: 0123\n",
		"float":              "a: 1.5\n",
		"exponent":           "a: 1e3\n",
		"hex":                "a: 0x1f\n",
		"sign":               "a: -1\n",
		"infinity":           "a: .inf\n",
		"tilde":              "a: ~\n",
		"big int":            "a: 12345678901234567890\n",
		"time":               "a: 2001-12-14 21:59:43.10\n",
		"colon space":        "a: b: c\n",
		"trailing colon":     "a: b:\n",
		"dash value":         "a: - b\n",
		"indented top":       "  a: 1\n",
		"top-level scalar":   "a\n",
		"empty":              "",
		"only blank lines":   "\n\n",
		"spaces-only line":   "a: 1\n  \nb: 2\n",
		"empty item":         "a:\n-\n- x\n",
		"nested list":        "a:\n- - x\n",
		"NEL":                "a: x\u0085y\n",
		"invalid UTF-8":      "a: \xff\n",
		"control":            "a: \x01\n",
		"too deep":           strings.Repeat("a:\n", 12) + "b: 1\n",
	}
	for name, src := range decline {
		t.Run("decline/"+name, func(t *testing.T) {
			if n, ok := parseSimpleYAML([]byte(src), 1); ok {
				t.Errorf("fast path accepted %q: %+v", src, n)
			}
		})
	}
}

// TestSimpleYAMLTree spells out one tree, so that a fault shared by both
// paths would show too.
func TestSimpleYAMLTree(t *testing.T) {
	src := "title: \"Café: it\\\"s\"\nauthors:\n  - name: A\n    role: 'B''s'\ntags: [x, é, 2]\nwhen: 2024-01-02\nsummary: >\n  one\n  two\ndraft:\n"
	got, ok := parseSimpleYAML([]byte(src), 2)
	if !ok {
		t.Fatal("declined")
	}
	str := func(v string, line, col int) *node {
		return &node{kind: scalarNode, value: v, typ: "str", line: line, col: col}
	}
	want := &node{kind: mapNode, line: 2, col: 1,
		keys: []*node{str("title", 2, 1), str("authors", 3, 1), str("tags", 6, 1), str("when", 7, 1), str("summary", 8, 1), str("draft", 11, 1)},
		vals: []*node{
			str(`Café: it"s`, 2, 8),
			{kind: seqNode, line: 4, col: 3, vals: []*node{
				{kind: mapNode, line: 4, col: 5,
					keys: []*node{str("name", 4, 5), str("role", 5, 5)},
					vals: []*node{str("A", 4, 11), str("B's", 5, 11)}},
			}},
			{kind: seqNode, line: 6, col: 7, vals: []*node{str("x", 6, 8), str("é", 6, 11), {kind: scalarNode, value: "2", typ: "int", line: 6, col: 14}}},
			{kind: scalarNode, value: "2024-01-02", typ: "date", line: 7, col: 7},
			str("one two\n", 8, 10),
			{kind: scalarNode, typ: "null", line: 11, col: 7},
		},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(node{})); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// BenchmarkFrontMatter compares the two ways of reading a generated case
// study's front matter.
func BenchmarkFrontMatter(b *testing.B) {
	src := []byte(gencorpusFM)
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, ok := parseSimpleYAML(src, 2); !ok {
				b.Fatal("declined")
			}
		}
	})
	b.Run("yaml.v3", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, errs := parseYAMLSlow(src, 2); len(errs) > 0 {
				b.Fatal(errs[0].msg)
			}
		}
	})
}

var (
	generatedDocs = flag.Int("fastyaml.docs", 3000, "number of documents TestSimpleYAMLGenerated makes")
	generatedSeed = flag.Uint64("fastyaml.seed", 1, "seed of TestSimpleYAMLGenerated's documents")
)

// TestSimpleYAMLGenerated compares the two paths on documents built at
// random (with a fixed seed) from the pieces of the subset and from
// pieces just outside it, at right and wrong indentations.
func TestSimpleYAMLGenerated(t *testing.T) {
	r := rand.New(rand.NewPCG(*generatedSeed, 2))
	pick := func(s ...string) string { return s[r.IntN(len(s))] }
	pickN := func(n ...int) int { return n[r.IntN(len(n))] }
	scalar := func() string {
		if r.IntN(4) > 0 {
			return pick("x", "Plashet School", "yes", "No", "true", "FALSE", "null", "0", "7", "42", "2024-01-02", "2024-1-2",
				"2023-02-30", "2018-19", "11 to 18", "12:30", "a:b", "x#y", "it's", `"q"`, `"a \"b\" \\ c"`, `'it''s'`, `''`, `""`,
				"é", "😀 x", "[]", "[a, b]", "[a,b]", "[ a , 'b' ]", `["x, y", 'z']`, "(x)", "/x", "x  ", "[é, 'ü', 😀]")
		}
		return pick("~", "007", "1e3", "1.5", "a: b", "x #y", `"a\nb"`, `"x" y`, "[a, [b]]", "[a,]", "{a: b}", "&a x", "*a",
			"!t x", "- x", "-x", "x:", "<<", "'x", `"x`, "[a", "[a, b] c", "[a?]", "[a?b]", "[a:b]", "[a #b]", "[a]]", "x\ty", "x\r")
	}
	var value func(indent, depth int) string
	var mapping func(indent, depth int, first string) string
	key := func() string {
		if r.IntN(10) == 0 {
			return pick("true", "a b", "\"q\"", "y", "-a", "a ")
		}
		return pick("a", "b", "c", "d", "e", "title", "case-studies", "x_y", "_z", "A1", "Yes", "n", "on")
	}
	mapping = func(indent, depth int, first string) string {
		var b strings.Builder
		for i := range 1 + r.IntN(3) {
			ind := indent
			if r.IntN(12) == 0 {
				ind += pickN(1, -1, 2)
			}
			if i == 0 && first != "" {
				b.WriteString(first)
			} else {
				b.WriteString(strings.Repeat(" ", max(ind, 0)))
			}
			b.WriteString(key() + ":" + value(indent, depth+1))
			if r.IntN(8) == 0 {
				b.WriteString("\n")
			}
		}
		return b.String()
	}
	sequence := func(indent, depth int) string {
		var b strings.Builder
		for range 1 + r.IntN(3) {
			lead := strings.Repeat(" ", indent) + pick("- ", "- ", "-   ", "-")
			if r.IntN(2) == 0 {
				b.WriteString(mapping(len(lead), depth+1, lead))
			} else {
				b.WriteString(lead + scalar() + "\n")
			}
		}
		return b.String()
	}
	value = func(indent, depth int) string {
		if depth > 4 {
			return " " + scalar() + "\n"
		}
		switch r.IntN(8) {
		case 0:
			return "\n"
		case 1, 2:
			return "\n" + sequence(indent+pickN(0, 2, 2, 4, 1), depth+1)
		case 3:
			return "\n" + mapping(indent+pickN(2, 2, 4, 1), depth+1, "")
		case 4:
			ind := strings.Repeat(" ", indent+pickN(2, 2, 1, 0, 4))
			s := " " + pick("|", ">", "|-", ">+", "> ") + "\n"
			for range 1 + r.IntN(3) {
				s += ind + pick("one", "two  ", "a: b", "# c", "  more", "") + "\n"
			}
			return s
		}
		return " " + scalar() + pick("\n", "\n", "  \n", "\n\n")
	}
	accepted := 0
	for range *generatedDocs {
		var src string
		if r.IntN(5) == 0 {
			src = sequence(0, 0)
		} else {
			src = mapping(0, 0, "")
		}
		if sameAsSlow(t, []byte(src)) {
			accepted++
		}
	}
	if accepted < *generatedDocs/10 {
		t.Errorf("the fast path took only %d of %d documents", accepted, *generatedDocs)
	}
	t.Logf("the fast path took %d of %d documents", accepted, *generatedDocs)
}
