package photo

import (
	"encoding/binary"
	"iter"
)

// Orientation is the EXIF orientation of a JPEG file (1 to 8: how the
// camera was held), or 1 when it has none that can be read. Only the
// orientation tag of the first image directory is read; the rest of the
// metadata is never copied anywhere.
func Orientation(b []byte) int {
	tiff := jpegExif(b)
	if len(tiff) < 8 {
		return 1
	}
	var bo binary.ByteOrder
	switch string(tiff[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 1
	}
	if bo.Uint16(tiff[2:]) != 42 {
		return 1
	}
	off := int(bo.Uint32(tiff[4:]))
	if off < 8 || off > len(tiff)-2 {
		return 1
	}
	n := int(bo.Uint16(tiff[off:]))
	for i := range n {
		e := off + 2 + 12*i
		if e+12 > len(tiff) {
			return 1
		}
		if bo.Uint16(tiff[e:]) != 0x0112 {
			continue
		}
		// SHORT, one value, held in the entry itself.
		if bo.Uint16(tiff[e+2:]) != 3 || bo.Uint32(tiff[e+4:]) != 1 {
			return 1
		}
		if v := int(bo.Uint16(tiff[e+8:])); v >= 1 && v <= 8 {
			return v
		}
		return 1
	}
	return 1
}

// jpegExif is the TIFF data of a JPEG file's EXIF segment (APP1 starting
// "Exif\0\0"), or nil. It reads the markers before the first scan.
func jpegExif(b []byte) []byte {
	for m, seg := range jpegSegments(b) {
		if m == 0xe1 && len(seg) >= 6 && string(seg[:6]) == "Exif\x00\x00" {
			return seg[6:]
		}
	}
	return nil
}

// jpegSegments are the markers of a JPEG file before its first scan that
// have a segment, each with the segment's data; none if b is not a JPEG.
func jpegSegments(b []byte) iter.Seq2[byte, []byte] {
	return func(yield func(byte, []byte) bool) {
		if len(b) < 4 || b[0] != 0xff || b[1] != 0xd8 {
			return
		}
		i := 2
		for i+4 <= len(b) {
			if b[i] != 0xff {
				return
			}
			m := b[i+1]
			switch {
			case m == 0xff: // fill byte
				i++
				continue
			case m == 0xd8 || m >= 0xd0 && m <= 0xd7 || m == 0x01:
				i += 2 // markers without a length
				continue
			case m == 0xda || m == 0xd9: // start of scan, end of image
				return
			}
			n := int(binary.BigEndian.Uint16(b[i+2:]))
			if n < 2 || i+2+n > len(b) {
				return
			}
			if !yield(m, b[i+4:i+2+n]) {
				return
			}
			i += 2 + n
		}
	}
}

// jpegDecoded is the bytes that image/jpeg decodes a w×h JPEG file into,
// as its frame header says: a YCbCr image's Y and its Cb and Cr, which
// are fewer than the pixels when subsampled (4:2:0, most often: 1.5
// bytes a pixel in all); for a grey or CMYK file, the RGBA that it is
// converted to (4 bytes a pixel).
func jpegDecoded(b []byte, w, h int) int64 {
	px := int64(w) * int64(h)
	for m, seg := range jpegSegments(b) {
		// A start of frame: all of 0xc0 to 0xcf but DHT, JPG and DAC.
		if m < 0xc0 || m > 0xcf || m == 0xc4 || m == 0xc8 || m == 0xcc {
			continue
		}
		if len(seg) < 6 || seg[5] != 3 || len(seg) < 6+3*3 {
			break
		}
		var hs, vs [3]int64
		for c := range 3 {
			hv := seg[6+3*c+1]
			hs[c], vs[c] = max(1, int64(hv>>4)), max(1, int64(hv&15))
		}
		hmax, vmax := max(hs[0], hs[1], hs[2]), max(vs[0], vs[1], vs[2])
		n := int64(0)
		for c := range 3 {
			n += px * hs[c] * vs[c] / (hmax * vmax)
		}
		return n
	}
	return 4 * px
}
