package build

import (
	"bytes"
	"encoding/xml"
	"image"
	_ "image/gif" // image sizes
	_ "image/jpeg"
	_ "image/png"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"buildbook/internal/content"
	"buildbook/internal/diag"
	"buildbook/internal/render"
)

// activeTypes are attachments a browser would run as a page or a script
// from the site's own origin: contributors may not publish them.
var activeTypes = []string{".html", ".htm", ".xhtml", ".xht", ".shtml", ".js", ".mjs", ".xml", ".xsl", ".xslt", ".svgz", ".swf", ".wasm"}

// assetSet is the set of content files the output publishes, with their
// checks and image sizes. It is safe for concurrent use.
type assetSet struct {
	fsys fs.FS
	mu   sync.Mutex
	out  map[string]string // content path -> output path
	errs map[string]string // content path -> why it cannot be published
	dims map[string][2]int

	first map[string]diag.Pos // content path -> its first reference, for errors
}

func newAssetSet(fsys fs.FS) *assetSet {
	return &assetSet{fsys: fsys, out: map[string]string{}, errs: map[string]string{}, dims: map[string][2]int{}, first: map[string]diag.Pos{}}
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
	msg := ""
	ext := strings.ToLower(path.Ext(file))
	switch {
	case slices.Contains(activeTypes, ext):
		msg = "a " + ext + " file could run script in readers' browsers; attach it as a PDF or an image instead"
	case path.Base(out) == "index.html" || out == "feed.xml" || out == "sitemap.xml" || out == "404.html" || strings.HasPrefix(out, "assets/"):
		msg = "its name clashes with a page buildbook writes; rename it"
	}
	if msg == "" && (ext == ".svg" || ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".gif") {
		b, err := fs.ReadFile(a.fsys, file)
		if err != nil {
			msg = "cannot read it: " + err.Error()
		} else if ext == ".svg" {
			w, h, why := checkSVG(b)
			if why != "" {
				msg = why
			} else {
				a.dims[file] = [2]int{w, h}
			}
		} else if cfg, _, err := image.DecodeConfig(bytes.NewReader(b)); err == nil {
			a.dims[file] = [2]int{cfg.Width, cfg.Height}
		} else {
			msg = "it is not a readable " + strings.TrimPrefix(ext, ".") + " image"
		}
	}
	if msg != "" {
		a.errs[file] = msg
		return "", msg
	}
	a.out[file] = out
	return out, ""
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
		out := a.out[file]
		switch {
		case made[out]:
			diags.Errorf(a.first[file], "%q cannot be published: buildbook writes a file of its own at %s; rename it", file, out)
		case taken[out] != "":
			diags.Errorf(a.first[file], "%q cannot be published: %s is published at the same place, %s; rename one", file, taken[out], out)
		default:
			taken[out] = file
		}
	}
}

func (a *assetSet) size(file string) (int, int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	d := a.dims[file]
	return d[0], d[1]
}

// checkSVG rejects an SVG that could run script when opened on its own, and
// returns its size in pixels when it states one.
func checkSVG(b []byte) (int, int, string) {
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = false
	w, h := 0, 0
	first := true
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, 0, "it is not a well-formed SVG file: " + err.Error()
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		name := strings.ToLower(se.Name.Local)
		if name == "script" || name == "foreignobject" || name == "iframe" || name == "embed" || name == "object" {
			return 0, 0, "the SVG contains <" + se.Name.Local + ">, which could run script in readers' browsers; remove it"
		}
		for _, at := range se.Attr {
			an := strings.ToLower(at.Name.Local)
			if strings.HasPrefix(an, "on") {
				return 0, 0, "the SVG has an event handler (" + at.Name.Local + "), which could run script in readers' browsers; remove it"
			}
			if an == "href" {
				v := strings.ToLower(strings.Join(strings.Fields(at.Value), ""))
				if strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:text/html") {
					return 0, 0, "the SVG links to a script; remove the link"
				}
			}
		}
		if first && name == "svg" {
			first = false
			var vb string
			for _, at := range se.Attr {
				switch at.Name.Local {
				case "width":
					w = pixels(at.Value)
				case "height":
					h = pixels(at.Value)
				case "viewBox":
					vb = at.Value
				}
			}
			if (w == 0 || h == 0) && vb != "" {
				if f := strings.Fields(strings.ReplaceAll(vb, ",", " ")); len(f) == 4 {
					w, h = pixels(f[2]), pixels(f[3])
				}
			}
		}
	}
	return w, h, ""
}

// pixels reads "320" or "320px"; other units give 0 (unknown).
func pixels(s string) int {
	s = strings.TrimSuffix(strings.TrimSpace(s), "px")
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f <= 0 {
		return 0
	}
	return int(f + 0.5)
}
