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
//
// The rules that keep other people's files safe:
//
//   - Only guidegen's own output is ever replaced. The output directory
//     and the staging directory must be missing, empty, or named by the
//     marker file beside them (".public.guidegen", see [MarkerFile]): a
//     regular file (not a link, read without following one) whose first
//     line is "guidegen-output 2" and which names the directories guidegen
//     swapped in by device, inode and birth time. Nothing internal is
//     published: the marker and the lock are beside the output, not in
//     it. (A directory holding the in-output marker of earlier releases,
//     [LegacyMarker], is replaceable too.) Anything else is refused before
//     anything is moved or written.
//   - One build at a time. A build holds an exclusive lock (flock) on a
//     lock file beside the output (".public.lock") from before its first
//     check until Commit or Abort. A second build into the same directory
//     fails at once, naming the lock file; it never waits and never mixes
//     its files with the other's. (Without flock, on Windows, builds are
//     not serialized.)
//   - A symbolic link given as the output directory (public -> /srv/www)
//     is resolved once, when the build begins; the lock, the staging
//     directory and the swap are beside its target (/srv/.www.stage), and
//     the link itself is left as it is.
//   - No write follows a link. Every file and directory is created,
//     replaced and pruned beneath the staging directory without following
//     a link, and a link, directory, special file or hard-linked file that
//     the previous generation left where this build writes
//     (public/guide -> /elsewhere) is removed and replaced, never written
//     through. On Linux each file is opened with one openat2 that resolves
//     no link at all (RESOLVE_NO_SYMLINKS) and stays beneath the stage
//     (RESOLVE_BENEATH): a new file with O_CREAT|O_EXCL, a file already in
//     place (a rebuild) after an fstat shows a regular file with one name;
//     a directory is made with one mkdirat in its parent's descriptor,
//     itself opened that way. Elsewhere, or where a sandbox refuses
//     openat2, an [os.Root] opened on the staging directory does it.
//     Prune reads each directory once and removes links, never follows
//     them; so does Settle, which prunes while the build still writes
//     (deciding on and removing each entry under the lock a write's claim
//     takes), and leaves Commit only the directories written last.
//   - Every output path is written once per build. A second file at the
//     same path, or a file where the build put a directory (or the
//     reverse), is an error naming both sources; nothing is overwritten.
//   - The output never contains the directory the build runs in or the
//     site being built: building --out . from inside the old output, or
//     into an ancestor of the site, is refused.
package output

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
)

// Stage is a build in progress.
type Stage struct {
	out   string // the output directory as given, for messages
	final string // the output directory, symbolic links resolved
	dir   string // the staging directory beside final
	// marker is the marker file beside final.
	marker string
	root   *os.Root
	base   *os.File // the staging directory, for openExisting
	fd     int      // base's descriptor
	lock   *os.File
	// slow is set when openat2 is not supported here: every file and
	// directory is then created through root.
	slow atomic.Bool
	// fresh is true when the staging directory was created by this build.
	fresh bool

	mu       sync.Mutex
	scratch  []scratchFile       // the files of Scratch
	scratchN int                 // the files Scratch made
	written  map[string]string   // slash path of each file written -> its source
	dirs     map[string]string   // slash path of each directory needed -> a file in it
	ready    map[string]dirState // what is known of the stage's directories
	// dirfds holds descriptors (O_PATH) of directories of the stage that
	// directories are made in, so that each mkdirat is one call.
	dirfds map[string]int
	// settled is set when Settle pruned the stage; pending are then the
	// directories it left files in, which Commit prunes.
	settled bool
	pending map[string]bool
}

// StageDir returns the staging directory used for an output directory: a
// hidden sibling (".public.stage" beside "public"). For a symbolic link it
// is beside the link's target.
func StageDir(out string) string {
	return sibling(out, ".stage")
}

// LockFile returns the lock file of an output directory: ".public.lock"
// beside "public" (beside the target of a symbolic link).
func LockFile(out string) string {
	return sibling(out, ".lock")
}

func sibling(out, suffix string) string {
	if r, err := resolve(out); err == nil {
		out = r
	}
	out = filepath.Clean(out)
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+suffix)
}

// Begin takes the lock of the output directory out and prepares its
// staging directory. keep lists directories the output must neither be
// nor contain (the site being built); the current directory is always
// one of them. When Begin fails, nothing in the output and staging
// directories has been created, changed or moved.
func Begin(out string, keep ...string) (*Stage, error) {
	out = filepath.Clean(out)
	final, err := resolve(out)
	if err != nil {
		return nil, err
	}
	s := &Stage{
		out:     out,
		final:   final,
		dir:     filepath.Join(filepath.Dir(final), "."+filepath.Base(final)+".stage"),
		marker:  filepath.Join(filepath.Dir(final), "."+filepath.Base(final)+".guidegen"),
		written: map[string]string{},
		dirs:    map[string]string{},
		ready:   map[string]dirState{},
		dirfds:  map[string]int{},
	}
	if filepath.Dir(final) == final {
		return nil, fmt.Errorf("%s: refusing to use the root directory as the output directory", out)
	}
	if err := s.checkKeep(keep); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
		return nil, err
	}
	if s.lock, err = lock(filepath.Join(filepath.Dir(final), "."+filepath.Base(final)+".lock"), out); err != nil {
		return nil, err
	}
	if err := s.prepare(); err != nil {
		s.release()
		return nil, err
	}
	if s.root, err = os.OpenRoot(s.dir); err != nil {
		s.Abort()
		return nil, err
	}
	if s.base, err = s.root.Open("."); err != nil {
		s.Abort()
		return nil, err
	}
	s.fd = int(s.base.Fd())
	s.slow.Store(!fastPath)
	return s, nil
}

// prepare checks the output and staging directories and makes the
// staging directory, under the lock.
func (s *Stage) prepare() error {
	if err := checkReplaceable(s.final, s.out, s.marker); err != nil {
		return err
	}
	if err := checkReplaceable(s.dir, s.dir, s.marker); err != nil {
		return err
	}
	switch err := os.Mkdir(s.dir, 0o755); {
	case err == nil:
		s.fresh = true
	case errors.Is(err, fs.ErrExist):
		// checkReplaceable saw a directory (not a link) that is ours.
	default:
		return err
	}
	// Directories keep their identity through the swap, so the marker is
	// written once, before anything is staged: a build killed midway
	// leaves a staging directory the next build may reuse.
	if err := writeMarker(s.marker, s.final, s.dir); err != nil {
		if s.fresh {
			_ = os.Remove(s.dir)
		}
		return fmt.Errorf("%s: writing the marker %s: %w", s.out, s.marker, err)
	}
	return nil
}

// resolve returns the absolute path of out with every symbolic link
// resolved; the part of it that does not exist yet is kept as it is.
func resolve(out string) (string, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	p, rest := abs, ""
	for {
		r, err := filepath.EvalSymlinks(p)
		if err == nil {
			return filepath.Join(r, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("%s: %w", out, err)
		}
		if st, err := os.Lstat(p); err == nil && st.Mode()&fs.ModeSymlink != 0 {
			target, _ := os.Readlink(p)
			return "", fmt.Errorf("%s: symbolic link to %s, which does not exist; create it or fix the link", p, target)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

// checkKeep refuses an output or staging directory that is, or contains,
// the current directory or one of keep.
func (s *Stage) checkKeep(keep []string) error {
	type named struct{ dir, what string }
	var dirs []named
	if wd, err := os.Getwd(); err == nil {
		dirs = append(dirs, named{wd, "the current directory"})
	}
	for _, k := range keep {
		if k != "" {
			dirs = append(dirs, named{k, "the site directory " + k})
		}
	}
	for _, d := range dirs {
		p, err := resolve(d.dir)
		if err != nil {
			continue
		}
		for _, o := range []string{s.final, s.dir} {
			if within(o, p) {
				return fmt.Errorf("%s: refusing to build into %s, which is or contains %s; choose an --out outside it (and run guidegen from outside the output)", s.out, o, d.what)
			}
		}
	}
	return nil
}

// within reports whether p is dir or inside it; both are clean absolute
// paths.
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// lock opens (creating it if needed) and locks the lock file of out.
func lock(name, out string) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|oNoFollow, 0o644)
	if err != nil {
		return nil, fmt.Errorf("%s: opening the lock file of %s: %w", name, out, err)
	}
	if err := flock(f); err != nil {
		f.Close()
		if errors.Is(err, errLocked) {
			return nil, fmt.Errorf("%s: another guidegen build is writing this output directory (lock %s); wait for it to finish", out, name)
		}
		return nil, fmt.Errorf("%s: locking %s: %w", out, name, err)
	}
	return f, nil
}

// release gives up the stage's root and lock.
func (s *Stage) release() {
	s.closeRoot()
	if s.lock != nil {
		s.lock.Close() // closing the last descriptor releases the flock
		s.lock = nil
	}
}

// checkReplaceable returns nil when dir does not exist, is empty, is
// named by the marker file marker, or holds a legacy marker. name is how
// messages call it.
func checkReplaceable(dir, name, marker string) error {
	st, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("%s: exists and is not a directory, refusing to replace it", name)
	}
	if ok, err := vouched(marker, dir); ok || err != nil {
		return err
	}
	if ok, err := hasLegacyMarker(dir); ok || err != nil {
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if _, err := d.Readdirnames(1); errors.Is(err, io.EOF) {
		return nil
	}
	return fmt.Errorf("%s: not a guidegen output directory, refusing to replace it (the marker %s beside it does not name it); remove it or choose another --out", name, marker)
}

// Dir is the staging directory.
func (s *Stage) Dir() string { return s.dir }

// scratchFile is a file of Scratch; name is "" once it is unlinked.
type scratchFile struct {
	f    *os.File
	name string
}

// Scratch returns a new empty file for the build's own use (a search
// index keeps its pages' words there rather than in memory). It is in
// the staging directory, so that nothing is written outside the output
// and the disk is the one the output is written to (not a temporary
// directory that may be in memory), and it is never part of the output:
// it is unlinked at once, so that it vanishes with its descriptor even if
// the build is killed, and where an open file cannot be removed
// (Windows) Commit and Abort remove it before anything is swapped. Its
// name is claimed, so that no file of the output is written over it.
// Commit and Abort close it.
func (s *Stage) Scratch() (*os.File, error) {
	s.mu.Lock()
	name := fmt.Sprintf(".guidegen-scratch-%d-%d", os.Getpid(), s.scratchN)
	s.scratchN++
	s.mu.Unlock()
	if err := s.claim(name, "a scratch file"); err != nil {
		return nil, err
	}
	// One a killed build left (where it could not be unlinked) goes.
	if err := s.root.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", s.dir, err)
	}
	f, err := s.root.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("%s: making a scratch file: %w", s.dir, err)
	}
	sf := scratchFile{f: f, name: name}
	if s.root.Remove(name) == nil {
		sf.name = ""
	}
	s.mu.Lock()
	s.scratch = append(s.scratch, sf)
	s.mu.Unlock()
	return f, nil
}

// closeScratch closes the files of Scratch and removes those that are
// still in the staging directory.
func (s *Stage) closeScratch() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, sf := range s.scratch {
		sf.f.Close()
		if sf.name != "" && s.root != nil {
			_ = s.root.Remove(sf.name)
		}
	}
	s.scratch = nil
}

// display returns how messages name an output path: below the output
// directory as the user gave it.
func (s *Stage) display(rel string) string {
	return filepath.Join(s.out, filepath.FromSlash(rel))
}

func cleanPath(rel string) (string, error) {
	clean := path.Clean(rel)
	if !fs.ValidPath(clean) || clean == "." {
		return "", fmt.Errorf("output path %q is outside the output directory", rel)
	}
	return clean, nil
}

// claim records that source writes the file at clean. It fails when the
// build already wrote that path, or needs it as a directory, or wrote a
// file where clean needs a directory.
func (s *Stage) claim(clean, source string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if prev, ok := s.written[clean]; ok {
		a, b := prev, source
		if b < a {
			a, b = b, a
		}
		return fmt.Errorf("%s: written by %s and by %s", s.display(clean), a, b)
	}
	if inside, ok := s.dirs[clean]; ok {
		return fmt.Errorf("%s: %s writes a file here, but %s writes %s inside it",
			s.display(clean), source, s.written[inside], s.display(inside))
	}
	var missing []string
	for d := path.Dir(clean); d != "."; d = path.Dir(d) {
		if prev, ok := s.written[d]; ok {
			return fmt.Errorf("%s: %s writes a file here, but %s writes %s inside it",
				s.display(d), prev, source, s.display(clean))
		}
		if _, ok := s.dirs[d]; ok {
			break // and so are the directories above it
		}
		missing = append(missing, d)
	}
	s.written[clean] = source
	for _, d := range missing {
		s.dirs[d] = clean
	}
	return nil
}

// WriteFile writes a file at a slash-separated path inside the output;
// source names what it comes from in error messages. It is safe for
// concurrent use; writing the same path twice is an error.
func (s *Stage) WriteFile(rel, source string, data []byte) error {
	return s.create(rel, source, func(t *target) error {
		_, err := t.Write(data)
		return err
	})
}

// CopyFile copies the file name of fsys to rel in the output; source names
// it in error messages.
func (s *Stage) CopyFile(fsys fs.FS, name, rel, source string) error {
	src, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	defer src.Close()
	if st, err := src.Stat(); err != nil {
		return fmt.Errorf("%s: %w", source, err)
	} else if !st.Mode().IsRegular() {
		what := "not a regular file"
		if st.IsDir() {
			what = "a directory (or a link to one)"
		}
		return fmt.Errorf("%s: is %s, not a file to copy into the output", source, what)
	}
	return s.create(rel, source, func(t *target) error {
		_, err := io.Copy(t, src)
		return err
	})
}

func (s *Stage) create(rel, source string, fill func(*target) error) error {
	clean, err := cleanPath(rel)
	if err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	if err := s.claim(clean, source); err != nil {
		return err
	}
	t, err := s.openFile(clean)
	if err != nil {
		return fmt.Errorf("%s: writing %s: %w", source, s.display(clean), err)
	}
	if err := fill(&t); err != nil {
		t.Close()
		return fmt.Errorf("%s: writing %s: %w", source, s.display(clean), err)
	}
	if err := t.Close(); err != nil {
		return fmt.Errorf("%s: writing %s: %w", source, s.display(clean), err)
	}
	return nil
}

// target is an output file open for writing: an *os.File on the
// os.Root path, else a bare descriptor (on Linux), written with one write
// call per Write and no poller. A file overwritten in place (old > 0) is
// cut to what was written when it is closed.
type target struct {
	f   *os.File
	fd  int
	old int64 // the size of the file overwritten in place
	n   int64 // bytes written
}

func (t *target) Write(p []byte) (int, error) {
	var n int
	var err error
	if t.f != nil {
		n, err = t.f.Write(p)
	} else {
		n, err = writeFd(t.fd, p)
	}
	t.n += int64(n)
	return n, err
}

// Close cuts a file overwritten in place to what was written and closes
// it.
func (t *target) Close() error {
	if t.f != nil {
		return t.f.Close()
	}
	var err error
	if t.old > t.n {
		err = truncateFd(t.fd, t.n)
	}
	if cerr := closeFd(t.fd); err == nil {
		err = cerr
	}
	return err
}

// openFile opens the file at clean for writing: below a directory this
// build made, by making the directories it needs and creating it; where a
// plain regular file already is, with the fast path of openExisting; else
// with open.
func (s *Stage) openFile(clean string) (target, error) {
	dir := path.Dir(clean)
	if s.underMade(dir) {
		if _, err := s.makeParents(dir); err != nil {
			return target{}, err
		}
		return s.createNew(clean)
	}
	if !s.slow.Load() {
		t, ok, unsupported := openExisting(s.fd, clean)
		if ok {
			return t, nil
		}
		if unsupported {
			s.slow.Store(true)
		}
	}
	return s.open(clean)
}

// open creates or truncates the regular file at clean. Whatever the
// previous generation left there that is not a plain regular file (a
// link, a directory, a special file, a file with other hard links) is
// removed first, so that no write goes through it.
func (s *Stage) open(clean string) (target, error) {
	made, err := s.makeParents(path.Dir(clean))
	if err != nil {
		return target{}, err
	}
	if made {
		return s.createNew(clean)
	}
	st, err := s.root.Lstat(clean)
	switch {
	case err == nil && st.Mode().IsRegular() && !hardLinked(st):
		f, err := s.root.OpenFile(clean, os.O_WRONLY|os.O_TRUNC, 0)
		return target{f: f}, err
	case err == nil:
		if err := s.root.RemoveAll(clean); err != nil {
			return target{}, err
		}
	case !errors.Is(err, fs.ErrNotExist):
		return target{}, err
	}
	return s.createNew(clean)
}

// createNew creates a new file at clean, in one openat2 call that
// resolves no link and stays beneath the stage where it can, else through
// root. O_EXCL never follows a link and fails on anything in the way.
func (s *Stage) createNew(clean string) (target, error) {
	if !s.slow.Load() {
		fd, err := openBeneath(s.fd, clean, oCreateNew, 0o644)
		switch {
		case err == nil:
			return target{fd: fd}, nil
		case unsupported(err):
			s.slow.Store(true)
		case !transient(err):
			return target{}, &fs.PathError{Op: "openat2", Path: clean, Err: err}
		}
	}
	f, err := s.root.OpenFile(clean, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	return target{f: f}, err
}

// mkdir makes the directory dir, whose parent is a directory of the
// stage: with one mkdirat in the parent's descriptor where it can, else
// through root.
func (s *Stage) mkdir(dir string) error {
	if !s.slow.Load() {
		pfd, done, err := s.dirFd(path.Dir(dir))
		if err != nil {
			switch {
			case unsupported(err):
				s.slow.Store(true)
			case !transient(err):
				return &fs.PathError{Op: "openat2", Path: path.Dir(dir), Err: err}
			}
			return s.root.Mkdir(dir, 0o755)
		}
		err = mkdirAt(pfd, path.Base(dir))
		done()
		if err != nil {
			return &fs.PathError{Op: "mkdirat", Path: dir, Err: err}
		}
		return nil
	}
	return s.root.Mkdir(dir, 0o755)
}

// maxDirFds bounds the directory descriptors a stage keeps open.
const maxDirFds = 128

// dirFd returns a descriptor of the directory dir of the stage, opened
// with openat2 (no link resolved, beneath the stage), and done, to call
// when it is no longer used.
func (s *Stage) dirFd(dir string) (fd int, done func(), err error) {
	if dir == "." {
		return s.fd, func() {}, nil
	}
	s.mu.Lock()
	fd, ok := s.dirfds[dir]
	s.mu.Unlock()
	if ok {
		return fd, func() {}, nil
	}
	fd, err = openBeneath(s.fd, dir, oDirPath, 0)
	if err != nil {
		return 0, nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if prev, ok := s.dirfds[dir]; ok { // opened at the same time by another writer
		closeFd(fd)
		return prev, func() {}, nil
	}
	if len(s.dirfds) < maxDirFds {
		s.dirfds[dir] = fd
		return fd, func() {}, nil
	}
	return fd, func() { closeFd(fd) }, nil
}

// underMade reports whether dir is a directory this build made or is to
// be made in one: nothing of the previous generation can be there.
func (s *Stage) underMade(dir string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for d := dir; ; d = path.Dir(d) {
		if d == "." {
			return s.fresh
		}
		switch s.ready[d] {
		case dirMade:
			return true
		case dirChecked:
			return false
		}
	}
}

// dirState says what is known about a directory of the stage.
type dirState uint8

const (
	dirUnknown dirState = iota
	dirChecked          // a real directory (not a link)
	dirMade             // made by this build: holds only what it writes
)

func (s *Stage) dirState(dir string) dirState {
	if dir == "." {
		if s.fresh {
			return dirMade
		}
		return dirChecked
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ready[dir]
}

// makeParents makes sure dir and the directories above it are real
// directories of the stage, replacing links and files of the previous
// generation that stand where they must be (claim guarantees that none of
// them is a file of this build). It reports whether this build made dir.
func (s *Stage) makeParents(dir string) (made bool, err error) {
	switch s.dirState(dir) {
	case dirMade:
		return true, nil
	case dirChecked:
		return false, nil
	}
	parentMade, err := s.makeParents(path.Dir(dir))
	if err != nil {
		return false, err
	}
	state := dirChecked
	if parentMade {
		// Nothing of the previous generation can be in the way.
		if err := s.mkdir(dir); err == nil {
			state = dirMade
		} else if !errors.Is(err, fs.ErrExist) { // else made at the same time by another writer
			return false, err
		}
	} else if state, err = s.replaceWithDir(dir); err != nil {
		return false, err
	}
	s.mu.Lock()
	if s.ready[dir] < state {
		s.ready[dir] = state
	}
	s.mu.Unlock()
	return state == dirMade, nil
}

// replaceWithDir makes dir a real directory of the stage, in a directory
// of the previous generation.
func (s *Stage) replaceWithDir(dir string) (dirState, error) {
	st, err := s.root.Lstat(dir)
	switch {
	case err == nil && st.IsDir():
		return dirChecked, nil
	case err == nil:
		// A link or file of the previous generation: remove the link
		// itself, never what it points to.
		if err := s.root.Remove(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return 0, err
		}
	case !errors.Is(err, fs.ErrNotExist):
		return 0, err
	}
	err = s.root.Mkdir(dir, 0o755)
	if err == nil {
		return dirMade, nil
	}
	if !errors.Is(err, fs.ErrExist) {
		return 0, err
	}
	// Another writer made it at the same time; make sure it is a
	// directory.
	if st, err := s.root.Lstat(dir); err != nil {
		return 0, err
	} else if !st.IsDir() {
		return 0, fmt.Errorf("%s: not a directory", dir)
	}
	return dirChecked, nil
}

// Settle prunes what the previous generation left in the stage while the
// build still writes, so that Commit need not read every directory again
// once the build is done: a build calls it when the rest of its files go
// to a few directories (the ones later reports, "." for the stage itself),
// whose files Commit prunes. It is safe while files are written: an entry
// stays when the build claimed it, else it is removed under the lock
// every claim takes, and a write that comes after makes it again. The
// rules of prune hold (links are removed, never followed). What someone
// else puts in a directory of the stage after Settle read it stays, as
// whatever they put in the output after Commit does. Settle must return
// before Commit or Abort; when it fails, Commit prunes the whole stage.
// It reads directories in several goroutines, which may call later at
// the same time.
func (s *Stage) Settle(later func(dir string) bool) error {
	if s.fresh {
		return nil
	}
	return s.settle(later)
}

// Commit swaps the staging directory in as the output directory and
// releases the lock. The previous output becomes the staging directory of
// the next build.
func (s *Stage) Commit() error {
	defer s.release()
	s.closeScratch()
	if !s.fresh {
		if err := s.prune(); err != nil {
			return fmt.Errorf("%s: removing the previous generation's files: %w", s.dir, err)
		}
	}
	s.closeRoot()
	var err error
	if _, lerr := os.Lstat(s.final); errors.Is(lerr, fs.ErrNotExist) {
		err = os.Rename(s.dir, s.final)
	} else {
		err = exchange(s.dir, s.final)
	}
	if err != nil {
		return swapError(s.out, s.dir, err)
	}
	return nil
}

// swapError explains a failed swap of the staging directory into out.
func swapError(out, stage string, err error) error {
	if errors.Is(err, syscall.EBUSY) {
		return fmt.Errorf("%s: cannot replace the output directory with %s: %w; it is probably a mount point (a container volume?), which cannot be renamed: mount its parent directory instead, or build into another --out and copy", out, stage, err)
	}
	return fmt.Errorf("%s: cannot replace the output directory with %s: %w", out, stage, err)
}

// Abort gives up the build and releases the lock; the output stays as it
// was. A staging directory this build created is removed; a reused one
// stays for the next build, which prunes whatever this one left in it.
func (s *Stage) Abort() {
	s.closeScratch()
	s.closeRoot()
	if s.fresh {
		_ = os.RemoveAll(s.dir)
	}
	s.release()
}

func (s *Stage) closeRoot() {
	for dir, fd := range s.dirfds {
		closeFd(fd)
		delete(s.dirfds, dir)
	}
	if s.base != nil {
		s.base.Close()
		s.base = nil
	}
	if s.root != nil {
		s.root.Close()
		s.root = nil
	}
}

// swapByRename exchanges two directories with three renames, for systems
// without an atomic exchange; the output is missing for an instant.
func swapByRename(a, b string) error {
	tmp := sibling(b, ".swap")
	if err := checkReplaceable(tmp, tmp, sibling(b, ".guidegen")); err != nil {
		return err
	}
	if err := os.RemoveAll(tmp); err != nil {
		return err
	}
	if err := os.Rename(b, tmp); err != nil {
		return err
	}
	if err := os.Rename(a, b); err != nil {
		_ = os.Rename(tmp, b)
		return err
	}
	return os.Rename(tmp, a)
}
