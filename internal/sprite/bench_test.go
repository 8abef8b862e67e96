package sprite

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkRewriteIn rewrites up to 100 HTML pages under
// $SPRITE_BENCH_DIR (a build's output); skipped without it.
func BenchmarkRewriteIn(b *testing.B) {
	dir := os.Getenv("SPRITE_BENCH_DIR")
	if dir == "" {
		b.Skip("SPRITE_BENCH_DIR not set")
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
	var ids IDs
	var buf []byte
	for b.Loop() {
		for _, p := range pages {
			buf = ids.RewriteIn(buf[:0], p)
		}
	}
}
