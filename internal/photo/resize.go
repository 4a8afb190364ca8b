package photo

import (
	"image"
	"image/draw"

	xdraw "golang.org/x/image/draw"
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
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	xdraw.CatmullRom.Scale(dst, dst.Rect, src, src.Rect, xdraw.Src, nil)
	return dst
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
