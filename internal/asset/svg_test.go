package asset

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const head = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">`

// svgRefused are SVGs that could run script or load another file: each
// is refused with a message holding the word given.
var svgRefused = []struct{ name, svg, word string }{
	{"entity expanding to script", `<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY x "<script>alert(1)</script>">]>
<svg xmlns="http://www.w3.org/2000/svg">&x;</svg>`, "DOCTYPE"},
	{"entity without a DOCTYPE", head + `&x;</svg>`, "entity (&x;)"},
	{"external entity", `<!DOCTYPE svg SYSTEM "x" [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg/>`, "DOCTYPE"},
	{"entity declaration alone", `<!ENTITY x "y"><svg/>`, "DOCTYPE"},
	{"script", head + `<script>alert(1)</script></svg>`, "<script>"},
	{"script in capitals", head + `<SCRIPT>alert(1)</SCRIPT></svg>`, "<SCRIPT>"},
	{"script in the XHTML namespace", head + `<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>`, "<script>"},
	{"script inside metadata", head + `<metadata><script>alert(1)</script></metadata></svg>`, "<script>"},
	{"onload", `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`, "event handler (onload)"},
	{"onclick in capitals", head + `<rect ONCLICK="alert(1)"/></svg>`, "event handler (ONCLICK)"},
	{"handler on an editor's element", head + `<sodipodi:namedview xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" onmouseover="x()"/></svg>`, "event handler"},
	{"foreignObject with iframe srcdoc", head + `<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"/></foreignObject></svg>`, "<foreignObject>"},
	{"iframe in draw.io's switch", head + `<switch><foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"/></foreignObject><text>x</text></switch></svg>`, "<iframe>"},
	{"handler in draw.io's switch", head + `<switch><foreignObject><div xmlns="http://www.w3.org/1999/xhtml" onmouseover="alert(1)"/></foreignObject><text>x</text></switch></svg>`, "event handler"},
	{"foreignObject", head + `<foreignObject width="9" height="9"><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject></svg>`, "foreignObject"},
	{"web-page element", head + `<p xmlns="http://www.w3.org/1999/xhtml">x</p></svg>`, "web-page element"},
	{"javascript link", head + `<a href="javascript:alert(1)"><text>x</text></a></svg>`, "javascript:alert(1)"},
	{"javascript xlink", head + `<a xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href=" JavaScript:alert(1)"><text>x</text></a></svg>`, "outside the SVG"},
	{"data link", head + `<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a></svg>`, "outside the SVG"},
	{"use of another file", head + `<use href="https://evil.example/x.svg#a"/></svg>`, "outside the SVG"},
	{"use of a file beside it", head + `<use href="other.svg#a"/></svg>`, "outside the SVG"},
	{"image from the web", head + `<image href="https://tracker.example/p.png" width="1" height="1"/></svg>`, "another file"},
	{"embedded SVG image", head + `<image href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" width="1" height="1"/></svg>`, "another file"},
	{"embedded picture that is not one", head + `<image href="data:image/png;base64,PHN2Zz48L3N2Zz4=" width="1" height="1"/></svg>`, "another file"},
	{"gradient from another file", head + `<linearGradient id="g" href="https://evil.example/g.svg#g"/></svg>`, "outside the SVG"},
	{"fill from another file", head + `<rect fill="url(https://evil.example/g.svg#g)"/></svg>`, "another file"},
	{"fill url in capitals", head + `<rect fill="URL( 'https://evil.example/g' )"/></svg>`, "another file"},
	{"style with a url", head + `<rect style="fill:url(//evil.example/x)"/></svg>`, "another file"},
	{"style element with import", head + `<style>@import "https://evil.example/x.css";</style></svg>`, "@import"},
	{"style element with font-face", head + `<style>@font-face{font-family:x;src:local(x)}</style></svg>`, "@font-face"},
	{"style with an escape", head + `<rect style="fill:u\72l(https://evil.example/)"/></svg>`, "escape"},
	{"style with image-set", head + `<rect style="fill:image-set('https://evil.example/x.png' 1x)"/></svg>`, "image-set"},
	{"style with expression", head + `<rect style="width:expression(alert(1))"/></svg>`, "expression"},
	{"xml-stylesheet", `<?xml-stylesheet type="text/xsl" href="x.xsl"?>` + head + `</svg>`, "processing instruction"},
	{"processing instruction inside", head + `<?php echo 1 ?></svg>`, "processing instruction"},
	{"not UTF-8", `<?xml version="1.0" encoding="ISO-8859-1"?><svg/>`, "UTF-8"},
	{"not SVG", `<html><body>x</body></html>`, "not an SVG image"},
	{"XHTML root named svg", `<svg xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></svg>`, "namespace"},
	{"empty", ``, "no <svg>"},
	{"not well-formed", head + `<rect></svg>`, "well-formed"},
	{"HTML entity", head + `<text>&nbsp;</text></svg>`, "entity (&nbsp;)"},
	{"text after the drawing", head + `</svg><script>alert(1)</script>`, "second top-level"},
	{"too deep", head + strings.Repeat("<g>", maxSVGDepth) + strings.Repeat("</g>", maxSVGDepth) + `</svg>`, "nested"},
}

func TestCleanSVGRefuses(t *testing.T) {
	for _, tc := range svgRefused {
		t.Run(tc.name, func(t *testing.T) {
			out, _, _, _, err := CleanSVG([]byte(tc.svg))
			if err == nil {
				t.Fatalf("published:\n%s", out)
			}
			msg := err.Error()
			if !strings.Contains(msg, tc.word) {
				t.Errorf("message %q does not say %q", msg, tc.word)
			}
			if !strings.Contains(msg, "export the picture again") {
				t.Errorf("message %q does not say what to do", msg)
			}
		})
	}
}

// svgCleaned are SVGs published with parts left out, as written out
// again, with the notes given.
var svgCleaned = []struct {
	name, svg, want string
	notes           []string
}{
	{"plain drawing", `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="2" viewBox="0 0 4 2"><rect x="0" y="0" width="4" height="2" fill="#fff"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" width="4" height="2" viewBox="0 0 4 2"><rect x="0" y="0" width="4" height="2" fill="#fff"/></svg>`, nil},
	{"declaration, plain DOCTYPE and comments", `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<!-- Generator: a drawing program -->
<svg version="1.1" xmlns="http://www.w3.org/2000/svg" x="0px" y="0px" width="10px" height="5px" xml:space="preserve"><circle cx="1" cy="1" r="1"/></svg>
`, `<svg xmlns="http://www.w3.org/2000/svg" x="0px" y="0px" width="10px" height="5px" xml:space="preserve"><circle cx="1" cy="1" r="1"/></svg>`, nil},
	{"Inkscape's data, quietly", `<svg xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" xmlns="http://www.w3.org/2000/svg" xmlns:svg="http://www.w3.org/2000/svg" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cc="http://creativecommons.org/ns#" xmlns:dc="http://purl.org/dc/elements/1.1/" width="210mm" height="297mm" viewBox="0 0 210 297" inkscape:version="1.3" sodipodi:docname="plan.svg"><sodipodi:namedview id="nv" pagecolor="#ffffff"><inkscape:page x="0" y="0"/></sodipodi:namedview><metadata><rdf:RDF><cc:Work><dc:title>Plan</dc:title></cc:Work></rdf:RDF></metadata><g inkscape:label="Layer 1" inkscape:groupmode="layer" id="layer1"><path style="fill:#ff0000;stroke:#000000;stroke-width:0.26" d="M 10,10 H 50 V 30 Z" id="path1" sodipodi:nodetypes="cccc"/><text xml:space="preserve" style="font-size:8px;font-family:sans-serif" x="12" y="20"><tspan sodipodi:role="line" x="12" y="20">Hall</tspan></text></g></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 210 297"><g id="layer1"><path style="fill:#ff0000;stroke:#000000;stroke-width:0.26" d="M 10,10 H 50 V 30 Z" id="path1"/><text xml:space="preserve" style="font-size:8px;font-family:sans-serif" x="12" y="20"><tspan x="12" y="20">Hall</tspan></text></g></svg>`, nil},
	{"Illustrator's style element", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"><defs><style>.cls-1{fill:#1d71b8;}.cls-2{fill:rgb(0,0,0);font-family:Arial, sans-serif}@media print{.cls-1{fill:#000}}</style><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#000"/></linearGradient></defs><rect class="cls-1" width="50" height="50" fill="url(#g)"/><text class="cls-2" transform="translate(5 40) rotate(-5)">A &amp; B &lt; C</text></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"><defs><style>.cls-1{fill:#1d71b8;}.cls-2{fill:rgb(0,0,0);font-family:Arial, sans-serif}@media print{.cls-1{fill:#000}}</style><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#000"/></linearGradient></defs><rect class="cls-1" width="50" height="50" fill="url(#g)"/><text class="cls-2" transform="translate(5 40) rotate(-5)">A &amp; B &lt; C</text></svg>`, nil},
	{"draw.io's labels and link", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="121px" height="61px" viewBox="-0.5 -0.5 121 61" content="&lt;mxfile&gt;&lt;/mxfile&gt;"><defs/><g><g data-cell-id="0"><rect x="0" y="0" width="120" height="60" fill="rgb(255, 255, 255)" stroke="rgb(0, 0, 0)" pointer-events="all"/></g><g><switch><foreignObject pointer-events="none" width="100%" height="100%" requiredFeatures="http://www.w3.org/TR/SVG11/feature#Extensibility" style="overflow: visible; text-align: left;"><div xmlns="http://www.w3.org/1999/xhtml" style="display: flex;"><div>Reading</div></div></foreignObject><text x="60" y="34" fill="rgb(0, 0, 0)" font-family="Helvetica" font-size="12px" text-anchor="middle">Reading</text></switch></g></g><switch><g requiredFeatures="http://www.w3.org/TR/SVG11/feature#Extensibility"/><a transform="translate(0,-5)" xlink:href="https://www.drawio.com/doc/faq/svg-export-text-problems" target="_blank"><text text-anchor="middle" font-size="10px" x="50%" y="100%">Text is not SVG - cannot display</text></a></switch></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" width="121px" height="61px" viewBox="-0.5 -0.5 121 61"><defs/><g><g><rect x="0" y="0" width="120" height="60" fill="rgb(255, 255, 255)" stroke="rgb(0, 0, 0)" pointer-events="all"/></g><g><switch><text x="60" y="34" fill="rgb(0, 0, 0)" font-family="Helvetica" font-size="12px" text-anchor="middle">Reading</text></switch></g></g><switch><g requiredFeatures="http://www.w3.org/TR/SVG11/feature#Extensibility"/><g transform="translate(0,-5)"><text text-anchor="middle" font-size="10px" x="50%" y="100%">Text is not SVG - cannot display</text></g></switch></svg>`,
		[]string{"1:350: text written as web content", "1:845: links from the SVG to web pages"}},
	{"references inside the file", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs><path id="p" d="M0 0L9 9"/><clipPath id="c"><rect width="5" height="5"/></clipPath></defs><use xlink:href="#p" clip-path="url(#c)"/><text><textPath href="#p">along</textPath></text><a href="#p"><circle r="1"/></a></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs><path id="p" d="M0 0L9 9"/><clipPath id="c"><rect width="5" height="5"/></clipPath></defs><use xlink:href="#p" clip-path="url(#c)"/><text><textPath href="#p">along</textPath></text><a href="#p"><circle r="1"/></a></svg>`, nil},
	{"embedded picture", head + `<image width="1" height="1" href="data:image/png;base64,` + tinyPNG() + `"/></svg>`,
		head + `<image width="1" height="1" href="data:image/png;base64,` + tinyPNG() + `"/></svg>`, nil},
	{"animation and unknown parts", head + `<rect width="1" height="1" data-x="1" foo="bar"><set attributeName="fill" to="red"/><animate attributeName="href" to="javascript:alert(1)"/></rect><feImage href="https://evil.example/x.png"/><x:thing xmlns:x="urn:x"/></svg>`,
		head + `<rect width="1" height="1"/></svg>`,
		[]string{"1:64: parts of the SVG that a plain drawing does not need are not published: foo=, <set>, <animate>, <feImage>, <thing>"}},
	{"white space, character references and a BOM", "\ufeff" + head + "\n  <text x=\"1\" aria-label=\"a&#10;b\">&#x3c;script&#x3e; &#169;</text>\n</svg>",
		head + "\n  <text x=\"1\" aria-label=\"a&#xA;b\">&lt;script&gt; ©</text>\n</svg>", nil},
}

func tinyPNG() string {
	img := image.NewGray(image.Rect(0, 0, 1, 1))
	img.Set(0, 0, color.White)
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return base64.StdEncoding.EncodeToString(b.Bytes())
}

func TestCleanSVG(t *testing.T) {
	for _, tc := range svgCleaned {
		t.Run(tc.name, func(t *testing.T) {
			out, _, _, notes, err := CleanSVG([]byte(tc.svg))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want+"\n", string(out)); diff != "" {
				t.Errorf("published SVG (-want +got):\n%s", diff)
			}
			var got []string
			for _, n := range notes {
				got = append(got, n.Message)
			}
			if len(got) != len(tc.notes) {
				t.Fatalf("notes: %q, want %d", got, len(tc.notes))
			}
			for i, n := range notes {
				pos, word, _ := strings.Cut(tc.notes[i], ": ")
				if at := strconv.Itoa(n.Line) + ":" + strconv.Itoa(n.Col); at != pos || !strings.HasPrefix(n.Message, word) {
					t.Errorf("note %d: %s: %s, want %s", i, at, n.Message, tc.notes[i])
				}
			}
			// What is published is published again as it is.
			again, _, _, notes, err := CleanSVG(out)
			if err != nil || !bytes.Equal(again, out) || len(notes) > 0 {
				t.Errorf("cleaning the published SVG again: %v, notes %v\n%s", err, notes, again)
			}
		})
	}
}

func TestSVGSize(t *testing.T) {
	for _, tc := range []struct {
		svg  string
		w, h int
	}{
		{`<svg xmlns="http://www.w3.org/2000/svg" width="420" height="280"/>`, 420, 280},
		{`<svg xmlns="http://www.w3.org/2000/svg" width="120.4px" height="60.5px"/>`, 120, 61},
		{`<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 210 297"/>`, 210, 297},
		{`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0,0,640,480"/>`, 640, 480},
		{`<svg xmlns="http://www.w3.org/2000/svg" width="100%"/>`, 0, 0},
		{`<svg xmlns="http://www.w3.org/2000/svg" width="1e300" height="-4"/>`, 0, 0},
	} {
		_, w, h, _, err := CleanSVG([]byte(tc.svg))
		if err != nil || w != tc.w || h != tc.h {
			t.Errorf("%s: %d×%d, %v; want %d×%d", tc.svg, w, h, err, tc.w, tc.h)
		}
	}
}

// FuzzSVG cleans any input: nothing may panic, and an SVG that is
// published must be well-formed, hold only allowlisted elements and
// attributes, refer to nothing outside itself, and come out of a second
// cleaning unchanged.
func FuzzSVG(f *testing.F) {
	for _, tc := range svgRefused {
		f.Add([]byte(tc.svg))
	}
	for _, tc := range svgCleaned {
		f.Add([]byte(tc.svg))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		out, _, _, _, err := CleanSVG(b)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("an error that is not a message: %v", err)
			}
			return
		}
		for _, p := range svgProblems(out) {
			t.Errorf("%s in:\n%s", p, out)
		}
		again, _, _, notes, err := CleanSVG(out)
		if err != nil || !bytes.Equal(again, out) || len(notes) > 0 {
			t.Errorf("cleaning the published SVG again: %v, notes %v\n%s\n%s", err, notes, out, again)
		}
	})
}

// svgProblems lists what in a published SVG is outside the allowlist. It
// reads the SVG with a decoder of its own, not CleanSVG's rules.
func svgProblems(b []byte) []string {
	var problems []string
	// Markup that the decoder below might not show as it is. Text is
	// escaped, so "foreignObject" or "javascript:" as words of text are
	// inert: those are looked for in elements and attributes below.
	low := bytes.ToLower(b)
	for _, bad := range []string{"<!doctype", "<!entity", "<?", "<!--", "<script", "<foreignobject"} {
		if bytes.Contains(low, []byte(bad)) {
			problems = append(problems, "the text "+bad)
		}
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = true
	depth, roots := 0, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return append(problems, "not well-formed: "+err.Error())
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
			if t.Name.Space != svgNS || !svgElements[t.Name.Local] {
				problems = append(problems, "the element "+t.Name.Space+" "+t.Name.Local)
			}
			for _, a := range t.Attr {
				name := a.Name.Local
				switch a.Name.Space {
				case "":
				case "xmlns":
					name = "xmlns:" + name
				case xlinkNS:
					name = "xlink:" + name
				case xmlNS:
					name = "xml:" + name
				default:
					problems = append(problems, "the attribute "+a.Name.Space+" "+name)
				}
				switch {
				case strings.HasPrefix(strings.ToLower(a.Name.Local), "on"):
					problems = append(problems, "an event handler "+name)
				case name == "href" || name == "xlink:href":
					if !isFragment(a.Value) && !(t.Name.Local == "image" && embeddedPicture(a.Value)) {
						problems = append(problems, "a reference outside the file: "+a.Value)
					}
				case name == "xmlns" || name == "xmlns:xlink" || name == "xml:space" || name == "xml:lang":
				case !svgPlain[name] && !svgPresentation[name] && name != "style":
					problems = append(problems, "the attribute "+name)
				}
				if strings.Contains(strings.ToLower(a.Value), "javascript:") {
					problems = append(problems, "javascript: in the attribute "+name)
				}
				if strings.Contains(strings.ToLower(a.Value), "url(") && urlProblem(a.Value) != "" {
					problems = append(problems, "a url() outside the file: "+a.Value)
				}
			}
		case xml.EndElement:
			depth--
		case xml.ProcInst, xml.Directive, xml.Comment:
			problems = append(problems, "a processing instruction, directive or comment")
		}
	}
	if roots != 1 {
		problems = append(problems, "not one root element")
	}
	return problems
}

// BenchmarkCleanSVG cleans an SVG of the largest size an attachment may
// have (20 MiB), made of small elements with editors' data: the worst
// case for the decoder. It should take well under 2 s.
func BenchmarkCleanSVG(b *testing.B) {
	var s strings.Builder
	s.WriteString(head)
	for s.Len() < 20<<20 {
		s.WriteString(`<rect x="1" y="2" width="3" height="4" style="fill:#fff;stroke:rgb(1,2,3)" inkscape:label="x"/>` + "\n")
	}
	s.WriteString(`</svg>`)
	in := []byte(s.String())
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, _, _, _, err := CleanSVG(in); err != nil {
			b.Fatal(err)
		}
	}
}
