package content

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
)

func (l *loader) loadBook() Book {
	const file = "book.yaml"
	b := Book{Language: "en-GB", BaseURL: "/"}
	if !l.files[file] {
		l.errorf(file, 1, 1, "book.yaml is missing: the content folder needs one, with at least a line title: Your book's title")
		return b
	}
	n := l.yamlFile(file)
	if n == nil {
		return b
	}
	f := l.newFields(file, n, "book.yaml", 1, bookFields)
	b.Title, _ = f.text("title")
	b.Subtitle, _ = f.text("subtitle")
	b.Description, _ = f.text("description")
	b.Publisher, _ = f.text("publisher")
	if lang, v := f.text("language"); v != nil {
		if !validLanguage(lang) {
			l.errorf(file, v.line, v.col, "language %q is not a language tag: write one such as en-GB or en", lang)
		} else {
			b.Language, b.LanguageAt = lang, [2]int{v.line, v.col}
		}
	}
	base, v := f.text("base_url")
	if l.opts.BaseURL != "" {
		base, v = l.opts.BaseURL, nil
	}
	if base != "" {
		norm, msg := NormBaseURL(base)
		if msg != "" {
			if v != nil {
				l.errorf(file, v.line, v.col, "base_url %q %s", base, msg)
			} else {
				l.errorf(file, 0, 0, "--base-url %q %s", base, msg)
			}
		} else {
			b.BaseURL = norm
		}
	}
	if l.opts.Publishing && l.opts.BaseURL == "" && !strings.Contains(b.BaseURL, "://") {
		line, col := 1, 1
		if v != nil {
			line, col = v.line, v.col
		}
		l.warnf(file, line, col, "%s, so the Atom feed, the sitemap and the links for sharing and citing cannot give pages their full address (feed readers, search engines and reference managers need one): write the site's full address, such as base_url: https://example.org/going-for-great/", relativeBaseWhat(base))
	}
	hosts, nodes := f.strs("image_hosts")
	for i, h := range hosts {
		norm, msg := normImageHost(h)
		if msg != "" {
			l.errorf(file, nodes[i].line, nodes[i].col, "image_hosts: %q %s", h, msg)
			continue
		}
		b.ImageHosts = append(b.ImageHosts, norm)
	}
	slices.Sort(b.ImageHosts)
	b.ImageHosts = slices.Compact(b.ImageHosts)
	b.Licence, _ = f.text("licence")
	if u, v := f.text("licence_url"); v != nil && u != "" {
		if webURL(u) {
			b.LicenceURL = u
		} else {
			l.errorf(file, v.line, v.col, "licence_url %q must be a full web address, such as https://creativecommons.org/licenses/by-nc-sa/4.0/", u)
		}
	}
	b.Copyright, _ = f.text("copyright")
	if u, v := f.text("repository"); v != nil && u != "" {
		if repo, ok := githubRepository(u); ok {
			b.Repository = repo
		} else {
			l.errorf(file, v.line, v.col, "repository %q must be the address of a GitHub repository, such as https://github.com/OWNER/REPO", u)
		}
	}
	if icon, v := f.text("icon"); v != nil && icon != "" {
		ext := strings.ToLower(path.Ext(icon))
		switch {
		case ext != ".svg" && ext != ".png":
			l.errorf(file, v.line, v.col, "icon %q must be an SVG or PNG file beside book.yaml, such as icon.svg", icon)
		case strings.ContainsAny(icon, "/\\"):
			l.errorf(file, v.line, v.col, "icon %q must be a file beside book.yaml, not in another folder: move it next to book.yaml and write icon: %s", icon, path.Base(strings.ReplaceAll(icon, "\\", "/")))
		case !l.files[icon]:
			l.errorf(file, v.line, v.col, "icon %q is not a file beside book.yaml%s", icon, l.suggester(file).didYouMean(icon, l.topFiles(".svg", ".png")))
		default:
			b.Icon = icon
			b.IconAt = [2]int{v.line, v.col}
		}
	}
	b.Cover, b.CoverAt = l.cover(file, f)
	return b
}

// cover reads the cover field of book.yaml or an edition: a picture in
// the content folder, relative to the file. Whether it is a picture that
// can be published is checked with the other pictures (internal/build).
func (l *loader) cover(file string, f *fields) (string, [2]int) {
	ref, v := f.text("cover")
	if v == nil || ref == "" {
		return "", [2]int{}
	}
	p, msg := ResolvePath(path.Dir(file), ref)
	switch {
	case msg != "":
		l.errorf(file, v.line, v.col, "cover %q %s", ref, msg)
	case !l.files[p]:
		l.errorf(file, v.line, v.col, "cover %q is not a file of the content folder (looked for %s): put the picture in the content folder and write its path from %s, such as cover: %s", ref, l.opts.Display(p), path.Base(file), coverExample(file))
	default:
		return p, [2]int{v.line, v.col}
	}
	return "", [2]int{}
}

// coverExample is a cover field's value for a picture beside book.yaml,
// as written in file.
func coverExample(file string) string {
	if path.Dir(file) == "." {
		return "cover.jpg"
	}
	return "../cover.jpg"
}

// relativeBaseWhat says what is wrong with a base_url that is not a full
// address, for the relative base URL warning.
func relativeBaseWhat(base string) string {
	if base == "" {
		return "book.yaml has no base_url"
	}
	return fmt.Sprintf("base_url %q is a path, not a full web address", base)
}

// topFiles lists the files beside book.yaml with one of the extensions,
// sorted, for suggestions.
func (l *loader) topFiles(exts ...string) []string {
	var out []string
	for f := range l.files {
		if !strings.Contains(f, "/") && slices.Contains(exts, strings.ToLower(path.Ext(f))) {
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return out
}

// webURL reports whether s is an absolute http or https address with a host.
func webURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && !strings.ContainsAny(s, " \t\n\"<>`")
}

// githubRepository checks a repository address and returns it as
// https://github.com/OWNER/REPO, without a trailing slash or ".git".
func githubRepository(s string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || !strings.EqualFold(u.Host, "github.com") || u.RawQuery != "" || u.Fragment != "" {
		return "", false
	}
	parts := strings.Split(strings.Trim(strings.TrimSuffix(strings.TrimSuffix(u.Path, "/"), ".git"), "/"), "/")
	if len(parts) != 2 {
		return "", false
	}
	for _, p := range parts {
		if p == "" || p == "." || p == ".." {
			return "", false
		}
		for _, r := range p {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
				return "", false
			}
		}
	}
	return "https://github.com/" + parts[0] + "/" + parts[1], true
}

// normImageHost checks a host name of image_hosts and returns it in lower
// case and in its ASCII form.
func normImageHost(h string) (string, string) {
	const example = "write the host name alone, as in image_hosts: [images.example.org]"
	if strings.Contains(h, "/") || strings.ContainsAny(h, "@?#") {
		return "", "is not a host name: " + example
	}
	if strings.Contains(h, ":") && !strings.HasPrefix(h, "[") {
		return "", "has a port or a scheme: " + example
	}
	for _, r := range h {
		if r <= ' ' || r == 0x7f {
			return "", "is not a host name: " + example
		}
	}
	norm, msg := normHost(h, false)
	if msg != "" {
		return "", "is not a host name: " + example
	}
	// As a URL's Hostname gives it: an IPv6 address without brackets.
	return strings.TrimSuffix(strings.TrimPrefix(norm, "["), "]"), ""
}

func validLanguage(s string) bool {
	for i, part := range strings.Split(s, "-") {
		if len(part) < 1 || len(part) > 8 || (i == 0 && len(part) < 2) {
			return false
		}
		for _, r := range part {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				return false
			}
		}
	}
	return true
}
