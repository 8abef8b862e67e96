package limits

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestSizeString(t *testing.T) {
	for s, want := range map[Size]string{
		0: "0 bytes", 1023: "1023 bytes", 1024: "1 KiB", 1536: "1.5 KiB", 4 << 20: "4 MiB", 5<<20 + 1<<19: "5.5 MiB",
	} {
		if got := s.String(); got != want {
			t.Errorf("Size(%d) = %q, want %q", int64(s), got, want)
		}
	}
}

func TestReadFile(t *testing.T) {
	fsys := fstest.MapFS{
		"small.md": {Data: []byte("hello")},
		"limit.md": {Data: []byte(strings.Repeat("x", 1024))},
		"big.md":   {Data: []byte(strings.Repeat("x", 1025))},
	}
	for _, name := range []string{"small.md", "limit.md"} {
		b, err := ReadFile(fsys, name, 1024)
		if err != nil || string(b) != string(fsys[name].Data) {
			t.Errorf("%s: %d bytes, %v", name, len(b), err)
		}
	}
	_, err := ReadFile(fsys, "big.md", 1024)
	want := "big.md: file too large: 1 KiB (1025 bytes), more than the limit of 1 KiB for this file"
	if err == nil || err.Error() != want {
		t.Errorf("big.md: %v\nwant %s", err, want)
	}
	if _, err := ReadFile(fsys, "missing.md", 1024); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing.md: %v, want fs.ErrNotExist", err)
	}
}

// endless is a file that says it is empty (as files in /proc do) and never
// ends; it counts the bytes read from it.
type endless struct{ read int }

func (e *endless) Stat() (fs.FileInfo, error) { return info{}, nil }
func (e *endless) Close() error               { return nil }
func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	e.read += len(p)
	return len(p), nil
}

type info struct{}

func (info) Name() string       { return "endless" }
func (info) Size() int64        { return 0 }
func (info) Mode() fs.FileMode  { return 0 }
func (info) ModTime() time.Time { return time.Time{} }
func (info) IsDir() bool        { return false }
func (info) Sys() any           { return nil }

type endlessFS struct{ f *endless }

func (e endlessFS) Open(string) (fs.File, error) { return e.f, nil }

// TestReadFileStopsAtLimit: a file whose size is not known in advance is
// read no further than the limit.
func TestReadFileStopsAtLimit(t *testing.T) {
	f := &endless{}
	_, err := ReadFile(endlessFS{f}, "endless", PageSize)
	if err == nil || !strings.Contains(err.Error(), "endless: file too large: more than the limit of 4 MiB") {
		t.Errorf("err = %v", err)
	}
	if f.read > int(PageSize)+64<<10 {
		t.Errorf("read %d bytes for a limit of %d", f.read, PageSize)
	}
}

// TestAppendFile: a file is appended to what the buffer holds, within the
// buffer when it has room, and the limit is of the file's bytes alone.
func TestAppendFile(t *testing.T) {
	fsys := fstest.MapFS{
		"small.md": {Data: []byte("hello")},
		"limit.md": {Data: []byte(strings.Repeat("x", 1024))},
		"big.md":   {Data: []byte(strings.Repeat("x", 1025))},
	}
	buf := make([]byte, 0, 2048)
	for _, tt := range []struct {
		dst, name, want string
		err             bool
	}{
		{"", "small.md", "hello", false},
		{"ab", "small.md", "abhello", false},
		{"ab", "limit.md", "ab" + strings.Repeat("x", 1024), false},
		{"ab", "big.md", "", true},
		{"", "missing.md", "", true},
	} {
		b, err := AppendFile(append(buf[:0], tt.dst...), fsys, tt.name, 1024)
		if (err != nil) != tt.err || string(b) != tt.want {
			t.Errorf("AppendFile(%q, %s) = %q, %v", tt.dst, tt.name, b, err)
		}
		if err == nil && &b[0] != &buf[:1][0] {
			t.Errorf("AppendFile(%q, %s) did not read into the buffer", tt.dst, tt.name)
		}
	}
}

// appender is a limits.Appender whose file has the given bytes and says
// it has size bytes when opened.
type appender struct {
	data string
	size int64
	err  error
	max  int64 // the max it was asked for
}

func (a *appender) Open(string) (fs.File, error) { return nil, errors.New("Open called") }

func (a *appender) AppendFileMax(dst []byte, _ string, max int64) ([]byte, int64, error) {
	a.max = max
	if a.err != nil {
		return nil, 0, a.err
	}
	if a.size > max {
		return nil, a.size, nil
	}
	return append(dst, a.data[:min(int64(len(a.data)), max+1)]...), 0, nil
}

// TestAppendFileAppender: a file system that reads files itself is asked
// for the limit, and AppendFile says what it says of other file systems.
func TestAppendFileAppender(t *testing.T) {
	missing := &fs.PathError{Op: "open", Path: "x.md", Err: fs.ErrNotExist}
	for _, tt := range []struct {
		a         appender
		want, err string
	}{
		{appender{data: "hello", size: 5}, "abhello", ""},
		{appender{data: strings.Repeat("x", 1024), size: 1024}, "ab" + strings.Repeat("x", 1024), ""},
		{appender{size: 2048}, "", "x.md: file too large: 2 KiB (2048 bytes), more than the limit of 1 KiB for this file"},
		{appender{size: 1025}, "", "x.md: file too large: 1 KiB (1025 bytes), more than the limit of 1 KiB for this file"},
		{appender{data: strings.Repeat("x", 2000), size: 10}, "", "x.md: file too large: more than the limit of 1 KiB for this file"},
		{appender{err: missing}, "", missing.Error()},
	} {
		b, err := AppendFile([]byte("ab"), &tt.a, "x.md", 1024)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if string(b) != tt.want || got != tt.err || tt.a.max != 1024 {
			t.Errorf("AppendFile(%+v) = %q, %v (asked for %d bytes); want %q, %s", tt.a, b, err, tt.a.max, tt.want, tt.err)
		}
	}
}
