package build

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"buildbook/internal/par"
	"buildbook/internal/photo"
	"buildbook/internal/render"
	"buildbook/internal/store"
)

// A raster image of the content (JPEG, PNG, GIF, WebP) is not published
// as it was added: internal/photo makes its versions, and the original's
// place holds the print version, so that neither its metadata nor a
// phone's full-size photo reaches readers. The versions are kept beside
// the output folder in .<out>.images, one file each, named by a digest of
// the original's bytes, the version and the encoders: a rebuild reads
// them from there instead of encoding them again, and a build removes
// those that no image of the site has any more.

// photoJob is a raster image and the versions of it that the site
// publishes. Its versions are made once, by whichever needs them first.
type photoJob struct {
	file   string // content path
	info   photo.Info
	sum    string          // hex digest of the original's bytes
	vs     []photo.Variant // screen versions, then the print version, then the card, if any
	paths  []string        // output paths, parallel to vs
	keys   []uint64        // job keys, parallel to vs
	screen []bool          // whether pages show the version, parallel to vs
	card   int             // the index in vs of the card a shared link shows, or -1

	fsys  fs.FS
	cache string // the image cache folder, or "" for none
	count *atomic.Int64

	once sync.Once
	mem  [][]byte // the versions, when there is no cache to keep them in
	err  error
}

// newPhotoJob lists the versions of the image file published at out.
func newPhotoJob(file, out string, b []byte, info photo.Info) *photoJob {
	d := sha256.Sum256(b)
	p := &photoJob{file: file, info: info, sum: hex.EncodeToString(d[:16]), card: -1}
	pr := info.Print()
	ver := photo.Version()
	add := func(v photo.Variant, at string) {
		if i := slices.Index(p.paths, at); i >= 0 {
			if v.Print {
				p.vs[i] = v // the same file, at print quality
			}
			return
		}
		p.vs = append(p.vs, v)
		p.paths = append(p.paths, at)
		p.screen = append(p.screen, !v.Print && !v.Crop)
	}
	stem := strings.TrimSuffix(out, path.Ext(out))
	for _, v := range info.Screen() {
		at := stem + "-" + strconv.Itoa(v.Width) + "w" + v.Format.Ext()
		if v.Format == pr.Format && v.Width == pr.Width {
			at = out
		}
		add(v, at)
	}
	add(pr, out)
	if v, ok := info.Card(); ok {
		p.card = len(p.vs)
		add(v, stem+"-card"+v.Format.Ext())
	}
	for _, v := range p.vs {
		var k store.Digest
		k.Str(p.sum)
		k.Str(ver)
		k.Str(p.cacheName(v))
		p.keys = append(p.keys, k.Sum())
	}
	return p
}

// cacheName is the name of version v's file in the image cache.
func (p *photoJob) cacheName(v photo.Variant) string {
	var k store.Digest
	k.Str(photo.Version())
	name := p.sum + "-" + strconv.FormatUint(k.Sum(), 16)[:8] + "-" + strconv.Itoa(v.Width) + "x" + strconv.Itoa(v.Height)
	if v.Print {
		name += "-print"
	}
	if v.Crop {
		name += "-card"
	}
	return name + v.Format.Ext()
}

// make makes the versions, unless the cache has them all: it encodes them
// into the cache, or into memory when there is none.
func (p *photoJob) make() {
	if p.cache != "" && p.cached() {
		return
	}
	b, err := fs.ReadFile(p.fsys, p.file)
	if err != nil {
		p.err = err
		return
	}
	out, err := photo.Make(b, p.info, p.vs)
	if err != nil {
		p.err = err
		return
	}
	if p.count != nil {
		p.count.Add(int64(len(out)))
	}
	if p.cache != "" && os.MkdirAll(p.cache, 0o755) == nil {
		ok := true
		for i, v := range p.vs {
			if writeFile(filepath.Join(p.cache, p.cacheName(v)), out[i]) != nil {
				ok = false
			}
		}
		if ok {
			return
		}
	}
	p.mem = out
}

// cached reports whether the cache holds every version.
func (p *photoJob) cached() bool {
	for _, v := range p.vs {
		if info, err := os.Stat(filepath.Join(p.cache, p.cacheName(v))); err != nil || !info.Mode().IsRegular() {
			return false
		}
	}
	return true
}

// version is the bytes of version i.
func (p *photoJob) version(i int) ([]byte, error) {
	p.once.Do(p.make)
	if p.err != nil {
		return nil, p.err
	}
	if p.mem != nil {
		return p.mem[i], nil
	}
	b, err := os.ReadFile(filepath.Join(p.cache, p.cacheName(p.vs[i])))
	if err != nil {
		// Removed since, by another build: made again.
		b, err := fs.ReadFile(p.fsys, p.file)
		if err != nil {
			return nil, err
		}
		out, err := photo.Make(b, p.info, p.vs[i:i+1])
		if err != nil {
			return nil, err
		}
		return out[0], nil
	}
	return b, nil
}

// jobs are the jobs that write the versions.
func (p *photoJob) jobs() []render.Job {
	jobs := make([]render.Job, len(p.vs))
	for i := range p.vs {
		jobs[i] = render.Job{Path: p.paths[i], Key: p.keys[i], Make: func() ([]byte, error) { return p.version(i) }}
	}
	return jobs
}

// picture is how pages show the image: its screen versions up to
// maxWidth pixels wide.
func (p *photoJob) picture(root string, maxWidth int) *render.Photo {
	if p.info.Animated && !p.info.Poster {
		// One file, as it is.
		return &render.Photo{Src: root + escapePath(p.paths[0]), Width: p.info.Width, Height: p.info.Height}
	}
	pic := &render.Photo{}
	fallback := p.info.Fallback()
	var webp, set []string
	for i, v := range p.vs {
		if !p.screen[i] || v.Width > maxWidth && v.Width > photo.Widths[0] {
			continue
		}
		u := root + escapePath(p.paths[i])
		d := srcsetURL(u) + " " + strconv.Itoa(v.Width) + "w"
		if v.Format == photo.WebP {
			webp = append(webp, d)
			continue
		}
		if v.Format == fallback {
			set = append(set, d)
			if pic.Src == "" || v.Width <= 800 {
				pic.Src = u
			}
			pic.Width, pic.Height = v.Width, v.Height
		}
	}
	pic.WebP = strings.Join(webp, ", ")
	pic.SrcSet = strings.Join(set, ", ")
	return pic
}

// share is the card that a shared link to a page with the image shows,
// its address a path from the site's root; ok is false when the image has
// none (see photo.Info.Card).
func (p *photoJob) share() (img render.ShareImage, ok bool) {
	if p.card < 0 {
		return render.ShareImage{}, false
	}
	v := p.vs[p.card]
	return render.ShareImage{URL: escapePath(p.paths[p.card]), Width: v.Width, Height: v.Height, Type: v.Format.Type()}, true
}

// srcsetURL is a URL as a srcset holds it: a comma is written %2C, since
// srcset separates its candidates with commas.
func srcsetURL(u string) string { return strings.ReplaceAll(u, ",", "%2C") }

// imagesPath is the image cache folder of output folder out.
func imagesPath(out string) string {
	out = filepath.Clean(out)
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".images")
}

// makePhotos makes, on every core, the versions of the images that the
// output folder, whose manifest is prev, does not already hold: each
// image is decoded once for all its versions, and as many images at once
// as photo.Budget leaves room for (see photo.Make). The WebP encoder is
// made ready first, while the build holds little (see photo.Init), if
// any version is not in the cache.
func makePhotos(photos []*photoJob, dir string, prev store.Manifest) {
	var need []*photoJob
	for _, p := range photos {
		for i, at := range p.paths {
			if old, ok := prev[at]; !ok || old.Key != p.keys[i] || !sameSize(dir, at, old.Size) {
				need = append(need, p)
				break
			}
		}
	}
	if len(need) == 0 {
		return
	}
	if slices.ContainsFunc(need, func(p *photoJob) bool { return p.cache == "" || !p.cached() }) {
		photo.Init() // not for a rebuild that only copies versions from the cache
	}
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(photoMemoryLimit()))
	par.For(len(need), func(i int) { need[i].once.Do(need[i].make) })
}

// photoSlack is the memory, above photo.Budget, that the build may hold
// while photos are made before the collector runs: the originals read,
// the versions made, and the garbage the images leave between
// collections.
const photoSlack = 8 << 20

// photoMemoryLimit is the soft memory limit (see debug.SetMemoryLimit)
// while photos are made: what the build holds already (the live heap),
// photo.Budget, which bounds what the images being made hold at once,
// and photoSlack, or the limit already set (GOMEMLIMIT) if lower. Each
// photo leaves a hundred megabytes of garbage, the encoder's memory above
// all; without a limit, the collector lets the heap grow to twice what is
// live before it runs, and a cold build of ten phone photos took 600 MB
// rather than 200. The live heap is counted so that a large site, which
// holds more than the budget, does not make the collector run without
// end.
func photoMemoryLimit() int64 {
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	var held int64
	if live[0].Value.Kind() == metrics.KindUint64 {
		held = int64(live[0].Value.Uint64())
	}
	return min(debug.SetMemoryLimit(-1), held+photo.Budget+photoSlack)
}

// pruneImages removes from the image cache the files that no image of
// photos has.
func pruneImages(dir string, photos []*photoJob) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	keep := map[string]bool{}
	for _, p := range photos {
		for _, v := range p.vs {
			keep[p.cacheName(v)] = true
		}
	}
	for _, e := range entries {
		if !keep[e.Name()] {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
	}
	return nil
}
