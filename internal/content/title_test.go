package content_test

import (
	"os"
	"testing"
	"testing/fstest"

	"github.com/guidegen/guidegen/internal/config"
	"github.com/guidegen/guidegen/internal/content"
	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

// TestLoaderTitle: the pre-pass's title of each page, by locale and path,
// on pages that the scan finds in another order than the one it sorts
// them in ("a/b.md" before "a-c.md", which sorts first).
func TestLoaderTitle(t *testing.T) {
	cfgFile, err := os.ReadFile("../../testdata/sites/cards/guidegen.yaml")
	if err != nil {
		t.Fatal(err)
	}
	vocab, err := os.ReadFile("../../testdata/sites/cards/content/data/vocabulary.yaml")
	if err != nil {
		t.Fatal(err)
	}
	page := func(title string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\ndescription: D\n---\n\nText.\n")}
	}
	fsys := fstest.MapFS{
		"guidegen.yaml":                {Data: cfgFile},
		"content/data/vocabulary.yaml": {Data: vocab},
		"content/en/index.md":          page("Home"),
		"content/en/messengers.md":     page("Messengers"),
		"content/en/a/b.md":            page("Bee"),
		"content/en/a-c.md":            page("Cee"),
		"content/en/a0.md":             page("Zero"),
		"content/nl/a-c.md":            page("Cee nl"),
		"content/nl/a/b.md":            page("Bij"),
	}
	cfg, err := config.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	mds := mdtest.ForLocales(cfg)
	var problems diag.List
	ld := content.NewLoader(fsys, cfg, mds, content.Options{}, &problems, nil)
	if ld == nil {
		t.Fatal(problems.Err())
	}
	tests := []struct {
		locale, path, title, lang string
		ok                        bool
	}{
		{"en", "a/b.md", "Bee", "en", true},
		{"en", "a-c.md", "Cee", "en", true},
		{"en", "a0.md", "Zero", "en", true},
		{"en", "index.md", "Home", "en", true},
		{"nl", "a/b.md", "Bij", "nl", true},
		{"nl", "a-c.md", "Cee nl", "nl", true},
		{"nl", "a0.md", "Zero", "en", true},
		{"en", "a.md", "", "en", false},
	}
	for _, tt := range tests {
		title, lang, ok := ld.Title(tt.locale, tt.path)
		if title != tt.title || lang != tt.lang || ok != tt.ok {
			t.Errorf("Title(%q, %q) = %q, %q, %v; want %q, %q, %v", tt.locale, tt.path, title, lang, ok, tt.title, tt.lang, tt.ok)
		}
	}
}
