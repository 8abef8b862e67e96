package mkdocs_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/guidegen/guidegen"
	"github.com/guidegen/guidegen/internal/build"
	"github.com/guidegen/guidegen/internal/golden"
	"github.com/guidegen/guidegen/internal/mkdocs"
	"github.com/guidegen/guidegen/internal/scaffold"
	"github.com/guidegen/guidegen/internal/sitefs"
)

// TestConvertMaterial converts a project in the style of a real Material
// guide (testdata/material: i18n plugin with suffix structure, nav with
// sections, 25 markdown extensions) and compares the configuration, the
// list of files and the warnings with golden files.
func TestConvertMaterial(t *testing.T) {
	res, err := mkdocs.Convert("testdata/material/mkdocs.yml")
	if err != nil {
		t.Fatal(err)
	}
	var names, warns strings.Builder
	for _, f := range res.Files {
		names.WriteString(f.Name + "\n")
		if f.Name == "guidegen.yaml" {
			golden.Check(t, "testdata/material.guidegen.yaml", f.Data)
		}
	}
	for _, w := range res.Warnings {
		warns.WriteString(w.Error() + "\n")
	}
	golden.Check(t, "testdata/material.files.txt", []byte(names.String()))
	golden.Check(t, "testdata/material.warnings.txt", []byte(warns.String()))
}

// TestConvertedSiteBuilds writes the converted project as a site and
// builds it: it succeeds, with every page in both locales.
func TestConvertedSiteBuilds(t *testing.T) {
	res, err := mkdocs.Convert("testdata/material/mkdocs.yml")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "site")
	if err := scaffold.Write(dir, res.Files); err != nil {
		t.Fatal(err)
	}
	site, err := sitefs.Open(dir, guidegen.Bundled())
	if err != nil {
		t.Fatal(err)
	}
	defer site.Close()
	out := filepath.Join(t.TempDir(), "public")
	sum, err := build.Run(build.Options{Site: site, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range sum.Locales {
		if l.Pages != 7 {
			t.Errorf("%s: %d pages, want 7", l.Code, l.Pages)
		}
	}
	for _, p := range []string{"index.html", "nl/index.html", "basics/threats/index.html", "nl/basics/threats/index.html", "messengers/matrix/index.html", "assets/images/padlock.svg"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Error(err)
		}
	}
	about, err := os.ReadFile(filepath.Join(out, "about/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"<title>About the Quiet Chat Guide</title>", `<meta name="robots" content="noindex">`, "/assets/css/extra."} {
		if !strings.Contains(string(about), s) {
			t.Errorf("about/index.html lacks %s", s)
		}
	}
}

// TestConvert covers the other forms of a configuration, one at a time.
func TestConvert(t *testing.T) {
	page := &fstest.MapFile{Data: []byte("# A page\n")}
	tests := []struct {
		name  string
		files fstest.MapFS
		// want are lines of guidegen.yaml, files and warnings ("W " first).
		want []string
		err  string
	}{
		{"minimal", fstest.MapFS{"mkdocs.yml": {Data: []byte("site_name: Min\n")}, "docs/index.md": page},
			[]string{"title: Min", "baseURL: https://example.org/", "defaultLocale: en", "navigation: []", "  missing: warning", "compat: mkdocs", "content/en/index.md"}, ""},
		{"theme language, strict, toc depth range", fstest.MapFS{
			"mkdocs.yml":    {Data: []byte("site_name: X\nstrict: true\ntheme:\n  name: material\n  language: nl\nmarkdown_extensions:\n  - markdown.extensions.toc:\n      toc_depth: 2-4\n")},
			"docs/index.md": page},
			[]string{"defaultLocale: nl", "    name: Nederlands", "  missing: error", "  maxLevel: 4", "content/nl/index.md"}, ""},
		{"folder structure, languages by code", fstest.MapFS{
			"mkdocs.yml":       {Data: []byte("site_name: X\ndocs_dir: src\nplugins:\n  - i18n:\n      docs_structure: folder\n      default_language: nl\n      languages:\n        en: English\n        nl:\n          name: Nederlands\nnav:\n  - nl/index.md\n  - Gone: gone.md\n")},
			"src/nl/index.md":  page,
			"src/en/index.md":  page,
			"src/en/extra.md":  page,
			"src/img/logo.png": {Data: []byte("png")},
		}, []string{"defaultLocale: nl", "  - code: en", "  - index.md", "content/nl/index.md", "content/en/index.md", "static/img/logo.png",
			`W src/en/extra.md: warning: a translation without a page in nl: not copied`,
			`W mkdocs.yml:13:11: warning: nav: "gone.md" is not a page of src; left out`}, ""},
		{"suffix with underscore", fstest.MapFS{
			"mkdocs.yml":       {Data: []byte("site_name: X\nplugins:\n  - i18n:\n      languages:\n        - locale: pt_BR\n          default: true\n        - locale: en\n        - locale: fr\n          build: false\n")},
			"docs/a.md":        page,
			"docs/a.en.md":     page,
			"docs/b.pt_BR.md":  page,
			"docs/b.fr.md":     page,
			"docs/.hidden.md":  page,
			"docs/assets/x.js": {Data: []byte("x")},
		}, []string{"defaultLocale: pt-BR", "    name: Português", "content/pt-BR/a.md", "content/pt-BR/b.md", "content/en/a.md", "assets/x.js",
			`W mkdocs.yml:8:11: warning: i18n language "fr" is not built (build: false): left out`,
			`W docs/b.fr.md: warning: not a page of a language of the i18n plugin: not copied`}, ""},
		{"docs_dir outside", fstest.MapFS{"mkdocs.yml": {Data: []byte("site_name: X\ndocs_dir: ../elsewhere\n")}}, nil,
			`mkdocs.yml:2:11: docs_dir "../elsewhere" must be a directory inside the MkDocs project`},
		{"no docs", fstest.MapFS{"mkdocs.yml": {Data: []byte("site_name: X\n")}}, nil, "docs: the docs directory does not exist"},
		{"not a mapping", fstest.MapFS{"mkdocs.yml": {Data: []byte("- a\n")}}, nil, "mkdocs.yml:1:1: an MkDocs configuration is a mapping"},
		{"duplicate language", fstest.MapFS{"mkdocs.yml": {Data: []byte("plugins:\n  - i18n:\n      languages:\n        - locale: en\n        - locale: en\n")}, "docs/index.md": page}, nil,
			`mkdocs.yml:5:11: i18n language "en": a language tag (en, nl, pt-BR), each listed once`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := mkdocs.ConvertFS(tt.files, "mkdocs.yml")
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var all strings.Builder
			for _, f := range res.Files {
				all.WriteString(f.Name + "\n")
				if f.Name == "guidegen.yaml" {
					all.Write(f.Data)
				}
			}
			for _, w := range res.Warnings {
				all.WriteString("W " + w.Error() + "\n")
			}
			for _, w := range tt.want {
				if !strings.Contains(all.String(), w+"\n") {
					t.Errorf("lacks %q:\n%s", w, all.String())
				}
			}
			if strings.Contains(all.String(), "hidden") {
				t.Error("a hidden file was copied")
			}
		})
	}
}
