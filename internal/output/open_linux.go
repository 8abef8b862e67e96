package output

import (
	"errors"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// openExisting opens the regular file at clean below the directory dirfd
// for overwriting, in one openat2 call that resolves no symbolic link at
// all (RESOLVE_NO_SYMLINKS) and stays beneath dirfd. It is the fast path
// of a rebuild, where nearly every file exists: os.Root would open every
// directory on the way. It returns ok false, having changed nothing, when
// the file is missing or is not a regular file with a single name (a
// link, a directory, a special file, a hard link), and unsupported true
// when the kernel or a sandbox refuses openat2; the caller then takes the
// os.Root path.
func openExisting(dirfd int, name, clean string) (f *os.File, ok, unsupported bool) {
	how := unix.OpenHow{
		Flags:   unix.O_WRONLY | unix.O_CLOEXEC | unix.O_NOFOLLOW | unix.O_NONBLOCK,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_NO_MAGICLINKS,
	}
	var fd int
	var err error
	for {
		fd, err = unix.Openat2(dirfd, clean, &how)
		if !errors.Is(err, unix.EINTR) {
			break
		}
	}
	if err != nil {
		return nil, false, errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EPERM)
	}
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Nlink != 1 ||
		unix.Ftruncate(fd, 0) != nil {
		unix.Close(fd)
		return nil, false, false
	}
	// O_NONBLOCK kept a FIFO from blocking the open; a regular file does
	// not need it.
	if _, err := unix.FcntlInt(uintptr(fd), unix.F_SETFL, 0); err != nil {
		unix.Close(fd)
		return nil, false, false
	}
	return os.NewFile(uintptr(fd), filepath.Join(name, filepath.FromSlash(clean))), true, false
}
