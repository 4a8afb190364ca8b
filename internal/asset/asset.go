// Package asset decides which content files buildbook publishes beside its
// pages: the kinds of file a school shares (documents, spreadsheets,
// slides, CSV, images, audio and video), known by their extension and
// checked by their content. Anything else is refused, since a static host
// serves a file by its extension and some kinds (HTML, XML, XSD, MathML,
// scripts, files with no extension) run script on the site's origin.
//
// SVG images are not published as they were written: Check parses them and
// writes them out again through an allowlist of drawing elements and
// attributes (see CleanSVG), so what is published is exactly what was
// checked.
package asset

import (
	"bufio"
	"bytes"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/image/webp"
)

// Kinds names the kinds of file that may be attached, for messages.
const Kinds = "PDF, Word, Excel, PowerPoint, OpenDocument, CSV (UTF-8), an image (PNG, JPEG, GIF, WebP or SVG), audio (MP3, M4A, WAV or OGG) or video (MP4, MOV or WebM)"

// ImageKinds names the kinds of file that may be shown as an image.
const ImageKinds = "PNG, JPEG, GIF, WebP or SVG"

// kind is one kind of file buildbook publishes.
type kind struct {
	ext   string // lower case, with the dot
	what  string // what the file should hold, for messages
	image bool   // may be shown as an image
	is    func(b []byte) bool
}

// kinds are the files buildbook publishes, sorted by extension. A host
// serves each as a type that browsers show, play or download, never run.
var kinds = []kind{
	{".csv", "CSV text", false, nil}, // checked by checkText
	{".doc", "a Word document", false, isOLE},
	{".docx", "a Word document", false, isZip},
	{".gif", "a GIF image", true, nil}, // decoded
	{".jpeg", "a JPEG image", true, nil},
	{".jpg", "a JPEG image", true, nil},
	{".m4a", "M4A audio", false, isISOMedia},
	{".mov", "a QuickTime video", false, isQuickTime},
	{".mp3", "MP3 audio", false, isMP3},
	{".mp4", "an MP4 video", false, isISOMedia},
	{".odp", "an OpenDocument presentation", false, isZip},
	{".ods", "an OpenDocument spreadsheet", false, isZip},
	{".odt", "an OpenDocument text", false, isZip},
	{".ogg", "Ogg audio", false, isOgg},
	{".pdf", "a PDF document", false, isPDF},
	{".png", "a PNG image", true, nil},
	{".ppt", "a PowerPoint presentation", false, isOLE},
	{".pptx", "a PowerPoint presentation", false, isZip},
	{".svg", "an SVG image", true, nil}, // cleaned by CleanSVG
	{".wav", "WAV audio", false, isWAV},
	{".webm", "a WebM video", false, isWebM},
	{".webp", "a WebP image", true, nil},
	{".xls", "an Excel spreadsheet", false, isOLE},
	{".xlsx", "an Excel spreadsheet", false, isZip},
}

func find(name string) (kind, bool) {
	ext := strings.ToLower(path.Ext(name))
	i, ok := slices.BinarySearchFunc(kinds, ext, func(k kind, ext string) int { return strings.Compare(k.ext, ext) })
	if !ok {
		return kind{}, false
	}
	return kinds[i], true
}

// IsImage reports whether a file of this name may be shown as an image.
func IsImage(name string) bool {
	k, ok := find(name)
	return ok && k.image
}

// Allowed says why a file of this name cannot be published, or "" when
// its extension is one of the kinds. It does not read the file.
func Allowed(name string) string {
	base := path.Base(name)
	ext := path.Ext(base)
	switch {
	case strings.HasSuffix(base, "."):
		return "its name ends in a dot, so readers' browsers would have to guess what it is; rename it to end in the extension of its kind, such as .pdf"
	case ext == "" || ext == base:
		return "its name has no extension, so readers' browsers would have to guess what it is (and could run it as a web page); rename it to end in the extension of its kind, such as .pdf"
	}
	if _, ok := find(name); ok {
		return ""
	}
	switch strings.ToLower(ext) {
	case ".heic", ".heif":
		return "an iPhone's HEIC photo cannot be shown by most browsers: export it as JPEG (on an iPhone, Settings > Camera > Formats > Most Compatible; on a Mac, open it in Preview and choose File > Export > JPEG; on Windows, open it in Photos and choose Save as > .jpg), then link the .jpg"
	case ".avif":
		return "an AVIF picture cannot be checked for the private details a camera writes into it (such as where it was taken), so it is not published: export it as JPEG (a photo) or PNG, then link that file"
	case ".tif", ".tiff":
		return "a TIFF picture cannot be shown by browsers: export it as JPEG (a photo) or PNG (a drawing or screenshot), for example with Preview on a Mac or Paint on Windows (File > Save as), then link that file"
	case ".bmp":
		return "a BMP picture is large and not shown well by every browser: save it as PNG (Paint: File > Save as > PNG), then link that file"
	}
	return fmt.Sprintf("a %s file is not a kind of file buildbook publishes (some kinds, such as web pages and XML, could run script in readers' browsers); attach it as %s", strings.ToLower(ext), Kinds)
}

// Result is what Check found in a file that may be published.
type Result struct {
	// Data, when not nil, is what to publish instead of the file's own
	// bytes: an SVG as CleanSVG wrote it.
	Data []byte
	// Width and Height are an image's size in pixels; 0 when unknown.
	Width, Height int
	// Notes are the parts of an SVG that were left out, at their place
	// in the file.
	Notes []Note
}

// Check checks that the file called name, read from r, is one of the
// kinds buildbook publishes and holds what its name says. It reads an SVG
// or CSV file whole, and only the first bytes of others. The error's
// message says what is wrong and what to do, for the person who added the
// file; other errors are those of r.
func Check(name string, r io.Reader) (Result, error) {
	if msg := Allowed(name); msg != "" {
		return Result{}, errorf("%s", msg)
	}
	k, _ := find(name)
	var b []byte
	var err error
	switch k.ext {
	case ".svg", ".csv":
		b, err = io.ReadAll(r)
	case ".png", ".jpg", ".jpeg", ".gif", ".webp":
		// DecodeConfig reads the header; a PNG or JPEG one may follow
		// metadata of any size, so it reads as much as it needs.
		br := bufio.NewReader(r)
		if _, err := br.Peek(1); err == io.EOF {
			return Result{}, errorf("the file is empty; add it again")
		}
		head, _ := br.Peek(16)
		cfg, err := decodeConfig(RasterFormat(head), br)
		if err != nil {
			return Result{}, errorf("it is not a readable %s image; save it again as %s", strings.ToUpper(k.ext[1:]), ImageKinds)
		}
		return Result{Width: cfg.Width, Height: cfg.Height}, nil
	case ".mp4", ".mov", ".m4a":
		// Read whole: a phone writes where it filmed anywhere in the file.
		b, err = io.ReadAll(r)
	default:
		b, err = io.ReadAll(io.LimitReader(r, 4096))
	}
	if err != nil {
		return Result{}, err
	}
	if len(b) == 0 {
		return Result{}, errorf("the file is empty; add it again")
	}
	switch k.ext {
	case ".svg":
		out, w, h, notes, err := CleanSVG(b)
		if err != nil {
			return Result{}, err
		}
		return Result{Data: out, Width: w, Height: h, Notes: notes}, nil
	case ".csv":
		return Result{}, checkText(b)
	}
	if !k.is(b) {
		return Result{}, errorf("it is named %s but does not hold %s (its first bytes are not those of one), so readers could not open it; export it again as %s from the program that made it", k.ext, k.what, k.what)
	}
	if hasLocation(b) {
		return Result{}, errorf("it holds the place where it was recorded (GPS), which would tell readers where the people in it were: remove the location before you add it (on an iPhone, tap Share, then Options, and turn Location off; or export it again from a video editor), or link to it on the school's video site instead")
	}
	return Result{}, nil
}

// RasterFormat is the format of a raster image by its first bytes, as
// the extension of its kind ("png", "jpeg", "gif" or "webp"), or "" when
// they are none of those. A picture whose name says another kind (a JPEG
// saved as .png) is read for what it is, as browsers read it.
func RasterFormat(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return "png"
	case bytes.HasPrefix(head, []byte("\xff\xd8\xff")):
		return "jpeg"
	case bytes.HasPrefix(head, []byte("GIF87a")) || bytes.HasPrefix(head, []byte("GIF89a")):
		return "gif"
	case len(head) >= 16 && string(head[:4]) == "RIFF" && string(head[8:15]) == "WEBPVP8":
		return "webp"
	}
	return ""
}

// decodeConfig reads the size of an image in format (see RasterFormat).
// The decoders are chosen here, not by image.DecodeConfig, which would
// use whichever package registered a format first.
func decodeConfig(format string, r io.Reader) (image.Config, error) {
	switch format {
	case "png":
		return png.DecodeConfig(r)
	case "gif":
		return gif.DecodeConfig(r)
	case "webp":
		return webp.DecodeConfig(r)
	case "jpeg":
		return jpeg.DecodeConfig(r)
	}
	return image.Config{}, image.ErrFormat
}

// IsRaster reports whether a file of this name is a raster image that is
// published in several sizes (see internal/photo): PNG, JPEG, GIF or WebP.
func IsRaster(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp":
		return true
	}
	return false
}

// Error is a reason a file cannot be published.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

func errorf(format string, args ...any) error { return &Error{Msg: fmt.Sprintf(format, args...)} }

// checkText accepts UTF-8 text that no browser would take for a web page
// or an XML document, however it is served.
func checkText(b []byte) error {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(b) {
		return errorf(`it is not UTF-8 text; in Excel choose File › Save As › "CSV UTF-8", or save it again as UTF-8 from your editor`)
	}
	for _, c := range b {
		if c < ' ' && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
			return errorf("it holds control characters (byte 0x%02x), so it is not CSV text; export the table again as CSV UTF-8", c)
		}
	}
	t := bytes.TrimLeft(b, " \t\r\n\f")
	if len(t) > 0 && t[0] == '<' || !strings.HasPrefix(http.DetectContentType(b), "text/plain") {
		return errorf("it starts like a web page or XML, not a table, and browsers could run it as one; export the table again as CSV UTF-8")
	}
	return nil
}

func isPDF(b []byte) bool {
	return bytes.Contains(b[:min(len(b), 1024)], []byte("%PDF-")) // the header may follow a little junk
}

func isZip(b []byte) bool { return bytes.HasPrefix(b, []byte("PK\x03\x04")) }

func isOLE(b []byte) bool { return bytes.HasPrefix(b, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")) }

func isOgg(b []byte) bool { return bytes.HasPrefix(b, []byte("OggS")) }

func isWebM(b []byte) bool { return bytes.HasPrefix(b, []byte("\x1a\x45\xdf\xa3")) }

func isWAV(b []byte) bool {
	return len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WAVE"
}

// isMP3 accepts an ID3 tag or an MPEG audio frame header.
func isMP3(b []byte) bool {
	return bytes.HasPrefix(b, []byte("ID3")) || len(b) >= 2 && b[0] == 0xff && b[1]&0xe0 == 0xe0
}

// isISOMedia accepts an ISO base media file (MP4, M4A): a first box
// "ftyp".
func isISOMedia(b []byte) bool { return len(b) >= 8 && string(b[4:8]) == "ftyp" }

// isQuickTime accepts an ISO media file or a QuickTime movie, which may
// start with other boxes.
func isQuickTime(b []byte) bool {
	if len(b) < 8 {
		return false
	}
	switch string(b[4:8]) {
	case "ftyp", "moov", "mdat", "wide", "free", "skip", "pnot":
		return true
	}
	return false
}

// locationMarkers are the boxes in which phones and cameras write where a
// video or recording was made: QuickTime's ©xyz, Apple's
// com.apple.quicktime.location.ISO6709 key, and 3GPP's loci.
var locationMarkers = [][]byte{[]byte("\xa9xyz"), []byte("location.ISO6709"), []byte("loci")}

// hasLocation reports whether an MP4, MOV or M4A file carries where it was
// made. It looks for the boxes by name: a false alarm costs a teacher an
// export, a miss would publish where children were filmed.
func hasLocation(b []byte) bool {
	for _, m := range locationMarkers {
		for off := 0; ; {
			i := bytes.Index(b[off:], m)
			if i < 0 {
				break
			}
			i += off
			if i >= 4 && (string(m) != "loci" || isBoxName(b, i)) {
				return true
			}
			off = i + 1
		}
	}
	return false
}

// isBoxName reports whether the 4 bytes at i follow a box size, as a box
// name does: the size is at least 8 and fits in the file.
func isBoxName(b []byte, i int) bool {
	size := int(b[i-4])<<24 | int(b[i-3])<<16 | int(b[i-2])<<8 | int(b[i-1])
	return size >= 8 && i-4+size <= len(b)
}
