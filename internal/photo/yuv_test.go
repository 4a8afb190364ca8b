package photo

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gen2brain/webp"

	"buildbook/internal/photo/phototest"
)

// TestWebPPlanes checks that a version given to the WebP encoder as
// planes (see planes) is the file that the encoder makes of it as RGBA,
// byte for byte: a photo, noise that holds every colour, and odd widths
// and heights, whose last column and row are averaged alone; and that a
// version with transparency is left as RGBA.
func TestWebPPlanes(t *testing.T) {
	noise := func(w, h int) *image.RGBA {
		r := rand.New(rand.NewPCG(uint64(w), uint64(h)))
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		for i := range img.Pix {
			img.Pix[i] = uint8(r.UintN(256))
			if i%4 == 3 {
				img.Pix[i] = 255
			}
		}
		return img
	}
	for _, c := range []struct {
		name string
		img  *image.RGBA
	}{
		{"photo", phototest.Picture(320, 240)},
		{"photo, odd width and height", phototest.Picture(161, 99)},
		{"noise", noise(96, 64)},
		{"noise, odd width", noise(33, 20)},
		{"noise, odd height", noise(20, 33)},
		{"one pixel", noise(1, 1)},
		{"one row", noise(17, 1)},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, ok := planes(c.img)
			if !ok {
				t.Fatal("an opaque image is not given as planes")
			}
			for _, q := range []int{webpQuality, printQuality} {
				var want, got bytes.Buffer
				o := webp.Options{Quality: q, Method: webpEncodeMethod}
				if err := webp.Encode(&want, c.img, o); err != nil {
					t.Fatal(err)
				}
				if err := webp.Encode(&got, p, o); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got.Bytes(), want.Bytes()) {
					t.Errorf("quality %d: the file made from planes (%d bytes) is not the one made from RGBA (%d bytes)", q, got.Len(), want.Len())
				}
			}
		})
	}
	t.Run("transparent", func(t *testing.T) {
		img := noise(8, 8)
		img.Pix[4*9+3] = 254
		if _, ok := planes(img); ok {
			t.Error("an image with a pixel not opaque is given as planes")
		}
	})
}

// TestGammaTables checks that no entry of the gamma tables is within a
// millionth of a rounding boundary before it is rounded, so that a
// math.Pow that differs from C's pow in its last bits still gives
// libwebp's tables; and a few entries against values worked out by hand.
func TestGammaTables(t *testing.T) {
	near := func(x float64) bool {
		_, f := math.Modf(x)
		return math.Abs(f-0.5) < 1e-6
	}
	for v := range linearTab {
		if e := linearEntry(v); near(e) {
			t.Errorf("linear entry %d is %v, too near a rounding boundary", v, e)
		}
	}
	for v := range gammaTab {
		if e := gammaEntry(v); near(e) {
			t.Errorf("gamma entry %d is %v, too near a rounding boundary", v, e)
		}
	}
	// (v/255)^0.8 × 4095 and 255 × (v × 128/4095)^1.25, rounded.
	got := fmt.Sprint(linearTab[0], linearTab[1], linearTab[128], linearTab[255], gammaTab[0], gammaTab[1], gammaTab[16], gammaTab[32])
	if want := "0 49 2359 4095 0 3 107 255"; got != want {
		t.Errorf("table entries = %s, want %s", got, want)
	}
}

// TestSinks checks that the forms a version is scaled into for its
// encoder give the files that its RGBA gives, in every orientation, at
// even and odd sizes, shrunk and at its own size: a JPEG from the 4:4:4
// YCbCr of yccSink, byte for byte, cropped too, and the planes of
// planeSink, turned as they are made, the planes of the turned RGBA.
func TestSinks(t *testing.T) {
	src := rgbaRows{phototest.Picture(75, 52)}
	for _, size := range []image.Point{{75, 52}, {40, 28}, {39, 27}, {21, 30}} {
		for o := 1; o <= 8; o++ {
			t.Run(fmt.Sprintf("%dx%d/orientation-%d", size.X, size.Y, o), func(t *testing.T) {
				rgba := scaled(src, size.X, size.Y, o)
				ycc := newYCCSink(size.X, size.Y, o)
				scale(src, size.X, size.Y, ycc)
				crop := image.Rect(3, 2, rgba.Rect.Dx()-4, rgba.Rect.Dy()-1)
				for _, c := range []struct {
					name      string
					got, want image.Image
				}{
					{"whole", ycc.dst, rgba},
					{"cropped", ycc.dst.SubImage(crop), rgba.SubImage(crop)},
				} {
					var got, want bytes.Buffer
					if err := jpeg.Encode(&got, c.got, &jpeg.Options{Quality: jpegQuality}); err != nil {
						t.Fatal(err)
					}
					if err := jpeg.Encode(&want, c.want, &jpeg.Options{Quality: jpegQuality}); err != nil {
						t.Fatal(err)
					}
					if !bytes.Equal(got.Bytes(), want.Bytes()) {
						t.Errorf("%s: the JPEG of the YCbCr is not the JPEG of the RGBA", c.name)
					}
				}
				ps := newPlaneSink(size.X, size.Y, o)
				scale(src, size.X, size.Y, ps)
				got := ps.planes()
				want, ok := planes(rgba)
				if !ok {
					t.Fatal("an opaque image is not given as planes")
				}
				if got.Rect != want.Rect {
					t.Fatalf("planes of %v, want %v", got.Rect, want.Rect)
				}
				for _, p := range []struct {
					name      string
					got, want []uint8
				}{{"Y", got.Y, want.Y}, {"Cb", got.Cb, want.Cb}, {"Cr", got.Cr, want.Cr}, {"A", got.A, want.A}} {
					if !bytes.Equal(p.got, p.want) {
						t.Errorf("the %s plane made turned is not the one of the turned RGBA", p.name)
					}
				}
			})
		}
	}
}
