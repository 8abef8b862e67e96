// Package floor is the benchmark floor of a build: plain goldmark (GFM and
// footnotes, no dialect, no templates) parses and renders every page of a
// generated site (internal/sitegen) and writes it where guidegen would,
// through the same staging output (internal/output). A build's pages per
// second are measured against the floor's on the same corpus in the same
// run, so that the ratio means something on any machine.
package floor

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"golang.org/x/sync/errgroup"

	"github.com/guidegen/guidegen/internal/content"
	"github.com/guidegen/guidegen/internal/output"
)

// Build renders the site in dir (written by sitegen: locales en, the
// default, at the root, and nl under /nl/) into out with workers
// goroutines, and returns the number of pages written. A page without a
// Dutch file is rendered from the English one under /nl/, as guidegen
// shows it.
func Build(dir, out string, workers int) (int, error) {
	var paths []string
	root := filepath.Join(dir, "content", "en")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		paths = append(paths, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return 0, err
	}
	stage, err := output.Begin(out, dir)
	if err != nil {
		return 0, err
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote))
	bufs := sync.Pool{New: func() any { return new(bytes.Buffer) }}
	var g errgroup.Group
	g.SetLimit(workers)
	for _, p := range paths {
		for _, loc := range []string{"en", "nl"} {
			g.Go(func() error {
				file := filepath.Join(dir, "content", loc, filepath.FromSlash(p))
				src, err := os.ReadFile(file)
				if loc != "en" && os.IsNotExist(err) {
					src, err = os.ReadFile(filepath.Join(dir, "content", "en", filepath.FromSlash(p)))
				}
				if err != nil {
					return err
				}
				buf := bufs.Get().(*bytes.Buffer)
				defer bufs.Put(buf)
				buf.Reset()
				if err := md.Convert(src, buf); err != nil {
					return err
				}
				prefix := ""
				if loc != "en" {
					prefix = loc + "/"
				}
				return stage.WriteFile(prefix+content.URLPath(p)+"index.html", file, buf.Bytes())
			})
		}
	}
	if err := g.Wait(); err != nil {
		stage.Abort()
		return 0, err
	}
	if err := stage.Commit(); err != nil {
		return 0, err
	}
	return 2 * len(paths), nil
}
