package sitefs

import (
	"errors"
	"io"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"

	"github.com/guidegen/guidegen/internal/diag"
)

// rootFS is a site directory opened with os.Root: no name, ".." or
// symbolic link leads out of it. Symbolic links that stay inside the site
// are followed to files; a link that leaves the site, a link to a
// directory and anything that is neither a regular file nor a directory
// (a pipe, socket or device, whose reading could block or never end) is an
// error naming the file, as "assets/img/env.txt: symbolic link leaves the
// site (-> /proc/self/environ)". Other errors but "does not exist" name the
// file too ("content/en/x.md: permission denied"); "does not exist" stays
// an fs.ErrNotExist, which callers test for.
type rootFS struct {
	root *os.Root
	// dir is root's directory, opened on first use, for openBeneath.
	dir     func() *os.File
	dirOnce sync.Once
	fsys    fs.FS  // root.FS()
	abs     string // the site's absolute directory, for messages; may be ""
}

func newRootFS(root *os.Root, dir string) *rootFS {
	if abs, err := filepath.EvalSymlinks(dir); err == nil {
		dir, _ = filepath.Abs(abs)
	} else {
		dir = ""
	}
	return &rootFS{root: root, dir: rootDir(root), fsys: root.FS(), abs: dir}
}

// Open implements fs.FS. It opens name without blocking, so that a named
// pipe is refused instead of waiting for a writer, and only then looks at
// what it opened: one open and one fstat for a file, as os.ReadFile.
func (r *rootFS) Open(name string) (fs.File, error) {
	f, _, err := r.open(name)
	if err != nil {
		return nil, err // a nil *os.File is not a nil fs.File
	}
	return f, nil
}

func (r *rootFS) open(name string) (*os.File, fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f := openBeneath(r.dir(), name)
	if f == nil {
		var err error
		f, err = r.root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
		if err != nil {
			return nil, nil, r.explain(name, err)
		}
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, r.explain(name, err)
	}
	switch mode := st.Mode(); {
	case mode.IsRegular():
		return f, st, nil
	case mode.IsDir():
		if lst, err := r.root.Lstat(name); err == nil && lst.Mode()&fs.ModeSymlink != 0 {
			f.Close()
			return nil, nil, diag.Errorf(diag.Pos{File: name}, "symbolic link to a directory (-> %s): not followed; link the files in it instead", r.target(name))
		}
		return f, st, nil
	default:
		f.Close()
		return nil, nil, diag.Errorf(diag.Pos{File: name}, "not a regular file (%s)", kind(mode))
	}
}

// ReadFile implements fs.ReadFileFS.
func (r *rootFS) ReadFile(name string) ([]byte, error) {
	b, _, err := r.AppendFileMax(nil, name, math.MaxInt64-1)
	return b, err
}

// AppendFileMax implements limits.Appender: it appends the file name to
// dst, reading at most max+1 bytes of it, or none when the file has more
// than max bytes (it then returns the file's size). A regular file is
// read in openat2, fstat, read and close calls (readBeneath); anything
// else, or when openat2 cannot be used, is opened as Open does.
func (r *rootFS) AppendFileMax(dst []byte, name string, max int64) (b []byte, size int64, err error) {
	return r.appendFile(dst, name, max, 0)
}

// AppendFileHead implements limits.HeadAppender: as AppendFileMax, but
// of a regular file that has more than n bytes as it is opened, it reads
// only the first n. A file that is not read in openat2, fstat, read and
// close calls is read whole.
func (r *rootFS) AppendFileHead(dst []byte, name string, n, max int64) (b []byte, size int64, err error) {
	if n <= 0 {
		n = 1
	}
	return r.appendFile(dst, name, max, n)
}

// appendFile is AppendFileMax, or AppendFileHead when head > 0.
func (r *rootFS) appendFile(dst []byte, name string, max, head int64) (b []byte, size int64, err error) {
	if !fs.ValidPath(name) {
		return nil, 0, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	b, size, done, err := readBeneath(r.dir(), dst, name, max, head)
	if done {
		if err != nil {
			return nil, 0, readErr(name, err)
		}
		return b, size, nil
	}
	f, st, err := r.open(name)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	if st.Size() > max {
		return nil, st.Size(), nil
	}
	if b, err = appendRead(dst, st.Size(), max, st.Mode().IsRegular(), f.Read); err != nil {
		return nil, 0, readErr(name, err)
	}
	return b, 0, nil
}

// appendHead appends to dst the first n bytes that read gives, fewer
// when it finds io.EOF before.
func appendHead(dst []byte, n int64, read func([]byte) (int, error)) ([]byte, error) {
	start := len(dst)
	b := slices.Grow(dst, int(n))
	for int64(len(b)-start) < n {
		k, err := read(b[len(b) : start+int(n)])
		b = b[:len(b)+k]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	return b, nil
}

// appendRead appends to dst what read gives until io.EOF, at most max+1
// bytes, into a buffer one byte larger than size (the file's), so that
// the read that finds the end needs no more room. For a regular file
// (regular), a first read that gives the size fstat gave, fewer bytes
// than it asked for, ends the reading, without the read that would only
// find io.EOF: the file had that size as it was read. A file that grew
// since (the read gives more) or shrank (it gives less), or that is read
// in smaller reads, is read on to io.EOF, as before.
func appendRead(dst []byte, size, max int64, regular bool, read func([]byte) (int, error)) ([]byte, error) {
	start := len(dst)
	b := slices.Grow(dst, int(size)+1)
	for {
		room := min(int64(cap(b)-len(b)), max+1-int64(len(b)-start))
		if room <= 0 {
			return b, nil // more than max: the caller says so
		}
		n, err := read(b[len(b) : len(b)+int(room)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
		if regular && size > 0 && int64(n) == size && int64(len(b)-start) == size {
			return b, nil // all of it, in one read that asked for more
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // the file grew
		}
	}
}

// readErr names the file in an error reading it ("content/x.md: is a
// directory").
func readErr(name string, err error) error {
	return diag.Errorf(diag.Pos{File: name}, "%v", underlying(err))
}

// ReadDir implements fs.ReadDirFS. Entries keep their own type: a
// symbolic link is listed as one, so fs.WalkDir never follows it into a
// directory.
func (r *rootFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	if entries, ok := readDirBeneath(r.dir(), r.root, name); ok {
		return entries, nil
	}
	entries, err := fs.ReadDir(r.fsys, name)
	if err != nil {
		return nil, r.explain(name, err)
	}
	return entries, nil
}

// Stat implements fs.StatFS; it follows links inside the site.
func (r *rootFS) Stat(name string) (fs.FileInfo, error) {
	st, err := fs.Stat(r.fsys, name)
	if err != nil {
		return nil, r.explain(name, err)
	}
	return st, nil
}

// explain turns an error of the root into one naming the file, or the
// symbolic link that leaves the site.
func (r *rootFS) explain(name string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		if st, lerr := r.root.Lstat(name); lerr == nil && st.Mode()&fs.ModeSymlink != 0 {
			return diag.Errorf(diag.Pos{File: name}, "symbolic link to a missing file (-> %s)", r.target(name))
		}
		return err
	}
	if errors.Is(err, fs.ErrInvalid) {
		return err
	}
	// Find the first component of name that is a link the root refuses,
	// or a file where a directory must be.
	parts := strings.Split(name, "/")
	for i := range parts {
		p := path.Join(parts[:i+1]...)
		st, lerr := r.root.Lstat(p)
		if lerr != nil {
			break
		}
		if st.Mode().IsRegular() && i < len(parts)-1 {
			return diag.Errorf(diag.Pos{File: p}, "not a directory")
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			continue
		}
		if _, serr := r.root.Stat(p); serr != nil && !errors.Is(serr, fs.ErrNotExist) {
			target := r.target(p)
			if r.abs != "" && filepath.IsAbs(target) && isWithin(r.abs, target) {
				return diag.Errorf(diag.Pos{File: p}, "absolute symbolic link (-> %s): only relative links inside the site are followed", target)
			}
			return diag.Errorf(diag.Pos{File: p}, "symbolic link leaves the site (-> %s)", target)
		}
	}
	return diag.Errorf(diag.Pos{File: name}, "%v", underlying(err))
}

// target returns where the link at name points, as written in the link.
func (r *rootFS) target(name string) string {
	t, err := r.root.Readlink(name)
	if err != nil {
		return "?"
	}
	return t
}

// underlying returns the cause of a *fs.PathError ("permission denied"),
// else err.
func underlying(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// isWithin reports whether the absolute path p is dir or under it.
func isWithin(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func kind(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeDevice != 0:
		return "a device"
	default:
		return "mode " + mode.String()
	}
}

// close closes the directory openBeneath used, if it was opened.
func (r *rootFS) close() {
	r.dirOnce.Do(func() {
		if f := r.dir(); f != nil {
			f.Close()
		}
	})
}
