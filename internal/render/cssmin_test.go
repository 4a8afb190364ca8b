package render

import (
	"io/fs"
	"testing"

	"buildbook/internal/markdown"
	"buildbook/templates"
)

func TestMinifyCSS(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a {\n  color: red;\n  margin: 0 auto;\n}\n", "a{color:red;margin:0 auto}\n"},
		{"/* head */\n.a, .b > .c { x: 1 }", ".a,.b > .c{x:1}\n"},
		{"a :hover{x:1}", "a :hover{x:1}\n"}, // a descendant, not a:hover
		{"a:hover , a:focus-visible{x:1}", "a:hover,a:focus-visible{x:1}\n"},
		{"a{width:calc(100% + 0.35rem)}", "a{width:calc(100% + 0.35rem)}\n"},
		{"@media (min-width: 60rem) and (max-width: 80rem) {\n a { b: c }\n}", "@media (min-width:60rem) and (max-width:80rem){a{b:c}}\n"},
		{`a::after{content:" ; { } /* no */ "}`, `a::after{content:" ; { } /* no */ "}` + "\n"},
		{`a{content:'it\'s  ok'}`, `a{content:'it\'s  ok'}` + "\n"},
		{"a{background:url( x.png )}", "a{background:url( x.png )}\n"},
		{"a{grid-template-areas: \"bar\"  \"panel\"}", "a{grid-template-areas:\"bar\" \"panel\"}\n"},
		{"a/**/b{x:1}", "a b{x:1}\n"},
		{".a/**/.b{x:1}", ".a.b{x:1}\n"},
		{"a{x:1 !important;}", "a{x:1 !important}\n"},
		{"a{x:1}/* unterminated", "a{x:1}\n"},
		{":root {\n  --sans: system-ui,  \"A B\", sans-serif ;\n  --x:1px}", ":root{--sans:system-ui,  \"A B\", sans-serif;--x:1px}\n"},
		{"a:hover{--x: a;b}", "a:hover{--x:a;b}\n"},
		{"a{--x: { a; b }; y: 1}", "a{--x:{ a; b };y:1}\n"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := string(MinifyCSS([]byte(tt.in))); got != tt.want {
			t.Errorf("MinifyCSS(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// Stylesheets shrink. Chromium checks, in internal/browsertest, that
	// their rules are unchanged.
	style, err := fs.ReadFile(templates.FS, "assets/style.css")
	if err != nil {
		t.Fatal(err)
	}
	for name, css := range map[string][]byte{"style.css": style, "chroma.css": markdown.HighlightCSS()} {
		if m := MinifyCSS(css); len(m) > len(css)*9/10 {
			t.Errorf("%s: %d bytes minified from %d", name, len(m), len(css))
		}
	}
}
