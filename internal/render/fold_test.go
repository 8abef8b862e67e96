package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"text/template/parse"

	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen/internal/config"
	"github.com/guidegen/guidegen/internal/i18n"
	"github.com/guidegen/guidegen/internal/markdown"
)

// foldCatalog is the bundled catalog, with nl lacking some strings so
// that Tlang gives "en" for them.
func foldCatalog(t testing.TB) *i18n.Catalog {
	t.Helper()
	en, err := os.ReadFile("../../locales/en.yaml")
	if err != nil {
		t.Fatal(err)
	}
	nl, err := os.ReadFile("../../locales/nl.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(nl, &doc); err != nil {
		t.Fatal(err)
	}
	root := doc.Content[0]
	for i := 0; i < len(root.Content); i += 2 {
		switch root.Content[i].Value {
		case "menu", "footer_license", "search_none":
			root.Content = append(root.Content[:i], root.Content[i+2:]...)
			i -= 2
		}
	}
	if nl, err = yaml.Marshal(&doc); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse([]byte("title: T\nbaseURL: https://example.org/\ndefaultLocale: en\nlocales:\n  - code: en\n    name: English\n  - code: nl\n    name: Nederlands\n"))
	if err != nil {
		t.Fatal(err)
	}
	cat, err := i18n.Load(fstest.MapFS{"locales/en.yaml": {Data: en}, "locales/nl.yaml": {Data: nl}}, nil, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// foldPages are pages that take every branch of the bundled templates.
func foldPages() []*Page {
	nl := Lang{Code: "nl", Name: "Nederlands", Dir: "ltr"}
	en := Lang{Code: "en", Name: "English", Dir: "ltr"}
	full := &Page{
		Site: Site{Title: "Gids", HomeURL: "/nl/", AssetsURL: "/assets/", AssetNames: map[string]string{"css/main.css": "css/main.1.css"}, CSS: []string{"css/extra.css"}},
		Lang: nl, ContentLang: "en", Kind: "page", Path: "a.md",
		Title: "Pagina <1>", Description: `Over "dit"`, TitleLang: "en", DescriptionLang: "en",
		Content: "<h1 id=\"t\">T</h1>\n<p>Tekst & meer.</p>\n", HasH1: true,
		TOC: []*markdown.TOCEntry{{ID: "a", Text: "Kop", Children: []*markdown.TOCEntry{{ID: "b", Text: "Sub", Lang: "en"}}}},
		URL: "/nl/a/", Permalink: "https://example.org/nl/a/", Canonical: "https://example.org/a/",
		Fallback: true, SourceLang: en, SourceURL: "/a/",
		Progress:   &Progress{Percent: 50, Untranslated: 2},
		Nav:        []NavItem{{Title: "Een", URL: "/nl/een/", Lang: "nl", Current: true, Icon: "<svg></svg>", Status: "new"}, {Title: "Two", URL: "/nl/two/", Lang: "en"}},
		Languages:  []LangLink{{Lang: en, URL: "/a/", Translated: true}, {Lang: nl, URL: "/nl/a/", Current: true}},
		Alternates: []Alternate{{HrefLang: "en", URL: "https://example.org/a/"}},
		Reader: Reader{
			SearchURL: "/nl/search.json", SearchScript: "/assets/js/search.js", Stylesheet: "/assets/css/reader.css",
			Image: "https://example.org/i.png", OGLocale: "nl_NL", OGAlternates: []string{"en_GB"},
			Prev:        &Link{Title: "Vorige", URL: "/nl/p/", Lang: "nl"},
			Next:        &Link{Title: "Next", URL: "/nl/n/", Lang: "en"},
			Breadcrumbs: []Link{{Title: "Start", URL: "/nl/", Lang: "nl"}},
			EditURL:     "https://example.org/edit?x=1&y=2", Updated: "2026-11-29",
			Manifest: "/nl/manifest.webmanifest", AppleTouchIcon: "/assets/a.png", ThemeColor: "#fff",
		},
		MetaTitle: "Meta", Robots: "noindex",
	}
	plain := &Page{Lang: en, ContentLang: "en", Kind: "page", Title: "P", Content: "<p>x</p>"}
	home := *full
	home.Kind, home.HasH1, home.Fallback, home.Progress = "home", false, false, nil
	notFound := *plain
	notFound.Kind = "404"
	return []*Page{full, plain, &home, &notFound}
}

// TestFoldSameOutput renders pages with folded and unfolded templates,
// the bundled ones and a site's that puts UI strings in other contexts:
// the output is the same, and the folded templates have fewer actions.
func TestFoldSameOutput(t *testing.T) {
	cat := foldCatalog(t)
	bundled := os.DirFS("../../templates")
	site := overrideSite(t, map[string]string{
		"partials/footer.html": `<footer title="{{T "menu"}}" data-x="{{Tlang "menu"}}">` +
			`<a href="/x?q={{T "menu"}}">{{T "menu" | printf "%q"}}</a>` +
			`<script>var m = {{T "menu"}}; var l = "{{Tlang "menu"}}";</script>` +
			`<style>p::after { content: "{{T "menu"}}" }</style>` +
			`{{with Tlang "menu"}}<b lang="{{.}}">{{.}}</b>{{else}}own{{end}}` +
			`{{with Tlang "footer_license"}}<i lang="{{.}}">{{$.Lang.Code}}</i>{{end}}` +
			`{{with $x := Tlang "search_none"}}<u>{{$x}}</u>{{end}}` +
			`{{T "translation_progress" 3 "Percent" "7"}}|{{T "fallback_notice" "Language" "a<b" "Source" "c&d"}}` +
			`{{range .Nav}}{{with Tlang "menu"}}<s lang="{{.}}">{{T "menu"}}</s>{{end}}{{end}}</footer>`,
	})
	for _, tt := range []struct {
		name string
		fsys fs.FS
	}{
		{"bundled", bundled},
		{"site", site},
	} {
		folded, err := load(tt.fsys, cat, []string{"en", "nl"}, true, false)
		if err != nil {
			t.Fatal(err)
		}
		plain, err := load(tt.fsys, cat, []string{"en", "nl"}, false, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, loc := range []string{"en", "nl"} {
			for _, p := range foldPages() {
				var a, b bytes.Buffer
				if err := folded.Execute(&a, p.Kind, loc, p); err != nil {
					t.Fatal(err)
				}
				if err := plain.Execute(&b, p.Kind, loc, p); err != nil {
					t.Fatal(err)
				}
				if a.String() != b.String() {
					t.Errorf("%s, %s %s page: folded output differs:\n%s\nunfolded:\n%s", tt.name, loc, p.Kind, a.String(), b.String())
				}
			}
			if f, u := countActions(folded, loc), countActions(plain, loc); f >= u || f == 0 {
				t.Errorf("%s, %s: %d actions folded, %d unfolded", tt.name, loc, f, u)
			}
		}
	}
	// The bundled footer is UI strings only: nothing of it is left to run.
	folded, err := load(bundled, cat, []string{"en", "nl"}, true, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, loc := range []string{"en", "nl"} {
		if n := actions(folded.sets["page"][loc].Lookup("partials/footer.html").Tree.Root); n != 0 {
			t.Errorf("%s footer: %d actions left", loc, n)
		}
	}
}

func countActions(t *Templates, loc string) int {
	n := 0
	for _, layout := range t.Layouts() {
		for _, tmpl := range t.sets[layout][loc].Templates() {
			if tmpl.Tree != nil {
				n += actions(tmpl.Tree.Root)
			}
		}
	}
	return n
}

// actions counts the actions and with's under n.
func actions(n parse.Node) int {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return 0
		}
		c := 0
		for _, m := range n.Nodes {
			c += actions(m)
		}
		return c
	case *parse.ActionNode:
		return 1
	case *parse.IfNode:
		return 1 + actions(n.List) + actions(n.ElseList)
	case *parse.RangeNode:
		return 1 + actions(n.List) + actions(n.ElseList)
	case *parse.WithNode:
		return 1 + actions(n.List) + actions(n.ElseList)
	case *parse.TemplateNode:
		return 1
	}
	return 0
}

// BenchmarkExecute renders a page in Dutch with the bundled templates,
// folded and not, and with the fast executor (exec.go).
func BenchmarkExecute(b *testing.B) {
	cat := foldCatalog(b)
	for _, bm := range []struct {
		name         string
		folded, fast bool
	}{
		{"unfolded", false, false},
		{"folded", true, false},
		{"fast", true, true},
	} {
		tmpl, err := load(os.DirFS("../../templates"), cat, []string{"en", "nl"}, bm.folded, bm.fast)
		if err != nil {
			b.Fatal(err)
		}
		p := foldPages()[0]
		p.Fallback, p.Progress, p.ContentLang, p.TitleLang, p.DescriptionLang = false, nil, "nl", "", ""
		b.Run(bm.name, func(b *testing.B) { benchPage(b, tmpl, p) })
		if bm.fast {
			b.Run("corpus", func(b *testing.B) { benchPage(b, tmpl, corpusPage()) })
		}
	}
}

// benchPage executes the Dutch page layout with p, b.N times.
func benchPage(b *testing.B, tmpl *Templates, p *Page) {
	b.ReportAllocs()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := tmpl.Execute(&buf, "page", "nl", p); err != nil {
			b.Fatal(err)
		}
	}
}

// corpusPage is a page like those of the generated corpus: a translated
// page with plain texts, about 20 kB of content, a table of contents,
// the site's assets indexed.
func corpusPage() *Page {
	nl := Lang{Code: "nl", Name: "Nederlands", Dir: "ltr"}
	en := Lang{Code: "en", Name: "English", Dir: "ltr"}
	p := &Page{
		Site: Site{Title: "Generated Guide", HomeURL: "/nl/", AssetsURL: "/assets/",
			AssetNames: map[string]string{"css/main.css": "css/main.1a2b3c4d.css", "js/site.js": "js/site.5e6f7a8b.js", "js/theme.js": "js/theme.9c0d1e2f.js",
				"img/favicon.svg": "img/favicon.3a4b5c6d.svg", "js/search.js": "js/search.7e8f9a0b.js", "css/reader.css": "css/reader.1c2d3e4f.css"}},
		Lang: nl, ContentLang: "nl", Kind: "page", Path: "section-4/page-13.md",
		Title: "Pagina dertien over berichten", Description: "Een pagina van de gids over veilige berichten",
		URL: "/nl/section-4/page-13/", Permalink: "https://bench.example.org/nl/section-4/page-13/", Canonical: "https://bench.example.org/nl/section-4/page-13/",
		Nav:        []NavItem{{Title: "Een", URL: "/nl/section-1/page-0/", Lang: "nl"}, {Title: "Twee", URL: "/nl/section-2/page-0/", Lang: "nl"}, {Title: "Drie", URL: "/nl/section-3/page-0/", Lang: "en"}},
		Languages:  []LangLink{{Lang: en, URL: "/section-4/page-13/", Translated: true}, {Lang: nl, URL: "/nl/section-4/page-13/", Current: true, Translated: true}},
		Alternates: []Alternate{{HrefLang: "en", URL: "https://bench.example.org/section-4/page-13/"}, {HrefLang: "nl", URL: "https://bench.example.org/nl/section-4/page-13/"}, {HrefLang: "x-default", URL: "https://bench.example.org/section-4/page-13/"}},
		Reader: Reader{
			SearchURL: "/nl/search/index.json", OGLocale: "nl", OGAlternates: []string{"en"},
			Breadcrumbs: []Link{{Title: "Generated Guide", URL: "/nl/", Lang: "nl"}},
			EditURL:     "https://example.org/edit/content/nl/section-4/page-13.md", Updated: "2023-11-14",
			ThemeColor: "#1a5fb4",
		},
	}
	p.Site.IndexAssets()
	p.Reader.SearchScript, p.Reader.Stylesheet = p.Asset("js/search.js"), p.Asset("css/reader.css")
	p.Reader.Manifest, p.Reader.AppleTouchIcon = "/nl/manifest.webmanifest", p.Asset("img/apple-touch-icon.png")
	p.Reader.Image = "https://bench.example.org" + p.Asset("img/icon-512.png")
	var content strings.Builder
	for i := range 10 {
		e := &markdown.TOCEntry{ID: fmt.Sprint("kop-", i), Text: fmt.Sprint("Kop ", i), Level: 2}
		if i%2 == 1 {
			p.TOC[len(p.TOC)-1].Children = append(p.TOC[len(p.TOC)-1].Children, e)
		} else {
			p.TOC = append(p.TOC, e)
		}
		fmt.Fprintf(&content, "<h2 id=\"kop-%d\">Kop %d</h2>\n", i, i)
		for range 4 {
			content.WriteString("<p>" + strings.Repeat("Tekst over veilige berichten en <a href=\"/nl/x/\">links</a>. ", 8) + "</p>\n")
		}
	}
	p.Content = template.HTML(content.String())
	return p
}

// TestFoldEscapeError: a layout that html/template cannot escape fails
// with the same error, folded or not.
func TestFoldEscapeError(t *testing.T) {
	cat := foldCatalog(t)
	site := fstest.MapFS{}
	for _, name := range []string{"base.html", "page.html", "home.html", "404.html"} {
		site[name] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{end}}`)}
	}
	site["base.html"] = &fstest.MapFile{Data: []byte(`<p>{{T "menu"}}</p><a href="{{.URL}}`)}
	var msgs []string
	for _, folded := range []bool{false, true} {
		tmpl, err := load(site, cat, []string{"en", "nl"}, folded, false)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		err = tmpl.Execute(&b, "page", "nl", foldPages()[1])
		if err == nil {
			t.Fatalf("folded %v: no error", folded)
		}
		msgs = append(msgs, err.Error())
	}
	if msgs[0] != msgs[1] {
		t.Errorf("unfolded: %s\nfolded: %s", msgs[0], msgs[1])
	}
}
