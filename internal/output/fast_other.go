//go:build !linux

package output

import (
	"errors"
	"os"
	"path"
)

// fastPath is false: outside Linux every file and directory is made
// through os.Root, and the functions below are never called.
const fastPath = false

const (
	oCreateNew = 0
	oDirPath   = 0
)

var errUnsupported = errors.New("not supported")

func openBeneath(dirfd int, name string, flags int, mode uint32) (int, error) {
	return -1, errUnsupported
}

func unsupported(err error) bool { return errors.Is(err, errUnsupported) }

func transient(err error) bool { return false }

func openExisting(dirfd int, clean string) (t target, ok, unsupp bool) {
	return target{}, false, true
}

func writeFd(fd int, p []byte) (int, error) { return 0, errUnsupported }

func truncateFd(fd int, size int64) error { return errUnsupported }

func closeFd(fd int) error { return errUnsupported }

func mkdirAt(dirfd int, name string) error { return errUnsupported }

// settle does nothing here: Commit prunes the whole stage.
func (s *Stage) settle(later func(dir string) bool) error { return nil }

// prune removes what the previous generation left that this build did not
// write: files first, then directories that became empty. Links are
// removed, never followed.
func (s *Stage) prune() error {
	_, err := s.pruneDir(s.root, "")
	return err
}

// pruneDir prunes the directory r, at slash path prefix in the stage
// ("" for the stage itself), and its subdirectories, each opened as a Root
// beneath its parent; it reports whether r is empty now.
func (s *Stage) pruneDir(r *os.Root, prefix string) (empty bool, err error) {
	d, err := r.Open(".")
	if err != nil {
		return false, err
	}
	entries, err := d.ReadDir(-1)
	d.Close()
	if err != nil {
		return false, err
	}
	kept := 0
	for _, e := range entries {
		rel := path.Join(prefix, e.Name())
		if e.IsDir() { // a real directory: a link is not followed
			sub, err := r.OpenRoot(e.Name())
			if err != nil {
				return false, err
			}
			subEmpty, err := s.pruneDir(sub, rel)
			sub.Close()
			if err != nil {
				return false, err
			}
			if !subEmpty {
				kept++
				continue
			}
		} else if _, ok := s.written[rel]; ok {
			kept++
			continue
		}
		if err := r.Remove(e.Name()); err != nil {
			return false, err
		}
	}
	return kept == 0, nil
}
