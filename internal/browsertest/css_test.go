package browsertest

import (
	"io/fs"
	"testing"

	"buildbook/internal/markdown"
	"buildbook/internal/render"
	"buildbook/templates"
)

// TestMinifiedCSS parses the site's stylesheet, as written and as
// published (render.MinifyCSS), with Chromium's CSS parser, and compares
// the rules they make: minifying must not change one. The generated code
// highlighting stylesheet, published as it is, is a second test case.
func TestMinifiedCSS(t *testing.T) {
	style, err := fs.ReadFile(templates.FS, "assets/style.css")
	if err != nil {
		t.Fatal(err)
	}
	ctx := browser(t, 800, 600)
	navigate(t, ctx, "about:blank")
	for name, css := range map[string][]byte{"style.css": style, "chroma.css": markdown.HighlightCSS()} {
		rules := func(text string) []string {
			return eval[[]string](t, ctx, `(() => { const s = new CSSStyleSheet(); s.replaceSync(`+jsString(text)+`);
				return Array.from(s.cssRules, r => r.cssText) })()`)
		}
		before, after := rules(string(css)), rules(string(render.MinifyCSS(css)))
		if len(before) < 10 {
			t.Fatalf("%s: Chromium read %d rules", name, len(before))
		}
		if len(before) != len(after) {
			t.Errorf("%s: %d rules as written, %d minified", name, len(before), len(after))
			continue
		}
		for i := range before {
			if before[i] != after[i] {
				t.Errorf("%s: rule %d changed:\n%s\n%s", name, i, before[i], after[i])
			}
		}
		t.Logf("%s: %d rules the same; %d bytes, %d minified", name, len(before), len(css), len(render.MinifyCSS(css)))
	}
}
