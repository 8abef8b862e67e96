package output

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
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

// TestEndsDir: only a last record at position dirEnd ends a directory.
func TestEndsDir(t *testing.T) {
	in := []dirent{{"a", unix.DT_REG}, {"b", unix.DT_REG}}
	b := dirents(in)
	if endsDir(b) {
		t.Error("a read ending at position 2 ends the directory")
	}
	binary.NativeEndian.PutUint64(b[8:], dirEnd) // the first record's
	if endsDir(b) {
		t.Error("a read whose first record is at dirEnd ends the directory")
	}
	last := (19 + len("a") + 1 + 7) &^ 7
	binary.NativeEndian.PutUint64(b[last+8:], dirEnd)
	if !endsDir(b) {
		t.Error("a read whose last record is at dirEnd does not end the directory")
	}
	if endsDir(b[:len(b)-3]) || endsDir(nil) {
		t.Error("a truncated or empty read ends the directory")
	}
}

// TestReadWhole: read returns every entry of a directory whatever the
// size of its buffer, whether a read ends the directory or not.
func TestReadWhole(t *testing.T) {
	dir := t.TempDir()
	var want []string
	for i := range 300 {
		name := fmt.Sprintf("entry-%03d-%s", i, strings.Repeat("x", i%40))
		want = append(want, name)
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, size := range []int{maxDirent, 2 * maxDirent, 4 << 10, 32 << 10, 64 << 10} {
		fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, marked := range []bool{false, true} {
			if _, err := unix.Seek(fd, 0, 0); err != nil {
				t.Fatal(err)
			}
			p := pruner{buf: make([]byte, size), endMarked: marked}
			entries, err := p.read(fd, "")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range entries {
				got = append(got, e.name)
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("buffer of %d bytes, end marked %v: read %d of %d entries", size, marked, len(got), len(want))
			}
		}
		unix.Close(fd)
	}
}

// TestEndMarks: only the file systems whose kernel code gives directory
// positions are trusted to mark a directory's end.
func TestEndMarks(t *testing.T) {
	for _, c := range []struct {
		name string
		typ  int64
		want bool
	}{
		{"ext4", unix.EXT4_SUPER_MAGIC, true},
		{"btrfs", unix.BTRFS_SUPER_MAGIC, true},
		{"tmpfs", unix.TMPFS_MAGIC, true},
		{"fuse", unix.FUSE_SUPER_MAGIC, false},
		{"nfs", unix.NFS_SUPER_MAGIC, false},
		{"9p", unix.V9FS_MAGIC, false},
		{"overlayfs", unix.OVERLAYFS_SUPER_MAGIC, false},
	} {
		if got := endMarks(c.typ); got != c.want {
			t.Errorf("%s: endMarks = %v, want %v", c.name, got, c.want)
		}
	}
}
