// Package photo makes the versions of a raster image (JPEG, PNG, GIF or
// WebP) that a site publishes: for screens, several widths (never
// enlarged) in WebP and in JPEG or PNG for browsers without WebP; for
// print, one version at print resolution in the image's own format, which
// is published in the original's place. Every version is decoded and
// encoded again, turned as the camera's EXIF orientation says, so none
// carries the original's metadata (EXIF, GPS position, XMP, PNG text):
// Go's encoders write none.
//
// Inspect reads what a build needs to know without decoding the pixels;
// Make decodes an image once and encodes the versions asked for. Make
// decodes at most one image per core at a time, which bounds the memory
// that encoding a folder of phone photos takes, and holds one size of it
// at a time: the versions are made largest first, each scaled from the
// image or from a halving of it, which replaces the larger once made, and
// each written turned as it is scaled. What is left is mostly the WebP
// encoder's: as WebAssembly, about 70 MB while it encodes a 1600×2133
// version (BenchmarkMake shows the peak per photo).
package photo

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"
	"runtime"
	"slices"
	"strings"

	"github.com/gen2brain/webp"

	"buildbook/internal/asset"
	xwebp "golang.org/x/image/webp"
)

// Format is the format of an image file.
type Format string

// The formats that versions are made in.
const (
	JPEG Format = "jpeg"
	PNG  Format = "png"
	GIF  Format = "gif"
	WebP Format = "webp"
)

// Ext is the extension of a file of the format, with its dot.
func (f Format) Ext() string {
	if f == JPEG {
		return ".jpg"
	}
	return "." + string(f)
}

// Type is the format's media type, for a <source type>.
func (f Format) Type() string { return "image/" + string(f) }

// Widths are the widths, in pixels, that an image is published in for
// screens, as far as it is wide enough: a narrower image is published at
// its own width too.
var Widths = []int{480, 800, 1200, 1600}

// PrintWidth is the widest print version: a full page at 300 dots per
// inch.
const PrintWidth = 2400

// MaxPixels is the largest image, in pixels, that is published: decoding
// one takes four bytes a pixel.
const MaxPixels = 50_000_000

// Quality of the lossy encodings, from 1 to 100.
const (
	jpegQuality      = 80 // a photo on a screen
	webpQuality      = 75
	webpQualityArt   = 88 // a drawing or screenshot (from PNG or GIF)
	printQuality     = 88
	webpEncodeMethod = 4 // libwebp's default: effort against size
)

// Version names the encoders and their settings: a version made by
// another is not the same file.
func Version() string {
	mode := "wasm"
	if webp.Dynamic() == nil {
		mode = "libwebp" // a system library: its bytes may differ
	}
	return fmt.Sprintf("photo/1 %s webp-0.5.5-%s q%d/%d/%d/%d m%d w%v/%d", runtime.Version(), mode,
		jpegQuality, webpQuality, webpQualityArt, printQuality, webpEncodeMethod, Widths, PrintWidth)
}

// Info is what Inspect finds in an image file.
type Info struct {
	Format        Format // of the file
	Width, Height int    // as shown, once turned as Orientation says
	Orientation   int    // EXIF, 1 to 8; 1 for none
	Animated      bool   // a GIF of several frames: published whole, in one version
	Poster        bool   // an animated GIF over PosterBytes: pages show its first frame, still (see Screen)
	Alpha         bool   // the format may hold transparency
}

// PosterBytes is the largest animated GIF that pages show moving: a
// reader on a phone must not download more to see a picture. A larger
// one is shown by its first frame, still, in the screen versions of a
// photo; the animation is published whole in the original's place, where
// a link to the file opens it.
const PosterBytes = 300 << 10

// Fallback is the format of the screen versions for browsers without
// WebP: JPEG for a photo, PNG for a drawing or an image with transparency.
func (in Info) Fallback() Format {
	if in.Format == JPEG || in.Format == WebP && !in.Alpha {
		return JPEG
	}
	return PNG
}

// Error is a reason an image cannot be published, for the person who
// added it.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// Inspect reads an image file's format, size and orientation from its
// header. The format is the one its first bytes say (see
// asset.RasterFormat), whatever its name.
func Inspect(b []byte) (Info, error) {
	var in Info
	var cfg image.Config
	var err error
	switch asset.RasterFormat(b) {
	case "jpeg":
		in.Format = JPEG
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(b))
		in.Orientation = Orientation(b)
	case "png":
		in.Format, in.Alpha = PNG, true
		cfg, err = png.DecodeConfig(bytes.NewReader(b))
	case "gif":
		in.Format, in.Alpha = GIF, true
		cfg, err = gif.DecodeConfig(bytes.NewReader(b))
		in.Animated = gifFrames(b) > 1
		in.Poster = in.Animated && len(b) > PosterBytes
	case "webp":
		in.Format = WebP
		cfg, err = xwebp.DecodeConfig(bytes.NewReader(b))
		in.Alpha = webpAlpha(b)
	default:
		return Info{}, &Error{"it is not a PNG, JPEG, GIF or WebP image that buildbook can read; save it again as JPEG (a photo) or PNG (a drawing)"}
	}
	if err != nil {
		return Info{}, &Error{fmt.Sprintf("it is not a readable %s image; save it again as JPEG (a photo) or PNG (a drawing)", strings.ToUpper(string(in.Format)))}
	}
	if in.Orientation == 0 {
		in.Orientation = 1
	}
	in.Width, in.Height = cfg.Width, cfg.Height
	if in.Orientation >= 5 {
		in.Width, in.Height = in.Height, in.Width
	}
	if in.Width <= 0 || in.Height <= 0 || int64(in.Width)*int64(in.Height) > MaxPixels {
		return Info{}, &Error{fmt.Sprintf("the picture is %d×%d pixels, over the %d million pixels buildbook publishes; save a smaller copy (a photo needs no more than 4000 pixels across)", cfg.Width, cfg.Height, MaxPixels/1_000_000)}
	}
	return in, nil
}

// Variant is one version of an image.
type Variant struct {
	Width, Height int
	Format        Format
	Print         bool // the print version, at a higher quality
	Crop          bool // cropped about its centre to fill Width×Height (a card); else scaled whole
}

// CardWidth and CardHeight are the size of the card that a shared link to
// a page shows (Open Graph's 1.91:1, as Facebook, LinkedIn and others
// show it).
const (
	CardWidth  = 1200
	CardHeight = 630
)

// Card is the version that a shared link shows: the image cropped about
// its centre to fill CardWidth×CardHeight, in the fallback format. An
// image too small for that gives a smaller card of the same shape (never
// enlarged); one under half the card's width or height, or an animated
// GIF that pages show moving, gives none (ok is false), and is shared as
// it is.
func (in Info) Card() (v Variant, ok bool) {
	if in.Animated && !in.Poster {
		return Variant{}, false
	}
	w := min(CardWidth, in.Width, in.Height*CardWidth/CardHeight)
	h := min(in.Height, (w*CardHeight+CardWidth/2)/CardWidth)
	if w < CardWidth/2 || h < CardHeight/2 {
		return Variant{}, false
	}
	return Variant{Width: w, Height: h, Format: in.Fallback(), Crop: true}, true
}

// Screen lists the versions for screens, narrowest first, each width in
// WebP then in the fallback format; none for an animated GIF, which is
// published whole, unless it is over PosterBytes: then they are of its
// first frame.
func (in Info) Screen() []Variant {
	if in.Animated && !in.Poster {
		return nil
	}
	var vs []Variant
	for _, w := range screenWidths(in.Width) {
		h := in.heightAt(w)
		vs = append(vs, Variant{Width: w, Height: h, Format: WebP}, Variant{Width: w, Height: h, Format: in.Fallback()})
	}
	return vs
}

// screenWidths are the widths of the screen versions of an image w
// pixels wide.
func screenWidths(w int) []int {
	var ws []int
	for _, x := range Widths {
		if x < w {
			ws = append(ws, x)
		}
	}
	if w <= Widths[len(Widths)-1] {
		ws = append(ws, w)
	}
	return ws
}

// Print is the print version, published in the original's place: at most
// PrintWidth wide, in the original's format.
func (in Info) Print() Variant {
	w := min(in.Width, PrintWidth)
	return Variant{Width: w, Height: in.heightAt(w), Format: in.Format, Print: true}
}

func (in Info) heightAt(w int) int {
	if w == in.Width {
		return in.Height
	}
	return max(1, (in.Height*w+in.Width/2)/in.Width)
}

// slots bound how many images are decoded at once: one per core.
var slots = make(chan struct{}, runtime.GOMAXPROCS(0))

// Make decodes the image b, which Inspect described as in, and encodes
// each of vs, in order. The same bytes give the same versions. The print
// version of an animated GIF is the whole animation, and so is every
// version of one that is not a Poster; a poster's others are of its
// first frame.
func Make(b []byte, in Info, vs []Variant) ([][]byte, error) {
	slots <- struct{}{}
	defer func() { <-slots }()
	out := make([][]byte, len(vs))
	var anim []byte
	still := false
	for i, v := range vs {
		if !in.Animated || in.Poster && !v.Print {
			still = true
			continue
		}
		if anim == nil {
			var err error
			if anim, err = animation(b); err != nil {
				return nil, err
			}
		}
		out[i] = anim
	}
	if !still {
		return out, nil
	}
	var src image.Image
	var err error
	if in.Animated {
		src, err = firstFrame(b)
	} else {
		src, err = decode(b, in.Format)
	}
	if err != nil {
		return nil, err
	}
	level := toRows(src)
	src = nil
	fw, fh := level.bounds() // in the file's own orientation
	// Each version is scaled from the image halved depth times; they are
	// made deepest last, so that each level is dropped, the decoded image
	// first, as soon as the next is made from it.
	type step struct{ i, tw, th, depth int }
	var steps []step
	for i, v := range vs {
		if out[i] != nil {
			continue
		}
		// The size, as shown, to scale the whole image to: a card's
		// is the smallest that covers it, cut to it below.
		sw, sh := v.Width, v.Height
		if v.Crop {
			sw = max(v.Width, (in.Width*v.Height+in.Height/2)/in.Height)
			sh = max(v.Height, (in.Height*v.Width+in.Width/2)/in.Width)
			if sw > v.Width {
				sh = v.Height
			} else {
				sw = v.Width
			}
		}
		// In the file's own orientation.
		tw, th := sw, sh
		if in.Orientation >= 5 {
			tw, th = th, tw
		}
		steps = append(steps, step{i, tw, th, depth(fw, fh, tw, th)})
	}
	slices.SortStableFunc(steps, func(a, b step) int { return cmp.Compare(a.depth, b.depth) })
	at := 0
	for _, s := range steps {
		for ; at < s.depth; at++ {
			level = rgbaRows{half(level)}
		}
		v := vs[s.i]
		// In the form that its encoder makes the same file of in the
		// least memory (see yccSink and planeSink).
		var img image.Image
		switch {
		case v.Format == JPEG:
			dst := newYCCSink(s.tw, s.th, in.Orientation)
			scale(level, s.tw, s.th, dst)
			img = dst.dst
		case v.Format == WebP && !in.Alpha:
			dst := newPlaneSink(s.tw, s.th, in.Orientation)
			scale(level, s.tw, s.th, dst)
			img = dst.planes()
		default:
			img = scaled(level, s.tw, s.th, in.Orientation)
		}
		if v.Crop {
			w, h := img.Bounds().Dx(), img.Bounds().Dy()
			x, y := (w-v.Width)/2, (h-v.Height)/2
			img = img.(interface {
				SubImage(image.Rectangle) image.Image
			}).SubImage(image.Rect(x, y, x+v.Width, y+v.Height))
		}
		var buf bytes.Buffer
		if err := encode(&buf, img, v, in.Format); err != nil {
			return nil, err
		}
		out[s.i] = buf.Bytes()
	}
	return out, nil
}

// animation is the animated GIF b encoded again: its frames, their
// timing and the loop count; not the comments or application data.
func animation(b []byte) ([]byte, error) {
	g, err := gif.DecodeAll(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, &gif.GIF{Image: g.Image, Delay: g.Delay, Disposal: g.Disposal, LoopCount: g.LoopCount, BackgroundIndex: g.BackgroundIndex, Config: g.Config}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// firstFrame is the first frame of the animated GIF b on the whole of its
// canvas (a frame may cover only part of it).
func firstFrame(b []byte) (image.Image, error) {
	g, err := gif.DecodeAll(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	canvas := image.NewRGBA(image.Rect(0, 0, g.Config.Width, g.Config.Height))
	draw.Draw(canvas, g.Image[0].Bounds(), g.Image[0], g.Image[0].Bounds().Min, draw.Src)
	return canvas, nil
}

func decode(b []byte, f Format) (image.Image, error) {
	r := bytes.NewReader(b)
	switch f {
	case JPEG:
		return jpeg.Decode(r)
	case PNG:
		return png.Decode(r)
	case GIF:
		return gif.Decode(r)
	case WebP:
		return xwebp.Decode(r)
	}
	return nil, fmt.Errorf("photo: cannot decode %s", f)
}

// encode writes img as version v of an image in format from: img is
// an *image.RGBA, or for a JPEG a 4:4:4 *image.YCbCr, or for a WebP the
// planes of an opaque image (see planeSink).
func encode(buf *bytes.Buffer, img image.Image, v Variant, from Format) error {
	switch v.Format {
	case JPEG:
		q := jpegQuality
		if v.Print {
			q = printQuality
		}
		return jpeg.Encode(buf, img, &jpeg.Options{Quality: q})
	case PNG:
		return (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(buf, img)
	case GIF:
		return gif.Encode(buf, img, nil)
	case WebP:
		q := webpQuality
		switch {
		case v.Print:
			q = printQuality
		case from == PNG || from == GIF:
			q = webpQualityArt
		}
		o := webp.Options{Quality: q, Method: webpEncodeMethod}
		if rgba, ok := img.(*image.RGBA); ok {
			if p, ok := planes(rgba); ok {
				img = p // the same file, in less memory (see planeSink)
			}
		}
		return webp.Encode(buf, img, o)
	}
	return errors.New("photo: cannot encode " + string(v.Format))
}

// gifFrames counts the frames of a GIF file, up to 2.
func gifFrames(b []byte) int {
	g, err := gif.DecodeAll(bytes.NewReader(b))
	if err != nil {
		return 0
	}
	return min(2, len(g.Image))
}

// webpAlpha reports whether a WebP file may hold transparency: a lossless
// one, or an extended one whose header says so.
func webpAlpha(b []byte) bool {
	if len(b) < 21 || string(b[12:16]) == "VP8 " {
		return false
	}
	if string(b[12:16]) == "VP8X" {
		return b[20]&0x10 != 0
	}
	return true
}
