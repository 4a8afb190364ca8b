package photo

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/color/palette"
	"image/gif"
	"image/jpeg"
	"image/png"
	"testing"

	"github.com/google/go-cmp/cmp"
	xdraw "golang.org/x/image/draw"

	"buildbook/internal/photo/phototest"
)

func TestOrientation(t *testing.T) {
	be := func(v uint16) []byte {
		// A big-endian TIFF with one entry: the orientation.
		tiff := []byte("MM\x00\x2a\x00\x00\x00\x08")
		tiff = binary.BigEndian.AppendUint16(tiff, 1)
		tiff = append(tiff, 0x01, 0x12, 0, 3, 0, 0, 0, 1)
		tiff = binary.BigEndian.AppendUint16(tiff, v)
		tiff = append(tiff, 0, 0, 0, 0, 0, 0)
		seg := append([]byte("Exif\x00\x00"), tiff...)
		b := []byte{0xff, 0xd8, 0xff, 0xe1}
		b = binary.BigEndian.AppendUint16(b, uint16(len(seg)+2))
		return append(append(b, seg...), 0xff, 0xd9)
	}
	phone := phototest.PhoneJPEG(8, 6, 6)
	for _, c := range []struct {
		name string
		b    []byte
		want int
	}{
		{"phone, little-endian", phone, 6},
		{"big-endian 3", be(3), 3},
		{"big-endian 8", be(8), 8},
		{"out of range", be(9), 1},
		{"none", []byte{0xff, 0xd8, 0xff, 0xd9}, 1},
		{"not a JPEG", []byte("GIF89a"), 1},
		{"empty", nil, 1},
		{"cut in the segment", phone[:30], 1},
		{"cut in the directory", be(6)[:24], 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Orientation(c.b); got != c.want {
				t.Errorf("Orientation = %d, want %d", got, c.want)
			}
		})
	}
}

// FuzzOrientation checks that no file makes the reader fail or answer
// out of range.
func FuzzOrientation(f *testing.F) {
	f.Add(phototest.PhoneJPEG(8, 6, 6))
	f.Add([]byte{0xff, 0xd8, 0xff, 0xe1, 0, 8, 'E', 'x', 'i', 'f', 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		if o := Orientation(b); o < 1 || o > 8 {
			t.Fatalf("Orientation = %d", o)
		}
	})
}

func TestScreenWidths(t *testing.T) {
	for _, c := range []struct {
		w    int
		want []int
	}{
		{4032, []int{480, 800, 1200, 1600}},
		{1600, []int{480, 800, 1200, 1600}},
		{1000, []int{480, 800, 1000}},
		{480, []int{480}},
		{300, []int{300}},
	} {
		if diff := cmp.Diff(c.want, screenWidths(c.w)); diff != "" {
			t.Errorf("screenWidths(%d): %s", c.w, diff)
		}
	}
}

// TestPhonePhoto makes the versions of a phone's photo held sideways:
// they are turned the right way up, hold none of its metadata, are the
// same bytes every time, and a phone's widths are under 300 KB.
func TestPhonePhoto(t *testing.T) {
	b := phototest.PhoneJPEG(1280, 960, 6)
	in, err := Inspect(b)
	if err != nil {
		t.Fatal(err)
	}
	if in.Width != 960 || in.Height != 1280 || in.Orientation != 6 || in.Fallback() != JPEG {
		t.Fatalf("Inspect = %+v, want 960×1280, orientation 6, JPEG fallback", in)
	}
	vs := append(in.Screen(), in.Print())
	out, err := Make(b, in, vs)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Make(b, in, vs)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range vs {
		o := out[i]
		if !bytes.Equal(o, again[i]) {
			t.Errorf("%+v: two makes gave different bytes", v)
		}
		for _, bad := range [][]byte{[]byte("Exif"), []byte(phototest.Marker), phototest.GPSLatitude} {
			if bytes.Contains(o, bad) {
				t.Errorf("%+v holds %q", v, bad)
			}
		}
		if v.Width <= 1200 && len(o) > 300<<10 {
			t.Errorf("%+v is %d bytes, over 300 KB", v, len(o))
		}
		if v.Format != JPEG {
			continue
		}
		img, err := jpeg.Decode(bytes.NewReader(o))
		if err != nil {
			t.Fatal(err)
		}
		if got := img.Bounds().Size(); got != (image.Point{v.Width, v.Height}) {
			t.Errorf("%+v is %v", v, got)
		}
		// The dark square was in the top left of what the sensor read;
		// turned a quarter clockwise, it is in the top right.
		dark := func(x, y int) bool { r, g, b, _ := img.At(x, y).RGBA(); return r+g+b < 3*0x3000 }
		w, h := v.Width, v.Height
		if !dark(w-w/8, h/16) || dark(w/8, h/16) || dark(w-w/8, h-h/8) {
			t.Errorf("%+v is not turned a quarter clockwise", v)
		}
	}
	if got := len(vs); got != 2*3+1 {
		t.Errorf("%d versions, want 7 (480, 800 and 960 in two formats, and print)", got)
	}
}

// TestPNGText checks that a PNG's text chunks are not in its versions.
func TestPNGText(t *testing.T) {
	b := phototest.PNGWithText(600, 400)
	if !bytes.Contains(b, []byte(phototest.Marker)) {
		t.Fatal("the test PNG has no text chunk")
	}
	in, err := Inspect(b)
	if err != nil {
		t.Fatal(err)
	}
	vs := append(in.Screen(), in.Print())
	out, err := Make(b, in, vs)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range vs {
		if bytes.Contains(out[i], []byte(phototest.Marker)) {
			t.Errorf("%+v holds the text chunk", v)
		}
		if v.Format == PNG {
			if _, err := png.Decode(bytes.NewReader(out[i])); err != nil {
				t.Errorf("%+v: %v", v, err)
			}
		}
	}
}

func TestTooLarge(t *testing.T) {
	var buf bytes.Buffer
	// A header that claims 10000×10000 pixels is refused before any
	// pixel is decoded.
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	binary.BigEndian.PutUint32(b[16:], 10000)
	binary.BigEndian.PutUint32(b[20:], 10000)
	_, err := Inspect(b)
	if _, ok := err.(*Error); !ok {
		t.Fatalf("Inspect = %v, want an Error", err)
	}
}

func TestOrient(t *testing.T) {
	// A 3×2 image whose pixels are numbered 0-5 in reading order.
	src := image.NewRGBA(image.Rect(0, 0, 3, 2))
	for i := range 6 {
		src.Pix[4*i] = uint8(i)
	}
	read := func(img *image.RGBA) []uint8 {
		var v []uint8
		for i := 0; i < len(img.Pix); i += 4 {
			v = append(v, img.Pix[i])
		}
		return v
	}
	for o, want := range map[int][]uint8{
		1: {0, 1, 2, 3, 4, 5},
		2: {2, 1, 0, 5, 4, 3},
		3: {5, 4, 3, 2, 1, 0},
		4: {3, 4, 5, 0, 1, 2},
		5: {0, 3, 1, 4, 2, 5},
		6: {3, 0, 4, 1, 5, 2},
		7: {5, 2, 4, 1, 3, 0},
		8: {2, 5, 1, 4, 0, 3},
	} {
		if diff := cmp.Diff(want, read(orient(src, o))); diff != "" {
			t.Errorf("orientation %d: %s", o, diff)
		}
	}
}

// TestResample checks the row-at-a-time scaler against x/image/draw's
// Catmull-Rom on an opaque picture, shrinking and growing.
func TestResample(t *testing.T) {
	src := phototest.Picture(301, 200)
	for _, size := range []image.Point{{160, 107}, {255, 170}, {301, 200}, {90, 200}} {
		got := image.NewRGBA(image.Rect(0, 0, size.X, size.Y))
		resample(rgbaRows{src}, size.X, size.Y, rgbaSink{got, 1, size.X, size.Y})
		want := image.NewRGBA(image.Rect(0, 0, size.X, size.Y))
		xdraw.CatmullRom.Scale(want, want.Rect, src, src.Rect, xdraw.Src, nil)
		worst := 0
		for i := range got.Pix {
			worst = max(worst, abs(int(got.Pix[i])-int(want.Pix[i])))
		}
		if worst > 3 {
			t.Errorf("%v: a channel differs from x/image/draw's by %d", size, worst)
		}
	}
}

// TestScaledTurned checks that a version scaled and turned in one pass
// has the pixels of the version scaled, then turned (TestOrient checks
// the turns), from RGBA and from a JPEG's YCbCr.
func TestScaledTurned(t *testing.T) {
	pic := phototest.Picture(61, 40)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, pic, nil); err != nil {
		t.Fatal(err)
	}
	ycc, err := jpeg.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for name, src := range map[string]rows{"rgba": rgbaRows{pic}, "ycbcr": ycbcrRows{ycc.(*image.YCbCr)}} {
		for _, size := range []image.Point{{61, 40}, {30, 20}, {17, 11}} {
			for o := 1; o <= 8; o++ {
				want := orient(scaled(src, size.X, size.Y, 1), o)
				got := scaled(src, size.X, size.Y, o)
				if got.Rect != want.Rect || !bytes.Equal(got.Pix, want.Pix) {
					t.Errorf("%s at %v, orientation %d: scaled and turned in one pass differs", name, size, o)
				}
			}
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func TestCardSize(t *testing.T) {
	for _, c := range []struct {
		name string
		in   Info
		want Variant
		ok   bool
	}{
		{"phone photo", Info{Format: JPEG, Width: 4032, Height: 3024}, Variant{Width: 1200, Height: 630, Format: JPEG, Crop: true}, true},
		{"panorama", Info{Format: JPEG, Width: 6000, Height: 1000}, Variant{Width: 1200, Height: 630, Format: JPEG, Crop: true}, true},
		{"narrower than a card", Info{Format: JPEG, Width: 800, Height: 600}, Variant{Width: 800, Height: 420, Format: JPEG, Crop: true}, true},
		{"lower than a card", Info{Format: JPEG, Width: 1600, Height: 400}, Variant{Width: 761, Height: 400, Format: JPEG, Crop: true}, true},
		{"a drawing", Info{Format: PNG, Width: 1500, Height: 1000, Alpha: true}, Variant{Width: 1200, Height: 630, Format: PNG, Crop: true}, true},
		{"too small", Info{Format: JPEG, Width: 500, Height: 400}, Variant{}, false},
		{"too low", Info{Format: JPEG, Width: 2000, Height: 300}, Variant{}, false},
		{"animated", Info{Format: GIF, Width: 1600, Height: 1200, Animated: true}, Variant{}, false},
	} {
		v, ok := c.in.Card()
		if v != c.want || ok != c.ok {
			t.Errorf("%s: Card() = %+v, %v; want %+v, %v", c.name, v, ok, c.want, c.ok)
		}
	}
}

// TestCard makes the card of a wide photo and of a phone's photo held
// sideways: each is the card's size, cut from the middle of the picture
// scaled to cover it (not squeezed), and carries no metadata.
func TestCard(t *testing.T) {
	t.Run("wide", func(t *testing.T) {
		// 2400×900 scales to 1680×630; the card is its middle 1200. The
		// dark corner, 600×225, is 420×158 scaled, 180 wide once cut.
		img := cardOf(t, phototest.PhoneJPEG(2400, 900, 1))
		if !dark(img.At(90, 70)) || dark(img.At(250, 70)) {
			t.Errorf("the card is not the middle of the picture: at (90, 70) %v, at (250, 70) %v; want dark, then light", img.At(90, 70), img.At(250, 70))
		}
	})
	t.Run("sideways", func(t *testing.T) {
		// Shown 1200×1600: the card is its middle 630 rows, below the
		// dark corner (top right once turned, 400 rows high).
		img := cardOf(t, phototest.PhoneJPEG(1600, 1200, 6))
		if dark(img.At(1150, 20)) {
			t.Errorf("the card of the sideways photo is not its middle: the top right is dark")
		}
	})
}

// cardOf makes the card of the JPEG b and decodes it.
func cardOf(t *testing.T, b []byte) image.Image {
	t.Helper()
	in, err := Inspect(b)
	if err != nil {
		t.Fatal(err)
	}
	v, ok := in.Card()
	if !ok {
		t.Fatalf("%d×%d: no card", in.Width, in.Height)
	}
	out, err := Make(b, in, []Variant{v})
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range [][]byte{[]byte("Exif"), []byte(phototest.Marker), phototest.GPSLatitude} {
		if bytes.Contains(out[0], bad) {
			t.Errorf("the card holds %q", bad)
		}
	}
	img, err := jpeg.Decode(bytes.NewReader(out[0]))
	if err != nil {
		t.Fatal(err)
	}
	if r := img.Bounds(); r.Dx() != CardWidth || r.Dy() != CardHeight {
		t.Fatalf("the card is %d×%d, want %d×%d", r.Dx(), r.Dy(), CardWidth, CardHeight)
	}
	return img
}

func dark(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r+g+b < 3*0x3000
}

// animatedGIF is a GIF of frames frames of w×h pixels of noise, which
// does not compress: about w×h bytes a frame.
func animatedGIF(t *testing.T, w, h, frames int) []byte {
	t.Helper()
	g := &gif.GIF{LoopCount: 0}
	seed := uint32(7)
	for range frames {
		f := image.NewPaletted(image.Rect(0, 0, w, h), palette.Plan9)
		for i := range f.Pix {
			seed = seed*1664525 + 1013904223
			f.Pix[i] = uint8(seed >> 24)
		}
		g.Image = append(g.Image, f)
		g.Delay = append(g.Delay, 10)
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, g); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestAnimatedPoster checks what becomes of an animated GIF: a small one
// is published whole, in one version; one over PosterBytes, which a phone
// must not be sent to show a picture, gets still screen versions of its
// first frame, and its print version, in the original's place, is the
// whole animation.
func TestAnimatedPoster(t *testing.T) {
	small := animatedGIF(t, 60, 40, 2)
	in, err := Inspect(small)
	if err != nil {
		t.Fatal(err)
	}
	if !in.Animated || in.Poster || len(in.Screen()) != 0 {
		t.Errorf("a small animated GIF: %+v with %d screen versions, want animated, no poster, none", in, len(in.Screen()))
	}

	big := animatedGIF(t, 600, 400, 3)
	if len(big) <= PosterBytes {
		t.Fatalf("the test GIF is %d bytes, not over %d", len(big), PosterBytes)
	}
	in, err = Inspect(big)
	if err != nil {
		t.Fatal(err)
	}
	if !in.Animated || !in.Poster {
		t.Fatalf("a GIF of %d bytes: %+v, want an animated poster", len(big), in)
	}
	vs := append(in.Screen(), in.Print())
	want := []Variant{{480, 320, WebP, false, false}, {480, 320, PNG, false, false}, {600, 400, WebP, false, false}, {600, 400, PNG, false, false}, {600, 400, GIF, true, false}}
	if diff := cmp.Diff(want, vs); diff != "" {
		t.Fatalf("versions (-want +got):\n%s", diff)
	}
	out, err := Make(big, in, vs)
	if err != nil {
		t.Fatal(err)
	}
	// A phone is sent the WebP versions: stills, smaller than the
	// animation (this one is noise, which no encoder makes small).
	for i, v := range vs {
		if v.Format == WebP && len(out[i]) >= len(big)/2 {
			t.Errorf("%+v is %d bytes, of the animation's %d", v, len(out[i]), len(big))
		}
	}
	still, err := png.Decode(bytes.NewReader(out[3]))
	if err != nil {
		t.Fatal(err)
	}
	if b := still.Bounds(); b.Dx() != 600 || b.Dy() != 400 {
		t.Errorf("the poster is %v, want 600×400", b.Size())
	}
	g, err := gif.DecodeAll(bytes.NewReader(out[4]))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Image) != 3 {
		t.Errorf("the print version has %d frames, want the animation's 3", len(g.Image))
	}
}
