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

// pyramid is an image and its halvings, each made from the one before by
// averaging squares of four pixels: a version is scaled from the smallest
// one at least as large, which is at most twice its size, so that a
// 480-pixel version of a 4000-pixel photo costs little.
type pyramid []rows

func newPyramid(src image.Image) pyramid { return pyramid{toRows(src)} }

// scaled is the image at w×h pixels, never larger than the image.
func (p *pyramid) scaled(w, h int) *image.RGBA {
	for {
		lw, lh := (*p)[len(*p)-1].bounds()
		if lw < 2*w || lh < 2*h {
			break
		}
		*p = append(*p, rgbaRows{half((*p)[len(*p)-1])})
	}
	src := (*p)[0]
	for _, l := range *p {
		if lw, lh := l.bounds(); lw >= w && lh >= h {
			src = l
		}
	}
	if sw, sh := src.bounds(); sw == w && sh == h {
		if r, ok := src.(rgbaRows); ok {
			return r.RGBA
		}
		dst := image.NewRGBA(image.Rect(0, 0, w, h))
		for y := range h {
			src.row(y, dst.Pix[y*dst.Stride:])
		}
		return dst
	}
	return resample(src, w, h)
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
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range h {
		for x := range w {
			var dx, dy int
			switch o {
			case 2:
				dx, dy = w-1-x, y
			case 3:
				dx, dy = w-1-x, h-1-y
			case 4:
				dx, dy = x, h-1-y
			case 5:
				dx, dy = y, x
			case 6:
				dx, dy = h-1-y, x
			case 7:
				dx, dy = h-1-y, w-1-x
			case 8:
				dx, dy = y, w-1-x
			}
			copy(dst.Pix[dy*dst.Stride+4*dx:dy*dst.Stride+4*dx+4], src.Pix[y*src.Stride+4*x:y*src.Stride+4*x+4])
		}
	}
	return dst
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
// x/image/draw's CatmullRom does, a row at a time: it holds a few scaled
// rows rather than a buffer of the whole image, which for a 4000-pixel
// photo would take hundreds of megabytes.
func resample(src rows, w, h int) *image.RGBA {
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
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	acc := make([]float32, 4*w)
	for y, t := range ys {
		clear(acc)
		for k, wt := range t.w {
			r := row(t.first + k)
			for i, v := range r {
				acc[i] += wt * v
			}
		}
		d := dst.Pix[y*dst.Stride:]
		for x := 0; x < 4*w; x += 4 {
			a := clamp8(acc[x+3])
			// Premultiplied: no colour above its alpha.
			d[x], d[x+1], d[x+2], d[x+3] = min(clamp8(acc[x]), a), min(clamp8(acc[x+1]), a), min(clamp8(acc[x+2]), a), a
		}
	}
	return dst
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
