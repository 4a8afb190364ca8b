package render

import (
	"fmt"
	"html/template"
	"strings"

	"golang.org/x/net/html"

	"buildbook/internal/content"
	"buildbook/internal/paths"
)

// SubmitPage is public/submit/: a form, made from taxonomies.yaml and the
// content contract, that writes a new case study's Markdown file in the
// reader's browser, to copy, download or open as a new file on GitHub.
type SubmitPage struct {
	Layout
	Script         string // the address of submit.js
	MaxSummary     int
	MaxKeyword     int
	Fields         []SubmitField // the case study's fields other than the taxonomies, in the table's order (content.CaseStudyFields)
	Taxonomies     []SubmitTaxonomy
	Sections       []content.Section
	NewFileURL     string // GitHub's new-file page of the book's repository, or ""
	ContributeSlug string // the free page on contributing, "contribute/", or ""
}

// SubmitField is a front-matter field as the form asks for it: its label,
// its hint and whether it is required, from the table of fields.
type SubmitField struct {
	Key      string
	Label    string
	Help     string
	Required bool
}

// Field returns the field of the form named key. The template names each
// field it lays out, and an error stops the build where it names one that
// the table does not have.
func (p *SubmitPage) Field(key string) (SubmitField, error) {
	for _, f := range p.Fields {
		if f.Key == key {
			return f, nil
		}
	}
	return SubmitField{}, fmt.Errorf("the submit form has no field %q", key)
}

// SubmitTaxonomy is one taxonomy of the form, with every term as a choice.
type SubmitTaxonomy struct {
	ID, Title   string
	Description string
	Required    bool
	Multiple    bool
	Terms       []SubmitTerm
}

// SubmitTerm is one choice.
type SubmitTerm struct {
	ID, Label   string
	Description string // plain text: a label holds no paragraphs
}

// plainText is the text of an HTML fragment, its white space collapsed.
func plainText(h template.HTML) string {
	z := html.NewTokenizer(strings.NewReader(string(h)))
	var b strings.Builder
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.TextToken:
			b.Write(z.Text())
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "p", "br", "li", "ul", "ol", "div", "blockquote", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr":
				b.WriteByte(' ')
			}
		}
	}
}

func (r *Renderer) submitPage(m *models) *SubmitPage {
	s := m.in.Site
	p := &SubmitPage{
		Layout:     m.layout("Submit a case study", "A form that writes your case study's file, ready to propose on GitHub.", paths.Submit, "", faceText, faceLabel),
		MaxSummary: content.MaxSummary, MaxKeyword: content.MaxKeyword,
		Sections: content.Sections,
	}
	if b, ok := r.assets[paths.SubmitJS]; ok {
		p.Script = m.site.Root + paths.SubmitJS + "?v=" + digest(b)
	}
	if s.Book.Repository != "" {
		p.NewFileURL = s.Book.Repository + "/new/main"
	}
	for _, pg := range s.Pages {
		if pg.Slug == "contribute" {
			p.ContributeSlug = paths.FreePage(pg.Slug)
		}
	}
	for _, fd := range content.CaseStudyFields(s.Taxonomies) {
		if fd.Kind != content.Terms {
			p.Fields = append(p.Fields, SubmitField{Key: fd.Key, Label: fd.Label, Help: fd.Help, Required: fd.Required})
			continue
		}
		tx := fd.Taxonomy
		st := SubmitTaxonomy{ID: tx.ID, Title: tx.Title, Description: tx.Description, Required: fd.Required, Multiple: fd.Multiple()}
		for _, t := range tx.Terms {
			st.Terms = append(st.Terms, SubmitTerm{ID: t.ID, Label: t.Label(), Description: plainText(m.in.TermDescriptions[t])})
		}
		p.Taxonomies = append(p.Taxonomies, st)
	}
	return p
}
