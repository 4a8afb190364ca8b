package browsertest

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"golang.org/x/tools/txtar"

	"buildbook/internal/build"
	"buildbook/internal/content"
	"buildbook/internal/diag"
)

// TestSubmitForm fills in the submit form in Chromium, as a teacher would,
// on the sample book and on the unseen site (other taxonomies, a
// single-valued one, a repository), and checks that the file it makes
// passes check --strict with no error and no warning, and that the GitHub
// link carries it.
func TestSubmitForm(t *testing.T) {
	for _, tc := range []struct {
		name    string
		site    func(*testing.T) *site
		content func(*testing.T) string
		repo    string
	}{
		{"sample", sample, func(t *testing.T) string { return copyDir(t, filepath.Join(repo, "content")) }, ""},
		{"unseen", unseen, func(t *testing.T) string { return copyDir(t, filepath.Join(packageDir, "unseen-content")) }, "https://github.com/example/leading-schools"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.site(t)
			ctx := browser(t, 1280, 900)
			navigate(t, ctx, s.url+"submit/")

			// An empty form: a summary of problems, each linked to its field.
			do(t, ctx, chromedp.Click(chromedp.CSS(`#submit-form button[type=submit]`)))
			waitFor(t, ctx, `!document.getElementById("submit-errors").hidden`)
			problems := eval[[]string](t, ctx, `[...document.querySelectorAll("#submit-errors a")].map(a => a.getAttribute("href"))`)
			for _, want := range []string{"#f-title", "#f-school", "#f-authors", "#f-summary", "#f-tx-pillars", "#f-tx-capitals", "#f-section-0", "#f-section-3"} {
				if !contains(problems, want) {
					t.Errorf("an empty form gives no problem at %s (got %v)", want, problems)
				}
			}
			if eval[bool](t, ctx, `document.activeElement.id === "submit-errors"`) == false {
				t.Error("the summary of problems does not take the focus")
			}

			// A summary too long says how much to cut.
			do(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-summary"), strings.Repeat("word ", 82)))
			if got := eval[string](t, ctx, `document.getElementById("f-summary-count").textContent`); got != "9 characters too many: cut 9" {
				t.Errorf("summary count: %q", got)
			}
			setValue(t, ctx, "#f-summary", "")

			title := "The “talking” garden: oracy in Year 1"
			fill := map[string]string{
				"#f-title":     title,
				"#f-school":    "École Ōtautahi",
				"#f-partners":  "Lister Community School\nØresund Academy",
				"#f-region":    "Newham",
				"#f-cohort":    "2023-24",
				"#f-summary":   "Every class now talks before it writes: the nursery's garden became a place for talk, and writing in Year 1 improved.",
				"#f-keywords":  "oracy, early writing, Oracy",
				"#f-section-0": "We are a two-form entry primary school.\n\nChildren arrived with little spoken vocabulary.",
				"#f-section-1": "### Talk partners\n\n- Every lesson starts with two minutes of talk\n- Staff model full sentences\n\nWe spent **£400** on the garden.",
				"#f-section-2": "Writing at the expected standard rose from 61% to 78%.",
				"#f-section-3": "Start with the adults: they need to model talk first.",
			}
			for sel, v := range fill {
				setValue(t, ctx, sel, v)
			}
			setValue(t, ctx, `.author:nth-child(1) [name=author-name]`, "Jane Example")
			setValue(t, ctx, `.author:nth-child(1) [name=author-role]`, "Head of Early Years")
			do(t, ctx, chromedp.Click(chromedp.CSS("#add-author")))
			setValue(t, ctx, `.author:nth-child(2) [name=author-name]`, "Tom Example")
			// The first term of every taxonomy, and the second of those
			// that take several.
			eval[bool](t, ctx, `[...document.querySelectorAll("fieldset[data-taxonomy]")].forEach(fs => {
				const inputs = [...fs.querySelectorAll("input")].filter(i => i.value);
				inputs[0].click();
				if (fs.hasAttribute("data-multiple") && inputs[1]) inputs[1].click();
			}) || true`)
			do(t, ctx, chromedp.Click(chromedp.CSS(`#submit-form button[type=submit]`)))
			waitFor(t, ctx, `!document.getElementById("submit-result").hidden`)
			if msgs := eval[[]string](t, ctx, `[...document.querySelectorAll("#submit-errors:not([hidden]) a")].map(a => a.textContent)`); len(msgs) > 0 {
				t.Fatalf("the filled form has problems: %v", msgs)
			}
			text := eval[string](t, ctx, `document.getElementById("submit-output").value`)
			name := eval[string](t, ctx, `document.getElementById("submit-filename").textContent`)
			if want := content.Slugify(title) + ".md"; name != want {
				t.Errorf("file name %q, want %q", name, want)
			}

			// The file passes check --strict: no error and no warning.
			dir := tc.content(t)
			p := filepath.Join(dir, "case-studies", name)
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			var diags diag.List
			if _, err := build.Compile(build.Options{Content: dir}, &diags); err != nil {
				t.Fatal(err)
			}
			for _, d := range diags.Sorted() {
				if strings.HasSuffix(filepath.ToSlash(d.File), "case-studies/"+name) {
					t.Errorf("the form's file: %s", d)
				}
			}
			site := content.Load(os.DirFS(dir), content.Options{}, &diag.List{})
			var made *content.CaseStudy
			for _, c := range site.CaseStudies {
				if c.File == "case-studies/"+name {
					made = c
				}
			}
			if made == nil {
				t.Fatalf("the form's file is not a case study:\n%s", text)
			}
			if made.Title != title || made.School != "École Ōtautahi" || len(made.Authors) != 2 || made.Authors[0].Role != "Head of Early Years" || len(made.Partners) != 2 || strings.Join(made.Keywords, "|") != "oracy|early writing" {
				t.Errorf("the form's file reads back wrong: %+v\n%s", made, text)
			}

			// The GitHub link opens the new file with the text filled in.
			href := eval[string](t, ctx, `(document.getElementById("submit-github") || {}).href || ""`)
			if tc.repo == "" {
				if href != "" {
					t.Errorf("a book without a repository links to GitHub: %s", href)
				}
				return
			}
			u, err := url.Parse(href)
			if err != nil {
				t.Fatal(err)
			}
			if got := u.Scheme + "://" + u.Host + u.Path; got != tc.repo+"/new/main" {
				t.Errorf("GitHub link to %s", got)
			}
			if q := u.Query(); q.Get("filename") != "content/case-studies/"+name || q.Get("value") != text {
				t.Errorf("GitHub link's filename %q, and value as made: %v", q.Get("filename"), q.Get("value") == text)
			}
		})
	}
}

// TestSubmitSlugify checks that the form names a file as buildbook does.
func TestSubmitSlugify(t *testing.T) {
	s := sample(t)
	ctx := browser(t, 800, 600)
	navigate(t, ctx, s.url+"submit/")
	for _, title := range []string{
		"Art for all: a holistic approach to GCSE art", "École Ōtautahi's “garden”", "Øresund — 2024/25", "  spaces  ", "Ysgol y Graig: dysgu", "naïve café", "ＦＵＬＬ width", "İstanbul ﬁrst", "a--b__c", "", "日本語", "The teachers’ room", "Straße",
	} {
		got := eval[string](t, ctx, `window.buildbookSlugify(`+jsString(title)+`)`)
		if want := content.Slugify(title); got != want {
			t.Errorf("slug of %q: form %q, buildbook %q", title, got, want)
		}
	}
}

// setValue sets a field's value as typing would, with an input event.
func setValue(t *testing.T, ctx contextT, sel, v string) {
	t.Helper()
	if !eval[bool](t, ctx, `(() => { const el = document.querySelector(`+jsString(sel)+`); if (!el) return false; el.value = `+jsString(v)+`; el.dispatchEvent(new Event("input", {bubbles: true})); return true })()`) {
		t.Fatalf("no field %s", sel)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// copyDir copies a content folder into a new temporary one.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	var a txtar.Archive
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		a.Files = append(a.Files, txtar.File{Name: filepath.ToSlash(rel), Data: b})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range a.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
