package build

import (
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/config"
	"github.com/guidegen/guidegen/internal/content"
	"github.com/guidegen/guidegen/internal/markdown/links"
	"github.com/guidegen/guidegen/internal/render"
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
		{Page: strings.Repeat("long-directory-name/", 12) + "page.md", Fragment: strings.Repeat("f", 100)},
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

// oracleAlternates is alternates as it was before pageURLs.
func oracleAlternates(cfg *config.Config, p string, translated func(locale string) bool) []render.Alternate {
	alts := make([]render.Alternate, 0, len(cfg.Locales)+1)
	def := ""
	for _, l := range cfg.Locales {
		if translated(l.Code) {
			u := content.AbsPageURL(cfg, l.Code, p)
			if l.Code == cfg.DefaultLocale {
				def = u
			}
			alts = append(alts, render.Alternate{HrefLang: l.Code, URL: u})
		}
	}
	if def == "" {
		def = content.AbsPageURL(cfg, cfg.DefaultLocale, p)
	}
	return append(alts, render.Alternate{HrefLang: "x-default", URL: def})
}

// TestPageURLsOracle: pageURLs gives content.PageURL and AbsPageURL for
// every locale (one not configured too), and alternates what
// oracleAlternates gives, whichever locales have the page.
func TestPageURLsOracle(t *testing.T) {
	for _, base := range []string{"", "https://example.org/", "https://example.org/guide/"} {
		cfg := &config.Config{BaseURL: base, DefaultLocale: "en", Locales: []config.Locale{{Code: "en"}, {Code: "nl"}, {Code: "pt-BR"}}}
		b := &builder{cfg: cfg}
		for _, p := range []string{"index.md", "about/index.md", "about/criteria.md", "a b/über.md"} {
			urls := b.appendPageURLs([]string{"kept"}[:0], p)
			for _, locale := range []string{"en", "nl", "pt-BR", "fr"} {
				if got, want := urls.rel(locale), content.PageURL(cfg, locale, p); got != want {
					t.Errorf("%q %s %s: rel %q, want %q", base, p, locale, got, want)
				}
				if got, want := urls.abs(locale), content.AbsPageURL(cfg, locale, p); got != want {
					t.Errorf("%q %s %s: abs %q, want %q", base, p, locale, got, want)
				}
			}
			for mask := range 8 {
				translated := func(locale string) bool {
					for i, l := range cfg.Locales {
						if l.Code == locale {
							return mask&(1<<i) != 0
						}
					}
					return false
				}
				if got, want := b.appendAlternates(nil, urls, translated), oracleAlternates(cfg, p, translated); !reflect.DeepEqual(got, want) {
					t.Errorf("%q %s %03b: %v, want %v", base, p, mask, got, want)
				}
			}
		}
	}
}

// TestNavOracle: nav gives what markNav (the nav before navCurrent) gives,
// for pages in the navigation (one listed twice), others, and none.
func TestNavOracle(t *testing.T) {
	b := &builder{
		navItems: map[string][]render.NavItem{
			"en": {{Title: "Home", URL: "/"}, {Title: "About", URL: "/about/"}, {Title: "Apps", URL: "/apps/"}, {Title: "About again", URL: "/about/"}},
			"nl": {{Title: "Thuis", URL: "/nl/"}},
			"fr": nil,
		},
		navPaths: map[string][]string{
			"en": {"index.md", "about/index.md", "apps.md", "about/index.md"},
			"nl": {"index.md"},
		},
	}
	b.indexNav()
	for _, locale := range []string{"en", "nl", "fr", "de"} {
		for _, p := range []string{"index.md", "about/index.md", "apps.md", "other.md", ""} {
			if got, want := b.nav(locale, p), b.markNav(locale, p); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
				t.Errorf("%s %q: %v, want %v", locale, p, got, want)
			}
		}
	}
}

// TestDirPrefixesOracle: dirPrefixes yields what joining the first
// elements of strings.Split gives (the breadcrumbs' old way), and stops
// when told.
func TestDirPrefixesOracle(t *testing.T) {
	for _, dir := range []string{"a", "a/b", "a/b/c", "section-0/page-1", "a//b", "/a", "a/", "über/ñ/x", ""} {
		var got, want []string
		for p := range dirPrefixes(dir) {
			got = append(got, p)
		}
		parts := strings.Split(dir, "/")
		for i := range parts {
			want = append(want, strings.Join(parts[:i+1], "/"))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: %q, want %q", dir, got, want)
		}
		for p := range dirPrefixes(dir) {
			if p != want[0] {
				t.Errorf("%q: first %q, want %q", dir, p, want[0])
			}
			break
		}
	}
}
