// Package limits holds the documented limits on a site's input. Each turns
// a pathological file (a 50 MB page, ten thousand errors) into a clear
// error that names the file and the limit, instead of minutes of work,
// gigabytes of memory or a screen of output nobody reads:
//
//   - a Markdown page (content/<locale>/**.md, front matter included) may
//     have at most [PageSize] bytes;
//   - the configuration (guidegen.yaml), a UI strings file
//     (locales/<locale>.yaml), a glossary (locales/glossary.<locale>.txt)
//     and the data vocabulary (content/data/vocabulary.yaml) at most
//     [DataSize] bytes each;
//   - the command line prints at most [Problems] problems (errors first),
//     then "… and N more problems"; a page with invalid UTF-8 gets a
//     warning for each of its first [InvalidUTF8Lines] lines that have
//     some, then one that counts the other lines.
//
// Sizes are checked before a file is parsed, and a file is never read
// further than its limit, so a file that grows while it is read cannot
// exhaust memory either.
package limits

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"

	"github.com/guidegen/guidegen/internal/diag"
)

// Size is a number of bytes.
type Size int64

const (
	// PageSize is the largest Markdown page: more than a hundred times
	// the longest page of the bundled guide.
	PageSize Size = 4 << 20
	// DataSize is the largest configuration, UI strings, glossary or
	// vocabulary file: the bundled guide's largest has 11 KiB.
	DataSize Size = 1 << 20
	// Problems is how many problems the command line prints.
	Problems = 100
	// InvalidUTF8Lines is how many lines of a page get a warning of their
	// own about invalid UTF-8.
	InvalidUTF8Lines = 10
)

// String returns the size in bytes, KiB or MiB ("4 MiB", "5.2 MiB").
func (s Size) String() string {
	switch {
	case s >= 1<<20:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", float64(s)/(1<<20)), ".0") + " MiB"
	case s >= 1<<10:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", float64(s)/(1<<10)), ".0") + " KiB"
	default:
		return diag.Plural(int(s), "byte", "bytes")
	}
}

// ReadFile reads the file name of fsys, or fails with an error naming it
// when it has more than max bytes. The file is not read further than
// that. An error opening the file is returned as it is (so that callers
// can test for fs.ErrNotExist).
func ReadFile(fsys fs.FS, name string, max Size) ([]byte, error) {
	return AppendFile(nil, fsys, name, max)
}

// An Appender is a file system that reads a whole file itself, in fewer
// system calls than Open, Stat and Read take (a site's directory:
// sitefs). AppendFile uses it, and keeps the limit and its messages.
type Appender interface {
	// AppendFileMax appends the file name to dst, reading at most max+1
	// bytes of it. When the file has more than max bytes as it is
	// opened, it reads none of them and returns the file's size (else
	// size is at most max). An error opening the file is returned as
	// Open returns it; an error reading it names the file.
	AppendFileMax(dst []byte, name string, max int64) (b []byte, size int64, err error)
}

// AppendFile reads the file name of fsys as ReadFile does and appends it
// to dst, so that a caller can read files into a buffer it reuses.
func AppendFile(dst []byte, fsys fs.FS, name string, max Size) ([]byte, error) {
	if a, ok := fsys.(Appender); ok {
		b, size, err := a.AppendFileMax(dst, name, int64(max))
		return appended(b, len(dst), size, err, name, max)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	n := int64(512)
	if st, err := f.Stat(); err == nil {
		if Size(st.Size()) > max {
			return nil, tooLarge(name, st.Size(), max)
		}
		n = st.Size() + 1 // so that the read that finds io.EOF needs no more room
	}
	// Read at most max+1 bytes, into a buffer of the file's size.
	r := io.LimitReader(f, int64(max)+1)
	start := len(dst)
	b := slices.Grow(dst, int(n))
	for {
		nr, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+nr]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, readErr(name, err)
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // the file grew, or its size is unknown
		}
	}
	if Size(len(b)-start) > max {
		return nil, tooLarge(name, -1, max)
	}
	return b, nil
}

// A HeadAppender is an Appender that can read the start of a file only.
type HeadAppender interface {
	Appender
	// AppendFileHead is AppendFileMax, but it may read only the first n
	// bytes of a file that has more than n (and at most max) bytes.
	AppendFileHead(dst []byte, name string, n, max int64) (b []byte, size int64, err error)
}

// AppendHead appends at least the first n bytes of the file name of fsys
// to dst (all of it when it has fewer), for a caller that needs only the
// start of a file (a page's front matter): a HeadAppender reads no more,
// another file system reads the whole file. It fails as AppendFile does
// when the file cannot be opened or has more than max bytes as it is
// opened; a file that grows past max while it is read, or that cannot
// be read after its first n bytes, is not noticed (AppendFile notices).
func AppendHead(dst []byte, fsys fs.FS, name string, n int, max Size) ([]byte, error) {
	a, ok := fsys.(HeadAppender)
	if !ok {
		return AppendFile(dst, fsys, name, max)
	}
	b, size, err := a.AppendFileHead(dst, name, int64(n), int64(max))
	return appended(b, len(dst), size, err, name, max)
}

// appended checks what an Appender or HeadAppender gave: b, appended to
// start bytes, from a file of size bytes as it was opened.
func appended(b []byte, start int, size int64, err error, name string, max Size) ([]byte, error) {
	switch {
	case err != nil:
		return nil, err
	case Size(size) > max:
		return nil, tooLarge(name, size, max)
	case Size(len(b)-start) > max:
		return nil, tooLarge(name, -1, max)
	}
	return b, nil
}

// readErr names the file in an error reading it.
func readErr(name string, err error) error {
	var p *diag.Problem
	if errors.As(err, &p) {
		return err
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return diag.Errorf(diag.Pos{File: name}, "%v", err)
}

// tooLarge says that the file name has size bytes (-1: more than max).
func tooLarge(name string, size int64, max Size) error {
	if size < 0 {
		return diag.Errorf(diag.Pos{File: name}, "file too large: more than the limit of %s for this file", max)
	}
	return diag.Errorf(diag.Pos{File: name}, "file too large: %s (%d bytes), more than the limit of %s for this file", Size(size), size, max)
}
