package build_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/guidegen/guidegen"
	"github.com/guidegen/guidegen/internal/build"
	"github.com/guidegen/guidegen/internal/golden"
	"github.com/guidegen/guidegen/internal/sitefs"
)

const fixture = "../../testdata/sites/basic"

func buildSite(t testing.TB, dir, out string) (*build.Summary, error) {
	t.Helper()
	site, err := sitefs.Open(dir, guidegen.Bundled())
	if err != nil {
		t.Fatal(err)
	}
	return build.Run(build.Options{Site: site, Out: out})
}

// tree reads every file under dir into a map keyed by slash path.
func tree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sortedKeys(m map[string][]byte) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// TestGolden builds the fixture site and compares every HTML page, English
// and Dutch, with testdata/golden. Run with -update to accept changes.
func TestGolden(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := buildSite(t, fixture, out); err != nil {
		t.Fatal(err)
	}
	files := tree(t, out)
	var pages []string
	for _, name := range sortedKeys(files) {
		if strings.HasSuffix(name, ".html") {
			pages = append(pages, name)
		}
	}
	want := []string{
		"404.html", "about/criteria/index.html", "guide/index.html", "index.html",
		"nl/404.html", "nl/about/criteria/index.html", "nl/guide/index.html", "nl/index.html",
		"nl/untranslated/index.html", "untranslated/index.html",
	}
	if !slices.Equal(pages, want) {
		t.Fatalf("pages:\n%v\nwant:\n%v", pages, want)
	}
	for _, p := range pages {
		if _, err := html.Parse(bytes.NewReader(files[p])); err != nil {
			t.Errorf("%s: %v", p, err)
		}
		golden.Check(t, filepath.Join("testdata/golden/basic", p), files[p])
	}
	for _, asset := range []string{"assets/img/logo.svg", "assets/img/favicon.svg"} {
		if _, ok := files[asset]; !ok {
			t.Errorf("asset %s not copied", asset)
		}
	}
	// Stylesheets and scripts are published under fingerprinted names
	// only, which the pages use.
	for _, plain := range []string{"assets/css/main.css", "assets/js/search.js"} {
		if _, ok := files[plain]; ok {
			t.Errorf("%s is published under its plain name", plain)
		}
	}
	for _, re := range []string{`assets/css/main\.[0-9a-f]{8}\.css`, `assets/js/search\.[0-9a-f]{8}\.js`} {
		name := ""
		for f := range files {
			if regexp.MustCompile("^" + re + "$").MatchString(f) {
				name = f
			}
		}
		if name == "" {
			t.Errorf("no %s published", re)
		} else if !bytes.Contains(files["guide/index.html"], []byte(`"/docs/`+name+`"`)) {
			t.Errorf("guide/index.html does not use %s", name)
		}
	}
	// Nothing internal is published (issue 14): the icons' version list
	// stays in the source, the output marker beside the output.
	for _, internal := range []string{"assets/icons/VERSIONS", ".guidegen", ".public.guidegen"} {
		if _, ok := files[internal]; ok {
			t.Errorf("%s is published", internal)
		}
	}
}

// TestDeterministic builds the same input twice and compares the trees
// byte for byte.
func TestDeterministic(t *testing.T) {
	for _, src := range []string{fixture, "../.."} {
		a := filepath.Join(t.TempDir(), "a")
		b := filepath.Join(t.TempDir(), "b")
		if _, err := buildSite(t, src, a); err != nil {
			t.Fatal(err)
		}
		if _, err := buildSite(t, src, b); err != nil {
			t.Fatal(err)
		}
		ta, tb := tree(t, a), tree(t, b)
		if !slices.Equal(sortedKeys(ta), sortedKeys(tb)) {
			t.Fatalf("%s: file lists differ", src)
		}
		for name, data := range ta {
			if !bytes.Equal(data, tb[name]) {
				t.Errorf("%s: %s differs between builds", src, name)
			}
		}
	}
}

func TestFallbackPageAndString(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	sum, err := buildSite(t, fixture, out)
	if err != nil {
		t.Fatal(err)
	}
	page := string(tree(t, out)["nl/untranslated/index.html"])
	for _, want := range []string{
		`<html lang="nl" dir="ltr">`,
		`<article lang="en">`,
		`Deze pagina is nog niet in het Nederlands vertaald.`, // localized notice
		`<link rel="canonical" href="https://fixture.example.org/docs/untranslated/">`,
		`<a href="/docs/nl/guide/#links">guide</a>`, // links stay in the reader's locale
		`<p>Fixture footer, only in English.</p>`,   // missing Dutch UI string: English text
		`aria-label="Hoofdnavigatie"`,               // Dutch chrome
	} {
		if !strings.Contains(page, want) {
			t.Errorf("nl/untranslated/index.html lacks %s", want)
		}
	}
	if strings.Contains(page, "fixture_footer") {
		t.Error("a message id leaked into the page")
	}
	if strings.Contains(page, `hreflang="nl" href`) {
		t.Error("an untranslated page must not announce a Dutch alternate")
	}
	var nl build.LocaleSummary
	for _, l := range sum.Locales {
		if l.Code == "nl" {
			nl = l
		}
	}
	if nl.Pages != 4 || nl.Translated != 3 || nl.Fallback != 1 || nl.MissingStrings != 1 {
		t.Errorf("nl summary = %+v", nl)
	}
	if len(sum.Warnings) != 1 || !strings.Contains(sum.Warnings[0].Error(), "locales/nl.yaml: warning: 1 UI string not translated") {
		t.Errorf("warnings = %v", sum.Warnings)
	}
}

func TestDraftsOnlyWithFlag(t *testing.T) {
	site, err := sitefs.Open(fixture, guidegen.Bundled())
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(build.Options{Site: site, Out: out}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "draft/index.html")); !os.IsNotExist(err) {
		t.Error("draft built without --drafts")
	}
	if _, err := build.Run(build.Options{Site: site, Out: out, Drafts: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "draft/index.html")); err != nil {
		t.Error("draft not built with --drafts")
	}
}

func TestBaseURLOverride(t *testing.T) {
	site, err := sitefs.Open(fixture, guidegen.Bundled())
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(build.Options{Site: site, Out: out, BaseURL: "http://localhost:1313/"}); err != nil {
		t.Fatal(err)
	}
	page := string(tree(t, out)["guide/index.html"])
	for _, want := range []string{`href="/about/criteria/"`, `src="/assets/img/logo.svg"`, `href="http://localhost:1313/guide/"`} {
		if !strings.Contains(page, want) {
			t.Errorf("guide lacks %s", want)
		}
	}
}
