package output

import (
	"io/fs"

	"golang.org/x/sys/unix"
)

// identify returns the identity of the directory dir, not following a
// final link.
func identify(dir string) (dirID, error) {
	var st unix.Statx_t
	err := unix.Statx(unix.AT_FDCWD, dir, unix.AT_SYMLINK_NOFOLLOW, unix.STATX_INO|unix.STATX_BTIME, &st)
	if err != nil {
		return dirID{}, &fs.PathError{Op: "statx", Path: dir, Err: err}
	}
	id := dirID{dev: unix.Mkdev(st.Dev_major, st.Dev_minor), ino: st.Ino}
	if st.Mask&unix.STATX_BTIME != 0 {
		id.birth = st.Btime.Sec*1e9 + int64(st.Btime.Nsec)
	}
	return id, nil
}
