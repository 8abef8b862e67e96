package build

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/guidegen/guidegen/internal/config"
	"github.com/guidegen/guidegen/internal/diag"
)

// defaultSiteCSS is the stylesheet a site adds to the theme's without
// configuring it, when it has one.
const defaultSiteCSS = "css/extra.css"

// siteCSS returns the site's own stylesheets (paths under assets/), which
// every page links after the theme's main.css: the css list of the
// configuration, or else assets/css/extra.css when the site has one. Like
// every stylesheet under assets/css, each is published under a
// fingerprinted name. A configured stylesheet that does not exist is an
// error at its entry.
func siteCSS(cfg *config.Config, assets fs.FS) ([]string, error) {
	if len(cfg.CSS) == 0 {
		if _, err := fs.Stat(assets, defaultSiteCSS); err == nil {
			return []string{defaultSiteCSS}, nil
		}
		return nil, nil
	}
	var out []string
	var errs diag.List
	for i, p := range cfg.CSS {
		name := strings.TrimPrefix(p, "assets/")
		if _, err := fs.Stat(assets, name); err != nil {
			errs.Add(diag.Errorf(cfg.Pos("css", fmt.Sprint(i)), "stylesheet %q not found", p))
			continue
		}
		out = append(out, name)
	}
	return out, errs.Err()
}
