package mdunits_test

import (
	"encoding/hex"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown/mdtest"
	"github.com/guidegen/guidegen/internal/markdown/mdunits"
)

// TestDigestGolden: the digests of the bundled guide's English pages are
// what they were when every unit was written to the hash on its own (a
// digest is stamped in translations: it must never change). Some pages
// are longer than a chunk of the buffer Digest gathers.
func TestDigestGolden(t *testing.T) {
	got := digests(t)
	if len(got) != len(goldenDigests) {
		t.Fatalf("%d pages, want %d", len(got), len(goldenDigests))
	}
	for name, want := range goldenDigests {
		if got[name] != want {
			t.Errorf("%s: digest %s, want %s", name, got[name], want)
		}
	}
}

func digests(t *testing.T) map[string]string {
	files, _ := filepath.Glob("../../../content/en/*/*.md")
	more, _ := filepath.Glob("../../../content/en/*.md")
	files = append(files, more...)
	sort.Strings(files)
	m := mdtest.New()
	out := map[string]string{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d := m.Parse("p.md", "", src)
		sum := mdunits.Digest(d.Root, d.Source, nil)
		out[filepath.ToSlash(f[len("../../../content/en/"):])] = hex.EncodeToString(sum[:])
	}
	return out
}

// TestPrintDigests prints the table of golden_data_test.go:
// PRINT_DIGESTS=1 go test -run PrintDigests -v.
func TestPrintDigests(t *testing.T) {
	if os.Getenv("PRINT_DIGESTS") == "" {
		t.Skip("set PRINT_DIGESTS=1 to print the table")
	}
	d := digests(t)
	names := make([]string, 0, len(d))
	for n := range d {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		t.Logf("%q: %q,", n, d[n])
	}
}
