package build_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/guidegen/guidegen"
	"github.com/guidegen/guidegen/internal/build"
	"github.com/guidegen/guidegen/internal/output"
	"github.com/guidegen/guidegen/internal/sitefs"
	"github.com/guidegen/guidegen/internal/sitegen"
)

// benchSite generates 1,000 source pages in two locales (900 translated,
// 100 rendered from English under /nl/): 2,000 pages, two 404 pages and
// the assets per build.
func benchSite(b *testing.B) *sitefs.Site {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "site")
	if err := sitegen.Generate(dir, sitegen.Options{Pages: 1000, Translated: 0.9, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	site, err := sitefs.Open(dir, guidegen.Bundled())
	if err != nil {
		b.Fatal(err)
	}
	return site
}

func runBuild(b *testing.B, site *sitefs.Site, out string) int {
	sum, err := build.Run(build.Options{Site: site, Out: out})
	if err != nil {
		b.Fatal(err)
	}
	pages := 0
	for _, l := range sum.Locales {
		pages += l.Pages
	}
	return pages
}

// BenchmarkBuild1000 is a rebuild: the output and the staging directory
// of earlier builds exist, as they do while an author works on a site.
func BenchmarkBuild1000(b *testing.B) {
	site := benchSite(b)
	out := filepath.Join(b.TempDir(), "public")
	runBuild(b, site, out) // creates public/
	runBuild(b, site, out) // creates the staging generation
	b.ReportAllocs()
	pages := 0
	for b.Loop() {
		pages = runBuild(b, site, out)
	}
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkBuild1000Cold builds into a directory that does not exist yet,
// as on a fresh clone: every file and directory is created.
func BenchmarkBuild1000Cold(b *testing.B) {
	site := benchSite(b)
	out := filepath.Join(b.TempDir(), "public")
	b.ReportAllocs()
	pages := 0
	for b.Loop() {
		b.StopTimer()
		if err := os.RemoveAll(out); err != nil {
			b.Fatal(err)
		}
		if err := os.RemoveAll(output.StageDir(out)); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		pages = runBuild(b, site, out)
	}
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
