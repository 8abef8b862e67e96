// Package output writes a build into a staging directory beside the output
// directory and swaps it in only when the whole build succeeded, so a
// failed build leaves the previous site untouched.
//
// The staging directory is double-buffered: after a swap it holds the
// previous generation of the site, and the next build overwrites those
// files in place and prunes the ones it did not write. Creating a file or
// directory costs ten times more than overwriting one on common file
// systems, and a site has a directory per page, so reusing the tree keeps
// rebuilds fast. On Linux the swap is one atomic renameat2(RENAME_EXCHANGE).
package output

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Marker is written into every output directory. A directory is replaced
// only when it carries the marker (or is empty), so that a mistyped --out
// never deletes someone's files.
const Marker = ".guidegen"

const markerText = "This directory is written by guidegen and replaced on every build.\n"

// Stage is a build in progress.
type Stage struct {
	final string
	dir   string
	// fresh is true when the staging directory was created by this build.
	fresh bool

	mu      sync.Mutex
	written map[string]bool // slash paths written by this build
}

// StageDir returns the staging directory used for an output directory: a
// hidden sibling (".public.stage" beside "public").
func StageDir(out string) string {
	out = filepath.Clean(out)
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".stage")
}

// Begin prepares the staging directory for a build that will end up in out.
func Begin(out string) (*Stage, error) {
	out = filepath.Clean(out)
	if err := checkReplaceable(out); err != nil {
		return nil, err
	}
	s := &Stage{final: out, dir: StageDir(out), written: map[string]bool{}}
	if err := checkReplaceable(s.dir); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return nil, err
	}
	switch err := os.Mkdir(s.dir, 0o755); {
	case err == nil:
		s.fresh = true
	case errors.Is(err, fs.ErrExist):
		if st, err := os.Stat(s.dir); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("%s: staging path exists and is not a directory", s.dir)
		}
	default:
		return nil, err
	}
	if err := s.WriteFile(Marker, []byte(markerText)); err != nil {
		s.Abort()
		return nil, err
	}
	return s, nil
}

func checkReplaceable(dir string) error {
	st, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("%s: output path exists and is not a directory", dir)
	}
	if _, err := os.Stat(filepath.Join(dir, Marker)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s: refusing to replace a directory that guidegen did not write (no %s file in it); remove it or choose another --out", dir, Marker)
	}
	return nil
}

// Dir is the staging directory.
func (s *Stage) Dir() string { return s.dir }

func (s *Stage) path(rel string) (string, string, error) {
	clean := path.Clean(rel)
	if !fs.ValidPath(clean) || clean == "." {
		return "", "", fmt.Errorf("output path %q is outside the output directory", rel)
	}
	return clean, filepath.Join(s.dir, filepath.FromSlash(clean)), nil
}

func (s *Stage) claim(rel string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.written[rel] {
		return fmt.Errorf("output file %s is written twice (two pages with the same URL?)", rel)
	}
	s.written[rel] = true
	return nil
}

// WriteFile writes a file at a slash-separated path inside the output. It
// is safe for concurrent use; writing the same path twice is an error.
func (s *Stage) WriteFile(rel string, data []byte) error {
	return s.create(rel, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
}

// CopyFile copies one file from fsys into the output.
func (s *Stage) CopyFile(fsys fs.FS, name, rel string) error {
	src, err := fsys.Open(name)
	if err != nil {
		return err
	}
	defer src.Close()
	return s.create(rel, func(f *os.File) error {
		_, err := io.Copy(f, src)
		return err
	})
}

func (s *Stage) create(rel string, fill func(*os.File) error) error {
	clean, p, err := s.path(rel)
	if err != nil {
		return err
	}
	if err := s.claim(clean); err != nil {
		return err
	}
	f, err := s.open(clean, p)
	if err != nil {
		return err
	}
	if err := fill(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// open creates or truncates the file at p. What the previous generation
// left in the way (a file where a directory must go, or the reverse) is
// removed.
func (s *Stage) open(clean, p string) (*os.File, error) {
	const flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	f, err := os.OpenFile(p, flags, 0o644)
	if err == nil {
		return f, nil
	}
	if err := s.makeParents(clean); err != nil {
		return nil, err
	}
	if st, err := os.Lstat(p); err == nil && st.IsDir() {
		if err := os.RemoveAll(p); err != nil {
			return nil, err
		}
	}
	return os.OpenFile(p, flags, 0o644)
}

// makeParents creates the directories above a path, replacing files that
// stand where a directory must be.
func (s *Stage) makeParents(clean string) error {
	dir := path.Dir(clean)
	if dir == "." {
		return nil
	}
	p := filepath.Join(s.dir, filepath.FromSlash(dir))
	err := os.MkdirAll(p, 0o755)
	if err == nil {
		return nil
	}
	// A file of the previous generation is in the way: find and remove it.
	parts := strings.Split(dir, "/")
	for i := range parts {
		q := filepath.Join(s.dir, filepath.FromSlash(strings.Join(parts[:i+1], "/")))
		if st, err := os.Lstat(q); err == nil && !st.IsDir() {
			if err := os.Remove(q); err != nil {
				return err
			}
			break
		}
	}
	return os.MkdirAll(p, 0o755)
}

// prune removes what the previous generation left that this build did not
// write: files first, then directories that became empty.
func (s *Stage) prune() error {
	var dirs []string
	err := filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(s.dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." {
				dirs = append(dirs, p)
			}
			return nil
		}
		if !s.written[rel] {
			return os.Remove(p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	slices.Reverse(dirs) // children before parents
	for _, d := range dirs {
		if err := os.Remove(d); err != nil && !isNotEmpty(err) {
			return err
		}
	}
	return nil
}

func isNotEmpty(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe) && (errors.Is(pe.Err, errNotEmpty) || errors.Is(pe.Err, fs.ErrExist))
}

// Commit swaps the staging directory in as the output directory. The
// previous output becomes the staging directory of the next build.
func (s *Stage) Commit() error {
	if !s.fresh {
		if err := s.prune(); err != nil {
			return fmt.Errorf("pruning %s: %w", s.dir, err)
		}
	}
	if _, err := os.Lstat(s.final); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(s.dir, s.final)
	}
	return exchange(s.dir, s.final)
}

// Abort gives up the build; the output stays as it was. A staging
// directory this build created is removed; a reused one stays for the
// next build, which prunes whatever this one left in it.
func (s *Stage) Abort() {
	if s.fresh {
		_ = os.RemoveAll(s.dir)
	}
}

// swapByRename exchanges two directories with three renames, for systems
// without an atomic exchange; the output is missing for an instant.
func swapByRename(a, b string) error {
	tmp := b + ".swap"
	_ = os.RemoveAll(tmp)
	if err := os.Rename(b, tmp); err != nil {
		return err
	}
	if err := os.Rename(a, b); err != nil {
		_ = os.Rename(tmp, b)
		return err
	}
	return os.Rename(tmp, a)
}
