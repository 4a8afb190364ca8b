package diag

import (
	"fmt"
	"io"
	"strings"
)

// SummaryLimit is the most bytes WriteSummary writes: GitHub shows a job
// summary of up to 1 MiB per step, and the rest of the step's summary
// needs room too.
const SummaryLimit = 512 << 10

// WriteSummary writes ds as a Markdown section for a GitHub Actions job
// summary ($GITHUB_STEP_SUMMARY): a heading, the counts, and a table of
// every diagnostic, in the order given, with its file, line, severity and
// message. GitHub shows at most ten annotations of each kind per step;
// the summary shows them all, up to limit bytes, and then says how many
// it left out. Every cell is text (see Text) with Markdown's special
// characters escaped, so that nothing a contributor wrote is read as
// Markdown or HTML.
func WriteSummary(w io.Writer, title string, ds []Diagnostic, limit int) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n", markdownCell(title))
	errs, warns := 0, 0
	files := map[string]bool{}
	for _, d := range ds {
		files[d.File] = true
		if d.Severity == Error {
			errs++
		} else {
			warns++
		}
	}
	if len(ds) == 0 {
		b.WriteString("No errors and no warnings.\n\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintf(&b, "**%s and %s** in %s. The pull-request check passes when there are none.\n\n",
		count(errs, "error", "errors"), count(warns, "warning", "warnings"), count(len(files), "file", "files"))
	b.WriteString("| File | Line | Kind | Problem |\n| --- | --: | --- | --- |\n")
	for i, d := range ds {
		line := ""
		if d.Line > 0 {
			line = fmt.Sprint(d.Line)
		}
		row := fmt.Sprintf("| %s | %s | %s | %s |\n", markdownCell(d.File), line, d.Severity, markdownCell(d.Message))
		if b.Len()+len(row) > limit-200 {
			fmt.Fprintf(&b, "\n%s more not shown here: run buildbook check on the content to see them all.\n", count(len(ds)-i, "problem", "problems"))
			break
		}
		b.WriteString(row)
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// markdownEscaper escapes the characters that Markdown or a table would
// read: backslash escapes for Markdown's punctuation, entities for what
// HTML would read.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "|", `\|`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"~", `\~`, "$", `\$`, "#", `\#`, "!", `\!`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;",
)

// markdownCell is s as text in a Markdown table cell: control characters
// escaped by Text (no line break is left to end the row), then Markdown's.
func markdownCell(s string) string {
	return markdownEscaper.Replace(Text(s))
}

// MarkdownCell is s as plain text in Markdown, as in a table cell of a
// job summary: nothing in it is read as Markdown or HTML, and no line
// break is left to end the row.
func MarkdownCell(s string) string { return markdownCell(s) }
