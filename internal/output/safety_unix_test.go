//go:build unix

package output

import (
	"path/filepath"
	"syscall"
	"testing"
)

// TestSpecialFilesReplaced: a FIFO left where a build writes neither
// blocks the build nor is written to; it is replaced by a regular file.
func TestSpecialFilesReplaced(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	gen := map[string]string{"index.html": "home", "a/index.html": "a"}
	build(t, out, gen)
	build(t, out, gen) // the first generation is now the staging directory
	for _, p := range []string{"index.html", "a/index.html"} {
		name := filepath.Join(StageDir(out), p)
		if err := syscall.Unlink(name); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(name, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build(t, out, gen)
	want(t, out, gen)
}
