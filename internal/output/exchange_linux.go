package output

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchange atomically swaps two directories with renameat2(RENAME_EXCHANGE),
// falling back to renames where the file system does not support it.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EXDEV) {
		return swapByRename(a, b)
	}
	return err
}
