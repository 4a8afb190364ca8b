package serve

import (
	"io"
	"net"
	"net/http"
	"net/url"
	"path"
	"strings"
)

// contentSecurityPolicy is the policy that the default templates
// (base.html, book.html) carry in their meta tag. serve sends it as a
// header on every response, so that it also holds for what has no meta
// tag: serve's own pages, SVG images, and anything a browser might be
// tricked into reading as a document.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"

// referrerPolicy is the default templates' referrer meta tag, as a
// header.
const referrerPolicy = "strict-origin-when-cross-origin"

// setSecurityHeaders sets the headers that every response of serve
// carries, whatever it is: nothing is sniffed, the policy of the pages
// applies, and the preview's addresses do not leak to other sites.
func setSecurityHeaders(h http.Header) {
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("Referrer-Policy", referrerPolicy)
}

// allowedHost reports whether a request's Host (with or without a port)
// names this machine: localhost or a name under .localhost, a loopback
// address (127.0.0.0/8, ::1), or the host serve was started on (--addr).
// A page on another site that makes its own name resolve to 127.0.0.1
// (DNS rebinding) sends its own name, and is refused, so that it cannot
// read the preview and its drafts.
func allowedHost(hostport, addrHost string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	} else if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		host = host[1 : len(host)-1] // [::1] without a port
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "" {
		return false
	}
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	if addrHost != "" && host == strings.TrimSuffix(strings.ToLower(addrHost), ".") {
		return true
	}
	if strings.Contains(host, "%") {
		return false // a zone (fe80::1%eth0) names no loopback address
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// refuseHost answers a request for a host that is not this machine.
func (s *Server) refuseHost(w http.ResponseWriter) {
	http.Error(w, "buildbook serve answers only requests for this machine: open "+s.url+" instead", http.StatusMisdirectedRequest)
}

// localPath is the Location of a redirect to the path p (with slashes)
// and the query q: an absolute path on this host, cleaned, escaped, that
// starts with a single "/". Browsers read "//host/..." and "/\host/..."
// as another host, so a path that would still start that way becomes "/".
func localPath(p string, q url.Values) string {
	clean := path.Clean("/" + p)
	if strings.HasSuffix(p, "/") && clean != "/" {
		clean += "/"
	}
	loc := (&url.URL{Path: clean}).EscapedPath()
	if !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, `/\`) {
		loc = "/"
	}
	if len(q) > 0 {
		loc += "?" + q.Encode()
	}
	return loc
}

// redirect sends the browser to the path p on this host (see localPath).
func redirect(w http.ResponseWriter, r *http.Request, p string) {
	loc := localPath(p, r.URL.Query())
	w.Header().Set("Location", loc)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusMovedPermanently)
	if r.Method != http.MethodHead {
		_, _ = io.WriteString(w, "moved to "+loc+"\n")
	}
}
