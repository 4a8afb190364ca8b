package hyphen

import (
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestLookup(t *testing.T) {
	tests := []struct{ tag, want string }{
		{"en-GB", "en-gb"},
		{"en", "en"},
		{"en-NZ", "en"},
		{"EN_us", "en-us"},
		{"en-GB-x-school", "en-gb"},
		{"en-US-u-ca-gregory", "en-us"},
		{"cy", "cy"},
		{"cy-GB", "cy"},
		{"ga-IE", "ga"},
		{"de", "de"},
		{"de-CH", "de"},
		{"de-1996", "de-1996"},
		{"de-AT-1996", "de"},
		{"pt-BR", "pt"},
		{"pt-PT", "pt"},
		{"nb-NO", "nb"},
		{"nn", "nn"},
		{"no", "no"},
		{"el-GR", "el"},
		{" fr ", "fr"},
		{"gd", ""}, // hyph-utf8 has no Scottish Gaelic
		{"tr", ""},
		{"zh-Hant-TW", ""},
		{"x-private", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Lookup(tt.tag); got != tt.want {
			t.Errorf("Lookup(%q) = %q, want %q", tt.tag, got, tt.want)
		}
	}
	// The tags that stand for another share its Hyphenator.
	for _, pair := range [][2]string{{"en", "en-GB"}, {"de", "de-1996"}, {"no", "nb"}, {"el", "el-monoton"}} {
		if For(pair[0]) != For(pair[1]) {
			t.Errorf("%s and %s have different hyphenators", pair[0], pair[1])
		}
	}
	if For("nb") == For("nn") {
		t.Error("nb and nn share a hyphenator, but their exceptions differ")
	}
}

// TestLanguages loads every language, and checks that every file in
// patterns/ is used and has its copyright and licence in the README.
func TestLanguages(t *testing.T) {
	readme, err := os.ReadFile("patterns/README.md")
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for tag, lang := range languages {
		h := For(tag)
		if h == nil {
			t.Errorf("%s: no hyphenator", tag)
			continue
		}
		if len(h.patterns) < 50 || h.maxLen < 3 {
			t.Errorf("%s: %d patterns, the longest %d letters", tag, len(h.patterns), h.maxLen)
		}
		if lang.hyp != "" && len(h.exceptions) == 0 {
			t.Errorf("%s: no exceptions read from %s", tag, lang.hyp)
		}
		if h.left != lang.left || h.right != lang.right || h.left < 1 || h.right < 1 {
			t.Errorf("%s: minimums %d and %d, want %d and %d", tag, h.left, h.right, lang.left, lang.right)
		}
		for p := range h.patterns {
			if p == "" || strings.ContainsAny(p, "0123456789") {
				t.Errorf("%s: pattern %q read wrongly", tag, p)
			}
		}
		used[lang.pat] = true
		if lang.hyp != "" {
			used[lang.hyp] = true
		}
	}
	files, err := fs.Glob(patternFiles, "patterns/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		name := strings.TrimPrefix(f, "patterns/")
		if !used[name] {
			t.Errorf("%s is embedded but no language uses it", name)
		}
		base, _, _ := strings.Cut(name, ".")
		if !strings.Contains(string(readme), "`"+base+".") {
			t.Errorf("patterns/README.md gives no copyright or licence for %s", name)
		}
	}
}

// TestPoints checks the breaks of every language against a plain reading
// of Liang's algorithm (every pattern tried at every place of the word):
// a break only where the patterns put an odd value, never closer to
// either end than the language allows, never before a combining mark.
func TestPoints(t *testing.T) {
	words := map[string][]string{
		"cy":      {"ysgolion", "addysgu", "cymuned", "llwyddiant", "athrawon", "cwricwlwm"},
		"ga":      {"scoileanna", "oideachas", "múinteoirí", "foghlaim"},
		"fr":      {"éducation", "enseignants", "apprentissage", "professeur", "hyphe\u0301nation"},
		"de":      {"Lehrerinnen", "Unterricht", "Gemeinschaft", "Bildung", "Straßenbahn"},
		"es":      {"educación", "profesores", "comunidad", "escuelas"},
		"it":      {"calcolatore", "apprendimento", "comunità", "educazione"},
		"nl":      {"ontwikkeling", "leerlingen", "onderwijs", "gemeenschap"},
		"pt":      {"professores", "aprendizagem", "escolas"},
		"da":      {"undervisning", "skolerne", "uddannelse"},
		"nb":      {"undervisning", "skolene", "læreren", "fellesskap"},
		"nn":      {"undervisning", "skolene", "betre"},
		"sv":      {"undervisning", "skolorna", "lärarna", "gemenskap"},
		"fi":      {"opettajat", "oppilaat", "yhteisö", "kouluissa"},
		"pl":      {"nauczyciele", "edukacja", "uczniowie", "je\u0328zyko\u0301w"}, // języków with its marks apart
		"ca":      {"escoles", "professors"},
		"eu":      {"ikastetxea", "irakasleak"},
		"gl":      {"educación", "escolas"},
		"sk":      {"učitelia"},
		"sl":      {"učitelji"},
		"hr":      {"učitelji"},
		"et":      {"haridus", "õpetajad"},
		"lt":      {"mokykla", "švietimas"},
		"is":      {"menntun", "kennarar"},
		"el":      {"εκπαίδευση", "δάσκαλοι"},
		"en-US":   {"hyphenation", "community"},
		"en-GB":   {"development", "achievement"},
		"de-1996": {"Silbentrennung"},
	}
	for tag, ws := range words {
		h := For(tag)
		for _, w := range ws {
			got := h.Points(w)
			lower := []rune(strings.ToLower(w))
			if _, ok := h.exceptions[string(lower)]; ok {
				continue
			}
			want := plainLiang(h, lower)
			if !slices.Equal(got, want) {
				t.Errorf("%s: %s breaks at %v, the patterns at %v", tag, w, got, want)
			}
			for _, p := range got {
				if p < h.left || p > len(lower)-h.right {
					t.Errorf("%s: %s breaks at %d, outside %d..%d", tag, w, p, h.left, len(lower)-h.right)
				}
				if unicode.Is(unicode.Mn, lower[p]) {
					t.Errorf("%s: %q breaks before the mark %q", tag, w, lower[p])
				}
			}
		}
		// Words shorter than MinWord stay whole, whatever the patterns say.
		for _, w := range []string{"ab", "abcde", "école", "σχολή"} {
			if utf8.RuneCountInString(w) < MinWord && h.Word(w) != w {
				t.Errorf("%s: %q hyphenated as %q", tag, w, h.Word(w))
			}
		}
	}
}

// plainLiang finds a word's breaks the slow way, from the patterns alone.
func plainLiang(h *Hyphenator, lower []rune) []int {
	w := "." + string(lower) + "."
	values := make([]uint8, utf8.RuneCountInString(w)+1)
	for p, pv := range h.patterns {
		for from := 0; ; {
			i := strings.Index(w[from:], p)
			if i < 0 {
				break
			}
			at := utf8.RuneCountInString(w[:from+i])
			for k, v := range pv {
				values[at+k] = max(values[at+k], v)
			}
			_, size := utf8.DecodeRuneInString(w[from+i:])
			from += i + size
		}
	}
	var points []int
	for i := h.left; i <= len(lower)-h.right; i++ {
		if values[i+1]%2 == 1 && !unicode.Is(unicode.Mn, lower[i]) {
			points = append(points, i)
		}
	}
	return points
}
