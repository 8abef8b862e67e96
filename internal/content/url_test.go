package content

import (
	"testing"

	"github.com/guidegen/guidegen/internal/config"
)

// TestPageURL: PageURL and AbsPageURL, made in one string, are what
// URLPath, escaped, gives after the base path and locale prefix (the
// oracle: how PageURL made them before).
func TestPageURL(t *testing.T) {
	paths := []string{"index.md", "about.md", "about/index.md", "a/b/c.md", "a/index/b.md", "index/index.md", "héllo wörld.md", "x y/z%.md", "a#b?.md", "guide/index.md", "-_.~$&+:=@.md"}
	for _, base := range []string{"https://example.org/", "https://example.org/guide/", "http://localhost:8000/sub/dir/"} {
		cfg := &config.Config{BaseURL: base, DefaultLocale: "en"}
		for _, loc := range []string{"en", "nl"} {
			for _, p := range paths {
				want := cfg.BasePath() + cfg.LocalePrefix(loc) + escapePath(URLPath(p))
				if got := PageURL(cfg, loc, p); got != want {
					t.Errorf("PageURL(%q, %q, %q) = %q, want %q", base, loc, p, got, want)
				}
				if got := AbsPageURL(cfg, loc, p); got != cfg.Origin()+want {
					t.Errorf("AbsPageURL(%q, %q, %q) = %q, want %q", base, loc, p, got, cfg.Origin()+want)
				}
			}
		}
	}
	for p, want := range map[string]string{"index.md": "", "a.md": "a/", "a/index.md": "a/", "index/index.md": "index/", "a/b.md": "a/b/"} {
		if got := URLPath(p); got != want {
			t.Errorf("URLPath(%q) = %q, want %q", p, got, want)
		}
	}
}
