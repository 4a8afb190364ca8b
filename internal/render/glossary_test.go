package render

import (
	"html/template"
	"testing"
)

// TestDefinitionText checks that a glossary's definition keeps a term
// description's words, and leaves out its footnotes: the marks in the
// text and the notes after it, whose ids the part that prints the same
// description has already.
func TestDefinitionText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"<p>A rich <em>curriculum</em>.</p>\n<p>Second &amp; last.</p>", "A rich curriculum. Second & last."},
		{`<p>Leaders who coach.<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup> More.</p>` + "\n" +
			`<div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><p>A note.<a href="#fnref:1" class="footnote-backref">↩︎</a></p></li></ol></div>`, "Leaders who coach. More."},
		{`<div class="footnotes"><hr><ol><li>x</li></ol></div><p>After.</p>`, "After."},
		{"", ""},
	} {
		if got := definitionText(template.HTML(tc.in)); got != tc.want {
			t.Errorf("definitionText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
