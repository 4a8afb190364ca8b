package photo

import "encoding/binary"

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
	if len(b) < 4 || b[0] != 0xff || b[1] != 0xd8 {
		return nil
	}
	i := 2
	for i+4 <= len(b) {
		if b[i] != 0xff {
			return nil
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
			return nil
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		if n < 2 || i+2+n > len(b) {
			return nil
		}
		seg := b[i+4 : i+2+n]
		if m == 0xe1 && len(seg) >= 6 && string(seg[:6]) == "Exif\x00\x00" {
			return seg[6:]
		}
		i += 2 + n
	}
	return nil
}
