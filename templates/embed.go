// Package templates holds buildbook's default templates and assets,
// embedded in the binary so that it works from any folder. A file of the
// same name in a --templates folder overrides one of them.
package templates

import "embed"

// FS holds the page templates (*.html) and the static assets (assets/).
//
//go:embed *.html assets
var FS embed.FS
