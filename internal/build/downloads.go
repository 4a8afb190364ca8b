package build

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"buildbook/internal/content"
	"buildbook/internal/diag"
	"buildbook/internal/paths"
	"buildbook/internal/render"
	"buildbook/internal/store"
)

// A build may publish each book's PDF and EPUB beside its page (see
// render's downloads.go). They are made beforehand, by `buildbook pdf`
// and `buildbook epub` (the Pages workflow makes them: build needs no
// browser), into one folder, Options.Downloads, under the names those
// commands give by default: book.pdf and book.epub for the book of every
// case study, book-<id>.pdf and book-<id>.epub for an edition. build
// copies each into book/ or book/<id>/ under the same name.
//
// The folder is the operator's, not the contributors', but it is read as
// carefully as content: through an os.Root, regular files only (no
// symbolic link), each named for a book of the site and starting as a
// PDF or an EPUB does. Anything else in it is an error at the file, so
// that nothing is published by mistake or left out in silence; a book
// without its PDF or EPUB is a warning, and its pages offer what there is.

// download is a book's file found in the downloads folder.
type download struct {
	render.Download
	name string // in the downloads folder
	sum  uint64 // checksum of its bytes
}

// downloadMagic is how each format's files start: a PDF with its header;
// an EPUB, a zip file, with its mimetype entry first and stored, as the
// EPUB standard (OCF) requires.
var downloadMagic = map[string][]byte{
	".pdf":  []byte("%PDF-"),
	".epub": []byte("PK\x03\x04"),
}

const epubMimetype = "mimetypeapplication/epub+zip"

// readDownloads reads the downloads folder dir for the books of site. It
// returns the files found, in the order pages offer them (the book of
// every case study, then the editions in site order; PDF, then EPUB), and
// adds a diagnostic for each file that is not a book's, each book's file
// that cannot be published, and each book's file that is missing.
func readDownloads(dir string, site *content.Site, diags *diag.List) []download {
	type want struct {
		edition, format string
		ext             string
	}
	var names []string
	wants := map[string]want{}
	var ids []string
	for _, e := range append([]*content.Edition{nil}, site.Editions...) {
		id := ""
		if e != nil {
			id = e.ID
			ids = append(ids, id)
		}
		for _, f := range render.DownloadFormats {
			n := paths.DownloadName(id, f.Ext)
			names = append(names, n)
			wants[n] = want{edition: id, format: f.Format, ext: f.Ext}
		}
	}
	at := func(name string) diag.Pos { return diag.Pos{File: filepath.Join(dir, name)} }

	root, err := os.OpenRoot(dir)
	if err != nil {
		diags.Errorf(diag.Pos{File: dir}, "the downloads folder cannot be read (%v): give --downloads the folder that holds the books' PDF and EPUB files", rootError(err))
		return nil
	}
	defer root.Close()
	entries, err := fs.ReadDir(root.FS(), ".")
	if err != nil {
		diags.Errorf(diag.Pos{File: dir}, "the downloads folder cannot be read: %v", rootError(err))
		return nil
	}
	found := map[string]download{}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
			continue
		}
		w, ok := wants[name]
		if !ok {
			diags.Errorf(at(name), "%s", unknownDownload(name, ids))
			continue
		}
		info, err := root.Lstat(name)
		switch {
		case err != nil:
			diags.Errorf(at(name), "cannot be read: %v", rootError(err))
			continue
		case info.Mode()&fs.ModeSymlink != 0:
			diags.Errorf(at(name), "is a symbolic link: put the file itself in the downloads folder")
			continue
		case !info.Mode().IsRegular():
			diags.Errorf(at(name), "is not a file: put the book's %s file itself in the downloads folder", w.format)
			continue
		}
		size, sum, head, err := sumFile(root, name)
		if err != nil {
			diags.Errorf(at(name), "cannot be read: %v", rootError(err))
			continue
		}
		if !looksLike(w.ext, head) {
			diags.Errorf(at(name), "is not a %s file: make it again with %s", w.format, makeCommand(w.edition, w.ext, filepath.Join(dir, name)))
			continue
		}
		found[name] = download{
			Download: render.Download{Edition: w.edition, Format: w.format, Path: paths.Download(w.edition, w.ext), Size: size},
			name:     name, sum: sum,
		}
	}
	var out []download
	for _, n := range names {
		if d, ok := found[n]; ok {
			out = append(out, d)
			continue
		}
		w := wants[n]
		book := "the book of every case study"
		if w.edition != "" {
			book = fmt.Sprintf("the %q edition", w.edition)
		}
		diags.Warnf(at(n), "there is no %s of %s: its pages offer the rest; make it with %s", w.format, book, makeCommand(w.edition, w.ext, filepath.Join(dir, n)))
	}
	return out
}

// unknownDownload says what is wrong with the file name in the downloads
// folder, which names no book of the site; ids are the editions.
func unknownDownload(name string, ids []string) string {
	ext := strings.ToLower(filepath.Ext(name))
	names := "book.pdf and book.epub for the book of every case study"
	if len(ids) > 0 {
		names += ", and book-ID.pdf and book-ID.epub for an edition (" + strings.Join(ids, ", ") + ")"
	}
	if _, ok := downloadMagic[ext]; ok && strings.HasPrefix(name, "book-") {
		id := strings.TrimSuffix(strings.TrimPrefix(name, "book-"), filepath.Ext(name))
		if len(ids) == 0 {
			return fmt.Sprintf("there is no edition %q, and the site has none: remove the file, or name the book of every case study %s", id, paths.DownloadName("", ext))
		}
		return fmt.Sprintf("there is no edition %q (the editions are %s): remove the file, or rename it for its edition", id, strings.Join(ids, ", "))
	}
	return "is not a book's PDF or EPUB, so it would not be published: the downloads folder holds " + names + "; remove it, or rename it so (names starting with . or _ are ignored)"
}

// makeCommand is the command that makes the file out of a book.
func makeCommand(edition, ext, out string) string {
	cmd := "buildbook " + strings.TrimPrefix(ext, ".")
	if edition != "" {
		cmd += " --edition " + edition
	}
	return cmd + " --out " + out
}

// looksLike reports whether a file that starts with head is of the kind
// of extension ext.
func looksLike(ext string, head []byte) bool {
	if !bytes.HasPrefix(head, downloadMagic[ext]) {
		return false
	}
	if ext == ".epub" {
		return len(head) >= 30+len(epubMimetype) && string(head[30:30+len(epubMimetype)]) == epubMimetype
	}
	return true
}

// sumFile reads the file name of root: its size, its checksum (as
// store.Checksum computes it) and its first bytes.
func sumFile(root *os.Root, name string) (size int64, sum uint64, head []byte, err error) {
	f, err := root.Open(name)
	if err != nil {
		return 0, 0, nil, err
	}
	defer f.Close()
	var h store.Summer
	buf := make([]byte, 1<<20)
	for {
		n, err := f.Read(buf)
		if n > 0 {
			if head == nil {
				head = bytes.Clone(buf[:min(n, 64)])
			}
			h.Write(buf[:n])
			size += int64(n)
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return 0, 0, nil, err
		}
	}
	return size, h.Sum(), head, nil
}

// rootError is err without the path that os.Root's errors repeat.
func rootError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// downloadJobs copy the downloads d from the folder dir into the output.
// A file's key is its checksum: a rebuild keeps a copy whose source did
// not change.
func downloadJobs(dir string, ds []download) []render.Job {
	var jobs []render.Job
	for _, d := range ds {
		var k store.Digest
		k.Str("download")
		k.Str(d.Path)
		k.Int(int(d.Size))
		k.Uint(d.sum)
		copyTo := func(w io.Writer) error {
			root, err := os.OpenRoot(dir)
			if err != nil {
				return err
			}
			defer root.Close()
			f, err := root.Open(d.name)
			if err != nil {
				return err
			}
			defer f.Close()
			n, err := io.Copy(w, f)
			if err == nil && n != d.Size {
				err = fmt.Errorf("%s changed while the site was built: build again", filepath.Join(dir, d.name))
			}
			return err
		}
		jobs = append(jobs, render.Job{Path: d.Path, Key: k.Sum(), Write: copyTo, Make: func() ([]byte, error) {
			var b bytes.Buffer
			err := copyTo(&b)
			return b.Bytes(), err
		}})
	}
	return jobs
}
