package build_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/guidegen/guidegen/internal/golden"
)

const i18nFixture = "../../testdata/sites/i18n"

func buildI18n(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := buildSite(t, dir, out); err != nil {
		t.Fatal(err)
	}
	return tree(t, out)
}

// article returns the <article> of a page.
func article(t *testing.T, page []byte) string {
	t.Helper()
	s := string(page)
	i, j := strings.Index(s, "<article"), strings.Index(s, "</article>")
	if i < 0 || j < i {
		t.Fatalf("no article in\n%s", s)
	}
	return s[i:j]
}

// TestI18nGolden renders the translation fixture: untranslated segments
// of a translated page carry lang="en" and the page says how much of it
// is translated; a page without translation is shown in English with the
// notice. Run with -update to accept changes.
func TestI18nGolden(t *testing.T) {
	files := buildI18n(t, i18nFixture)
	for _, p := range []string{"nl/partial/index.html", "nl/criteria/index.html", "nl/missing/index.html", "nl/index.html", "partial/index.html"} {
		golden.Check(t, filepath.Join("testdata/golden/i18n", p), files[p])
	}

	partial := article(t, files["nl/partial/index.html"])
	marked := regexp.MustCompile(`<p lang="en">([^<]*)</p>`).FindAllStringSubmatch(partial, -1)
	var texts []string
	for _, m := range marked {
		texts = append(texts, m[1])
	}
	want := []string{
		"The third paragraph talks about metadata.",
		"The fifth paragraph describes post-compromise security.",
		"The ninth paragraph mentions the phone number.",
	}
	if !slices.Equal(texts, want) || strings.Count(partial, `lang="en"`) != 3 {
		t.Errorf("segments marked lang=\"en\": %q, want %q (and nothing else)", texts, want)
	}
	if n := strings.Count(partial, "<p>De "); n != 7 {
		t.Errorf("%d Dutch paragraphs without lang, want 7", n)
	}
	progress := `<aside class="notice notice-progress" role="note">` + "\n" +
		`<p>Ongeveer 75% van deze pagina is vertaald; nog 3 passages staan in het Engels.</p>`
	if !strings.Contains(string(files["nl/partial/index.html"]), progress) {
		t.Error("the partly translated page lacks its progress line")
	}
	for _, p := range []string{"nl/criteria/index.html", "nl/index.html", "partial/index.html", "nl/missing/index.html"} {
		if bytes.Contains(files[p], []byte("notice-progress")) {
			t.Errorf("%s has a progress line", p)
		}
	}
	if a := article(t, files["nl/criteria/index.html"]); strings.Contains(a, `lang="en"`) {
		t.Errorf("a fully translated page has lang=\"en\" in its article:\n%s", a)
	}
	missing := string(files["nl/missing/index.html"])
	if !strings.Contains(missing, `<article lang="en">`) || !strings.Contains(missing, "Deze pagina is nog niet in het Nederlands vertaald.") {
		t.Error("the page without translation lacks lang=\"en\" or the notice")
	}
}

var alternateRE = regexp.MustCompile(`<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">`)

// TestHreflang: every page announces the locales in which it exists, plus
// x-default, and the language switcher leads to the same page in the
// other locale.
func TestHreflang(t *testing.T) {
	files := buildI18n(t, i18nFixture)
	const origin = "https://i18n.example.org"
	both := func(p string) []string {
		return []string{"en " + origin + "/" + p, "nl " + origin + "/nl/" + p, "x-default " + origin + "/" + p}
	}
	tests := map[string][]string{
		"index.html":              {"en " + origin + "/", "nl " + origin + "/nl/", "x-default " + origin + "/"},
		"nl/index.html":           {"en " + origin + "/", "nl " + origin + "/nl/", "x-default " + origin + "/"},
		"partial/index.html":      both("partial/"),
		"nl/partial/index.html":   both("partial/"),
		"nl/criteria/index.html":  both("criteria/"),
		"nl/unstamped/index.html": both("unstamped/"),
		// Only in English: no Dutch alternate.
		"missing/index.html":    {"en " + origin + "/missing/", "x-default " + origin + "/missing/"},
		"nl/missing/index.html": {"en " + origin + "/missing/", "x-default " + origin + "/missing/"},
	}
	for p, want := range tests {
		var got []string
		for _, m := range alternateRE.FindAllStringSubmatch(string(files[p]), -1) {
			got = append(got, m[1]+" "+m[2])
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: alternates %q, want %q", p, got, want)
		}
	}
	for _, p := range []string{"404.html", "nl/404.html"} {
		if alternateRE.Match(files[p]) {
			t.Errorf("%s announces alternates", p)
		}
	}
	for p, want := range map[string][]string{
		"nl/partial/index.html": {`<a href="/partial/" hreflang="en" lang="en">English</a>`, `<a href="/nl/partial/" hreflang="nl" lang="nl" aria-current="page">Nederlands</a>`},
		"partial/index.html":    {`<a href="/partial/" hreflang="en" lang="en" aria-current="page">English</a>`, `<a href="/nl/partial/" hreflang="nl" lang="nl">Nederlands</a>`},
	} {
		for _, w := range want {
			if !strings.Contains(string(files[p]), w) {
				t.Errorf("%s: language switcher lacks %s", p, w)
			}
		}
	}
}

// TestTranslatedAnchors: a link to a heading of a translated page resolves
// on the Dutch page, whose heading ("Minimale vereisten") took the id of
// the English heading at the same place; and every link with an anchor on
// every page of both locales leads to an element with that id.
func TestTranslatedAnchors(t *testing.T) {
	files := buildI18n(t, i18nFixture)
	if !strings.Contains(string(files["nl/index.html"]), `<a href="/nl/criteria/#minimum-requirements">criteria</a>`) {
		t.Error("the Dutch home page does not link to the Dutch criteria page's anchor")
	}
	if !strings.Contains(string(files["nl/criteria/index.html"]), `<h2 id="minimum-requirements">Minimale vereisten`) {
		t.Error("the Dutch heading did not take the English id")
	}
	ids := map[string]map[string]bool{}
	for name, b := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		doc, err := html.Parse(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		url := "/" + strings.TrimSuffix(name, "index.html")
		ids[url] = map[string]bool{}
		for n := range doc.Descendants() {
			for _, a := range n.Attr {
				if a.Key == "id" {
					ids[url][a.Val] = true
				}
			}
		}
	}
	linkRE := regexp.MustCompile(`href="(/[^"#]*)#([^"]+)"`)
	checked := 0
	for name, b := range files {
		for _, m := range linkRE.FindAllStringSubmatch(string(b), -1) {
			checked++
			if !ids[m[1]][m[2]] {
				t.Errorf("%s links to %s#%s, which has no such id", name, m[1], m[2])
			}
		}
	}
	if checked < 6 {
		t.Errorf("only %d links with anchors checked", checked)
	}
}

// TestFallbackPageAnchorWarning: an English page shown untranslated on the
// Dutch site links to the Dutch translation of its target, which must have
// the anchor too; when it does not, the build warns.
func TestFallbackPageAnchorWarning(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dir, os.DirFS(i18nFixture)); err != nil {
		t.Fatal(err)
	}
	for file, edit := range map[string][2]string{
		// A structure that no longer lines up: the Dutch headings keep
		// their own ids.
		"content/nl/criteria.md": {"## Minimale vereisten", "## Inleiding\n\nTekst.\n\n## Minimale vereisten"},
		"content/nl/index.md":    {"(criteria.md#minimum-requirements)", "(criteria.md#minimale-vereisten)"},
	} {
		p := filepath.Join(dir, file)
		b, _ := os.ReadFile(p)
		if err := os.WriteFile(p, bytes.Replace(b, []byte(edit[0]), []byte(edit[1]), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sum, err := buildSite(t, dir, filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	want := "content/en/missing.md:7:17: warning: in nl, where this page is shown untranslated, the link leads to content/nl/criteria.md, which has no anchor #minimum-requirements"
	var found bool
	for _, w := range sum.Warnings {
		found = found || strings.HasPrefix(w.Error(), want)
	}
	if !found {
		t.Errorf("warnings %v lack %s", sum.Warnings, want)
	}
}

// TestUntranslatedFrontTexts: a translation's title or description left in
// English says lang="en" wherever it is shown in the Dutch site: the h1,
// the navigation, previous/next, the home page's lead; a title that is a
// name ("Criteria") does not.
func TestUntranslatedFrontTexts(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dir, os.DirFS(i18nFixture)); err != nil {
		t.Fatal(err)
	}
	for file, r := range map[string][2]string{
		"content/nl/partial.md": {"title: Half vertaald", "title: Partly translated"},
		"content/nl/index.md":   {"description: Elke toestand waarin een vertaling kan zijn.", "description: Every state a translation can be in."},
	} {
		p := filepath.Join(dir, file)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, bytes.Replace(b, []byte(r[0]), []byte(r[1]), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A section whose Dutch title is still English, above a page.
	for file, text := range map[string]string{
		"content/en/sub/index.md": "---\ntitle: Sub section\ndescription: A section above a page.\n---\n\nThe section.\n",
		"content/nl/sub/index.md": "---\ntitle: Sub section\ndescription: Een sectie boven een pagina.\n---\n\nDe sectie.\n",
		"content/en/sub/page.md":  "---\ntitle: A page\ndescription: A page in a section.\n---\n\nThe page.\n",
		"content/nl/sub/page.md":  "---\ntitle: Een pagina\ndescription: Een pagina in een sectie.\n---\n\nDe pagina.\n",
	} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, file)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, file), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files := buildI18n(t, dir)
	for page, wants := range map[string][]string{
		"nl/sub/page/index.html": {
			`<li><a href="/nl/sub/" lang="en">Sub section</a></li>`,
			`<li><a href="/nl/sub/page/" aria-current="page">Een pagina</a></li>`,
		},
		"nl/sub/index.html": {
			`<h1 lang="en">Sub section</h1>`,
		},
		"nl/partial/index.html": {
			`<h1 lang="en">Partly translated</h1>`,
			`<li><a href="/nl/partial/" lang="en" dir="auto" aria-current="page">Partly translated</a></li>`,
		},
		"nl/criteria/index.html": {
			`<span class="pager-title" lang="en">Partly translated</span>`,
			`<h1>Criteria</h1>`,
			`<li><a href="/nl/criteria/" aria-current="page">Criteria</a></li>`,
		},
		"nl/index.html": {
			`<p class="lead" lang="en">Every state a translation can be in.</p>`,
			`<h1>Vertaalfixture</h1>`,
		},
		"partial/index.html": {
			`<h1>Partly translated</h1>`,
		},
	} {
		html := string(files[page])
		for _, want := range wants {
			if !strings.Contains(html, want) {
				t.Errorf("%s lacks %s", page, want)
			}
		}
	}
}
