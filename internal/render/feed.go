package render

import (
	"encoding/xml"
	"strings"
	"time"

	"buildbook/internal/paths"
)

// FeedSize is how many of the newest case studies the feed carries.
const FeedSize = 50

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr,omitempty"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Rights   string      `xml:"rights,omitempty"`
	Links    []atomLink  `xml:"link"`
	Author   *atomAuthor `xml:"author,omitempty"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title     string       `xml:"title"`
	ID        string       `xml:"id"`
	Updated   string       `xml:"updated"`
	Published string       `xml:"published"`
	Links     []atomLink   `xml:"link"`
	Authors   []atomAuthor `xml:"author"`
	Summary   string       `xml:"summary"`
	Category  []atomCat    `xml:"category"`
}

type atomCat struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// absolute makes a site path into a full URL where the base URL is one.
func absolute(site *Site, p string) string {
	base := site.BaseURL
	if !strings.Contains(base, "://") {
		return site.Root + p
	}
	return base + p
}

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// feed writes the Atom feed of the newest case studies. Its updated time is
// the newest case study's date, so that the same content gives the same
// bytes.
func feed(in *Input, site *Site) ([]byte, error) {
	cs := in.Site.CaseStudies
	f := atomFeed{
		Lang: site.Language, Title: site.Title, Subtitle: site.Subtitle,
		ID: absolute(site, ""),
		Links: []atomLink{
			{Href: absolute(site, paths.Feed), Rel: "self", Type: "application/atom+xml"},
			{Href: absolute(site, ""), Rel: "alternate", Type: "text/html"},
		},
		Updated: atomTime(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)),
		Rights:  site.Rights(),
	}
	if site.Publisher != "" {
		f.Author = &atomAuthor{Name: site.Publisher}
	} else {
		f.Author = &atomAuthor{Name: site.Title}
	}
	if len(cs) > 0 {
		f.Updated = atomTime(cs[0].Date)
	}
	for _, c := range cs[:min(len(cs), FeedSize)] {
		u := absolute(site, paths.CaseStudy(c.Slug))
		e := atomEntry{
			Title: c.Title, ID: u, Updated: atomTime(c.Date), Published: atomTime(c.Date),
			Links: []atomLink{{Href: u, Rel: "alternate", Type: "text/html"}}, Summary: c.Summary,
		}
		for _, a := range c.Authors {
			e.Authors = append(e.Authors, atomAuthor{Name: a.Name})
		}
		for _, terms := range c.Terms {
			for _, t := range terms {
				e.Category = append(e.Category, atomCat{Term: t.Taxonomy.ID + "/" + t.ID, Label: t.Title})
			}
		}
		f.Entries = append(f.Entries, e)
	}
	return marshalXML(f)
}

type urlSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemap lists every HTML page of jobs except the 404 page.
func sitemap(in *Input, site *Site, jobs []Job) ([]byte, error) {
	lastmod := map[string]string{}
	for _, c := range in.Site.CaseStudies {
		lastmod[paths.Page(paths.CaseStudy(c.Slug))] = c.Date.Format(time.DateOnly)
	}
	var s urlSet
	for _, j := range jobs {
		if !strings.HasSuffix(j.Path, paths.Index) {
			continue
		}
		s.URLs = append(s.URLs, sitemapURL{Loc: absolute(site, strings.TrimSuffix(j.Path, paths.Index)), LastMod: lastmod[j.Path]})
	}
	return marshalXML(s)
}

func marshalXML(v any) ([]byte, error) {
	b, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(b, '\n')...), nil
}
