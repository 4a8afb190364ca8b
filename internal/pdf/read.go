package pdf

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"buildbook/internal/render"
)

// document is a PDF read back: its pages and named destinations.
type document struct {
	ctx   *model.Context
	pages int
	dests map[string]int // destination name -> page number, from 1
	// tops are the heights of destinations on their pages, in points
	// from the page's foot; Chromium measures them as if the text block
	// began at the top of the page.
	tops map[string]float64
}

// readPDF reads the page count and the named destinations of a PDF, from
// the catalog's /Dests dictionary (as Chromium writes them) or from the
// /Names tree.
func readPDF(b []byte) (*document, error) {
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := api.ReadContext(bytes.NewReader(b), conf)
	if err != nil {
		return nil, err
	}
	if err := ctx.EnsurePageCount(); err != nil {
		return nil, err
	}
	d := &document{ctx: ctx, pages: ctx.PageCount, dests: map[string]int{}, tops: map[string]float64{}}
	x := ctx.XRefTable
	add := func(name string, o types.Object) error {
		page, top, err := destPage(x, o)
		if err != nil {
			return fmt.Errorf("destination %q: %w", name, err)
		}
		if page > 0 {
			d.dests[name] = page
			d.tops[name] = top
		}
		return nil
	}
	if o, ok := x.RootDict.Find("Dests"); ok {
		dests, err := x.DereferenceDict(o)
		if err != nil {
			return nil, err
		}
		for _, name := range slices.Sorted(maps.Keys(dests)) { // the same error every run
			if err := add(name, dests[name]); err != nil {
				return nil, err
			}
		}
	}
	if err := x.LocateNameTree("Dests", false); err == nil {
		if tree := x.Names["Dests"]; tree != nil {
			err := tree.Process(x, func(x *model.XRefTable, name string, o *types.Object) error {
				return add(name, *o)
			})
			if err != nil {
				return nil, err
			}
		}
	}
	return d, nil
}

// destPage is the page number of an explicit destination, and its top
// when it has one (0 when not): an array [page /XYZ left top zoom], or a
// dictionary holding one as /D.
func destPage(x *model.XRefTable, o types.Object) (int, float64, error) {
	o, err := x.Dereference(o)
	if err != nil {
		return 0, 0, err
	}
	if d, ok := o.(types.Dict); ok {
		if o, err = x.Dereference(d["D"]); err != nil {
			return 0, 0, err
		}
	}
	arr, ok := o.(types.Array)
	if !ok || len(arr) == 0 {
		return 0, 0, fmt.Errorf("not a destination: %v", o)
	}
	var top float64
	if len(arr) > 3 && arr[1] == types.Name("XYZ") {
		switch v := arr[3].(type) {
		case types.Float:
			top = v.Value()
		case types.Integer:
			top = float64(v.Value())
		}
	}
	switch p := arr[0].(type) {
	case types.IndirectRef:
		n, err := x.PageNumber(p.ObjectNumber.Value())
		return n, top, err
	case types.Integer: // a page index, in a remote destination
		return p.Value() + 1, top, nil
	}
	return 0, 0, fmt.Errorf("destination without a page: %v", arr)
}

// finish completes the metadata that Chromium leaves out (it writes the
// title, from <title>, and the language, from <html lang>), asks viewers
// to show the outline, takes the running heads and folios off the opening
// pages (openings: the first page of each part of the book), and returns
// the file.
func finish(d *document, book render.BookInfo, openings []int) ([]byte, error) {
	x := d.ctx.XRefTable
	for _, n := range openings {
		if n < 1 || n > d.pages {
			continue
		}
		if err := stripMargins(x, n); err != nil {
			return nil, fmt.Errorf("page %d: %w", n, err)
		}
	}
	if x.Info == nil {
		return nil, fmt.Errorf("the PDF has no document information dictionary")
	}
	info, err := x.DereferenceDict(*x.Info)
	if err != nil {
		return nil, err
	}
	set := func(key, value string) error {
		if value == "" {
			return nil
		}
		s, err := textString(value)
		info[key] = s
		return err
	}
	for _, kv := range [][2]string{
		{"Title", book.Title},
		{"Author", book.Author},
		{"Subject", book.Subject},
		{"Keywords", strings.Join(book.Keywords, ", ")},
		{"Creator", "buildbook"},
	} {
		if err := set(kv[0], kv[1]); err != nil {
			return nil, err
		}
	}
	if book.Language != "" {
		s, err := textString(book.Language)
		if err != nil {
			return nil, err
		}
		x.RootDict["Lang"] = s
	}
	if o, ok := x.RootDict.Find("Outlines"); ok {
		x.RootDict["PageMode"] = types.Name("UseOutlines")
		if err := undouble(x, o); err != nil {
			return nil, fmt.Errorf("the outline: %w", err)
		}
	}
	var out bytes.Buffer
	if err := api.WriteContext(d.ctx, &out); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// textString is s as a PDF text string: escaped PDFDocEncoding when s is
// ASCII, UTF-16 otherwise.
func textString(s string) (types.StringLiteral, error) {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] < 0x20 {
			ascii = false
			break
		}
	}
	var e *string
	var err error
	if ascii {
		e, err = types.Escape(s)
	} else {
		e, err = types.EscapedUTF16String(s)
	}
	if err != nil {
		return "", err
	}
	return types.StringLiteral(*e), nil
}

// undouble mends the titles of the outline's entries that Chromium writes
// twice over ("ContentsContents"): with the book's own typefaces, it adds
// the running head of a heading's page (the same words) to the heading's
// text. Only a title that is exactly two copies of one string is changed.
func undouble(x *model.XRefTable, outlines types.Object) error {
	root, err := x.DereferenceDict(outlines)
	if err != nil || root == nil {
		return err
	}
	items := 0 // bounds the walk, should the outline loop
	var walk func(o types.Object, depth int) error
	walk = func(o types.Object, depth int) error {
		for o != nil && depth < 64 && items < 100_000 {
			items++
			d, err := x.DereferenceDict(o)
			if err != nil || d == nil {
				return err
			}
			if t, ok := d.Find("Title"); ok {
				s, err := x.DereferenceStringOrHexLiteral(t, model.V10, nil)
				if err != nil {
					return err
				}
				if n := len(s); n > 0 && n%2 == 0 && s[:n/2] == s[n/2:] {
					if d["Title"], err = textString(s[:n/2]); err != nil {
						return err
					}
				}
			}
			if first, ok := d.Find("First"); ok {
				if err := walk(first, depth+1); err != nil {
					return err
				}
			}
			next, ok := d.Find("Next")
			if !ok {
				return nil
			}
			o = next
		}
		return nil
	}
	first, ok := root.Find("First")
	if !ok {
		return nil
	}
	return walk(first, 0)
}

// stripMargins removes what Chromium drew in the margins of page n: its
// running head and folio. CSS cannot: Chromium's @page rules select left,
// right, the first page of the document and named pages, and a named page
// for a case study's opening page would break the page after its heading.
//
// Chromium draws a page in this order, each a group (q ... Q) of the
// page's content stream: the page's background, then the margin boxes,
// then the page area, clipped to it (re W n). So the groups that draw
// text before the first clipped group are the margin boxes. They belong to
// no structure element, so the tags are untouched.
func stripMargins(x *model.XRefTable, n int) error {
	page, _, _, err := x.PageDict(n, false)
	if err != nil {
		return err
	}
	ref, ok := page["Contents"].(types.IndirectRef)
	if !ok {
		return nil // not one stream, as Chromium writes it: left as it is
	}
	entry, found := x.FindTableEntry(ref.ObjectNumber.Value(), ref.GenerationNumber.Value())
	if !found || entry.Object == nil {
		return fmt.Errorf("no content stream")
	}
	sd, ok := entry.Object.(types.StreamDict)
	if !ok {
		return fmt.Errorf("the content is a %T, not a stream", entry.Object)
	}
	if err := sd.Decode(); err != nil {
		return err
	}
	out, changed := withoutMargins(sd.Content)
	if !changed {
		return nil
	}
	sd.Content = out
	if err := sd.Encode(); err != nil {
		return err
	}
	entry.Object = sd
	return nil
}

// withoutMargins returns a page's content stream (one operator a line, as
// Chromium writes it) without the top-level groups that draw text before
// the first group that sets a clip: the margin boxes.
func withoutMargins(b []byte) ([]byte, bool) {
	lines := bytes.Split(b, []byte("\n"))
	var drop [][2]int // first and last line of each group to drop
	depth, start, text := 0, 0, false
scan:
	for i, l := range lines {
		t := string(bytes.TrimSpace(l))
		switch {
		case t == "q":
			if depth == 0 {
				start, text = i, false
			}
			depth++
		case t == "Q":
			depth--
			if depth == 0 && text {
				drop = append(drop, [2]int{start, i})
			}
			if depth < 0 {
				return b, false // not a stream this reads
			}
		case depth > 0 && (t == "W n" || t == "W* n" || strings.HasSuffix(t, " W n") || strings.HasSuffix(t, " W* n")):
			if depth == 1 {
				break scan // the page area
			}
		case depth > 0 && t == "BT":
			text = true
		}
	}
	if len(drop) == 0 {
		return b, false
	}
	var out [][]byte
	next := 0
	for _, g := range drop {
		out = append(out, lines[next:g[0]]...)
		next = g[1] + 1
	}
	out = append(out, lines[next:]...)
	return bytes.Join(out, []byte("\n")), true
}
