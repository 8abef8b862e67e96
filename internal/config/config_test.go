package config

import (
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown/headingid"
)

const valid = `title: Guide
baseURL: https://example.org/guide/
defaultLocale: en
locales:
  - code: en
    name: English
  - code: nl
    name: Nederlands
    title: Gids
navigation: [a.md, b/c.md]
`

func TestParseValid(t *testing.T) {
	c, err := Parse([]byte(valid))
	if err != nil {
		t.Fatal(err)
	}
	if c.Output != "public" || c.TOC.MinLevel != 2 || c.TOC.MaxLevel != 3 || c.Locales[0].Direction != "ltr" {
		t.Errorf("defaults not applied: %+v", c)
	}
	if c.BasePath() != "/guide/" || c.Origin() != "https://example.org" {
		t.Errorf("BasePath %q Origin %q", c.BasePath(), c.Origin())
	}
	if c.LocalePrefix("en") != "" || c.LocalePrefix("nl") != "nl/" {
		t.Error("locale prefixes wrong")
	}
	if c.SiteTitle("nl") != "Gids" || c.SiteTitle("en") != "Guide" {
		t.Error("site titles wrong")
	}
}

func TestHeadingSlug(t *testing.T) {
	c, err := Parse([]byte(valid))
	if err != nil {
		t.Fatal(err)
	}
	if c.Headings.Slug != "unicode" || c.HeadingSlug() != headingid.Unicode {
		t.Errorf("default slug %q %v, want unicode", c.Headings.Slug, c.HeadingSlug())
	}
	c, err = Parse([]byte(valid + "headings: {slug: ascii}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.HeadingSlug() != headingid.ASCII || c.HeadingSlug().Slugify("Café Über") != "cafe-uber" {
		t.Errorf("slug %v", c.HeadingSlug())
	}
}

func TestEditLink(t *testing.T) {
	c, err := Parse([]byte(valid + "editURL: https://git.example.org/g/edit/main/content/{locale}/{path}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.EditLink("nl", "about/crit ria.md"), "https://git.example.org/g/edit/main/content/nl/about/crit%20ria.md"; got != want {
		t.Errorf("EditLink = %q, want %q", got, want)
	}
	c, _ = Parse([]byte(valid))
	if got := c.EditLink("en", "a.md"); got != "" {
		t.Errorf("EditLink without editURL = %q", got)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown key", valid + "outptu: x\n", `guidegen.yaml:11:1: unknown key "outptu" (did you mean "output"?)`},
		{"malformed", "title: [\n", "guidegen.yaml:1:"},
		{"missing title", strings.Replace(valid, "title: Guide\n", "", 1), "guidegen.yaml:1:1: title is required"},
		{"relative base URL", strings.Replace(valid, "https://example.org/guide/", "example.org", 1), "guidegen.yaml:2:10: baseURL: must be an absolute http(s) URL"},
		{"default locale not listed", strings.Replace(valid, "defaultLocale: en", "defaultLocale: fr", 1), `guidegen.yaml:3:16: defaultLocale "fr" is not one of the locales`},
		{"duplicate locale", strings.Replace(valid, "code: nl", "code: en", 1), `guidegen.yaml:7:11: locale "en" is listed twice`},
		{"bad locale code", strings.Replace(valid, "code: nl", "code: ../nl", 1), `guidegen.yaml:7:11: locale code "../nl" is not a BCP 47 language tag`},
		{"bad direction", strings.Replace(valid, "name: English", "name: English\n    direction: up", 1), `direction must be ltr or rtl, got "up"`},
		{"output outside site", valid + "output: ../out\n", `output must be a directory inside the site`},
		{"navigation not a page", strings.Replace(valid, "a.md", "a.html", 1), `navigation entry "a.html" must be a page path`},
		{"toc levels", valid + "toc: {minLevel: 4, maxLevel: 2}\n", "toc levels must satisfy"},
		{"edit URL without path", valid + "editURL: https://git.example.org/edit/main/\n", `guidegen.yaml:11:10: editURL: must contain {path}`},
		{"relative edit URL", valid + "editURL: /edit/{path}\n", `editURL: must be an absolute http(s) URL`},
		{"misspelt edit URL", valid + "editUrl: https://x.example/{path}\n", `unknown key "editUrl" (did you mean "editURL"?)`},
		{"bad link severity", valid + "links: {missing: fatal}\n", `guidegen.yaml:11:18: links.missing must be error or warning, got "fatal"`},
		{"unknown compat", valid + "compat: hugo\n", `guidegen.yaml:11:9: compat must be mkdocs (or absent), got "hugo"`},
		{"css outside assets/css", valid + "css: [../x.css]\n", `guidegen.yaml:11:7: css entry "../x.css" must be a stylesheet of the site`},
		{"snippet base outside the site", valid + "snippets: {base: [includes, ../x]}\n", `guidegen.yaml:11:29: snippets.base: "../x" is not a directory of the site`},
		{"snippet base among pages", valid + "snippets:\n  base: [content/en/inc]\n", `guidegen.yaml:12:10: snippets.base: "content/en/inc" is inside content/`},
		{"misspelt snippets key", valid + "snippets: {apend: [x.md]}\n", `unknown key "snippets.apend" (did you mean "append"?)`},
		{"unknown slug style", valid + "headings:\n  slug: latin\n", `guidegen.yaml:12:9: headings.slug must be unicode or ascii, got "latin"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v\nwant %s", err, tt.want)
			}
		})
	}
}

func TestHTMLAllow(t *testing.T) {
	c, err := Parse([]byte(valid + "html:\n  allow:\n    elements: [video]\n    attributes: {video: [controls, src]}\n"))
	if err != nil {
		t.Fatal(err)
	}
	p := c.HTMLPolicy()
	if !p.AllowsElement("video") {
		t.Error("video not allowed")
	}
	if ok, _ := p.CheckAttr("video", "controls", nil); !ok {
		t.Error("video controls not allowed")
	}
	if ok, _ := p.CheckAttr("video", "src", []byte("javascript:alert(1)")); ok {
		t.Error("a widened src still takes only safe URLs")
	}
	d, err := Parse([]byte(valid))
	if err != nil {
		t.Fatal(err)
	}
	if d.HTMLPolicy().AllowsElement("video") {
		t.Error("the default policy allows video")
	}
}

func TestHTMLAllowErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"script", "html:\n  allow:\n    elements: [video, script]\n", "guidegen.yaml:13:23: html.allow.elements: <script> can run code"},
		{"event handler", "html:\n  allow:\n    attributes:\n      img: [onerror]\n", "guidegen.yaml:14:13: html.allow.attributes.img: onerror runs code"},
		{"style attribute", "html:\n  allow:\n    attributes: {'*': [style]}\n", `html.allow.attributes.*: style cannot be allowed`},
		{"unchecked URL", "html:\n  allow:\n    attributes: {video: [poster]}\n", `poster cannot be allowed`},
		{"src on unchecked element", "html:\n  allow:\n    attributes: {source: [src]}\n", `src holds a URL that is only checked on certain elements; it cannot be allowed on <source>`},
		{"unknown key", "html:\n  allow:\n    element: [video]\n", `unknown key "html.allow.element"`},
		{"unknown key at top", "html:\n  allwo: {}\n", `unknown key "html.allwo"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(valid + tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v\nwant %s", err, tt.want)
			}
		})
	}
}

func TestLinksCompatCSS(t *testing.T) {
	c, err := Parse([]byte(valid))
	if err != nil {
		t.Fatal(err)
	}
	if c.Links.Missing != SeverityError || c.MissingLinksWarn() || c.MkDocs() {
		t.Errorf("defaults: links %q, mkdocs %v", c.Links.Missing, c.MkDocs())
	}
	c, err = Parse([]byte(valid + "links: {missing: warning}\ncompat: mkdocs\ncss: [assets/css/extra.css]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !c.MissingLinksWarn() || !c.MkDocs() || len(c.CSS) != 1 {
		t.Errorf("got links %q, compat %q, css %v", c.Links.Missing, c.Compat, c.CSS)
	}
}
