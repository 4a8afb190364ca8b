package content

import (
	"fmt"
	"strings"
	"testing"
)

// syntaxCase is a mistake teachers make in front matter or a YAML file,
// and the message it gets: line:col: message, the line counted in the
// file (front matter starts on line 2, after its ---).
type syntaxCase struct {
	name   string
	format string // "yaml" (front matter), "yaml file" or "toml"
	src    string
	want   string
}

var syntaxCases = []syntaxCase{
	{name: "colon in a title", src: "title: Coaching triads: what we learned\nschool: S\n", want: "2:8: the title has a colon in it, so YAML reads it as a new field: put the whole of it in double quotes, as in title: \"Coaching triads: what we learned\""},
	{name: "colon at the end of a title", src: "title: Why art:\nschool: S\n", want: "2:8: the title has a colon in it, so YAML reads it as a new field: put the whole of it in double quotes, as in title: \"Why art:\""},
	{name: "colon in a role", src: "title: T\nauthors:\n  - name: A\n    role: Head: of art\n", want: "5:11: the role has a colon in it, so YAML reads it as a new field: put the whole of it in double quotes, as in role: \"Head: of art\""},
	{name: "curly quotes around a title with a colon", src: "title: “Coaching triads: what we learned”\nschool: S\n", want: "2:8: the title is in curly quotes “ ”, as word processors write them, which YAML does not take as quotes, so the colon in it starts a new field: type straight quotes instead, as in title: \"Coaching triads: what we learned\""},
	{name: "single curly quotes", src: "title: ‘Art: for all’\n", want: "2:8: the title is in curly quotes ‘ ’, as word processors write them, which YAML does not take as quotes, so the colon in it starts a new field: type straight quotes instead, as in title: \"Art: for all\""},
	{name: "tab before a list item", src: "title: T\nauthors:\n\t- A\n", want: "4:1: this line is indented with a tab, which YAML does not allow: indent it with spaces instead (two for each level)"},
	{name: "tab before a field", src: "title: T\n\tschool: S\n", want: "3:1: this line is indented with a tab, which YAML does not allow: indent it with spaces instead (two for each level)"},
	{name: "unclosed double quote", src: "title: \"Art for all\nschool: S\n", want: "2:8: the title starts with a quote (\") but the line does not end with one: add \" at the end, as in title: \"Art for all\""},
	{name: "unclosed single quote", src: "title: 'Art for all\nschool: S\n", want: "2:8: the title starts with a quote (') but the line does not end with one: add ' at the end, as in title: 'Art for all'"},
	{name: "unclosed quote closed by the next field", src: "title: \"Art for all\nschool: \"S\"\ndate: x\n", want: "2:8: the title starts with a quote (\") but the line does not end with one: add \" at the end, as in title: \"Art for all\""},
	{name: "apostrophe in single quotes", src: "title: 'It's art'\nschool: S\n", want: "2:8: the title is in single quotes and has an apostrophe in it, which YAML takes as the closing quote: put it in double quotes instead, as in title: \"It's art\""},
	{name: "text after the closing quote", src: "title: \"Art\" for all\nschool: S\n", want: "2:8: the title starts with a quote, so YAML ends it at the next quote, but more text follows: put the whole of it in quotes, as in title: '\"Art\" for all'"},
	{name: "two quoted values", src: "title: T\nschool: \"S\" \"X\"\n", want: "3:9: the school starts with a quote, so YAML ends it at the next quote, but more text follows: put the whole of it in quotes, as in school: '\"S\" \"X\"'"},
	{name: "unknown escape in double quotes", src: "title: T\nregion: \"North\\South\"\n", want: "3:9: the region is in double quotes and has a backslash (\\) in it, which YAML reads as the start of a special character: write \\\\ for each backslash, or put the value in single quotes instead"},
	{name: "unclosed list", src: "title: T\npillars: [vision, curriculum\ncapitals: [moral]\n", want: "3:10: the list of pillars opens with [ but does not close: end it with ] on the same line, as in pillars: [vision, curriculum]"},
	{name: "unclosed list at the end", src: "title: T\npillars: [vision, curriculum\n", want: "3:10: the list of pillars opens with [ but does not close: end it with ] on the same line, as in pillars: [vision, curriculum]"},
	{name: "unclosed quote in a list", src: "title: T\nauthors: [A, \"B]\n", want: "3:14: the quote (\") opened here is never closed: add \" at the end of the text it begins, as in \"B\""},
	{name: "two commas in a list", src: "title: T\nauthors: [A,, B]\n", want: "3:12: the list of authors has two commas with nothing between them: take one out"},
	{name: "unclosed braces", src: "title: T\nschool: {Plashet\n", want: "3:9: the school opens with { but does not close: end it with } on the same line, as in school: {Plashet}"},
	{name: "title starting with brackets", src: "title: [Draft] Art for all\n", want: "2:8: the title starts with [, so YAML reads it as a list: put the whole of it in double quotes, as in title: \"[Draft] Art for all\""},
	{name: "title starting with braces", src: "title: {Draft} Art\n", want: "2:8: the title starts with {, so YAML reads it as a group of fields: put the whole of it in double quotes, as in title: \"{Draft} Art\""},
	{name: "title starting with @", src: "title: @home learning\n", want: "2:8: the title starts with @, which YAML does not allow at the start of a value: put the whole of it in double quotes, as in title: \"@home learning\""},
	{name: "title starting with a backtick", src: "title: `code` club\n", want: "2:8: the title starts with `, which YAML does not allow at the start of a value: put the whole of it in double quotes, as in title: \"`code` club\""},
	{name: "title starting with %", src: "title: %ages rising\n", want: "2:8: the title starts with %, which YAML does not allow at the start of a value: put the whole of it in double quotes, as in title: \"%ages rising\""},
	{name: "summary starting with an asterisk", src: "title: T\nsummary: *Every* pupil reads\n", want: "3:10: the summary starts with *, which YAML reads as a reference to another value: put the whole of it in double quotes, as in summary: \"*Every* pupil reads\""},
	{name: "title starting with a dash", src: "title: - art\n", want: "2:8: the title starts with \"- \", which YAML reads as a list: put the whole of it in double quotes, as in title: \"- art\""},
	{name: "title starting with >", src: "title: > 5 schools\n", want: "2:8: the title starts with >, which YAML reads as the start of a block of text on the lines below: put the whole of it in double quotes, as in title: \"> 5 schools\""},
	{name: "reference to nothing", src: "title: &a x\nschool: *b\n", want: "3:9: the school starts with *, which YAML reads as a reference to another value: put the whole of it in double quotes, as in school: \"*b\""},
	{name: "list item indented less", src: "title: T\nauthors:\n  - name: A\n    role: B\n - name: C\n", want: "6:2: this list item is indented by 1 space, but the one above it by 2 spaces: start every \"- \" of a list in the same column"},
	{name: "field indented one less", src: "title: T\nauthors:\n  - name: A\n   role: B\n", want: "5:4: \"role\" is indented by 3 spaces, but \"name\" above it by 4 spaces: indent them the same, so that YAML knows which group of fields \"role\" belongs to"},
	{name: "field indented one more", src: "title: T\nauthors:\n  - name: A\n     role: B\n", want: "5:6: \"role\" is indented more than \"name\" on the line above, so YAML reads it as part of the name: start it in the same column as name (if this line is the name going on, put the whole of it in double quotes)"},
	{name: "field under the dash", src: "title: T\nauthors:\n  - name: A\n  role: B\n", want: "5:3: \"role\" starts under the \"-\" of the list above it, not under \"name\": indent it by 4 spaces, like name, so that it belongs to the same item"},
	{name: "field indented under another", src: "title: T\n school: S\n", want: "3:2: \"school\" is indented more than \"title\" on the line above, so YAML reads it as part of the title: start it in the same column as title (if this line is the title going on, put the whole of it in double quotes)"},
	{name: "value going on with a colon", src: "title: T\nsummary: Line one\n  and: two\n", want: "4:3: \"and\" is indented more than \"summary\" on the line above, so YAML reads it as part of the summary: start it in the same column as summary (if this line is the summary going on, put the whole of it in double quotes)"},
	{name: "list item after a value", src: "title: T\npillars: [vision]\n  - curriculum\n", want: "4:3: this list item is under \"pillars\", which already has its value on its own line: either write the list there in square brackets, as in pillars: [a, b], or leave nothing after pillars: and write each item on a line of its own below, starting with \"- \""},
	{name: "list item without a dash", src: "title: T\npillars:\n  - vision\n  curriculum\n", want: "5:3: this line is in the list of pillars but does not start with \"- \": write it as - curriculum"},
	{name: "list item after a field with a value", src: "title: T\n- A\n", want: "3:1: this line is a list item (\"- \"), but the field \"title\" above it already has a value: put the item under the field it belongs to, whose line ends with a colon, as in authors:"},
	{name: "block text not indented", src: "title: T\nsummary: >\nText.\n", want: "4:1: the text of the summary, after >, must be indented: put two spaces before each of its lines"},
	{name: "no space after the colon", src: "title: T\nschool:Plashet\n", want: "3:8: there is no space after the colon of \"school\": put one, as in school: Plashet"},
	{name: "no space after the first colon", src: "title:Art\nschool: S\n", want: "2:7: there is no space after the colon of \"title\": put one, as in title: Art"},
	{name: "a summary on two lines", src: "title: T\nsummary: a long\nsentence here.\npillars: [v]\n", want: "4:1: this line is not a field: if it is the summary going on from the line above, indent it by two spaces, or write the summary on one line"},
	{name: "the closing --- missing before a heading", src: "title: T\nsummary: S.\n\n## Context\n\nText here.\n", want: "5:1: this heading is inside the front matter, which has no line --- to close it: add a line --- after the last field, before the text of the case study"},
	{name: "the closing --- missing before text", src: "title: T\nsummary: S.\n\nSome text of the body.\n", want: "5:1: this line is not a field: write a field as name: value, with a space after the colon; if the text of the case study starts here, add a line --- above it, to close the front matter"},
	{name: "taxonomy field indented more", format: "yaml file", src: "- id: pillars\n  title: P\n   terms: []\n", want: "3:4: \"terms\" is indented more than \"title\" on the line above, so YAML reads it as part of the title: start it in the same column as title (if this line is the title going on, put the whole of it in double quotes)"},
	{name: "taxonomy field indented less", format: "yaml file", src: "- id: pillars\n title: P\n", want: "2:2: \"title\" is indented by 1 space, but \"id\" above it by 2 spaces: indent them the same, so that YAML knows which group of fields \"title\" belongs to"},
	{name: "term field misaligned", format: "yaml file", src: "- id: pillars\n  title: P\n  terms:\n  - id: a\n   title: A\n", want: "5:4: \"title\" is indented by 3 spaces, but \"id\" above it by 4 spaces: indent them the same, so that YAML knows which group of fields \"title\" belongs to"},
	{name: "TOML unclosed quote", format: "toml", src: "title = \"Art for all\nschool = \"S\"\n", want: "2:9: the title starts with a quote (\") but the line does not end with one: add \" at the end, as in title = \"Art for all\""},
	{name: "TOML text without quotes", format: "toml", src: "title = Art for all\n", want: "2:9: the title is text, which TOML needs in double quotes: write title = \"Art for all\""},
	{name: "TOML list items without quotes", format: "toml", src: "pillars = [vision, curriculum]\n", want: "2:11: each item of pillars is text, which TOML needs in double quotes: write pillars = [\"vision\", \"curriculum\"]"},
	{name: "TOML field twice", format: "toml", src: "title = \"T\"\ntitle = \"U\"\n", want: "3:1: \"title\" is written twice: keep one of them"},
	{name: "TOML written as YAML", format: "toml", src: "title: Art for all\n", want: "2:6: this line is written as YAML (name: value), but between lines of +++ the front matter is TOML: write title = \"Art for all\", or use lines of --- instead of +++ around the front matter"},
	{name: "TOML unclosed list", format: "toml", src: "title = \"T\"\npillars = [\"vision\", \"curriculum\"\n", want: "3:11: the list of pillars opens with [ but does not close: end it with ], as in pillars = [\"vision\", \"curriculum\"]"},
	{name: "TOML list without commas", format: "toml", src: "title = \"T\"\npillars = [\"vision\" \"curriculum\"]\n", want: "3:21: the items of pillars must be separated by commas, as in pillars = [\"vision\", \"curriculum\"]"},
	{name: "TOML curly quotes", format: "toml", src: "title = “Art for all”\n", want: "2:9: the title is in curly quotes “ ”, as word processors write them, which TOML does not take as quotes: type straight quotes instead, as in title = \"Art for all\""},
	{name: "TOML apostrophe in single quotes", format: "toml", src: "title = 'It's art'\n", want: "2:9: the title is in single quotes and has an apostrophe in it, which TOML takes as the closing quote: put it in double quotes instead, as in title = \"It's art\""},
	{name: "TOML no equals sign", format: "toml", src: "title \"Art\"\n", want: "2:7: a field is written as name = value: put = between \"title\" and its value, as in title = \"Art\""},
	{name: "TOML space in a field name", format: "toml", src: "school name = \"S\"\n", want: "2:8: the field name \"school name\" has a space in it, which TOML does not allow: write the name as one word, as in school = \"...\""},
	{name: "TOML date without leading zeros", format: "toml", src: "date = 2024-6-30\n", want: "2:8: the date must be written as year-month-day, with two digits for the month and the day, as in date = 2024-06-30"},
	{name: "TOML date with slashes", format: "toml", src: "date = 30/06/2024\n", want: "2:8: the date must be written as year-month-day, with two digits for the month and the day, as in date = 2024-06-30"},
	{name: "TOML unknown escape", format: "toml", src: "region = \"North\\South\"\n", want: "2:10: the region is in double quotes and has a backslash (\\) in it, which TOML reads as the start of a special character: write \\\\ for each backslash, or put the value in single quotes instead"},
	{name: "TOML text after the value", format: "toml", src: "title = \"Art\" for all\n", want: "2:9: there is more on this line after the title: put the whole of it in double quotes, as in title = '\"Art\" for all'"},
}

// TestSyntaxMessages checks the message each mistake gets, and that no
// message uses the parsers' own words.
func TestSyntaxMessages(t *testing.T) {
	for _, tc := range syntaxCases {
		t.Run(tc.name, func(t *testing.T) {
			var errs []*posError
			switch tc.format {
			case "toml":
				_, errs = parseTOML([]byte(tc.src), 2)
			case "yaml file":
				_, errs = parseYAML([]byte(tc.src), 1)
			default:
				_, errs = parseFrontMatterYAML([]byte(tc.src), 2)
			}
			var got []string
			for _, e := range errs {
				got = append(got, fmt.Sprintf("%d:%d: %s", e.line, e.col, e.msg))
			}
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("%q:\n got %q\nwant %q", tc.src, got, tc.want)
			}
			for _, g := range got {
				if w := parserWord(g); w != "" {
					t.Errorf("the message has the parser's word %q: %s", w, g)
				}
			}
		})
	}
}

// parserWords are the YAML and TOML parsers' words, which mean nothing to
// a teacher.
var parserWords = []string{"token", "mapping", "scalar", "octet", "indicator", "byte 0x", "syntax error", "EOF", "pre-defined", "not allowed in this context"}

// parserWord returns the first of parserWords in msg, or "".
func parserWord(msg string) string {
	low := strings.ToLower(msg)
	for _, w := range parserWords {
		if strings.Contains(low, strings.ToLower(w)) {
			return w
		}
	}
	return ""
}

// FuzzSyntaxMessages checks that any text that YAML or TOML cannot read
// gets a message in plain words at a line of the text, and never a panic.
func FuzzSyntaxMessages(f *testing.F) {
	for _, tc := range syntaxCases {
		f.Add(tc.src, tc.format == "toml")
	}
	f.Fuzz(func(t *testing.T, src string, toml bool) {
		if len(src) > 4096 {
			return
		}
		var errs []*posError
		if toml {
			_, errs = parseTOML([]byte(src), 2)
		} else {
			_, errs = parseFrontMatterYAML([]byte(src), 2)
		}
		lines := strings.Count(src, "\n") + 1
		for _, e := range errs {
			if e.line < 2 || e.line > lines+1 || e.col < 1 || e.msg == "" {
				t.Errorf("%q: message at %d:%d, outside the text: %s", src, e.line, e.col, e.msg)
			}
			if w := parserWord(e.msg); w != "" && !strings.Contains(strings.ToLower(src), strings.ToLower(w)) {
				t.Errorf("%q: the message has the parser's word %q: %s", src, w, e.msg)
			}
		}
	})
}
