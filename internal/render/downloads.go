package render

import (
	"fmt"

	"buildbook/internal/content"
	"buildbook/internal/paths"
)

// Downloads: a book's PDF and EPUB, made beforehand by `buildbook pdf`
// and `buildbook epub` (build needs no browser) and published beside the
// book's page. When a build has any, the footer of every page offers them
// with their sizes, and each book page opens with them, before the page
// itself, which is there for printing: the book of a large collection is
// one very long page. Without any, pages are as they always were.

// Download is a file of a book that the build publishes beside its page.
type Download struct {
	Edition string // edition id; "" for the book of every case study
	Format  string // "PDF" or "EPUB"
	Path    string // in the output folder: "book/book.pdf", "book/2024/book-2024.epub"
	Size    int64  // in bytes
}

// DownloadFormats are the formats of a download, in the order pages
// offer them, with the extension of their files and their media type.
var DownloadFormats = []struct{ Format, Ext, Type string }{
	{"PDF", ".pdf", "application/pdf"},
	{"EPUB", ".epub", "application/epub+zip"},
}

// DownloadLink is a download as a page links it.
type DownloadLink struct {
	Format string // "PDF"
	URL    string
	Type   string // media type
	Size   string // "12.4 MB"
}

// BookLinks are the ways to a book that the footer offers when the build
// has downloads: the files, then the page for printing.
type BookLinks struct {
	Title     string // "The book", or an edition's title
	URL       string // the book's page, for printing
	Downloads []DownloadLink
}

// downloadLinks are the downloads of the book of edition ("" for every
// case study), in the order of in.Downloads.
func (m *models) downloadLinks(edition string) []DownloadLink {
	var links []DownloadLink
	for _, d := range m.in.Downloads {
		if d.Edition != edition {
			continue
		}
		l := DownloadLink{Format: d.Format, URL: m.site.Root + d.Path, Size: FileSize(d.Size)}
		for _, f := range DownloadFormats {
			if f.Format == d.Format {
				l.Type = f.Type
			}
		}
		links = append(links, l)
	}
	return links
}

// bookLinks are the footer's links to every book, the book of every case
// study first, then the editions in site order; nil when the build has no
// downloads, and the footer then links the book's page alone.
func (m *models) bookLinks() []BookLinks {
	if len(m.in.Downloads) == 0 {
		return nil
	}
	var books []BookLinks
	for _, e := range append([]*content.Edition{nil}, m.in.Site.Editions...) {
		b := BookLinks{Title: "The book", URL: m.site.Root + paths.BookOf("")}
		if e != nil {
			b = BookLinks{Title: e.Title, URL: m.site.Root + paths.BookOf(e.ID)}
			b.Downloads = m.downloadLinks(e.ID)
		} else {
			b.Downloads = m.downloadLinks("")
		}
		books = append(books, b)
	}
	return books
}

// FileSize is a file's size as readers read it, in decimal units as file
// managers show them: "840 bytes", "56 KB", "12.4 MB".
func FileSize(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d bytes", n)
	case n < 999_500:
		return fmt.Sprintf("%d KB", (n+500)/1000)
	case n < 99_950_000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	default:
		return fmt.Sprintf("%d MB", (n+500_000)/1_000_000)
	}
}
