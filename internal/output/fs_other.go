//go:build !unix

package output

import (
	"errors"
	"io/fs"
	"os"
)

const (
	oNoFollow = 0
	oNonBlock = 0
)

var errLocked = errors.New("locked")

// flock is a no-op where flock(2) does not exist: concurrent builds into
// one directory are not detected there.
func flock(f *os.File) error { return nil }

func hardLinked(st fs.FileInfo) bool { return false }
