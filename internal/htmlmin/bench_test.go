package htmlmin

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchPages reads up to 100 HTML pages under $HTMLMIN_BENCH_DIR (an
// unminified build, e.g. guidegen build --no-minify): the benchmarks
// are skipped without it.
func benchPages(b *testing.B) [][]byte {
	dir := os.Getenv("HTMLMIN_BENCH_DIR")
	if dir == "" {
		b.Skip("HTMLMIN_BENCH_DIR not set")
	}
	var pages [][]byte
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") && len(pages) < 100 {
			if data, err := os.ReadFile(p); err == nil {
				pages = append(pages, data)
			}
		}
		return err
	})
	return pages
}

func BenchmarkMinify(b *testing.B) {
	pages := benchPages(b)
	x := New(newM())
	var out bytes.Buffer
	for b.Loop() {
		for _, p := range pages {
			out.Reset()
			out.Grow(len(p))
			if err := x.Minify(&out, p); err != nil {
				b.Fatal(err)
			}
		}
	}
}
