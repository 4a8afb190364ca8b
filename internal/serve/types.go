package serve

import (
	"path"
	"strings"
)

// contentTypes gives the Content-Type of each kind of file a site
// publishes, by extension (lower case): the site's own pages, styles,
// scripts, data and feeds, and the images, documents, audio, video and
// fonts that case studies attach. The types are those GitHub Pages sends
// for the same extensions (JavaScript under its standard name,
// text/javascript), so that the preview behaves as the published site
// will. It is the only table: the system's MIME database is not
// consulted, so that serve answers the same on every machine.
var contentTypes = map[string]string{
	// The site's own files.
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".json":        "application/json; charset=utf-8",
	".xml":         "application/xml",
	".webmanifest": "application/manifest+json",
	".txt":         "text/plain; charset=utf-8",
	// A case study's citation, cite.bib and cite.ris: reference managers
	// open these types; browsers download them.
	".bib": "application/x-bibtex; charset=utf-8",
	".ris": "application/x-research-info-systems; charset=utf-8",

	// Images.
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".gif":  "image/gif",
	".webp": "image/webp",
	".avif": "image/avif",
	".ico":  "image/x-icon",

	// Documents, spreadsheets, slides.
	".pdf":  "application/pdf",
	".doc":  "application/msword",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xls":  "application/vnd.ms-excel",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".ppt":  "application/vnd.ms-powerpoint",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".odt":  "application/vnd.oasis.opendocument.text",
	".ods":  "application/vnd.oasis.opendocument.spreadsheet",
	".odp":  "application/vnd.oasis.opendocument.presentation",
	".rtf":  "application/rtf",
	".csv":  "text/csv; charset=utf-8",
	".epub": "application/epub+zip",

	// Audio and video.
	".mp3":  "audio/mpeg",
	".m4a":  "audio/mp4",
	".ogg":  "audio/ogg",
	".oga":  "audio/ogg",
	".wav":  "audio/wav",
	".mp4":  "video/mp4",
	".m4v":  "video/mp4",
	".webm": "video/webm",
	".ogv":  "video/ogg",
	".mov":  "video/quicktime",

	// Fonts.
	".woff":  "font/woff",
	".woff2": "font/woff2",
	".ttf":   "font/ttf",
	".otf":   "font/otf",
}

// unknownType is the Content-Type of a file whose extension is not in
// contentTypes, or that has none: browsers download it and never read it
// as a page (X-Content-Type-Options: nosniff forbids guessing).
const unknownType = "application/octet-stream"

// contentType is the Content-Type that serve sends for the file name.
func contentType(name string) string {
	if t, ok := contentTypes[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	return unknownType
}
