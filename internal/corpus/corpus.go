// Package corpus generates synthetic content folders for benchmarks: n
// case studies shaped like real ones (four to six sections, a list, a
// table, a quotation, a footnote, a link to another case study, now and
// then a code block), tagged with the default vocabulary. It follows
// ../shared/bench/gencorpus.py, which makes the corpus that buildbook and
// Hugo are compared on; this one lets `go test -bench` run anywhere. The
// same n and seed give the same files.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

var (
	pillars = []string{"vision-values-ethos", "leadership-at-all-levels", "teaching-learning-assessment",
		"student-engagement", "professional-development", "learning-environment", "curriculum",
		"partnerships", "self-evaluation"}
	capitals = []string{"moral", "knowledge", "social", "organisational"}
	roles    = []string{"nle", "lle", "sle", "nlg", "executive-head", "consultant-leader",
		"school-improvement-partner", "teaching-school", "trust-leader", "lead-practitioner",
		"headteacher", "senior-leader", "middle-leader", "governor"}
	phases  = []string{"nursery", "primary", "secondary", "all-through", "special", "alternative-provision", "post-16"}
	regions = []string{"Barnet", "Brent", "Camden", "Croydon", "Ealing", "Hackney", "Islington", "Lambeth",
		"Lewisham", "Newham", "Southwark", "Kent", "Essex", "Birmingham", "Leeds", "Cornwall"}
	schoolA  = []string{"St Anne's", "Riverside", "Oakfield", "Hollybrook", "Kingsway", "Mayfield", "Northgate", "Elmhurst", "Linden", "Woodside"}
	schoolB  = []string{"Primary School", "Academy", "Community School", "High School", "Free School"}
	names    = []string{"Amara Adeyemi", "Ben Brown", "Chloe Davies", "Dev Patel", "Farah Khan", "George Evans", "Maya Singh", "Owen Jones"}
	topics   = []string{"reading for pleasure", "oracy", "feedback", "coaching", "transition", "attendance", "inclusion", "curriculum design"}
	sections = []string{"Where we started", "Why it mattered", "What we did", "Working with other schools",
		"Leading the change", "What the evidence showed", "What we learned", "Next steps"}
	words = strings.Fields(`school leaders teachers pupils students staff learning teaching practice curriculum
		department evidence outcomes collaboration partnership network trust culture expectations feedback
		assessment lessons classroom coaching development improvement community parents families governors
		review data progress attainment reading writing mathematics science inclusion support strategy vision
		values ethos research enquiry planning sequence knowledge skills confidence attendance behaviour`)
)

const taxonomies = `- id: pillars
  title: Pillars of Greatness
  singular: Pillar
  required: true
  terms:
%s- id: capitals
  title: Capitals
  singular: Capital
  required: true
  terms:
%s- id: roles
  title: Leadership roles
  singular: Role
  terms:
%s- id: phase
  title: Phase
  singular: Phase
  multiple: false
  terms:
%s`

func terms(ids []string) string {
	var b strings.Builder
	for _, id := range ids {
		fmt.Fprintf(&b, "    - id: %s\n      title: %s\n", id, strings.ReplaceAll(id, "-", " "))
	}
	return b.String()
}

// Files returns the files of a content folder of n case studies, by path.
func Files(n int, seed uint64) map[string][]byte {
	r := rand.New(rand.NewPCG(seed, 2))
	files := map[string][]byte{
		"book.yaml":       []byte("title: Going for Great\nsubtitle: Case studies from outstanding schools\npublisher: Going for Great\nbase_url: /\n"),
		"taxonomies.yaml": []byte(fmt.Sprintf(taxonomies, terms(pillars), terms(capitals), terms(roles), terms(phases))),
	}
	for i := range n {
		files[fmt.Sprintf("case-studies/case-%06d.md", i)] = caseStudy(r, i, n)
	}
	return files
}

// Write writes a content folder of n case studies into dir.
func Write(dir string, n int, seed uint64) error {
	for name, b := range Files(n, seed) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func pick(r *rand.Rand, s []string) string { return s[r.IntN(len(s))] }

func sample(r *rand.Rand, s []string, k int) []string {
	p := r.Perm(len(s))[:k]
	out := make([]string, k)
	for i, j := range p {
		out[i] = s[j]
	}
	return out
}

func sentence(r *rand.Rand) string {
	n := 8 + r.IntN(15)
	w := make([]string, n)
	for i := range w {
		w[i] = pick(r, words)
	}
	if r.IntN(7) == 0 {
		w[r.IntN(n)] = "*" + pick(r, words) + "*"
	}
	s := strings.Join(w, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func paragraph(r *rand.Rand, k int) string {
	if k == 0 {
		k = 3 + r.IntN(4)
	}
	s := make([]string, k)
	for i := range s {
		s[i] = sentence(r)
	}
	return strings.Join(s, " ")
}

func caseStudy(r *rand.Rand, i, n int) []byte {
	var b strings.Builder
	topic := pick(r, topics)
	school := pick(r, schoolA) + " " + pick(r, schoolB)
	year := 2009 + i%15
	fmt.Fprintf(&b, "---\ntitle: %q\nschool: %q\nauthors:\n", strings.ToUpper(topic[:1])+topic[1:]+" at "+school, school)
	for range 1 + r.IntN(3) {
		fmt.Fprintf(&b, "  - name: %q\n    role: Headteacher\n", pick(r, names))
	}
	fmt.Fprintf(&b, "date: %d-%02d-%02d\nregion: %q\ncohort: \"%d-%02d\"\nsummary: %q\n", year, 1+r.IntN(12), 1+r.IntN(28), pick(r, regions), year-1, year%100, paragraph(r, 2))
	fmt.Fprintf(&b, "pillars: [%s]\ncapitals: [%s]\nroles: [%s]\nphase: %s\n---\n\n",
		strings.Join(sample(r, pillars, 1+r.IntN(3)), ", "), strings.Join(sample(r, capitals, 1+r.IntN(2)), ", "),
		strings.Join(sample(r, roles, r.IntN(4)), ", "), pick(r, phases))
	b.WriteString(paragraph(r, 0) + "\n\n")
	for j, h := range sample(r, sections, 4+r.IntN(3)) {
		fmt.Fprintf(&b, "## %s\n\n%s\n\n", h, paragraph(r, 0))
		switch j {
		case 0:
			b.WriteString(paragraph(r, 0) + "[^1]\n\n")
		case 1:
			for range 3 + r.IntN(3) {
				b.WriteString("- " + sentence(r) + "\n")
			}
			b.WriteString("\n")
		case 2:
			fmt.Fprintf(&b, "| Measure | Before | After |\n| --- | ---: | ---: |\n| Attendance (%%) | %d | %d |\n| Staff retention (%%) | %d | %d |\n\n",
				40+r.IntN(55), 50+r.IntN(49), 40+r.IntN(55), 50+r.IntN(49))
			fmt.Fprintf(&b, "> %s %s\n> — a pupil in Year %d\n\n", sentence(r), sentence(r), 3+r.IntN(9))
		case 3:
			if other := (i*7 + 3) % n; other != i {
				fmt.Fprintf(&b, "We learned a great deal from [a partner school's work](case-%06d.md). %s\n\n", other, sentence(r))
			}
			if i%5 == 0 {
				b.WriteString("We tracked progress with a short script:\n\n```python\nimport csv\n\ndef gap(rows):\n    return sum(int(r['reading_age']) - int(r['age']) for r in rows) / len(rows)\n```\n\n")
			}
		}
	}
	fmt.Fprintf(&b, "[^1]: %s\n", sentence(r))
	return []byte(b.String())
}
