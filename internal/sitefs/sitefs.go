// Package sitefs finds a site's input and layers it over the bundled
// defaults: a site's own templates/, assets/ and locale files override the
// embedded ones file by file.
//
// Nothing outside the site's directory is ever read. The directory is
// opened once (when --src is itself a symbolic link, it is resolved then)
// as an os.Root; every read goes through it, so neither ".." nor a
// symbolic link can leave the site. A link that points out of the site
// (or is absolute) is an error naming the link; a relative link to a file
// inside the site is followed; a link to a directory is not.
package sitefs

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/guidegen/guidegen/internal/config"
)

// Site is the input of a build.
type Site struct {
	// FS is the site's root (guidegen.yaml, content/, locales/, ...).
	FS fs.FS
	// Theme holds the bundled templates, assets and UI strings.
	Theme fs.FS
	// Dir is the site's directory on disk; "" for the bundled site.
	Dir string
	// Bundled is true when the site is the embedded default guide.
	Bundled bool

	root *os.Root
}

// Open picks the site to build: dir when given, else the current
// directory when it holds a guidegen.yaml, else the bundled guide.
func Open(dir string, bundled fs.FS) (*Site, error) {
	if dir == "" {
		if _, err := os.Stat(config.FileName); err == nil {
			dir = "."
		} else {
			return &Site{FS: bundled, Theme: bundled, Bundled: true}, nil
		}
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return nil, errors.New(dir + ": not a directory")
	}
	if _, err := os.Stat(filepath.Join(dir, config.FileName)); err != nil {
		return nil, errors.New(filepath.Join(dir, config.FileName) + ": no site configuration (is " + dir + " a guidegen site?)")
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &Site{FS: newRootFS(root, dir), Theme: bundled, Dir: dir, root: root}, nil
}

// Close releases the site's directory. Files already opened stay
// readable; the site must not be read after Close.
func (s *Site) Close() error {
	if s.root == nil {
		return nil
	}
	if r, ok := s.FS.(*rootFS); ok {
		r.close()
	}
	return s.root.Close()
}

// Sub returns the layered view of one directory ("templates", "assets"):
// the site's file where it has one, else the theme's.
func (s *Site) Sub(dir string) fs.FS {
	var layers []fs.FS
	for _, f := range []fs.FS{s.FS, s.Theme} {
		if f == nil || (len(layers) > 0 && s.Bundled) {
			continue
		}
		sub, err := fs.Sub(f, dir)
		if err == nil {
			layers = append(layers, sub)
		}
	}
	return Layered(layers)
}

// Layered is a read-only file system made of layers; the first layer that
// has a file wins, and directories list the union of their layers. A
// layer's error other than "does not exist" (a site's symbolic link that
// leaves the site, an unreadable file) is returned as it is: the file is
// not looked up in the next layer.
type Layered []fs.FS

// Open implements fs.FS.
func (l Layered) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	for _, f := range l {
		file, err := f.Open(name)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return nil, layerErr("open", name, err)
		}
		if st, err := file.Stat(); err == nil && st.IsDir() && len(l) > 1 {
			// A directory lists the entries of every layer.
			entries, err := l.ReadDir(name)
			if err != nil {
				file.Close()
				return nil, err
			}
			return &dir{File: file, entries: entries}, nil
		}
		return file, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// layerErr names name in a layer's error, unless it names its file
// already (a *diag.Problem does, with the path in the site).
func layerErr(op, name string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &fs.PathError{Op: op, Path: name, Err: pe.Err}
	}
	return err
}

// ReadDir implements fs.ReadDirFS: the union of the layers' entries, sorted
// by name; a name's entry comes from the first layer that has it.
func (l Layered) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]bool{}
	var out []fs.DirEntry
	found := false
	for _, f := range l {
		entries, err := fs.ReadDir(f, name)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) || found {
				// Absent, or shadowed by an earlier layer's directory
				// (where this layer may have a file).
				continue
			}
			return nil, err
		}
		found = true
		for _, e := range entries {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

// Stat implements fs.StatFS.
func (l Layered) Stat(name string) (fs.FileInfo, error) {
	for _, f := range l {
		st, err := fs.Stat(f, name)
		if err == nil {
			return st, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, layerErr("stat", name, err)
		}
	}
	return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
}

// Mount returns a file system in which fsys appears under dir: with dir
// "assets", Open("assets/img/a.svg") opens "img/a.svg" of fsys, and every
// other name does not exist.
func Mount(dir string, fsys fs.FS) fs.FS {
	return mounted{dir: dir, fsys: fsys}
}

type mounted struct {
	dir  string
	fsys fs.FS
}

func (m mounted) rel(name string) (string, bool) {
	if name == m.dir {
		return ".", true
	}
	rest, ok := strings.CutPrefix(name, m.dir+"/")
	return rest, ok
}

func (m mounted) Open(name string) (fs.File, error) {
	if rel, ok := m.rel(name); ok && fs.ValidPath(name) {
		return m.fsys.Open(rel)
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func (m mounted) Stat(name string) (fs.FileInfo, error) {
	if rel, ok := m.rel(name); ok && fs.ValidPath(name) {
		return fs.Stat(m.fsys, rel)
	}
	return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
}

// dir is a directory of a Layered file system: the first layer's directory
// with the entries of all layers.
type dir struct {
	fs.File
	entries []fs.DirEntry
	offset  int
}

// ReadDir implements fs.ReadDirFile.
func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.offset:]
	if n <= 0 {
		d.offset = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.offset += n
	return rest[:n], nil
}
