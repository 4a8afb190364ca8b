package render

import (
	"html/template"
	"testing"

	"github.com/google/go-cmp/cmp"
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
