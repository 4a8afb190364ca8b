package photo

import (
	"image"
	"image/color"
	"image/draw"
	"math"
)

// rows gives the rows of an image as RGBA bytes (premultiplied), so that
// a decoded JPEG is scaled from its own YCbCr pixels, a row at a time,
// without a second copy of it at full size.
type rows interface {
	bounds() (w, h int)
	// row is row y, 4*w bytes, in buf or in the image itself.
	row(y int, buf []uint8) []uint8
}

type rgbaRows struct{ *image.RGBA }

func (r rgbaRows) bounds() (int, int) { return r.Rect.Dx(), r.Rect.Dy() }
func (r rgbaRows) row(y int, _ []uint8) []uint8 {
	return r.Pix[y*r.Stride : y*r.Stride+4*r.Rect.Dx()]
}

type ycbcrRows struct{ *image.YCbCr }

func (r ycbcrRows) bounds() (int, int) { return r.Rect.Dx(), r.Rect.Dy() }
func (r ycbcrRows) row(y int, buf []uint8) []uint8 {
	b := r.Rect
	for x := range b.Dx() {
		yi := r.YOffset(b.Min.X+x, b.Min.Y+y)
		ci := r.COffset(b.Min.X+x, b.Min.Y+y)
		buf[4*x], buf[4*x+1], buf[4*x+2] = color.YCbCrToRGB(r.Y[yi], r.Cb[ci], r.Cr[ci])
		buf[4*x+3] = 255
	}
	return buf[:4*b.Dx()]
}

// toRows gives src's rows: a JPEG's YCbCr and an RGBA image as they are,
// other images converted to RGBA.
func toRows(src image.Image) rows {
	switch s := src.(type) {
	case *image.YCbCr:
		return ycbcrRows{s}
	case *image.RGBA:
		if s.Rect.Min == (image.Point{}) {
			return rgbaRows{s}
		}
	}
	b := src.Bounds()
	top := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(top, top.Rect, src, b.Min, draw.Src)
	return rgbaRows{top}
}

// depth is how many times an image sw×sh pixels is halved (see half)
// before it is scaled to w×h: while the half is still as large, so that
// a version is scaled from an image at most twice its size, and a
// 480-pixel version of a 4000-pixel photo costs little.
func depth(sw, sh, w, h int) int {
	d := 0
	for sw >= 2*w && sh >= 2*h {
		sw, sh = sw/2, sh/2
		d++
	}
	return d
}

// scaled is src at w×h pixels, turned as orientation o says: w×h is the
// size before it is turned.
func scaled(src rows, w, h, o int) *image.RGBA {
	if r, ok := src.(rgbaRows); ok && o <= 1 {
		if sw, sh := src.bounds(); sw == w && sh == h {
			return r.RGBA
		}
	}
	s := rgbaSink{turned(w, h, o), o, w, h}
	scale(src, w, h, s)
	return s.dst
}

// scale writes src scaled to w×h pixels into dst, a row at a time.
func scale(src rows, w, h int, dst sink) {
	if sw, sh := src.bounds(); sw != w || sh != h {
		resample(src, w, h, dst)
		return
	}
	buf := make([]uint8, 4*w)
	for y := range h {
		dst.put(y, src.row(y, buf))
	}
}

// A sink takes the rows of a scaled image, each as premultiplied RGBA,
// 4*w bytes, and keeps them in its own form, turned as an orientation
// says.
type sink interface {
	put(y int, row []uint8)
}

// rgbaSink keeps the rows in dst, which turned made.
type rgbaSink struct {
	dst     *image.RGBA
	o, w, h int // the orientation and the size before turning
}

func (s rgbaSink) put(y int, row []uint8) { put(s.dst, s.o, s.w, s.h, y, row) }

// yccSink keeps the rows in dst, a YCbCr image with a Cb and a Cr for
// every pixel (4:4:4), converted as image/jpeg converts an RGBA image:
// the JPEG encoder makes the same file of either, and this one takes 3
// bytes a pixel rather than 4.
type yccSink struct {
	dst     *image.YCbCr
	o, w, h int
}

// newYCCSink is a yccSink for a w×h image turned as orientation o says.
func newYCCSink(w, h, o int) yccSink {
	tw, th := w, h
	if o >= 5 && o <= 8 {
		tw, th = h, w
	}
	return yccSink{image.NewYCbCr(image.Rect(0, 0, tw, th), image.YCbCrSubsampleRatio444), o, w, h}
}

func (s yccSink) put(y int, row []uint8) {
	tx, ty, dx, dy := turnedAt(s.o, s.w, s.h, y)
	for x := range s.w {
		i := ty*s.dst.YStride + tx
		s.dst.Y[i], s.dst.Cb[i], s.dst.Cr[i] = color.RGBToYCbCr(row[4*x], row[4*x+1], row[4*x+2])
		tx, ty = tx+dx, ty+dy
	}
}

// turnedAt is where the first pixel of row y of a w×h image is once the
// image is turned as orientation o says (see put), and the step from
// each pixel of the row to the next there.
func turnedAt(o, w, h, y int) (x0, y0, dx, dy int) {
	switch o {
	case 2:
		return w - 1, y, -1, 0
	case 3:
		return w - 1, h - 1 - y, -1, 0
	case 4:
		return 0, h - 1 - y, 1, 0
	case 5:
		return y, 0, 0, 1
	case 6:
		return h - 1 - y, 0, 0, 1
	case 7:
		return h - 1 - y, w - 1, 0, -1
	case 8:
		return y, w - 1, 0, -1
	}
	return 0, y, 1, 0
}

// half is src at half its size, each pixel the mean of four (an odd last
// row or column is dropped).
func half(src rows) *image.RGBA {
	sw, sh := src.bounds()
	w, h := sw/2, sh/2
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	b0, b1 := make([]uint8, 4*sw), make([]uint8, 4*sw)
	for y := range h {
		r0 := src.row(2*y, b0)
		r1 := src.row(2*y+1, b1)
		d := dst.Pix[y*dst.Stride : y*dst.Stride+4*w]
		for x := 0; x < 4*w; x += 4 {
			s := 2 * x
			for c := range 4 {
				d[x+c] = uint8((uint(r0[s+c]) + uint(r0[s+4+c]) + uint(r1[s+c]) + uint(r1[s+4+c]) + 2) >> 2)
			}
		}
	}
	return dst
}

// orient turns src as the EXIF orientation o says, so that it shows the
// right way up: 2 mirrored, 3 turned half round, 4 flipped, 5 mirrored
// along the diagonal, 6 turned a quarter clockwise, 7 mirrored along the
// other diagonal, 8 turned a quarter anticlockwise.
func orient(src *image.RGBA, o int) *image.RGBA {
	if o <= 1 || o > 8 {
		return src
	}
	w, h := src.Rect.Dx(), src.Rect.Dy()
	dst := turned(w, h, o)
	for y := range h {
		put(dst, o, w, h, y, src.Pix[y*src.Stride:y*src.Stride+4*w])
	}
	return dst
}

// turned is a new image for a w×h one turned as orientation o says.
func turned(w, h, o int) *image.RGBA {
	if o >= 5 && o <= 8 {
		w, h = h, w
	}
	return image.NewRGBA(image.Rect(0, 0, w, h))
}

// put writes row y of a w×h image, 4*w bytes, where orientation o shows
// it in dst, which turned made: a row, or a column, forwards or
// backwards. Writing each scaled row to its place saves a turned copy of
// every version.
func put(dst *image.RGBA, o, w, h, y int, row []uint8) {
	s := dst.Stride
	var at, step int // of the row's first pixel in dst.Pix, and to the next
	switch o {
	case 2:
		at, step = y*s+4*(w-1), -4
	case 3:
		at, step = (h-1-y)*s+4*(w-1), -4
	case 4:
		at, step = (h-1-y)*s, 4
	case 5:
		at, step = 4*y, s
	case 6:
		at, step = 4*(h-1-y), s
	case 7:
		at, step = (w-1)*s+4*(h-1-y), -s
	case 8:
		at, step = (w-1)*s+4*y, -s
	default:
		copy(dst.Pix[y*s:y*s+4*w], row)
		return
	}
	for x := 0; x < 4*w; x += 4 {
		copy(dst.Pix[at:at+4], row[x:x+4])
		at += step
	}
}

// taps are the source pixels and weights that make one pixel of a scaled
// row or column.
type taps struct {
	first int       // the first source pixel
	w     []float32 // its weight and the next ones'
}

// catmullRom is the Catmull-Rom cubic, the kernel of x/image/draw's
// CatmullRom.
func catmullRom(x float64) float64 {
	x = math.Abs(x)
	switch {
	case x < 1:
		return (1.5*x-2.5)*x*x + 1
	case x < 2:
		return ((-0.5*x+2.5)*x-4)*x + 2
	}
	return 0
}

// weights are the taps of each of n pixels scaled from m, the kernel
// stretched by the ratio when shrinking.
func weights(n, m int) []taps {
	ratio := float64(m) / float64(n)
	scale := max(ratio, 1)
	support := 2 * scale
	ts := make([]taps, n)
	for i := range ts {
		c := (float64(i)+0.5)*ratio - 0.5
		lo := int(math.Floor(c-support)) + 1
		hi := int(math.Floor(c + support))
		var ws []float64
		sum := 0.0
		for j := lo; j <= hi; j++ {
			w := catmullRom((float64(j) - c) / scale)
			ws = append(ws, w)
			sum += w
		}
		// Pixels past an edge repeat the edge's: their weight goes to it.
		t := taps{first: max(0, lo)}
		last := min(m-1, hi)
		t.w = make([]float32, last-t.first+1)
		for k, w := range ws {
			j := min(max(lo+k, 0), m-1)
			t.w[j-t.first] += float32(w / sum)
		}
		ts[i] = t
	}
	return ts
}

// resample scales src to w×h pixels with the Catmull-Rom kernel, as
// x/image/draw's CatmullRom does, a row at a time, into dst: it holds a
// few scaled rows rather than a buffer of the whole image, which for a
// 4000-pixel photo would take hundreds of megabytes, and dst keeps each
// row where the turned image has it.
func resample(src rows, w, h int, dst sink) {
	sw, sh := src.bounds()
	xs, ys := weights(w, sw), weights(h, sh)
	ring := 0
	for _, t := range ys {
		ring = max(ring, len(t.w))
	}
	scaled := make([][]float32, ring)
	tags := make([]int, ring)
	for i := range scaled {
		scaled[i] = make([]float32, 4*w)
		tags[i] = -1
	}
	buf := make([]uint8, 4*sw)
	// row is source row y scaled across, from the ring.
	row := func(y int) []float32 {
		r := scaled[y%ring]
		if tags[y%ring] == y {
			return r
		}
		tags[y%ring] = y
		s := src.row(y, buf)
		for x, t := range xs {
			var a, b, c, d float32
			p := s[4*t.first:]
			for k, wt := range t.w {
				a += wt * float32(p[4*k])
				b += wt * float32(p[4*k+1])
				c += wt * float32(p[4*k+2])
				d += wt * float32(p[4*k+3])
			}
			r[4*x], r[4*x+1], r[4*x+2], r[4*x+3] = a, b, c, d
		}
		return r
	}
	acc := make([]float32, 4*w)
	d := make([]uint8, 4*w)
	for y, t := range ys {
		clear(acc)
		for k, wt := range t.w {
			r := row(t.first + k)
			for i, v := range r {
				acc[i] += wt * v
			}
		}
		for x := 0; x < 4*w; x += 4 {
			a := clamp8(acc[x+3])
			// Premultiplied: no colour above its alpha.
			d[x], d[x+1], d[x+2], d[x+3] = min(clamp8(acc[x]), a), min(clamp8(acc[x+1]), a), min(clamp8(acc[x+2]), a), a
		}
		dst.put(y, d)
	}
}

func clamp8(v float32) uint8 {
	switch {
	case v <= 0:
		return 0
	case v >= 255:
		return 255
	}
	return uint8(v + 0.5)
}
