package render

import (
	"html/template"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	xhtml "golang.org/x/net/html"

	"buildbook/internal/hyphen"
)

func TestPrintProse(t *testing.T) {
	hy := hyphen.For("en-GB")
	tests := []struct{ name, in, want string }{{
		name: "prose is hyphenated, code, headings and links are not",
		in:   "<h3>Professional development</h3>\n<p>Professional development in <code>professional</code> and <a href=\"x\">professional</a> &amp; professional.</p>\n<pre><code>professional development\n</code></pre>\n",
		want: "<h3>Professional development</h3>\n<p>Pro-fes-sional de-vel-op-ment in <code>professional</code> and <a href=\"x\">professional</a> &amp; pro-fes-sional.</p>\n<pre><code>professional development\n</code></pre>\n",
	}, {
		name: "a table gets a footer that says it continues, spanning its columns",
		in:   "<table>\n<thead>\n<tr>\n<th>Year</th>\n<th>Pupils</th>\n<th>Notes</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>2021</td>\n<td>120</td>\n<td>x</td>\n</tr>\n</tbody>\n</table>\n",
		want: "<div class=\"table-wrap\"><table>\n<thead>\n<tr>\n<th>Year</th>\n<th>Pupils</th>\n<th>Notes</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>2021</td>\n<td>120</td>\n<td>x</td>\n</tr>\n</tbody>\n<tfoot class=\"table-continues\" aria-hidden=\"true\"><tr><td colspan=\"3\">Table continues</td></tr></tfoot></table></div>\n",
	}, {
		name: "entities and addresses are left whole",
		in:   "<p>&hellip;understanding&rsquo;s www.example.org/understanding &lt;i&gt;</p>",
		want: "<p>…un-der-stand-ing’s www.example.org/understanding &lt;i&gt;</p>",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.ReplaceAll(string(printProse(template.HTML(tt.in), hy, 0, nil)), hyphen.Soft, "-")
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	// In a case study, a picture alone in its paragraph is marked for
	// buildbook pdf to fit it to its page.
	in := "<p>Text.</p>\n<p><img src=\"a.png\" alt=\"\"></p>\n<p>An <img src=\"b.png\" alt=\"\"> inline.</p>\n<p>\n<img src=\"c.png\" alt=\"\"></p>\n"
	want := "<p>Text.</p>\n<div class=\"fig-at\" id=\"fig-2-1\"><a href=\"#fig-2-1\" hidden></a><a href=\"#fig-2-1-img\" hidden></a></div><p class=\"figure\" id=\"fig-2-1-img\"><img src=\"a.png\" alt=\"\"></p>\n<p>An <img src=\"b.png\" alt=\"\"> inline.</p>\n<div class=\"fig-at\" id=\"fig-2-2\"><a href=\"#fig-2-2\" hidden></a><a href=\"#fig-2-2-img\" hidden></a></div><p class=\"figure\" id=\"fig-2-2-img\">\n<img src=\"c.png\" alt=\"\"></p>\n"
	if diff := cmp.Diff(want, string(printProse(template.HTML(in), nil, 2, nil))); diff != "" {
		t.Errorf("figures (-want +got):\n%s", diff)
	}
	// A numbered figure keeps its own id: the marker goes before it and
	// the id for buildbook pdf on a wrapper, closed after it. Its
	// caption is not hyphenated.
	in = "<p>Text.</p>\n<figure id=\"s--figure-1\"><img src=\"a.png\" alt=\"A\"><figcaption><span class=\"figure-label\">Figure 3.1.</span> Professional development</figcaption></figure>\n<p>Professional</p>\n"
	want = "<p>Text.</p>\n<div class=\"fig-at\" id=\"fig-3-1\"><a href=\"#fig-3-1\" hidden></a><a href=\"#fig-3-1-img\" hidden></a></div><div class=\"figure\" id=\"fig-3-1-img\"><figure id=\"s--figure-1\"><img src=\"a.png\" alt=\"A\"><figcaption><span class=\"figure-label\">Figure 3.1.</span> Professional development</figcaption></figure></div>\n<p>Pro-fes-sional</p>\n"
	if diff := cmp.Diff(want, strings.ReplaceAll(string(printProse(template.HTML(in), hy, 3, nil)), hyphen.Soft, "-")); diff != "" {
		t.Errorf("numbered figure (-want +got):\n%s", diff)
	}
	// Without a hyphenator (a language without patterns), only tables change.
	if got := printProse("<p>Professional development</p>", nil, 0, nil); got != "<p>Professional development</p>" {
		t.Errorf("without patterns: %s", got)
	}
}

func TestRunningHead(t *testing.T) {
	for _, tt := range []struct{ title, want string }{
		{"Values into practice: making three words mean something", "Values into practice"},
		{"Coaching triads", "Coaching triads"},
		{"One school, four to eighteen, and a very long title that goes on past the width of a running head", "One school, four to eighteen, and a very long title that…"},
	} {
		if got := runningHead(tt.title); got != tt.want {
			t.Errorf("runningHead(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

// TestTagName checks that tagName gives each tag's name as the
// tokenizer's TagName does.
func TestTagName(t *testing.T) {
	const doc = `<p>a<a href="x" class="external">b</a><H2 ID="y">c</H2><h3>d</h3 ><br/><img src="z" /><x-y>e</x-y>` +
		"<td\tclass=a>f</td>\n<abbr\ntitle=\"g\">h</abbr><sup>1</sup><A HREF=\"u\">i</A><svg><path d=\"\"/></svg><p\x00x>j</p\x00x><!-- k --></p>"
	mine := xhtml.NewTokenizer(strings.NewReader(doc))
	theirs := xhtml.NewTokenizer(strings.NewReader(doc))
	n := 0
	for {
		tt := mine.Next()
		if theirs.Next() != tt || tt == xhtml.ErrorToken {
			break
		}
		if tt != xhtml.StartTagToken && tt != xhtml.EndTagToken && tt != xhtml.SelfClosingTagToken {
			continue
		}
		n++
		raw := string(mine.Raw())
		got := string(tagName(mine, mine.Raw()))
		want, _ := theirs.TagName()
		if got != string(want) {
			t.Errorf("%q: tagName %q, TagName %q", raw, got, want)
		}
		// The attributes are still there to read.
		k, _, _ := mine.TagAttr()
		wk, _, _ := theirs.TagAttr()
		if string(k) != string(wk) {
			t.Errorf("%q: first attribute %q after tagName, %q after TagName", raw, k, wk)
		}
	}
	if n != 25 {
		t.Errorf("%d tags, want 25", n)
	}
}
