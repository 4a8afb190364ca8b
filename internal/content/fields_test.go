package content

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"gopkg.in/yaml.v3"
)

// TestFieldsInStep checks that each table of fields and the Go struct its
// fields are read into name the same fields: a field added to CaseStudy,
// Author, Book, Taxonomy, Term, Page, Edition or Part needs a yaml tag
// naming its key and an entry in the struct's table (or the tag yaml:"-"),
// and an entry of a table needs a field of the struct, of a type that its
// Kind can be read into.
func TestFieldsInStep(t *testing.T) {
	types := map[Kind]reflect.Type{
		Text:      reflect.TypeFor[string](),
		Paragraph: reflect.TypeFor[string](),
		Slug:      reflect.TypeFor[string](),
		File:      reflect.TypeFor[string](),
		List:      reflect.TypeFor[[]string](),
		People:    reflect.TypeFor[[]Author](),
		Date:      reflect.TypeFor[time.Time](),
		Bool:      reflect.TypeFor[bool](),
		Markdown:  reflect.TypeFor[string](),
		Number:    reflect.TypeFor[int](),
		URL:       reflect.TypeFor[string](),
		Choice:    reflect.TypeFor[string](),
	}
	for _, tc := range []struct {
		typ    reflect.Type
		fields []Field
		table  string
	}{
		{reflect.TypeFor[CaseStudy](), caseStudyFields, "caseStudyFields"},
		{reflect.TypeFor[Author](), authorFields, "authorFields"},
		{reflect.TypeFor[Book](), bookFields, "bookFields"},
		{reflect.TypeFor[Taxonomy](), taxonomyFields, "taxonomyFields"},
		{reflect.TypeFor[Term](), termFields, "termFields"},
		{reflect.TypeFor[Page](), pageFields, "pageFields"},
		{reflect.TypeFor[Edition](), editionFields, "editionFields"},
		{reflect.TypeFor[Part](), partFields, "partFields"},
	} {
		t.Run(tc.typ.Name(), func(t *testing.T) {
			var tagged []string
			for i := range tc.typ.NumField() {
				sf := tc.typ.Field(i)
				if !sf.IsExported() {
					continue
				}
				key, ok := sf.Tag.Lookup("yaml")
				switch {
				case !ok:
					t.Errorf("%s.%s has no yaml tag: tag it with the front-matter key it is read from, and add the key to %s, or tag it yaml:\"-\"", tc.typ.Name(), sf.Name, tc.table)
					continue
				case key == "-":
					continue
				}
				tagged = append(tagged, key)
				i := slices.IndexFunc(tc.fields, func(fd Field) bool { return fd.Key == key })
				if i < 0 {
					t.Errorf("%s.%s is tagged yaml:%q, but %s has no field %q: add an entry for it", tc.typ.Name(), sf.Name, key, tc.table, key)
					continue
				}
				kind := tc.fields[i].Kind
				if want := types[kind]; (kind == Groups && sf.Type.Kind() != reflect.Slice) || (kind != Groups && sf.Type != want) {
					t.Errorf("%s.%s is a %v, but %s gives %q a kind that is read into a %v", tc.typ.Name(), sf.Name, sf.Type, tc.table, key, want)
				}
			}
			for _, fd := range tc.fields {
				if fd.Kind == Terms && fd.Taxonomy == nil {
					continue // the slot of the taxonomies, read into Terms
				}
				if !slices.Contains(tagged, fd.Key) {
					t.Errorf("%s has a field %q that no field of %s is tagged with", tc.table, fd.Key, tc.typ.Name())
				}
			}
		})
	}
}

// TestFieldsTables checks each entry of the tables for what the uses of
// it need.
func TestFieldsTables(t *testing.T) {
	for _, tc := range []struct {
		name  string
		table []Field
	}{
		{"caseStudyFields", caseStudyFields}, {"authorFields", authorFields}, {"bookFields", bookFields},
		{"taxonomyFields", taxonomyFields}, {"termFields", termFields}, {"pageFields", pageFields},
		{"editionFields", editionFields}, {"partFields", partFields},
	} {
		name, table := tc.name, tc.table
		slots := 0
		seen := map[string]bool{}
		for _, fd := range table {
			where := name + ": " + fd.Key
			if fd.Kind == Terms {
				slots++
				if fd.Key != "" || fd.Taxonomy != nil || fd.read == nil {
					t.Errorf("%s: the taxonomies' slot has a key %q or a taxonomy, or no read function", name, fd.Key)
				}
				continue
			}
			switch {
			case fd.Key == "" || !ValidSlug(strings.ReplaceAll(fd.Key, "_", "-")):
				t.Errorf("%s: a key is lower-case letters, digits and hyphens or underscores", where)
			case seen[fd.Key]:
				t.Errorf("%s is in the table twice", where)
			case fd.Label == "" || fd.Help == "" || (fd.Example == nil) != (fd.Kind == Groups):
				t.Errorf("%s needs a label, a help text and an example (but a field of Groups, whose example is its fields)", where)
			case !strings.HasSuffix(fd.Help, ".") || strings.ToUpper(fd.Help[:1]) != fd.Help[:1]:
				t.Errorf("%s: the help text %q should be a sentence, with a capital letter and a full stop", where, fd.Help)
			case fd.Placeholder != "" && !IsPlaceholder(fd.Placeholder):
				t.Errorf("%s: the placeholder %q is not in angle brackets", where, fd.Placeholder)
			case fd.Max > 0 && fd.Kind != Paragraph && fd.Kind != List:
				t.Errorf("%s: only a Paragraph or a List has a Max", where)
			case (fd.Kind == Choice) != (len(fd.Choices) > 0) || (fd.Kind == Choice && !slices.Contains(fd.Choices, fd.Example.(string))):
				t.Errorf("%s: a Choice, and only a Choice, has choices, and its example is one of them", where)
			case (fd.Kind == People || fd.Kind == Groups) != (fd.Sub != nil):
				t.Errorf("%s: People and Groups, and only they, have fields of their own", where)
			case (fd.read != nil) != (name == "caseStudyFields"):
				t.Errorf("%s: the fields of a case study, and only they, are read by a read function", where)
			}
			seen[fd.Key] = true
		}
		if want := map[bool]int{true: 1}[name == "caseStudyFields"]; slots != want {
			t.Errorf("%s has %d slots for the taxonomies, want %d", name, slots, want)
		}
	}
}

// TestCaseStudyFieldsDriveCheck checks that check reads the front matter as
// the table says: the example of every field passes, the fields allowed
// are the table's, in its order, and a field is missing with an error if
// and only if the table says it is required.
func TestCaseStudyFieldsDriveCheck(t *testing.T) {
	site, diags := loadCase(t, "", nil, Options{})
	if len(diags) > 0 {
		t.Fatalf("the base site: %q", diags)
	}
	fields := CaseStudyFields(site.Taxonomies)
	if diff := cmp.Diff([]string{"title", "school", "partners", "authors", "date", "region", "cohort", "summary", "pillars", "capitals", "phase", "image", "keywords", "draft", "slug"}, fieldKeys(fields)); diff != "" {
		t.Errorf("CaseStudyFields (-want +got):\n%s", diff)
	}
	frontMatter := func(without string) string {
		var b strings.Builder
		for _, fd := range fields {
			if fd.Key != without {
				b.WriteString(fd.Line() + "\n")
			}
		}
		return b.String()
	}
	bundle := func(fm string) string {
		return "-- case-studies/new/index.md --\n---\n" + fm + "---\n\nBody.\n-- case-studies/new/cover.jpg --\n"
	}

	c, diags := loadCase(t, bundle(frontMatter("")), nil, Options{Drafts: true})
	if len(diags) > 0 {
		t.Errorf("the examples of every field:\n%s\ngive %q", frontMatter(""), diags)
	}
	var got *CaseStudy
	for _, cs := range c.CaseStudies {
		if cs.File == "case-studies/new/index.md" {
			got = cs
		}
	}
	if got == nil {
		t.Fatal("the case study of examples is not loaded")
	}
	want := &CaseStudy{
		Slug: "art-for-all", File: "case-studies/new/index.md", Bundle: true,
		Title: "Art for all: a holistic approach to GCSE art", School: "Plashet School",
		Partners: []string{"Lister Community School"}, Authors: []Author{{Name: "A. Teacher"}},
		Date: time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC), Region: "Newham", Cohort: "2015-16",
		Summary:  "One paragraph that says what changed and why it matters.",
		Image:    "case-studies/new/cover.jpg",
		Keywords: []string{"oracy", "coaching"},
		Terms:    [][]*Term{{site.Taxonomies[0].Terms[0]}, {site.Taxonomies[1].Terms[0]}, {site.Taxonomies[2].Terms[0]}},
	}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(CaseStudy{}, "Body", "BodyLine", "BodySize", "BodySum", "ImageAt", "SlugAt"), cmpopts.IgnoreUnexported(CaseStudy{}), cmp.Comparer(func(a, b *Term) bool { return a.ID == b.ID && a.Taxonomy.ID == b.Taxonomy.ID })); diff != "" {
		t.Errorf("the case study of examples (-want +got):\n%s", diff)
	}

	_, diags = loadCase(t, bundle(frontMatter("")+"colour: red\n"), nil, Options{})
	allowed := make([]string, len(fields))
	for i, fd := range fields {
		allowed[i] = `"` + fd.Key + `"`
	}
	list := strings.Join(allowed[:len(allowed)-1], ", ") + " or " + allowed[len(allowed)-1]
	if len(diags) != 1 || !strings.HasSuffix(diags[0], "the fields allowed here are "+list) {
		t.Errorf("an unknown field gives %q, want the fields allowed: %s", diags, list)
	}

	for _, fd := range fields {
		t.Run("without "+fd.Key, func(t *testing.T) {
			_, diags := loadCase(t, bundle(frontMatter(fd.Key)), nil, Options{})
			var want []string
			if fd.Required {
				want = []string{`case-studies/new/index.md:1:1: the front matter is missing the required field "` + fd.Key + `": add a line such as ` + fd.Line()}
				if fd.Kind == People {
					want[0] += ", or a list of - name: ... role: ..."
				}
			}
			if diff := cmp.Diff(want, diags, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("required=%v (-want +got):\n%s", fd.Required, diff)
			}
		})
	}
}

func TestQuoteYAML(t *testing.T) {
	for in, want := range map[string]string{
		"Art for all":      "Art for all",
		"Art: for all":     `"Art: for all"`,
		"2024":             `"2024"`,
		"yes":              `"yes"`,
		"- dash":           `"- dash"`,
		`Say "hi"`:         `"Say \"hi\""`,
		"Écoles du monde":  "Écoles du monde",
		"#1 for reading":   `"#1 for reading"`,
		"Reading & Maths":  `"Reading & Maths"`,
		" leading space":   `" leading space"`,
		"50% more readers": `"50% more readers"`,
	} {
		got := QuoteYAML(in)
		if got != want {
			t.Errorf("QuoteYAML(%q) = %s, want %s", in, got, want)
		}
		var back struct{ T string }
		if err := yaml.Unmarshal([]byte("t: "+got), &back); err != nil || back.T != in {
			t.Errorf("QuoteYAML(%q) = %s reads back as %q (%v)", in, got, back.T, err)
		}
	}
}
