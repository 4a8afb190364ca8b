package build

import (
	"bytes"
	"io"
	"io/fs"
	"path"
	"strings"
	"unicode/utf8"

	"buildbook/internal/content"
	"buildbook/internal/diag"
)

// reportUnpublished warns about every content file that the site will not
// publish and that the "." and "_" rule does not ignore: a case study saved
// without ".md" (GitHub's web editor does not add it) or in the wrong
// folder, Markdown outside case-studies/ and pages/, and pictures or
// documents that nothing links to. Nothing a contributor adds is lost in
// silence; `check --strict`, the pull-request check, fails on these.
//
// referenced holds the files that links and image fields point at,
// whether or not they could be published (those have errors of their own).
func reportUnpublished(site *content.Site, referenced func(string) bool, opts *Options, diags *diag.List) {
	draftDirs := map[string]bool{}
	if !opts.Drafts {
		for _, c := range site.Drafts {
			if c.Bundle {
				draftDirs[path.Dir(c.File)] = true
			}
		}
	}
	bundles := map[string]bool{} // case-studies/<name> folders with an index.md
	for _, f := range site.Files {
		if d := path.Dir(f); path.Dir(d) == "case-studies" && path.Base(f) == "index.md" {
			bundles[d] = true
		}
	}
	for _, f := range site.Files {
		if consumed(site, f) || referenced(f) {
			continue
		}
		if d := bundleOf(f); d != "" && (draftDirs[d] || !bundles[d]) {
			// A draft's pictures are published with it; a folder
			// without index.md is an error of its own.
			continue
		}
		at := diag.Pos{File: opts.display(f), Line: 1, Col: 1}
		if msg := unpublishedWhy(site, f); msg != "" {
			diags.Warnf(at, "%s", msg)
		}
	}
}

// consumed reports whether f is read as part of the book itself: book.yaml,
// taxonomies.yaml, the icon, a case study, a free page or an edition.
func consumed(site *content.Site, f string) bool {
	dir, name := path.Split(f)
	switch {
	case f == "book.yaml" || f == "taxonomies.yaml" || (site.Book.Icon != "" && f == site.Book.Icon):
		return true
	case dir == "case-studies/" && strings.HasSuffix(name, ".md"):
		return true
	case strings.HasPrefix(dir, "case-studies/") && strings.Count(dir, "/") == 2 && name == "index.md":
		return true
	case dir == "pages/" && strings.HasSuffix(name, ".md"):
		return true
	case dir == "editions/" && (strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")):
		return true
	}
	return false
}

// bundleOf is the case-studies/<name> folder that f lies in, or "".
func bundleOf(f string) string {
	rest, ok := strings.CutPrefix(f, "case-studies/")
	if !ok {
		return ""
	}
	name, _, ok := strings.Cut(rest, "/")
	if !ok {
		return ""
	}
	return "case-studies/" + name
}

// markdownLike are the extensions, lower-cased, of files that are most
// likely Markdown: a case study or a page saved under another name.
var markdownLike = map[string]bool{".md": true, ".markdown": true, ".mdown": true, ".mkd": true, ".txt": true, ".text": true, "": true}

// unpublishedWhy says why f is not published and what to do about it.
func unpublishedWhy(site *content.Site, f string) string {
	dir, name := path.Split(f)
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	lower := strings.ToLower(ext)
	looksMarkdown := markdownLike[lower] && startsLikeMarkdown(site.FS, f)
	switch {
	case dir == "case-studies/" && looksMarkdown:
		if ext == "" {
			return "this file has no .md at the end of its name, so it is not published as a case study: rename it to " + name + ".md (GitHub's web editor does not add .md for you)"
		}
		return "this file's name ends in " + ext + ", not .md, so it is not published as a case study: rename it to " + stem + ".md"
	case dir == "pages/" && looksMarkdown:
		return "this file's name does not end in .md, so it is not published as a page: rename it to " + stem + ".md"
	case dir == "" && (lower == ".md" || looksMarkdown):
		if hasField(site.FS, f, "school") {
			return "this case study is in the content folder itself, so it is not published: move it into case-studies/ (case-studies/" + stem + ".md)"
		}
		return "Markdown in the content folder itself is not published: move a case study into case-studies/, or a free page into pages/"
	case lower == ".md" || looksMarkdown:
		return "Markdown in " + strings.TrimSuffix(dir, "/") + "/ is not published: a case study goes in case-studies/ (case-studies/" + stem + ".md, or case-studies/" + stem + "/index.md with its pictures beside it), a free page in pages/"
	case dir == "editions/":
		return "this file is not an edition, so it is not used: an edition is a .yaml file, such as editions/2024.yaml"
	}
	return "nothing links to this file, so it is not published: link it from a case study or page (![a description](" + name + ") for a picture, [a title](" + name + ") for a document), or delete it"
}

// startsLikeMarkdown reports whether the file begins with front matter or
// reads as text: an extensionless or .txt file that holds a case study.
func startsLikeMarkdown(fsys fs.FS, f string) bool {
	b := head(fsys, f)
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if bytes.HasPrefix(b, []byte("---")) || bytes.HasPrefix(b, []byte("+++")) {
		return true
	}
	if len(b) == headSize {
		b = b[:len(b)-utf8.UTFMax] // the last rune may be cut
	}
	return len(b) > 0 && utf8.Valid(b) && bytes.IndexFunc(b, func(r rune) bool { return r < ' ' && r != '\n' && r != '\r' && r != '\t' }) < 0
}

// referenced reports whether a link or an image field points at file.
func (a *assetSet) referenced(file string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	_, ok := a.first[file]
	return ok
}

// hasField reports whether the file's first lines have a front-matter
// field key.
func hasField(fsys fs.FS, f, key string) bool {
	for _, line := range strings.Split(string(head(fsys, f)), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, key+":") || strings.HasPrefix(line, key+" =") || strings.HasPrefix(line, key+"=") {
			return true
		}
	}
	return false
}

// headSize is how much of a file head reads.
const headSize = 2048

// head reads the first bytes of a file.
func head(fsys fs.FS, name string) []byte {
	fh, err := fsys.Open(name)
	if err != nil {
		return nil
	}
	defer fh.Close()
	b := make([]byte, headSize)
	n, _ := io.ReadFull(fh, b)
	return b[:n]
}
