package build

import (
	"buildbook/internal/asset"
	"buildbook/internal/content"
	"buildbook/internal/diag"
)

// checkCovers checks the cover pictures of book.yaml and of each edition
// as a case study's image is checked, and publishes them: a raster
// picture goes through the photo pipeline, and the book prints its print
// version.
func checkCovers(site *content.Site, assets *assetSet, opts *Options, diags *diag.List) {
	check := func(file, cover string, at [2]int) {
		if cover == "" {
			return
		}
		pos := diag.Pos{File: opts.display(file), Line: at[0], Col: at[1]}
		if !asset.IsImage(cover) {
			diags.Errorf(pos, "cover %q is not a picture: the cover field takes a %s file; name a picture in the content folder", cover, asset.ImageKinds)
			return
		}
		if _, msg := assets.add(cover, site, pos); msg != "" {
			diags.Errorf(pos, "cover %q cannot be published: %s", cover, msg)
		}
	}
	check("book.yaml", site.Book.Cover, site.Book.CoverAt)
	for _, e := range site.Editions {
		check(e.File, e.Cover, e.CoverAt)
	}
}
