package hyphen

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWord(t *testing.T) {
	tests := []struct{ lang, word, want string }{
		{"en-GB", "hyphenation", "hy-phen-a-tion"},
		{"en-GB", "university", "uni-ver-sity"}, // an exception
		{"en-GB", "Curriculum", "Cur-riculum"},
		{"en-GB", "school", "school"},
		{"en-GB", "teachers", "teach-ers"},
		{"en-US", "hyphenation", "hy-phen-ation"},
		{"en-US", "associate", "as-so-ciate"},
		{"en-NZ", "professional", "pro-fes-sional"},
		{"en-GB", "short", "short"},
		// The other languages: TeX's results with the same patterns and
		// minimums (checked against a second implementation of Liang's
		// algorithm, the npm package hyphen, where its fixed minimums of two
		// letters agree).
		{"cy", "datblygiad", "dat-blyg-iad"},
		{"cy-GB", "disgyblion", "dis-gybl-ion"},
		{"cy", "Llanelli", "Llanelli"}, // ll is one letter in Welsh
		{"ga", "pobalscoil", "pob-al-scoil"},
		{"fr", "hyphénation", "hy-phé-na-tion"},
		{"fr-BE", "établissement", "éta-blis-se-ment"},
		{"de", "Silbentrennung", "Sil-ben-tren-nung"},
		{"de-AT", "Schulentwicklung", "Schul-ent-wick-lung"},
		{"es", "carretera", "ca-rre-te-ra"}, // rr stays whole
		{"es", "aprendizaje", "apren-di-za-je"},
		{"it", "insegnanti", "in-se-gnan-ti"},
		{"nl", "basisschool", "ba-sis-school"},
		{"pt", "comunidade", "co-mu-ni-dade"}, // three letters after the last break
		{"pt-BR", "educação", "edu-ca-ção"},
		{"da", "fællesskab", "fæl-les-skab"},
		{"nb", "attende", "at-ten-de"}, // an exception of bokmål
		{"nn", "attende", "att-en-de"}, // and of nynorsk, with the same patterns
		{"no", "utdanning", "ut-dan-ning"},
		{"sv", "utbildning", "ut-bild-ning"},
		{"fi", "koulutus", "kou-lu-tus"},
		{"pl", "społeczność", "spo-łecz-ność"},
		{"ca", "educació", "edu-ca-ció"},
		{"eu", "hezkuntza", "hez-kun-tza"},
		{"gl", "profesores", "pro-fe-so-res"},
		{"sk", "vzdelávanie", "vzde-lá-va-nie"},
		{"sl", "izobraževanje", "iz-o-bra-že-va-nje"},
		{"hr", "obrazovanje", "obra-zo-va-nje"},
		{"et", "koolides", "koo-li-des"},
		{"lt", "mokytojai", "mo-ky-to-jai"},
		{"is", "skólarnir", "skól-arn-ir"},
		{"el", "σχολεία", "σχο-λεί-α"}, // Greek keeps one letter each side
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.word, func(t *testing.T) {
			h := For(tt.lang)
			if h == nil {
				t.Fatalf("no hyphenator for %s", tt.lang)
			}
			got := strings.ReplaceAll(h.Word(tt.word), Soft, "-")
			if got != tt.want {
				t.Errorf("%s: %q, want %q", tt.word, got, tt.want)
			}
			// The second time comes from the cache, and is the same.
			if again := strings.ReplaceAll(h.Word(tt.word), Soft, "-"); again != got {
				t.Errorf("%s the second time: %q", tt.word, again)
			}
		})
	}
}

func TestText(t *testing.T) {
	h := For("en-GB")
	tests := []struct{ in, want string }{
		{"Professional development, understood.", "Pro-fes-sional de-vel-op-ment, un-der-stood."},
		{"See https://example.org/curriculum or mail office@example.org", "See https://example.org/curriculum or mail office@example.org"},
		{"the file timetable.docx and version2release", "the file timetable.docx and version2release"},
		{"Māori achievement", "Māori achieve-ment"},
	}
	for _, tt := range tests {
		got := strings.ReplaceAll(h.Text(tt.in), Soft, "-")
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Text(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
	if For("tr") != nil || For("gd") != nil {
		t.Error("a language without patterns has a hyphenator")
	}
	var nilH *Hyphenator
	if got := nilH.Text("unchanged words"); got != "unchanged words" {
		t.Errorf("a nil Hyphenator changed the text: %q", got)
	}
}

func BenchmarkText(b *testing.B) {
	h := For("en-GB")
	s := strings.Repeat("The schools in this programme keep showing me how many different routes there are, and how much depends on the people who take them. ", 20)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		h.Text(s)
	}
}
