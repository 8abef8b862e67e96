// Package golden compares test output with files under testdata. Run the
// tests with -update to rewrite the files, then review the diff.
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files with the current output")

// Update reports whether the test run was asked to rewrite golden files.
func Update() bool { return *update }

// Check compares got with the golden file at path, or writes it with -update.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (run with -update to accept, then review the diff):\n%s", path, Diff(string(want), string(got)))
	}
}

// Diff returns a short line diff of two texts: the first differing lines
// with a little context.
func Diff(want, got string) string {
	wl := strings.Split(want, "\n")
	gl := strings.Split(got, "\n")
	i := 0
	for i < len(wl) && i < len(gl) && wl[i] == gl[i] {
		i++
	}
	var b strings.Builder
	start := max(0, i-2)
	for j := start; j < i; j++ {
		b.WriteString("  " + wl[j] + "\n")
	}
	for j := i; j < min(len(wl), i+5); j++ {
		b.WriteString("- " + wl[j] + "\n")
	}
	for j := i; j < min(len(gl), i+5); j++ {
		b.WriteString("+ " + gl[j] + "\n")
	}
	return b.String()
}
