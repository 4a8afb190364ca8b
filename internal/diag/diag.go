// Package diag holds the positioned messages that every step of buildbook
// reports: errors that fail a run and warnings that do not (unless --strict).
//
// A run collects all of its diagnostics in a List and prints them at the end,
// sorted by file, line and column, in one of three formats: text
// (file:line:col: message), GitHub Actions workflow commands, or JSON.
//
// Messages are text: file names and messages quote what contributors
// wrote, so every format shows control characters, and the Unicode
// characters that reorder a line, escaped (\x1b, \n, \u202e) rather than
// writing them to a terminal or an annotation raw. See Text.
package diag

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Severity says whether a diagnostic fails the run.
type Severity int

const (
	// Error fails the run.
	Error Severity = iota
	// Warning is reported but fails the run only with --strict.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// MarshalJSON writes the severity as "error" or "warning".
func (s Severity) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// Diagnostic is one message about one place in the content.
// Line and Col are 1-based; 0 means the position is not known.
type Diagnostic struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Col      int      `json:"col"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
}

// Pos is a place in a file.
type Pos struct {
	File      string
	Line, Col int
}

// String formats d as text, file:line:col: message, with control
// characters escaped.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(Text(d.File))
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(Text(d.Message))
	return b.String()
}

// List collects diagnostics. It is safe for concurrent use.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
}

// Add appends diagnostics.
func (l *List) Add(ds ...Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, ds...)
	l.mu.Unlock()
}

// Errorf records an error at p.
func (l *List) Errorf(p Pos, format string, args ...any) {
	l.Add(Diagnostic{File: p.File, Line: p.Line, Col: p.Col, Severity: Error, Message: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at p.
func (l *List) Warnf(p Pos, format string, args ...any) {
	l.Add(Diagnostic{File: p.File, Line: p.Line, Col: p.Col, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// Len reports how many diagnostics were recorded.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.items)
}

// HasErrors reports whether any diagnostic is an error, or, when strict is
// set, whether there is any diagnostic at all.
func (l *List) HasErrors(strict bool) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range l.items {
		if d.Severity == Error || strict {
			return true
		}
	}
	return false
}

// Sorted returns the diagnostics sorted by file, line, column, severity and
// message, without duplicates.
func (l *List) Sorted() []Diagnostic {
	l.mu.Lock()
	ds := slices.Clone(l.items)
	l.mu.Unlock()
	slices.SortFunc(ds, compare)
	return slices.Compact(ds)
}

func compare(a, b Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Col, b.Col),
		cmp.Compare(a.Severity, b.Severity),
		cmp.Compare(a.Message, b.Message),
	)
}

// Formats lists the names accepted by Write.
var Formats = []string{"text", "github", "json"}

// Write prints ds in the named format: "text", "github" or "json".
func Write(w io.Writer, format string, ds []Diagnostic) error {
	switch format {
	case "text", "":
		for _, d := range ds {
			if _, err := fmt.Fprintln(w, d.String()); err != nil {
				return err
			}
		}
		return nil
	case "github":
		for _, d := range ds {
			if _, err := fmt.Fprintln(w, githubCommand(d)); err != nil {
				return err
			}
		}
		return nil
	case "json":
		// A program reading the JSON may print the messages as they are.
		out := make([]Diagnostic, len(ds))
		for i, d := range ds {
			d.File, d.Message = Text(d.File), Text(d.Message)
			out[i] = d
		}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	return fmt.Errorf("unknown format %q (use text, github or json)", format)
}

// githubCommand formats d as a GitHub Actions workflow command, which the
// pull-request view shows as an annotation on the file and line.
func githubCommand(d Diagnostic) string {
	var b strings.Builder
	b.WriteString("::")
	b.WriteString(d.Severity.String())
	b.WriteString(" file=")
	b.WriteString(escapeProperty(Text(d.File)))
	if d.Line > 0 {
		fmt.Fprintf(&b, ",line=%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ",col=%d", d.Col)
		}
	}
	b.WriteString(",title=buildbook ")
	b.WriteString(d.Severity.String())
	b.WriteString("::")
	b.WriteString(escapeData(Text(d.Message)))
	return b.String()
}

// escapeData and escapeProperty follow the escaping rules of the Actions
// toolkit (@actions/core, command.ts). They are applied after Text, which
// leaves no raw line break, so that a message cannot end the command and
// start another.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// Text returns s with every character that could change what a terminal or
// an annotation shows written as an escape instead: C0 controls (tab and
// line breaks included) as \t, \n, \r or \x1b, DEL as \x7f, C1 controls,
// the bidirectional marks, embeddings, overrides and isolates (U+061C,
// U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069) and the line and
// paragraph separators (U+2028, U+2029) as \u0085 or \u202e, and bytes that
// are not UTF-8 as \xff. Everything else, backslashes included, is kept.
func Text(s string) string {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unsafeRune(r, n) {
			break
		}
		i += n
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case !unsafeRune(r, n):
			b.WriteString(s[i : i+n])
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == utf8.RuneError: // a byte that is not UTF-8
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		i += n
	}
	return b.String()
}

// unsafeRune reports whether Text escapes the rune r, n bytes long.
func unsafeRune(r rune, n int) bool {
	switch {
	case r == utf8.RuneError && n == 1:
		return true
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r == 0x2028, r == 0x2029:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
