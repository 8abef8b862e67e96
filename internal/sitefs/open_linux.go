package sitefs

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// openBeneath opens name below the directory of root in one openat2 call
// that, like os.Root, follows no link and no ".." out of it
// (RESOLVE_BENEATH, RESOLVE_NO_MAGICLINKS): os.Root opens and closes every
// directory on the way (four opens for content/en/section/page.md). It
// returns nil when openat2 fails for any reason, changing nothing; the
// caller then opens through os.Root, which decides and explains.
func openBeneath(dir *os.File, name string) *os.File {
	fd := openat2(dir, name)
	if fd < 0 {
		return nil
	}
	return os.NewFile(uintptr(fd), name)
}

// openat2 opens name below dir as openBeneath does, and returns its file
// descriptor, or -1.
func openat2(dir *os.File, name string) int {
	return openat2Flags(dir, name, unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NONBLOCK)
}

func openat2Flags(dir *os.File, name string, flags int) int {
	if dir == nil {
		return -1
	}
	fd := int(dir.Fd())
	how := unix.OpenHow{
		Flags:   uint64(flags),
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS,
	}
	for {
		nfd, err := unix.Openat2(fd, name, &how)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return -1
		}
		return nfd
	}
}

// readBeneath appends the regular file name below dir to dst, reading at
// most max+1 bytes of it, unless it has more than max bytes: then it reads
// none and returns its size. With head > 0, it reads only the file's first
// head bytes when it has more (as fstat says). It opens the file as
// openBeneath does and reads it without an *os.File, which would ask
// whether the descriptor is non-blocking (fcntl), try to add it to the
// runtime's poller (epoll_ctl, which refuses regular files) and set a
// finalizer: the system calls are openat2, fstat, the reads (one, when it
// gives the file's size; else the last one finds the end) and close.
// done is false, changing nothing, when openat2 or fstat fails or the
// file is not a regular file: the caller then opens it through os.Root,
// which decides and explains. A failed read is returned as err, with done
// set.
func readBeneath(dir *os.File, dst []byte, name string, max, head int64) (b []byte, size int64, done bool, err error) {
	fd := openat2(dir, name)
	if fd < 0 {
		return nil, 0, false, nil
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := ignoringEINTR(func() error { return unix.Fstat(fd, &st) }); err != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, 0, false, nil
	}
	if st.Size > max {
		return nil, st.Size, true, nil
	}
	read := func(p []byte) (n int, err error) {
		err = ignoringEINTR(func() (err error) {
			n, err = unix.Read(fd, p)
			return err
		})
		switch {
		case err != nil:
			return 0, err
		case n == 0:
			return 0, io.EOF
		}
		return n, nil
	}
	if head > 0 && st.Size > head {
		b, err = appendHead(dst, head, read)
	} else {
		b, err = appendRead(dst, st.Size, max, true, read)
	}
	if err != nil {
		return nil, 0, true, err
	}
	return b, 0, true, nil
}

func ignoringEINTR(f func() error) error {
	for {
		if err := f(); !errors.Is(err, unix.EINTR) {
			return err
		}
	}
}

// rootDir opens root's directory once, for openBeneath; nil when it
// cannot be opened.
func rootDir(root *os.Root) func() *os.File {
	return sync.OnceValue(func() *os.File {
		f, err := root.Open(".")
		if err != nil {
			return nil
		}
		return f
	})
}

// readDirBeneath lists the directory name below dir, sorted by name, as
// os.Root's ReadDir does, but without its lstat of every entry: an
// entry's type is the one the directory records (getdents64), and only an
// entry of unknown type is looked at, through root, which also answers
// Info. It opens the directory as openBeneath does; ok is false when the
// directory cannot be opened or read so: the caller then reads it through
// os.Root, which decides and explains.
func readDirBeneath(dir *os.File, root *os.Root, name string) (entries []fs.DirEntry, ok bool) {
	fd := openat2Flags(dir, name, unix.O_RDONLY|unix.O_CLOEXEC|unix.O_DIRECTORY)
	if fd < 0 {
		return nil, false
	}
	defer unix.Close(fd)
	buf := make([]byte, 8<<10)
	for {
		var n int
		err := ignoringEINTR(func() (err error) {
			n, err = unix.Getdents(fd, buf)
			return err
		})
		if err != nil {
			return nil, false
		}
		if n <= 0 {
			break
		}
		for rec := buf[:n]; len(rec) >= direntName; {
			reclen := int(binary.NativeEndian.Uint16(rec[direntReclen:]))
			if reclen < direntName || reclen > len(rec) {
				return nil, false
			}
			ino := binary.NativeEndian.Uint64(rec)
			typ := rec[direntType]
			entry := rec[direntName:reclen]
			if i := bytes.IndexByte(entry, 0); i >= 0 {
				entry = entry[:i]
			}
			rec = rec[reclen:]
			if ino == 0 || string(entry) == "." || string(entry) == ".." {
				continue
			}
			d := &dirent{name: string(entry), path: path.Join(name, string(entry)), root: root}
			mode, known := direntMode(typ)
			if !known {
				st, err := root.Lstat(d.path)
				if err != nil {
					return nil, false
				}
				mode = st.Mode().Type()
			}
			d.typ = mode
			entries = append(entries, d)
		}
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, true
}

// The layout of a struct linux_dirent64.
const (
	direntReclen = 16 // after d_ino and d_off
	direntType   = 18
	direntName   = 19
)

// direntMode returns the type of a directory entry; known is false for
// DT_UNKNOWN (or a type it does not know).
func direntMode(typ uint8) (mode fs.FileMode, known bool) {
	switch typ {
	case unix.DT_REG:
		return 0, true
	case unix.DT_DIR:
		return fs.ModeDir, true
	case unix.DT_LNK:
		return fs.ModeSymlink, true
	case unix.DT_FIFO:
		return fs.ModeNamedPipe, true
	case unix.DT_SOCK:
		return fs.ModeSocket, true
	case unix.DT_CHR:
		return fs.ModeDevice | fs.ModeCharDevice, true
	case unix.DT_BLK:
		return fs.ModeDevice, true
	}
	return 0, false
}

// dirent is an entry of a directory of the site; Info looks at it
// through the site's root, without following a link.
type dirent struct {
	name, path string
	typ        fs.FileMode
	root       *os.Root
}

func (d *dirent) Name() string               { return d.name }
func (d *dirent) IsDir() bool                { return d.typ.IsDir() }
func (d *dirent) Type() fs.FileMode          { return d.typ }
func (d *dirent) Info() (fs.FileInfo, error) { return d.root.Lstat(d.path) }
func (d *dirent) String() string             { return fs.FormatDirEntry(d) }
