package build

import (
	"net/url"
	"testing"

	"github.com/guidegen/guidegen/internal/config"
	"github.com/guidegen/guidegen/internal/content"
	"github.com/guidegen/guidegen/internal/markdown/links"
)

// oracleResolveURL is pageWriter.ResolveURL as it was before it made its
// URLs in the writer's scratch bytes.
func oracleResolveURL(cfg *config.Config, locale string, t *links.Target) string {
	hash, frag := "", ""
	if t.Fragment != "" {
		hash, frag = "#", (&url.URL{Fragment: t.Fragment}).EscapedFragment()
	}
	switch {
	case t.Page != "":
		return content.PageURL(cfg, locale, t.Page) + hash + frag
	case t.File != "":
		return cfg.BasePath() + t.File + hash + frag
	default:
		return hash + frag
	}
}

// TestResolveURLOracle: ResolveURL gives what oracleResolveURL gives, for
// each locale and base URL, call after call on one writer.
func TestResolveURLOracle(t *testing.T) {
	targets := []links.Target{
		{Page: "index.md"},
		{Page: "about/index.md", Fragment: "team"},
		{Page: "about/criteria.md"},
		{Page: "a b/über ñ.md", Fragment: "x y<z>"},
		{Page: "nested/deep/page.md", Fragment: "h-1"},
		{File: "files/report.pdf"},
		{File: "files/a b.pdf", Fragment: "page=2"},
		{Fragment: "only-fragment"},
		{Fragment: "é%20"},
		{},
	}
	for _, base := range []string{"", "https://example.org/", "https://example.org/guide/"} {
		cfg := &config.Config{BaseURL: base, DefaultLocale: "en", Locales: []config.Locale{{Code: "en"}, {Code: "nl"}, {Code: "pt-BR"}}}
		for _, l := range cfg.Locales {
			w := &pageWriter{b: &builder{cfg: cfg}, locale: l.Code}
			for i := range targets {
				for _, tg := range []*links.Target{&targets[i], &targets[len(targets)-1-i]} {
					if got, want := w.ResolveURL(tg), oracleResolveURL(cfg, l.Code, tg); got != want {
						t.Errorf("%q %s %+v: %q, want %q", base, l.Code, *tg, got, want)
					}
				}
			}
		}
	}
}
