package render

import (
	"html/template"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"buildbook/internal/content"
)

// metaLoop is how a template writes ShareTags one by one, as base.html
// did before ShareMeta: ShareMeta must write the same.
var metaLoop = template.Must(template.New("").Parse(`{{range .ShareTags}}<meta {{if .Property}}property{{else}}name{{end}}="{{.Key}}" content="{{.Value}}">
{{end}}`))

// hostile are strings that escaping must get right.
var hostile = []string{
	"", "plain", `"><script>alert(1)</script>`, `a'b"c`, "x+y=z & <b>", "\x00nul", "caf\u00e9 \u00a0\ufffd",
	"bad \xe2\x28\xa1 utf-8 <", "&amp; already", "`backtick`", "\ufdd0\uffff",
}

// TestWriteAttr holds writeAttr to html/template's escaping of an
// attribute's value.
func TestWriteAttr(t *testing.T) {
	attr := template.Must(template.New("").Parse(`<meta content="{{.}}">`))
	for _, s := range hostile {
		var want strings.Builder
		if err := attr.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		var got strings.Builder
		got.WriteString(`<meta content="`)
		writeAttr(&got, s)
		got.WriteString(`">`)
		if got.String() != want.String() {
			t.Errorf("writeAttr(%q) = %q, html/template writes %q", s, got.String(), want.String())
		}
	}
}

// FuzzWriteAttr is TestWriteAttr on any string.
func FuzzWriteAttr(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	attr := template.Must(template.New("").Parse(`<meta content="{{.}}">`))
	f.Fuzz(func(t *testing.T, s string) {
		var want, got strings.Builder
		if err := attr.Execute(&want, s); err != nil {
			t.Skip()
		}
		got.WriteString(`<meta content="`)
		writeAttr(&got, s)
		got.WriteString(`">`)
		if got.String() != want.String() {
			t.Errorf("writeAttr(%q) = %q, html/template writes %q", s, got.String(), want.String())
		}
	})
}

// TestShareMeta checks that ShareMeta writes what a template's loop over
// ShareTags writes, on pages with and without an article, whose every
// text is hostile.
func TestShareMeta(t *testing.T) {
	for _, s := range hostile {
		site := &Site{Title: "T" + s, Subtitle: s, Description: s, Publisher: s, Language: "en-GB" + s, BaseURL: "https://example.org" + s, Root: "/", Card: ShareImage{URL: "/card.png" + s, Width: 1200, Height: 630, Type: "image/png", Alt: s}}
		layouts := []*Layout{
			{Site: site},
			{Site: site, Title: s, Description: s, Path: "p/" + s},
			{Site: site, Title: "Case " + s, Path: "case-studies/x/", Image: ShareImage{URL: "/i.jpg" + s, Width: 500, Height: 300, Type: "image/jpeg"},
				Article: &Article{Title: s, Summary: s, Authors: []content.Author{{Name: s}, {Name: "B" + s}}, Date: Date{ISO: "2024-01-02"}, Keywords: []string{s, "k" + s}}},
		}
		for _, l := range layouts {
			var want strings.Builder
			if err := metaLoop.Execute(&want, l); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want.String(), string(l.ShareMeta())); diff != "" {
				t.Errorf("ShareMeta of %q differs from the template's loop (-loop +ShareMeta):\n%s", s, diff)
			}
		}
	}
}
