package output

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestSettleWalkers: a stage with more subdirectories in a directory than
// one walker takes at a time is walked by several (walkChunk), and
// Settle prunes what it prunes alone: stale files and trees below every
// directory, a later directory's stale files left to Commit (noted as
// pending with the directories above it, wherever a walker found them),
// a directory that holds only directories, its last one written, is kept,
// and Commit then publishes exactly the build's files.
func TestSettleWalkers(t *testing.T) {
	const dirs = 5*walkChunk + 3
	prev, next := map[string]string{"index.html": "home"}, map[string]string{"index.html": "home 2"}
	var later []string
	for i := range dirs {
		d := fmt.Sprintf("l%d", i)
		prev[d+"/index.html"] = "old"
		prev[d+"/stale.html"] = "stale"
		prev[d+"/search/stale.json"] = "stale in a later directory"
		// pages/ holds directories only, all stale but one: whoever
		// walks that one, pages/ stays.
		prev[d+"/pages/p/index.html"] = "old page"
		next[d+"/pages/p/index.html"] = "page"
		for j := range 2*walkChunk + 1 {
			prev[fmt.Sprintf("%s/pages/gone%d/deep/index.html", d, j)] = "a stale tree"
		}
		next[d+"/index.html"] = "new"
		later = append(later, d+"/search")
	}
	out := filepath.Join(t.TempDir(), "public")
	buildOn(t, out, false, prev)
	buildOn(t, out, false, prev)
	s := begin(t, out, false)
	defer s.Abort()
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range next {
			if !yield(k) {
				return
			}
		}
	}) {
		if err := s.WriteFile(k, "src/"+k, []byte(next[k])); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Settle(func(dir string) bool { return dir == "." || slices.Contains(later, dir) }); err != nil {
		t.Fatal(err)
	}
	var left []string
	err := filepath.WalkDir(s.Dir(), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.Contains(p, "stale") {
			left = append(left, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != dirs {
		t.Errorf("Settle left %d stale files, want %d (those of the later directories): %v", len(left), dirs, left)
	}
	for _, d := range later {
		if !s.pending[d] || !s.pending[filepath.Dir(d)] {
			t.Errorf("%s: not pending after Settle", d)
		}
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	want(t, out, next)
}

// TestSettleWalkersKept: a directory whose entries are all directories,
// all stale but one the build writes in, stays whichever walker finds
// that one (the one that walks the last chunk itself, or another): its
// walkers' counts of what they keep add up, in Settle and in Commit's
// prune of a stage not settled. Each round lays the stage out anew, so
// the written directory comes out in another chunk.
func TestSettleWalkersKept(t *testing.T) {
	for round := range 8 {
		t.Run(fmt.Sprint(round), func(t *testing.T) {
			keep := fmt.Sprintf("sub/keep%d/index.html", round)
			prev, next := map[string]string{keep: "old"}, map[string]string{keep: "new"}
			for j := range 2*walkChunk + 1 {
				prev[fmt.Sprintf("sub/gone%d/deep/index.html", j)] = "a stale tree"
			}
			out := filepath.Join(t.TempDir(), "public")
			buildOn(t, out, false, prev)
			buildOn(t, out, false, prev)
			s := begin(t, out, false)
			defer s.Abort()
			if err := s.WriteFile(keep, "src", []byte(next[keep])); err != nil {
				t.Fatal(err)
			}
			// Settle keeps a directory the build needs under its claim
			// anyway; Commit's prune of a stage not settled does not.
			if round%2 == 0 {
				if err := s.Settle(func(string) bool { return false }); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.Commit(); err != nil {
				t.Fatal(err)
			}
			want(t, out, next)
		})
	}
}
