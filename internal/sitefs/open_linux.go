package sitefs

import (
	"errors"
	"os"
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
	if dir == nil {
		return nil
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
			return nil
		}
		return os.NewFile(uintptr(nfd), name)
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
