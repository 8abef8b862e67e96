package render

import (
	"html/template"
	"testing"
)

func TestContentSplit(t *testing.T) {
	for _, tt := range []struct {
		content    string
		hasH1      bool
		head, body string
	}{
		{"<h1 id=\"t\">Title</h1>\n<p>Text</p>\n", true, "<h1 id=\"t\">Title</h1>\n", "<p>Text</p>\n"},
		{"<p>Intro</p>\n<h1>T</h1><p>x</p>", true, "<p>Intro</p>\n<h1>T</h1>", "<p>x</p>"},
		{"<p>No title</p>\n", false, "", "<p>No title</p>\n"},
		{"<p>&lt;h1 in text</p>", true, "", "<p>&lt;h1 in text</p>"},
		{"<h1>Unclosed", true, "", "<h1>Unclosed"},
	} {
		p := &Page{Content: template.HTML(tt.content), HasH1: tt.hasH1}
		if h, b := p.ContentHead(), p.ContentBody(); string(h) != tt.head || string(b) != tt.body {
			t.Errorf("%q: head %q body %q, want %q and %q", tt.content, h, b, tt.head, tt.body)
		}
		if string(p.ContentHead()+p.ContentBody()) != tt.content {
			t.Errorf("%q: head and body do not make the content", tt.content)
		}
	}
}

func TestContentDir(t *testing.T) {
	p := &Page{Lang: Lang{Code: "ar", Dir: "rtl"}}
	if d := p.ContentDir(); d != "rtl" {
		t.Errorf("translated page: dir %q", d)
	}
	p.Fallback, p.SourceLang = true, Lang{Code: "en", Dir: "ltr"}
	if d := p.ContentDir(); d != "ltr" {
		t.Errorf("English fallback in Arabic: dir %q", d)
	}
}

// TestAssetIndexed compares Asset on a Site with IndexAssets to Asset on
// the same Site without it (the join it replaces).
func TestAssetIndexed(t *testing.T) {
	for _, site := range []Site{
		{AssetsURL: "/assets/", AssetNames: map[string]string{"css/main.css": "css/main.3f9c2a1b.css", "js/site.js": "js/site.0a1b.js"}},
		{AssetsURL: "/guide/assets/", AssetNames: map[string]string{"css/main.css": "css/main.77.css"}},
		{AssetsURL: "/assets/"},
	} {
		plain := &Page{Site: site}
		indexed := &Page{Site: site}
		indexed.Site.IndexAssets()
		if len(indexed.Site.AssetURLs) != len(site.AssetNames) {
			t.Errorf("%v: %d URLs for %d names", site.AssetNames, len(indexed.Site.AssetURLs), len(site.AssetNames))
		}
		for _, name := range []string{"css/main.css", "js/site.js", "img/favicon.svg", "", "css/main.3f9c2a1b.css"} {
			if got, want := indexed.Asset(name), plain.Asset(name); got != want {
				t.Errorf("%s: Asset(%q) = %q, want %q", site.AssetsURL, name, got, want)
			}
		}
	}
}
