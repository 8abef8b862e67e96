package server

import (
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"sync"

	"github.com/guidegen/guidegen/internal/build"
)

// Site is a built site held in memory: the sink the preview server builds
// into (it implements build.Sink). It is safe for concurrent use. As with
// the staging directory of an output (internal/output's Stage), every path
// is written once: a second file at the same path, or a file where the
// build put a directory (or the reverse), is an error naming both sources.
//
// A Site is filled by one build and then only read: the server swaps a
// new one in when a build succeeds and never writes to one it serves.
type Site struct {
	mu    sync.RWMutex
	files map[string]file
	// dirs maps every directory that holds a file to one file inside it,
	// for the message when a file is written where a directory is needed.
	dirs map[string]string
}

type file struct {
	data   []byte
	source string
}

// NewSite returns an empty site.
func NewSite() *Site { return newSite(0) }

// newSite returns an empty site with room for n files (a rebuild's
// site has about as many as the last one).
func newSite(n int) *Site {
	return &Site{files: make(map[string]file, n), dirs: map[string]string{}}
}

// cleanPath checks a slash-separated path inside the site.
func cleanPath(rel string) (string, error) {
	clean := path.Clean(rel)
	if !fs.ValidPath(clean) || clean == "." {
		return "", fmt.Errorf("output path %q is outside the site", rel)
	}
	return clean, nil
}

// WriteFile stores a copy of data at rel (a slash-separated path inside
// the site); source names what it comes from in error messages. The
// caller may reuse data once WriteFile returns.
func (s *Site) WriteFile(rel, source string, data []byte) error {
	clean, err := cleanPath(rel)
	if err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	return s.put(clean, source, append([]byte(nil), data...))
}

// WriteFileShared stores data itself at rel, as WriteFile stores a copy:
// build's Engine hands a Site the bytes it keeps between builds, which
// nothing changes, so that a rebuild does not copy every kept page.
func (s *Site) WriteFileShared(rel, source string, data []byte) error {
	clean, err := cleanPath(rel)
	if err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	return s.put(clean, source, data)
}

var _ build.SharedSink = (*Site)(nil)

// CopyFile stores a copy of the file name of fsys at rel; source names it
// in error messages.
func (s *Site) CopyFile(fsys fs.FS, name, rel, source string) error {
	clean, err := cleanPath(rel)
	if err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	if !st.Mode().IsRegular() {
		what := "not a regular file"
		if st.IsDir() {
			what = "a directory (or a link to one)"
		}
		return fmt.Errorf("%s: is %s, not a file to copy into the site", source, what)
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	return s.put(clean, source, data)
}

// put records data at clean, unless the build already wrote that path,
// needs it as a directory, or wrote a file where clean needs a directory.
func (s *Site) put(clean, source string, data []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if prev, ok := s.files[clean]; ok {
		a, b := prev.source, source
		if b < a {
			a, b = b, a
		}
		return fmt.Errorf("%s: written by %s and by %s", clean, a, b)
	}
	if inside, ok := s.dirs[clean]; ok {
		return fmt.Errorf("%s: %s writes a file here, but %s writes %s inside it",
			clean, source, s.files[inside].source, inside)
	}
	var missing []string
	for d := path.Dir(clean); d != "."; d = path.Dir(d) {
		if prev, ok := s.files[d]; ok {
			return fmt.Errorf("%s: %s writes a file here, but %s writes %s inside it",
				d, prev.source, source, clean)
		}
		if _, ok := s.dirs[d]; ok {
			break // and so are the directories above it
		}
		missing = append(missing, d)
	}
	s.files[clean] = file{data: data, source: source}
	for _, d := range missing {
		s.dirs[d] = clean
	}
	return nil
}

// Get returns the file at a clean slash-separated path.
func (s *Site) Get(name string) ([]byte, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	f, ok := s.files[name]
	return f.data, ok
}

// IsDir reports whether the site has files below name.
func (s *Site) IsDir(name string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	_, ok := s.dirs[name]
	return ok
}

// Len returns the number of files.
func (s *Site) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.files)
}

// Names returns the paths of every file, sorted.
func (s *Site) Names() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	names := make([]string, 0, len(s.files))
	for n := range s.files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
