package build

import (
	"bytes"
	"image"
	"image/color/palette"
	"image/gif"
	"image/jpeg"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"buildbook/internal/photo"
	"buildbook/internal/photo/phototest"
)

// photoSite is the unseen site with a phone's photo, held sideways, with
// its GPS position: gamma's image field and body show it, and a link
// offers it at full size.
func photoSite(t *testing.T) string {
	t.Helper()
	dir := unseen(t)
	gamma := filepath.Join(dir, "case-studies", "gamma", "index.md")
	b, err := os.ReadFile(gamma)
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.Replace(b, []byte("image: chart.svg"), []byte("image: phone.jpg"), 1)
	b = append(b, "\n![Children in the hall](phone.jpg)\n\nThe [full size](phone.jpg) photo.\n"...)
	if err := os.WriteFile(gamma, b, 0o644); err != nil {
		t.Fatal(err)
	}
	writePhone(t, dir, 6)
	return dir
}

func writePhone(t *testing.T, dir string, orientation int) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "case-studies", "gamma", "phone.jpg"), phototest.PhoneJPEG(1600, 1200, orientation), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPhonePhoto builds a site with a phone's photo: it is published in
// several widths, turned the right way up, with a card for shared links,
// with none of its metadata in any file of the output, and a phone gets
// no version over 300 KB.
func TestPhonePhoto(t *testing.T) {
	content := photoSite(t)
	out := filepath.Join(t.TempDir(), "public")
	c, _ := buildTo(t, Options{Content: content, Out: out})
	if c.Stats.Encoded == 0 {
		t.Error("no version was encoded")
	}
	gamma := read(t, out, "case-studies/gamma/index.html")
	for _, s := range []string{
		// The body's image.
		`<picture><source type="image/webp" srcset="/g4g/case-studies/gamma/phone-480w.webp 480w, /g4g/case-studies/gamma/phone-800w.webp 800w, /g4g/case-studies/gamma/phone-1200w.webp 1200w" sizes="(max-width: 704px) calc(100vw - 2rem), 672px">`,
		`<img src="/g4g/case-studies/gamma/phone-800w.jpg" srcset="/g4g/case-studies/gamma/phone-480w.jpg 480w, /g4g/case-studies/gamma/phone-800w.jpg 800w, /g4g/case-studies/gamma/phone.jpg 1200w" sizes="(max-width: 704px) calc(100vw - 2rem), 672px" alt="Children in the hall" width="1200" height="1600" loading="lazy" decoding="async"></picture>`,
		// The link to the full size.
		`<a href="/g4g/case-studies/gamma/phone.jpg">full size</a>`,
		// The cover, loaded first.
		`<img class="cover" src="/g4g/case-studies/gamma/phone-800w.jpg" srcset="/g4g/case-studies/gamma/phone-480w.jpg 480w, /g4g/case-studies/gamma/phone-800w.jpg 800w, /g4g/case-studies/gamma/phone.jpg 1200w" sizes="(max-width: 296px) calc(100vw - 2rem), 264px" alt="" width="1200" height="1600" fetchpriority="high" decoding="async">`,
	} {
		if !strings.Contains(gamma, s) {
			t.Errorf("gamma's page lacks %s", s)
		}
	}
	// Its card, on the list, shows a small version.
	if list := read(t, out, "case-studies/index.html"); !strings.Contains(list, `<img class="thumb" src="/g4g/case-studies/gamma/phone-800w.jpg" srcset="/g4g/case-studies/gamma/phone-480w.jpg 480w, /g4g/case-studies/gamma/phone-800w.jpg 800w"`) {
		t.Error("gamma's card on the list has no thumbnail")
	}
	// The print version, in the original's place, is turned.
	img, err := jpeg.Decode(strings.NewReader(read(t, out, "case-studies/gamma/phone.jpg")))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 1200 || b.Dy() != 1600 {
		t.Errorf("phone.jpg is %v, want 1200×1600", b.Size())
	}
	// A shared link shows a card cut from it, 1200×630.
	h := readHead(t, []byte(gamma))
	if got, want := [5]string{h.one("og:image"), h.one("og:image:type"), h.one("og:image:width"), h.one("og:image:height"), h.one("twitter:card")},
		[5]string{"https://example.org/g4g/case-studies/gamma/phone-card.jpg", "image/jpeg", "1200", "630", "summary_large_image"}; got != want {
		t.Errorf("gamma's og:image, its type, width and height and twitter:card are %q, want %q", got, want)
	}
	img, err = jpeg.Decode(strings.NewReader(read(t, out, "case-studies/gamma/phone-card.jpg")))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 1200 || b.Dy() != 630 {
		t.Errorf("phone-card.jpg is %v, want 1200×630", b.Size())
	}
	checkNoMetadata(t, out)
	for _, p := range []string{"phone-480w.webp", "phone-480w.jpg", "phone-800w.webp", "phone-800w.jpg", "phone-1200w.webp", "phone.jpg"} {
		info, err := os.Stat(filepath.Join(out, "case-studies", "gamma", p))
		if err != nil {
			t.Error(err)
		} else if info.Size() > 300<<10 {
			t.Errorf("%s is %d bytes, over 300 KB", p, info.Size())
		}
	}
}

// checkNoMetadata fails if a file of the output holds the test photos'
// EXIF segment, their GPS latitude or the marker beside it.
func checkNoMetadata(t *testing.T, out string) {
	t.Helper()
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, bad := range [][]byte{[]byte("Exif\x00\x00"), []byte(phototest.Marker), phototest.GPSLatitude} {
			if bytes.Contains(b, bad) {
				t.Errorf("%s holds %q", p, bad)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestPhotoCache rebuilds a site with photos: a rebuild encodes nothing
// and writes the same bytes, a changed photo is encoded again by itself,
// and the versions of the old one leave the cache.
func TestPhotoCache(t *testing.T) {
	content := photoSite(t)
	out := filepath.Join(t.TempDir(), "public")
	c, _ := buildTo(t, Options{Content: content, Out: out})
	first := hashTree(t, out)
	all := c.Stats.Encoded
	cache := imagesPath(out)
	entries, err := os.ReadDir(cache)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != all {
		t.Errorf("the cache holds %d files, want the %d versions encoded", len(entries), all)
	}

	for i := range 2 { // into the output, then into the spare as well
		c, _ = buildTo(t, Options{Content: content, Out: out})
		if c.Stats.Encoded != 0 {
			t.Errorf("rebuild %d encoded %d versions, want 0", i+1, c.Stats.Encoded)
		}
		if diff := diffTrees(first, hashTree(t, out)); diff != "" {
			t.Errorf("rebuild %d changed the output: %s", i+1, diff)
		}
	}

	// A build with no cache and no output gives the same bytes.
	other := filepath.Join(t.TempDir(), "public")
	buildTo(t, Options{Content: content, Out: other})
	if diff := diffTrees(first, hashTree(t, other)); diff != "" {
		t.Errorf("a build elsewhere gave other bytes: %s", diff)
	}

	writePhone(t, content, 3)
	c, _ = buildTo(t, Options{Content: content, Out: out})
	phone, versions := 0, 0
	for _, p := range c.photos {
		if strings.HasSuffix(p.file, "phone.jpg") {
			phone = len(p.vs)
		}
		versions += len(p.vs)
	}
	if c.Stats.Encoded != phone || phone == 0 {
		t.Errorf("changing phone.jpg encoded %d versions, want its %d", c.Stats.Encoded, phone)
	}
	if entries, err = os.ReadDir(cache); err != nil {
		t.Fatal(err)
	}
	if len(entries) != versions {
		t.Errorf("the cache holds %d files, want %d: the old photo's versions are left", len(entries), versions)
	}
}

// diffTrees names the files whose digests differ, "" when none do.
func diffTrees(a, b map[string]string) string {
	var d []string
	for p, h := range a {
		if b[p] != h {
			d = append(d, p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			d = append(d, p)
		}
	}
	return strings.Join(d, ", ")
}

// TestAnimatedGIF builds a site whose text shows an animated GIF larger
// than a phone should download: the page shows its first frame, still, in
// screen versions; the file in the original's place is the animation, for
// a link to open; and the build warns, saying how to show it moving.
func TestAnimatedGIF(t *testing.T) {
	dir := unseen(t)
	gamma := filepath.Join(dir, "case-studies", "gamma", "index.md")
	b, err := os.ReadFile(gamma)
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, "\n![Pupils moving between rooms](moving.gif)\n\n[Watch it move](moving.gif).\n"...)
	if err := os.WriteFile(gamma, b, 0o644); err != nil {
		t.Fatal(err)
	}
	anim := noiseGIF(t, 600, 400, 3)
	if err := os.WriteFile(filepath.Join(dir, "case-studies", "gamma", "moving.gif"), anim, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	_, ds := buildTo(t, Options{Content: dir, Out: out})
	page := read(t, out, "case-studies/gamma/index.html")
	for _, s := range []string{
		`<picture><source type="image/webp" srcset="/g4g/case-studies/gamma/moving-480w.webp 480w, /g4g/case-studies/gamma/moving-600w.webp 600w"`,
		`srcset="/g4g/case-studies/gamma/moving-480w.png 480w, /g4g/case-studies/gamma/moving-600w.png 600w"`,
		`<a href="/g4g/case-studies/gamma/moving.gif">Watch it move</a>`,
	} {
		if !strings.Contains(page, s) {
			t.Errorf("gamma's page lacks %s", s)
		}
	}
	if strings.Contains(page, `src="/g4g/case-studies/gamma/moving.gif"`) {
		t.Error("gamma's page shows the whole animation")
	}
	g, err := gif.DecodeAll(strings.NewReader(read(t, out, "case-studies/gamma/moving.gif")))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Image) != 3 {
		t.Errorf("moving.gif has %d frames, want the animation's 3", len(g.Image))
	}
	var warned bool
	for _, d := range ds {
		if strings.HasSuffix(d.File, "moving.gif") && strings.Contains(d.Message, "pages show its first frame") && strings.Contains(d.Message, "under 300 KB") {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no warning about moving.gif; the build said %v", ds)
	}
}

// noiseGIF is an animated GIF of frames frames of w×h pixels of noise,
// which does not compress: about w×h bytes a frame.
func noiseGIF(t *testing.T, w, h, frames int) []byte {
	t.Helper()
	g := &gif.GIF{}
	seed := uint32(7)
	for range frames {
		f := image.NewPaletted(image.Rect(0, 0, w, h), palette.Plan9)
		for i := range f.Pix {
			seed = seed*1664525 + 1013904223
			f.Pix[i] = uint8(seed >> 24)
		}
		g.Image = append(g.Image, f)
		g.Delay = append(g.Delay, 10)
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, g); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestPhotoFigure(t *testing.T) {
	content := photoSite(t)
	gamma := filepath.Join(content, "case-studies", "gamma", "index.md")
	b, err := os.ReadFile(gamma)
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, "\n![Lunch in the hall](phone.jpg \"The hall at lunch, <after> the refit\")\n"...)
	if err := os.WriteFile(gamma, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	buildTo(t, Options{Content: content, Out: out})
	page := read(t, out, "case-studies/gamma/index.html")
	want := `<figure id="figure-1"><picture><source type="image/webp" srcset="/g4g/case-studies/gamma/phone-480w.webp 480w, /g4g/case-studies/gamma/phone-800w.webp 800w, /g4g/case-studies/gamma/phone-1200w.webp 1200w" sizes="(max-width: 704px) calc(100vw - 2rem), 672px">` +
		`<img src="/g4g/case-studies/gamma/phone-800w.jpg" srcset="/g4g/case-studies/gamma/phone-480w.jpg 480w, /g4g/case-studies/gamma/phone-800w.jpg 800w, /g4g/case-studies/gamma/phone.jpg 1200w" sizes="(max-width: 704px) calc(100vw - 2rem), 672px" alt="Lunch in the hall" width="1200" height="1600" loading="lazy" decoding="async"></picture>` +
		`<figcaption><span class="figure-label">Figure 1.</span> The hall at lunch, &lt;after&gt; the refit</figcaption></figure>`
	if !strings.Contains(page, want) {
		t.Errorf("gamma's page lacks the figure %s", want)
	}
	// The book shows the one file, turned, in the original's place.
	book := read(t, out, "book/index.html")
	if !strings.Contains(book, `<figure id="gamma--figure-1"><img src="/g4g/case-studies/gamma/phone.jpg" alt="Lunch in the hall" width="1200" height="1600" decoding="async"><figcaption><span class="figure-label">Figure `) {
		t.Error("the book lacks gamma's figure with its photo")
	}
}

// TestDrawingThumb checks that a case study whose image is a drawing
// (SVG) shows it on its card, as a photo's card shows a small version:
// the drawing itself, with its width and height for the layout, in the
// home page's cards and in the list's data that browse.js draws cards
// from.
func TestDrawingThumb(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	buildTo(t, Options{Content: "../../content", Out: out})
	home := read(t, out, "index.html")
	want := `<img class="thumb" src="/going-for-great/case-studies/early-words/garden-plan.svg" alt="" width="480" height="320" loading="lazy" decoding="async">`
	if !strings.Contains(home, want) {
		t.Errorf("the home page lacks the drawing's card picture %s", want)
	}
	chunks, _ := filepath.Glob(filepath.Join(out, "case-studies", "*.json"))
	var found bool
	for _, c := range chunks {
		b, err := os.ReadFile(c)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), `["/going-for-great/case-studies/early-words/garden-plan.svg","","",480,320]`) {
			found = true
		}
	}
	if !found {
		t.Errorf("no card data of the list (%v) has the drawing", chunks)
	}
}

// TestLinkDest checks the file names a message suggests as a Markdown
// link's destination: a name with a space or a bracket is in angle
// brackets, where CommonMark lets it hold them.
func TestLinkDest(t *testing.T) {
	for in, want := range map[string]string{
		"moving.gif":         "moving.gif",
		"class trip.gif":     "<class trip.gif>",
		"plan (final).gif":   "<plan (final).gif>",
		"[draft]-corner.gif": "<[draft]-corner.gif>",
	} {
		if got := linkDest(in); got != want {
			t.Errorf("linkDest(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPhotoMemoryLimit checks the soft memory limit while photos are
// made: the photo budget and its slack above the live heap, a lower limit
// already set kept, and the limit as it was once the photos are made.
func TestPhotoMemoryLimit(t *testing.T) {
	was := debug.SetMemoryLimit(math.MaxInt64)
	defer debug.SetMemoryLimit(was)
	want := int64(photo.Budget + photoSlack)
	// What a large site holds while its photos are made.
	held := make([][]byte, 64)
	for i := range held {
		held[i] = make([]byte, 1<<20)
	}
	runtime.GC()
	if got := photoMemoryLimit(); got < want+64<<20 || got > want+128<<20 {
		t.Errorf("with no limit set and 64 MiB live, %d, want the budget %d and what is live", got, want)
	}
	runtime.KeepAlive(held)
	debug.SetMemoryLimit(want / 2)
	if got := photoMemoryLimit(); got != want/2 {
		t.Errorf("with GOMEMLIMIT lower, %d, want it: %d", got, want/2)
	}
	debug.SetMemoryLimit(want * 3)
	c, _ := buildTo(t, Options{Content: photoSite(t), Out: filepath.Join(t.TempDir(), "public")})
	if c.Stats.Encoded == 0 {
		t.Fatal("no version was encoded")
	}
	if got := debug.SetMemoryLimit(-1); got != want*3 {
		t.Errorf("after the photos, the limit is %d, want %d as before", got, want*3)
	}
}
