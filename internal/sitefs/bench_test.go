package sitefs

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/limits"
)

// BenchmarkAppendFile compares reading a page through the site's root
// as a build does (limits.AppendFile into a buffer it reuses), in
// openat2, fstat, read and close calls (Root), with reading it through
// Open, Stat and Read of an *os.File (Open).
func BenchmarkAppendFile(b *testing.B) {
	dir, names := benchPages(b)
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer root.Close()
	r := newRootFS(root, dir)
	defer r.close()
	for _, fsys := range []struct {
		name string
		fs   fs.FS
	}{{"Open", openOnly{r}}, {"Root", r}} {
		b.Run(fsys.name, func(b *testing.B) {
			var buf []byte
			for b.Loop() {
				for _, n := range names {
					var err error
					if buf, err = limits.AppendFile(buf[:0], fsys.fs, n, limits.PageSize); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// benchPages writes 100 pages of 10 KiB into a temporary directory.
func benchPages(b *testing.B) (dir string, names []string) {
	dir = b.TempDir()
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
	return dir, names
}

// BenchmarkReadFile compares reading a page through the site's root with
// os.DirFS, which follows links anywhere: the cost of the safety.
func BenchmarkReadFile(b *testing.B) {
	dir, names := benchPages(b)
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
