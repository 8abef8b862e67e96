// Package fsutil reads and replaces the source files of a site for the
// commands that edit them (guidegen i18n stamp, merge, extract), so that
// an edit is all or nothing and never leaves the site:
//
//   - a file is named by its slash path relative to the site directory;
//     symbolic links are followed only while they stay inside the site
//     (a link to another file of the site is written through, and stays
//     a link); a link that leaves it is an error, and nothing outside the
//     site is read or written;
//   - the new content goes to a temporary file in the target's directory,
//     which is synced, given the old file's permission bits and renamed
//     over the old file; then the directory is synced, so that after a
//     crash the file is either the old one or the new one;
//   - a file without its owner's write bit is read-only and is left as
//     it is, even for root (renaming over it would otherwise succeed).
//
// Errors name the file as given ("content/nl/x.md: file is read-only; not
// changed").
package fsutil

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/guidegen/guidegen/internal/diag"
)

func errorf(name, format string, args ...any) error {
	return diag.Errorf(diag.Pos{File: name}, format, args...)
}

// Resolve returns the path of the file that name, a slash path relative
// to the site directory root, stands for once symbolic links are
// followed. The file need not exist; the directory it would be in must be
// inside the site, as must every link on the way.
func Resolve(root, name string) (string, error) {
	base, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", err
	}
	base, err = filepath.Abs(base)
	if err != nil {
		return "", err
	}
	file := filepath.Join(base, filepath.FromSlash(name))
	if !inside(base, file) || filepath.IsAbs(filepath.FromSlash(name)) {
		return "", errorf(name, "not a file of the site %s", root)
	}
	// Follow the links of the longest part of the path that exists.
	rest := ""
	for at := file; ; {
		real, err := filepath.EvalSymlinks(at)
		if err == nil {
			real = filepath.Join(real, rest)
			if !inside(base, real) {
				return "", errorf(name, "is a symbolic link to %s, outside the site; not changed", real)
			}
			return real, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		if fi, lerr := os.Lstat(at); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
			target, _ := os.Readlink(at)
			abs := target
			if !filepath.IsAbs(abs) {
				abs = filepath.Join(filepath.Dir(at), abs)
			}
			if !inside(base, abs) {
				return "", errorf(name, "is a symbolic link to %s, outside the site; not changed", abs)
			}
			return "", errorf(name, "is a symbolic link to %s, which does not exist; not changed", target)
		}
		if at == base {
			return "", err
		}
		rest = filepath.Join(filepath.Base(at), rest)
		at = filepath.Dir(at)
	}
}

// inside reports whether file is base or below it.
func inside(base, file string) bool {
	rel, err := filepath.Rel(base, file)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// ReadFile reads the file name of the site root (see Resolve).
func ReadFile(root, name string) ([]byte, error) {
	file, err := Resolve(root, name)
	if err != nil {
		return nil, err
	}
	return os.ReadFile(file)
}

// WriteFile replaces the file name of the site root with data, or creates
// it (and its directories) with mode 0644 when it does not exist. See the
// package documentation for what it guarantees.
func WriteFile(root, name string, data []byte) error {
	file, err := Resolve(root, name)
	if err != nil {
		return err
	}
	return write(file, name, data)
}

// WritePath replaces or creates the file at path (absolute, or relative to
// the process's directory), a file the user named rather than a file of a
// site (guidegen i18n extract --out /tmp/x.yaml): as WriteFile, but where
// path leads is not checked. Errors name the file name.
func WritePath(path, name string, data []byte) error {
	return write(path, name, data)
}

// write replaces or creates file; errors name it name.
func write(file, name string, data []byte) error {
	mode := fs.FileMode(0o644)
	switch fi, err := os.Stat(file); {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
	case err != nil:
		return err
	case !fi.Mode().IsRegular():
		return errorf(name, "not a regular file; not changed")
	case fi.Mode().Perm()&0o200 == 0:
		return errorf(name, "file is read-only; not changed")
	default:
		mode = fi.Mode().Perm()
	}
	return replace(file, data, mode)
}

// replace writes data to file through a synced temporary file renamed over
// it, then syncs the directory.
func replace(file string, data []byte, mode fs.FileMode) (err error) {
	dir := filepath.Dir(file)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(file)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(mode); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), file); err != nil {
		return err
	}
	return syncDir(dir)
}

// syncDir makes a rename in dir durable. Windows cannot sync a directory.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	if err := d.Sync(); err != nil {
		d.Close()
		return err
	}
	return d.Close()
}
