package render

import (
	"html/template"
	"testing"

	"github.com/google/go-cmp/cmp"

	"buildbook/internal/hyphen"
)

func TestLinkNotes(t *testing.T) {
	layout := &BookLayout{Pages: map[string]int{"cs-alpha": 17}, Refs: map[string]int{"beta--results": 23}}
	for _, tc := range []struct {
		name, in, want string
		layout         *BookLayout
	}{
		{
			name:   "external",
			in:     `<p>See <a href="https://eef.org.uk/x?a=1&amp;b=2" class="external" rel="noopener noreferrer">the toolkit</a> and <a href="https://b.example/" class="external" rel="noopener noreferrer">another</a>.</p>`,
			want:   `<p>See <a href="https://eef.org.uk/x?a=1&amp;b=2" class="external" rel="noopener noreferrer">the toolkit</a><sup class="link-note">1</sup> and <a href="https://b.example/" class="external" rel="noopener noreferrer">another</a><sup class="link-note">2</sup>.</p><div class="link-notes"><p class="link-notes-title">Links</p><ol><li><span class="link-address">https://eef.org.uk/x?a=1&amp;b=2</span></li><li><span class="link-address">https://b.example/</span></li></ol></div>`,
			layout: layout,
		},
		{
			name:   "its own address",
			in:     `<p><a href="https://a.example/" class="external url" rel="noopener noreferrer">https://a.example/</a></p>`,
			want:   `<p><a href="https://a.example/" class="external url" rel="noopener noreferrer">https://a.example/</a></p>`,
			layout: layout,
		},
		{
			name:   "a case study outside the book",
			in:     `<p><a class="external site" href="https://example.org/lst/case-studies/gamma/">Gamma</a></p>`,
			want:   `<p><a class="external site" href="https://example.org/lst/case-studies/gamma/">Gamma</a><sup class="link-note">1</sup></p><div class="link-notes"><p class="link-notes-title">Links</p><ol><li><span class="link-address">example.org/lst/case-studies/gamma</span></li></ol></div>`,
			layout: layout,
		},
		{
			name:   "cross-references",
			in:     `<p><a class="xref" href="#cs-alpha">Alpha</a>, <a class="xref" href="#beta--results">results</a>, <a class="xref" href="#gone">gone</a></p>`,
			want:   "<p><a class=\"xref\" href=\"#cs-alpha\">Alpha</a><span class=\"xref-page\">\u00a0(page\u00a017)</span>, <a class=\"xref\" href=\"#beta--results\">results</a><span class=\"xref-page\">\u00a0(page\u00a023)</span>, <a class=\"xref\" href=\"#gone\">gone</a><span class=\"xref-page\">\u00a0(page\u00a000)</span></p>",
			layout: layout,
		},
		{
			name: "pages not known",
			in:   `<p><a class="xref" href="#cs-alpha">Alpha</a></p>`,
			want: `<p><a class="xref" href="#cs-alpha">Alpha</a></p>`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := linkNotes(template.HTML(tc.in), tc.layout.pageOf)
			if d := cmp.Diff(tc.want, string(got)); d != "" {
				t.Errorf("linkNotes (-want +got):\n%s", d)
			}
		})
	}
}

// TestPrintProseNotes checks that printProse, given pages, writes what
// linkNotes writes after it: the book's chapters are read once for both.
func TestPrintProseNotes(t *testing.T) {
	layout := &BookLayout{Pages: map[string]int{"cs-alpha": 17}, Refs: map[string]int{"beta--results": 23}}
	hy := hyphen.For("en-GB")
	for _, in := range printNotesCases {
		for _, l := range []*BookLayout{nil, layout} {
			for _, chapter := range []int{0, 4} {
				want := linkNotes(printProse(template.HTML(in), hy, chapter, nil), l.pageOf)
				got := printProse(template.HTML(in), hy, chapter, l.pageOf)
				if d := cmp.Diff(string(want), string(got)); d != "" {
					t.Errorf("printProse of %q (-in two passes +in one):\n%s", in, d)
				}
			}
		}
	}
}

var printNotesCases = []string{
	"",
	"<p>Professional development, no links.</p>",
	`<p>See <a href="https://eef.org.uk/x?a=1&amp;b=2" class="external" rel="noopener noreferrer">the professional toolkit</a> and <a href="https://b.example/" class="external" rel="noopener noreferrer">another</a> professional.</p>`,
	`<p><a href="https://a.example/" class="external url" rel="noopener noreferrer">https://a.example/</a></p>`,
	`<p><a class="external site" href="https://example.org/lst/case-studies/gamma/">Gamma</a></p>`,
	`<p><a class="xref" href="#cs-alpha">Alpha</a>, <a class="xref" href="#beta--results">results</a>, <a class="xref" href="#gone">gone</a></p>`,
	"<p>Text.</p>\n<p><img src=\"a.png\" alt=\"\"></p>\n<p><a class=\"external\" href=\"https://x.example/\">x</a><img src=\"b.png\" alt=\"\"></p>\n",
	"<figure id=\"s--figure-1\"><img src=\"a.png\" alt=\"A\"><figcaption>Professional <a class=\"external\" href=\"https://f.example/\">source</a></figcaption></figure>\n",
	"<table><tr><th><a class=\"xref\" href=\"#cs-alpha\">A</a></th></tr><tr><td><a class=\"external\" href=\"https://t.example/\">t</a></td></tr></table>",
	"<p><a class=\"external\" href=\"https://o.example/\">outer <a class=\"xref\" href=\"#cs-alpha\">inner</a> development</a></p></a><a/>",
	"<p><A CLASS=\"external\" HREF=\"https://u.example/\">upper</A> <a class='external' href=https://q.example/>quotes</a></p>",
	"<p>A &lt;a class=&quot;external&quot;&gt; in text</p><pre><code>&lt;a href=x&gt;</code></pre>",
}

// FuzzPrintProseNotes is TestPrintProseNotes on any HTML.
func FuzzPrintProseNotes(f *testing.F) {
	for _, in := range printNotesCases {
		f.Add(in, 3)
	}
	layout := &BookLayout{Pages: map[string]int{"cs-alpha": 17}, Refs: map[string]int{}}
	hy := hyphen.For("en-GB")
	f.Fuzz(func(t *testing.T, in string, chapter int) {
		want := linkNotes(printProse(template.HTML(in), hy, chapter, nil), layout.pageOf)
		got := printProse(template.HTML(in), hy, chapter, layout.pageOf)
		if want != got {
			t.Errorf("printProse of %q:\n%q in two passes,\n%q in one", in, want, got)
		}
	})
}
