package output

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestSettleTypeChanges: while Settle runs, the build writes files where
// the previous generation had directories, directories where it had
// files, and through places where it had links to outside; the output
// must be exactly the new site, nothing outside changed, and Settle
// should not fail.
func TestSettleTypeChanges(t *testing.T) {
	// The race is timing-bound: without the fix in pruner, about one run
	// of this test in three fails.
	const rounds = 6
	outside := filepath.Join(t.TempDir(), "outside")
	os.MkdirAll(outside, 0o755)
	os.WriteFile(filepath.Join(outside, "keep"), []byte("keep"), 0o644)
	settleErrs := 0
	for round := range rounds {
		out := filepath.Join(t.TempDir(), "public")
		prev := map[string]string{"index.html": "old"}
		next := map[string]string{"index.html": "new", "sitemap.xml": "new"}
		for i := range 100 {
			prev[fmt.Sprintf("a%d/x/index.html", i)] = "old" // dir a%d/x becomes a file
			next[fmt.Sprintf("a%d/x", i)] = "new"
			prev[fmt.Sprintf("b%d/y", i)] = "old" // file b%d/y becomes a dir
			next[fmt.Sprintf("b%d/y/index.html", i)] = "new"
			prev[fmt.Sprintf("c%d/stale/deep/f", i)] = "stale"
			next[fmt.Sprintf("c%d/index.html", i)] = "new"
			prev[fmt.Sprintf("search/w/%d.json", i)] = "old"
			if i%2 == 0 {
				next[fmt.Sprintf("search/w/%d.json", i)] = "new"
			}
		}
		buildOn(t, out, false, prev)
		buildOn(t, out, false, prev)
		st := StageDir(out)
		for i := range 25 { // links of the previous generation
			os.RemoveAll(filepath.Join(st, fmt.Sprintf("c%d", i)))
			os.Symlink(outside, filepath.Join(st, fmt.Sprintf("c%d", i)))
		}
		s := begin(t, out, false)
		var keys []string
		for k := range next {
			if k != "sitemap.xml" && !strings.HasPrefix(k, "search/") {
				keys = append(keys, k)
			}
		}
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for w := range 3 {
			wg.Go(func() {
				for i, k := range keys {
					if (i+round)%3 == w {
						if err := s.WriteFile(k, "src/"+k, []byte(next[k])); err != nil {
							errs <- err
							return
						}
					}
				}
			})
		}
		var serr error
		wg.Go(func() {
			serr = s.Settle(func(dir string) bool { return dir == "." || strings.HasPrefix(dir, "search") })
		})
		wg.Wait()
		for k, v := range next {
			if k == "sitemap.xml" || strings.HasPrefix(k, "search/") {
				if err := s.WriteFile(k, "src/"+k, []byte(v)); err != nil {
					t.Fatal(err)
				}
			}
		}
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if serr != nil {
			settleErrs++
			t.Errorf("round %d: Settle: %v (Commit then prunes the whole stage)", round, serr)
		}
		if err := s.Commit(); err != nil {
			t.Fatal(err)
		}
		want(t, out, next)
		if b, err := os.ReadFile(filepath.Join(outside, "keep")); err != nil || string(b) != "keep" {
			t.Fatal("outside changed")
		}
		if ents, _ := os.ReadDir(outside); len(ents) != 1 {
			t.Fatalf("outside has %d entries", len(ents))
		}
	}
	t.Logf("Settle failed in %d of %d rounds", settleErrs, rounds)
}
