//go:build unix && !linux

package output

import (
	"fmt"
	"os"
	"syscall"
)

// identify returns the identity of the directory dir, not following a
// final link. Without a birth time, a directory made anew by someone else
// could reuse the inode of guidegen's; only Linux records it here.
func identify(dir string) (dirID, error) {
	st, err := os.Lstat(dir)
	if err != nil {
		return dirID{}, err
	}
	if sys, ok := st.Sys().(*syscall.Stat_t); ok {
		return dirID{dev: uint64(sys.Dev), ino: uint64(sys.Ino)}, nil
	}
	return dirID{}, fmt.Errorf("%s: cannot tell the identity of a directory on this system", dir)
}
