package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestChecksum checks that a Summer fed a piece at a time gives the
// Checksum of the whole, and that the Checksum tells bytes apart.
func TestChecksum(t *testing.T) {
	b := bytes.Repeat([]byte("the quick brown fox "), 1000)
	var s Summer
	for rest := b; len(rest) > 0; {
		n := min(len(rest), 777)
		s.Write(rest[:n])
		rest = rest[n:]
	}
	if s.Sum() != Checksum(b) {
		t.Errorf("Summer: %016x, Checksum: %016x", s.Sum(), Checksum(b))
	}
	if Checksum(b) == Checksum(b[1:]) || Checksum(nil) != (&Summer{}).Sum() {
		t.Error("Checksum does not tell bytes apart, or the empty sums differ")
	}
}

// TestExecutableSum checks that the executable, read a piece at a time,
// has the Checksum of its whole bytes.
func TestExecutableSum(t *testing.T) {
	p, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Skip(err)
	}
	if got, want := ExecutableSum(), Checksum(b); got != want || got == 0 {
		t.Errorf("ExecutableSum = %016x, want %016x", got, want)
	}
}

// TestDigest checks that sequences that would give the same bytes end to
// end give different digests.
func TestDigest(t *testing.T) {
	digest := func(add func(*Digest)) uint64 {
		var k Digest
		add(&k)
		return k.Sum()
	}
	sums := map[uint64]string{}
	for name, add := range map[string]func(*Digest){
		"ab c":  func(k *Digest) { k.Str("ab"); k.Str("c") },
		"a bc":  func(k *Digest) { k.Str("a"); k.Str("bc") },
		"abc":   func(k *Digest) { k.Str("abc") },
		"true":  func(k *Digest) { k.Bool(true) },
		"false": func(k *Digest) { k.Bool(false) },
		"1":     func(k *Digest) { k.Int(1) },
		"1 0":   func(k *Digest) { k.Int(1); k.Uint(0) },
		"empty": func(k *Digest) {},
	} {
		s := digest(add)
		if other, ok := sums[s]; ok {
			t.Errorf("%q and %q have the same digest", name, other)
		}
		sums[s] = name
	}
	x := func(k *Digest) { k.Str("x") }
	if a, b := digest(x), digest(x); a != b {
		t.Error("the same sequence gives different digests")
	}
}

// TestMemo keeps values for one compile: what the last compile Put is
// found, what it did not is forgotten.
func TestMemo(t *testing.T) {
	var m Memo[*int]
	one, two := 1, 2
	m.Put("a", &one)
	if m.Get("a") != nil {
		t.Error("a value Put is found before Done")
	}
	m.Done()
	if m.Get("a") != &one {
		t.Error("a value Put is not found after Done")
	}
	m.Put("b", &two)
	m.Done()
	if m.Get("a") != nil || m.Get("b") != &two {
		t.Errorf("after a compile that Put only b: a = %v, b = %v", m.Get("a"), m.Get("b"))
	}
	var none *Memo[int]
	none.Put("a", 1)
	none.Done()
	if none.Get("a") != 0 {
		t.Error("a nil Memo keeps values")
	}
}

// TestManifest writes a manifest and reads it back, reads the first
// version without keys, and refuses lines that are not a file's, or name
// a file outside the folder.
func TestManifest(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, Marker)
	m := Manifest{"index.html": {Size: 12, Sum: 0xfeed, Key: 7}, "a/b c.css": {Size: 0, Sum: 1}}
	b := m.Marker()
	if !strings.HasPrefix(string(b), MarkerHeader) {
		t.Fatalf("the marker does not start with its header: %q", b)
	}
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadManifest(file)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(m, got); diff != "" {
		t.Errorf("read back (-wrote +read):\n%s", diff)
	}
	if want := MarkerHeader + manifestVersion + "0000000000000001 0000000000000000 0 a/b c.css\n000000000000feed 0000000000000007 12 index.html\n"; string(b) != want {
		t.Errorf("marker:\n%s\nwant:\n%s", b, want)
	}

	for _, tc := range []struct {
		name, text string
		want       Manifest
	}{
		{"version 1", MarkerHeader + manifestV1 + "000000000000feed 12 index.html\n", Manifest{"index.html": {Size: 12, Sum: 0xfeed}}},
		{"no manifest", MarkerHeader, nil},
		{"short line", MarkerHeader + manifestVersion + "000000000000feed 12 index.html\n", nil},
		{"bad checksum", MarkerHeader + manifestVersion + "feed 0000000000000007 12 index.html\n", nil},
		{"bad key", MarkerHeader + manifestVersion + "000000000000feed 07 12 index.html\n", nil},
		{"bad size", MarkerHeader + manifestVersion + "000000000000feed 0000000000000007 twelve index.html\n", nil},
		{"up", MarkerHeader + manifestVersion + "000000000000feed 0000000000000007 12 ../victim/keep.txt\n", nil},
		{"absolute", MarkerHeader + manifestVersion + "000000000000feed 0000000000000007 12 /etc/passwd\n", nil},
		{"backslash", MarkerHeader + manifestVersion + `000000000000feed 0000000000000007 12 ..\victim\keep.txt` + "\n", nil},
		{"the marker", MarkerHeader + manifestVersion + "000000000000feed 0000000000000007 12 " + Marker + "\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := os.WriteFile(file, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := ReadManifest(file)
			if tc.want == nil {
				if err == nil {
					t.Errorf("read %v; want an error", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestSpool puts bodies from many goroutines and reads each back.
func TestSpool(t *testing.T) {
	const n = 200
	s, err := newSpool(n, "")
	if err != nil {
		t.Fatal(err)
	}
	body := func(i int) (template.HTML, template.HTML, string) {
		return template.HTML(fmt.Sprintf("<p>site %d</p>", i)), template.HTML(strings.Repeat("b", i)), fmt.Sprintf("text %d", i)
	}
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			html, book, text := body(i)
			s.Put(i, html, book, text)
		})
	}
	wg.Wait()
	for i := range n {
		html, book, text := body(i)
		if s.Body(i) != html || s.BookBody(i) != book || s.Text(i) != text {
			t.Fatalf("document %d: read %q, %q, %q", i, s.Body(i), s.BookBody(i), s.Text(i))
		}
	}
	name := s.f.Name()
	if err := s.Close(); err != nil || s.Err() != nil {
		t.Fatal(err, s.Err())
	}
	if _, err := os.Stat(name); !os.IsNotExist(err) {
		t.Errorf("the spool %s is left behind: %v", name, err)
	}
	if (*Spool)(nil).Close() != nil {
		t.Error("closing a nil spool fails")
	}
}

// doc is a document of the tests of the cache.
type doc struct {
	key, html, book, text string
	src                   uint64
}

// build opens the store of out as a build of docs does, converting (and
// putting) only the documents the cache does not hold, and saves it. It
// returns which documents it converted.
func build(t *testing.T, out string, docs []doc) []string {
	t.Helper()
	s, disk, err := Open(out, len(docs))
	if err != nil {
		t.Fatal(err)
	}
	var converted []string
	for i, d := range docs {
		e := disk.Lookup(d.key, d.src)
		switch {
		case e == nil:
			converted = append(converted, d.key)
			s.Put(i, template.HTML(d.html), template.HTML(d.book), d.text)
			continue
		case string(e.Meta) != "meta of "+d.key:
			t.Errorf("%s: meta %q", d.key, e.Meta)
		case disk.InPlace():
			s.Keep(i, e.Spans)
		default:
			html, book, text, ok := disk.Bodies(e)
			if !ok || html != d.html || book != d.book || text != d.text {
				t.Errorf("%s: bodies %q, %q, %q, %v", d.key, html, book, text, ok)
			}
			s.Put(i, template.HTML(html), template.HTML(book), text)
		}
	}
	disk.Close()
	s.Save(func() []Record {
		rs := make([]Record, len(docs))
		for i, d := range docs {
			rs[i] = Record{Key: d.key, Src: d.src, Meta: []byte("meta of " + d.key)}
		}
		return rs
	})
	for i, d := range docs {
		if s.Body(i) != template.HTML(d.html) || s.BookBody(i) != template.HTML(d.book) || s.Text(i) != d.text {
			t.Errorf("%s: the spool has %q, %q, %q", d.key, s.Body(i), s.BookBody(i), s.Text(i))
		}
	}
	if err := s.Close(); err != nil || s.Err() != nil {
		t.Fatal(err, s.Err())
	}
	return converted
}

func docs(n int, edit string) []doc {
	var ds []doc
	for i := range n {
		d := doc{key: fmt.Sprintf("case-studies/%d.md\x00cs-%d", i, i), src: uint64(i), html: fmt.Sprintf("<p>%d</p>", i), book: fmt.Sprintf("<p id=b%d>%d</p>", i, i), text: fmt.Sprint(i)}
		if i == 1 && edit != "" {
			d.src, d.html = Checksum([]byte(edit)), "<p>"+edit+"</p>"
		}
		ds = append(ds, d)
	}
	return ds
}

// TestCache builds a site again and again through its cache: an
// unchanged document is not converted again, an edited one is, the cache
// grows in place until it is mostly bodies no document has, and is then
// written anew; a damaged cache, or another buildbook's, is not trusted.
func TestCache(t *testing.T) {
	defer func(n int64) { cacheSlack = n }(cacheSlack)
	cacheSlack = 0
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	cache := CachePath(out)
	if cache != filepath.Join(dir, ".public.cache") {
		t.Fatalf("CachePath(%q) = %q", out, cache)
	}
	all := []string{"case-studies/0.md\x00cs-0", "case-studies/1.md\x00cs-1", "case-studies/2.md\x00cs-2"}
	edited := []string{all[1]}
	step := func(name string, edit string, want []string) os.FileInfo {
		t.Helper()
		if diff := cmp.Diff(want, build(t, out, docs(3, edit))); diff != "" {
			t.Fatalf("%s: converted (-want +got):\n%s", name, diff)
		}
		info, err := os.Stat(cache)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return info
	}
	first := step("first build", "", all)
	if info := step("unchanged", "", nil); !os.SameFile(first, info) || info.Size() != first.Size() {
		t.Fatalf("unchanged: the cache went from %d bytes to %d (the same file: %v)", first.Size(), info.Size(), os.SameFile(first, info))
	}
	size := first.Size()
	for k := 1; ; k++ {
		info := step(fmt.Sprintf("edit %d", k), fmt.Sprint("edit ", k), edited)
		if !os.SameFile(first, info) {
			if k < 2 || info.Size() >= size {
				t.Fatalf("edit %d: a new cache of %d bytes, after %d bytes in place", k, info.Size(), size)
			}
			break
		}
		if info.Size() <= size {
			t.Fatalf("edit %d: the cache did not grow in place (%d bytes)", k, info.Size())
		}
		size = info.Size()
		if k > 20 {
			t.Fatal("the cache is never written anew")
		}
	}
	step("the same edit again", "edit again", edited)
	step("the same edit once more", "edit again", nil)

	damage := func(f func(b []byte) []byte) {
		t.Helper()
		b, err := os.ReadFile(cache)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(cache, f(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	damage(func(b []byte) []byte { return b[:len(b)/2] })
	step("a cache cut short", "", all)
	damage(func(b []byte) []byte { b[len(b)-len(cacheMagic)-1] ^= 0xff; return b })
	step("another buildbook's cache", "", all)
	damage(func(b []byte) []byte { return b[:len(b)-len(cacheMagic)-20] })
	step("a cache without its index", "", all)
	step("after it", "", nil)
}

// TestCacheLocked opens the cache while another build holds it: the
// build does without, and leaves the cache as it was.
func TestCacheLocked(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	build(t, out, docs(3, ""))
	cache := CachePath(out)
	before, err := os.ReadFile(cache)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(cache)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := lockFile(f); err == errNoLock {
		t.Skip("no locks on this system")
	} else if err != nil {
		t.Fatal(err)
	}
	s, disk, err := Open(out, 3)
	if err != nil {
		t.Fatal(err)
	}
	if disk != nil || s.cache != "" {
		t.Errorf("with the cache locked: a cache %v, and the spool is saved to %q; want neither", disk, s.cache)
	}
	s.Save(func() []Record { t.Error("Save asks for the records"); return nil })
	s.Close()
	f.Close()
	after, err := os.ReadFile(cache)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("a build changed a cache that another build held")
	}
}

// TestNoCache opens the store of a build without an output folder: the
// spool is a temporary file, and nothing is saved.
func TestNoCache(t *testing.T) {
	s, disk, err := Open("", 1)
	if err != nil {
		t.Fatal(err)
	}
	if disk != nil || s.cache != "" {
		t.Errorf("without an output: a cache %v, and the spool is saved to %q", disk, s.cache)
	}
	s.Put(0, "a", "b", "c")
	if s.Body(0) != "a" {
		t.Errorf("Body(0) = %q", s.Body(0))
	}
	s.Close()
}

// TestReader reads what was appended, and fails on bytes cut short.
func TestReader(t *testing.T) {
	b := AppendString(nil, "héllo")
	b = append(b, 7)
	b = append(b, 1, 2, 3, 4, 5, 6, 7, 8)
	r := NewReader(b)
	if s, c, u := r.String(), r.Byte(), r.Uint64(); s != "héllo" || c != 7 || u != 0x0807060504030201 || r.Err() != nil {
		t.Errorf("read %q, %d, %x, %v", s, c, u, r.Err())
	}
	for n := range len(b) {
		r := NewReader(b[:n])
		_ = r.String()
		r.Byte()
		r.Uint64()
		if r.Err() == nil {
			t.Errorf("%d bytes of %d: no error", n, len(b))
		}
	}
	if r := NewReader([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}); r.Uint() != 0 || r.Err() == nil {
		t.Error("a length far beyond the bytes is read")
	}
	// A count of items is at most the bytes left: a damaged one is an
	// error at once, not a loop of a trillion empty items.
	for _, tc := range []struct {
		b    []byte
		want int
		ok   bool
	}{
		{[]byte{3, 'a', 'b', 'c'}, 3, true},
		{[]byte{0}, 0, true},
		{[]byte{4, 'a', 'b', 'c'}, 0, false},
		{binary.AppendUvarint(nil, 1<<39), 0, false},
	} {
		r := NewReader(tc.b)
		if n := r.Count(); n != tc.want || (r.Err() == nil) != tc.ok {
			t.Errorf("Count of % x = %d, %v; want %d, ok %v", tc.b, n, r.Err(), tc.want, tc.ok)
		}
	}
}
