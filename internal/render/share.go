package render

import (
	"bytes"
	"encoding/json"
	"html/template"
	"strconv"
	"strings"

	"buildbook/internal/asset"
	"buildbook/internal/brand"
	"buildbook/internal/content"
)

// Sharing and citing. Every page's head carries Open Graph and Twitter
// card tags (what a link to it shows where it is shared), a JSON-LD
// description for search engines, and, on a case study, the citation_*
// tags that Google Scholar and reference managers read. Their addresses
// are absolute when book.yaml's base_url is (check warns when it is not).

// ShareImage is the picture a shared link to a page shows.
type ShareImage struct {
	URL           string // absolute where the base URL is
	Width, Height int    // 0 when unknown
	Type          string // its media type, such as image/png
	Alt           string
}

// Article is what a case study's tags say of it: the JSON-LD, the
// citation_* tags, and the page's "Cite this case study".
type Article struct {
	Title    string
	Summary  string
	Authors  []content.Author
	School   string
	Date     Date
	Keywords []string // the case study's keywords, then its terms' titles
	Cite     *Citation
}

// MetaTag is one <meta> of the head: property="Key" when Property, else
// name="Key".
type MetaTag struct {
	Property bool
	Key      string
	Value    string
}

// MetaDescription is the page's description, or the site's.
func (l *Layout) MetaDescription() string {
	if l.Description != "" {
		return l.Description
	}
	if l.Site.Description != "" {
		return l.Site.Description
	}
	return l.Site.Subtitle
}

// pageTitle is the page's title as sharing shows it: its own, or the
// site's on the home page.
func (l *Layout) pageTitle() string {
	if l.Title != "" {
		return l.Title
	}
	return l.Site.Title
}

// ShareTags are the page's Open Graph and Twitter card tags and, on a case
// study, its citation_* tags, in a fixed order.
func (l *Layout) ShareTags() []MetaTag {
	var tags []MetaTag
	l.eachShareTag(func(t MetaTag) { tags = append(tags, t) })
	return tags
}

// ShareMeta is ShareTags as HTML: a <meta> element for each, one a line,
// property="…" or name="…" and content="…" escaped as html/template
// escapes an attribute's value. It is what a loop over ShareTags in a
// template writes, in one call instead of five actions a tag: a case
// study's page has about thirty of them, and a site thousands of pages.
func (l *Layout) ShareMeta() template.HTML {
	var b strings.Builder
	b.Grow(2048)
	l.eachShareTag(func(t MetaTag) {
		if t.Property {
			b.WriteString(`<meta property="`)
		} else {
			b.WriteString(`<meta name="`)
		}
		writeAttr(&b, t.Key)
		b.WriteString(`" content="`)
		writeAttr(&b, t.Value)
		b.WriteString("\">\n")
	})
	return template.HTML(b.String())
}

// writeAttr writes s escaped for a quoted attribute's value as
// html/template writes a string there: NUL as U+FFFD, and ", &, ', +,
// < and > as character references. TestWriteAttr holds it to
// html/template's own output.
func writeAttr(b *strings.Builder, s string) {
	done := 0
	for i := 0; i < len(s); i++ {
		var r string
		switch s[i] {
		case 0:
			r = "\uFFFD"
		case '"':
			r = "&#34;"
		case '&':
			r = "&amp;"
		case '\'':
			r = "&#39;"
		case '+':
			r = "&#43;"
		case '<':
			r = "&lt;"
		case '>':
			r = "&gt;"
		default:
			continue
		}
		b.WriteString(s[done:i])
		b.WriteString(r)
		done = i + 1
	}
	b.WriteString(s[done:])
}

// eachShareTag calls f with each of ShareTags in turn.
func (l *Layout) eachShareTag(f func(MetaTag)) {
	s := l.Site
	img := l.Image
	if img.URL == "" {
		img = s.Card
	}
	prop := func(k, v string) {
		if v != "" {
			f(MetaTag{Property: true, Key: k, Value: v})
		}
	}
	name := func(k, v string) {
		if v != "" {
			f(MetaTag{Key: k, Value: v})
		}
	}
	kind := "website"
	if l.Article != nil {
		kind = "article"
	}
	prop("og:type", kind)
	prop("og:site_name", s.Title)
	prop("og:title", l.pageTitle())
	prop("og:description", l.MetaDescription())
	prop("og:url", l.Canonical())
	prop("og:locale", strings.ReplaceAll(s.Language, "-", "_"))
	prop("og:image", img.URL)
	prop("og:image:type", img.Type)
	if img.Width > 0 && img.Height > 0 {
		prop("og:image:width", strconv.Itoa(img.Width))
		prop("og:image:height", strconv.Itoa(img.Height))
	}
	prop("og:image:alt", img.Alt)
	if a := l.Article; a != nil {
		prop("article:published_time", a.Date.ISO)
		for _, k := range a.Keywords {
			prop("article:tag", k)
		}
	}
	card := "summary_large_image"
	if img.Width > 0 && img.Width < 600 {
		card = "summary"
	}
	name("twitter:card", card)
	if a := l.Article; a != nil {
		name("citation_title", a.Title)
		for _, au := range a.Authors {
			name("citation_author", au.Name)
		}
		name("citation_publication_date", strings.ReplaceAll(a.Date.ISO, "-", "/"))
		name("citation_inbook_title", s.BookTitle())
		name("citation_publisher", s.Publisher)
		name("citation_language", s.Language)
		name("citation_keywords", strings.Join(a.Keywords, "; "))
		name("citation_abstract_html_url", l.Canonical())
		name("citation_public_url", l.Canonical())
	}
}

// BookTitle is the book's title with its subtitle, as references name it.
func (s *Site) BookTitle() string {
	if s.Subtitle == "" {
		return s.Title
	}
	return strings.TrimRight(s.Title, ":") + ": " + s.Subtitle
}

// ldThing is a schema.org value of JSON-LD: fields are written in this
// order, and empty ones left out.
type ldThing struct {
	Context         string    `json:"@context,omitempty"`
	Type            string    `json:"@type"`
	Headline        string    `json:"headline,omitempty"`
	Name            string    `json:"name,omitempty"`
	Description     string    `json:"description,omitempty"`
	URL             string    `json:"url,omitempty"`
	Author          []ldThing `json:"author,omitempty"`
	JobTitle        string    `json:"jobTitle,omitempty"`
	DatePublished   string    `json:"datePublished,omitempty"`
	InLanguage      string    `json:"inLanguage,omitempty"`
	Image           *ldImage  `json:"image,omitempty"`
	Keywords        []string  `json:"keywords,omitempty"`
	SourceOrg       *ldThing  `json:"sourceOrganization,omitempty"`
	Publisher       *ldThing  `json:"publisher,omitempty"`
	IsPartOf        *ldThing  `json:"isPartOf,omitempty"`
	MainEntity      string    `json:"mainEntityOfPage,omitempty"`
	License         string    `json:"license,omitempty"`
	CopyrightNotice string    `json:"copyrightNotice,omitempty"`
	Logo            *ldImage  `json:"logo,omitempty"`
}

type ldImage struct {
	Type   string `json:"@type"`
	URL    string `json:"url"`
	Width  int    `json:"width,omitempty"`
	Height int    `json:"height,omitempty"`
}

// LinkedData is the page's JSON-LD: a ScholarlyArticle for a case study,
// the WebSite on the home page, and a WebPage of the site elsewhere. It
// is JSON as encoding/json writes it, so "<", ">" and "&" in any string
// are \u003c, \u003e and \u0026, and no text of a contributor can end the
// script element it is written in.
func (l *Layout) LinkedData() (template.JS, error) {
	s := l.Site
	publisher := &ldThing{Type: "Organization", Name: s.Publisher}
	if s.Publisher == "" {
		publisher.Name = s.Title
	}
	site := &ldThing{Type: "WebSite", Name: s.Title, URL: s.Absolute("")}
	img := l.Image
	if img.URL == "" {
		img = s.Card
	}
	var t ldThing
	switch {
	case l.Article != nil:
		a := l.Article
		t = ldThing{Type: "ScholarlyArticle", Headline: a.Title, Name: a.Title, Description: a.Summary, URL: l.Canonical(),
			DatePublished: a.Date.ISO, InLanguage: s.Language, Keywords: a.Keywords, Publisher: publisher,
			IsPartOf:   &ldThing{Type: "Book", Name: s.BookTitle(), URL: s.Absolute(""), Publisher: publisher},
			MainEntity: l.Canonical()}
		for _, au := range a.Authors {
			t.Author = append(t.Author, ldThing{Type: "Person", Name: au.Name, JobTitle: au.Role})
		}
		if a.School != "" {
			t.SourceOrg = &ldThing{Type: "EducationalOrganization", Name: a.School}
		}
	case l.Path == "":
		t = *site
		t.Description = l.MetaDescription()
		t.InLanguage = s.Language
		t.Publisher = publisher
	default:
		t = ldThing{Type: "WebPage", Name: l.pageTitle(), Description: l.MetaDescription(), URL: l.Canonical(),
			InLanguage: s.Language, IsPartOf: site}
	}
	t.Context = "https://schema.org"
	if img.URL != "" {
		t.Image = &ldImage{Type: "ImageObject", URL: img.URL, Width: img.Width, Height: img.Height}
	}
	t.License = s.LicenceURL
	if t.License == "" {
		t.License = s.Licence
	}
	t.CopyrightNotice = s.Copyright
	b, err := json.Marshal(t)
	if err != nil {
		return "", err
	}
	return template.JS(jsonScriptSafe(b)), nil
}

// jsonScriptSafe makes sure that JSON can stand inside a script element:
// encoding/json already writes "<" as \u003c; this is the guard that keeps
// it so should that ever change.
func jsonScriptSafe(b []byte) string {
	return string(bytes.ReplaceAll(b, []byte("<"), []byte(`\u003c`)))
}

// Absolute is the full address of the site path p, or its path from the
// host root when the base URL is not a full address.
func (s *Site) Absolute(p string) string { return absolute(s, p) }

// shareImage is the picture that a shared link to case study c shows: the
// card cut from its image (Input.Shares), else its image when that is in a
// format every site that shows cards reads (PNG, JPEG, GIF or WebP), else
// the book's card. This is the one place that chooses it.
func (m *models) shareImage(c *content.CaseStudy) ShareImage {
	if c.Image == "" || !asset.IsImage(c.Image) {
		return ShareImage{}
	}
	if s, ok := m.in.Shares[c.Image]; ok {
		s.URL = m.site.Absolute(s.URL)
		return s
	}
	typ := ""
	switch strings.ToLower(c.Image[strings.LastIndexByte(c.Image, '.')+1:]) {
	case "png":
		typ = "image/png"
	case "jpg", "jpeg":
		typ = "image/jpeg"
	case "gif":
		typ = "image/gif"
	case "webp":
		typ = "image/webp"
	default:
		return ShareImage{}
	}
	wh := m.in.ImageSizes[c.Image]
	return ShareImage{URL: m.site.Absolute(AssetPath(m.in.Site, c.Image)), Width: wh[0], Height: wh[1], Type: typ}
}

// article is what case study c's tags and citation say.
func (m *models) article(c *content.CaseStudy) *Article {
	a := &Article{Title: c.Title, Summary: c.Summary, Authors: c.Authors, School: c.School, Date: newDate(c.Date)}
	a.Keywords = citeKeywords(c)
	a.Cite = m.citation(c)
	return a
}

// cardImage is the book's card as pages without a picture of their own
// share it.
func cardImage(s *Site, url string) ShareImage {
	return ShareImage{URL: url, Width: brand.CardWidth, Height: brand.CardHeight, Type: "image/png", Alt: s.Title}
}
