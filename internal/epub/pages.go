package epub

import (
	"html/template"
	"strconv"
	"strings"

	"buildbook/internal/render"
)

// pageTemplates write the HTML of each kind of XHTML file, which is then
// parsed and written again as XHTML (see xhtml.go). Their models are
// those of the printed book (render.BookPage), so that the EPUB says what
// the book says, in the same order.
var pageTemplates = template.Must(template.New("").Funcs(template.FuncMap{"join": strings.Join}).Parse(`
{{- define "cover"}}<section class="cover" id="cover" epub:type="cover">
<img class="cover-image" src="{{.Cover}}" alt="{{.Book.Title}}{{with .Book.Subtitle}}: {{.}}{{end}}"/>
</section>
{{end -}}

{{- define "title"}}{{with .Book}}<section class="title-page" id="title-page" epub:type="titlepage">
{{with .Series}}<p class="title-series">{{.}}</p>
{{end}}<h1 class="title-title">{{.Title}}</h1>
{{with .Subtitle}}<p class="title-subtitle">{{.}}</p>
{{end}}<p class="title-count">{{$.Count}}</p>
{{with .Publisher}}<p class="title-publisher">{{.}}</p>
{{end}}</section>
{{end}}{{end -}}

{{- define "imprint"}}{{with .Book}}<section class="imprint" id="imprint" epub:type="copyright-page" aria-label="Imprint">
{{with .Description}}<p class="imprint-description">{{.}}</p>
{{end}}{{with .Copyright}}<p class="imprint-copyright">{{.}}</p>
{{end}}{{with .Licence}}<p class="imprint-licence">This book is published under the licence {{if $.Book.LicenceURL}}<a href="{{$.Book.LicenceURL}}">{{.}}</a>{{else}}{{.}}{{end}}.</p>
{{end}}<dl class="imprint-facts">
{{with .Publisher}}<dt>Published by</dt><dd>{{.}}</dd>
{{end}}{{with .EditionLine}}<dt>Edition</dt><dd>{{.}}</dd>
{{end}}{{with .ISBN}}<dt>ISBN</dt><dd>{{.}}</dd>
{{end}}{{with .Online}}<dt>Online</dt><dd><a href="{{.}}">{{.}}</a></dd>
{{end}}<dt>Format</dt><dd>EPUB 3, made with buildbook</dd>
</dl>
{{with .Grouping}}<p class="imprint-note">{{.}}</p>
{{end}}</section>
{{end}}{{end -}}

{{- define "nav"}}<nav class="toc" id="toc" epub:type="toc" role="doc-toc" aria-labelledby="toc-title">
<h1 id="toc-title">Contents</h1>
<ol>
{{with .Book.Foreword}}<li><a href="#{{.ID}}">{{.Title}}</a></li>
{{end}}{{range .Book.Parts}}<li><a href="#{{.ID}}">Part {{.Number}}: {{.Title}}</a>{{if .Chapters}}
<ol>
{{range .Chapters}}<li><a href="#{{.ID}}">{{.Title}}</a></li>
{{end}}</ol>{{end}}
</li>
{{end}}{{with .Book.Glossary}}<li><a href="#{{.ID}}">{{.Title}}</a></li>
{{end}}{{with .Book.Index}}<li><a href="#{{.ID}}">{{.Title}}</a></li>
{{end}}{{if not (or .Book.Foreword .Book.Parts .Book.Glossary .Book.Index)}}<li><a href="#title-page">{{.Book.Title}}</a></li>
{{end}}</ol>
</nav>
<nav class="landmarks" epub:type="landmarks" aria-label="Landmarks" hidden="">
<ol>
<li><a epub:type="cover" href="#cover">Cover</a></li>
<li><a epub:type="titlepage" href="#title-page">Title page</a></li>
<li><a epub:type="toc" href="#toc">Contents</a></li>
{{with .Start}}<li><a epub:type="bodymatter" href="#{{.}}">Start of the book</a></li>
{{end}}{{with .Book.Glossary}}<li><a epub:type="glossary" href="#{{.ID}}">{{.Title}}</a></li>
{{end}}{{with .Book.Index}}<li><a epub:type="index" href="#{{.ID}}">{{.Title}}</a></li>
{{end}}</ol>
</nav>
{{end -}}

{{- define "foreword"}}<section class="foreword" id="{{.ID}}" epub:type="foreword" role="doc-foreword" aria-labelledby="{{.ID}}-title">
<h1 id="{{.ID}}-title">{{.Title}}</h1>
<div class="prose">
{{.Body}}
</div>
</section>
{{end -}}

{{- define "part"}}<section class="part-opener" id="{{.ID}}" epub:type="part" role="doc-part" aria-labelledby="{{.ID}}-title">
<p class="part-number">Part {{.Number}}</p>
<h1 class="part-title" id="{{.ID}}-title">{{.Title}}</h1>
{{with .Intro}}<div class="part-intro prose">
{{.}}
</div>
{{end}}</section>
{{end -}}

{{- define "chapter"}}{{$ch := .Chapter}}<section class="chapter" id="{{$ch.ID}}" epub:type="chapter" role="doc-chapter" aria-labelledby="{{$ch.ID}}-title">
<header class="chapter-head">
<p class="chapter-number">Case study {{$ch.Number}}</p>
<h2 class="chapter-title" id="{{$ch.ID}}-title">{{$ch.Title}}</h2>
<p class="chapter-school">{{$ch.CS.School}}{{with $ch.CS.Partners}}, with {{join . ", "}}{{end}}</p>
{{with $ch.Authors}}<p class="chapter-authors">{{range $i, $a := .}}{{if $i}}; {{end}}<span class="author">{{$a.Name}}</span>{{with $a.Role}}, <span class="role">{{.}}</span>{{end}}{{end}}</p>
{{end}}<p class="chapter-facts"><time datetime="{{$ch.CS.Date.ISO}}">{{$ch.CS.Date.Human}}</time>{{with $ch.CS.Region}} · {{.}}{{end}}{{with $ch.CS.Cohort}} · cohort {{.}}{{end}}</p>
{{with $ch.CS.Tags}}<dl class="chapter-tags">
{{range .}}<dt>{{.Taxonomy.Title}}</dt><dd>{{range $i, $t := .Terms}}{{if $i}}, {{end}}{{$t.Short}}{{end}}</dd>
{{end}}</dl>
{{end}}<p class="chapter-summary">{{$ch.CS.Summary}}</p>
</header>
{{with $ch.Image}}<figure class="chapter-image"><img src="{{.}}" alt=""/></figure>
{{end}}<div class="prose">
{{.Body}}
</div>
</section>
{{end -}}

{{- define "glossary"}}<section class="glossary" id="{{.ID}}" epub:type="glossary" role="doc-glossary" aria-labelledby="{{.ID}}-title">
<h1 id="{{.ID}}-title">{{.Title}}</h1>
<dl class="glossary-list">
{{range .Entries}}<dt id="{{.ID}}" epub:type="glossterm">{{.Term}}{{with .Abbrev}} <span class="glossary-abbrev">({{.}})</span>{{end}}</dt>
<dd epub:type="glossdef">{{with .See}}<i>see</i> <a href="#{{.ID}}">{{.Term}}</a>{{else}}{{if or .Kind .Title}}<p class="glossary-kind">{{.Kind}}{{if and .Kind .Title}}: {{end}}{{.Title}}</p>
{{end}}{{.Definition}}{{end}}</dd>
{{end}}</dl>
</section>
{{end -}}

{{- define "index"}}<section class="book-index" id="{{.ID}}" role="doc-index" aria-labelledby="{{.ID}}-title">
<h1 id="{{.ID}}-title">{{.Title}}</h1>
<p class="index-note">Keywords, schools, authors, regions and the terms the case studies are tagged with. Each entry lists the case studies it applies to, in the order of the book; a title in italics is a case study in which the school took part as a partner.</p>
{{range .Letters}}<section class="index-letter" id="{{.ID}}" aria-labelledby="{{.ID}}-title">
<h2 id="{{.ID}}-title">{{.Letter}}</h2>
<ul>
{{range .Entries}}<li><span class="index-name">{{.Name}}</span>{{with .Qualifier}} <span class="index-qualifier">({{.}})</span>{{end}}{{if .See}}, <i>see</i> {{.See}}{{else}}: {{range $i, $r := .Refs}}{{if $i}}; {{end}}<a href="#{{$r.ID}}"{{if $r.Partner}} class="partner"{{end}}>{{$r.Title}}</a>{{end}}{{end}}</li>
{{end}}</ul>
</section>
{{end}}</section>
{{end -}}
`))

// chapterModel is the model of a case study's file.
type chapterModel struct {
	Chapter render.Chapter
	Body    template.HTML
}

// frontModel is the model of the cover, title page, imprint and contents.
type frontModel struct {
	Book  *render.BookPage
	Cover string // the cover picture's name in the EPUB
	Count string // "14 case studies"
	Start string // the id where the book's body starts
}

// countLine is "1 case study" or "n case studies".
func countLine(n int) string {
	if n == 1 {
		return "1 case study"
	}
	return strconv.Itoa(n) + " case studies"
}

// authorsOf lists the authors of the book's case studies, each once, in
// the order of the book.
func authorsOf(b *render.BookPage) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range b.Parts {
		for _, ch := range p.Chapters {
			for _, a := range ch.Authors {
				if name := strings.TrimSpace(a.Name); name != "" && !seen[name] {
					seen[name] = true
					out = append(out, name)
				}
			}
		}
	}
	return out
}
