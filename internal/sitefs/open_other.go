//go:build !linux

package sitefs

import (
	"io/fs"
	"os"
)

func openBeneath(*os.File, string) *os.File { return nil }

func rootDir(*os.Root) func() *os.File { return func() *os.File { return nil } }

func readBeneath(*os.File, []byte, string, int64, int64) ([]byte, int64, bool, error) {
	return nil, 0, false, nil
}

func readDirBeneath(*os.File, *os.Root, string) ([]fs.DirEntry, bool) { return nil, false }
