package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/tools/txtar"
	"gopkg.in/yaml.v3"

	"buildbook/internal/build"
	"buildbook/internal/content"
	"buildbook/internal/diag"
)

func fixToday(t *testing.T) {
	old := today
	today = func() time.Time { return time.Date(2025, 3, 4, 15, 0, 0, 0, time.UTC) }
	t.Cleanup(func() { today = old })
}

// TestNew writes a new case study, checks that check names every field
// still to fill in, fills them and writes the body, and checks that the
// result passes check --strict and builds.
func TestNew(t *testing.T) {
	fixToday(t)
	dir := contentFolder(t, nil)
	code, stdout, stderr := runCLI(t, "new", "--content", dir, "Reading: a garden for everyone")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	p := filepath.Join(dir, "case-studies", "reading-a-garden-for-everyone.md")
	if !strings.Contains(stdout, p) {
		t.Errorf("stdout does not name the file %s:\n%s", p, stdout)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for _, s := range []string{
		`title: "Reading: a garden for everyone"`, "date: 2025-03-04",
		"#   vision      Pillar 1: Shared vision and values", "#   curriculum  Pillar 7: A rich curriculum",
		"#   moral      Moral capital", "#   primary    Primary", "#   secondary  Secondary",
		"## Context", "## What we did", "## Evidence", "## Lessons",
	} {
		if !strings.Contains(text, s) {
			t.Errorf("the new file has no line %q:\n%s", s, text)
		}
	}

	// Every field of the table is written, in the table's order, as a
	// value or, for a file or a slug, as an example to take up.
	fsys, err := build.ContentFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	var diags diag.List
	site := content.Load(fsys, content.Options{Root: dir}, &diags)
	var want, got []string
	for _, fd := range content.CaseStudyFields(site.Taxonomies) {
		want = append(want, fd.Key)
	}
	for _, m := range regexp.MustCompile(`(?m)^(?:# )?([a-z_-]+):`).FindAllStringSubmatch(text, -1) {
		got = append(got, m[1])
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the fields of the new file (-table +file):\n%s\n%s", diff, text)
	}

	// The skeleton passes check, with a warning for each placeholder left,
	// at its line, and for each heading with nothing written under it yet;
	// --strict fails on them.
	code, _, stderr = runCLI(t, "check", "--content", dir)
	if code != 0 {
		t.Fatalf("check of the new skeleton: exit %d, want 0\n%s", code, stderr)
	}
	var fields, headings []string
	for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if m := regexp.MustCompile(`^` + regexp.QuoteMeta(p) + `:\d+:\d+: warning: "(\w+)" still holds the placeholder <`).FindStringSubmatch(l); m != nil {
			fields = append(fields, m[1])
		} else if m := regexp.MustCompile(`^` + regexp.QuoteMeta(p) + `:\d+:1: warning: the heading "([\w ]+)" has no text under it`).FindStringSubmatch(l); m != nil {
			headings = append(headings, m[1])
		} else {
			t.Errorf("unexpected message: %s", l)
		}
	}
	slices.Sort(fields)
	if diff := cmp.Diff([]string{"capitals", "name", "pillars", "school", "summary"}, fields); diff != "" {
		t.Errorf("placeholders reported (-want +got):\n%s\n%s", diff, stderr)
	}
	if diff := cmp.Diff([]string{"Context", "What we did", "Evidence", "Lessons"}, headings); diff != "" {
		t.Errorf("empty headings reported (-want +got):\n%s\n%s", diff, stderr)
	}
	if code, _, _ := runCLI(t, "check", "--content", dir, "--strict"); code != 1 {
		t.Errorf("check --strict of the skeleton: exit %d, want 1", code)
	}

	// With its body written and nothing else changed, it still passes.
	body := regexp.MustCompile(`<!-- .* -->`).ReplaceAllString(text, "We did this, and it worked. See [the garden](garden/index.md).")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "check", "--content", dir); code != 0 {
		t.Fatalf("check once the body is written: exit %d\n%s", code, stderr)
	}

	// Fill in the placeholders and write the body.
	text = body
	for _, r := range [][2]string{
		{`school: <the name of your school>`, `school: Hillside Primary`},
		{`- name: <your name>`, `- name: C. Teacher`},
		{`summary: <one paragraph on what changed and why it matters>`, `summary: "A garden where pupils read: loans doubled."`},
		{`pillars: [<one or more ids from the list above>]`, `pillars: [vision, pillar-7]`},
		{`capitals: [<one or more ids from the list above>]`, `capitals: [moral]`},
		{`phase: ""`, `phase: primary`},
	} {
		if !strings.Contains(text, r[0]) {
			t.Fatalf("the new file has no placeholder %q", r[0])
		}
		text = strings.Replace(text, r[0], r[1], 1)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := runCLI(t, "check", "--content", dir, "--strict"); code != 0 {
		t.Fatalf("check --strict of the filled-in case study: exit %d\n%s%s\n%s", code, stdout, stderr, text)
	}
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCLI(t, "build", "--content", dir, "--out", out); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "case-studies", "reading-a-garden-for-everyone", "index.html")); err != nil {
		t.Error(err)
	}

	// new never overwrites.
	code, _, stderr = runCLI(t, "new", "--content", dir, "Reading: a garden for everyone")
	if code != 1 || !strings.Contains(stderr, "already exists") {
		t.Errorf("new over an existing file: exit %d, %s", code, stderr)
	}
	if after, _ := os.ReadFile(p); string(after) != text {
		t.Error("new changed an existing file")
	}
}

func TestNewBundle(t *testing.T) {
	fixToday(t)
	dir := contentFolder(t, nil)
	if code, _, stderr := runCLI(t, "new", "--bundle", "A trip to the coast", "--content", dir); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "case-studies", "a-trip-to-the-coast", "index.md")); err != nil {
		t.Fatal(err)
	}
	// The same title again, as a single file, would take the same slug.
	if code, _, _ := runCLI(t, "new", "A trip to the coast", "--content", dir); code != 1 {
		t.Errorf("new with the slug of a bundle: exit %d, want 1", code)
	}
}

// TestNewSlugTaken refuses a title whose slug another case study has
// through its slug field.
func TestNewSlugTaken(t *testing.T) {
	dir := contentFolder(t, nil)
	p := filepath.Join(dir, "case-studies", "art.md")
	b, _ := os.ReadFile(p)
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), "phase: secondary", "phase: secondary\nslug: gcse-art", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "new", "--content", dir, "GCSE Art")
	if code != 1 || !strings.Contains(stderr, `"gcse-art"`) {
		t.Errorf("exit %d, %s", code, stderr)
	}
}

// TestSchema checks that the JSON Schema and check --strict agree on the
// front matter of a case study: each case is validated by a real JSON
// Schema validator (draft-07) and checked, and both must accept it or both
// refuse it, but for the one disagreement listed.
func TestSchema(t *testing.T) {
	dir := contentFolder(t, nil)
	code, stdout, stderr := runCLI(t, "schema", "--content", dir)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var schema map[string]any
	if err := json.Unmarshal([]byte(stdout), &schema); err != nil {
		t.Fatal(err)
	}
	if schema["$schema"] != "http://json-schema.org/draft-07/schema#" {
		t.Errorf("$schema is %v", schema["$schema"])
	}
	if diff := cmp.Diff([]any{"title", "school", "authors", "date", "summary", "pillars", "capitals"}, schema["required"]); diff != "" {
		t.Errorf("required (-want +got):\n%s", diff)
	}
	// Every field of the table is a property, and nothing else.
	fsys, err := build.ContentFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	var diags diag.List
	site := content.Load(fsys, content.Options{Root: dir}, &diags)
	var keys, props []string
	for _, fd := range content.CaseStudyFields(site.Taxonomies) {
		keys = append(keys, fd.Key)
	}
	for k := range schema["properties"].(map[string]any) {
		props = append(props, k)
	}
	slices.Sort(keys)
	slices.Sort(props)
	if diff := cmp.Diff(keys, props); diff != "" {
		t.Errorf("properties (-fields of the table +properties):\n%s", diff)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("schema.json", schema); err != nil {
		t.Fatal(err)
	}
	compiled, err := c.Compile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	valid := `title: "Art for all: GCSE art"
school: Plashet School
partners: [Lister School]
authors:
  - name: A. Teacher
    role: Head of Art
  - B. Teacher
date: 2024-06-30
cohort: 2015-16
summary: Every pupil now takes art to sixteen.
pillars: [curriculum, Ethos]
capitals: [knowledge]
phase: secondary
keywords: [oracy, art]
draft: false
`
	replace := func(old, new string) string {
		if !strings.Contains(valid, old) {
			t.Fatalf("no %q in the valid front matter", old)
		}
		return strings.Replace(valid, old, new, 1)
	}
	tests := []struct {
		name string
		fm   string
		// disagree says why the schema cannot say what check says.
		disagree string
	}{
		{name: "valid", fm: valid},
		{name: "single term for a multiple taxonomy", fm: replace("capitals: [knowledge]", "capitals: knowledge")},
		{name: "unknown term", fm: replace("capitals: [knowledge]", "capitals: [knowlege]")},
		{name: "a term in capitals", fm: replace("pillars: [curriculum, Ethos]", "pillars: [CURRICULUM]")},
		{name: "a term with underscores and spaces", fm: replace("pillars: [curriculum, Ethos]", "pillars: [a_rich  CURRICULUM]")},
		{name: "a list of one for a single-valued taxonomy", fm: replace("phase: secondary", "phase: [primary]")},
		{name: "a list of two for a single-valued taxonomy", fm: replace("phase: secondary", "phase: [primary, secondary]")},
		{name: "a term by its title", fm: replace("pillars: [curriculum, Ethos]", "pillars: [A rich curriculum]")},
		{name: "one term twice, by id and by title", fm: replace("pillars: [curriculum, Ethos]", "pillars: [curriculum, A rich curriculum]"), disagree: "a schema cannot tell that an id and a title name the same term"},
		{name: "unknown field", fm: valid + "colour: red\n"},
		{name: "missing school", fm: replace("school: Plashet School\n", "")},
		{name: "missing required taxonomy", fm: replace("pillars: [curriculum, Ethos]\n", "")},
		{name: "empty required taxonomy", fm: replace("pillars: [curriculum, Ethos]", "pillars: []")},
		{name: "bad date", fm: replace("2024-06-30", "30/06/2024")},
		{name: "month 13", fm: replace("2024-06-30", "2024-13-45")},
		{name: "30 February", fm: replace("2024-06-30", "2024-02-30")},
		{name: "31 April", fm: replace("2024-06-30", "2024-04-31")},
		{name: "29 February in a leap year", fm: replace("2024-06-30", "2024-02-29")},
		{name: "29 February in another year", fm: replace("2024-06-30", "2023-02-29"), disagree: "a pattern cannot tell leap years"},
		{name: "draft not a boolean", fm: replace("draft: false", "draft: maybe")},
		{name: "author without a name", fm: replace("  - B. Teacher\n", "  - role: Head\n")},
		{name: "summary too long", fm: replace("Every pupil now takes art to sixteen.", strings.Repeat("word ", 81))},
		{name: "one author as a bare name", fm: replace("authors:\n  - name: A. Teacher\n    role: Head of Art\n  - B. Teacher\n", "authors: A. Teacher\n")},
		{name: "no authors", fm: replace("authors:\n  - name: A. Teacher\n    role: Head of Art\n  - B. Teacher\n", "authors: []\n")},
		{name: "an optional field with no value", fm: replace("cohort: 2015-16", "cohort:\nregion:")},
		{name: "an optional taxonomy with no value", fm: replace("phase: secondary", "phase:")},
		{name: "draft with no value", fm: replace("draft: false", "draft:")},
		{name: "a required field with no value", fm: replace("school: Plashet School", "school:")},
		{name: "a number as a title", fm: replace(`title: "Art for all: GCSE art"`, "title: 1984")},
		{name: "a number as a cohort", fm: replace("cohort: 2015-16", "cohort: 2015")},
		{name: "an empty partner", fm: replace("partners: [Lister School]", `partners: [Lister School, ""]`)},
		{name: "one partner, not a list", fm: replace("partners: [Lister School]", "partners: Lister School")},
		{name: "a partner as a list", fm: replace("partners: [Lister School]", "partners: [[Lister School]]")},
		{name: "a bad slug", fm: valid + "slug: Art For All\n"},
		{name: "a slug", fm: valid + "slug: art-for-all\n"},
		{name: "keyword too long", fm: replace("keywords: [oracy, art]", "keywords: ["+strings.Repeat("x", 61)+"]")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var doc yaml.Node
			if err := yaml.Unmarshal([]byte(tc.fm), &doc); err != nil {
				t.Fatal(err)
			}
			schemaErr := compiled.Validate(plain(doc.Content[0]))

			a := &txtar.Archive{Files: []txtar.File{{Name: "case-studies/case.md", Data: []byte("---\n" + tc.fm + "---\n\n## Context\n\nText.\n")}}}
			dir := contentFolder(t, a)
			_, _, stderr := runCLI(t, "check", "--content", dir)
			var checkErrs []string
			for _, l := range strings.Split(stderr, "\n") {
				// What check --strict refuses: errors and warnings.
				if strings.Contains(l, "case.md:") {
					checkErrs = append(checkErrs, l)
				}
			}
			schemaOK, checkOK := schemaErr == nil, len(checkErrs) == 0
			switch {
			case schemaOK == checkOK && tc.disagree != "":
				t.Errorf("the schema and check now agree (%v): take the disagreement out of the table", checkOK)
			case schemaOK != checkOK && tc.disagree == "":
				t.Errorf("the schema says valid=%v (%v), check says valid=%v %q", schemaOK, schemaErr, checkOK, checkErrs)
			}
		})
	}
}

// plain converts YAML to JSON values as an editor does: YAML 1.2, where
// 2024-06-30 is a string.
func plain(n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = plain(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		s := []any{}
		for _, c := range n.Content {
			s = append(s, plain(c))
		}
		return s
	}
	var v any
	switch n.ShortTag() {
	case "!!int", "!!float":
		var f float64
		_ = n.Decode(&f)
		v = f
	case "!!bool":
		var b bool
		_ = n.Decode(&b)
		v = b
	case "!!null":
		v = nil
	default:
		v = n.Value
	}
	return v
}
