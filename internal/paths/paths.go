// Package paths names every file and folder of the output, in one place:
// where each page, list, feed, search file, book and asset of the site is
// written, as a path with slashes from the top of the output folder. A
// folder's path ends in "/" and is also the page's URL after the site's
// root; its page is the folder's Index file.
//
// Every package that writes, links, serves or checks an output file
// takes its path from here, so that two of them never disagree; and
// Reserved, which content checks slugs and taxonomy ids against, lists
// every name at the top of the output that buildbook writes.
package paths

import "strconv"

// Index is the file of a folder's page: a page at "schools/" is written
// to "schools/index.html".
const Index = "index.html"

// The files and folders at the top of the output.
const (
	Home        = Index                  // the home page
	NotFound    = "404.html"             // the page a server gives for a missing one
	Feed        = "feed.xml"             // the Atom feed of case studies
	Sitemap     = "sitemap.xml"          // every page, for search engines
	Favicon     = "favicon.ico"          // the site's icon, where browsers look
	TouchIcon   = "apple-touch-icon.png" // the icon a phone puts on its home screen
	CaseStudies = "case-studies/"        // the list of case studies, and each case study's folder
	Schools     = "schools/"             // the list of schools
	Submit      = "submit/"              // the form that writes a case study's file
	Book        = "book/"                // the book of every case study, and each edition's
	Search      = "search/"              // the search index, in pieces
	Assets      = "assets/"              // stylesheets, scripts, fonts, icons
)

// Reserved lists the names at the top of the output that buildbook
// writes, so no page slug or taxonomy id may take them.
var Reserved = []string{"assets", "book", "case-studies", "schools", "search", "submit", Feed, Sitemap, NotFound, Home, Favicon, TouchIcon}

// Assets that every site has, or may have from its templates.
const (
	StyleCSS  = Assets + "style.css"  // the stylesheet of every page
	ChromaCSS = Assets + "chroma.css" // the colours of highlighted code
	FontsCSS  = Assets + "fonts.css"  // the typefaces
	Fonts     = Assets + "fonts/"     // the typefaces' files
	SiteJS    = Assets + "site.js"    // the script of every page
	BookCSS   = Assets + "book.css"   // the stylesheet of the book
	BrowseJS  = Assets + "browse.js"  // filters and paging of the list of case studies
	SearchJS  = Assets + "search.js"  // the search
	SubmitJS  = Assets + "submit.js"  // the submission form
	IconSVG   = Assets + "icon.svg"   // the site's icon, drawn
	IconPNG   = Assets + "icon.png"   // the site's icon, as a picture
	Card      = Assets + "card.png"   // the picture a link to the site shows when shared
)

// Page is the file of the page at folder dir: dir's Index.
func Page(dir string) string { return dir + Index }

// Folder is the folder of a page's file, the page's URL after the root:
// "schools/index.html" gives "schools/", "index.html" gives "". A file
// that is not a page is its own URL.
func Folder(file string) string {
	if file == Index {
		return ""
	}
	if n := len(file) - len(Index); n > 0 && file[n-1] == '/' && file[n:] == Index {
		return file[:n]
	}
	return file
}

// Paged is page n (from 1) of a list at folder dir: the first page is
// dir itself, the others dir/page/<n>/.
func Paged(dir string, n int) string {
	if n <= 1 {
		return dir
	}
	return dir + "page/" + strconv.Itoa(n) + "/"
}

// CaseStudy is the folder of the case study with slug; its pictures and
// attachments are published in it too.
func CaseStudy(slug string) string { return CaseStudies + slug + "/" }

// Cite are the citation files of the case study with slug: BibTeX and RIS.
func Cite(slug string) (bib, ris string) {
	return CaseStudy(slug) + "cite.bib", CaseStudy(slug) + "cite.ris"
}

// The list of case studies' data, for filtering it in the browser.
const CaseStudiesIndex = CaseStudies + "index.json"

// CaseStudyCards is the k-th file of cards of the list of case studies.
func CaseStudyCards(k int) string { return CaseStudies + "cards-" + strconv.Itoa(k) + ".json" }

// Taxonomy is the folder of the page of the taxonomy with id.
func Taxonomy(id string) string { return id + "/" }

// Term is the folder of the list of a term's case studies.
func Term(taxonomy, term string) string { return taxonomy + "/" + term + "/" }

// FreePage is the folder of the free page with slug.
func FreePage(slug string) string { return slug + "/" }

// BookOf is the folder of a book: Book for the book of every case study
// (edition ""), Book/<edition>/ for an edition.
func BookOf(edition string) string {
	if edition == "" {
		return Book
	}
	return Book + edition + "/"
}

// PrintCSS is the stylesheet of the book at folder book, made for its
// pages.
func PrintCSS(book string) string { return book + "print.css" }

// DownloadName is the name of the file of a book's download in the
// format with extension ext (".pdf", ".epub"): book.pdf for the book of
// every case study and book-<id>.pdf for an edition. It is also the name
// that `buildbook pdf` and `buildbook epub` give the file by default.
func DownloadName(edition, ext string) string {
	if edition == "" {
		return "book" + ext
	}
	return "book-" + edition + ext
}

// Download is where the download of a book is published: beside its
// page, under its DownloadName.
func Download(edition, ext string) string { return BookOf(edition) + DownloadName(edition, ext) }

// The search index: its description, then its vocabulary, index and
// documents in pieces.
const SearchMeta = Search + "meta.json"

// SearchVocab is the piece of the search's vocabulary named f.
func SearchVocab(f string) string { return Search + "v/" + f + ".json" }

// SearchIndex is the k-th piece of the search's index.
func SearchIndex(k int) string { return Search + "i/" + strconv.Itoa(k) + ".json" }

// SearchDocs is the i-th group of the search's documents (see
// render.SearchShard), gzipped.
func SearchDocs(i int) string { return Search + "d/" + strconv.Itoa(i) + ".gz" }
