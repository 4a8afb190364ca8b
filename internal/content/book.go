package content

import (
	"net/url"
	"strings"
)

var bookKeys = []string{"title", "subtitle", "description", "publisher", "language", "base_url"}

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
		norm, msg := normBaseURL(base)
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
	return b
}

// normBaseURL checks a base URL and makes it end in "/".
func normBaseURL(s string) (string, string) {
	if strings.HasPrefix(s, "/") {
		if strings.HasPrefix(s, "//") {
			return "", "must be a full URL (https://example.org/book/) or a path such as /book/"
		}
		if !strings.HasSuffix(s, "/") {
			s += "/"
		}
		return s, ""
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", "must be a full URL such as https://example.org/book/, or a path such as /book/"
	}
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s, ""
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
