package build_test

import (
	"path/filepath"
	"testing"

	"github.com/guidegen/guidegen/internal/build"
)

// BenchmarkBuild1000Minified is BenchmarkBuild1000 as `guidegen build`
// runs it: HTML, CSS and JavaScript minified.
func BenchmarkBuild1000Minified(b *testing.B) {
	site := benchSite(b)
	out := filepath.Join(b.TempDir(), "public")
	run := func() int {
		sum, err := build.Run(build.Options{Site: site, Out: out, Minify: true})
		if err != nil {
			b.Fatal(err)
		}
		return sum.Locales[0].Pages + sum.Locales[1].Pages
	}
	run()
	run()
	b.ReportAllocs()
	pages := 0
	for b.Loop() {
		pages = run()
	}
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
