package render

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen/internal/config"
	"github.com/guidegen/guidegen/internal/i18n"
	"github.com/guidegen/guidegen/internal/markdown"
)

// TestFallbackStringsLang renders the bundled templates in Dutch with UI
// strings missing from nl.yaml: each standalone element whose string
// fell back to English says lang="en"; the others carry no lang.
func TestFallbackStringsLang(t *testing.T) {
	missing := []string{"skip_to_content", "back_to_top", "footer_license", "menu", "search_label",
		"toc_title", "last_updated", "edit_page", "previous_page", "fallback_notice", "translation_progress"}
	en, err := os.ReadFile("../../locales/en.yaml")
	if err != nil {
		t.Fatal(err)
	}
	nlSrc, err := os.ReadFile("../../locales/nl.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var nl yaml.Node
	if err := yaml.Unmarshal(nlSrc, &nl); err != nil {
		t.Fatal(err)
	}
	root := nl.Content[0]
	for i := 0; i < len(root.Content); i += 2 {
		for _, id := range missing {
			if root.Content[i].Value == id {
				root.Content = append(root.Content[:i], root.Content[i+2:]...)
				i -= 2
				break
			}
		}
	}
	nlOut, err := yaml.Marshal(&nl)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse([]byte("title: T\nbaseURL: https://example.org/\ndefaultLocale: en\nlocales:\n  - code: en\n    name: English\n  - code: nl\n    name: Nederlands\n"))
	if err != nil {
		t.Fatal(err)
	}
	cat, err := i18n.Load(fstest.MapFS{"locales/en.yaml": {Data: en}, "locales/nl.yaml": {Data: nlOut}}, nil, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(cat.Missing("nl")); got != len(missing) {
		t.Fatalf("%d strings missing from nl, want %d", got, len(missing))
	}
	tmpl, err := Load(os.DirFS("../../templates"), cat, []string{"en", "nl"})
	if err != nil {
		t.Fatal(err)
	}
	page := &Page{
		Lang: Lang{Code: "nl", Name: "Nederlands", Dir: "ltr"}, ContentLang: "nl", Kind: "page",
		Title: "Pagina", Content: "<p>Tekst.</p>",
		TOC:        []*markdown.TOCEntry{{ID: "a", Text: "Kop"}},
		Fallback:   true,
		SourceLang: Lang{Code: "en", Name: "English", Dir: "ltr"},
		Progress:   &Progress{Percent: 50, Untranslated: 2},
		Reader: Reader{
			Prev:    &Link{Title: "Vorige pagina", URL: "/nl/a/", Lang: "nl"},
			Next:    &Link{Title: "Volgende pagina", URL: "/nl/b/", Lang: "nl"},
			EditURL: "https://example.org/edit", Updated: "2026-11-29",
		},
	}
	var b bytes.Buffer
	if err := tmpl.Execute(&b, "page", "nl", page); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	for _, want := range []string{
		`<a class="skip-link" href="#content" lang="en">Skip to content</a>`,
		`<a href="#top" lang="en">Back to top</a>`,
		`<p lang="en">The text of this guide is available`,
		`<summary lang="en"><span class="menu-icon" aria-hidden="true"></span>Menu</summary>`,
		`<label class="visually-hidden" for="site-search-input" lang="en">Search this guide</label>`,
		`<summary class="toc-title" id="gg-toc-title" lang="en">On this page</summary>`,
		`<span lang="en">Last updated: <time`,
		`<a href="https://example.org/edit" rel="noopener" lang="en">`,
		`<span class="pager-dir" lang="en">Previous</span>`,
		`<span class="pager-dir">Volgende</span>`,
		`<p lang="en">This page has not been translated into Nederlands yet.`,
		`<p lang="en">About 50% of this page has been translated; 2 passages are still`,
		`<p>Deze site plaatst geen cookies`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if n := len(regexp.MustCompile(`lang="en"`).FindAllString(html, -1)); n != len(missing) {
		t.Errorf("lang=\"en\" %d times, want %d (one per missing string):\n%s", n, len(missing), html)
	}
	// In English nothing is a fallback.
	b.Reset()
	page.Lang, page.ContentLang, page.Fallback = Lang{Code: "en", Name: "English", Dir: "ltr"}, "en", false
	if err := tmpl.Execute(&b, "page", "en", page); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), `lang="en"`); n != 2 {
		t.Errorf("English page: lang=\"en\" %d times, want 2 (html and article)", n)
	}
}
