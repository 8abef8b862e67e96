package sitefs

import (
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/limits"
)

// fakeFile is a file that fstat said had size bytes but that holds data
// when it is read (it grew or shrank in between); each read gives at most
// chunk bytes (0: as many as asked for, as a local file system does).
type fakeFile struct {
	data  []byte
	chunk int
	reads int
}

func (f *fakeFile) read(p []byte) (int, error) {
	f.reads++
	if len(f.data) == 0 {
		return 0, io.EOF
	}
	n := len(p)
	if f.chunk > 0 {
		n = min(n, f.chunk)
	}
	n = copy(p, f.data[:min(n, len(f.data))])
	f.data = f.data[n:]
	return n, nil
}

// oldAppendRead is appendRead as it was before it stopped at a regular
// file's size: it reads until io.EOF.
func oldAppendRead(dst []byte, size, max int64, read func([]byte) (int, error)) ([]byte, error) {
	start := len(dst)
	b := slices.Grow(dst, int(size)+1)
	for {
		room := min(int64(cap(b)-len(b)), max+1-int64(len(b)-start))
		if room <= 0 {
			return b, nil
		}
		n, err := read(b[len(b) : len(b)+int(room)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}

// TestAppendReadSizes: reading a file that has the size fstat gave takes
// one read when the file is regular (no read that only finds the end),
// and what is read is what reading to the end reads, whether the file
// kept its size, grew (within and past the limit) or shrank since fstat,
// whatever the size of the reads, and for files that are not regular.
func TestAppendReadSizes(t *testing.T) {
	const max = 64
	x := func(n int) []byte { return bytes.Repeat([]byte{'x'}, n) }
	for _, tc := range []struct {
		name      string
		size      int64
		data      []byte
		chunk     int
		regular   bool
		wantReads int // 0: not checked
		want      []byte
	}{
		{"same size", 10, x(10), 0, true, 1, x(10)},
		{"empty", 0, nil, 0, true, 1, nil},
		{"at the limit", max, x(max), 0, true, 1, x(max)},
		{"grew", 10, x(30), 0, true, 0, x(30)},
		{"grew by one", 10, x(11), 0, true, 0, x(11)},
		{"grew past the limit", 10, x(200), 0, true, 0, x(max + 1)},
		{"shrank", 10, x(4), 0, true, 2, x(4)},
		{"shrank to nothing", 10, nil, 0, true, 1, nil},
		{"short reads", 10, x(10), 3, true, 5, x(10)},
		{"short reads, grew", 10, x(14), 7, true, 0, x(14)},
		{"not regular", 10, x(10), 0, false, 2, x(10)},
		{"not regular, size unknown", 0, x(20), 0, false, 0, x(20)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, dst := range [][]byte{nil, []byte("ab")} {
				f := &fakeFile{data: tc.data, chunk: tc.chunk}
				got, err := appendRead(dst, tc.size, max, tc.regular, f.read)
				want := append(append([]byte{}, dst...), tc.want...)
				if err != nil || !bytes.Equal(got, want) {
					t.Errorf("appendRead(%q) = %q, %v; want %q", dst, got, err, want)
				}
				if tc.wantReads > 0 && f.reads != tc.wantReads {
					t.Errorf("appendRead(%q): %d reads, want %d", dst, f.reads, tc.wantReads)
				}
				old := &fakeFile{data: tc.data, chunk: tc.chunk}
				if o, _ := oldAppendRead(dst, tc.size, max, old.read); !bytes.Equal(got, o) {
					t.Errorf("appendRead(%q) = %q; reading to the end: %q", dst, got, o)
				}
			}
		})
	}
}

// FuzzAppendRead: for any size fstat gave and any file read in reads of
// any size that a local file system gives (as many bytes as asked for,
// or all that is left), appendRead reads what reading to the end does.
func FuzzAppendRead(f *testing.F) {
	f.Add(uint16(10), uint16(10), uint16(64), "ab", true)
	f.Add(uint16(10), uint16(11), uint16(64), "", true)
	f.Add(uint16(10), uint16(3), uint16(10), "", false)
	f.Fuzz(func(t *testing.T, size, n, max uint16, dst string, regular bool) {
		if size > max {
			return // refused before reading
		}
		data := bytes.Repeat([]byte{'y'}, int(n))
		f1, f2 := &fakeFile{data: data}, &fakeFile{data: data}
		got, err := appendRead([]byte(dst), int64(size), int64(max), regular, f1.read)
		want, _ := oldAppendRead([]byte(dst), int64(size), int64(max), f2.read)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("appendRead = %d bytes, %v; reading to the end: %d", len(got), err, len(want))
		}
	})
}

// TestAppendFileHead: reading the start of a file of the site gives the
// first n bytes of what reading all of it gives (all of it when it has
// no more), and the same errors, for files within, at and over the
// limit, a directory, a named pipe, links inside and out of the site, a
// missing file and an invalid name.
func TestAppendFileHead(t *testing.T) {
	const limit = 1024
	s, fifo := sizedSite(t, map[string]string{
		"content/en/empty.md": "",
		"content/en/small.md": "0123456789",
		"content/en/limit.md": strings.Repeat("x", limit),
		"content/en/big.md":   strings.Repeat("x", limit+1),
	})
	if _, ok := s.FS.(limits.HeadAppender); !ok {
		t.Fatal("the site's file system is not a limits.HeadAppender")
	}
	names := []string{
		"content/en/index.md", "content/en/empty.md", "content/en/small.md", "content/en/limit.md", "content/en/big.md",
		"content/en/link.md", "content/en", "content/en/leak.md", "assets/img/a.svg", "assets/img/env.txt",
		"assets/abs.svg", "assets/img2", "assets/etc/secret.txt", "assets/missing.svg", "../secret.txt",
	}
	if fifo {
		names = append(names, "content/en/fifo.md")
	}
	for _, name := range names {
		for _, n := range []int{0, 1, 3, 10, 11, limit, limit + 1} {
			dst := "ab"
			want, wantErr := limits.AppendFile([]byte(dst), s.FS, name, limit)
			got, gotErr := limits.AppendHead([]byte(dst), s.FS, name, n, limit)
			if errString(gotErr) != errString(wantErr) {
				t.Errorf("AppendHead(%s, %d): %v; AppendFile: %v", name, n, gotErr, wantErr)
				continue
			}
			if wantLen := len(dst) + min(len(want)-len(dst), max(n, 1)); wantErr == nil && string(got) != string(want[:wantLen]) {
				t.Errorf("AppendHead(%s, %d) = %.20q (%d bytes); want %.20q (%d)", name, n, got, len(got), want[:wantLen], wantLen)
			}
		}
	}
}
