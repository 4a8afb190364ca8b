package render

import (
	"bufio"
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"buildbook/internal/corpus"
)

func TestRespell(t *testing.T) {
	tests := map[string]string{
		"behaviour": "behavior", "behaviours": "behaviors", "behavioural": "behavioral", "colourful": "colorful",
		"neighbourhood": "neighborhood", "favourite": "favorite", "labourer": "laborer", "odour": "odor",
		"organise": "organize", "organisation": "organization", "organisations": "organizations",
		"prioritising": "prioritizing", "realised": "realized", "organiser": "organizer",
		"analyse": "analyze", "analysed": "analyzed", "paralysing": "paralyzing",
		"catalogue": "catalog", "catalogues": "catalogs", "catalogued": "cataloged", "dialogue": "dialog",
		"centre": "center", "centres": "centers", "centred": "centered", "theatre": "theater", "fibre": "fiber",
		"programme": "program", "programmes": "programs", "practise": "practice", "practising": "practicing",
		"travelled": "traveled", "modelling": "modeling", "counsellor": "counselor", "labelled": "labeled",
		"licence": "license", "defence": "defense", "judgement": "judgment", "enrolment": "enrollment",
		"paediatric": "pediatric", "grey": "gray", "ageing": "aging",
		// Spelt alike on both sides, or not a British form: left alone.
		"supervise": "supervise", "exercise": "exercise", "promised": "promised", "rise": "rise", "noise": "noise",
		"four": "four", "hour": "hour", "your": "your", "tour": "tour", "flour": "flour", "scoured": "scoured",
		"resources": "resources", "courses": "courses", "journey": "journey", "vogue": "vogue", "rogue": "rogue",
		"hatred": "hatred", "genre": "genre", "acre": "acre", "spelling": "spelling", "compelled": "compelled",
		"decision": "decision", "behavior": "behavior", "center": "center", "café": "café", "ks2": "ks2",
	}
	for in, want := range tests {
		if got := Respell(in); got != want {
			t.Errorf("Respell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestKey(t *testing.T) {
	// Forms that must meet, and forms that must not.
	same := [][]string{
		{"collaborating", "collaboration", "collaborative", "collaborate"},
		{"mentor", "mentoring", "mentors", "mentored"},
		{"behaviour", "behavior", "behaviours", "behaviors"},
		{"organisation", "organization", "organisations"},
		{"centre", "center", "centres"},
		{"supervise", "supervision", "supervised"},
		{"travelled", "traveled", "travelling", "travel"},
		{"governors", "governor"},
	}
	for _, ws := range same {
		for _, w := range ws[1:] {
			if Key(w) != Key(ws[0]) {
				t.Errorf("Key(%q) = %q, Key(%q) = %q: want them equal", w, Key(w), ws[0], Key(ws[0]))
			}
		}
	}
	for _, p := range [][2]string{{"spell", "spelling"}} {
		if Key(p[0]) != Key(p[1]) {
			t.Errorf("Key(%q) = %q, Key(%q) = %q: want them equal", p[0], Key(p[0]), p[1], Key(p[1]))
		}
	}
	for _, p := range [][2]string{{"scoured", "scored"}, {"hatred", "hater"}, {"government", "governor"}} {
		if Key(p[0]) == Key(p[1]) {
			t.Errorf("Key(%q) = Key(%q) = %q: want them apart", p[0], p[1], Key(p[0]))
		}
	}
}

// snowballVocabulary reads the word list and stems that Snowball publishes
// for English, as the snowball module's tests carry it.
func snowballVocabulary(t *testing.T) map[string]string {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // a hang guard
	defer cancel()
	dir, err := exec.CommandContext(ctx, "go", "list", "-m", "-f", "{{.Dir}}", "github.com/kljensen/snowball").Output()
	if err != nil || len(bytes.TrimSpace(dir)) == 0 {
		need(t, false, "the snowball module's folder (go mod download)")
		return nil
	}
	b, err := os.ReadFile(filepath.Join(string(bytes.TrimSpace(dir)), "english_vocab", "vocab_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, m := range regexp.MustCompile(`\{"([^"]*)", "([^"]*)"\}`).FindAllSubmatch(b, -1) {
		out[string(m[1])] = string(m[2])
	}
	if len(out) < 20000 {
		t.Fatalf("Snowball's vocabulary has %d words, want 20,000 or more", len(out))
	}
	return out
}

// need skips the test when what is missing, or fails it in CI.
func need(t *testing.T, ok bool, what string) {
	t.Helper()
	if ok {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is missing; CI must have it", what)
	}
	t.Skipf("%s is missing", what)
}

// testWords are the distinct words of the sample book, of a generated
// corpus and of the spelling tables, with forms made from them.
func testWords(t *testing.T) []string {
	set := map[string]bool{}
	add := func(s string) {
		for _, w := range Words(s) {
			set[w] = true
		}
	}
	err := filepath.WalkDir("../../content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if b, err := os.ReadFile(p); err == nil {
			add(string(b))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range corpus.Files(60, 1) {
		add(string(b))
	}
	for b, a := range respellWords {
		add(b + " " + a)
	}
	for _, p := range respellPrefixes {
		add(p[0] + "iatric " + p[0] + "al")
	}
	for _, r := range respellRules {
		for _, e := range r.Ends {
			add("ab" + r.From + e + " abc" + r.From + e + " abcd" + r.From + e)
		}
		for _, x := range r.Except {
			for _, e := range r.Ends {
				add(x + e)
			}
		}
	}
	var out []string
	for w := range set {
		out = append(out, w)
		if asciiLetters(w) {
			for _, e := range []string{"s", "ing", "ed", "er", "ation", "ly", "ness", "ful"} {
				out = append(out, w+e)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// jsKeys runs assets/search.js in node over words: each word's stem and
// key as the browser makes them.
func jsKeys(t *testing.T, words []string) (stems, keys []string) {
	node, err := exec.LookPath("node")
	need(t, err == nil, "node")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute) // a hang guard
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "-e", `
require(process.argv[1]);
const s = globalThis.buildbookSearch;
const out = require('fs').readFileSync(0, 'utf8').split('\n').filter(w => w).map(w => s.stem(w) + '\t' + s.key(w));
process.stdout.write(out.join('\n') + '\n');`, filepath.Join("..", "..", "templates", "assets", "search.js"))
	cmd.Stdin = strings.NewReader(strings.Join(words, "\n") + "\n")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		s, k, _ := strings.Cut(sc.Text(), "\t")
		stems = append(stems, s)
		keys = append(keys, k)
	}
	if len(stems) != len(words) {
		t.Fatalf("node answered %d lines for %d words", len(stems), len(words))
	}
	return stems, keys
}

func TestKeysAgreeWithJS(t *testing.T) {
	vocab := snowballVocabulary(t)
	words := testWords(t)
	t.Logf("%d words of the sample book, the corpus and the spelling tables; %d of Snowball's vocabulary", len(words), len(vocab))
	for w := range vocab {
		if asciiLetters(w) {
			words = append(words, w)
		}
	}
	stems, keys := jsKeys(t, words)
	bad := 0
	for i, w := range words {
		if want, ok := vocab[w]; ok && Stem(w) != want {
			t.Errorf("Stem(%q) = %q; Snowball's vocabulary says %q", w, Stem(w), want)
		}
		if stems[i] != Stem(w) || keys[i] != Key(w) {
			t.Errorf("%q: search.js stems it %q and keys it %q; Go %q and %q", w, stems[i], keys[i], Stem(w), Key(w))
			if bad++; bad > 20 {
				t.Fatal("too many differences")
			}
		}
	}
}
