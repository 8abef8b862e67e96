package build_test

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/guidegen/guidegen"
	"github.com/guidegen/guidegen/internal/build"
	"github.com/guidegen/guidegen/internal/floor"
	"github.com/guidegen/guidegen/internal/output"
	"github.com/guidegen/guidegen/internal/sitefs"
	"github.com/guidegen/guidegen/internal/sitegen"
)

// benchSite generates 1,000 source pages in two locales (900 translated,
// 100 rendered from English under /nl/): 2,000 pages, two 404 pages and
// the assets per build.
func benchSite(b *testing.B) *sitefs.Site {
	_, site := genSite(b, 1000)
	return site
}

// genSite generates n source pages (90% translated, seed 1) in a
// temporary directory and opens it.
func genSite(b *testing.B, n int) (dir string, site *sitefs.Site) {
	b.Helper()
	dir = filepath.Join(b.TempDir(), "site")
	if err := sitegen.Generate(dir, sitegen.Options{Pages: n, Translated: 0.9, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	site, err := sitefs.Open(dir, guidegen.Bundled())
	if err != nil {
		b.Fatal(err)
	}
	return dir, site
}

// benchPages is GUIDEGEN_BENCH_PAGES, or 1,000.
func benchPages() int {
	if v, err := strconv.Atoi(os.Getenv("GUIDEGEN_BENCH_PAGES")); err == nil && v > 0 {
		return v
	}
	return 1000
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

// BenchmarkFloor compares a full build with the floor (internal/floor:
// plain goldmark GFM + footnotes, parse + render + write of the same
// generated pages through the same staging output, 2 workers) side by
// side: every iteration runs both, in alternating order, and the medians
// of their pages per second and of the ratio are reported. The corpus has
// GUIDEGEN_BENCH_PAGES source pages (default 1,000: 2,002 pages).
func BenchmarkFloor(b *testing.B) {
	dir, site := genSite(b, benchPages())
	outB, outF := filepath.Join(b.TempDir(), "public"), filepath.Join(b.TempDir(), "floor")
	var build, fl, ratio []float64
	i := 0
	for b.Loop() {
		runF := func() {
			t := time.Now()
			pages, err := floor.Build(dir, outF, 2)
			if err != nil {
				b.Fatal(err)
			}
			fl = append(fl, float64(pages)/time.Since(t).Seconds())
		}
		runB := func() {
			t := time.Now()
			pages := runBuild(b, site, outB) + 2 // and the two 404 pages
			build = append(build, float64(pages)/time.Since(t).Seconds())
		}
		if i%2 == 0 {
			runF()
			runB()
		} else {
			runB()
			runF()
		}
		ratio = append(ratio, build[i]/fl[i])
		i++
	}
	b.ReportMetric(median(fl), "floor-pages/s")
	b.ReportMetric(median(build), "build-pages/s")
	b.ReportMetric(100*median(ratio), "%floor")
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}
