package epub_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"buildbook/internal/build"
	"buildbook/internal/diag"
	"buildbook/internal/epub"
)

// fixture is testdata/edition.txtar with its pictures, made here.
func fixture(t *testing.T) fstest.MapFS {
	t.Helper()
	a, err := txtar.ParseFile("testdata/edition.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	fsys["case-studies/alpha/photo.jpg"] = &fstest.MapFile{Data: photo(t)}
	fsys["case-studies/alpha/tall.png"] = &fstest.MapFile{Data: tallPNG(t)}
	fsys["case-studies/alpha/moving.gif"] = &fstest.MapFile{Data: movingGIF(t)}
	return fsys
}

// secret is in the photo's EXIF data, as a GPS position would be.
const secret = "GPS-SECRET-PLACE"

// photo is a 4000×3000 JPEG, red on the left and blue on the right, whose
// EXIF data says to turn it 90° clockwise (orientation 6): upright, it is
// red at the top.
func photo(t *testing.T) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, 4000, 3000))
	for y := 0; y < 3000; y++ {
		for x := 0; x < 4000; x++ {
			c := color.RGBA{200, 20, 20, 255}
			if x >= 2000 {
				c = color.RGBA{20, 20, 200, 255}
			}
			m.SetRGBA(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	tiff := []byte("MM\x00\x2a\x00\x00\x00\x08" + // big-endian, IFD0 at 8
		"\x00\x01" + // one entry
		"\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00" + // orientation: 6
		"\x00\x00\x00\x00" + secret)
	app1 := append([]byte("Exif\x00\x00"), tiff...)
	seg := append([]byte{0xff, 0xe1, byte((len(app1) + 2) >> 8), byte(len(app1) + 2)}, app1...)
	j := b.Bytes()
	return append(append(append([]byte{}, j[:2]...), seg...), j[2:]...)
}

// tallPNG is a 300×3000 figure.
func tallPNG(t *testing.T) []byte {
	t.Helper()
	m := image.NewGray(image.Rect(0, 0, 300, 3000))
	for i := range m.Pix {
		m.Pix[i] = byte(i)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// movingGIF has two frames.
func movingGIF(t *testing.T) []byte {
	t.Helper()
	pal := color.Palette{color.Black, color.White}
	g := &gif.GIF{LoopCount: 0}
	for i := 0; i < 2; i++ {
		f := image.NewPaletted(image.Rect(0, 0, 40, 40), pal)
		f.Pix[i] = 1
		g.Image = append(g.Image, f)
		g.Delay = append(g.Delay, 50)
	}
	var b bytes.Buffer
	if err := gif.EncodeAll(&b, g); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// compile compiles a content folder; errors fail the test.
func compile(t *testing.T, fsys fstest.MapFS, dir string) *build.Compiled {
	t.Helper()
	var diags diag.List
	opts := build.Options{Content: dir}
	if fsys != nil {
		opts = build.Options{Content: "content", ContentFS: fsys}
	}
	c, err := build.Compile(opts, &diags)
	if err != nil {
		t.Fatal(err)
	}
	if diags.HasErrors(false) || c == nil {
		t.Fatalf("the content does not compile:\n%v", diags.Sorted())
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// write makes the EPUB of an edition and returns it with its diagnostics.
func write(t *testing.T, c *build.Compiled, fsys fstest.MapFS, dir, edition string) ([]byte, []diag.Diagnostic) {
	t.Helper()
	var buf bytes.Buffer
	var diags diag.List
	var read = os.DirFS(dir)
	opts := &build.Options{Content: dir}
	if fsys != nil {
		read, opts = fsys, &build.Options{Content: "content"}
	}
	res, err := epub.Write(&buf, c, read, edition, opts, &diags)
	if err != nil {
		t.Fatal(err)
	}
	if res == nil {
		t.Fatalf("no EPUB: %v", diags.Sorted())
	}
	return buf.Bytes(), diags.Sorted()
}

// book is an EPUB read back.
type book struct {
	names []string          // entries in zip order
	files map[string][]byte // by name
	opf   opfDoc
	items map[string]opfItem // manifest, by file name in the zip
	ids   map[string]map[string]bool
	hrefs []link // every href and src of the XHTML files
	text  map[string]string
}

type link struct{ file, attr, val string }

type opfDoc struct {
	Metadata struct {
		Identifiers  []string `xml:"http://purl.org/dc/elements/1.1/ identifier"`
		Titles       []string `xml:"http://purl.org/dc/elements/1.1/ title"`
		Creators     []string `xml:"http://purl.org/dc/elements/1.1/ creator"`
		Contributors []string `xml:"http://purl.org/dc/elements/1.1/ contributor"`
		Publisher    string   `xml:"http://purl.org/dc/elements/1.1/ publisher"`
		Language     string   `xml:"http://purl.org/dc/elements/1.1/ language"`
		Date         string   `xml:"http://purl.org/dc/elements/1.1/ date"`
		Rights       string   `xml:"http://purl.org/dc/elements/1.1/ rights"`
		Description  string   `xml:"http://purl.org/dc/elements/1.1/ description"`
		Metas        []struct {
			Property string `xml:"property,attr"`
			Refines  string `xml:"refines,attr"`
			Value    string `xml:",chardata"`
		} `xml:"meta"`
	} `xml:"metadata"`
	Items []opfItem `xml:"manifest>item"`
	Spine []struct {
		IDRef string `xml:"idref,attr"`
	} `xml:"spine>itemref"`
}

type opfItem struct {
	ID         string `xml:"id,attr"`
	Href       string `xml:"href,attr"`
	MediaType  string `xml:"media-type,attr"`
	Properties string `xml:"properties,attr"`
}

func (d opfDoc) meta(property string) []string {
	var out []string
	for _, m := range d.Metadata.Metas {
		if m.Property == property && m.Refines == "" {
			out = append(out, m.Value)
		}
	}
	return out
}

// readBook reads an EPUB and checks what every EPUB must be: the mimetype
// first and stored, the container, then entries by name; a package
// document whose manifest lists every file; well-formed XHTML without
// script, whose ids are unique and whose links all resolve inside the
// EPUB, or go to the web.
func readBook(t *testing.T, b []byte) *book {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	bk := &book{files: map[string][]byte{}, items: map[string]opfItem{}, ids: map[string]map[string]bool{}, text: map[string]string{}}
	for i, f := range z.File {
		bk.names = append(bk.names, f.Name)
		if i == 0 && (f.Name != "mimetype" || f.Method != zip.Store || len(f.Extra) != 0) {
			t.Errorf("first entry %q (method %d, %d bytes of extra fields), want mimetype, stored, without extra fields", f.Name, f.Method, len(f.Extra))
		}
		if f.Modified.Year() < 2000 {
			t.Errorf("%s: time %v", f.Name, f.Modified)
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		bk.files[f.Name] = data
	}
	if got := string(bk.files["mimetype"]); got != "application/epub+zip" {
		t.Errorf("mimetype holds %q", got)
	}
	if len(bk.names) < 3 || bk.names[1] != "META-INF/container.xml" || !slices.IsSorted(bk.names[2:]) {
		t.Errorf("entries are not the mimetype, the container, then the rest by name: %q", bk.names)
	}
	if !bytes.Contains(bk.files["META-INF/container.xml"], []byte(`full-path="EPUB/package.opf"`)) {
		t.Errorf("container.xml does not point at EPUB/package.opf:\n%s", bk.files["META-INF/container.xml"])
	}
	if err := xml.Unmarshal(bk.files["EPUB/package.opf"], &bk.opf); err != nil {
		t.Fatalf("package.opf: %v", err)
	}
	ids := map[string]string{}
	for _, it := range bk.opf.Items {
		name := "EPUB/" + it.Href
		if _, ok := bk.files[name]; !ok {
			t.Errorf("the manifest lists %s, which is not in the EPUB", it.Href)
		}
		bk.items[name] = it
		ids[it.ID] = name
	}
	for _, n := range bk.names {
		if _, ok := bk.items[n]; !ok && n != "mimetype" && n != "META-INF/container.xml" && n != "EPUB/package.opf" {
			t.Errorf("%s is not in the manifest", n)
		}
	}
	for _, s := range bk.opf.Spine {
		if ids[s.IDRef] == "" {
			t.Errorf("the spine names %q, which the manifest does not have", s.IDRef)
		}
	}
	allIDs := map[string]string{}
	for _, n := range bk.names {
		if !strings.HasSuffix(n, ".xhtml") {
			continue
		}
		bk.ids[n] = map[string]bool{}
		d := xml.NewDecoder(bytes.NewReader(bk.files[n]))
		d.Strict = true
		var text strings.Builder
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("%s is not well-formed XML: %v", n, err)
				break
			}
			switch tok := tok.(type) {
			case xml.CharData:
				text.Write(tok)
			case xml.StartElement:
				if tok.Name.Local == "script" || tok.Name.Local == "iframe" || tok.Name.Local == "object" || tok.Name.Local == "form" {
					t.Errorf("%s has a %s element", n, tok.Name.Local)
				}
				for _, a := range tok.Attr {
					switch {
					case strings.HasPrefix(a.Name.Local, "on"):
						t.Errorf("%s: <%s %s>", n, tok.Name.Local, a.Name.Local)
					case a.Name.Local == "id" && a.Name.Space == "":
						if prev, ok := allIDs[a.Value]; ok {
							t.Errorf("id %q is in %s and %s", a.Value, prev, n)
						}
						allIDs[a.Value] = n
						bk.ids[n][a.Value] = true
					case (a.Name.Local == "href" || a.Name.Local == "src") && tok.Name.Local != "link":
						bk.hrefs = append(bk.hrefs, link{n, a.Name.Local, a.Value})
					}
				}
			}
		}
		bk.text[n] = text.String()
	}
	for _, l := range bk.hrefs {
		switch {
		case l.attr == "href" && (strings.HasPrefix(l.val, "https://") || strings.HasPrefix(l.val, "http://") || strings.HasPrefix(l.val, "mailto:") || strings.HasPrefix(l.val, "tel:")):
			continue
		case strings.Contains(l.val, ":"):
			t.Errorf("%s: %s=%q is neither in the EPUB nor a web or mail address", l.file, l.attr, l.val)
			continue
		}
		file, frag, _ := strings.Cut(l.val, "#")
		target := l.file
		if file != "" {
			target = path.Join(path.Dir(l.file), file)
		}
		if _, ok := bk.items[target]; !ok {
			t.Errorf("%s: %s=%q: %s is not in the manifest", l.file, l.attr, l.val, target)
			continue
		}
		if frag != "" && !bk.ids[target][frag] {
			t.Errorf("%s: %s=%q: %s has no id %q", l.file, l.attr, l.val, target, frag)
		}
	}
	return bk
}

// navTitles are the entries of the navigation document's table of
// contents, in order, with their targets.
func navTitles(t *testing.T, bk *book) []string {
	t.Helper()
	var nav string
	for name, it := range bk.items {
		if it.Properties == "nav" {
			nav = name
		}
	}
	if nav == "" {
		t.Fatal("no item of the manifest is the navigation document")
	}
	d := xml.NewDecoder(bytes.NewReader(bk.files[nav]))
	var out []string
	inTOC, inA := false, false
	var cur strings.Builder
	href := ""
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			for _, a := range tok.Attr {
				if tok.Name.Local == "nav" && a.Name.Local == "type" {
					inTOC = a.Value == "toc"
				}
				if tok.Name.Local == "a" && a.Name.Local == "href" {
					href = a.Value
				}
			}
			if tok.Name.Local == "a" && inTOC {
				inA = true
				cur.Reset()
			}
		case xml.CharData:
			if inA {
				cur.Write(tok)
			}
		case xml.EndElement:
			if tok.Name.Local == "a" && inA {
				out = append(out, cur.String()+" -> "+href)
				inA = false
			}
			if tok.Name.Local == "nav" {
				inTOC = false
			}
		}
	}
	return out
}

// TestEdition writes the EPUB of an edition with an ISBN, a licence,
// pictures, notes, a long table and listing, and links of every kind, and
// checks what it holds.
func TestEdition(t *testing.T) {
	fsys := fixture(t)
	c := compile(t, fsys, "")
	b, diags := write(t, c, fsys, "", "first")
	bk := readBook(t, b)

	md := bk.opf.Metadata
	if got := md.Identifiers; len(got) != 1 || got[0] != "urn:isbn:9781738499107" {
		t.Errorf("dc:identifier %q, want urn:isbn:9781738499107", got)
	}
	if diff := cmp.Diff([]string{"Schools that Changed 2025", "Four case studies, for e-readers"}, md.Titles); diff != "" {
		t.Errorf("dc:title (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Test Press"}, md.Creators); diff != "" {
		t.Errorf("dc:creator (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Ann Author", "Bea Writer", "Carl Coder", "Eve Final"}, md.Contributors); diff != "" {
		t.Errorf("dc:contributor: the authors of the edition, in its order, each once (-want +got):\n%s", diff)
	}
	if md.Language != "en-GB" || md.Date != "2025-03-01" || md.Publisher != "Test Press" {
		t.Errorf("language %q, date %q, publisher %q", md.Language, md.Date, md.Publisher)
	}
	if !strings.Contains(md.Rights, "© 2025 Test Press") || !strings.Contains(md.Rights, "CC BY 4.0") {
		t.Errorf("dc:rights %q lacks the copyright or the licence", md.Rights)
	}
	if got := bk.opf.meta("dcterms:modified"); len(got) != 1 || got[0] != "2025-03-01T00:00:00Z" {
		t.Errorf("dcterms:modified %q, want the edition's date", got)
	}
	if got := bk.opf.meta("belongs-to-collection"); len(got) != 1 || got[0] != "Schools that Changed" {
		t.Errorf("belongs-to-collection %q", got)
	}
	cover := false
	for _, it := range bk.opf.Items {
		cover = cover || it.Properties == "cover-image" && it.MediaType == "image/svg+xml"
	}
	if !cover {
		t.Error("no cover image in the manifest")
	}

	want := []string{
		"Foreword -> foreword.xhtml#foreword",
		"Part 1: Leading & learning -> part-1.xhtml#part-1",
		"Alpha: a long table <and> a tall figure -> cs-alpha.xhtml#cs-alpha",
		"Beta's register -> cs-beta.xhtml#cs-beta",
		"Part 2: Looking back -> part-2.xhtml#part-2",
		"The 2024 review -> cs-2024-review.xhtml#cs-2024-review",
		"Glossary -> glossary.xhtml#glossary",
		"Index -> index.xhtml#book-index",
	}
	if diff := cmp.Diff(want, navTitles(t, bk)); diff != "" {
		t.Errorf("the contents (-want +got):\n%s", diff)
	}

	hrefs := map[string][]string{}
	for _, l := range bk.hrefs {
		if l.attr == "href" {
			hrefs[l.file] = append(hrefs[l.file], l.val)
		}
	}
	for file, want := range map[string][]string{
		"EPUB/cs-alpha.xhtml": {
			"cs-beta.xhtml#beta--results",                             // to a heading of a case study in the edition
			"https://example.org/changed/case-studies/gamma/",         // to one that is not
			"https://example.org/changed/about/",                      // to a free page
			"https://example.org/changed/case-studies/alpha/data.csv", // to an attachment
			"https://example.com/method?a=1&b=2",                      // to the web
			"mailto:office@example.org",                               // by mail
			"#alpha-fn-1",                                             // to its note
			"#alpha-fnref-1",                                          // and back
		},
		"EPUB/cs-beta.xhtml":        {"cs-alpha.xhtml#alpha--the-long-table", "cs-alpha.xhtml#cs-alpha", "#beta-fn-1"},
		"EPUB/cs-2024-review.xhtml": {"cs-beta.xhtml#beta--the-listing", "cs-alpha.xhtml#alpha--context"},
		"EPUB/foreword.xhtml":       {"cs-alpha.xhtml#alpha--the-long-table", "cs-2024-review.xhtml#cs-2024-review"},
		"EPUB/part-1.xhtml":         {"cs-beta.xhtml#beta--results"},
		"EPUB/imprint.xhtml":        {"https://creativecommons.org/licenses/by/4.0/", "https://example.org/changed/"},
	} {
		for _, h := range want {
			if !slices.Contains(hrefs[file], h) {
				t.Errorf("%s has no link to %s; its links: %q", file, h, hrefs[file])
			}
		}
	}
	if !bk.ids["EPUB/cs-2024-review.xhtml"]["x-2024-review--2024-in-numbers"] {
		t.Errorf("the heading 2024 in numbers has no XML-name id: %v", bk.ids["EPUB/cs-2024-review.xhtml"])
	}

	alpha := string(bk.files["EPUB/cs-alpha.xhtml"])
	beta := string(bk.files["EPUB/cs-beta.xhtml"])
	for _, s := range []string{
		`epub:type="noteref"`, `<aside id="alpha-fn-1" class="footnote" epub:type="footnote"`,
		`Alpha: a long table &lt;and&gt; a tall figure`,
		`<img src="images/`,
		// An EPUB shows only what it holds: a remote picture is a link
		// to it, or its description inside a link.
		`<a href="https://images.example.net/a.png" class="image-link" rel="noopener noreferrer">Picture: Remote chart</a>`,
		`<a class="external" href="https://example.com/charts" rel="noopener noreferrer"><span class="image-alt">[Linked chart]</span></a>`,
	} {
		if !strings.Contains(alpha, s) {
			t.Errorf("cs-alpha.xhtml lacks %s", s)
		}
	}
	if n := strings.Count(alpha, "<tr>"); n != 41 {
		t.Errorf("the long table has %d rows, want 41", n)
	}
	for _, s := range []string{"onclick", "javascript:", "alert(1)</a>"} {
		if strings.Contains(alpha, s) {
			t.Errorf("cs-alpha.xhtml holds %q", s)
		}
	}
	if n := strings.Count(beta, "step "); n != 70 || !strings.Contains(beta, "check the register &amp; &lt;note&gt; the time") {
		t.Errorf("the listing has %d lines, want 70, escaped", n)
	}

	pics := map[string][]byte{}
	for name, it := range bk.items {
		if strings.HasPrefix(it.MediaType, "image/") && !strings.HasSuffix(name, "cover.svg") {
			pics[path.Base(name)[strings.Index(path.Base(name), "-")+1:]] = bk.files[name]
			if it.MediaType == "image/avif" {
				t.Errorf("%s is an AVIF picture", name)
			}
		}
	}
	if len(pics) != 3 {
		t.Errorf("pictures %v, want photo, tall and moving", slices.Sorted(maps.Keys(pics)))
	}
	p := pics["photo.jpg"]
	if bytes.Contains(p, []byte(secret)) || bytes.Contains(p, []byte("Exif")) {
		t.Error("the photo keeps its EXIF data")
	}
	if m, err := jpeg.Decode(bytes.NewReader(p)); err != nil {
		t.Errorf("photo: %v", err)
	} else {
		if got := m.Bounds().Size(); got != image.Pt(1600, 2133) {
			t.Errorf("the 4000×3000 photo turned upright is %v, want 1600×2133", got)
		}
		top, bottom := color.RGBAModel.Convert(m.At(800, 100)).(color.RGBA), color.RGBAModel.Convert(m.At(800, 2000)).(color.RGBA)
		if top.R < 150 || top.B > 100 || bottom.B < 150 || bottom.R > 100 {
			t.Errorf("the photo is not upright: top %v, bottom %v, want red over blue", top, bottom)
		}
	}
	if cfg, err := png.DecodeConfig(bytes.NewReader(pics["tall.png"])); err != nil || cfg.Width != 240 || cfg.Height != 2400 {
		t.Errorf("the 300×3000 figure is %d×%d (%v), want 240×2400", cfg.Width, cfg.Height, err)
	}
	if g, err := gif.DecodeAll(bytes.NewReader(pics["moving.gif"])); err != nil || len(g.Image) != 2 {
		t.Errorf("the moving GIF: %v", err)
	}
	if !strings.Contains(alpha, `width="1600" height="2133"`) {
		t.Error("the photo's img does not give its size in the EPUB")
	}

	for _, d := range diags {
		if d.Severity == diag.Error {
			t.Errorf("error: %v", d)
		}
	}
}

// TestPathBaseURL: with a base_url that is a path, a link to the site
// cannot be followed from an e-reader, so it is its text.
func TestPathBaseURL(t *testing.T) {
	fsys := fixture(t)
	fsys["book.yaml"].Data = bytes.Replace(fsys["book.yaml"].Data, []byte("https://example.org/changed/"), []byte("/changed/"), 1)
	c := compile(t, fsys, "")
	b, _ := write(t, c, fsys, "", "first")
	bk := readBook(t, b)
	alpha := string(bk.files["EPUB/cs-alpha.xhtml"])
	if strings.Contains(alpha, `href="/`) || !strings.Contains(alpha, `<span class="link-text">Gamma, which is not in the edition</span>`) {
		t.Errorf("a link to a case study out of the edition is not its text:\n%s", alpha)
	}
	if md := bk.opf.Metadata; len(md.Identifiers) != 1 || md.Identifiers[0] != "urn:isbn:9781738499107" {
		t.Errorf("dc:identifier %q", md.Identifiers)
	}
}

// TestSampleBook writes the EPUB of the sample content's book and of its
// edition.
func TestSampleBook(t *testing.T) {
	c := compile(t, nil, "../../content")
	for _, edition := range []string{"", "2024"} {
		t.Run("edition="+edition, func(t *testing.T) {
			b, diags := write(t, c, nil, "../../content", edition)
			if len(diags) > 0 {
				t.Errorf("diagnostics: %v", diags)
			}
			bk := readBook(t, b)
			nav := navTitles(t, bk)
			n := 0
			for _, e := range nav {
				if strings.Contains(e, "-> cs-") {
					n++
				}
			}
			if n != 14 {
				t.Errorf("the contents lists %d case studies, want 14: %q", n, nav)
			}
			md := bk.opf.Metadata
			if len(md.Identifiers) != 1 || !strings.HasPrefix(md.Identifiers[0], "urn:uuid:") || md.Language != "en-GB" || !strings.Contains(md.Rights, "CC BY-NC-SA 4.0") {
				t.Errorf("metadata: %+v", md)
			}
		})
	}
}

// TestDeterministic: the same content gives the same bytes, and another
// edition another identifier.
func TestDeterministic(t *testing.T) {
	fsys := fixture(t)
	a, _ := write(t, compile(t, fsys, ""), fsys, "", "first")
	b, _ := write(t, compile(t, fsys, ""), fsys, "", "first")
	if !bytes.Equal(a, b) {
		t.Error("two EPUBs of the same content differ")
	}
	c := compile(t, nil, "../../content")
	x, _ := write(t, c, nil, "../../content", "")
	y, _ := write(t, c, nil, "../../content", "2024")
	idx, idy := readBook(t, x).opf.Metadata.Identifiers, readBook(t, y).opf.Metadata.Identifiers
	if slices.Equal(idx, idy) {
		t.Errorf("the book and the edition have the same identifier %q", idx)
	}
}

// TestUnknownEdition names the editions there are.
func TestUnknownEdition(t *testing.T) {
	c := compile(t, nil, "../../content")
	var diags diag.List
	_, err := epub.Write(io.Discard, c, os.DirFS("../../content"), "2042", &build.Options{Content: "../../content"}, &diags)
	var unknown *epub.UnknownEditionError
	if !errors.As(err, &unknown) || !strings.Contains(err.Error(), "the content has 2024") {
		t.Errorf("edition 2042: %v", err)
	}
}

// epubcheck returns the command that runs EPUBCheck: Debian's epubcheck
// is a jar, which needs java when the system cannot run jars itself.
func epubcheck(t *testing.T) []string {
	t.Helper()
	p, err := exec.LookPath("epubcheck")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("epubcheck is missing; CI must have it (see .ci/run)")
		}
		t.Skip("epubcheck is missing (on Debian: apt-get install epubcheck)")
	}
	if real, err := filepath.EvalSymlinks(p); err == nil && strings.HasSuffix(real, ".jar") {
		return []string{"java", "-jar", real}
	}
	return []string{p}
}

// TestEPUBCheck runs EPUBCheck on the EPUBs of the fixture and of the
// sample edition: no error and no warning.
func TestEPUBCheck(t *testing.T) {
	if testing.Short() {
		t.Skip("EPUBCheck takes half a minute")
	}
	cmd := epubcheck(t)
	fsys := fixture(t)
	fix, _ := write(t, compile(t, fsys, ""), fsys, "", "first")
	sample, _ := write(t, compile(t, nil, "../../content"), nil, "../../content", "2024")
	for name, b := range map[string][]byte{"fixture.epub": fix, "sample-2024.epub": sample} {
		t.Run(name, func(t *testing.T) {
			f := filepath.Join(t.TempDir(), name)
			if err := os.WriteFile(f, b, 0o644); err != nil {
				t.Fatal(err)
			}
			// A hang guard, not a measure: EPUBCheck takes some 30 s.
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			out, err := exec.CommandContext(ctx, cmd[0], append(cmd[1:], f)...).CombinedOutput()
			if err != nil || !strings.Contains(string(out), "No errors or warnings detected") {
				t.Errorf("epubcheck %s: %v\n%s", name, err, out)
			}
		})
	}
}

// TestCoverPicture checks that the edition's cover picture is on the
// EPUB's cover: held inside the cover's SVG, so that it shows wherever
// the SVG does, at screen resolution, upright, and without the photo's
// metadata; and that the edition's description (its back cover's text) is
// the EPUB's.
func TestCoverPicture(t *testing.T) {
	fsys := fixture(t)
	ed := string(fsys["editions/first.yaml"].Data)
	fsys["editions/first.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(ed, "date: 2025-03-01\n", "date: 2025-03-01\ncover: ../case-studies/alpha/photo.jpg\ndescription: Four schools,\n  for e-readers.\n", 1))}
	b, diags := write(t, compile(t, fsys, ""), fsys, "", "first")
	if len(diags) > 0 {
		t.Errorf("diagnostics: %v", diags)
	}
	bk := readBook(t, b)
	if got := bk.opf.Metadata.Description; got != "Four schools, for e-readers." {
		t.Errorf("dc:description %q, want the edition's", got)
	}
	var svg []byte
	for name, data := range bk.files {
		if strings.HasSuffix(name, "images/cover.svg") {
			svg = data
		}
	}
	_, rest, ok := strings.Cut(string(svg), `xlink:href="data:image/jpeg;base64,`)
	if !ok {
		t.Fatalf("the cover holds no JPEG picture:\n%.600s", svg)
	}
	data, _, _ := strings.Cut(rest, `"`)
	jpg, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(jpg, []byte(secret)) {
		t.Error("the cover's picture keeps the photo's EXIF data")
	}
	m, err := jpeg.Decode(bytes.NewReader(jpg))
	if err != nil {
		t.Fatal(err)
	}
	// 4000×3000 turned upright and scaled to fit 1600×2400: 1600×2133.
	if got := m.Bounds().Size(); got != image.Pt(1600, 2133) {
		t.Errorf("the cover's picture is %v, want 1600×2133", got)
	}
	if r, _, bl, _ := m.At(800, 100).RGBA(); r < bl {
		t.Error("the cover's picture is not upright: its top is not red")
	}
}
