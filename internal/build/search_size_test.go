package build_test

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"

	"github.com/guidegen/guidegen"
	"github.com/guidegen/guidegen/internal/build"
	"github.com/guidegen/guidegen/internal/sitefs"
	"github.com/guidegen/guidegen/internal/sitegen"
)

// TestSearchIndexSizes logs the size of the search indexes of the bundled
// guide and, with GUIDEGEN_SIZES=1 (it takes a minute), of a generated
// site of 10,000 pages in two locales.
func TestSearchIndexSizes(t *testing.T) {
	files, _ := buildBundled(t)
	for _, f := range []string{"search.json", "nl/search.json"} {
		t.Logf("bundled guide %s: %d bytes, %d gzipped", f, len(files[f]), gzipped(files[f]))
	}
	if os.Getenv("GUIDEGEN_SIZES") != "1" {
		return
	}
	dir := filepath.Join(t.TempDir(), "site")
	if err := sitegen.Generate(dir, sitegen.Options{Pages: 10000, Translated: 0.9, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	site, err := sitefs.Open(dir, guidegen.Bundled())
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	sum, err := build.Run(build.Options{Site: site, Out: out, Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("10,000-page site built in %s", sum.Duration)
	for _, f := range []string{"search.json", "nl/search.json"} {
		data, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("10,000 pages %s: %d bytes, %d gzipped", f, len(data), gzipped(data))
	}
}

func gzipped(data []byte) int {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
	w.Write(data)
	w.Close()
	return b.Len()
}
