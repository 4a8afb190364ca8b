package content

import (
	"flag"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"golang.org/x/tools/txtar"

	"buildbook/internal/diag"
)

var printDiags = flag.Bool("print", false, "print the diagnostics of each case instead of comparing them")

// baseSite is a small valid content folder that each case changes.
const baseSite = `
-- book.yaml --
title: Test Book
base_url: /
-- taxonomies.yaml --
- id: pillars
  title: Pillars of Greatness
  singular: Pillar
  required: true
  terms:
    - id: vision
      title: Shared vision and values
      number: 1
      aliases: [pillar-1, ethos]
    - id: curriculum
      title: A rich curriculum
      number: 7
      aliases: [pillar-7]
- id: capitals
  title: Capitals
  singular: Capital
  required: true
  terms:
    - id: moral
      title: Moral capital
    - id: knowledge
      title: Knowledge capital
- id: phase
  title: Phase
  multiple: false
  terms:
    - id: primary
      title: Primary
    - id: secondary
      title: Secondary
-- case-studies/art.md --
---
title: Art for all
school: Plashet School
authors: [A. Teacher]
date: 2024-06-30
summary: What changed and why.
pillars: [curriculum]
capitals: [knowledge]
---

Body.
-- pages/about.md --
---
title: About
weight: 1
---

About us.
`

// loadCase lays the files of archive over baseSite, without those named in
// remove, and loads the result.
func loadCase(t *testing.T, archive string, remove []string, opts Options, edits ...func(fstest.MapFS)) (*Site, []string) {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, a := range []string{baseSite, archive} {
		for _, f := range txtar.Parse([]byte(a)).Files {
			fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
		}
	}
	for _, r := range remove {
		delete(fsys, r)
	}
	for _, edit := range edits {
		if edit != nil {
			edit(fsys)
		}
	}
	var diags diag.List
	site := Load(fsys, opts, &diags)
	var got []string
	for _, d := range diags.Sorted() {
		got = append(got, d.String())
	}
	return site, got
}

// caseStudy is a case study file whose front matter is fm.
func caseStudy(name, fm string) string {
	return "-- case-studies/" + name + " --\n---\n" + fm + "---\n\nBody.\n"
}

// validFM is the front matter of a valid case study, to change in cases.
const validFM = `title: T
school: S
authors: [A]
date: 2024-01-31
summary: S.
pillars: [vision]
capitals: [moral]
`

type ruleCase struct {
	name   string
	files  string   // txtar laid over baseSite
	remove []string // files of baseSite to remove
	want   []string // every diagnostic, sorted
	edit   func(fstest.MapFS)
}

func runRules(t *testing.T, cases []ruleCase) {
	t.Helper()
	seen := map[string]bool{}
	for _, tc := range cases {
		if seen[tc.name] {
			t.Fatalf("two cases named %q", tc.name)
		}
		seen[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			_, got := loadCase(t, tc.files, tc.remove, Options{}, tc.edit)
			if *printDiags {
				fmt.Printf("\t{%q, ...\n", tc.name)
				for _, g := range got {
					fmt.Printf("\t\t%q,\n", g)
				}
				return
			}
			if diff := cmp.Diff(tc.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			for _, g := range got {
				if w := parserWord(g); w != "" {
					t.Errorf("a message has the parser's word %q: %s", w, g)
				}
			}
		})
	}
}

func TestBaseSiteIsValid(t *testing.T) {
	site, got := loadCase(t, "", nil, Options{})
	if len(got) > 0 {
		t.Fatalf("base site has diagnostics: %q", got)
	}
	if len(site.CaseStudies) != 1 || len(site.Pages) != 1 || len(site.Taxonomies) != 3 {
		t.Fatalf("base site: %d case studies, %d pages, %d taxonomies", len(site.CaseStudies), len(site.Pages), len(site.Taxonomies))
	}
}

// TestBookRules covers every rule of book.yaml.
func TestBookRules(t *testing.T) {
	runRules(t, []ruleCase{
		{name: "book.yaml missing", remove: []string{"book.yaml"}, want: []string{
			"book.yaml:1:1: book.yaml is missing: the content folder needs one, with at least a line title: Your book's title",
		}},
		{name: "no title", files: "-- book.yaml --\nsubtitle: S\n", want: []string{
			"book.yaml:1:1: book.yaml is missing the required field \"title\": add a line such as title: Going for Great",
		}},
		{name: "unknown field with suggestion", files: "-- book.yaml --\ntitle: T\nsubtitel: S\n", want: []string{
			"book.yaml:2:1: unknown field \"subtitel\" in book.yaml (did you mean \"subtitle\"?)",
		}},
		{name: "unknown field listing the allowed ones", files: "-- book.yaml --\ntitle: T\nzzz: S\n", want: []string{
			"book.yaml:2:1: unknown field \"zzz\" in book.yaml: the fields allowed here are \"title\", \"subtitle\", \"description\", \"publisher\", \"language\", \"base_url\", \"licence\", \"licence_url\", \"copyright\", \"repository\", \"icon\", \"cover\" or \"image_hosts\"",
		}},
		{name: "bad language", files: "-- book.yaml --\ntitle: T\nlanguage: English (UK)\n", want: []string{
			"book.yaml:2:11: language \"English (UK)\" is not a language tag: write one such as en-GB or en",
		}},
		{name: "bad base_url", files: "-- book.yaml --\ntitle: T\nbase_url: example.org\n", want: []string{
			"book.yaml:2:11: base_url \"example.org\" must be a full address starting with https:// (or http://), such as https://example.org/going-for-great/, or a path from the site's root, such as /going-for-great/",
		}},
		{name: "base_url with a space", files: "-- book.yaml --\ntitle: T\nbase_url: /my book/\n", want: []string{
			"book.yaml:2:11: base_url \"/my book/\" has a space, which a web address cannot hold: write a hyphen instead, as in /going-for-great/",
		}},
		{name: "base_url that ends an attribute", files: "-- book.yaml --\ntitle: T\nbase_url: 'https://example.org/\"><script src=/a.txt></script>'\n", want: []string{
			"book.yaml:2:11: base_url \"https://example.org/\\\"><script src=/a.txt></script>\" holds the character \", which a base URL cannot hold: use letters, digits, hyphens and slashes; write a full address such as https://example.org/going-for-great/, or a path from the site's root such as /going-for-great/",
		}},
		{name: "image_hosts not host names", files: "-- book.yaml --\ntitle: T\nimage_hosts: [example.org, https://images.example.org/, 'a b']\n", want: []string{
			"book.yaml:2:28: image_hosts: \"https://images.example.org/\" is not a host name: write the host name alone, as in image_hosts: [images.example.org]",
			"book.yaml:2:57: image_hosts: \"a b\" is not a host name: write the host name alone, as in image_hosts: [images.example.org]",
		}},
		{name: "image_hosts not a list", files: "-- book.yaml --\ntitle: T\nimage_hosts: {a: b}\n", want: []string{
			"book.yaml:2:14: each item of \"image_hosts\" must be a single value, not a group of fields",
		}},
		{name: "licence, copyright, repository and icon", files: "-- book.yaml --\ntitle: T\nlicence: CC BY-NC-SA 4.0\nlicence_url: https://creativecommons.org/licenses/by-nc-sa/4.0/\ncopyright: © 2024 A School\nrepository: https://github.com/owner/repo.git\nicon: icon.svg\n-- icon.svg --\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n", want: []string{}},
		{name: "bad licence_url", files: "-- book.yaml --\ntitle: T\nlicence_url: creativecommons.org/licenses/by/4.0\n", want: []string{
			"book.yaml:2:14: licence_url \"creativecommons.org/licenses/by/4.0\" must be a full web address, such as https://creativecommons.org/licenses/by-nc-sa/4.0/",
		}},
		{name: "repository not on GitHub", files: "-- book.yaml --\ntitle: T\nrepository: https://github.com/owner\n", want: []string{
			"book.yaml:2:13: repository \"https://github.com/owner\" must be the address of a GitHub repository, such as https://github.com/OWNER/REPO",
		}},
		{name: "icon of the wrong kind", files: "-- book.yaml --\ntitle: T\nicon: icon.ico\n-- icon.ico --\nx\n", want: []string{
			"book.yaml:2:7: icon \"icon.ico\" must be an SVG or PNG file beside book.yaml, such as icon.svg",
		}},
		{name: "icon missing", files: "-- book.yaml --\ntitle: T\nicon: icn.svg\n-- icon.svg --\n<svg/>\n", want: []string{
			"book.yaml:2:7: icon \"icn.svg\" is not a file beside book.yaml (did you mean \"icon.svg\"?)",
		}},
		{name: "icon in a folder", files: "-- book.yaml --\ntitle: T\nicon: img/icon.png\n", want: []string{
			"book.yaml:2:7: icon \"img/icon.png\" must be a file beside book.yaml, not in another folder: move it next to book.yaml and write icon: icon.png",
		}},
		{name: "not a mapping", files: "-- book.yaml --\n- title: T\n", want: []string{
			"book.yaml:1:1: book.yaml is missing the required field \"title\": add a line such as title: Going for Great",
			"book.yaml:1:1: book.yaml must be a set of fields (key: value), not a list",
		}},
		{name: "title twice", files: "-- book.yaml --\ntitle: T\ntitle: U\n", want: []string{
			"book.yaml:2:1: duplicate field: \"title\" is written twice (first at line 1): keep one of them",
		}},
		{name: "title is a list", files: "-- book.yaml --\ntitle: [a, b]\n", want: []string{
			"book.yaml:1:8: \"title\" must be a single value, not a list",
		}},
	})
}

// TestTaxonomyRules covers every rule of taxonomies.yaml.
func TestTaxonomyRules(t *testing.T) {
	tax := func(body string) string { return "-- taxonomies.yaml --\n" + body }
	const terms = "  terms:\n    - id: a\n      title: A\n"
	runRules(t, []ruleCase{
		{name: "taxonomies.yaml missing", remove: []string{"taxonomies.yaml"}, want: []string{
			"taxonomies.yaml:1:1: taxonomies.yaml is missing: the content folder needs one listing the pillars, capitals and other vocabularies",
		}},
		{name: "not a list", files: tax("pillars: x\n"), want: []string{
			"taxonomies.yaml:1:1: taxonomies.yaml must be a list of taxonomies, each starting with - id: ..., not a group of fields",
		}},
		{name: "missing id, title and terms", files: tax("- singular: P\n") + "-- case-studies/art.md --\n---\n" + strings.ReplaceAll(validFM, "pillars: [vision]\ncapitals: [moral]\n", "") + "---\n", want: []string{
			"taxonomies.yaml:1:3: a taxonomy is missing the required field \"id\": add a line such as id: pillars",
			"taxonomies.yaml:1:3: a taxonomy is missing the required field \"terms\": add a line such as terms: followed by a list of - id: ... title: ...",
			"taxonomies.yaml:1:3: a taxonomy is missing the required field \"title\": add a line such as title: Pillars of Greatness",
		}},
		{name: "bad id", files: tax("- id: Big Ideas\n  title: B\n" + terms), want: []string{
			"taxonomies.yaml:1:7: taxonomy id \"Big Ideas\" must be lower-case letters, digits and hyphens, such as \"big-ideas\"",
		}},
		{name: "id is an output folder", files: tax("- id: book\n  title: B\n" + terms), want: []string{
			"taxonomies.yaml:1:7: taxonomy id \"book\" is taken by buildbook (a front-matter field or an output folder): choose another",
		}},
		{name: "id is a front-matter field", files: tax("- id: school\n  title: B\n" + terms), want: []string{
			"taxonomies.yaml:1:7: taxonomy id \"school\" is taken by buildbook (a front-matter field or an output folder): choose another",
		}},
		{name: "duplicate taxonomy id", files: tax("- id: pillars\n  title: A\n" + terms + "- id: pillars\n  title: B\n" + terms), want: []string{
			"taxonomies.yaml:6:7: duplicate taxonomy id \"pillars\": it is defined twice (first at line 1)",
		}},
		{name: "bad term id", files: tax("- id: pillars\n  title: P\n  terms:\n    - id: Vision_1\n      title: V\n"), want: []string{
			"taxonomies.yaml:4:11: term id \"Vision_1\" must be lower-case letters, digits and hyphens, such as \"vision-1\"",
		}},
		{name: "duplicate term id", files: tax("- id: pillars\n  title: P\n  terms:\n    - id: vision\n      title: V\n    - id: vision\n      title: W\n"), want: []string{
			"taxonomies.yaml:6:11: duplicate term id \"vision\": it is defined twice in pillars (first at line 4)",
		}},
		{name: "alias shared by two terms", files: tax("- id: pillars\n  title: P\n  terms:\n    - id: vision\n      title: V\n      aliases: [core]\n    - id: curriculum\n      title: C\n      aliases: [pillar-7, core]\n"), want: []string{
			"taxonomies.yaml:9:27: alias \"core\" of term \"curriculum\" is already used by term \"vision\" (line 6): every id, alias and title must name one term",
		}},
		{name: "title equal to another term's id", files: tax("- id: pillars\n  title: P\n  terms:\n    - id: vision\n      title: V\n    - id: curriculum\n      title: Vision\n"), want: []string{
			"taxonomies.yaml:7:14: title \"Vision\" of term \"curriculum\" is already used by term \"vision\" (line 4): every id, alias and title must name one term",
		}},
		{name: "unknown term field", files: tax("- id: pillars\n  title: P\n  terms:\n    - id: vision\n      title: V\n      alias: [v]\n"), want: []string{
			"taxonomies.yaml:6:7: unknown field \"alias\" in a term (did you mean \"aliases\"?)",
		}},
		{name: "number not a whole number", files: tax("- id: pillars\n  title: P\n  terms:\n    - id: vision\n      title: V\n      number: one\n"), want: []string{
			"taxonomies.yaml:6:15: \"number\" must be a whole number, not \"one\"",
		}},
		{name: "required not true or false", files: tax("- id: pillars\n  title: P\n  required: yes please\n" + terms), want: []string{
			"taxonomies.yaml:3:13: \"required\" must be true or false, not \"yes please\"",
		}},
		{name: "terms not a list", files: tax("- id: pillars\n  title: P\n  terms: vision\n"), want: []string{
			"taxonomies.yaml:3:10: terms must be a list, each starting with - id: ..., not \"vision\"",
		}},
	})
}

// fm replaces lines of validFM: each pair is a field and its new line, ""
// to remove the field.
func fm(pairs ...string) string {
	lines := strings.Split(strings.TrimSuffix(validFM, "\n"), "\n")
	for i := 0; i+1 < len(pairs); i += 2 {
		found := false
		for j, l := range lines {
			if strings.HasPrefix(l, pairs[i]+":") {
				lines[j] = pairs[i+1]
				found = true
			}
		}
		if !found {
			lines = append(lines, pairs[i+1])
		}
	}
	var out []string
	for _, l := range lines {
		if l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n") + "\n"
}

// TestCaseStudyRules covers every rule of a case study's front matter.
func TestCaseStudyRules(t *testing.T) {
	cs := func(f string) string { return caseStudy("new.md", f) }
	runRules(t, []ruleCase{
		{name: "valid with terms by id, alias, title and any case", files: cs(fm("pillars", "pillars: [Vision, pillar-7]", "capitals", "capitals: [Moral Capital, KNOWLEDGE]", "phase", "phase: primary")), want: []string{}},
		{name: "valid TOML", files: "-- case-studies/new.md --\n+++\ntitle = \"T\"\nschool = \"S\"\ndate = 2024-01-31\nsummary = \"S.\"\npillars = [\"vision\"]\ncapitals = [\"moral\"]\n[[authors]]\nname = \"A\"\nrole = \"Head\"\n+++\nBody.\n", want: []string{}},
		{name: "valid authors with roles and partners", files: cs(fm("authors", "authors:\n  - name: A. Teacher\n    role: Head of Art\n  - B. Teacher", "partners", "partners: [Lister School]", "region", "region: Newham", "cohort", "cohort: 2015-16", "draft", "draft: false", "slug", "slug: my-art")), want: []string{}},
		{name: "no front matter", files: "-- case-studies/new.md --\n# Title\n\nBody.\n", want: []string{
			"case-studies/new.md:1:1: the file has no front matter: start it with a line ---, then the fields (title: ..., and so on), then a line ---",
		}},
		{name: "unclosed front matter", files: "-- case-studies/new.md --\n---\n" + validFM + "\nBody.\n", want: []string{
			"case-studies/new.md:1:1: the front matter opened here with --- is never closed: add a line with --- after the last field",
		}},
		{name: "unclosed TOML front matter", files: "-- case-studies/new.md --\n\n+++\ntitle = \"T\"\n", want: []string{
			"case-studies/new.md:2:1: the front matter opened here with +++ is never closed: add a line with +++ after the last field",
		}},
		{name: "empty file", files: "-- case-studies/new.md --\n", want: []string{
			"case-studies/new.md:1:1: the file is empty",
		}},
		{name: "blank file", files: "-- case-studies/new.md --\n  \n\n", want: []string{
			"case-studies/new.md:1:1: the file is empty",
		}},
		{name: "not UTF-8", files: cs(fm("school", "school: \xc9cole Fran\xe7aise")), want: []string{
			"case-studies/new.md:3:9: the file is not UTF-8 text: the É here was saved in an older encoding (Windows-1252), as Word and older Windows programs do, which buildbook cannot read: save the file again as UTF-8 text (in Notepad: Save as, Encoding: UTF-8; in Word: Save as, Plain Text, then Unicode (UTF-8)), or type the character again in an editor that saves UTF-8",
		}},
		{name: "UTF-16", files: "-- case-studies/new.md --\n\xff\xfe-\x00-\x00-\x00\n", want: []string{
			"case-studies/new.md:1:1: the file is saved as UTF-16 text, which buildbook cannot read: save it with UTF-8 encoding",
		}},
		{name: "NUL byte", files: cs(fm("school", "school: S\x00")), want: []string{
			"case-studies/new.md:3:10: the file contains a NUL byte: it is not a text file",
		}},
		{name: "YAML syntax error: colon in a value", files: cs(fm("title", "title: Art: for all")), want: []string{
			"case-studies/new.md:2:8: the title has a colon in it, so YAML reads it as a new field: put the whole of it in double quotes, as in title: \"Art: for all\"",
		}},
		{name: "YAML syntax error: unclosed quote", files: cs(fm("title", "title: \"Art for all")), want: []string{
			"case-studies/new.md:2:8: the title starts with a quote (\") but the line does not end with one: add \" at the end, as in title: \"Art for all\"",
		}},
		{name: "YAML syntax error: unclosed list", files: cs(fm("pillars", "pillars: [vision, curriculum")), want: []string{
			"case-studies/new.md:7:10: the list of pillars opens with [ but does not close: end it with ] on the same line, as in pillars: [vision, curriculum]",
		}},
		{name: "YAML syntax error: tab indentation", files: cs(fm("authors", "authors:\n\t- A")), want: []string{
			"case-studies/new.md:5:1: this line is indented with a tab, which YAML does not allow: indent it with spaces instead (two for each level)",
		}},
		{name: "YAML syntax error: bad indentation", files: cs(fm("authors", "authors:\n  - name: A\n   role: B")), want: []string{
			"case-studies/new.md:6:4: \"role\" is indented by 3 spaces, but \"name\" above it by 4 spaces: indent them the same, so that YAML knows which group of fields \"role\" belongs to",
		}},
		{name: "TOML syntax error", files: "-- case-studies/new.md --\n+++\ntitle = \"T\nschool = \"S\"\n+++\n", want: []string{
			"case-studies/new.md:2:9: the title starts with a quote (\") but the line does not end with one: add \" at the end, as in title = \"T\"",
		}},
		{name: "TOML unquoted text", files: "-- case-studies/new.md --\n+++\ntitle = Art for all\n+++\n", want: []string{
			"case-studies/new.md:2:9: the title is text, which TOML needs in double quotes: write title = \"Art for all\"",
		}},
		{name: "TOML key twice", files: "-- case-studies/new.md --\n+++\ntitle = \"T\"\ntitle = \"U\"\n+++\n", want: []string{
			"case-studies/new.md:3:1: \"title\" is written twice: keep one of them",
		}},
		{name: "YAML between +++ lines", files: "-- case-studies/new.md --\n+++\ntitle: T\n+++\n", want: []string{
			"case-studies/new.md:2:6: this line is written as YAML (name: value), but between lines of +++ the front matter is TOML: write title = \"T\", or use lines of --- instead of +++ around the front matter",
		}},
		{name: "TOML between --- lines", files: "-- case-studies/new.md --\n---\ntitle = \"T\"\n---\n", want: []string{
			"case-studies/new.md:2:1: the front matter must be a list of fields such as title: ..., not \"title = \\\"T\\\"\" (this looks like TOML, which goes between lines of +++; between lines of --- write title: ...)",
		}},
		{name: "curly quotes", files: cs(fm("title", "title: “Art: for all”")), want: []string{
			"case-studies/new.md:2:8: the title is in curly quotes “ ”, as word processors write them, which YAML does not take as quotes, so the colon in it starts a new field: type straight quotes instead, as in title: \"Art: for all\"",
		}},
		{name: "no space after a colon", files: cs(fm("school", "school:Plashet")), want: []string{
			"case-studies/new.md:3:8: there is no space after the colon of \"school\": put one, as in school: Plashet",
		}},
		{name: "terms without brackets", files: cs(fm("pillars", "pillars: Vision, Pillar-7")), want: []string{
			"case-studies/new.md:7:10: \"Vision, Pillar-7\" is not one pillar: write a list in square brackets, as in pillars: [vision, curriculum]",
		}},
		{name: "placeholders of buildbook new", files: cs(fm("school", "school: <the name of your school>", "authors", "authors:\n  - name: <your name>", "pillars", "pillars: [<one or more ids>]", "phase", "phase: <one id>")), want: []string{
			"case-studies/new.md:3:9: warning: \"school\" still holds the placeholder <the name of your school>: write your own in its place",
			"case-studies/new.md:5:11: warning: \"name\" still holds the placeholder <your name>: write your own in its place",
			"case-studies/new.md:8:11: warning: \"pillars\" still holds the placeholder <one or more ids>: write your own in its place",
			"case-studies/new.md:10:8: warning: \"phase\" still holds the placeholder <one id>: write your own in its place",
		}},
		{name: "front matter is a list", files: "-- case-studies/new.md --\n---\n- title: T\n---\n", want: []string{
			"case-studies/new.md:2:1: the front matter must be a list of fields such as title: ..., not a list",
		}},
		{name: "unknown field with suggestion", files: cs(fm("summery", "summery: S.")), want: []string{
			"case-studies/new.md:9:1: unknown field \"summery\" in the front matter (did you mean \"summary\"?)",
		}},
		{name: "unknown field listing the allowed ones", files: cs(fm("colour", "colour: red")), want: []string{
			"case-studies/new.md:9:1: unknown field \"colour\" in the front matter: the fields allowed here are \"title\", \"school\", \"partners\", \"authors\", \"date\", \"region\", \"cohort\", \"summary\", \"pillars\", \"capitals\", \"phase\", \"image\", \"keywords\", \"draft\" or \"slug\"",
		}},
		{name: "field twice", files: cs(fm("pillars", "pillars: [vision]\nschool: T")), want: []string{
			"case-studies/new.md:8:1: duplicate field: \"school\" is written twice (first at line 3): keep one of them",
		}},
		{name: "missing title", files: cs(fm("title", "")), want: []string{
			"case-studies/new.md:1:1: the front matter is missing the required field \"title\": add a line such as title: \"Art for all: a holistic approach to GCSE art\"",
		}},
		{name: "missing school", files: cs(fm("school", "")), want: []string{
			"case-studies/new.md:1:1: the front matter is missing the required field \"school\": add a line such as school: Plashet School",
		}},
		{name: "missing authors", files: cs(fm("authors", "")), want: []string{
			"case-studies/new.md:1:1: the front matter is missing the required field \"authors\": add a line such as authors: [A. Teacher], or a list of - name: ... role: ...",
		}},
		{name: "missing date", files: cs(fm("date", "")), want: []string{
			"case-studies/new.md:1:1: the front matter is missing the required field \"date\": add a line such as date: 2024-06-30",
		}},
		{name: "missing summary", files: cs(fm("summary", "")), want: []string{
			"case-studies/new.md:1:1: the front matter is missing the required field \"summary\": add a line such as summary: One paragraph that says what changed and why it matters.",
		}},
		{name: "missing required taxonomy", files: cs(fm("pillars", "")), want: []string{
			"case-studies/new.md:1:1: the front matter is missing the required field \"pillars\": add a line such as pillars: [vision]",
		}},
		{name: "empty title", files: cs(fm("title", "title: \"\"")), want: []string{
			"case-studies/new.md:2:8: \"title\" is empty: write a value, for example title: \"Art for all: a holistic approach to GCSE art\"",
		}},
		{name: "title with no value", files: cs(fm("title", "title:")), want: []string{
			"case-studies/new.md:2:1: \"title\" has no value: write one, for example title: \"Art for all: a holistic approach to GCSE art\"",
		}},
		{name: "title is a list", files: cs(fm("title", "title: [a, b]")), want: []string{
			"case-studies/new.md:2:8: \"title\" must be a single value, not a list",
		}},
		{name: "date in another form", files: cs(fm("date", "date: 30/06/2024")), want: []string{
			"case-studies/new.md:5:7: date \"30/06/2024\" is not a date: write it as YYYY-MM-DD, for example date: 2024-06-30",
		}},
		{name: "date that is not a day", files: cs(fm("date", "date: 2024-02-30")), want: []string{
			"case-studies/new.md:5:7: date \"2024-02-30\" is not a real day: write it as YYYY-MM-DD, for example date: 2024-06-30",
		}},
		{name: "date with a time", files: cs(fm("date", "date: 2024-02-03T10:00:00Z")), want: []string{
			"case-studies/new.md:5:7: date \"2024-02-03T10:00:00Z\" is not a date: write it as YYYY-MM-DD, for example date: 2024-06-30",
		}},
		{name: "summary too long", files: cs(fm("summary", "summary: "+strings.Repeat("word ", 81))), want: []string{
			"case-studies/new.md:6:10: warning: the summary is 404 characters long; the limit is 400: cut 4 characters",
		}},
		{name: "unknown term with suggestion", files: cs(fm("pillars", "pillars: [vision, curiculum]")), want: []string{
			"case-studies/new.md:7:19: unknown pillar \"curiculum\" (did you mean \"curriculum\"?)",
		}},
		{name: "unknown term listing the allowed ones", files: cs(fm("capitals", "capitals: [money]")), want: []string{
			"case-studies/new.md:8:12: unknown capital \"money\": use one of \"moral\" or \"knowledge\"",
		}},
		{name: "unknown term in a block list", files: cs(fm("capitals", "capitals:\n  - moral\n  - monetary")), want: []string{
			"case-studies/new.md:10:5: unknown capital \"monetary\": use one of \"moral\" or \"knowledge\"",
		}},
		{name: "term given twice", files: cs(fm("pillars", "pillars: [vision, pillar-1]")), want: []string{
			"case-studies/new.md:7:19: warning: pillar \"vision\" is given twice",
		}},
		{name: "second term in a single-valued taxonomy", files: cs(fm("phase", "phase: [primary, secondary]")), want: []string{
			"case-studies/new.md:9:18: phase takes one term only, but \"secondary\" is a second one: keep one of \"primary\" and \"secondary\"",
		}},
		{name: "single-valued taxonomy as a scalar", files: cs(fm("phase", "phase: Secondary")), want: []string{}},
		{name: "required taxonomy empty", files: cs(fm("pillars", "pillars: []")), want: []string{
			"case-studies/new.md:7:10: pillars is empty: name at least one, for example pillars: [vision]",
		}},
		{name: "term is a mapping", files: cs(fm("pillars", "pillars: [{id: vision}]")), want: []string{
			"case-studies/new.md:7:11: each pillar must be a single term, not a group of fields",
		}},
		{name: "authors empty", files: cs(fm("authors", "authors: []")), want: []string{
			"case-studies/new.md:4:10: authors is empty: name at least one author, for example authors: [A. Teacher]",
		}},
		{name: "author without a name", files: cs(fm("authors", "authors:\n  - role: Head")), want: []string{
			"case-studies/new.md:5:5: an author is missing the required field \"name\": add a line such as name: A. Teacher",
		}},
		{name: "author with an unknown field", files: cs(fm("authors", "authors:\n  - name: A\n    job: Head")), want: []string{
			"case-studies/new.md:6:5: unknown field \"job\" in an author: the fields allowed here are \"name\" or \"role\"",
		}},
		{name: "author is a list", files: cs(fm("authors", "authors:\n  - [A, B]")), want: []string{
			"case-studies/new.md:5:5: each author must be a name, or name: and role: lines, not a list",
		}},
		{name: "partner is a mapping", files: cs(fm("partners", "partners: [{who: X}]")), want: []string{
			"case-studies/new.md:9:12: each item of \"partners\" must be a single value, not a group of fields",
		}},
		{name: "draft not true or false", files: cs(fm("draft", "draft: maybe")), want: []string{
			"case-studies/new.md:9:8: \"draft\" must be true or false, not \"maybe\"",
		}},
		{name: "slug not a slug", files: cs(fm("slug", "slug: My Art")), want: []string{
			"case-studies/new.md:9:7: slug \"My Art\" must be lower-case letters, digits and single hyphens, such as \"my-art\"",
		}},
		{name: "duplicate slug from file names", files: "-- case-studies/art/index.md --\n---\n" + validFM + "---\n", want: []string{
			"case-studies/art.md:1:1: duplicate slug \"art\": case-studies/art/index.md has it too; rename one of the files, or give one of them another slug with a line such as slug: art-2",
		}},
		{name: "duplicate slug from the slug field", files: cs(fm("slug", "slug: art")), want: []string{
			"case-studies/new.md:9:7: duplicate slug \"art\": case-studies/art.md has it too; rename one of the files, or give one of them another slug with a line such as slug: art-2",
		}},
		{name: "slugs that differ only in case", files: caseStudy("Art.md", validFM), want: []string{
			"case-studies/art.md:1:1: duplicate slug \"art\": case-studies/Art.md has it too; rename one of the files, or give one of them another slug with a line such as slug: art-2",
			"case-studies/art.md:1:1: file names \"Art.md\" and \"art.md\" differ only in case, which breaks on Windows and macOS and in URLs: rename one",
		}},
		{name: "file name gives no slug", files: caseStudy("---.md", validFM), want: []string{
			"case-studies/---.md:1:1: the file name gives no slug: name it with letters or digits, such as my-case-study.md",
		}},
		{name: "bundle without index.md", files: "-- case-studies/bundle/notes.md --\n---\n" + validFM + "---\n", want: []string{
			"case-studies/bundle/notes.md:1:1: the folder bundle has Markdown files but no index.md: a page bundle's case study must be named index.md",
		}},
		{name: "title in curly quotes", files: cs(fm("title", "title: “Art for all”")), want: []string{
			"case-studies/new.md:2:8: warning: the title “Art for all” is wrapped in quotation marks, which would be printed as part of it: remove them (quotes that YAML reads, as in title: \"Art for all\", are fine)",
		}},
		{name: "title in quotes inside YAML's", files: cs(fm("title", `title: '"Art for all"'`)), want: []string{
			"case-studies/new.md:2:8: warning: the title \"Art for all\" is wrapped in quotation marks, which would be printed as part of it: remove them (quotes that YAML reads, as in title: \"Art for all\", are fine)",
		}},
		{name: "title with quotes inside", files: cs(fm("title", "title: “Talk” and “write”")), want: []string{}},
		{name: "Markdown in the summary", files: cs(fm("summary", "summary: Every pupil now takes **art** to sixteen.")), want: []string{
			"case-studies/new.md:6:10: warning: the summary is shown as plain text, so the asterisks or underscores of bold text would show as typed: write the summary without Markdown",
		}},
		{name: "a link in the summary", files: cs(fm("summary", "summary: See [our report](report.pdf).")), want: []string{
			"case-studies/new.md:6:10: warning: the summary is shown as plain text, so the brackets of a link would show as typed: write the summary without Markdown",
		}},
		{name: "authors as a sentence", files: cs(fm("authors", "authors: [Jane (Head of English) and Tom]")), want: []string{
			"case-studies/new.md:4:11: warning: the author \"Jane (Head of English) and Tom\" looks like several people: write each as an item of its own, as in authors: [Jane Example, Tom Example]",
		}},
		{name: "a role in brackets", files: cs(fm("authors", "authors:\n  - name: Jane Example (Head of English)")), want: []string{
			"case-studies/new.md:5:11: warning: the author \"Jane Example (Head of English)\" has a role in brackets: write it as - name: ... and role: ... lines, as in - name: Jane Example, then role: Head of English on the next line",
		}},
		{name: "keywords", files: cs(fm("keywords", "keywords: [oracy, coaching, Oracy]")), want: []string{
			"case-studies/new.md:9:29: warning: the keyword \"Oracy\" is given twice: remove one",
		}},
		{name: "keyword too long", files: cs(fm("keywords", "keywords: [a sentence that goes on and on and is not really a keyword at all but a summary]")), want: []string{
			"case-studies/new.md:9:12: the keyword \"a sentence that goes on and on and is not really a keyword at all but a summary\" is 79 characters long; a keyword is a word or a short phrase of at most 60 characters: split it into several keywords",
		}},
		{name: "image missing", files: cs(fm("image", "image: cover.jpg")), want: []string{
			"case-studies/new.md:9:8: \"cover.jpg\" does not exist (looked for case-studies/cover.jpg)",
		}},
		{name: "image outside the content folder", files: cs(fm("image", "image: ../../secret.jpg")), want: []string{
			"case-studies/new.md:9:8: \"../../secret.jpg\" leaves the content folder: nothing outside it is published",
		}},
		{name: "image with an absolute path", files: cs(fm("image", "image: /etc/cover.jpg")), want: []string{
			"case-studies/new.md:9:8: \"/etc/cover.jpg\" must be a path relative to this file, such as photo.jpg or ../other.md",
		}},
		{name: "taxonomy value is a mapping", files: cs(fm("capitals", "capitals: {moral: true}")), want: []string{
			"case-studies/new.md:8:11: each capital must be a single term, not a group of fields",
		}},
		{name: "YAML aliases that repeat a value too often", files: cs(validFM + "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"), want: []string{
			"case-studies/new.md:9:8: the YAML repeats values through aliases (*name) too often: write the values out plainly",
		}},
		{name: "YAML block list of 100,001 items", files: cs(validFM + "x:\n" + strings.Repeat("  - a\n", 100_001)), want: []string{
			"case-studies/new.md:10:3: this list has more than 100,000 items, more than buildbook reads: shorten it",
		}},
		{name: "YAML flow list of 100,001 items", files: cs(validFM + "x: [" + strings.Repeat("a, ", 100_000) + "a]\n"), want: []string{
			"case-studies/new.md:9:4: this list has more than 100,000 items, more than buildbook reads: shorten it",
		}},
		{name: "YAML list of 90,000 items", files: cs(validFM + "x: [" + strings.Repeat("a, ", 89_999) + "a]\n"), want: []string{
			"case-studies/new.md:9:1: unknown field \"x\" in the front matter: the fields allowed here are \"title\", \"school\", \"partners\", \"authors\", \"date\", \"region\", \"cohort\", \"summary\", \"pillars\", \"capitals\", \"phase\", \"image\", \"keywords\", \"draft\" or \"slug\"",
		}},
		{name: "YAML lists of 60,000 items each", files: cs(validFM + "x: [" + strings.Repeat("a, ", 60_000) + "a]\ny: [" + strings.Repeat("a, ", 60_000) + "a]\n"), want: []string{
			// The 100,001st value: the 39,978th item of y, after 60,023 others.
			"case-studies/new.md:10:" + strconv.Itoa(5+3*39_977) + ": there are more than 100,000 values here, more than buildbook reads in one file: shorten the lists",
		}},
		{name: "YAML mapping of 100,001 fields", files: cs(validFM + "x:\n" + func() string {
			var b strings.Builder
			for i := range 100_001 {
				fmt.Fprintf(&b, "  %s:\n", strconv.FormatInt(int64(i), 36))
			}
			return b.String()
		}()), want: []string{
			"case-studies/new.md:10:3: there are more than 100,000 fields here, more than buildbook reads: shorten the list of fields",
		}},
		{name: "YAML block lists nested 70 deep", files: cs(validFM + "x:\n" + func() string {
			var b strings.Builder
			for i := range 70 {
				b.WriteString(strings.Repeat("  ", i+1) + "-\n")
			}
			return b.String()
		}()), want: []string{
			"case-studies/new.md:74:131: lists or groups of fields are nested more than 64 deep: write the values out plainly",
		}},
		{name: "YAML lists nested 200,000 deep", files: cs(validFM + "x: " + strings.Repeat("[", 200000) + "\n"), want: []string{
			"case-studies/new.md:9:1: lists or groups of fields are nested more than 64 deep: write the values out plainly",
		}},
		{name: "YAML mappings nested 100,000 deep", files: cs(validFM + "x: " + strings.Repeat("{a: ", 100000) + "\n"), want: []string{
			"case-studies/new.md:9:1: lists or groups of fields are nested more than 64 deep: write the values out plainly",
		}},
		{name: "YAML lists nested 60 deep", files: cs(validFM + "x: " + strings.Repeat("[", 60) + "\n"), want: []string{
			"case-studies/new.md:9:4: the list of x opens with [ but does not close: end it with ] on the same line",
		}},
		{name: "TOML array of 100,001 items", files: "-- case-studies/new.md --\n+++\ntitle = \"T\"\nx = [" + strings.Repeat("1, ", 100_000) + "1]\n+++\n", want: []string{
			"case-studies/new.md:3:5: this list has more than 100,000 items, more than buildbook reads: shorten it",
		}},
		{name: "TOML arrays of 60,000 items each", files: "-- case-studies/new.md --\n+++\ntitle = \"T\"\nx = [" + strings.Repeat("1, ", 60_000) + "1]\ny = [" + strings.Repeat("1, ", 60_000) + "1]\n+++\n", want: []string{
			"case-studies/new.md:4:119991: there are more than 100,000 values here, more than buildbook reads in one file: shorten the lists",
		}},
		{name: "TOML arrays nested 200,000 deep", files: "-- case-studies/new.md --\n+++\ntitle = \"T\"\nx = " + strings.Repeat("[", 200000) + "\n+++\n", want: []string{
			"case-studies/new.md:2:1: the front matter nests lists or tables more than 64 deep: write the values out plainly",
		}},
		{name: "ignored files", files: "-- case-studies/_draft.md --\nnot front matter\n-- case-studies/.hidden.md --\n\n-- _notes/x.md --\n", want: []string{}},
	})
}

// TestPageRules covers every rule of a free page.
func TestPageRules(t *testing.T) {
	page := func(name, fm string) string { return "-- pages/" + name + " --\n---\n" + fm + "---\n\nText.\n" }
	runRules(t, []ruleCase{
		{name: "valid", files: page("foreword.md", "title: Foreword\nweight: 2\ndescription: Why.\n"), want: []string{}},
		{name: "missing title", files: page("foreword.md", "weight: 2\n"), want: []string{
			"pages/foreword.md:1:1: the front matter is missing the required field \"title\": add a line such as title: About this book",
		}},
		{name: "unknown field", files: page("foreword.md", "title: F\nwieght: 2\n"), want: []string{
			"pages/foreword.md:3:1: unknown field \"wieght\" in the front matter (did you mean \"weight\"?)",
		}},
		{name: "weight not a number", files: page("foreword.md", "title: F\nweight: first\n"), want: []string{
			"pages/foreword.md:3:9: \"weight\" must be a whole number, not \"first\"",
		}},
		{name: "slug is an output folder", files: page("case-studies.md", "title: F\n") + page("book.md", "title: B\n") + page("schools.md", "title: S\n") + page("assets.md", "title: A\n"), want: []string{
			"pages/assets.md:1:1: the page slug \"assets\" collides with the site's stylesheets and scripts: the page would be published at /assets/, which is reserved; rename the file",
			"pages/book.md:1:1: the page slug \"book\" collides with the printable book: the page would be published at /book/, which is reserved; rename the file",
			"pages/case-studies.md:1:1: the page slug \"case-studies\" collides with the list of case studies: the page would be published at /case-studies/, which is reserved; rename the file",
			"pages/schools.md:1:1: the page slug \"schools\" collides with the list of schools: the page would be published at /schools/, which is reserved; rename the file",
		}},
		{name: "slug is a taxonomy id", files: page("pillars.md", "title: P\n"), want: []string{
			"pages/pillars.md:1:1: the page slug \"pillars\" collides with the pages of the taxonomy pillars: the page would be published at /pillars/, which is reserved; rename the file",
		}},
		{name: "two pages with one slug", files: page("About.md", "title: A\n"), want: []string{
			"pages/about.md:1:1: duplicate page slug \"about\": pages/About.md has it too; rename one of the files",
			"pages/about.md:1:1: file names \"About.md\" and \"about.md\" differ only in case, which breaks on Windows and macOS and in URLs: rename one",
		}},
		{name: "no front matter", files: "-- pages/foreword.md --\nJust text.\n", want: []string{
			"pages/foreword.md:1:1: the file has no front matter: start it with a line ---, then the fields (title: ..., and so on), then a line ---",
		}},
	})
}

// TestEditionRules covers every rule of a print edition.
func TestEditionRules(t *testing.T) {
	ed := func(body string) string {
		return caseStudy("second.md", validFM) + caseStudy("drafty.md", fm("draft", "draft: true")) + "-- editions/2024.yaml --\n" + body
	}
	runRules(t, []ruleCase{
		{name: "valid", files: ed("title: E\ndate: 2024-11-01\nforeword: about\npage_size: a5\nparts:\n  - title: One\n    intro: Some *Markdown*.\n    case-studies: [art]\n  - title: Two\n    case-studies:\n      - second\n"), want: []string{}},
		{name: "isbn and open", files: ed("title: E\nisbn: 978-1-7384991-0-7\nopen: any\nparts:\n  - title: One\n    case-studies: [art]\n"), want: []string{}},
		{name: "bad isbn", files: ed("title: E\nisbn: 978-1-73849\nparts:\n  - title: One\n    case-studies: [art]\n"), want: []string{
			"editions/2024.yaml:2:7: isbn \"978-1-73849\" has 9 digits: an ISBN has 13 (or 10), such as 978-1-7384991-0-7",
		}},
		{name: "cover not there", files: ed("title: E\ncover: cover.jpg\nparts:\n  - title: One\n    case-studies: [art]\n"), want: []string{
			"editions/2024.yaml:2:8: cover \"cover.jpg\" is not a file of the content folder (looked for editions/cover.jpg): put the picture in the content folder and write its path from 2024.yaml, such as cover: ../cover.jpg",
		}},
		{name: "cover outside", files: ed("title: E\ncover: ../../cover.jpg\nparts:\n  - title: One\n    case-studies: [art]\n"), want: []string{
			"editions/2024.yaml:2:8: cover \"../../cover.jpg\" leaves the content folder: nothing outside it is published",
		}},
		{name: "bad open", files: ed("title: E\nopen: left\nparts:\n  - title: One\n    case-studies: [art]\n"), want: []string{
			"editions/2024.yaml:2:7: open \"left\" is not a way to start a case study: write open: right (on a right-hand page) or open: any (on the next page)",
		}},
		{name: "unknown slug", files: ed("title: E\nparts:\n  - title: One\n    case-studies: [art, secnod]\n"), want: []string{
			"editions/2024.yaml:4:25: unknown case study \"secnod\" (did you mean \"second\"?)",
		}},
		{name: "slug twice in a part", files: ed("title: E\nparts:\n  - title: One\n    case-studies: [art, second, art]\n"), want: []string{
			"editions/2024.yaml:4:33: case study \"art\" appears twice in this edition (first at line 4): remove the duplicate; a case study may appear once",
		}},
		{name: "slug in two parts", files: ed("title: E\nparts:\n  - title: One\n    case-studies: [art]\n  - title: Two\n    case-studies:\n      - second\n      - art\n"), want: []string{
			"editions/2024.yaml:8:9: case study \"art\" appears twice in this edition (first at line 4): remove the duplicate; a case study may appear once",
		}},
		{name: "draft case study", files: ed("title: E\nparts:\n  - title: One\n    case-studies: [drafty]\n"), want: []string{
			"editions/2024.yaml:4:20: case study \"drafty\" is a draft: publish it (draft: false) or build with --drafts",
		}},
		{name: "missing title and parts", files: ed("subtitle: S\n"), want: []string{
			"editions/2024.yaml:1:1: an edition is missing the required field \"parts\": add a line such as parts: followed by a list of - title: ... case-studies: ...",
			"editions/2024.yaml:1:1: an edition is missing the required field \"title\": add a line such as title: Going for Great 2024",
		}},
		{name: "parts not a list", files: ed("title: E\nparts: art\n"), want: []string{
			"editions/2024.yaml:2:8: parts must be a list, each starting with - title: ..., not \"art\"",
		}},
		{name: "part without case studies", files: ed("title: E\nparts:\n  - title: One\n"), want: []string{
			"editions/2024.yaml:3:5: a part is missing the required field \"case-studies\": add a line such as case-studies: [slug-one, slug-two]",
		}},
		{name: "unknown field", files: ed("title: E\nfoward: about\nparts:\n  - title: One\n    case-studies: [art]\n"), want: []string{
			"editions/2024.yaml:2:1: unknown field \"foward\" in an edition: the fields allowed here are \"title\", \"subtitle\", \"description\", \"cover\", \"publisher\", \"date\", \"foreword\", \"page_size\", \"isbn\", \"open\" or \"parts\"",
		}},
		{name: "unknown field in a part", files: ed("title: E\nparts:\n  - title: One\n    case_studies: [art]\n"), want: []string{
			"editions/2024.yaml:3:5: a part is missing the required field \"case-studies\": add a line such as case-studies: [slug-one, slug-two]",
			"editions/2024.yaml:4:5: unknown field \"case_studies\" in a part (did you mean \"case-studies\"?)",
		}},
		{name: "foreword not a page", files: ed("title: E\nforeword: abuot\nparts:\n  - title: One\n    case-studies: [art]\n"), want: []string{
			"editions/2024.yaml:2:11: foreword \"abuot\" is not a page in pages/ (did you mean \"about\"?)",
		}},
		{name: "bad page size", files: ed("title: E\npage_size: A3\nparts:\n  - title: One\n    case-studies: [art]\n"), want: []string{
			"editions/2024.yaml:2:12: page_size \"A3\" is not one buildbook prints: use \"A4\", \"A5\", \"B5\" or \"Letter\"",
		}},
		{name: "bad date", files: ed("title: E\ndate: November 2024\nparts:\n  - title: One\n    case-studies: [art]\n"), want: []string{
			"editions/2024.yaml:2:7: date \"November 2024\" is not a date: write it as YYYY-MM-DD, for example date: 2024-06-30",
		}},
		{name: "two files, one id", files: ed("title: E\nparts:\n  - title: One\n    case-studies: [art]\n") + "-- editions/2024.yml --\ntitle: F\nparts:\n  - title: One\n    case-studies: [art]\n", want: []string{
			"editions/2024.yml:1:1: editions editions/2024.yaml and editions/2024.yml would both be published at /book/2024/: rename one of the files",
		}},
		{name: "no parts", files: ed("title: E\nparts: []\n"), want: []string{
			"editions/2024.yaml:2:8: parts is empty: an edition needs at least one part, such as - title: ... case-studies: [slug, ...]",
		}},
		{name: "a part with no case studies", files: ed("title: E\nparts:\n  - title: One\n    case-studies: []\n"), want: []string{
			"editions/2024.yaml:4:19: case-studies is empty: name the case studies of this part by their slugs, such as [art, second]",
		}},
		{name: "YAML syntax error", files: ed("title: E\nparts:\n  - title: One\n    case-studies: [art, second\n"), want: []string{
			"editions/2024.yaml:4:19: the list of case-studies opens with [ but does not close: end it with ] on the same line, as in case-studies: [art, second]",
		}},
	})
}

func symlink(name, target string) func(fstest.MapFS) {
	return func(fsys fstest.MapFS) {
		fsys[name] = &fstest.MapFile{Data: []byte(target), Mode: fs.ModeSymlink | 0o777}
	}
}

// TestFileRules covers the rules about files: sizes, links and names.
func TestFileRules(t *testing.T) {
	runRules(t, []ruleCase{
		{name: "Markdown over 1 MiB", edit: func(fsys fstest.MapFS) {
			fsys["case-studies/big.md"] = &fstest.MapFile{Data: []byte("---\n" + validFM + "---\n" + strings.Repeat("word ", MaxMarkdownSize/5+1))}
		}, want: []string{
			"case-studies/big.md:1:1: the file is too large (1.1 MiB): the size limit is 1 MiB for a Markdown or YAML file: shorten it, or split it in two",
		}},
		{name: "Markdown of exactly 1 MiB", edit: func(fsys fstest.MapFS) {
			head := "---\n" + validFM + "---\n"
			line := strings.Repeat("word ", 2000) + "\n\n"
			body := strings.Repeat(line, (MaxMarkdownSize-len(head))/len(line))
			fsys["case-studies/big.md"] = &fstest.MapFile{Data: []byte(head + body + strings.Repeat("w", MaxMarkdownSize-len(head)-len(body)))}
		}, want: []string{}},
		{name: "YAML over 1 MiB", edit: func(fsys fstest.MapFS) {
			fsys["editions/big.yaml"] = &fstest.MapFile{Data: []byte("title: " + strings.Repeat("w", MaxMarkdownSize))}
		}, want: []string{
			"editions/big.yaml:1:1: the file is too large (1.1 MiB): the size limit is 1 MiB for a Markdown or YAML file: shorten it, or split it in two",
		}},
		{name: "asset over 20 MiB", edit: func(fsys fstest.MapFS) {
			fsys["case-studies/video.mp4"] = &fstest.MapFile{Data: make([]byte, MaxAssetSize+1)}
		}, want: []string{
			"case-studies/video.mp4:1:1: the file is too large (20.1 MiB): the size limit is 20 MiB for an image or attachment: compress or resize it",
		}},
		{name: "symbolic link out of the folder", edit: symlink("case-studies/passwd.md", "/etc/passwd"), want: []string{
			"case-studies/passwd.md:1:1: this symbolic link (symlink) points to \"/etc/passwd\", outside the content folder: nothing outside it is published; replace the link with a copy of the file",
		}},
		{name: "symbolic link up and out", edit: symlink("case-studies/up.md", "../../outside.md"), want: []string{
			"case-studies/up.md:1:1: this symbolic link (symlink) points to \"../../outside.md\", outside the content folder: nothing outside it is published; replace the link with a copy of the file",
		}},
		{name: "symbolic link through another link", edit: func(fsys fstest.MapFS) {
			symlink("case-studies/a.md", "b.md")(fsys)
			symlink("case-studies/b.md", "../../outside.md")(fsys)
		}, want: []string{
			"case-studies/a.md:1:1: this symbolic link (symlink) points to \"b.md\", which leads outside the content folder through the link case-studies/b.md (to \"../../outside.md\"): nothing outside it is published; replace the link with a copy of the file",
			"case-studies/b.md:1:1: this symbolic link (symlink) points to \"../../outside.md\", outside the content folder: nothing outside it is published; replace the link with a copy of the file",
		}},
		{name: "symbolic link to nothing", edit: symlink("case-studies/gone.md", "missing.md"), want: []string{
			"case-studies/gone.md:1:1: this symbolic link (symlink) points to \"missing.md\", which does not exist: copy the file itself into the content folder",
		}},
		{name: "symbolic link inside the folder", edit: symlink("case-studies/copy.md", "art.md"), want: []string{}},
		{name: "symbolic link through a link in an ignored folder", edit: func(fsys fstest.MapFS) {
			symlink(".root", "/")(fsys)
			symlink("case-studies/env.txt", "../.root/proc/self/environ")(fsys)
		}, want: []string{
			"case-studies/env.txt:1:1: this symbolic link (symlink) points to \"../.root/proc/self/environ\", which leads outside the content folder through the link .root (to \"/\"): nothing outside it is published; replace the link with a copy of the file",
		}},
		{name: "symbolic link with .. after a link to a folder", edit: func(fsys fstest.MapFS) {
			// As text, a/b/c/up/../outside/secret.txt is a/b/c/outside/secret.txt,
			// which is there; the kernel follows up first, and leaves the folder.
			fsys["a/b/c/outside/secret.txt"] = &fstest.MapFile{Data: []byte("inside")}
			symlink("a/b/c/up", "../../../..")(fsys)
			symlink("leak.txt", "a/b/c/up/../outside/secret.txt")(fsys)
		}, want: []string{
			"a/b/c/up:1:1: this symbolic link (symlink) points to \"../../../..\", outside the content folder: nothing outside it is published; replace the link with a copy of the file",
			"leak.txt:1:1: this symbolic link (symlink) points to \"a/b/c/up/../outside/secret.txt\", which leads outside the content folder through the link a/b/c/up (to \"../../../..\"): nothing outside it is published; replace the link with a copy of the file",
		}},
		{name: "symbolic link with .. after a link, inside", edit: func(fsys fstest.MapFS) {
			fsys["case-studies/art/plan.pdf"] = &fstest.MapFile{Data: []byte("%PDF")}
			symlink("case-studies/deep", "art")(fsys)
			symlink("case-studies/plan.pdf", "deep/../art/plan.pdf")(fsys)
		}, want: []string{
			"case-studies/deep:1:1: warning: a symbolic link to a folder is not followed: copy the folder instead",
		}},
		{name: "symbolic link loop", edit: func(fsys fstest.MapFS) {
			symlink("case-studies/a.md", "b.md")(fsys)
			symlink("case-studies/b.md", "a.md")(fsys)
			symlink("case-studies/self.md", "self.md")(fsys)
		}, want: []string{
			"case-studies/a.md:1:1: this symbolic link (symlink) points to \"b.md\", which leads round a loop of links and never reaches a file: replace the link with a copy of the file",
			"case-studies/b.md:1:1: this symbolic link (symlink) points to \"a.md\", which leads round a loop of links and never reaches a file: replace the link with a copy of the file",
			"case-studies/self.md:1:1: this symbolic link (symlink) points to \"self.md\", which leads round a loop of links and never reaches a file: replace the link with a copy of the file",
		}},
		{name: "symbolic link through a file", edit: symlink("case-studies/x.md", "../book.yaml/x.md"), want: []string{
			"case-studies/x.md:1:1: this symbolic link (symlink) points to \"../book.yaml/x.md\", which does not exist: copy the file itself into the content folder",
		}},
		{name: "folder names that differ only in case", files: "-- case-studies/Trip/index.md --\n---\n" + fm("slug", "slug: trip-one") + "---\n-- case-studies/trip/index.md --\n---\n" + validFM + "---\n", want: []string{
			"case-studies/trip/index.md:1:1: file names \"Trip\" and \"trip\" differ only in case, which breaks on Windows and macOS and in URLs: rename one",
		}},
		{name: "attachment names that differ only in case", files: "-- case-studies/art/index.md --\n---\n" + fm("slug", "slug: art-two") + "---\n-- case-studies/art/Plan.pdf --\nx\n-- case-studies/art/plan.pdf --\ny\n", want: []string{
			"case-studies/art/plan.pdf:1:1: file names \"Plan.pdf\" and \"plan.pdf\" differ only in case, which breaks on Windows and macOS and in URLs: rename one",
		}},
	})
}

// TestPositions checks that line and column point at the offending key or
// value, wherever it is written.
func TestPositions(t *testing.T) {
	tests := []struct {
		name string
		file string // case-studies/new.md
		want []string
	}{
		{
			name: "YAML flow list",
			file: "---\n" + fm("pillars", "pillars: [vision,   curiculum , ethos]") + "---\n",
			want: []string{
				`case-studies/new.md:7:21: unknown pillar "curiculum" (did you mean "curriculum"?)`,
				`case-studies/new.md:7:33: warning: pillar "vision" is given twice`,
			},
		},
		{
			name: "YAML flow list over two lines",
			file: "---\n" + fm("pillars", "pillars: [vision,\n    curiculum]") + "---\n",
			want: []string{`case-studies/new.md:8:5: unknown pillar "curiculum" (did you mean "curriculum"?)`},
		},
		{
			name: "YAML quoted item after non-ASCII text",
			file: "---\n" + fm("title", "title: Écoles où l'on lit", "pillars", `pillars: ["vision", "curiculum"]`) + "---\n",
			want: []string{`case-studies/new.md:7:21: unknown pillar "curiculum" (did you mean "curriculum"?)`},
		},
		{
			name: "YAML after blank lines before the front matter",
			file: "\n\n---\n" + fm("capitals", "capitals: [moral, money]") + "---\n",
			want: []string{`case-studies/new.md:10:19: unknown capital "money": use one of "moral" or "knowledge"`},
		},
		{
			name: "BOM and CRLF",
			file: "\ufeff" + strings.ReplaceAll("---\n"+fm("date", "date: 2024-02-30")+"---\n\nBody.\n", "\n", "\r\n"),
			want: []string{`case-studies/new.md:5:7: date "2024-02-30" is not a real day: write it as YYYY-MM-DD, for example date: 2024-06-30`},
		},
		{
			name: "TOML array",
			file: "+++\ntitle = \"T\"\nschool = \"S\"\nauthors = [\"A\"]\ndate = 2024-01-31\nsummary = \"S.\"\npillars = [\"vision\", \"curiculum\"]\ncapitals = [ 'moral', 'money' ]\n+++\n",
			want: []string{
				`case-studies/new.md:7:22: unknown pillar "curiculum" (did you mean "curriculum"?)`,
				`case-studies/new.md:8:23: unknown capital "money": use one of "moral" or "knowledge"`,
			},
		},
		{
			name: "TOML array over lines with a comment",
			file: "+++\ntitle = \"T\"\nschool = \"S\"\nauthors = [\"A\"]\ndate = 2024-01-31\nsummary = \"\"\"\nS.\nmoney\n\"\"\"\npillars = [\n  \"vision\", # the first\n  \"curiculum\",\n]\ncapitals = [\"moral\"]\n+++\n",
			want: []string{`case-studies/new.md:12:3: unknown pillar "curiculum" (did you mean "curriculum"?)`},
		},
		{
			name: "TOML array of tables",
			file: "+++\ntitle = \"T\"\nschool = \"S\"\ndate = 2024-01-31\nsummary = \"S.\"\npillars = [\"vision\"]\ncapitals = [\"moral\"]\n\n[[authors]]\nname = \"A\"\n\n[[authors]]\nname = \"B\"\njob = \"Head\"\n+++\n",
			want: []string{`case-studies/new.md:14:1: unknown field "job" in an author: the fields allowed here are "name" or "role"`},
		},
		{
			name: "TOML inline tables",
			file: "+++\ntitle = \"T\"\nschool = \"S\"\nauthors = [{name = \"A\"}, {name = \"B\", job = \"Head\"}]\ndate = 2024-01-31\nsummary = \"S.\"\npillars = [\"vision\"]\ncapitals = [\"moral\"]\n+++\n",
			want: []string{`case-studies/new.md:4:39: unknown field "job" in an author: the fields allowed here are "name" or "role"`},
		},
		{
			name: "TOML value",
			file: "+++\ntitle = \"T\"\nschool = \"S\"\nauthors = [\"A\"]\ndate = \"2024-02-30\"\nsummary = \"S.\"\npillars = [\"vision\"]\ncapitals = [\"moral\"]\ncolour = \"red\"\n+++\n",
			want: []string{
				`case-studies/new.md:5:8: date "2024-02-30" is not a real day: write it as YYYY-MM-DD, for example date: 2024-06-30`,
				`case-studies/new.md:9:1: unknown field "colour" in the front matter: the fields allowed here are "title", "school", "partners", "authors", "date", "region", "cohort", "summary", "pillars", "capitals", "phase", "image", "keywords", "draft" or "slug"`,
			},
		},
		{
			name: "TOML multi-line string that looks like a field",
			file: "+++\ntitle = \"T\"\nschool = \"S\"\nauthors = [\"A\"]\ndate = 2024-01-31\nsummary = \"\"\"\ncolour = \"red\"\n\"\"\"\npillars = [\"vision\"]\ncapitals = [\"moral\"]\n\"colour\" = \"red\"\n+++\n",
			want: []string{`case-studies/new.md:11:1: unknown field "colour" in the front matter: the fields allowed here are "title", "school", "partners", "authors", "date", "region", "cohort", "summary", "pillars", "capitals", "phase", "image", "keywords", "draft" or "slug"`},
		},
		{
			name: "TOML table after the fields",
			file: "+++\ntitle = \"T\"\nschool = \"S\"\nauthors = [\"A\"]\ndate = 2024-01-31\nsummary = \"S.\"\npillars = [\"vision\"]\ncapitals = [\"moral\"]\n\n[phase]\nid = \"primary\"\n+++\n",
			want: []string{`case-studies/new.md:10:2: each phase must be a single term, not a group of fields`},
		},
		{
			name: "TOML with BOM and CRLF",
			file: "\ufeff" + strings.ReplaceAll("+++\ntitle = \"T\"\nschool = \"S\"\nauthors = [\"A\"]\ndate = 2024-01-31\nsummary = \"S.\"\npillars = [\"vision\", \"vision\"]\ncapitals = [\"moral\"]\n+++\n", "\n", "\r\n"),
			want: []string{`case-studies/new.md:7:22: warning: pillar "vision" is given twice`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, got := loadCase(t, "", nil, Options{}, func(fsys fstest.MapFS) {
				fsys["case-studies/new.md"] = &fstest.MapFile{Data: []byte(tc.file)}
			})
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

// TestBodyLine checks that the body keeps its line in the file.
func TestBodyLine(t *testing.T) {
	for _, tc := range []struct {
		name string
		file string
		want int
	}{
		{"YAML", "---\n" + validFM + "---\n\nBody.\n", 11},
		{"blank lines first", "\n\n---\n" + validFM + "---\nBody.\n", 12},
		{"BOM and CRLF", "\ufeff" + strings.ReplaceAll("---\n"+validFM+"---\n\nBody.\n", "\n", "\r\n"), 11},
		{"TOML", "+++\ntitle = \"T\"\nschool = \"S\"\nauthors = [\"A\"]\ndate = 2024-01-31\nsummary = \"S.\"\npillars = [\"vision\"]\ncapitals = [\"moral\"]\n+++\nBody.\n", 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site, got := loadCase(t, "", nil, Options{}, func(fsys fstest.MapFS) {
				fsys["case-studies/new.md"] = &fstest.MapFile{Data: []byte(tc.file)}
			})
			if len(got) > 0 {
				t.Fatalf("diagnostics: %q", got)
			}
			for _, c := range site.CaseStudies {
				if c.Slug != "new" {
					continue
				}
				lines := strings.Split(string(c.Body), "\n")
				first := 0
				for first < len(lines) && strings.TrimSpace(lines[first]) == "" {
					first++
				}
				if line := c.BodyLine + first; line != tc.want || strings.TrimSpace(lines[first]) != "Body." {
					t.Errorf("body %q starts at line %d (+%d blank), want Body. at line %d", c.Body, c.BodyLine, first, tc.want)
				}
				return
			}
			t.Fatal("case study not loaded")
		})
	}
}

// TestBodyShapeRules covers the limits on the shape of a Markdown body.
func TestBodyShapeRules(t *testing.T) {
	cs := func(body string) string { return "-- case-studies/new.md --\n---\n" + validFM + "---\n\n" + body }
	runRules(t, []ruleCase{
		{name: "a long paragraph is fine", files: cs(strings.Repeat("word ", 3000) + "\n\n" + strings.Repeat("> ", 10) + "deep quote\n"), want: []string{}},
		{name: "line too long", files: cs("Intro.\n\n" + strings.Repeat("wörd ", 4001) + "\n"), want: []string{
			"case-studies/new.md:13:1: this line is 20005 characters long; the limit is 20000: break it into paragraphs",
		}},
		{name: "quotations nested too deep", files: cs(strings.Repeat(">", 33) + " x\n"), want: []string{
			"case-studies/new.md:11:1: quotations (>) are nested 33 deep on this line; the limit is 32",
		}},
		{name: "too much emphasis in one paragraph", files: cs("Intro.\n\n" + strings.Repeat("*a_\n", 1001)), want: []string{
			"case-studies/new.md:13:1: this paragraph has more than 2000 * and _ characters; the limit is 2000: write it in plain words, or split it",
		}},
		{name: "emphasis spread over paragraphs", files: cs(strings.Repeat("*a* _b_ **c**\n\n", 1000)), want: []string{}},
		{name: "too many footnotes", files: cs(strings.Repeat("[^x]: note\n", 1001)), want: []string{
			"case-studies/new.md:1011:1: the text has more than 1000 footnotes; the limit is 1000",
		}},
		{name: "lists nested too deep", files: cs("Intro.\n\n" + strings.Repeat("- ", 40) + "x\n"), want: []string{
			"case-studies/new.md:13:1: lists and quotations are nested 40 deep on this line (a list marker such as - , * or 1. opens a list inside the one before); the limit is 32: write the markers once, on lines of their own",
		}},
		{name: "lists and quotations nested too deep", files: cs(strings.Repeat("> 1. * ", 11) + "x\n"), want: []string{
			"case-studies/new.md:11:1: lists and quotations are nested 33 deep on this line (a list marker such as - , * or 1. opens a list inside the one before); the limit is 32: write the markers once, on lines of their own",
		}},
		{name: "a long thematic break, lists nested 32 deep", files: cs(strings.Repeat("- ", 40) + "\n\n" + strings.Repeat("* ", 40) + "\n\n" + strings.Repeat("- ", 32) + "x\n"), want: []string{}},
		{name: "a long paragraph of [a](", files: cs("Intro.\n\n" + strings.Repeat("[a](\n", 5000)), want: []string{
			"case-studies/new.md:13:1: this paragraph is long and has many links or [ ] brackets, more than can be converted in time: split it into shorter paragraphs with blank lines between",
		}},
		{name: "many reference definitions", files: cs(strings.Repeat("[a]: /x\n", 5000)), want: []string{
			"case-studies/new.md:11:1: this paragraph is long and has many links or [ ] brackets, more than can be converted in time: split it into shorter paragraphs with blank lines between",
		}},
		{name: "links spread over paragraphs", files: cs(strings.Repeat(strings.Repeat("[a](x) [b]: [c][d]\n", 20)+"\n", 1000)), want: []string{}},
		{name: "many long lines", files: cs(strings.Repeat(strings.Repeat("w", MaxLineLength+1)+"\n", 8)), want: []string{
			"case-studies/new.md:10:1: 3 more lines pass the limits on the shape of the text",
			"case-studies/new.md:11:1: this line is 20001 characters long; the limit is 20000: break it into paragraphs",
			"case-studies/new.md:12:1: this line is 20001 characters long; the limit is 20000: break it into paragraphs",
			"case-studies/new.md:13:1: this line is 20001 characters long; the limit is 20000: break it into paragraphs",
			"case-studies/new.md:14:1: this line is 20001 characters long; the limit is 20000: break it into paragraphs",
			"case-studies/new.md:15:1: this line is 20001 characters long; the limit is 20000: break it into paragraphs",
		}},
	})
}
