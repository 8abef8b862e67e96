package build_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/guidegen/guidegen/internal/output"
)

// TestRebuildInPlace: a rebuild overwrites the previous generation's
// files in place, the ones it writes after its pages too (the sitemap,
// the search index and shards: Settle leaves them to Commit rather than
// removing and making them again), and removes every stale file, in the
// directories Settle prunes and in those it leaves to Commit.
func TestRebuildInPlace(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	for range 2 {
		if _, err := buildSite(t, fixture, out); err != nil {
			t.Fatal(err)
		}
	}
	stage := output.StageDir(out)
	inode := func(p string) uint64 {
		st, err := os.Lstat(p)
		if err != nil {
			t.Fatal(err)
		}
		return st.Sys().(*syscall.Stat_t).Ino
	}
	kept := map[string]uint64{}
	for _, rel := range []string{"index.html", "sitemap.xml", "robots.txt"} {
		kept[rel] = inode(filepath.Join(stage, rel))
	}
	err := filepath.WalkDir(filepath.Join(stage, "search"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(stage, p)
		kept[filepath.ToSlash(rel)] = inode(p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	stale := []string{"stale.html", "search/stale.json", "guide/stale.html", "gone/deep/index.html"}
	for _, rel := range stale {
		p := filepath.Join(stage, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("stale"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := buildSite(t, fixture, out); err != nil {
		t.Fatal(err)
	}
	n := 0
	for rel, ino := range kept {
		if strings.HasPrefix(rel, "search/") && !strings.HasPrefix(rel, "search/p/") {
			n++ // the index and shards, written after the pages
		}
		if got := inode(filepath.Join(out, filepath.FromSlash(rel))); got != ino {
			t.Errorf("%s: made again (inode %d, was %d), not overwritten in place", rel, got, ino)
		}
	}
	if n == 0 {
		t.Error("the fixture's search index has no file besides the fragments")
	}
	for _, rel := range append(stale, "gone") {
		if _, err := os.Lstat(filepath.Join(out, filepath.FromSlash(rel))); err == nil {
			t.Errorf("%s: stale, still in the output", rel)
		}
	}
}
