package diag

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWriteSummary(t *testing.T) {
	ds := []Diagnostic{
		{File: "content/a_b.md", Line: 3, Col: 1, Severity: Error, Message: "x | y `z` <script>&amp; [l](u) *e* $m$ \\ ~s~ #h !i"},
		{File: "content/c.md", Line: 0, Severity: Warning, Message: "two\nlines\x1b[31m\u202e"},
	}
	var b strings.Builder
	if err := WriteSummary(&b, "buildbook check", ds, SummaryLimit); err != nil {
		t.Fatal(err)
	}
	want := "## buildbook check\n\n**1 error and 1 warning** in 2 files. The pull-request check passes when there are none.\n\n" +
		"| File | Line | Kind | Problem |\n| --- | --: | --- | --- |\n" +
		"| content/a\\_b.md | 3 | error | x \\| y \\`z\\` &lt;script&gt;&amp;amp; \\[l\\](u) \\*e\\* \\$m\\$ \\\\ \\~s\\~ \\#h \\!i |\n" +
		"| content/c.md |  | warning | two\\\\nlines\\\\x1b\\[31m\\\\u202e |\n\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
}

func TestWriteSummaryLimit(t *testing.T) {
	var ds []Diagnostic
	for i := range 1000 {
		ds = append(ds, Diagnostic{File: "content/a.md", Line: i + 1, Severity: Error, Message: strings.Repeat("m", 100)})
	}
	var b strings.Builder
	if err := WriteSummary(&b, "buildbook check", ds, 20_000); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if len(out) > 20_000 {
		t.Errorf("summary of %d bytes, over the limit of 20,000", len(out))
	}
	rows := strings.Count(out, "| content/a.md |")
	if rows < 100 || !strings.Contains(out, fmt.Sprintf("%d problems more not shown here", 1000-rows)) {
		t.Errorf("%d rows, and no count of the rest:\n%s", rows, out[len(out)-300:])
	}
}
