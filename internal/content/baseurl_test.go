package content

import (
	"strings"
	"testing"
)

func TestNormBaseURL(t *testing.T) {
	good := []struct{ in, want string }{
		{"/", "/"},
		{"/book", "/book/"},
		{"/going-for-great/", "/going-for-great/"},
		{"/a/b/c", "/a/b/c/"},
		{"/~user/book+2024/", "/~user/book+2024/"},
		{"/caf%C3%A9/", "/caf%C3%A9/"},
		{"/café/", "/caf%C3%A9/"},
		{"/école/livre", "/%C3%A9cole/livre/"},
		{"https://example.org", "https://example.org/"},
		{"https://example.org/going-for-great", "https://example.org/going-for-great/"},
		{"HTTPS://Example.ORG/Book/", "https://example.org/Book/"},
		{"http://127.0.0.1:8080/", "http://127.0.0.1:8080/"},
		{"http://[::1]:8080/", "http://[::1]:8080/"},
		{"http://localhost:1/x/", "http://localhost:1/x/"},
		{"https://bücher.example/", "https://xn--bcher-kva.example/"},
		{"https://example.org/café", "https://example.org/caf%C3%A9/"},
	}
	for _, c := range good {
		got, msg := NormBaseURL(c.in)
		if msg != "" || got != c.want {
			t.Errorf("NormBaseURL(%q) = %q, %q; want %q", c.in, got, msg, c.want)
		}
		// A normalised base URL is its own normal form.
		if again, msg := NormBaseURL(got); again != got || msg != "" {
			t.Errorf("NormBaseURL(%q) = %q, %q; want it unchanged", got, again, msg)
		}
	}
	bad := []struct{ in, word string }{
		{"", "empty"},
		{"/a b/", "space"},
		{"https://example.org/a b/", "space"},
		{"/a\u00a0b/", "space"},
		{"/a\tb/", "invisible"},
		{"/a\x1bb/", "invisible"},
		{"/a\u202eb/", "invisible"},
		{"/a\xffb/", "UTF-8"},
		{`/"><script src=/x.txt></script>/`, `character "`},
		{"/a'b/", "character '"},
		{"/a<b/", "character <"},
		{"/a>b/", "character >"},
		{`/a\b/`, "character \\"},
		{"/a`b/", "character `"},
		{"/a(b)/", "character ("},
		{"/a{b}/", "character {"},
		{"/a[b]/", "character ["},
		{"/book/?x=1", "query"},
		{"/book/#top", "fragment"},
		{"https://example.org/?a", "query"},
		{"//evil.example/", "another site"},
		{"javascript:alert(1)", "character ("},
		{"javascript:alert", "https://"},
		{"data:text/html,x", "https://"},
		{"ftp://example.org/", "https://"},
		{"example.org/book/", "https://"},
		{"book/", "https://"},
		{"https://", "no host"},
		{"https:///book/", "no host"},
		{"https://user:pw@example.org/", "user name"},
		{"https://exa_mple.org/", "not a host name"},
		{"https://example.org:99999/", "port"},
		{"https://example.org:x/", "port"},
		{"https://example.org:/", "port"},
		{"https://[::1/", "]"},
		{"https://[1.2.3.4]/", "IPv6"},
		{"/a//b/", "two slashes"},
		{"/a/../b/", `".."`},
		{"/a/./b/", `"."`},
		{"/a/%2e%2E/b/", "folder"},
		{"/a%zz/", "escape"},
		{"/a%2/", "escape"},
		{"/" + strings.Repeat("a", 1000), "longer"},
	}
	for _, c := range bad {
		got, msg := NormBaseURL(c.in)
		if msg == "" || got != "" {
			t.Errorf("NormBaseURL(%q) = %q, no message; want one with %q", c.in, got, c.word)
			continue
		}
		if !strings.Contains(strings.ToLower(msg), strings.ToLower(c.word)) {
			t.Errorf("NormBaseURL(%q): message %q has no %q", c.in, msg, c.word)
		}
		if !strings.Contains(msg, "/going-for-great/") {
			t.Errorf("NormBaseURL(%q): message %q does not say what to write", c.in, msg)
		}
	}
}

func TestNormImageHost(t *testing.T) {
	for in, want := range map[string]string{
		"example.org": "example.org", "Images.Example.ORG": "images.example.org",
		"bücher.example": "xn--bcher-kva.example", "[::1]": "::1", "192.0.2.1": "192.0.2.1",
	} {
		if got, msg := normImageHost(in); got != want || msg != "" {
			t.Errorf("normImageHost(%q) = %q, %q; want %q", in, got, msg, want)
		}
	}
	for _, in := range []string{"https://example.org", "example.org/img", "example.org:443", "a b.org", "user@example.org", "exa_mple.org", "*.example.org", ""} {
		if got, msg := normImageHost(in); msg == "" {
			t.Errorf("normImageHost(%q) = %q with no message", in, got)
		}
	}
}
