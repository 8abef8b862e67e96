//go:build !unix

package output

import "fmt"

// identify cannot tell a directory's identity here, so the marker vouches
// for nothing and only an empty or missing output is replaced.
func identify(dir string) (dirID, error) {
	return dirID{}, fmt.Errorf("%s: cannot tell the identity of a directory on this system", dir)
}
