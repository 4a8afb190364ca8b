package pdf

import (
	"bytes"
	"encoding/base64"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"buildbook/internal/paths"
)

// svgFaces are the book's faces that an SVG picture is set in when
// printed: family, file in assets/fonts/ without its subset and
// extension, weight and style.
var svgFaces = []struct{ family, file, weight, style string }{
	{"Source Sans 3", "source-sans-3-%s-400-normal", "400", "normal"},
	{"Source Sans 3", "source-sans-3-%s-700-normal", "700", "normal"},
	{"Source Sans 3", "source-sans-3-%s-400-italic", "400", "italic"},
	{"Source Serif 4", "source-serif-4-%s-400-normal", "400", "normal"},
	{"Source Serif 4", "source-serif-4-%s-700-normal", "700", "normal"},
	{"Source Serif 4", "source-serif-4-%s-400-italic", "400", "italic"},
	{"Source Code Pro", "source-code-pro-%s-400-normal", "400", "normal"},
}

// svgRules set an SVG's text in the book's faces, whatever font the
// picture names: sans-serif unless it asks for a serif or a monospaced
// face. They are !important, since a picture may set its fonts in
// attributes, style attributes or a style sheet of its own.
const svgRules = `svg, svg * { font-family: "Source Sans 3", sans-serif !important; }
[font-family*="serif" i]:not([font-family*="sans" i]), [font-family*="serif" i]:not([font-family*="sans" i]) *,
[style*="serif" i]:not([style*="sans" i]), [style*="serif" i]:not([style*="sans" i]) *,
[font-family*="times" i], [font-family*="times" i] *, [font-family*="georgia" i], [font-family*="georgia" i] * { font-family: "Source Serif 4", serif !important; }
[font-family*="mono" i], [font-family*="mono" i] *, [font-family*="courier" i], [font-family*="courier" i] *,
[style*="monospace" i], [style*="monospace" i] * { font-family: "Source Code Pro", monospace !important; }
`

// setSVGFonts rewrites the SVG pictures of the site built in dir for
// printing only, so that their text is set in the book's own faces: a
// picture in an <img> cannot use the fonts of the page it is in, and its
// text would be set in the printing machine's fonts. Each gets a style
// sheet with the faces as data: URLs, which a picture may load, just
// after its <svg> tag. The published site is not changed.
func setSVGFonts(dir string) error {
	var css strings.Builder
	for _, f := range svgFaces {
		for _, subset := range []string{"latin", "latin-ext"} {
			b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(paths.Fonts), strings.Replace(f.file, "%s", subset, 1)+".woff2"))
			if err != nil {
				return nil // templates without the book's fonts: nothing to set
			}
			css.WriteString(`@font-face { font-family: "` + f.family + `"; font-weight: ` + f.weight + `; font-style: ` + f.style +
				`; src: url(data:font/woff2;base64,` + base64.StdEncoding.EncodeToString(b) + `) format("woff2"); }` + "\n")
		}
	}
	css.WriteString(svgRules)
	style := []byte("<style><![CDATA[\n" + css.String() + "]]></style>")
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.EqualFold(filepath.Ext(p), ".svg") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		at := svgTagEnd(b)
		if at < 0 {
			return nil
		}
		out := make([]byte, 0, len(b)+len(style))
		out = append(out, b[:at]...)
		out = append(out, style...)
		out = append(out, b[at:]...)
		return os.WriteFile(p, out, 0o644)
	})
}

// svgTagEnd is the offset just after the root <svg ...> start tag of b, or
// -1 when it has none (or it is empty: <svg/>).
func svgTagEnd(b []byte) int {
	i := bytes.Index(b, []byte("<svg"))
	if i < 0 {
		return -1
	}
	quote := byte(0)
	for j := i + 4; j < len(b); j++ {
		switch c := b[j]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			if b[j-1] == '/' {
				return -1
			}
			return j + 1
		}
	}
	return -1
}
