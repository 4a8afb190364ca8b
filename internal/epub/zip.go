package epub

import (
	"archive/zip"
	"hash/crc32"
	"io"
	"slices"
	"strings"
	"time"
)

// entry is one file of the EPUB's zip.
type entry struct {
	name string
	data []byte
}

// mimetype is the first file of every EPUB, stored uncompressed.
const mimetype = "application/epub+zip"

// writeZip writes an EPUB container: the mimetype file first, stored and
// without extra fields, as the OCF specification requires, then
// META-INF/container.xml, then every other entry by name. Every entry has
// the same time, mod, so that the same book gives the same bytes.
func writeZip(w io.Writer, entries []entry, mod time.Time) error {
	slices.SortFunc(entries, func(a, b entry) int {
		return cmpRank(a.name, b.name)
	})
	z := zip.NewWriter(w)
	// The legacy MS-DOS date and time, rather than Modified, which would
	// add an extended-time extra field that the mimetype entry must not
	// have.
	date := uint16((mod.Year()-1980)<<9 | int(mod.Month())<<5 | mod.Day())
	clock := uint16(mod.Hour()<<11 | mod.Minute()<<5 | mod.Second()/2)
	m := []byte(mimetype)
	hdr := &zip.FileHeader{Name: "mimetype", Method: zip.Store, CRC32: crc32.ChecksumIEEE(m), CompressedSize64: uint64(len(m)), UncompressedSize64: uint64(len(m))}
	hdr.ModifiedDate, hdr.ModifiedTime = date, clock //lint:ignore SA1019 see above
	f, err := z.CreateRaw(hdr)
	if err != nil {
		return err
	}
	if _, err := f.Write(m); err != nil {
		return err
	}
	for _, e := range entries {
		hdr := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		hdr.ModifiedDate, hdr.ModifiedTime = date, clock //lint:ignore SA1019 see above
		f, err := z.CreateHeader(hdr)
		if err != nil {
			return err
		}
		if _, err := f.Write(e.data); err != nil {
			return err
		}
	}
	return z.Close()
}

// cmpRank orders entries: META-INF/container.xml first, then by name.
func cmpRank(a, b string) int {
	const first = "META-INF/container.xml"
	switch {
	case a == b:
		return 0
	case a == first:
		return -1
	case b == first:
		return 1
	}
	return strings.Compare(a, b)
}

// containerXML points reading systems at the package document.
const containerXML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
`
