package photo

import (
	"image"
	"image/draw"
	"math"
)

// pyramid is an image and its halvings, each made from the one before by
// averaging squares of four pixels: a version is scaled from the smallest
// one at least as large, which is at most twice its size, so that a
// 480-pixel version of a 4000-pixel photo costs little.
type pyramid []*image.RGBA

func newPyramid(src image.Image) pyramid {
	b := src.Bounds()
	top, ok := src.(*image.RGBA)
	if !ok || b.Min != (image.Point{}) {
		top = image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
		draw.Draw(top, top.Rect, src, b.Min, draw.Src)
	}
	return pyramid{top}
}

// scaled is the image at w×h pixels, never larger than the image.
func (p *pyramid) scaled(w, h int) *image.RGBA {
	for {
		last := (*p)[len(*p)-1]
		if last.Rect.Dx() < 2*w || last.Rect.Dy() < 2*h {
			break
		}
		*p = append(*p, half(last))
	}
	src := (*p)[0]
	for _, l := range *p {
		if l.Rect.Dx() >= w && l.Rect.Dy() >= h {
			src = l
		}
	}
	if src.Rect.Dx() == w && src.Rect.Dy() == h {
		return src
	}
	return resample(src, w, h)
}

// half is src at half its size, each pixel the mean of four (an odd last
// row or column is dropped).
func half(src *image.RGBA) *image.RGBA {
	w, h := src.Rect.Dx()/2, src.Rect.Dy()/2
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		r0 := src.Pix[2*y*src.Stride:]
		r1 := src.Pix[(2*y+1)*src.Stride:]
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
func resample(src *image.RGBA, w, h int) *image.RGBA {
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	xs, ys := weights(w, sw), weights(h, sh)
	ring := 0
	for _, t := range ys {
		ring = max(ring, len(t.w))
	}
	rows := make([][]float32, ring)
	tags := make([]int, ring)
	for i := range rows {
		rows[i] = make([]float32, 4*w)
		tags[i] = -1
	}
	// row is source row y scaled across, from the ring.
	row := func(y int) []float32 {
		r := rows[y%ring]
		if tags[y%ring] == y {
			return r
		}
		tags[y%ring] = y
		s := src.Pix[y*src.Stride:]
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
