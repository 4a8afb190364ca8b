package render

import (
	"sync"

	"buildbook/internal/brand"
	"buildbook/internal/paths"
)

// BookIcon is the icon that book.yaml names, checked: an SVG as the SVG
// cleaner wrote it, or a PNG as it is.
type BookIcon struct {
	File string // its name beside book.yaml
	Data []byte
	SVG  bool
}

// IconLinks are the addresses of the site's icons, for the head of every
// page.
type IconLinks struct {
	Favicon  string // favicon.ico, 32×32, at the site's root
	Icon     string // the SVG (or the book's PNG)
	IconType string // its media type
	Touch    string // apple-touch-icon.png, 180×180, at the site's root
}

// pictures keeps the pictures drawn for a site by what they were drawn
// from, so that serve's rebuilds draw them again only when the title or
// the icon changes. It holds a few entries at most.
type pictures struct {
	mu sync.Mutex
	m  map[string][]byte
}

// get returns the picture made by make from the inputs key, making it
// on first use.
func (p *pictures) get(key string, make func() ([]byte, error)) ([]byte, error) {
	p.mu.Lock()
	b, ok := p.m[key]
	p.mu.Unlock()
	if ok {
		return b, nil
	}
	b, err := make()
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	if p.m == nil || len(p.m) >= 16 {
		p.m = map[string][]byte{}
	}
	p.m[key] = b
	p.mu.Unlock()
	return b, nil
}

// brand sets the site's icon links and card, from book.yaml's icon or
// the default drawn from the title, and returns the jobs that publish
// them. The card's address carries a digest of what it is drawn from, so
// that a site that shows cards fetches it again when the title changes.
func (r *Renderer) brand(in *Input, site *Site) []Job {
	title, subtitle, publisher := site.Title, site.Subtitle, site.Publisher
	cardKey := "card\x00" + title + "\x00" + subtitle + "\x00" + publisher
	site.Card = cardImage(site, site.Absolute(paths.Card+"?v="+digest([]byte(cardKey))))
	var jobs []Job
	picture := func(p, key string, make func() ([]byte, error)) {
		jobs = append(jobs, Job{Path: p, Make: func() ([]byte, error) { return r.pictures.get(key, make) }})
		if in.keyed() {
			jobs[len(jobs)-1].Key = mixString(in.key(p), key)
		}
	}
	picture(paths.Card, cardKey, func() ([]byte, error) { return brand.Card(title, subtitle, publisher) })

	icon := in.Icon
	initial := brand.Initial(title)
	site.Icons = IconLinks{Favicon: site.Root + paths.Favicon, Touch: site.Root + paths.TouchIcon, IconType: "image/svg+xml"}
	switch {
	case icon != nil && !icon.SVG:
		site.Icons.Icon = site.Root + paths.IconPNG + "?v=" + digest(icon.Data)
		site.Icons.IconType = "image/png"
		data := icon.Data
		sum := digest(data)
		jobs = append(jobs, Job{Path: paths.IconPNG, Make: func() ([]byte, error) { return data, nil }})
		picture(paths.Favicon, "favicon\x00png\x00"+sum, func() ([]byte, error) {
			b, err := brand.ScalePNG(data, brand.FaviconSize)
			return brand.ICO(b, brand.FaviconSize), err
		})
		picture(paths.TouchIcon, "touch\x00png\x00"+sum, func() ([]byte, error) { return brand.ScalePNG(data, brand.TouchIconSize) })
		return jobs
	case icon != nil:
		data := icon.Data
		site.Icons.Icon = site.Root + paths.IconSVG + "?v=" + digest(data)
		jobs = append(jobs, Job{Path: paths.IconSVG, Make: func() ([]byte, error) { return data, nil }})
	default:
		data := brand.IconSVG(title)
		site.Icons.Icon = site.Root + paths.IconSVG + "?v=" + digest(data)
		jobs = append(jobs, Job{Path: paths.IconSVG, Make: func() ([]byte, error) { return data, nil }})
	}
	// An SVG cannot be drawn as a PNG here: favicon.ico and the phone's
	// icon show the title's initial, as the default icon does.
	picture(paths.Favicon, "favicon\x00"+initial, func() ([]byte, error) {
		b, err := brand.IconPNG(title, brand.FaviconSize)
		return brand.ICO(b, brand.FaviconSize), err
	})
	picture(paths.TouchIcon, "touch\x00"+initial, func() ([]byte, error) { return brand.IconPNG(title, brand.TouchIconSize) })
	return jobs
}
