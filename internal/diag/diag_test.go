package diag

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func sample() *List {
	var l List
	l.Warnf(Pos{File: "content/case-studies/b.md", Line: 3, Col: 1}, "raw HTML <b> is not published")
	l.Errorf(Pos{File: "content/case-studies/b.md", Line: 12, Col: 5}, "link to %q: it does not exist", "x.md")
	l.Errorf(Pos{File: "content/case-studies/a.md", Line: 7, Col: 12}, `unknown pillar "curiculum" (did you mean "curriculum"?)`)
	l.Errorf(Pos{File: "content/case-studies/b.md", Line: 3, Col: 1}, "second message, same place")
	l.Errorf(Pos{File: "content/book.yaml"}, "book.yaml is missing")
	l.Errorf(Pos{File: "content/case-studies/a.md", Line: 7, Col: 12}, `unknown pillar "curiculum" (did you mean "curriculum"?)`) // a duplicate
	return &l
}

func TestWrite(t *testing.T) {
	tests := []struct {
		format string
		want   string
	}{
		{"text", `content/book.yaml: book.yaml is missing
content/case-studies/a.md:7:12: unknown pillar "curiculum" (did you mean "curriculum"?)
content/case-studies/b.md:3:1: second message, same place
content/case-studies/b.md:3:1: warning: raw HTML <b> is not published
content/case-studies/b.md:12:5: link to "x.md": it does not exist
`},
		{"github", `::error file=content/book.yaml,title=buildbook error::book.yaml is missing
::error file=content/case-studies/a.md,line=7,col=12,title=buildbook error::unknown pillar "curiculum" (did you mean "curriculum"?)
::error file=content/case-studies/b.md,line=3,col=1,title=buildbook error::second message, same place
::warning file=content/case-studies/b.md,line=3,col=1,title=buildbook warning::raw HTML <b> is not published
::error file=content/case-studies/b.md,line=12,col=5,title=buildbook error::link to "x.md": it does not exist
`},
		{"json", `[
  {
    "file": "content/book.yaml",
    "line": 0,
    "col": 0,
    "severity": "error",
    "message": "book.yaml is missing"
  },
  {
    "file": "content/case-studies/a.md",
    "line": 7,
    "col": 12,
    "severity": "error",
    "message": "unknown pillar \"curiculum\" (did you mean \"curriculum\"?)"
  },
  {
    "file": "content/case-studies/b.md",
    "line": 3,
    "col": 1,
    "severity": "error",
    "message": "second message, same place"
  },
  {
    "file": "content/case-studies/b.md",
    "line": 3,
    "col": 1,
    "severity": "warning",
    "message": "raw HTML <b> is not published"
  },
  {
    "file": "content/case-studies/b.md",
    "line": 12,
    "col": 5,
    "severity": "error",
    "message": "link to \"x.md\": it does not exist"
  }
]
`},
	}
	for _, tc := range tests {
		t.Run(tc.format, func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, tc.format, sample().Sorted()); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, b.String()); diff != "" {
				t.Errorf("output (-want +got):\n%s", diff)
			}
		})
	}
}

// TestJSONRoundTrip checks that the JSON output reads back as the same
// diagnostics (their text escaped), and that no diagnostics give an empty
// array, not null.
func TestJSONRoundTrip(t *testing.T) {
	ds := sample().Sorted()
	var b bytes.Buffer
	if err := Write(&b, "json", ds); err != nil {
		t.Fatal(err)
	}
	var back []struct {
		File     string `json:"file"`
		Line     int    `json:"line"`
		Col      int    `json:"col"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
	}
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if len(back) != len(ds) {
		t.Fatalf("read back %d diagnostics, want %d", len(back), len(ds))
	}
	for i, d := range ds {
		if back[i].File != Text(d.File) || back[i].Line != d.Line || back[i].Col != d.Col || back[i].Severity != d.Severity.String() || back[i].Message != Text(d.Message) {
			t.Errorf("item %d: %+v, want %+v", i, back[i], d)
		}
	}
	b.Reset()
	if err := Write(&b, "json", nil); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != "[]\n" {
		t.Errorf("no diagnostics in JSON: %q, want []", got)
	}
}

// TestGitHubEscaping checks the escaping that keeps a message or a file
// name from breaking the workflow command.
func TestGitHubEscaping(t *testing.T) {
	d := Diagnostic{File: "content/a,b:c%.md", Line: 2, Col: 3, Message: "50% done: a, b", Severity: Warning}
	want := "::warning file=content/a%2Cb%3Ac%25.md,line=2,col=3,title=buildbook warning::50%25 done: a, b"
	if got := githubCommand(d); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestUnknownFormat(t *testing.T) {
	if err := Write(&bytes.Buffer{}, "xml", nil); err == nil {
		t.Error("Write accepted format xml")
	}
}

func TestHasErrors(t *testing.T) {
	var l List
	if l.HasErrors(false) || l.HasErrors(true) {
		t.Error("an empty list has errors")
	}
	l.Warnf(Pos{File: "a"}, "w")
	if l.HasErrors(false) {
		t.Error("a warning fails a run without --strict")
	}
	if !l.HasErrors(true) {
		t.Error("a warning does not fail a run with --strict")
	}
	l.Errorf(Pos{File: "a"}, "e")
	if !l.HasErrors(false) {
		t.Error("an error does not fail a run")
	}
}

func TestText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain text, with “quotes”, é, 中文 and \\ kept", "plain text, with “quotes”, é, 中文 and \\ kept"},
		{"tab\there", `tab\there`},
		{"line\nbreak\r\n", `line\nbreak\r\n`},
		{"\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"\x1b]8;;https://evil.example\x07link\x1b]8;;\x07", `\x1b]8;;https://evil.example\x07link\x1b]8;;\x07`},
		{"nul\x00 bell\a bs\b del\x7f", `nul\x00 bell\x07 bs\x08 del\x7f`},
		{"c1 \u0085 \u009b csi", `c1 \u0085 \u009b csi`},
		{"rlo \u202eevil\u202c", `rlo \u202eevil\u202c`},
		{"\u202a\u202b\u202d \u2066\u2067\u2068\u2069", `\u202a\u202b\u202d \u2066\u2067\u2068\u2069`},
		{"marks \u200e\u200f\u061c, separators \u2028\u2029", `marks \u200e\u200f\u061c, separators \u2028\u2029`},
		{"not utf-8 \xff\xc3(", `not utf-8 \xff\xc3(`},
		{"a real replacement character \ufffd stays", "a real replacement character \ufffd stays"},
		{"zero width joiner \u200d and nbsp \u00a0 stay", "zero width joiner \u200d and nbsp \u00a0 stay"},
	}
	for _, tc := range tests {
		if got := Text(tc.in); got != tc.want {
			t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// hostile is a diagnostic whose file name and message carry what a
// contributor could write: terminal escapes, line breaks that would start
// a new annotation, bidirectional overrides, and GitHub's own specials.
var hostile = Diagnostic{
	File:     "content/case-studies/a\x1b[2J,b:c%\u202e.md",
	Line:     4,
	Col:      2,
	Severity: Error,
	Message:  "unknown pillar \"x\x1b[31m\" (50%)\n::error file=x.md::forged\r\tend\u2066\x7f\u009b",
}

func TestWriteEscapes(t *testing.T) {
	tests := []struct {
		format string
		want   string
	}{
		{"text", `content/case-studies/a\x1b[2J,b:c%\u202e.md:4:2: unknown pillar "x\x1b[31m" (50%)\n::error file=x.md::forged\r\tend\u2066\x7f\u009b
`},
		{"github", `::error file=content/case-studies/a\x1b[2J%2Cb%3Ac%25\u202e.md,line=4,col=2,title=buildbook error::unknown pillar "x\x1b[31m" (50%25)\n::error file=x.md::forged\r\tend\u2066\x7f\u009b
`},
		{"json", `[
  {
    "file": "content/case-studies/a\\x1b[2J,b:c%\\u202e.md",
    "line": 4,
    "col": 2,
    "severity": "error",
    "message": "unknown pillar \"x\\x1b[31m\" (50%)\\n::error file=x.md::forged\\r\\tend\\u2066\\x7f\\u009b"
  }
]
`},
	}
	for _, tc := range tests {
		t.Run(tc.format, func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, tc.format, []Diagnostic{hostile}); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, b.String()); diff != "" {
				t.Errorf("output (-want +got):\n%s", diff)
			}
			// Whatever the exact text, the output has one line per
			// diagnostic (JSON: per field) and nothing that Text escapes.
			for i, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
				if Text(line) != line {
					t.Errorf("line %d is not safe text: %q", i+1, line)
				}
			}
			if tc.format != "json" && strings.Count(b.String(), "\n") != 1 {
				t.Errorf("one diagnostic printed as %d lines", strings.Count(b.String(), "\n"))
			}
		})
	}
	if got, want := hostile.String(), strings.TrimSuffix(tests[0].want, "\n"); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
