package terms_test

import (
	"os"
	"testing"

	"github.com/guidegen/guidegen/internal/sitegen"
	"github.com/guidegen/guidegen/internal/terms"
)

// BenchmarkCheckCorpus checks the Dutch pages of the generated corpus
// (what a build of it checks) with the bundled Dutch term list.
func BenchmarkCheckCorpus(b *testing.B) {
	src, err := os.ReadFile("../../locales/terms.nl.yaml")
	if err != nil {
		b.Fatal(err)
	}
	l, err := terms.Parse("locales/terms.nl.yaml", src)
	if err != nil {
		b.Fatal(err)
	}
	var pages [][]byte
	size := 0
	for _, p := range sitegen.Pages(sitegen.Options{Pages: 200, Translated: 1, Seed: 1}) {
		if p.Locale == "nl" {
			pages = append(pages, []byte(p.Source))
			size += len(p.Source)
		}
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, p := range pages {
			l.Check("x.md", p)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pages)), "ns/page")
}
