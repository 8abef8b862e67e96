// Package guidegen holds the bundled guide: its configuration, content,
// UI strings, templates and assets, embedded in the binary. It is the site
// that `guidegen build` builds where no guidegen.yaml is found, and the
// theme whose templates, assets and UI strings every other site inherits.
package guidegen

import (
	"embed"
	"io/fs"
)

//go:embed guidegen.yaml content locales templates assets
var bundled embed.FS

// Bundled returns the embedded default site.
func Bundled() fs.FS { return bundled }
