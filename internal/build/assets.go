package build

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"buildbook/internal/asset"
	"buildbook/internal/content"
	"buildbook/internal/diag"
	"buildbook/internal/paths"
	"buildbook/internal/photo"
	"buildbook/internal/render"
	"buildbook/internal/store"
)

// assetSet is the set of content files the output publishes, with their
// checks and image sizes. It is safe for concurrent use.
type assetSet struct {
	fsys fs.FS
	mu   sync.Mutex
	out  map[string]string // content path -> output path
	errs map[string]string // content path -> why it cannot be published
	dims map[string][2]int
	// data are the bytes published instead of a file's own: an SVG as
	// asset.CleanSVG wrote it, so that what is published is what was
	// checked.
	data  map[string][]byte
	notes map[string][]asset.Note // content path -> what was left out of it
	// photos are the raster images, published in versions that
	// internal/photo makes instead of as they are.
	photos map[string]*photoJob

	first map[string]diag.Pos // content path -> its first reference, for errors
}

func newAssetSet(fsys fs.FS) *assetSet {
	return &assetSet{fsys: fsys, out: map[string]string{}, errs: map[string]string{}, dims: map[string][2]int{},
		data: map[string][]byte{}, notes: map[string][]asset.Note{}, photos: map[string]*photoJob{}, first: map[string]diag.Pos{}}
}

// add checks a content file once and records where it is published.
func (a *assetSet) add(file string, site *content.Site, at diag.Pos) (string, string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if p, ok := a.first[file]; !ok || before(at, p) {
		a.first[file] = at
	}
	if out, ok := a.out[file]; ok {
		return out, ""
	}
	if e, ok := a.errs[file]; ok {
		return "", e
	}
	out := site.OutputPath(file)
	msg := asset.Allowed(file)
	if msg == "" && (path.Base(out) == paths.Index || out == paths.Feed || out == paths.Sitemap || out == paths.NotFound || strings.HasPrefix(out, paths.Assets)) {
		msg = "its name clashes with a page buildbook writes; rename it"
	}
	if msg == "" {
		msg = a.check(file, out)
	}
	if msg != "" {
		a.errs[file] = msg
		return "", msg
	}
	a.out[file] = out
	return out, ""
}

// check reads a file and checks that it holds what its name says. A
// raster image is read whole, for its versions' digest.
func (a *assetSet) check(file, out string) string {
	f, err := a.fsys.Open(file)
	if err != nil {
		return "cannot read it: " + err.Error()
	}
	defer f.Close()
	var r io.Reader = f
	var b []byte
	if asset.IsRaster(file) {
		if b, err = io.ReadAll(f); err != nil {
			return "cannot read it: " + err.Error()
		}
		r = bytes.NewReader(b)
	}
	res, err := asset.Check(file, r)
	if err != nil {
		var e *asset.Error
		if !errors.As(err, &e) {
			return "cannot read it: " + err.Error()
		}
		return e.Msg
	}
	if b != nil {
		info, err := photo.Inspect(b)
		if err != nil {
			return err.Error()
		}
		p := newPhotoJob(file, out, b, info)
		a.photos[file] = p
		if info.Poster {
			a.notes[file] = append(a.notes[file], asset.Note{Message: fmt.Sprintf(
				"this moving picture (an animated GIF) is %s, too much for a reader's phone to download to see it: pages show its first frame, still, and a link to the file, such as [watch it move](%s), opens the animation; to show it moving in the page, save it under %d KB (fewer frames, fewer colours or smaller)",
				render.FileSize(int64(len(b))), linkDest(path.Base(file)), photo.PosterBytes>>10)})
		}
		pic := p.picture("", photo.Widths[len(photo.Widths)-1])
		a.dims[file] = [2]int{pic.Width, pic.Height}
		return ""
	}
	if res.Width > 0 || res.Height > 0 {
		a.dims[file] = [2]int{res.Width, res.Height}
	}
	if res.Data != nil {
		a.data[file] = res.Data
	}
	if len(res.Notes) > 0 {
		a.notes[file] = res.Notes
	}
	return ""
}

// photo is the raster image file, or nil when it is not one.
func (a *assetSet) photo(file string) *photoJob {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.photos[file]
}

// photoList is the raster images that are published, sorted by content
// path.
func (a *assetSet) photoList() []*photoJob {
	var ps []*photoJob
	for _, file := range slices.Sorted(maps.Keys(a.photos)) {
		if _, ok := a.out[file]; ok {
			ps = append(ps, a.photos[file])
		}
	}
	return ps
}

// report gives what was left out of published files as warnings at their
// place in the file.
func (a *assetSet) report(opts *Options, diags *diag.List) {
	for _, file := range slices.Sorted(maps.Keys(a.notes)) {
		if _, ok := a.out[file]; !ok {
			continue
		}
		for _, n := range a.notes[file] {
			diags.Warnf(diag.Pos{File: opts.display(file), Line: n.Line, Col: n.Col}, "%s", n.Message)
		}
	}
}

// copies are the published files copied as they are: content path ->
// output path.
func (a *assetSet) copies() map[string]string {
	m := make(map[string]string, len(a.out))
	for file, out := range a.out {
		if a.data[file] == nil && a.photos[file] == nil {
			m[file] = out
		}
	}
	return m
}

// jobs write the published files whose bytes buildbook made, sorted by
// output path.
func (a *assetSet) jobs() []render.Job {
	var jobs []render.Job
	for _, file := range slices.Sorted(maps.Keys(a.data)) {
		out, ok := a.out[file]
		if !ok {
			continue
		}
		b := a.data[file]
		jobs = append(jobs, render.Job{Path: out, Key: store.Checksum(b), Make: func() ([]byte, error) { return b, nil }})
	}
	for _, p := range a.photoList() {
		jobs = append(jobs, p.jobs()...)
	}
	slices.SortFunc(jobs, func(x, y render.Job) int { return strings.Compare(x.Path, y.Path) })
	return jobs
}

// before orders positions by file, line and column.
func before(a, b diag.Pos) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Col < b.Col
}

// clashes reports every published file whose output path is also the path
// of a file buildbook makes, or of another published file, at the first
// place that refers to it. Without it, a contributed file could take the
// place of a page or of the search index.
func (a *assetSet) clashes(jobs []render.Job, diags *diag.List) {
	made := make(map[string]bool, len(jobs))
	for _, j := range jobs {
		made[j.Path] = true
	}
	taken := map[string]string{}
	for _, file := range slices.Sorted(maps.Keys(a.out)) {
		outs := []string{a.out[file]}
		if p := a.photos[file]; p != nil {
			outs = p.paths
		}
		for _, out := range outs {
			switch {
			case made[out]:
				diags.Errorf(a.first[file], "%q cannot be published: buildbook writes a file of its own at %s; rename it", file, out)
			case taken[out] != "" && taken[out] != file:
				switch {
				case out == a.out[file]:
					diags.Errorf(a.first[file], "%q cannot be published: %s is published at the same place, %s; rename one", file, taken[out], out)
				case out == a.out[taken[out]]:
					diags.Errorf(a.first[file], "%q cannot be published: buildbook publishes a smaller copy of it at %s, where %s is published; rename one", file, out, taken[out])
				default:
					diags.Errorf(a.first[file], "%q cannot be published: buildbook publishes a smaller copy of it at %s, and one of %s at the same place; rename one", file, out, taken[out])
				}
			default:
				taken[out] = file
			}
		}
	}
}

func (a *assetSet) size(file string) (int, int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	d := a.dims[file]
	return d[0], d[1]
}

// linkDest is a file name as a Markdown link's destination: in angle
// brackets when it holds a space or a bracket, which would end it.
func linkDest(name string) string {
	if strings.ContainsAny(name, " ()[]") {
		return "<" + name + ">"
	}
	return name
}
