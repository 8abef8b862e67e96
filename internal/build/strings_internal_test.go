package build

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/guidegen/guidegen/internal/config"
	"github.com/guidegen/guidegen/internal/i18n"
	"github.com/guidegen/guidegen/internal/markdown"
)

// TestRendererStrings: the default locale must define the strings the
// Markdown renderers ask for; a missing one is an error naming it.
func TestRendererStrings(t *testing.T) {
	cfg, err := config.Parse([]byte("title: T\nbaseURL: https://example.org/\ndefaultLocale: en\nlocales:\n  - code: en\n    name: English\n"))
	if err != nil {
		t.Fatal(err)
	}
	var en string
	for _, id := range markdown.StringIDs() {
		en += id + ": x\n"
	}
	load := func(src string) *i18n.Catalog {
		cat, err := i18n.Load(fstest.MapFS{"locales/en.yaml": {Data: []byte(src)}}, nil, cfg)
		if err != nil {
			t.Fatal(err)
		}
		return cat
	}
	if err := rendererStrings(load(en)); err != nil {
		t.Errorf("complete strings: %v", err)
	}
	err = rendererStrings(load(strings.Replace(en, "admonition.tip: x\n", "", 1)))
	if want := `locales/en.yaml: UI string "admonition.tip", which the Markdown renderers use, is not defined`; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}
