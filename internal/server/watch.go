package server

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/guidegen/guidegen/internal/config"
)

// watchedDirs are the directories of a site whose changes a build sees
// (content/ holds data/; includes/ is the default base of snippets); with guidegen.yaml, nothing else is watched: not
// the output directory, not .git, not an editor's files beside them.
var watchedDirs = []string{"content", "locales", "templates", "assets", "static", "includes"}

// watcher watches a site's input with fsnotify. It watches directories,
// never files: an editor that saves by writing a new file and renaming it
// over the old one replaces the file, not the directory, so the watch
// stays; a directory that appears (mkdir, a checkout, a directory moved
// in) is watched with everything below it.
type watcher struct {
	fsw  *fsnotify.Watcher
	root string // the site's directory, absolute
	logf func(format string, args ...any)
}

func newWatcher(dir string, logf func(string, ...any)) (*watcher, error) {
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("watching %s: %w", dir, err)
	}
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watching %s: %w", dir, err)
	}
	w := &watcher{fsw: fsw, root: root, logf: logf}
	// The site's directory itself, for guidegen.yaml and for watched
	// directories created or moved in later.
	if err := fsw.Add(root); err != nil {
		fsw.Close()
		return nil, fmt.Errorf("watching %s: %w", dir, err)
	}
	for _, d := range watchedDirs {
		if err := w.addTree(filepath.Join(root, d)); err != nil {
			fsw.Close()
			return nil, err
		}
	}
	return w, nil
}

func (w *watcher) close() { w.fsw.Close() }

// addTree watches dir and every directory below it; a dir that does not
// exist is no error. Symbolic links are not followed (the build does not
// follow links to directories either).
func (w *watcher) addTree(dir string) error {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // gone meanwhile
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if r, err := filepath.Rel(w.root, p); err == nil && hidden(filepath.ToSlash(r)) {
			return fs.SkipDir // the build skips it (.git/)
		}
		if err := w.fsw.Add(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	})
	if errors.Is(err, syscall.ENOSPC) {
		return fmt.Errorf("watching %s: %w (the system's limit on watched directories, fs.inotify.max_user_watches on Linux, is reached)", dir, err)
	}
	if err != nil {
		return fmt.Errorf("watching %s: %w", dir, err)
	}
	return nil
}

// rel returns the slash-separated path of name inside the site, and
// whether a build reads it (it is guidegen.yaml, one of watchedDirs or
// inside one, and not an editor's backup, swap or lock file).
func (w *watcher) rel(name string) (string, bool) {
	r, err := filepath.Rel(w.root, name)
	if err != nil || r == "." || strings.HasPrefix(r, "..") {
		return "", false
	}
	r = filepath.ToSlash(r)
	top, _, _ := strings.Cut(r, "/")
	if r != config.FileName && !slices.Contains(watchedDirs, top) {
		return "", false
	}
	if hidden(r) {
		return "", false
	}
	base := filepath.Base(name)
	if strings.HasSuffix(base, "~") || strings.HasPrefix(base, ".#") ||
		strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".swx") || base == "4913" {
		return "", false // emacs, vim
	}
	return r, true
}

// hidden reports whether a path inside the site is or is inside a hidden
// file or directory (".tmp-page.md", ".git/") that the build skips: all but
// those in static/, which are copied (.well-known/).
func hidden(rel string) bool {
	if strings.HasPrefix(rel, "static/") {
		return false
	}
	for seg := range strings.SplitSeq(rel, "/") {
		if strings.HasPrefix(seg, ".") {
			return true
		}
	}
	return false
}

// run reads the watcher's events until ctx is done, and calls rebuild with
// the paths that changed, and when the first of them did, once no event came for debounce (or after 10
// times debounce of continuous events). Builds run one at a time, here:
// events that come during one are read after it, and give the next.
func (w *watcher) run(ctx context.Context, debounce time.Duration, rebuild func(changed []string, since time.Time)) {
	pending := map[string]bool{}
	var first time.Time
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			r, relevant := w.rel(ev.Name)
			if !relevant {
				continue
			}
			if ev.Has(fsnotify.Create) {
				// A new directory (or one renamed into place): watch it
				// and what it holds already. fsnotify drops the watch of
				// a directory that is removed or renamed away by itself.
				if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
					if err := w.addTree(ev.Name); err != nil {
						w.logf("%v", err)
					}
				}
			}
			if ev.Op == fsnotify.Chmod {
				continue // a touch or an editor's attributes: the text is the same
			}
			if len(pending) == 0 {
				first = time.Now()
			}
			pending[r] = true
			wait := debounce
			if limit := 10 * debounce; time.Since(first)+wait > limit {
				wait = max(0, limit-time.Since(first))
			}
			timer.Reset(wait)
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			// An overflow loses events: rebuild everything.
			w.logf("watching %s: %v; rebuilding everything", w.root, err)
			if len(pending) == 0 {
				first = time.Now()
			}
			pending["*"] = true
			timer.Reset(debounce)
		case <-timer.C:
			if len(pending) == 0 {
				continue
			}
			var changed []string
			if !pending["*"] {
				changed = make([]string, 0, len(pending))
				for p := range pending {
					changed = append(changed, p)
				}
				slices.Sort(changed)
			}
			clear(pending)
			rebuild(changed, first)
		}
	}
}
