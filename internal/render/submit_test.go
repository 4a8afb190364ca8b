package render

import (
	"bytes"
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"buildbook/internal/content"
	"buildbook/internal/paths"
	"buildbook/templates"
)

// submitLeftOut are the fields of a case study that the submit form does
// not ask for, and why.
var submitLeftOut = map[string]string{
	"image": "the form makes one file, and a picture would be a second",
	"draft": "a case study submitted is for the editors to publish",
	"slug":  "the file is named after the title, and the slug is the file name",
}

// TestSubmitFields checks that the submit form asks for every field of the
// table of fields but those it leaves out on purpose, each with the table's
// label, hint and required mark, and every taxonomy, required as the table
// says.
func TestSubmitFields(t *testing.T) {
	in := browseSite(3)
	in.Site.Taxonomies[1].Required = true
	r, err := New(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.execute(&b, "submit.html", r.submitPage(r.newModels(in))); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(&b)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*html.Node{}
	labels := map[string]*html.Node{} // by the id they are for
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if id := submitAttr(n, "id"); id != "" {
			byID[id] = n
		}
		if n.Data == "label" && submitAttr(n, "for") != "" {
			labels[submitAttr(n, "for")] = n
		}
	}

	for _, fd := range content.CaseStudyFields(in.Site.Taxonomies) {
		if fd.Kind == content.Terms {
			fs := byID["f-tx-"+fd.Key]
			switch {
			case fs == nil:
				t.Errorf("the form has no choices for the taxonomy %q", fd.Key)
			case submitHasAttr(fs, "data-required") != fd.Required:
				t.Errorf("the taxonomy %q: data-required is %v, want %v", fd.Key, submitHasAttr(fs, "data-required"), fd.Required)
			case submitHasAttr(fs, "data-multiple") != fd.Multiple():
				t.Errorf("the taxonomy %q: data-multiple is %v, want %v", fd.Key, submitHasAttr(fs, "data-multiple"), fd.Multiple())
			}
			continue
		}
		id := "f-" + fd.Key
		field := byID[id]
		if why, ok := submitLeftOut[fd.Key]; ok {
			if field != nil {
				t.Errorf("the form asks for %q, which it leaves out because %s: take it out of submitLeftOut", fd.Key, why)
			}
			continue
		}
		if field == nil {
			t.Errorf("the form does not ask for the field %q: add it to templates/submit.html and assets/submit.js, or to submitLeftOut with the reason", fd.Key)
			continue
		}
		label := labels[id]
		if field.Data == "fieldset" {
			for c := range field.ChildNodes() {
				if c.Type == html.ElementNode && c.Data == "legend" {
					label = c
				}
			}
		}
		if label == nil {
			t.Errorf("the field %q has no label", fd.Key)
			continue
		}
		text := strings.Join(strings.Fields(submitText(label)), " ")
		want := fd.Label
		if fd.Required {
			want += " required"
		}
		if text != want {
			t.Errorf("the field %q is labelled %q, want %q", fd.Key, text, want)
		}
		hint := byID[id+"-hint"]
		if hint == nil || !strings.HasPrefix(submitText(hint), fd.Help) {
			t.Errorf("the field %q has no hint that starts with its help %q", fd.Key, fd.Help)
		}
	}
}

// TestSubmitScriptFields checks that submit.js writes the fields of the
// form in the order of the table of fields, each taxonomy in the place of
// the taxonomies' slot, and no field that the table does not have.
func TestSubmitScriptFields(t *testing.T) {
	js, err := fs.ReadFile(templates.FS, paths.SubmitJS)
	if err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, fd := range content.CaseStudyFields([]*content.Taxonomy{{ID: "phase", Title: "Phase"}}) {
		switch {
		case fd.Kind == content.Terms:
			want = append(want, "(taxonomies)")
		case submitLeftOut[fd.Key] == "":
			want = append(want, fd.Key)
		}
	}
	// The lines the script writes: "title: " + ..., lines.push("authors:"),
	// and t.id + ": " for each taxonomy.
	for _, m := range regexp.MustCompile(`"([a-z][a-z_-]*): ?[\["]|t\.id \+ ": "`).FindAllStringSubmatch(string(js), -1) {
		k := m[1]
		if k == "" {
			k = "(taxonomies)"
		}
		got = append(got, k)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the fields submit.js writes (-table +script):\n%s", diff)
	}
}

func submitAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func submitHasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func submitText(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}
