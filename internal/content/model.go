// Package content reads a buildbook content folder through an fs.FS into
// typed values, and validates it against the content contract
// (docs/content-format.md).
//
// A content folder holds book.yaml (site and book metadata), taxonomies.yaml
// (the vocabularies case studies are tagged with), case-studies/ (one
// Markdown file, or one page bundle, per case study), pages/ (free pages) and
// editions/ (print editions). Load reads all of it and returns a Site with
// every error and warning of the run, each at its file, line and column.
// Markdown bodies are kept as bytes with the file line they start on, so that
// later steps report positions in the real file.
package content

import (
	"io/fs"
	"slices"
	"strings"
	"time"

	"buildbook/internal/diag"
	"buildbook/internal/paths"
)

// Size limits on content files.
const (
	MaxMarkdownSize = 1 << 20  // 1 MiB per Markdown or YAML file
	MaxAssetSize    = 20 << 20 // 20 MiB per image or attachment
)

// Site is a whole content folder, loaded and validated.
type Site struct {
	FS          fs.FS
	Book        Book
	Taxonomies  []*Taxonomy
	CaseStudies []*CaseStudy      // published ones, newest first, then by slug
	Drafts      []*CaseStudy      // left out of the site unless Options.Drafts
	Pages       []*Page           // by weight, then title
	Editions    []*Edition        // by id
	Files       []string          // every regular file, sorted, for link and asset checks
	Sums        map[string]uint64 // a checksum of each text file read (Markdown, YAML, TOML), by path

	bundles map[string]string // page bundle folder + "/" -> slug
}

// OutputPath is where a content file is published: a file of a page bundle
// goes beside its case study's page, case-studies/<slug>/..., and any other
// file keeps its path in the content folder.
func (s *Site) OutputPath(file string) string {
	for d := dir(file); d != "." && d != ""; d = dir(d) {
		if slug, ok := s.bundles[d+"/"]; ok {
			return paths.CaseStudy(slug) + strings.TrimPrefix(file, d+"/")
		}
	}
	return file
}

// Book is book.yaml: site and book metadata. The yaml tags name the
// fields of book.yaml, as listed in bookFields.
type Book struct {
	Title       string   `yaml:"title"`
	Subtitle    string   `yaml:"subtitle"`
	Description string   `yaml:"description"`
	Publisher   string   `yaml:"publisher"`
	Language    string   `yaml:"language"`    // BCP 47, default en-GB
	LanguageAt  [2]int   `yaml:"-"`           // line and column of the language field, or zeros
	BaseURL     string   `yaml:"base_url"`    // ends in "/"; absolute URL or a path from the host root, percent-encoded (see NormBaseURL)
	ImageHosts  []string `yaml:"image_hosts"` // hosts that Markdown images may load from: lower case, sorted
	Licence     string   `yaml:"licence"`     // the licence's name, such as CC BY-NC-SA 4.0, or ""
	LicenceURL  string   `yaml:"licence_url"` // where the licence's name links, or ""
	Copyright   string   `yaml:"copyright"`   // a copyright line, such as © 2024 London Leadership Strategy, or ""
	Repository  string   `yaml:"repository"`  // https://github.com/OWNER/REPO where case studies are submitted, or ""
	Icon        string   `yaml:"icon"`        // the site's icon, a file beside book.yaml, or "" for the default
	IconAt      [2]int   `yaml:"-"`           // line and column of the icon field
	Cover       string   `yaml:"cover"`       // a picture for the book's cover (content path), or ""
	CoverAt     [2]int   `yaml:"-"`           // line and column of the cover field
}

// AllowsImageHost reports whether book.yaml's image_hosts lists host (a
// host name in lower case, without a port).
func (b Book) AllowsImageHost(host string) bool {
	_, ok := slices.BinarySearch(b.ImageHosts, host)
	return ok && host != ""
}

// BasePath is the path part of BaseURL: "/" or "/going-for-great/".
func (b Book) BasePath() string {
	u := b.BaseURL
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
		if j := strings.IndexByte(u, '/'); j >= 0 {
			return u[j:]
		}
		return "/"
	}
	return u
}

// Taxonomy is one vocabulary from taxonomies.yaml. The yaml tags name its
// fields, as listed in taxonomyFields.
type Taxonomy struct {
	ID          string  `yaml:"id"`
	Title       string  `yaml:"title"`
	Singular    string  `yaml:"singular"`
	Description string  `yaml:"description"` // plain text
	Required    bool    `yaml:"required"`
	Multiple    bool    `yaml:"multiple"`
	Terms       []*Term `yaml:"terms"`

	byName map[string]*Term // normalised id, alias and title
	names  []termName       // every id, title, abbreviation and alias, in order, for suggestions
}

// termName is a name of a term, as written.
type termName struct {
	name string
	term *Term
}

// Term is one term of a taxonomy. The yaml tags name its fields, as
// listed in termFields.
type Term struct {
	ID           string    `yaml:"id"`
	Title        string    `yaml:"title"`
	Short        string    `yaml:"short"` // a short label for tags; "" means Title
	Number       int       `yaml:"number"`
	Aliases      []string  `yaml:"aliases"`
	Abbreviation string    `yaml:"abbreviation"`
	Description  string    `yaml:"description"` // Markdown
	DescLine     int       `yaml:"-"`           // line of the description in taxonomies.yaml
	Taxonomy     *Taxonomy `yaml:"-"`
}

// Label is the term as a heading names it: "Pillar 3: Exceptional teaching".
func (t *Term) Label() string {
	if t.Number > 0 && t.Taxonomy.Singular != "" {
		return t.Taxonomy.Singular + " " + itoa(t.Number) + ": " + t.Title
	}
	return t.Title
}

// ShortTitle is the term's short label, or its title.
func (t *Term) ShortTitle() string {
	if t.Short != "" {
		return t.Short
	}
	return t.Title
}

// Lookup finds a term by id, alias or title, ignoring case and treating
// spaces, underscores and hyphens alike.
func (tx *Taxonomy) Lookup(name string) *Term { return tx.byName[normTerm(name)] }

// Author is one author of a case study. The yaml tags name the fields of
// an author written as fields (authorFields).
type Author struct {
	Name string `yaml:"name"`
	Role string `yaml:"role"`
}

// CaseStudy is one case study: its front matter and its Markdown body.
//
// The yaml tags name the front-matter field each value is read from, as
// listed in caseStudyFields; "-" marks what does not come from a field of
// its own (Terms comes from the fields named by taxonomies.yaml).
type CaseStudy struct {
	Slug     string    `yaml:"slug"` // the slug field, or else the file or folder name
	File     string    `yaml:"-"`    // path in the content FS, e.g. case-studies/foo/index.md
	Bundle   bool      `yaml:"-"`    // a page bundle: case-studies/<slug>/index.md
	Title    string    `yaml:"title"`
	School   string    `yaml:"school"`
	Partners []string  `yaml:"partners"`
	Authors  []Author  `yaml:"authors"`
	Date     time.Time `yaml:"date"`
	Region   string    `yaml:"region"`
	Cohort   string    `yaml:"cohort"`
	Summary  string    `yaml:"summary"`
	Terms    [][]*Term `yaml:"-"`        // one list per taxonomy, parallel to Site.Taxonomies, in taxonomy order
	Image    string    `yaml:"image"`    // path in the content FS, or ""
	Keywords []string  `yaml:"keywords"` // free subject terms, as written, in order, without repeats
	ImageAt  [2]int    `yaml:"-"`        // line and column of the image field
	SlugAt   [2]int    `yaml:"-"`        // line and column of the slug field, if given
	Draft    bool      `yaml:"draft"`
	Body     []byte    `yaml:"-"` // Markdown, BOM and CRLF removed; nil when Load let it go (see ReadBody)
	BodyLine int       `yaml:"-"` // file line of the body's first line
	// BodySize and BodySum are the length and checksum (store.Checksum)
	// of a body that Load let go (Options.DropBodies), and 0 otherwise.
	BodySize int    `yaml:"-"`
	BodySum  uint64 `yaml:"-"`
	bodyAt   int    // where a body let go starts in the file's text
}

// Dir is the folder that relative links in the body are resolved against.
func (c *CaseStudy) Dir() string { return dir(c.File) }

// Page is a free page from pages/. The yaml tags name its front-matter
// fields, as listed in pageFields.
type Page struct {
	Slug        string `yaml:"-"`
	File        string `yaml:"-"`
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	Weight      int    `yaml:"weight"`
	Body        []byte `yaml:"-"`
	BodyLine    int    `yaml:"-"`
}

// Edition is a print edition from editions/<id>.yaml. The yaml tags name
// its fields, as listed in editionFields.
type Edition struct {
	ID        string    `yaml:"-"`
	File      string    `yaml:"-"`
	Title     string    `yaml:"title"`
	Subtitle  string    `yaml:"subtitle"`
	Publisher string    `yaml:"publisher"`
	Date      time.Time `yaml:"date"`      // zero when not given
	Foreword  string    `yaml:"foreword"`  // page slug, or ""
	PageSize  string    `yaml:"page_size"` // A4, A5, B5 or Letter
	ISBN      string    `yaml:"isbn"`      // the ISBN as written (digits checked), or ""
	Open      string    `yaml:"open"`      // where a case study starts: "right" (the default) or "any"
	Parts     []Part    `yaml:"parts"`
	// Description is the text of the back cover, or "".
	Description string `yaml:"description"`
	Cover       string `yaml:"cover"` // a picture for the cover (content path), or "" for the book's
	CoverAt     [2]int `yaml:"-"`     // line and column of the cover field
}

// Part is one part of an edition. The yaml tags name its fields, as
// listed in partFields.
type Part struct {
	Title       string   `yaml:"title"`
	Intro       string   `yaml:"intro"` // Markdown
	IntroLine   int      `yaml:"-"`
	CaseStudies []string `yaml:"case-studies"` // slugs, in order
}

// PageSizes are the page sizes an edition may name.
var PageSizes = []string{"A4", "A5", "B5", "Letter"}

func dir(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return "."
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// Reserved lists the first path segments of the output that belong to
// buildbook, so no page slug or taxonomy id may take them.
var Reserved = paths.Reserved

// posOf is a diagnostic position in file.
func posOf(file string, line, col int) diag.Pos { return diag.Pos{File: file, Line: line, Col: col} }
