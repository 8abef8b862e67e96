package output

import (
	"encoding/binary"
	"slices"
	"testing"

	"golang.org/x/sys/unix"
)

// dirents encodes entries as getdents64 returns them: each record padded
// to 8 bytes, its name NUL-terminated.
func dirents(entries []dirent) []byte {
	var b []byte
	for i, e := range entries {
		reclen := (19 + len(e.name) + 1 + 7) &^ 7
		rec := make([]byte, reclen)
		binary.NativeEndian.PutUint64(rec[0:], uint64(100+i))
		binary.NativeEndian.PutUint64(rec[8:], uint64(i+1))
		binary.NativeEndian.PutUint16(rec[16:], uint16(reclen))
		rec[18] = e.typ
		copy(rec[19:], e.name)
		b = append(b, rec...)
	}
	return b
}

// TestParseDirents: prune sees every name and type of a directory but "."
// and "..", whatever the names' lengths.
func TestParseDirents(t *testing.T) {
	in := []dirent{
		{".", unix.DT_DIR}, {"..", unix.DT_DIR},
		{"index.html", unix.DT_REG}, {"a", unix.DT_DIR}, {"link", unix.DT_LNK},
		{"fifo", unix.DT_FIFO}, {"unknown", unix.DT_UNKNOWN}, {"12345", unix.DT_REG},
		{"..x", unix.DT_REG}, {"abcdefghijklmnopqrstuvwxyz.json", unix.DT_REG},
	}
	got := parseDirents(dirents(in), nil)
	if want := in[2:]; !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	// A truncated record is not read past.
	b := dirents(in[2:4])
	if got := parseDirents(b[:len(b)-3], nil); !slices.Equal(got, in[2:3]) {
		t.Errorf("truncated: got %q", got)
	}
}
