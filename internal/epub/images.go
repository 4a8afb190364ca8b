package epub

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"path"
	"strings"

	"golang.org/x/image/webp"

	"buildbook/internal/photo"
)

// Screen resolution: pictures larger than this are scaled down to fit,
// keeping their shape. An e-reader's screen is some 1200 to 1700 pixels
// high; a tall figure may be scrolled or zoomed, so it keeps more height.
const (
	MaxWidth  = 1600
	MaxHeight = 2400
)

// picture is an image of the book as the EPUB holds it.
type picture struct {
	name      string // in the EPUB, from the package document: "images/3.jpg"
	mediaType string
	file      string // the content file, for messages
	width     int    // of a raster image as written; 0 for SVG
	height    int
	read      func() ([]byte, error) // the published file's bytes
	data      []byte                 // the EPUB's bytes, once made
}

// plan decides how a picture is written, from its published bytes: its
// format (JPEG, PNG, GIF or SVG: the EPUB 3.2 core media types) and its
// size at screen resolution. ok is false for a picture that e-readers
// cannot show and buildbook cannot convert (AVIF).
func plan(p *picture, b []byte) (ok bool, err error) {
	ext := strings.ToLower(path.Ext(p.file))
	var cfg image.Config
	orient := 1
	switch ext {
	case ".svg":
		p.mediaType = "image/svg+xml"
		p.name += ext
		return true, nil
	case ".jpg", ".jpeg":
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(b))
		orient = photo.Orientation(b)
		p.mediaType, ext = "image/jpeg", ".jpg"
	case ".png":
		cfg, err = png.DecodeConfig(bytes.NewReader(b))
		p.mediaType = "image/png"
	case ".gif":
		cfg, err = gif.DecodeConfig(bytes.NewReader(b))
		p.mediaType = "image/gif"
		if w, h := fit(cfg.Width, cfg.Height); w != cfg.Width || h != cfg.Height {
			// A scaled GIF keeps its first frame only, as a PNG.
			p.mediaType, ext = "image/png", ".png"
		}
	case ".webp":
		cfg, err = webp.DecodeConfig(bytes.NewReader(b))
		// A lossy picture without transparency is a photo: a JPEG.
		// Lossless pictures (drawings, charts) and transparent ones
		// are PNGs.
		p.mediaType, ext = "image/png", ".png"
		if cfg.ColorModel == color.YCbCrModel {
			p.mediaType, ext = "image/jpeg", ".jpg"
		}
	default:
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("reading %s: %w", p.file, err)
	}
	w, h := cfg.Width, cfg.Height
	if orient >= 5 {
		w, h = h, w
	}
	p.width, p.height = fit(w, h)
	p.name += ext
	return true, nil
}

// fit is the size of a w×h picture at screen resolution: never enlarged.
func fit(w, h int) (int, int) {
	if w <= 0 || h <= 0 {
		return w, h
	}
	s := min(1, float64(MaxWidth)/float64(w), float64(MaxHeight)/float64(h))
	if s == 1 {
		return w, h
	}
	return max(1, int(float64(w)*s+0.5)), max(1, int(float64(h)*s+0.5))
}

// convert writes a raster picture again, as plan decided: turned upright
// as its EXIF orientation says, scaled to fit the screen, and without any
// of the original's metadata (a photo's camera, date and GPS position).
func convert(p *picture, b []byte) ([]byte, error) {
	if p.mediaType == "image/svg+xml" {
		return b, nil // written again through an allowlist already (asset.CleanSVG)
	}
	ext := strings.ToLower(path.Ext(p.file))
	if ext == ".gif" && p.mediaType == "image/gif" {
		g, err := gif.DecodeAll(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", p.file, err)
		}
		var out bytes.Buffer
		// Frames, delays and loops only: comments and application
		// extensions are not written.
		err = gif.EncodeAll(&out, &gif.GIF{Image: g.Image, Delay: g.Delay, LoopCount: g.LoopCount, Disposal: g.Disposal, Config: g.Config, BackgroundIndex: g.BackgroundIndex})
		return out.Bytes(), err
	}
	// The site's photo pipeline scales and turns it: the same resizer and
	// the same reading of EXIF orientation, and no metadata is written.
	in, err := photo.Inspect(b)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", p.file, err)
	}
	in.Animated = false // a scaled GIF is its first frame, as a PNG
	f := photo.PNG
	if p.mediaType == "image/jpeg" {
		f = photo.JPEG
	}
	out, err := photo.Make(b, in, []photo.Variant{{Width: p.width, Height: p.height, Format: f}})
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", p.file, err)
	}
	return out[0], nil
}
