package mkdocs_test

import (
	"errors"
	"testing"
	"testing/fstest"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/mkdocs"
)

// FuzzConvert: any mkdocs.yml converts or fails with a problem naming a
// file, never a panic; every file of the result has a name inside the site.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		"site_name: X\nnav:\n  - a.md\n  - S:\n    - b.md\n",
		"plugins:\n  - i18n:\n      languages:\n        - locale: en\n          default: true\n        - locale: nl\n",
		"plugins:\n  - i18n:\n      docs_structure: folder\n      languages: {en: English, nl: {name: N, default: true}}\n",
		"markdown_extensions:\n  - toc: {toc_depth: 2-9, slugify: !!python/name:x}\n  - pymdownx.snippets: {base_path: [a, ., ../b]}\n",
		"docs_dir: .\n", "a: &a [*a]\n", "nav: {a: b}\n", "extra_css: [x.css, 3, [y]]\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, yml string) {
		fsys := fstest.MapFS{
			"mkdocs.yml":          {Data: []byte(yml)},
			"docs/index.md":       {Data: []byte("# Home\n")},
			"docs/index.nl.md":    {Data: []byte("# Thuis\n")},
			"docs/nl/b.md":        {Data: []byte("b\n")},
			"docs/assets/x.css":   {Data: []byte("a{}\n")},
			"includes/snippet.md": {Data: []byte("s\n")},
		}
		res, err := mkdocs.ConvertFS(fsys, "mkdocs.yml")
		if err != nil {
			var p *diag.Problem
			var l *diag.ListError
			if !errors.As(err, &p) && !errors.As(err, &l) {
				t.Fatalf("error without a position: %v", err)
			}
			return
		}
		if len(res.Files) < 2 || res.Files[0].Name != "guidegen.yaml" {
			t.Fatalf("files: %v", res.Files)
		}
	})
}
