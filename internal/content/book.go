package content

import (
	"slices"
	"strings"
)

var bookKeys = []string{"title", "subtitle", "description", "publisher", "language", "base_url", "image_hosts"}

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
	f := l.newFields(file, n, "book.yaml", 1, bookKeys)
	b.Title, _ = f.str("title", true, "title: Going for Great")
	b.Subtitle, _ = f.str("subtitle", false, "")
	b.Description, _ = f.str("description", false, "")
	b.Publisher, _ = f.str("publisher", false, "")
	if lang, v := f.str("language", false, ""); v != nil {
		if !validLanguage(lang) {
			l.errorf(file, v.line, v.col, "language %q is not a language tag: write one such as en-GB or en", lang)
		} else {
			b.Language = lang
		}
	}
	base, v := f.str("base_url", false, "")
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
	return b
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
