package build

import (
	"html/template"
	"strings"

	"github.com/guidegen/guidegen/internal/content"
	"github.com/guidegen/guidegen/internal/markdown/icons"
	"github.com/guidegen/guidegen/internal/render"
)

// applyMkDocs applies what a page's MkDocs front matter means (compat:
// mkdocs; empty otherwise): hide: [toc, navigation, footer] leaves out the
// table of contents, the header navigation or the previous/next links,
// meta_title replaces the <title>, robots adds <meta name="robots">.
func applyMkDocs(d *render.Page, page *content.Page) {
	mk := &page.MkDocs
	if mk.Hides("toc") {
		d.TOC = nil
	}
	if mk.Hides("navigation") {
		d.Nav = nil
	}
	if mk.Hides("footer") {
		d.Reader.Prev, d.Reader.Next = nil, nil
	}
	d.MetaTitle, d.Robots = mk.MetaTitle, mk.Robots
}

// iconName turns a front matter icon ("material/cellphone-lock", as
// MkDocs Material writes it, or a shortcode name "material-cellphone-lock")
// into the name of the icon set.
func iconName(s string) string {
	return strings.ReplaceAll(strings.Trim(s, ": "), "/", "-")
}

// navIcon returns the SVG of a page's front matter icon for the
// navigation, or "" (an unknown icon is reported when the page loads).
func navIcon(set *icons.Set, page *content.Page) template.HTML {
	if page.Front.Icon == "" {
		return ""
	}
	svg, ok := set.Lookup(iconName(page.Front.Icon))
	if !ok {
		return ""
	}
	return template.HTML(svg) // cleaned by icons.Load
}
