package asset

import (
	"bytes"
	"errors"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"slices"
	"strings"
	"testing"
)

func encode(t *testing.T, f func(*bytes.Buffer, image.Image) error) string {
	t.Helper()
	var b bytes.Buffer
	if err := f(&b, image.NewGray(image.Rect(0, 0, 3, 2))); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestCheck(t *testing.T) {
	pngData := encode(t, func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) })
	jpegData := encode(t, func(b *bytes.Buffer, m image.Image) error { return jpeg.Encode(b, m, nil) })
	gifData := encode(t, func(b *bytes.Buffer, m image.Image) error { return gif.Encode(b, m, nil) })
	// A lossless WebP of 3×2 pixels: RIFF, VP8L, and the 14-bit sizes
	// less one.
	webpData := "RIFF\x12\x00\x00\x00WEBPVP8L\x05\x00\x00\x00\x2f\x02\x40\x00\x00\x00"
	for _, tc := range []struct {
		name, data string
		w, h       int
		word       string // in the error; "" when the file is published
	}{
		{"report.pdf", "%PDF-1.7\n...", 0, 0, ""},
		{"Report.PDF", "\r\n%PDF-1.4\n", 0, 0, ""},
		{"plan.docx", "PK\x03\x04...", 0, 0, ""},
		{"marks.xlsx", "PK\x03\x04...", 0, 0, ""},
		{"slides.pptx", "PK\x03\x04...", 0, 0, ""},
		{"letter.doc", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1...", 0, 0, ""},
		{"marks.ods", "PK\x03\x04...", 0, 0, ""},
		{"scores.csv", "\ufeffname,score\r\nAmy,4\r\nBen,\"5,5\"\r\n", 0, 0, ""},
		{"photo.png", pngData, 3, 2, ""},
		{"photo.jpg", jpegData, 3, 2, ""},
		{"photo.JPEG", jpegData, 3, 2, ""},
		{"anim.gif", gifData, 3, 2, ""},
		{"photo.webp", webpData, 3, 2, ""},
		{"photo.avif", "\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf", 0, 0, "an AVIF picture cannot be checked"},
		{"filmed.mov", "\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  \x00\x00\x00\x18udta\x00\x00\x00\x10\xa9xyz+51.5-000.1/", 0, 0, "holds the place where it was recorded"},
		{"filmed.mp4", "\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom\x00\x00\x00\x30keys com.apple.quicktime.location.ISO6709", 0, 0, "holds the place where it was recorded"},
		{"voice.m4a", "\x00\x00\x00\x18ftypM4A \x00\x00\x00\x00M4A isom\x00\x00\x00\x0cloci\x00\x00\x00\x00", 0, 0, "holds the place"},
		{"words.mp4", "\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom text about a loci of points", 0, 0, ""},
		{"chart.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="2"/>`, 4, 2, ""},
		{"song.mp3", "ID3\x04\x00...", 0, 0, ""},
		{"song.m4a", "\x00\x00\x00\x20ftypM4A ", 0, 0, ""},
		{"voice.wav", "RIFF\x00\x00\x00\x00WAVEfmt ", 0, 0, ""},
		{"voice.ogg", "OggS\x00...", 0, 0, ""},
		{"film.mp4", "\x00\x00\x00\x18ftypmp42", 0, 0, ""},
		{"film.mov", "\x00\x00\x00\x08wide....", 0, 0, ""},
		{"film.webm", "\x1a\x45\xdf\xa3...", 0, 0, ""},

		// Kinds that are not published.
		{"schema.xsd", `<xs:schema/>`, 0, 0, "a .xsd file is not a kind"},
		{"grammar.rng", `<grammar/>`, 0, 0, "a .rng file"},
		{"page.html", `<p>`, 0, 0, "web pages"},
		{"page.htm_", `<p>`, 0, 0, "a .htm_ file"},
		{"IMG_0042.HEIC", "\x00\x00\x00\x18ftypheic", 0, 0, "export it as JPEG"},
		{"scan.tiff", "II*\x00", 0, 0, "a TIFF picture cannot be shown by browsers: export it as JPEG"},
		{"page.shtm", `<p>`, 0, 0, "a .shtm file"},
		{"page.html.", `<p>`, 0, 0, "ends in a dot"},
		{"formula.mathml", `<math/>`, 0, 0, "a .mathml file"},
		{"book.opf", `<package/>`, 0, 0, "a .opf file"},
		{"notes.txt", `text`, 0, 0, "a .txt file"},
		{"data.json", `{}`, 0, 0, "a .json file"},
		{"README", `<script>alert(1)</script>`, 0, 0, "no extension"},
		{".htaccess", `x`, 0, 0, "no extension"},
		{"plan.svgz", "\x1f\x8b", 0, 0, "a .svgz file"},
		{"x.js", "alert(1)", 0, 0, "a .js file"},

		// Names that say one thing and content that holds another.
		{"report.pdf", `<html><script>alert(1)</script>`, 0, 0, "does not hold a PDF document"},
		{"marks.xlsx", `<html>`, 0, 0, "an Excel spreadsheet"},
		{"film.mp4", `<html>`, 0, 0, "an MP4 video"},
		{"photo.jpg", `<svg onload="alert(1)"/>`, 0, 0, "not a readable JPG image"},
		{"photo.png", "", 0, 0, "empty"},
		{"report.pdf", "", 0, 0, "empty"},
		{"scores.csv", "", 0, 0, "empty"},
		{"scores.csv", "name,score\n\xa3 5,4\n", 0, 0, "not UTF-8"},
		{"scores.csv", "  <script>alert(1)</script>,1\n", 0, 0, "web page"},
		{"scores.csv", "<!DOCTYPE html>", 0, 0, "web page"},
		{"scores.csv", "a,b\x00c\n", 0, 0, "control characters"},
		{"chart.svg", `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`, 0, 0, "event handler"},
	} {
		t.Run(tc.name+" "+strings.Fields(tc.word + " ok")[0], func(t *testing.T) {
			r, err := Check(tc.name, strings.NewReader(tc.data))
			var e *Error
			switch {
			case tc.word == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.word != "" && err == nil:
				t.Fatalf("published; want an error saying %q", tc.word)
			case err != nil && !errors.As(err, &e):
				t.Fatalf("an error that is not a message: %v", err)
			case err != nil && !strings.Contains(err.Error(), tc.word):
				t.Errorf("message %q does not say %q", err, tc.word)
			}
			if r.Width != tc.w || r.Height != tc.h {
				t.Errorf("size %d×%d, want %d×%d", r.Width, r.Height, tc.w, tc.h)
			}
			if (r.Data != nil) != (tc.word == "" && strings.HasSuffix(tc.name, ".svg")) {
				t.Errorf("Data %q: only an SVG is written again", r.Data)
			}
		})
	}
}

// TestKinds checks that the table is sorted, as find needs, and that every
// kind is named in the message that lists them.
func TestKinds(t *testing.T) {
	if !slices.IsSortedFunc(kinds, func(a, b kind) int { return strings.Compare(a.ext, b.ext) }) {
		t.Error("kinds are not sorted by extension")
	}
	names := map[string]string{".jpeg": "JPEG", ".jpg": "JPEG", ".doc": "Word", ".docx": "Word", ".xls": "Excel", ".xlsx": "Excel",
		".ppt": "PowerPoint", ".pptx": "PowerPoint", ".odt": "OpenDocument", ".ods": "OpenDocument", ".odp": "OpenDocument"}
	for _, k := range kinds {
		name := names[k.ext]
		if name == "" {
			name = strings.ToUpper(k.ext[1:])
		}
		if !strings.Contains(strings.ToUpper(Kinds), strings.ToUpper(name)) {
			t.Errorf("Kinds does not name %s (%s)", name, k.ext)
		}
		if k.image && !strings.Contains(strings.ToUpper(ImageKinds), strings.ToUpper(name)) {
			t.Errorf("ImageKinds does not name %s (%s)", name, k.ext)
		}
		if k.is == nil && !slices.Contains([]string{".csv", ".gif", ".jpeg", ".jpg", ".png", ".svg", ".webp"}, k.ext) {
			t.Errorf("%s has no check of its content", k.ext)
		}
	}
	for _, name := range []string{"a.png", "b.JPG", "c.svg", "d.webp", "f.gif", "g.jpeg"} {
		if !IsImage(name) {
			t.Errorf("IsImage(%q) = false", name)
		}
	}
	for _, name := range []string{"a.pdf", "b.md", "c.mp4", "d", "e.png.", "f.svgz", "g.avif"} {
		if IsImage(name) {
			t.Errorf("IsImage(%q) = true", name)
		}
	}
}
