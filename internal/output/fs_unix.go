//go:build unix

package output

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

const (
	oNoFollow = syscall.O_NOFOLLOW
	oNonBlock = syscall.O_NONBLOCK
)

var errLocked = syscall.EWOULDBLOCK

// flock takes an exclusive lock on f without waiting: it fails with
// errLocked when another open file description holds it, in this process
// or another.
func flock(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

// hardLinked reports whether a regular file has other names, which
// truncating it in place would change too.
func hardLinked(st fs.FileInfo) bool {
	sys, ok := st.Sys().(*syscall.Stat_t)
	return ok && sys.Nlink > 1
}
