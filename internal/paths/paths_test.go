package paths

import (
	"path"
	"testing"
)

// TestPaths spells out the paths that readers' bookmarks, search
// engines and other sites hold: changing one breaks links to the site.
func TestPaths(t *testing.T) {
	bib, ris := Cite("reading-buddies")
	for _, tc := range []struct{ got, want string }{
		{Page(CaseStudy("reading-buddies")), "case-studies/reading-buddies/index.html"},
		{bib, "case-studies/reading-buddies/cite.bib"},
		{ris, "case-studies/reading-buddies/cite.ris"},
		{Paged(CaseStudies, 1), "case-studies/"},
		{Paged(CaseStudies, 3), "case-studies/page/3/"},
		{Page(Paged(Term("phase", "primary"), 2)), "phase/primary/page/2/index.html"},
		{Page(Taxonomy("phase")), "phase/index.html"},
		{Page(FreePage("about")), "about/index.html"},
		{Page(Submit), "submit/index.html"},
		{Page(Schools), "schools/index.html"},
		{BookOf(""), "book/"},
		{BookOf("2024"), "book/2024/"},
		{PrintCSS(BookOf("2024")), "book/2024/print.css"},
		{Download("", ".pdf"), "book/book.pdf"},
		{Download("2024", ".epub"), "book/2024/book-2024.epub"},
		{DownloadName("2024", ".pdf"), "book-2024.pdf"},
		{SearchMeta, "search/meta.json"},
		{SearchVocab("ab"), "search/v/ab.json"},
		{SearchIndex(4), "search/i/4.json"},
		{SearchDocs(5), "search/d/5.gz"},
		{CaseStudiesIndex, "case-studies/index.json"},
		{CaseStudyCards(2), "case-studies/cards-2.json"},
		{Fonts + "x.woff2", "assets/fonts/x.woff2"},
		{Home, "index.html"},
		{NotFound, "404.html"},
		{Feed, "feed.xml"},
		{Sitemap, "sitemap.xml"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// TestReserved checks that the folders and files at the top of the
// output that every site has are reserved.
func TestReserved(t *testing.T) {
	reserved := map[string]bool{}
	for _, r := range Reserved {
		reserved[r] = true
	}
	for _, p := range []string{Home, NotFound, Feed, Sitemap, Favicon, TouchIcon, CaseStudies, Schools, Submit, Book, Search, Assets, StyleCSS, CaseStudy("x"), SearchMeta} {
		top := p
		for path.Dir(top) != "." {
			top = path.Dir(top)
		}
		if top = path.Clean(top); !reserved[top] {
			t.Errorf("%s is written at the top of the output, and not reserved", top)
		}
	}
}
