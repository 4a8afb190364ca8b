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

// fromLinear is the sum of linear values, shifted left by shift, back in
// gamma-compressed space, with 2 more bits of precision than 8: the mean
// of four 8-bit values is its quarter.
func fromLinear(sum uint32, shift uint) int {
	const one = 1 << (gammaTabFix + 2)
	v := int(sum << shift)
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

// planes is img as YUV 4:2:0 planes with an opaque alpha plane, in one
// buffer in the order Y, Cb, Cr, A, as github.com/gen2brain/webp reads
// them; ok is false if any pixel of img is not opaque.
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
	cw, ch := (w+1)/2, (h+1)/2
	buf := make([]uint8, 2*w*h+2*cw*ch)
	p = &image.NYCbCrA{
		YCbCr: image.YCbCr{
			Y: buf[:w*h], Cb: buf[w*h : w*h+cw*ch], Cr: buf[w*h+cw*ch : w*h+2*cw*ch],
			YStride: w, CStride: cw, SubsampleRatio: image.YCbCrSubsampleRatio420,
			Rect: image.Rect(0, 0, w, h),
		},
		A: buf[w*h+2*cw*ch:], AStride: w,
	}
	for i := range p.A {
		p.A[i] = 255
	}
	for cy := range ch {
		// The last row of an odd height is paired with itself.
		r0, r1 := rowOf(2*cy), rowOf(min(2*cy+1, h-1))
		for y, r := range [][]uint8{r0, r1} {
			if 2*cy+y < h {
				ys := p.Y[(2*cy+y)*w:]
				for x := range w {
					ys[x] = toY(r[4*x], r[4*x+1], r[4*x+2])
				}
			}
		}
		us, vs := p.Cb[cy*cw:], p.Cr[cy*cw:]
		for cx := range cw {
			var sum [3]int
			for c := range 3 {
				j := 8*cx + c
				if 2*cx+1 < w {
					sum[c] = fromLinear(uint32(linearTab[r0[j]])+uint32(linearTab[r0[j+4]])+uint32(linearTab[r1[j]])+uint32(linearTab[r1[j+4]]), 0)
				} else { // the last column of an odd width
					sum[c] = fromLinear(uint32(linearTab[r0[j]])+uint32(linearTab[r1[j]]), 1)
				}
			}
			us[cx], vs[cx] = toUV(sum[0], sum[1], sum[2])
		}
	}
	return p, true
}
