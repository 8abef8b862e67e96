package sitefs

import (
	"errors"
	"os"
	"slices"
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
	if dir == nil {
		return -1
	}
	fd := int(dir.Fd())
	how := unix.OpenHow{
		Flags:   unix.O_RDONLY | unix.O_CLOEXEC | unix.O_NONBLOCK,
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
// none and returns its size. It opens the file as openBeneath does and
// reads it without an *os.File, which would ask whether the descriptor
// is non-blocking (fcntl), try to add it to the runtime's poller
// (epoll_ctl, which refuses regular files) and set a finalizer: the
// system calls are openat2, fstat, the reads (the last one finds the end)
// and close. done is false, changing nothing, when openat2 or fstat
// fails or the file is not a regular file: the caller then opens it
// through os.Root, which decides and explains. A failed read is returned
// as err, with done set.
func readBeneath(dir *os.File, dst []byte, name string, max int64) (b []byte, size int64, done bool, err error) {
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
	// Read at most max+1 bytes, into a buffer one byte larger than the
	// file, so that the read that finds the end needs no more room.
	start := len(dst)
	b = slices.Grow(dst, int(st.Size)+1)
	for {
		room := min(int64(cap(b)-len(b)), max+1-int64(len(b)-start))
		if room <= 0 {
			return b, 0, true, nil // more than max: the caller says so
		}
		var n int
		err := ignoringEINTR(func() (err error) {
			n, err = unix.Read(fd, b[len(b):len(b)+int(room)])
			return err
		})
		if err != nil {
			return nil, 0, true, err
		}
		if n == 0 {
			return b, 0, true, nil
		}
		b = b[:len(b)+n]
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // the file grew
		}
	}
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
