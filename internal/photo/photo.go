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
// holds one size of the image at a time: the versions are made largest
// first, each scaled from the image or from a halving of it, which
// replaces the larger once made, and the versions scaled from one size
// are made at once, on as many cores. Each is scaled straight into the
// form its encoder takes (YCbCr for a JPEG, YUV planes for a WebP) and
// written turned as it is scaled. What the images being made hold at once
// is bounded by Budget: a phone photo holds about 50 MB while its largest
// versions are made, most of it the decoded photo (18 MB), the print
// version's YCbCr (23 MB) and, as WebAssembly, the WebP encoder's memory
// (BenchmarkMake shows the peak per photo).
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
	"sync"

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

// Init makes the WebP encoder ready, once per process: as WebAssembly,
// it is compiled, which takes about 35 MB for a moment. Make calls it
// when it first encodes a WebP; a build calls it before it makes photos,
// while it holds little, so that the compilation's memory is reused by
// them rather than added to theirs.
func Init() { webp.Init() }

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
// each of vs, at once as far as Budget leaves room, each in the order of
// vs in the result. The same bytes give the same versions. The print
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
	fw, fh := in.Width, in.Height // in the file's own orientation
	if in.Orientation >= 5 {
		fw, fh = fh, fw
	}
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
	// Within a depth, the versions that take longest first: the WebP
	// ones, largest first.
	slices.SortStableFunc(steps, func(a, b step) int {
		if c := cmp.Compare(a.depth, b.depth); c != 0 {
			return c
		}
		aw, bw := vs[a.i].Format == WebP, vs[b.i].Format == WebP
		if aw != bw {
			if aw {
				return -1
			}
			return 1
		}
		return cmp.Compare(pixels(b.tw, b.th), pixels(a.tw, a.th))
	})
	// What the image holds at each depth, of Budget, and from each
	// depth on: taken before it is decoded, for the most it will hold
	// (most often while its largest versions are made, as many at once
	// as there are cores), and given back as it is halved.
	deepest := steps[len(steps)-1].depth
	levelCost := make([]int64, deepest+1)
	stepCosts := make([]int64, len(steps))
	cost := make([]int64, deepest+1)
	byDepth := make([][]int64, deepest+1)
	for k, s := range steps {
		stepCosts[k] = stepCost(vs[s.i], s.tw, s.th, in.Alpha)
		byDepth[s.depth] = append(byDepth[s.depth], stepCosts[k])
	}
	for d := range cost {
		slices.SortFunc(byDepth[d], func(a, b int64) int { return cmp.Compare(b, a) })
		for _, c := range byDepth[d][:min(len(byDepth[d]), runtime.GOMAXPROCS(0))] {
			cost[d] += c
		}
		if d < deepest {
			cost[d] = max(cost[d], 4*pixels(fw>>(d+1), fh>>(d+1))) // its half
		}
		levelCost[d] = 4 * pixels(fw>>d, fh>>d) // RGBA
		if d == 0 && in.Format == JPEG {
			levelCost[d] = jpegDecoded(b, fw, fh)
		}
		cost[d] += levelCost[d]
	}
	from := func(d int) int64 { return slices.Max(cost[d:]) }
	got := held.acquire(from(0))
	defer func() { held.release(got) }()
	keep := func(n int64) {
		if got > n {
			held.release(got - n)
			got = n
		}
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
	at := 0
	for first := 0; first < len(steps); {
		d := steps[first].depth
		for ; at < d; at++ {
			level = rgbaRows{half(level)}
			keep(from(at + 1))
		}
		last := first
		for last < len(steps) && steps[last].depth == d {
			last++
		}
		// The versions at this depth are made at once, on as many cores,
		// as far as what the image holds leaves room for them.
		group := steps[first:last]
		own := &budget{size: max(got-levelCost[d], slices.Max(stepCosts[first:last]))}
		var wg sync.WaitGroup
		var mu sync.Mutex
		var firstErr error
		work := make(chan int)
		for range min(len(group), runtime.GOMAXPROCS(0)) {
			wg.Go(func() {
				for k := range work {
					s := group[k]
					n := own.acquire(stepCosts[first+k])
					b, err := makeVersion(level, s.tw, s.th, vs[s.i], in)
					own.release(n)
					mu.Lock()
					out[s.i] = b
					if err != nil && firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			})
		}
		for k := range group {
			work <- k
		}
		close(work)
		wg.Wait()
		if firstErr != nil {
			return nil, firstErr
		}
		first = last
	}
	return out, nil
}

// makeVersion is version v, scaled from level to w×h pixels before it is
// turned as in says and cropped, encoded.
func makeVersion(level rows, w, h int, v Variant, in Info) ([]byte, error) {
	// In the form that its encoder makes the same file of in the least
	// memory (see yccSink and planeSink).
	var img image.Image
	switch {
	case v.Format == JPEG:
		dst := newYCCSink(w, h, in.Orientation)
		scale(level, w, h, dst)
		img = dst.dst
	case v.Format == WebP && !in.Alpha:
		dst := newPlaneSink(w, h, in.Orientation)
		scale(level, w, h, dst)
		img = dst.planes()
	default:
		img = scaled(level, w, h, in.Orientation)
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
	return buf.Bytes(), nil
}

func pixels(w, h int) int64 { return int64(w) * int64(h) }

// stepCost is the bytes that making version v, scaled to w×h pixels
// before any crop, holds beyond the image it is scaled from: for a JPEG,
// its 4:4:4 YCbCr and the file; for an opaque WebP, its planes and their
// sums while it is scaled, then libwebp's copy of the planes and its own
// memory, which as WebAssembly grows by copying (BenchmarkMake measures
// it); otherwise its RGBA, and the planes and encoder of a WebP.
func stepCost(v Variant, w, h int, alpha bool) int64 {
	px := int64(w) * int64(h)
	switch {
	case v.Format == JPEG:
		return 4 * px
	case v.Format == WebP && !alpha:
		return 8 * px
	case v.Format == WebP:
		return 12 * px
	}
	return 6 * px
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
