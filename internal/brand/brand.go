// Package brand makes the pictures a site is known by away from its pages:
// its icon in the sizes that browsers and phones ask for (an SVG, PNGs and
// favicon.ico), and the card that a link to one of its pages shows where
// it is shared. Every picture is drawn in Go from the book's title, with
// the Go fonts (BSD licence, built in), so a book needs to provide nothing;
// a book's own PNG icon is scaled to the sizes instead.
//
// The functions are pure: the same arguments give the same bytes, on any
// machine, so that a rebuild writes nothing new and pages can be keyed by
// what they show.
package brand

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"strings"
	"sync"
	"unicode"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// The card's size: what Open Graph and Twitter cards show best (1.91:1).
const (
	CardWidth  = 1200
	CardHeight = 630
)

// Icon sizes: the favicon, and the icon iOS puts on a home screen.
const (
	FaviconSize    = 32
	TouchIconSize  = 180
	maxIconPixels  = 4096 * 4096 // a book's PNG icon, at most
	cardMargin     = 80
	maxTitleLines  = 3
	maxSubtitleLns = 2
)

// The colours of the default theme (templates/assets/style.css): the
// accent as background, and text in white and a pale blue.
var (
	accent = color.RGBA{0x0b, 0x5c, 0xad, 0xff}
	white  = color.RGBA{0xff, 0xff, 0xff, 0xff}
	pale   = color.RGBA{0xd6, 0xe6, 0xf7, 0xff}
	band   = color.RGBA{0x08, 0x48, 0x8a, 0xff}
)

// fonts are the Go fonts, parsed once; a parsed font is read-only and
// safe to share, unlike the faces made from it.
var fonts = sync.OnceValues(func() ([2]*opentype.Font, error) {
	bold, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return [2]*opentype.Font{}, err
	}
	regular, err := opentype.Parse(goregular.TTF)
	return [2]*opentype.Font{bold, regular}, err
})

func face(f *opentype.Font, size float64) (font.Face, error) {
	return opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
}

// Card draws the card shown where a page of the book is shared: the
// title, large, the subtitle under it and the publisher at the foot, in
// white on the theme's accent colour, as a CardWidth × CardHeight PNG. A
// long title is set smaller, and one that still needs more than three
// lines is cut with an ellipsis.
func Card(title, subtitle, publisher string) ([]byte, error) {
	fs, err := fonts()
	if err != nil {
		return nil, err
	}
	img := image.NewRGBA(image.Rect(0, 0, CardWidth, CardHeight))
	draw.Draw(img, img.Bounds(), image.NewUniform(accent), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(0, CardHeight-24, CardWidth, CardHeight), image.NewUniform(band), image.Point{}, draw.Src)
	width := fixed.I(CardWidth - 2*cardMargin)

	// The title: the largest size at which it fits in three lines.
	var lines []string
	var tf font.Face
	for _, size := range []float64{76, 68, 60, 52, 46} {
		if tf, err = face(fs[0], size); err != nil {
			return nil, err
		}
		lines = wrap(tf, title, width)
		if len(lines) <= maxTitleLines {
			break
		}
	}
	lines = cut(tf, lines, maxTitleLines, width)
	y := cardMargin + tf.Metrics().Ascent.Ceil()
	lineHeight := tf.Metrics().Height.Ceil() + 6
	for _, l := range lines {
		text(img, tf, white, cardMargin, y, l)
		y += lineHeight
	}
	if subtitle != "" {
		sf, err := face(fs[1], 38)
		if err != nil {
			return nil, err
		}
		y += 12
		for _, l := range cut(sf, wrap(sf, subtitle, width), maxSubtitleLns, width) {
			text(img, sf, pale, cardMargin, y, l)
			y += sf.Metrics().Height.Ceil() + 4
		}
	}
	if publisher != "" {
		pf, err := face(fs[1], 30)
		if err != nil {
			return nil, err
		}
		l := cut(pf, []string{publisher}, 1, width)
		text(img, pf, pale, cardMargin, CardHeight-24-cardMargin/2-pf.Metrics().Descent.Ceil(), l[0])
	}
	return encode(img)
}

// text draws s with its baseline at (x, y).
func text(dst draw.Image, f font.Face, c color.Color, x, y int, s string) {
	d := font.Drawer{Dst: dst, Src: image.NewUniform(c), Face: f, Dot: fixed.P(x, y)}
	d.DrawString(s)
}

// wrap breaks s into lines no wider than width, at spaces; a word wider
// than a line is a line of its own (cut will shorten it).
func wrap(f font.Face, s string, width fixed.Int26_6) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		try := w
		if line != "" {
			try = line + " " + w
		}
		if line != "" && font.MeasureString(f, try) > width {
			lines = append(lines, line)
			line = w
			continue
		}
		line = try
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// cut keeps at most n lines, each no wider than width, and ends the last
// with an ellipsis when anything was left out.
func cut(f font.Face, lines []string, n int, width fixed.Int26_6) []string {
	if len(lines) == 0 {
		return []string{""}
	}
	out := lines[:min(n, len(lines))]
	cutSome := len(lines) > n
	for i, l := range out {
		if font.MeasureString(f, l) <= width && (i < len(out)-1 || !cutSome) {
			continue
		}
		r := []rune(l)
		for len(r) > 0 && font.MeasureString(f, string(r)+"…") > width {
			r = r[:len(r)-1]
		}
		out[i] = strings.TrimRightFunc(string(r), unicode.IsSpace) + "…"
	}
	return out
}

// Initial is the letter that the default icon shows: the first letter or
// digit of the title, in capitals ("É" for "école"), or "B" when the
// title has none.
func Initial(title string) string {
	for _, r := range title {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return string(unicode.ToUpper(r))
		}
	}
	return "B"
}

// IconSVG is the default icon as an SVG: the title's initial in white on
// a rounded square of the accent colour. Browsers draw the letter in a
// font of their own.
func IconSVG(title string) []byte {
	var b bytes.Buffer
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">`)
	b.WriteString(`<rect width="64" height="64" rx="12" fill="#0b5cad"/>`)
	b.WriteString(`<text x="32" y="45" text-anchor="middle" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" font-size="38" font-weight="700" fill="#ffffff">`)
	xmlEscape(&b, Initial(title))
	b.WriteString("</text></svg>\n")
	return b.Bytes()
}

func xmlEscape(b *bytes.Buffer, s string) {
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
}

// IconPNG is the default icon as a size × size PNG, drawn as IconSVG
// is, with the Go font's bold letter.
func IconPNG(title string, size int) ([]byte, error) {
	fs, err := fonts()
	if err != nil {
		return nil, err
	}
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	roundedSquare(img, size, float64(size)*12/64, accent)
	f, err := face(fs[0], float64(size)*0.62)
	if err != nil {
		return nil, err
	}
	letter := Initial(title)
	bounds, _ := font.BoundString(f, letter)
	// Centre the letter's ink, not its advance box.
	x := (fixed.I(size) - (bounds.Max.X - bounds.Min.X)) / 2
	y := (fixed.I(size) - (bounds.Max.Y - bounds.Min.Y)) / 2
	d := font.Drawer{Dst: img, Src: image.NewUniform(white), Face: f,
		Dot: fixed.Point26_6{X: x - bounds.Min.X, Y: y - bounds.Min.Y}}
	d.DrawString(letter)
	return encode(img)
}

// roundedSquare fills img (size × size) with c inside a square whose
// corners are rounded by radius, its edge smoothed over one pixel.
func roundedSquare(img *image.RGBA, size int, radius float64, c color.RGBA) {
	s := float64(size)
	for py := range size {
		for px := range size {
			x, y := float64(px)+0.5, float64(py)+0.5
			// Distance outside the rounded square, in pixels.
			cx := min(max(x, radius), s-radius)
			cy := min(max(y, radius), s-radius)
			dx, dy := x-cx, y-cy
			d := dx*dx + dy*dy
			cover := 1.0
			if d > 0 {
				dist := math.Sqrt(d) - radius
				cover = min(max(0.5-dist, 0), 1)
			}
			if cover <= 0 {
				continue
			}
			a := uint8(cover*255 + 0.5)
			// Premultiplied colour.
			img.SetRGBA(px, py, color.RGBA{mul(c.R, a), mul(c.G, a), mul(c.B, a), a})
		}
	}
}

func mul(v, a uint8) uint8 { return uint8((uint16(v)*uint16(a) + 127) / 255) }

// CheckPNG checks that a book's PNG icon is a PNG that ScalePNG can
// draw, from its header; the message says what to do.
func CheckPNG(src []byte) error {
	cfg, err := png.DecodeConfig(bytes.NewReader(src))
	if err != nil {
		return fmt.Errorf("it is not a readable PNG picture; save it again as PNG, or give an SVG")
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxIconPixels {
		return fmt.Errorf("it is %d × %d pixels, larger than an icon needs: save it at 512 × 512 pixels", cfg.Width, cfg.Height)
	}
	return nil
}

// ScalePNG draws a book's PNG icon at size × size: scaled to fit, kept in
// its proportions and centred on a transparent square. A picture of more
// than 4096 × 4096 pixels is refused before it is decoded.
func ScalePNG(src []byte, size int) ([]byte, error) {
	if err := CheckPNG(src); err != nil {
		return nil, err
	}
	m, err := png.Decode(bytes.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("it is not a readable PNG picture; save it again as PNG, or give an SVG")
	}
	b := m.Bounds()
	w, h := size, size
	if b.Dx() > b.Dy() {
		h = max(1, size*b.Dy()/b.Dx())
	} else if b.Dy() > b.Dx() {
		w = max(1, size*b.Dx()/b.Dy())
	}
	dst := image.NewRGBA(image.Rect(0, 0, size, size))
	at := image.Rect((size-w)/2, (size-h)/2, (size-w)/2+w, (size-h)/2+h)
	xdraw.CatmullRom.Scale(dst, at, m, b, xdraw.Over, nil)
	return encode(dst)
}

// ICO wraps a size × size PNG (at most 256) in the ICO format of
// favicon.ico: every browser since Internet Explorer reads a PNG inside.
func ICO(pngData []byte, size int) []byte {
	var b bytes.Buffer
	le := binary.LittleEndian
	b.Write(le.AppendUint16(nil, 0)) // reserved
	b.Write(le.AppendUint16(nil, 1)) // an icon
	b.Write(le.AppendUint16(nil, 1)) // one image
	dim := byte(size)
	if size >= 256 {
		dim = 0 // 0 means 256
	}
	b.Write([]byte{dim, dim, 0, 0})   // width, height, no palette, reserved
	b.Write(le.AppendUint16(nil, 1))  // colour planes
	b.Write(le.AppendUint16(nil, 32)) // bits a pixel
	b.Write(le.AppendUint32(nil, uint32(len(pngData))))
	b.Write(le.AppendUint32(nil, 6+16)) // where the PNG starts
	b.Write(pngData)
	return b.Bytes()
}

// encode writes m as a PNG at zlib's default level: every build without
// a spare folder (a first build, a pull request's check) draws the card
// and the icons, and the best level took four times as long (60 ms of a
// 150 ms build of the sample book) for a card 3% smaller.
func encode(m image.Image) ([]byte, error) {
	var b bytes.Buffer
	e := png.Encoder{CompressionLevel: png.DefaultCompression}
	if err := e.Encode(&b, m); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
