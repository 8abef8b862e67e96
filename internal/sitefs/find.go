package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/guidegen/guidegen/internal/config"
)

// Find returns the site that a command run in the directory dir works on,
// found as git finds its repository: the nearest of dir and the
// directories above it that holds a guidegen.yaml, up to the root of the
// file system. dir is made absolute first; the result is absolute, or ""
// when no directory on the way has a guidegen.yaml.
func Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for at := abs; ; {
		st, err := os.Stat(filepath.Join(at, config.FileName))
		switch {
		case err == nil && !st.IsDir():
			return at, nil
		case err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrPermission):
			return "", err
		}
		up := filepath.Dir(at)
		if up == at {
			return "", nil
		}
		at = up
	}
}

// LooksLikeSite reports whether dir has what a site has (a content/ or
// locales/ directory) although it has no guidegen.yaml: building the
// bundled guide there would put the bundled guide's output among the
// user's files.
func LooksLikeSite(dir string) bool {
	for _, name := range []string{"content", "locales"} {
		if st, err := os.Stat(filepath.Join(dir, name)); err == nil && st.IsDir() {
			return true
		}
	}
	return false
}

// OpenBundled returns the bundled guide as the site.
func OpenBundled(bundled fs.FS) *Site {
	return &Site{FS: bundled, Theme: bundled, Bundled: true}
}
