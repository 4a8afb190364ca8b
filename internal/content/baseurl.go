package content

import (
	"fmt"
	"net"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// baseURLExample is the fix that every base URL message ends with.
const baseURLExample = "write a full address such as https://example.org/going-for-great/, or a path from the site's root such as /going-for-great/"

// maxBaseURL bounds a base URL's length: it is written into every page.
const maxBaseURL = 1000

// NormBaseURL checks a base URL, as book.yaml's base_url or --base-url
// gives it, and returns it normalised: an http or https URL with a host
// (scheme and host in lower case, the host in its ASCII form) or a path
// from the host root, percent-encoded where it needs it, ending in "/".
// When s is not one of these, msg says why and what to write instead, to
// follow the quoted value in a message; norm is then "".
//
// A base URL is written into every page, the feed, the sitemap and the
// book, and the path is served by pdf: it may hold nothing that means
// something there. A path holds letters, digits, "-._~", "!$&*+,;=:@",
// "/" and %XX escapes; other letters are percent-encoded, and anything
// else (spaces, quotes, "<", backslashes, control characters, a query or
// a fragment, "." or ".." folders) is refused.
func NormBaseURL(s string) (norm, msg string) {
	if s == "" {
		return "", "is empty: " + baseURLExample
	}
	if len(s) > maxBaseURL {
		return "", fmt.Sprintf("is longer than %d characters: %s", maxBaseURL, baseURLExample)
	}
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			return "", "is not valid UTF-8 text: " + baseURLExample
		case r == ' ' || r == '\u00a0':
			return "", "has a space, which a web address cannot hold: write a hyphen instead, as in /going-for-great/"
		case r < ' ' || r == 0x7f || unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) || unicode.IsSpace(r):
			return "", fmt.Sprintf("holds an invisible character (U+%04X): delete it and %s", r, baseURLExample)
		case r == '?' || r == '#':
			return "", fmt.Sprintf("has a %c: a base URL is the address of the site's folder, without a query (?…) or a fragment (#…); %s", r, baseURLExample)
		case r < utf8.RuneSelf && !pathByte(byte(r)) && r != '[' && r != ']':
			return "", fmt.Sprintf("holds the character %c, which a base URL cannot hold: use letters, digits, hyphens and slashes; %s", r, baseURLExample)
		}
	}
	var prefix, p string
	switch {
	case strings.HasPrefix(s, "//"):
		return "", "starts with //, which browsers read as the name of another site: " + baseURLExample
	case strings.HasPrefix(s, "/"):
		p = s
	default:
		scheme, rest, ok := strings.Cut(s, "://")
		scheme = strings.ToLower(scheme)
		if !ok || (scheme != "http" && scheme != "https") {
			return "", "must be a full address starting with https:// (or http://), such as https://example.org/going-for-great/, or a path from the site's root, such as /going-for-great/"
		}
		host := rest
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			host, p = rest[:i], rest[i:]
		}
		h, m := normHost(host, true)
		if m != "" {
			return "", m
		}
		prefix = scheme + "://" + h
	}
	if p == "" {
		p = "/"
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	var b strings.Builder
	b.WriteString(prefix)
	b.WriteByte('/')
	if p == "/" {
		return b.String(), ""
	}
	for i, seg := range strings.Split(p[1:len(p)-1], "/") {
		if seg == "" {
			return "", "has two slashes together (//) in its path: write one, as in /going-for-great/"
		}
		if j := strings.IndexAny(seg, "[]"); j >= 0 {
			return "", fmt.Sprintf("holds the character %c, which a base URL cannot hold: use letters, digits, hyphens and slashes; %s", seg[j], baseURLExample)
		}
		if dec := strings.ToLower(seg); dec == "." || dec == ".." || dec == "%2e" || dec == "%2e%2e" || dec == ".%2e" || dec == "%2e." {
			return "", fmt.Sprintf("has a %q folder in its path: write the path without it; %s", seg, baseURLExample)
		}
		if i > 0 {
			b.WriteByte('/')
		}
		for j := 0; j < len(seg); j++ {
			c := seg[j]
			switch {
			case c == '%':
				if j+2 >= len(seg) || !isHex(seg[j+1]) || !isHex(seg[j+2]) {
					return "", "has a % that does not start an escape such as %20: write the path without it; " + baseURLExample
				}
				b.WriteString(seg[j : j+3])
				j += 2
			case c >= utf8.RuneSelf:
				fmt.Fprintf(&b, "%%%02X", c)
			default:
				b.WriteByte(c)
			}
		}
	}
	b.WriteByte('/')
	return b.String(), ""
}

// normHost checks the host of a URL, with a port when port is true, and
// returns it in lower case and in its ASCII (IDNA) form.
func normHost(host string, port bool) (string, string) {
	if host == "" {
		return "", "has no host name after the //: " + baseURLExample
	}
	if strings.ContainsRune(host, '@') {
		return "", "holds a user name or password (the part before @): leave it out; " + baseURLExample
	}
	name, portNum := host, ""
	if strings.HasPrefix(host, "[") {
		end := strings.IndexByte(host, ']')
		if end < 0 {
			return "", "has a [ with no ] after its host name: " + baseURLExample
		}
		name, portNum = host[:end+1], host[end+1:]
		if ip := net.ParseIP(name[1 : len(name)-1]); ip == nil || ip.To4() != nil {
			return "", fmt.Sprintf("has %s as its host, which is not an IPv6 address: %s", name, baseURLExample)
		}
		name = strings.ToLower(name)
	} else {
		if i := strings.LastIndexByte(host, ':'); i >= 0 {
			name, portNum = host[:i], host[i:]
		}
		if strings.ContainsAny(name, "[]") {
			return "", fmt.Sprintf("has %s as its host, which is not a host name: %s", name, baseURLExample)
		}
		ascii, err := idna.Lookup.ToASCII(name)
		if err != nil || ascii == "" || strings.ContainsRune(ascii, '%') {
			return "", fmt.Sprintf("has %s as its host, which is not a host name: %s", name, baseURLExample)
		}
		name = ascii
	}
	if portNum != "" {
		n, err := strconv.Atoi(portNum[1:])
		if !port || portNum[0] != ':' || err != nil || n < 1 || n > 65535 || portNum[1] == '+' || portNum[1] == '-' {
			return "", fmt.Sprintf("has %q after its host name, which is not a port such as :8080: %s", portNum, baseURLExample)
		}
	}
	return name + portNum, ""
}

// pathByte reports whether c may stand as it is in a base URL's path or
// host: letters, digits, "-._~", "!$&*+,;=:@", "/" and the "%" of an
// escape.
func pathByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~!$&*+,;=:@/%", c) >= 0
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
