package sitefs

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkReadFile compares reading a page through the site's root with
// os.DirFS, which follows links anywhere: the cost of the safety.
func BenchmarkReadFile(b *testing.B) {
	dir := b.TempDir()
	var names []string
	for i := range 100 {
		name := fmt.Sprintf("content/en/section/page%d.md", i)
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.Repeat("Some text of a page.\n", 500)), 0o644); err != nil {
			b.Fatal(err)
		}
		names = append(names, name)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer root.Close()
	for _, fsys := range []struct {
		name string
		fs   fs.FS
	}{{"DirFS", os.DirFS(dir)}, {"Root", newRootFS(root, dir)}} {
		b.Run(fsys.name, func(b *testing.B) {
			for b.Loop() {
				for _, n := range names {
					if _, err := fs.ReadFile(fsys.fs, n); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
