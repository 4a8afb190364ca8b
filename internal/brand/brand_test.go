package brand

import (
	"bytes"
	"encoding/binary"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

var keep = flag.String("keep", "", "write the pictures into this folder, to look at them")

func decode(t *testing.T, b []byte) image.Image {
	t.Helper()
	m, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func save(t *testing.T, name string, b []byte) {
	if *keep == "" {
		return
	}
	if err := os.WriteFile(filepath.Join(*keep, name), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCard checks the card's size, that it is the same bytes each time,
// that its text is drawn (white pixels), and that a longer title or
// another subtitle changes it.
func TestCard(t *testing.T) {
	for _, tc := range []struct{ name, title, subtitle, publisher string }{
		{"short", "Going for Great", "Case studies from outstanding schools", "London Leadership Strategy"},
		{"welsh", "Ysgol Gymraeg Llundain: ŵyr a ŷd, École Ōtautahi", "Astudiaethau achos", "Gwasg Prifysgol Cymru"},
		{"long", "A very long title that goes on and on about what the schools of a whole region did together over many years of patient work", "", ""},
		{"one word", "Supercalifragilisticexpialidociousnessesabundantlyoverlonglylong", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := Card(tc.title, tc.subtitle, tc.publisher)
			if err != nil {
				t.Fatal(err)
			}
			save(t, "card-"+tc.name+".png", b)
			again, _ := Card(tc.title, tc.subtitle, tc.publisher)
			if !bytes.Equal(b, again) {
				t.Error("two cards of the same book differ")
			}
			m := decode(t, b)
			if got := m.Bounds(); got.Dx() != CardWidth || got.Dy() != CardHeight {
				t.Errorf("card is %v, want %d×%d", got, CardWidth, CardHeight)
			}
			// The title is drawn in white in the card's upper half, and
			// nothing is drawn into the margins.
			if n := count(m, image.Rect(cardMargin, cardMargin, CardWidth-cardMargin, CardHeight/2), white); n < 2000 {
				t.Errorf("only %d white pixels where the title goes", n)
			}
			for _, margin := range []image.Rectangle{image.Rect(0, 0, cardMargin-4, CardHeight), image.Rect(CardWidth-cardMargin+4, 0, CardWidth, CardHeight)} {
				if n := count(m, margin, white); n > 0 {
					t.Errorf("%d white pixels in the margin %v: text runs over", n, margin)
				}
			}
			other, _ := Card(tc.title+" II", tc.subtitle, tc.publisher)
			if bytes.Equal(b, other) {
				t.Error("a card with another title has the same bytes")
			}
		})
	}
}

func count(m image.Image, r image.Rectangle, c color.RGBA) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if color.RGBAModel.Convert(m.At(x, y)) == c {
				n++
			}
		}
	}
	return n
}

func TestInitial(t *testing.T) {
	for in, want := range map[string]string{
		"Going for Great": "G", "école Ōtautahi": "É", "  «ŵyr»": "Ŵ", "2024 cohort": "2", "!!!": "B", "": "B", "øresund": "Ø",
	} {
		if got := Initial(in); got != want {
			t.Errorf("Initial(%q) = %q, want %q", in, got, want)
		}
	}
	if svg := IconSVG("<&>"); !bytes.Contains(svg, []byte(">B</text>")) {
		t.Errorf("IconSVG: %s", svg)
	}
	if svg := IconSVG("école"); !bytes.Contains(svg, []byte(">É</text>")) {
		t.Errorf("IconSVG: %s", svg)
	}
}

// TestIcons checks the default icon's sizes, its transparent corners and
// white letter, and favicon.ico's header.
func TestIcons(t *testing.T) {
	for _, size := range []int{FaviconSize, TouchIconSize} {
		b, err := IconPNG("Going for Great", size)
		if err != nil {
			t.Fatal(err)
		}
		save(t, "icon-"+string(rune('0'+size/10%10))+".png", b)
		m := decode(t, b)
		if m.Bounds().Dx() != size || m.Bounds().Dy() != size {
			t.Errorf("icon is %v, want %d square", m.Bounds(), size)
		}
		if _, _, _, a := m.At(0, 0).RGBA(); a != 0 {
			t.Errorf("%d: the corner is not transparent", size)
		}
		if c := color.RGBAModel.Convert(m.At(size/2, size-2)).(color.RGBA); c != accent {
			t.Errorf("%d: the foot's middle is %v, want the accent", size, c)
		}
		if n := count(m, m.Bounds(), white); n < size*size/30 {
			t.Errorf("%d: only %d white pixels: no letter", size, n)
		}
		ico := ICO(b, size)
		le := binary.LittleEndian
		if le.Uint16(ico[2:]) != 1 || le.Uint16(ico[4:]) != 1 || int(ico[6]) != size || int(le.Uint32(ico[14:])) != len(b) || le.Uint32(ico[18:]) != 22 || !bytes.Equal(ico[22:], b) {
			t.Errorf("%d: bad ICO header % x", size, ico[:22])
		}
	}
}

// TestScalePNG scales a wide picture into a square, keeping it in
// proportion, and refuses what is not a PNG or is too large.
func TestScalePNG(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 400, 200))
	for y := range 200 {
		for x := range 400 {
			src.Set(x, y, color.RGBA{200, 0, 0, 255})
		}
	}
	var b bytes.Buffer
	png.Encode(&b, src)
	out, err := ScalePNG(b.Bytes(), FaviconSize)
	if err != nil {
		t.Fatal(err)
	}
	m := decode(t, out)
	if m.Bounds().Dx() != FaviconSize || m.Bounds().Dy() != FaviconSize {
		t.Fatalf("scaled to %v", m.Bounds())
	}
	if _, _, _, a := m.At(16, 2).RGBA(); a != 0 {
		t.Error("above a wide picture is not transparent")
	}
	if r, _, _, a := m.At(16, 16).RGBA(); a == 0 || r>>8 < 190 {
		t.Error("the middle is not the picture")
	}
	if _, err := ScalePNG([]byte("GIF89a"), 32); err == nil {
		t.Error("not a PNG: no error")
	}
	huge := image.NewGray(image.Rect(0, 0, 5000, 5000))
	b.Reset()
	png.Encode(&b, huge)
	if _, err := ScalePNG(b.Bytes(), 32); err == nil {
		t.Error("a 5000×5000 icon: no error")
	}
}
