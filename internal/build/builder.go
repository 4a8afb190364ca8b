package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"buildbook/internal/content"
	"buildbook/internal/index"
	"buildbook/internal/render"
	"buildbook/internal/store"
)

// Builder compiles one content folder again and again, as serve does
// after every edit, and keeps between compiles what did not change: the
// case studies whose files are the same (content.Cache), the HTML of
// bodies that are the same and whose links point where they did, related
// case studies while no terms changed, and the parsed templates while
// their files are the same. A Builder made by
// NewBuilder compiles one site at a time; the zero Builder keeps nothing.
type Builder struct {
	opts    Options
	content *content.Cache
	conv    *convCache
	index   *index.Index // the last compile's, to reuse what it can
	rnd     *render.Renderer
	tmplSum uint64
}

// NewBuilder returns a Builder for opts that keeps what it can between
// compiles.
func NewBuilder(opts Options) *Builder {
	return &Builder{opts: opts, content: &content.Cache{}, conv: &convCache{}}
}

// renderer returns the renderer of the templates, parsed again only when
// a file of the --templates folder changed.
func (b *Builder) renderer() (*render.Renderer, error) {
	sum := uint64(0)
	if b.conv != nil {
		sum = templatesSum(b.opts.Templates)
		if b.rnd != nil && sum == b.tmplSum {
			return b.rnd, nil
		}
	}
	tfs, err := TemplateFS(b.opts.Templates)
	if err != nil {
		return nil, err
	}
	rnd, err := render.New(tfs)
	if err != nil {
		return nil, err
	}
	if b.conv != nil {
		b.rnd, b.tmplSum = rnd, sum
	}
	return rnd, nil
}

// templatesSum is a checksum of the names and bytes of the files under
// dir; 0 when there is no such folder.
func templatesSum(dir string) uint64 {
	if dir == "" {
		return 0
	}
	var b []byte
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		b = append(b, p+"\x00"...)
		if !d.IsDir() {
			data, _ := os.ReadFile(p)
			b = strconv.AppendUint(b, store.Checksum(data), 16)
		}
		return nil
	})
	return store.Checksum(b)
}
