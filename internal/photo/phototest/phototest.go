// Package phototest makes the pictures that tests of published photos
// need: a phone's JPEG with the EXIF metadata a phone writes (the
// orientation, and the GPS position where it was taken).
package phototest

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
)

// Marker is written in the metadata of every picture made here, beside
// the GPS position: no published file may hold it.
const Marker = "BB-GPS-SECRET-51.50741N-0.12782W"

// GPSLatitude is the GPS latitude tag's number as it is stored
// (little-endian), to look for in published files too.
var GPSLatitude = []byte{0x02, 0x00, 0x05, 0x00, 0x03, 0x00, 0x00, 0x00}

// Picture is a w×h image that compresses as a photo does: smooth shades
// with a little grain, and a dark square in its top left corner, so that
// a test can tell which way up it was turned.
func Picture(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	seed := uint32(1)
	for y := range h {
		for x := range w {
			seed = seed*1664525 + 1013904223
			n := uint8(seed >> 29)
			c := color.RGBA{uint8(40+160*x/w) + n, uint8(60+120*y/h) + n, uint8(90+100*(x+y)/(w+h)) + n, 255}
			if x < w/4 && y < h/4 {
				c = color.RGBA{10, 10, 10, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// PhoneJPEG is a JPEG of Picture(w, h) as a phone stores it: the pixels
// as the sensor read them, with an EXIF segment giving the orientation,
// a description holding Marker, and a GPS position.
func PhoneJPEG(w, h, orientation int) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, Picture(w, h), &jpeg.Options{Quality: 92}); err != nil {
		panic(err)
	}
	return WithEXIF(buf.Bytes(), orientation)
}

// WithEXIF is the JPEG b with the EXIF segment of PhoneJPEG put after its
// start marker.
func WithEXIF(b []byte, orientation int) []byte {
	app1 := exifSegment(orientation)
	return append(append(append([]byte{}, b[:2]...), app1...), b[2:]...)
}

// PNGWithText is a PNG of Picture(w, h) with a text chunk holding Marker,
// as some programs write a location or an author.
func PNGWithText(w, h int) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, Picture(w, h)); err != nil {
		panic(err)
	}
	b := buf.Bytes()
	text := append([]byte("Comment\x00"), Marker...)
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(text)))
	chunk = append(chunk, "tEXt"...)
	chunk = append(chunk, text...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc(append([]byte("tEXt"), text...)))
	// After the IHDR chunk: 8 bytes of signature, 25 of IHDR.
	return append(append(append([]byte{}, b[:33]...), chunk...), b[33:]...)
}

func crc(b []byte) uint32 {
	c := ^uint32(0)
	for _, x := range b {
		c ^= uint32(x)
		for range 8 {
			if c&1 != 0 {
				c = c>>1 ^ 0xedb88320
			} else {
				c >>= 1
			}
		}
	}
	return ^c
}

// exifSegment is an APP1 segment of little-endian TIFF data: IFD0 with the
// orientation, a description and a pointer to a GPS IFD that holds a
// latitude and longitude.
func exifSegment(orientation int) []byte {
	le := binary.LittleEndian
	var t []byte
	t = append(t, "II"...)
	t = le.AppendUint16(t, 42)
	t = le.AppendUint32(t, 8)
	// IFD0 at 8: 3 entries (12 bytes each), then the next-IFD offset.
	desc := Marker + "\x00"
	ifd0End := 8 + 2 + 3*12 + 4
	descOff := ifd0End
	gpsOff := descOff + len(desc)
	t = le.AppendUint16(t, 3)
	t = entry(t, 0x010e, 2, uint32(len(desc)), uint32(descOff)) // ImageDescription
	t = entry(t, 0x0112, 3, 1, uint32(orientation))             // Orientation
	t = entry(t, 0x8825, 4, 1, uint32(gpsOff))                  // GPS IFD
	t = le.AppendUint32(t, 0)
	t = append(t, desc...)
	// The GPS IFD: 4 entries, then the rationals.
	ratOff := gpsOff + 2 + 4*12 + 4
	t = le.AppendUint16(t, 4)
	t = entry(t, 0x0001, 2, 2, uint32('N'))        // GPSLatitudeRef
	t = entry(t, 0x0002, 5, 3, uint32(ratOff))     // GPSLatitude
	t = entry(t, 0x0003, 2, 2, uint32('W'))        // GPSLongitudeRef
	t = entry(t, 0x0004, 5, 3, uint32(ratOff+3*8)) // GPSLongitude
	t = le.AppendUint32(t, 0)
	for _, r := range [][2]uint32{{51, 1}, {30, 1}, {2667, 100}, {0, 1}, {7, 1}, {4015, 100}} {
		t = le.AppendUint32(le.AppendUint32(t, r[0]), r[1])
	}
	seg := append([]byte("Exif\x00\x00"), t...)
	out := []byte{0xff, 0xe1}
	out = binary.BigEndian.AppendUint16(out, uint16(len(seg)+2))
	return append(out, seg...)
}

func entry(t []byte, tag, typ uint16, count, value uint32) []byte {
	le := binary.LittleEndian
	t = le.AppendUint16(t, tag)
	t = le.AppendUint16(t, typ)
	t = le.AppendUint32(t, count)
	return le.AppendUint32(t, value)
}
