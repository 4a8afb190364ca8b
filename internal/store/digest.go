package store

import (
	"encoding/binary"
	"hash/crc64"
	"strconv"
)

// Digest digests a sequence of values, each written with its length so
// that different sequences cannot give the same bytes. A page's key is
// the Digest of everything the page is made from. The zero Digest is
// empty.
type Digest struct{ b []byte }

// Uint adds v.
func (k *Digest) Uint(v uint64) { k.b = binary.LittleEndian.AppendUint64(k.b, v) }

// Int adds v.
func (k *Digest) Int(v int) { k.Uint(uint64(v)) }

// Str adds s.
func (k *Digest) Str(s string) {
	k.Int(len(s))
	k.b = append(k.b, s...)
}

// Bool adds v.
func (k *Digest) Bool(v bool) { k.Str(strconv.FormatBool(v)) }

// Sum is the digest: the Checksum of what was added, and a CRC-64 of the
// same bytes, folded together.
func (k *Digest) Sum() uint64 {
	return Checksum(k.b) ^ crc64.Checksum(k.b, crc64Table)
}

var crc64Table = crc64.MakeTable(crc64.ECMA)
