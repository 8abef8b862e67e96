package build_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"

	"github.com/guidegen/guidegen"
	"github.com/guidegen/guidegen/internal/build"
	"github.com/guidegen/guidegen/internal/htmlmin"
	"github.com/guidegen/guidegen/internal/sitefs"
	"github.com/guidegen/guidegen/internal/sitegen"
)

// TestMinifiedAsWhole: every page of the bundled guide and of a
// generated corpus, as the build hands it to the minifier, is minified
// by htmlmin exactly as the HTML minifier minifies the whole page.
func TestMinifiedAsWhole(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := sitegen.Generate(dir, sitegen.Options{Pages: 150, Translated: 0.9, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	corpus, err := sitefs.Open(dir, guidegen.Bundled())
	if err != nil {
		t.Fatal(err)
	}
	sites := map[string]*sitefs.Site{
		"bundled": {FS: guidegen.Bundled(), Theme: guidegen.Bundled(), Bundled: true},
		"corpus":  corpus,
	}
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("text/javascript", js.Minify)
	m.Add("text/html", htmlmin.Options())
	x := htmlmin.New(m)
	for name, site := range sites {
		out := t.TempDir()
		// Not minified: the pages as lighten hands them to the minifier.
		if _, err := build.Run(build.Options{Site: site, Out: out}); err != nil {
			t.Fatal(err)
		}
		n := 0
		for rel, page := range tree(t, out) {
			if !strings.HasSuffix(rel, ".html") {
				continue
			}
			n++
			var want, got bytes.Buffer
			if err := m.Minify("text/html", &want, bytes.NewReader(page)); err != nil {
				t.Fatalf("%s %s: %v", name, rel, err)
			}
			if err := x.Minify(&got, page); err != nil {
				t.Fatalf("%s %s: %v", name, rel, err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("%s %s: minified differently", name, rel)
			}
		}
		if n < 10 {
			t.Errorf("%s: %d pages", name, n)
		}
	}
}

// minifyBench builds a generated corpus without minifying it and returns
// its pages as lighten hands them to the minifier.
func minifyBench(b *testing.B) (*minify.M, [][]byte) {
	dir := filepath.Join(b.TempDir(), "site")
	if err := sitegen.Generate(dir, sitegen.Options{Pages: 200, Translated: 0.9, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	site, err := sitefs.Open(dir, guidegen.Bundled())
	if err != nil {
		b.Fatal(err)
	}
	out := b.TempDir()
	if _, err := build.Run(build.Options{Site: site, Out: out}); err != nil {
		b.Fatal(err)
	}
	var pages [][]byte
	for rel, page := range tree(b, out) {
		if strings.HasSuffix(rel, ".html") {
			pages = append(pages, page)
		}
	}
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("text/javascript", js.Minify)
	m.Add("text/html", htmlmin.Options())
	return m, pages
}

// BenchmarkMinifyWhole minifies the pages of a corpus as the build did
// before htmlmin: each whole page by the HTML minifier.
func BenchmarkMinifyWhole(b *testing.B) {
	m, pages := minifyBench(b)
	var out bytes.Buffer
	b.ResetTimer()
	cpu := cpuTime()
	for b.Loop() {
		for _, p := range pages {
			out.Reset()
			if err := m.Minify("text/html", &out, bytes.NewReader(p)); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
}

// BenchmarkMinifyPieces minifies the same pages with htmlmin, as the
// build does (one Minifier per build).
func BenchmarkMinifyPieces(b *testing.B) {
	m, pages := minifyBench(b)
	var out bytes.Buffer
	b.ResetTimer()
	cpu := cpuTime()
	for b.Loop() {
		x := htmlmin.New(m)
		for _, p := range pages {
			out.Reset()
			if err := x.Minify(&out, p); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
}
