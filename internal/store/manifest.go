package store

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Marker is the file that marks a folder as buildbook's output. buildbook
// replaces only an output folder that has it, or an empty one, so that a
// mistaken --out never deletes anyone's files. After its first line, it
// lists every file of the folder with its size and checksum: the
// manifest, which lets a later build skip the files that did not change.
const Marker = ".buildbook-output"

// MarkerHeader is the first line of the Marker file; manifestVersion
// starts the manifest.
const (
	MarkerHeader    = "This folder is written by buildbook and replaced whole by each build.\n"
	manifestVersion = "manifest 2\n"
	manifestV1      = "manifest 1\n" // without keys; still read
)

// File is what the manifest records of a file: its size and checksum,
// and the key of the job that made it (0 for none; see render.Job).
type File struct {
	Size int64
	Sum  uint64
	Key  uint64
}

// Manifest maps the path of every file of an output folder, with
// slashes, to what it records of the file.
type Manifest map[string]File

// ReadManifest reads the manifest of a Marker file. Every path in it
// must be a clean relative path (LocalPath), or the manifest is refused.
func ReadManifest(file string) (Manifest, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	fields := 4 // checksum, key, size, path
	rest, ok := bytes.CutPrefix(b, []byte(MarkerHeader+manifestVersion))
	if !ok {
		if rest, ok = bytes.CutPrefix(b, []byte(MarkerHeader+manifestV1)); !ok {
			return nil, fmt.Errorf("%s: no manifest", file)
		}
		fields = 3
	}
	m := Manifest{}
	for len(rest) > 0 {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		rest = after
		f := strings.SplitN(string(line), " ", fields)
		if len(f) != fields {
			return nil, fmt.Errorf("%s: bad line %q", file, line)
		}
		var e File
		sum, err1 := hex.DecodeString(f[0])
		var key []byte
		var err3 error
		if fields == 4 {
			key, err3 = hex.DecodeString(f[1])
			f = append(f[:1], f[2:]...)
			if len(key) == 8 {
				e.Key = binary.BigEndian.Uint64(key)
			} else {
				err3 = fmt.Errorf("bad key")
			}
		}
		size, err2 := strconv.ParseInt(f[1], 10, 64)
		if err1 != nil || err2 != nil || err3 != nil || len(sum) != 8 {
			return nil, fmt.Errorf("%s: bad line %q", file, line)
		}
		if !LocalPath(f[2]) {
			return nil, fmt.Errorf("%s: %q is not a path inside the folder", file, f[2])
		}
		e.Size, e.Sum = size, binary.BigEndian.Uint64(sum)
		m[f[2]] = e
	}
	return m, nil
}

// Marker is the content of the Marker file for the files of m, sorted by
// path.
func (m Manifest) Marker() []byte {
	var b bytes.Buffer
	b.WriteString(MarkerHeader + manifestVersion)
	for _, p := range slices.Sorted(maps.Keys(m)) {
		e := m[p]
		fmt.Fprintf(&b, "%016x %016x %d %s\n", e.Sum, e.Key, e.Size, p)
	}
	return b.Bytes()
}

// LocalPath reports whether p, a path read from a manifest, names a file
// inside the output folder: slash-separated, relative, clean, with no ".."
// and nothing a system reads as a drive or a device; and not the marker.
func LocalPath(p string) bool {
	return fs.ValidPath(p) && p != "." && p != Marker && !strings.Contains(p, `\`) && filepath.IsLocal(filepath.FromSlash(p))
}
