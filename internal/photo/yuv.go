package photo

import (
	"image"
	"math"
)

// An opaque version is given to the WebP encoder as the YUV 4:2:0 planes
// that a lossy WebP codes, converted here as libwebp 1.4 converts an RGBA
// picture itself (WebPPictureARGBToYUVA: luma per pixel, chroma from each
// 2×2 block averaged in a gamma-compressed space). The file is the same
// byte for byte, but libwebp, which as WebAssembly grows its memory for
// each copy it holds, no longer makes an ARGB copy (4 bytes a pixel) of
// the version besides its planes (1.5): encoding a 1600×2133 version
// takes about 20 MB rather than 90 (TestWebPPlanes checks the bytes,
// BenchmarkMake the memory). A version with any transparency is given as
// RGBA, as before.

// The fixed-point precisions of libwebp's conversion.
const (
	yuvFix       = 16 // of the RGB to YUV coefficients
	yuvHalf      = 1 << (yuvFix - 1)
	gammaFix     = 12 // of a linear value
	gammaTabFix  = 7  // of the fraction between two entries of gammaTab
	gammaTabSize = 1 << (gammaFix - gammaTabFix)
)

// linearTab maps an 8-bit value to linear light, gammaFix bits;
// gammaTab maps linear light, in gammaTabSize steps, back to 8 bits.
var linearTab, gammaTab = gammaTables()

// gammaTables are libwebp's tables for a gamma of 0.8, computed in the
// same double-precision steps (TestGammaTables checks that no entry is
// near enough a rounding boundary for the last bit of math.Pow to
// matter).
func gammaTables() (lin [256]uint16, gam [gammaTabSize + 1]int32) {
	for v := range lin {
		lin[v] = uint16(linearEntry(v) + .5)
	}
	for v := range gam {
		gam[v] = int32(gammaEntry(v) + .5)
	}
	return lin, gam
}

const gamma = 0.80

// linearEntry and gammaEntry are the entries of the tables before they
// are rounded. Each product is converted explicitly so that it is rounded
// on its own, as in C, never fused with the addition that follows.
func linearEntry(v int) float64 {
	g, norm := float64(gamma), 1.0/255
	return float64(math.Pow(norm*float64(v), g) * float64(1<<gammaFix-1))
}

func gammaEntry(v int) float64 {
	g, scale := float64(gamma), float64(1<<gammaTabFix)/float64(1<<gammaFix-1)
	return float64(255 * math.Pow(scale*float64(v), 1/g))
}

// fromLinear is the sum of four linear values back in gamma-compressed
// space, with 2 more bits of precision than 8: the mean of the four 8-bit
// values is its quarter.
func fromLinear(sum uint16) int {
	const one = 1 << (gammaTabFix + 2)
	v := int(sum)
	i, x := v>>(gammaTabFix+2), v&(one-1)
	y := int(gammaTab[i+1])*x + int(gammaTab[i])*(one-x)
	return (y + 1<<gammaTabFix>>1) >> gammaTabFix
}

// toY is the luma of an 8-bit RGB pixel.
func toY(r, g, b uint8) uint8 {
	return uint8((16839*int(r) + 33059*int(g) + 6420*int(b) + yuvHalf + 16<<yuvFix) >> yuvFix)
}

// toUV is the chroma of four times an RGB value (fromLinear's).
func toUV(r, g, b int) (u, v uint8) {
	clip := func(c int) uint8 {
		c = (c + yuvHalf<<2 + 128<<(yuvFix+2)) >> (yuvFix + 2)
		return uint8(min(max(c, 0), 255))
	}
	return clip(-9719*r - 19081*g + 28800*b), clip(28800*r - 24116*g - 4684*b)
}

// planes is img as YUV 4:2:0 planes (see planeSink); ok is false if
// any pixel of img is not opaque.
func planes(img *image.RGBA) (p *image.NYCbCrA, ok bool) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	rowOf := func(y int) []uint8 {
		at := y * img.Stride
		return img.Pix[at : at+4*w]
	}
	for y := range h {
		r := rowOf(y)
		for x := 3; x < len(r); x += 4 {
			if r[x] != 255 {
				return nil, false
			}
		}
	}
	s := newPlaneSink(w, h, 1)
	for y := range h {
		s.put(y, rowOf(y))
	}
	return s.planes(), true
}

// planeSink makes the YUV 4:2:0 planes of an opaque image from its rows
// (see sink), with an opaque alpha plane, in one buffer in the order Y,
// Cb, Cr, A, as github.com/gen2brain/webp reads them: each pixel's luma
// as it comes, and for each 2×2 block of the turned image the sum of its
// pixels' linear red, green and blue, made chroma at the end. A pixel of
// an odd width's last column or an odd height's last row counts twice,
// as libwebp pairs it with itself.
type planeSink struct {
	p       *image.NYCbCrA
	sums    []uint16 // red, green and blue for each chroma sample: at most 4×4095
	o, w, h int      // the orientation and the size before turning
}

// newPlaneSink is a planeSink for a w×h image turned as orientation o
// says.
func newPlaneSink(w, h, o int) *planeSink {
	tw, th := w, h
	if o >= 5 && o <= 8 {
		tw, th = h, w
	}
	cw, ch := (tw+1)/2, (th+1)/2
	buf := make([]uint8, 2*tw*th+2*cw*ch)
	p := &image.NYCbCrA{
		YCbCr: image.YCbCr{
			Y: buf[:tw*th], Cb: buf[tw*th : tw*th+cw*ch], Cr: buf[tw*th+cw*ch : tw*th+2*cw*ch],
			YStride: tw, CStride: cw, SubsampleRatio: image.YCbCrSubsampleRatio420,
			Rect: image.Rect(0, 0, tw, th),
		},
		A: buf[tw*th+2*cw*ch:], AStride: tw,
	}
	return &planeSink{p: p, sums: make([]uint16, 3*cw*ch), o: o, w: w, h: h}
}

func (s *planeSink) put(y int, row []uint8) {
	tw, th, cw := s.p.YStride, s.p.Rect.Dy(), s.p.CStride
	tx, ty, dx, dy := turnedAt(s.o, s.w, s.h, y)
	for x := range s.w {
		r, g, b := row[4*x], row[4*x+1], row[4*x+2]
		s.p.Y[ty*tw+tx] = toY(r, g, b)
		n := uint16(1)
		if tx == tw-1 && tw%2 == 1 {
			n *= 2
		}
		if ty == th-1 && th%2 == 1 {
			n *= 2
		}
		sum := s.sums[3*((ty/2)*cw+tx/2):]
		sum[0] += n * linearTab[r]
		sum[1] += n * linearTab[g]
		sum[2] += n * linearTab[b]
		tx, ty = tx+dx, ty+dy
	}
}

// planes is the image, once every row is put.
func (s *planeSink) planes() *image.NYCbCrA {
	for i := range s.p.Cb {
		sum := s.sums[3*i:]
		s.p.Cb[i], s.p.Cr[i] = toUV(fromLinear(sum[0]), fromLinear(sum[1]), fromLinear(sum[2]))
	}
	for i := range s.p.A {
		s.p.A[i] = 255
	}
	s.sums = nil
	return s.p
}
