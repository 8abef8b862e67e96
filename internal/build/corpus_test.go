package build_test

import (
	"path/filepath"
	"testing"

	"github.com/guidegen/guidegen"
	"github.com/guidegen/guidegen/internal/build"
	"github.com/guidegen/guidegen/internal/sitefs"
	"github.com/guidegen/guidegen/internal/sitegen"
)

// TestBenchCorpusClean: the generated benchmark corpus builds without a
// warning: its translations are stamped. A corpus word the Dutch term
// list rejects once gave 116,000 warnings on the 10,002-page benchmark,
// which the build kept and sorted, so that the benchmark measured the
// warnings more than the build; one "unstamped" warning per translation
// cost memory for every page.
func TestBenchCorpusClean(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := sitegen.Generate(dir, sitegen.Options{Pages: 40, Translated: 0.9, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	site, err := sitefs.Open(dir, guidegen.Bundled())
	if err != nil {
		t.Fatal(err)
	}
	sum, err := build.Run(build.Options{Site: site, Out: filepath.Join(t.TempDir(), "public")})
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range sum.Warnings {
		if i == 5 {
			t.Errorf("… %d warnings in all", len(sum.Warnings))
			break
		}
		t.Error(w)
	}
	for _, l := range sum.Locales {
		if l.Outdated+l.Unstamped > 0 {
			t.Errorf("%s: %d outdated, %d unstamped translations", l.Code, l.Outdated, l.Unstamped)
		}
	}
}
