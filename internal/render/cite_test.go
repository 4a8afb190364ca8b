package render

import (
	"strings"
	"testing"
	"time"

	"buildbook/internal/content"
)

func TestTexEscape(t *testing.T) {
	for in, want := range map[string]string{
		"Plain text":                  "Plain text",
		"École Ōtautahi":              `{\'{E}}cole {\={O}}tautahi`,
		"Ysgol Gŵyr, Ŷd":              `Ysgol G{\^{w}}yr, {\^{Y}}d`,
		"Øresund æ ß ł":               `{\O}resund {\ae} {\ss} {\l}`,
		"naïve façade":                `na{\"{\i}}ve fa{\c{c}}ade`,
		"Dvořák":                      `Dvo{\v{r}}{\'{a}}k`,
		"{braces} & 50% $ # _ ^ ~ \\": `\{braces\} \& 50\% \$ \# \_ \^{} \~{} \textbackslash{}`,
		"a\nb\tc\u2028d":              "a b c d",
		"“Quoted” – ‘so’ — on…":       "``Quoted'' -- `so' --- on\\ldots{}",
		"Ελληνικά":                    "Ελληνικά",
		"Māori te reo":                `M{\={a}}ori te reo`,
	} {
		if got := texEscape(in); got != want {
			t.Errorf("texEscape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReference(t *testing.T) {
	site := &Site{Title: "Going for Great", Subtitle: "Case studies", Publisher: "LLS", BaseURL: "https://example.org/g/", Root: "/g/"}
	m := &models{site: site}
	c := &content.CaseStudy{Slug: "art", Title: "Why art?", Date: time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC)}
	for _, tc := range []struct {
		authors []string
		want    string
	}{
		{[]string{"A. Example"}, "A. Example (2024). Why art? In Going for Great: Case studies. LLS. https://example.org/g/case-studies/art/"},
		{[]string{"A", "B"}, "A & B (2024). Why art? In"},
		{[]string{"A", "B", "Siân ap Rhys"}, "A, B, & Siân ap Rhys (2024)."},
	} {
		c.Authors = nil
		for _, a := range tc.authors {
			c.Authors = append(c.Authors, content.Author{Name: a})
		}
		if got := m.citation(c).Reference(); !strings.HasPrefix(got, tc.want) {
			t.Errorf("reference %q, want it to start %q", got, tc.want)
		}
	}
	c.Title = "Art for all"
	site.BaseURL, site.Publisher = "/g/", ""
	if got, want := m.citation(c).Reference(), "Siân ap Rhys (2024). Art for all. In Going for Great: Case studies. /g/case-studies/art/"; !strings.HasSuffix(got, want) {
		t.Errorf("reference %q, want it to end %q", got, want)
	}
}
