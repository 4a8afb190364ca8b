package build

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"strings"

	"buildbook/internal/asset"
	"buildbook/internal/brand"
	"buildbook/internal/content"
	"buildbook/internal/diag"
	"buildbook/internal/render"
)

// bookIcon reads and checks the icon that book.yaml names: an SVG is
// cleaned as every published SVG is (what it loses is reported at its
// lines), a PNG must be one and not too large. Problems are errors at
// book.yaml's icon line. It returns nil when book.yaml names none, or
// the icon cannot be used.
func bookIcon(fsys fs.FS, site *content.Site, opts *Options, diags *diag.List) *render.BookIcon {
	name := site.Book.Icon
	if name == "" {
		return nil
	}
	at := diag.Pos{File: opts.display("book.yaml"), Line: site.Book.IconAt[0], Col: site.Book.IconAt[1]}
	fail := func(msg string) *render.BookIcon {
		diags.Errorf(at, "icon %q cannot be used: %s", name, msg)
		return nil
	}
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fail("cannot read it: " + err.Error())
	}
	if len(b) > content.MaxAssetSize {
		return fail(fmt.Sprintf("it is larger than %d MiB; an icon needs a few kilobytes", content.MaxAssetSize>>20))
	}
	if !strings.EqualFold(path.Ext(name), ".svg") {
		if err := brand.CheckPNG(b); err != nil {
			return fail(err.Error())
		}
		return &render.BookIcon{File: name, Data: b}
	}
	r, err := asset.Check(name, bytes.NewReader(b))
	if err != nil {
		var e *asset.Error
		if errors.As(err, &e) {
			return fail(e.Msg)
		}
		return fail("cannot read it: " + err.Error())
	}
	for _, n := range r.Notes {
		diags.Warnf(diag.Pos{File: opts.display(name), Line: n.Line, Col: n.Col}, "%s", n.Message)
	}
	return &render.BookIcon{File: name, Data: r.Data, SVG: true}
}

// imageSizes are the sizes of the published pictures, by content path.
func (a *assetSet) imageSizes() map[string][2]int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return maps.Clone(a.dims)
}
