package asset

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
)

const (
	svgNS   = "http://www.w3.org/2000/svg"
	xlinkNS = "http://www.w3.org/1999/xlink"
	xmlNS   = "http://www.w3.org/XML/1998/namespace"
	xhtmlNS = "http://www.w3.org/1999/xhtml"
)

// maxSVGDepth bounds the nesting of an SVG's elements; drawings nest a
// few tens deep.
const maxSVGDepth = 256

// svgFix is what to do with an SVG that cannot be published.
const svgFix = "export the picture again as plain SVG (in Inkscape: File › Save As › Plain SVG; in Illustrator: File › Export › Export As › SVG), or as PNG"

// Note is a part of a file that was left out of what is published, at its
// line and column in the file.
type Note struct {
	Line, Col int
	Message   string
}

// svgElements are the SVG elements published: drawing, text, paint
// servers and filters. Script, foreignObject, animation and elements that
// load other files (feImage, cursor) are not among them.
var svgElements = set(
	"svg", "g", "defs", "symbol", "use", "switch", "a", "title", "desc", "style",
	"path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
	"text", "tspan", "textPath", "image",
	"linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
	"filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite",
	"feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap", "feDistantLight",
	"feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
	"feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset",
	"fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
)

// svgPlain are attributes published as they are, apart from the check
// that any url() in them points inside the file.
var svgPlain = set(
	"id", "class", "lang", "role", "focusable", "tabindex",
	"aria-label", "aria-labelledby", "aria-describedby", "aria-hidden", "aria-roledescription",
	"width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr",
	"d", "points", "pathLength", "dx", "dy", "rotate", "textLength", "lengthAdjust",
	"viewBox", "preserveAspectRatio", "refX", "refY", "orient",
	"markerWidth", "markerHeight", "markerUnits",
	"gradientUnits", "gradientTransform", "spreadMethod", "offset",
	"patternUnits", "patternContentUnits", "patternTransform",
	"clipPathUnits", "maskUnits", "maskContentUnits",
	"filterUnits", "primitiveUnits", "in", "in2", "result", "stdDeviation", "mode", "operator",
	"k1", "k2", "k3", "k4", "type", "values", "tableValues", "slope", "intercept", "amplitude",
	"exponent", "radius", "scale", "xChannelSelector", "yChannelSelector", "baseFrequency",
	"numOctaves", "seed", "stitchTiles", "kernelMatrix", "order", "divisor", "bias",
	"targetX", "targetY", "edgeMode", "preserveAlpha", "surfaceScale", "diffuseConstant",
	"specularConstant", "specularExponent", "kernelUnitLength", "azimuth", "elevation",
	"pointsAtX", "pointsAtY", "pointsAtZ", "limitingConeAngle",
	"startOffset", "method", "spacing", "side",
	"systemLanguage", "requiredFeatures", "requiredExtensions",
)

// svgPresentation are the presentation attributes, whose values are CSS.
var svgPresentation = set(
	"fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity",
	"stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray",
	"stroke-dashoffset", "opacity", "color", "display", "visibility",
	"font-family", "font-size", "font-weight", "font-style", "font-variant", "font-stretch",
	"font-size-adjust", "text-anchor", "dominant-baseline", "alignment-baseline",
	"baseline-shift", "letter-spacing", "word-spacing", "text-decoration", "writing-mode",
	"direction", "unicode-bidi", "white-space", "overflow", "clip", "clip-path", "clip-rule",
	"mask", "filter", "marker-start", "marker-mid", "marker-end", "stop-color", "stop-opacity",
	"flood-color", "flood-opacity", "lighting-color", "color-interpolation",
	"color-interpolation-filters", "color-rendering", "shape-rendering", "text-rendering",
	"image-rendering", "vector-effect", "paint-order", "mix-blend-mode", "isolation",
	"pointer-events", "transform", "transform-origin", "transform-box",
)

// svgQuiet are attributes that editors write and that are left out
// without a word: they draw nothing.
var svgQuiet = set(
	"version", "baseProfile", "contentScriptType", "contentStyleType", "zoomAndPan",
	"enable-background", "content", "target", "xml:base",
)

// editorNS are the namespaces of drawing programs' own data (Inkscape,
// Illustrator, Sketch, Affinity, metadata), left out without a word.
var editorNS = []string{
	"http://sodipodi.sourceforge.net/", "http://www.inkscape.org/", "http://inkscape.sourceforge.net/",
	"http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://creativecommons.org/ns#",
	"http://web.resource.org/cc/", "http://purl.org/dc/", "http://ns.adobe.com/",
	"http://www.bohemiancoding.com/sketch/", "http://www.serif.com/", "https://boxy-svg.com",
	"http://www.figma.com/", "http://www.vectornator.io", "http://schemas.microsoft.com/visio/",
}

// svgDanger are elements that run script or show other documents, in any
// namespace and any case: an SVG holding one is refused.
var svgDanger = set("script", "iframe", "embed", "object", "frame", "frameset", "applet", "handler", "listener", "base", "meta", "link")

// svgAnimation are animation elements, which could rewrite a link into
// script: they are left out.
var svgAnimation = set("animate", "animateColor", "animateMotion", "animateTransform", "set", "discard", "mpath")

// cssFuncs are the CSS functions allowed in styles: none loads a file.
var cssFuncs = set(
	"rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch", "color",
	"calc", "min", "max", "clamp", "var",
	"matrix", "matrix3d", "translate", "translatex", "translatey", "translate3d",
	"scale", "scalex", "scaley", "scale3d", "rotate", "rotatex", "rotatey", "rotatez", "rotate3d",
	"skew", "skewx", "skewy", "perspective",
	"blur", "brightness", "contrast", "drop-shadow", "grayscale", "hue-rotate", "invert",
	"opacity", "saturate", "sepia", "not", "is", "where", "nth-child", "nth-of-type",
	"nth-last-child", "nth-last-of-type",
)

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// svgNode is an element of a cleaned SVG, or a run of text (name "").
type svgNode struct {
	name  string
	attrs []svgAttr
	kids  []*svgNode
	text  string
}

type svgAttr struct{ name, value string }

// svgCleaner holds the state of one CleanSVG.
type svgCleaner struct {
	dec   *xml.Decoder
	b     []byte
	xlink bool              // an xlink:href is published
	left  map[string][2]int // element or attribute left out -> first place
	notes map[string]Note   // one note per kind of change
}

// svgFrame is an open element: kept (n set) or left out.
type svgFrame struct {
	n    *svgNode
	name string // local name, for the children's rules
}

// CleanSVG parses an SVG image and writes it out again with only the
// elements and attributes of a plain drawing (svgElements), so that
// nothing in it can run script or load another file when a reader opens
// it. It refuses, with an error that says what to do, a DOCTYPE with
// entities, processing instructions, script, event handlers,
// foreignObject (except as draw.io writes it, inside <switch> beside a
// plain-text version), and references to anything but the file's own
// parts (#id) and embedded PNG, JPEG, GIF or WebP pictures. Editors' data
// is left out without a word; other parts that draw nothing safe
// (animation, links to web pages, unknown elements) are left out with a
// note. width and height are the image's size in pixels, when it gives
// one.
func CleanSVG(b []byte) (out []byte, width, height int, notes []Note, err error) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	c := &svgCleaner{b: b, left: map[string][2]int{}, notes: map[string]Note{}}
	c.dec = xml.NewDecoder(bytes.NewReader(b))
	c.dec.Strict = true
	root, err := c.parse()
	if err != nil {
		return nil, 0, 0, nil, err
	}
	width, height = svgSize(root)
	var w bytes.Buffer
	c.write(&w, root, true)
	w.WriteByte('\n')
	if len(c.left) > 0 {
		names := slices.SortedFunc(maps.Keys(c.left), func(a, b string) int {
			pa, pb := c.left[a], c.left[b]
			if pa != pb {
				return cmpPos(pa, pb)
			}
			return strings.Compare(a, b)
		})
		first := c.left[names[0]]
		if len(names) > 8 {
			names = append(names[:8], "…")
		}
		c.note(first, "parts of the SVG that a plain drawing does not need are not published: "+strings.Join(names, ", ")+"; if the picture looks wrong on the site, "+svgFix)
	}
	for _, n := range c.notes {
		notes = append(notes, n)
	}
	slices.SortFunc(notes, func(a, b Note) int {
		if d := cmpPos([2]int{a.Line, a.Col}, [2]int{b.Line, b.Col}); d != 0 {
			return d
		}
		return strings.Compare(a.Message, b.Message)
	})
	return w.Bytes(), width, height, notes, nil
}

func cmpPos(a, b [2]int) int {
	if a[0] != b[0] {
		return a[0] - b[0]
	}
	return a[1] - b[1]
}

// fail is a refusal at the place the decoder has reached.
func (c *svgCleaner) fail(at [2]int, format string, args ...any) error {
	return errorf("line %d of the SVG: %s; %s", at[0], fmt.Sprintf(format, args...), svgFix)
}

func (c *svgCleaner) pos() [2]int {
	l, col := c.dec.InputPos()
	return [2]int{l, col}
}

func (c *svgCleaner) note(at [2]int, msg string) {
	if _, ok := c.notes[msg]; !ok {
		c.notes[msg] = Note{Line: at[0], Col: at[1], Message: msg}
	}
}

func (c *svgCleaner) leaveOut(at [2]int, what string) {
	if _, ok := c.left[what]; !ok {
		c.left[what] = at
	}
}

// parse reads the whole file and returns its root, cleaned.
func (c *svgCleaner) parse() (*svgNode, error) {
	var root *svgNode
	var stack []svgFrame
	seen := false // any token before the root but white space
	for {
		at := c.pos()
		tok, err := c.dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, c.syntaxError(err)
		}
		switch t := tok.(type) {
		case xml.ProcInst:
			if t.Target != "xml" || seen || root != nil {
				return nil, c.fail(at, "it has a processing instruction (<?%s ...?>), which could make a browser load and run another file", clip(t.Target))
			}
			seen = true
		case xml.Directive:
			d := string(t)
			if root != nil || !strings.HasPrefix(d, "DOCTYPE") || strings.ContainsAny(d, "[<") {
				return nil, c.fail(at, "it has a DOCTYPE that declares entities or other markup (<!%s>); browsers expand them, so they could hide script", clip(d))
			}
			seen = true // a plain DOCTYPE naming the SVG DTD is left out
		case xml.Comment:
		case xml.CharData:
			if len(stack) > 0 {
				if f := stack[len(stack)-1]; f.n != nil {
					f.n.kids = append(f.n.kids, &svgNode{text: string(t)})
				}
			} else if len(bytes.TrimSpace(t)) > 0 {
				return nil, c.fail(at, "it has text outside the drawing")
			}
		case xml.StartElement:
			if root != nil && len(stack) == 0 {
				return nil, c.fail(at, "it has a second top-level element, <%s>", clip(t.Name.Local))
			}
			if len(stack) >= maxSVGDepth {
				return nil, c.fail(at, "its elements are nested more than %d deep", maxSVGDepth)
			}
			var parent svgFrame
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			n, err := c.start(t, at, parent, len(stack) == 0)
			if err != nil {
				return nil, err
			}
			if len(stack) == 0 {
				root = n
			} else if n != nil && parent.n != nil {
				parent.n.kids = append(parent.n.kids, n)
			}
			if parent.n == nil && len(stack) > 0 {
				n = nil
			}
			stack = append(stack, svgFrame{n: n, name: t.Name.Local})
		case xml.EndElement:
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if f.n != nil && f.n.name == "style" {
				var css strings.Builder
				for _, k := range f.n.kids {
					css.WriteString(k.text)
				}
				if p := cssProblem(css.String()); p != "" {
					return nil, c.fail(at, "its <style> has %s", p)
				}
			}
		}
	}
	if root == nil {
		return nil, errorf("it is not an SVG image: it has no <svg> element; %s", svgFix)
	}
	return root, nil
}

// syntaxError words the decoder's error for a teacher.
func (c *svgCleaner) syntaxError(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		msg := se.Msg
		if strings.HasPrefix(msg, "invalid character entity") {
			return errorf("line %d of the SVG: it uses an entity (%s) that is not one of XML's own, which could hide script; %s", se.Line, strings.TrimPrefix(msg, "invalid character entity "), svgFix)
		}
		return errorf("line %d of the SVG: it is not a well-formed SVG file (%s); %s", se.Line, msg, svgFix)
	}
	if strings.Contains(err.Error(), "CharsetReader") {
		return errorf("it is not saved as UTF-8; %s", svgFix)
	}
	return errorf("it is not a well-formed SVG file (%s); %s", err, svgFix)
}

// start decides what becomes of an element: kept (a node), left out (nil)
// or refused (an error). parent.n is nil when the parent was left out.
func (c *svgCleaner) start(t xml.StartElement, at [2]int, parent svgFrame, root bool) (*svgNode, error) {
	local, ns := t.Name.Local, t.Name.Space
	if svgDanger[strings.ToLower(local)] {
		return nil, c.fail(at, "it contains <%s>, which could run script in readers' browsers", clip(local))
	}
	for _, a := range t.Attr {
		if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
			return nil, c.fail(at, "<%s> has an event handler (%s), which could run script in readers' browsers", clip(local), clip(a.Name.Local))
		}
	}
	svg := ns == svgNS || ns == ""
	if root {
		if local == "svg" && !svg {
			return nil, errorf("it is not an SVG image: its <svg> element is not in the SVG namespace (xmlns=\"%s\"); %s", svgNS, svgFix)
		}
		if !svg || local != "svg" {
			return nil, errorf("it is not an SVG image: its first element is <%s>, not <svg>; %s", clip(local), svgFix)
		}
	} else if parent.n == nil {
		return nil, nil // inside a part left out
	}
	switch {
	case !svg && ns == xhtmlNS:
		return nil, c.fail(at, "it contains a web-page element (<%s>), which could run script in readers' browsers", clip(local))
	case !svg && isEditorNS(ns):
		return nil, nil
	case !svg:
		c.leaveOut(at, "<"+clip(local)+">")
		return nil, nil
	case local == "foreignObject":
		if parent.name != "switch" {
			return nil, c.fail(at, "it contains <foreignObject>, web content that could run script in readers' browsers")
		}
		c.note(at, "text written as web content (<foreignObject>, as draw.io writes labels) is not published: readers see the plain-text version the file gives instead; to keep labels as they are, export from draw.io with \"Convert labels to SVG\" ticked, or as PNG")
		return nil, nil
	case local == "metadata":
		return nil, nil
	case svgAnimation[local]:
		c.leaveOut(at, "<"+local+">")
		return nil, nil
	case !svgElements[local]:
		c.leaveOut(at, "<"+clip(local)+">")
		return nil, nil
	}
	n := &svgNode{name: local, attrs: make([]svgAttr, 0, len(t.Attr))}
	var seen map[string]bool // for an element of many attributes
	if len(t.Attr) > 16 {
		seen = map[string]bool{}
	}
	for _, a := range t.Attr {
		name, ok := c.attrName(a, at)
		if !ok {
			continue
		}
		// XML allows an attribute once; the first is kept.
		if seen != nil {
			if seen[name] {
				continue
			}
			seen[name] = true
		} else if slices.ContainsFunc(n.attrs, func(a svgAttr) bool { return a.name == name }) {
			continue
		}
		v := a.Value
		switch {
		case name == "href" || name == "xlink:href":
			v = strings.TrimSpace(v)
			keep, err := c.href(n, v, at)
			if err != nil {
				return nil, err
			}
			if !keep {
				continue
			}
			if name == "xlink:href" {
				c.xlink = true
			}
		case name == "style" || svgPresentation[name]:
			if p := cssProblem(v); p != "" {
				return nil, c.fail(at, "<%s> has a %s attribute with %s", local, name, p)
			}
		default:
			if p := urlProblem(v); p != "" {
				return nil, c.fail(at, "<%s> has a %s attribute with %s", local, name, p)
			}
		}
		n.attrs = append(n.attrs, svgAttr{name, v})
	}
	return n, nil
}

// attrName is the name an attribute is published under, or false when it
// is left out.
func (c *svgCleaner) attrName(a xml.Attr, at [2]int) (string, bool) {
	l := a.Name.Local
	switch a.Name.Space {
	case "":
		switch {
		case l == "xmlns":
			return "", false
		case l == "href" || l == "style" || svgPlain[l] || svgPresentation[l]:
			return l, true
		case svgQuiet[l] || strings.HasPrefix(l, "data-"):
			return "", false
		}
		c.leaveOut(at, clip(l)+"=")
		return "", false
	case xlinkNS:
		return "xlink:href", l == "href"
	case xmlNS:
		return "xml:" + l, l == "space" || l == "lang"
	case "xmlns":
		return "", false
	}
	if !isEditorNS(a.Name.Space) {
		c.leaveOut(at, clip(a.Name.Local)+"=")
	}
	return "", false
}

// href checks a link of n: a reference to a part of the file (#id) is
// kept, and so is an embedded picture in <image>; a link to a web page
// from <a> is left out, and <a> becomes a group. Anything else is
// refused.
func (c *svgCleaner) href(n *svgNode, v string, at [2]int) (bool, error) {
	if isFragment(v) {
		return true, nil
	}
	switch n.name {
	case "image":
		if embeddedPicture(v) {
			return true, nil
		}
		return false, c.fail(at, "<image> shows another file (%s); pictures in a published SVG must be embedded in it as PNG, JPEG, GIF or WebP", clip(v))
	case "a":
		l := strings.ToLower(v)
		if strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "mailto:") {
			n.name = "g"
			c.note(at, "links from the SVG to web pages are not published; link to the page from the text of the case study instead")
			return false, nil
		}
	}
	return false, c.fail(at, "<%s> refers to %s, outside the SVG; only references to the SVG's own parts (#id) are published", n.name, clip(v))
}

// isFragment reports whether v is a reference to an element of the same
// file: # and an id.
func isFragment(v string) bool {
	if len(v) < 2 || v[0] != '#' {
		return false
	}
	for _, r := range v[1:] {
		if !(r == '-' || r == '_' || r == '.' || r == ':' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f) {
			return false
		}
	}
	return true
}

// embeddedPicture reports whether v is a data: URL of a PNG, JPEG, GIF or
// WebP picture that decodes.
func embeddedPicture(v string) bool {
	head, data, ok := strings.Cut(v, ",")
	if !ok {
		return false
	}
	switch strings.ToLower(strings.Join(strings.Fields(head), "")) {
	case "data:image/png;base64", "data:image/jpeg;base64", "data:image/jpg;base64", "data:image/gif;base64", "data:image/webp;base64":
	default:
		return false
	}
	raw, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(data), ""))
	if err != nil {
		return false
	}
	_, _, err = image.DecodeConfig(bytes.NewReader(raw))
	return err == nil
}

func isEditorNS(ns string) bool {
	for _, p := range editorNS {
		if strings.HasPrefix(ns, p) {
			return true
		}
	}
	return false
}

// urlProblem says what in an attribute value could load another file: a
// url() that does not point inside the file.
func urlProblem(v string) string {
	l := strings.ToLower(v)
	for i := strings.Index(l, "url("); i >= 0; i = strings.Index(l, "url(") {
		arg := l[i+4:]
		end := strings.IndexByte(arg, ')')
		if end < 0 {
			return "an unclosed url("
		}
		if !isFragment(strings.Trim(v[i+4:i+4+end], " \t\r\n\"'")) {
			return "a reference to another file, " + clip(v[i:i+5+end])
		}
		l, v = arg[end+1:], v[i+5+end:]
	}
	return ""
}

// cssProblem says what in CSS (a style attribute or element, or a
// presentation attribute) could load another file or run script: only a
// few functions that load nothing, and url(#id), are allowed, and no @
// rules but @media and no escapes that could hide a name.
func cssProblem(s string) string {
	if p := urlProblem(s); p != "" {
		return p
	}
	l := strings.ToLower(s)
	if strings.Contains(l, `\`) {
		return "an escape (\\) in its CSS"
	}
	for i := strings.IndexByte(l, '@'); i >= 0; {
		if !strings.HasPrefix(l[i:], "@media") {
			return "a CSS rule (" + clip(s[i:i+min(len(s)-i, 12)]) + ") that could load another file"
		}
		j := strings.IndexByte(l[i+1:], '@')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	for i := 0; i < len(l); i++ {
		if l[i] != '(' {
			continue
		}
		j := i
		for j > 0 && (l[j-1] == '-' || l[j-1] == '_' || l[j-1] >= 'a' && l[j-1] <= 'z' || l[j-1] >= '0' && l[j-1] <= '9') {
			j--
		}
		if fn := l[j:i]; fn != "" && fn != "url" && !cssFuncs[fn] {
			return "a CSS function (" + clip(fn) + "()) that is not one a drawing needs"
		}
	}
	return ""
}

// clip shortens a piece of the file for a message.
func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

// write serializes n: the published SVG is these bytes, and nothing else.
func (c *svgCleaner) write(w *bytes.Buffer, n *svgNode, root bool) {
	if n.name == "" {
		escape(w, n.text, false)
		return
	}
	w.WriteByte('<')
	w.WriteString(n.name)
	if root {
		w.WriteString(` xmlns="` + svgNS + `"`)
		if c.xlink {
			w.WriteString(` xmlns:xlink="` + xlinkNS + `"`)
		}
	}
	for _, a := range n.attrs {
		w.WriteByte(' ')
		w.WriteString(a.name)
		w.WriteString(`="`)
		escape(w, a.value, true)
		w.WriteByte('"')
	}
	if len(n.kids) == 0 {
		w.WriteString("/>")
		return
	}
	w.WriteByte('>')
	for _, k := range n.kids {
		c.write(w, k, false)
	}
	w.WriteString("</")
	w.WriteString(n.name)
	w.WriteByte('>')
}

// escape writes s as XML text, or as an attribute value in double quotes.
func escape(w *bytes.Buffer, s string, attr bool) {
	for _, r := range s {
		switch {
		case r == '&':
			w.WriteString("&amp;")
		case r == '<':
			w.WriteString("&lt;")
		case r == '>':
			w.WriteString("&gt;")
		case r == '"' && attr:
			w.WriteString("&quot;")
		case r == '\r' || attr && (r == '\n' || r == '\t'):
			fmt.Fprintf(w, "&#x%X;", r)
		default:
			w.WriteRune(r)
		}
	}
}

// svgSize is the size in pixels that the root element gives, by width
// and height or else by its viewBox.
func svgSize(root *svgNode) (int, int) {
	w, h := 0, 0
	var vb string
	for _, a := range root.attrs {
		switch a.name {
		case "width":
			w = pixels(a.value)
		case "height":
			h = pixels(a.value)
		case "viewBox":
			vb = a.value
		}
	}
	if (w == 0 || h == 0) && vb != "" {
		if f := strings.Fields(strings.ReplaceAll(vb, ",", " ")); len(f) == 4 {
			w, h = pixels(f[2]), pixels(f[3])
		}
	}
	return w, h
}

// pixels reads "320" or "320px"; other units give 0 (unknown).
func pixels(s string) int {
	s = strings.TrimSuffix(strings.TrimSpace(s), "px")
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f <= 0 || f > 1e6 {
		return 0
	}
	return int(f + 0.5)
}
