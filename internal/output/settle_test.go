package output

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// laterDirs is what a site build writes last: the files at the root and
// in a locale's root, and its search directory (but its pages' fragments).
func laterDirs(dir string) bool {
	switch dir {
	case ".", "nl", "search", "nl/search":
		return true
	}
	return false
}

// TestSettle: a build that settles the stage midway commits exactly its
// files, whatever the previous generation left where (files of the
// previous generation it writes again after Settle, before it, stale
// files and directories, links, in directories Settle prunes and in the
// ones it leaves to Commit), and Settle prunes before Commit what it may.
func TestSettle(t *testing.T) {
	prev := map[string]string{
		"index.html":            "home",
		"sitemap.xml":           "old sitemap",
		"stale.html":            "stale at the root",
		"a/index.html":          "a",
		"a/stale.html":          "stale in a",
		"a/b/index.html":        "b",
		"gone/deep/index.html":  "a stale tree",
		"search/index.json":     "old index",
		"search/stale.json":     "stale in a later directory",
		"search/p/1.json":       "1",
		"search/p/stale.json":   "stale fragment",
		"nl/index.html":         "nl home",
		"nl/search/stale.json":  "stale in a nested later directory",
		"nl/search/p/2.json":    "2",
		"nl/c/index.html":       "c",
		"nl/c/stale/index.html": "stale below c",
	}
	next := map[string]string{
		"index.html":         "home 2",
		"sitemap.xml":        "sitemap 2",
		"a/index.html":       "a 2",
		"a/b/index.html":     "b 2",
		"search/index.json":  "index 2",
		"search/p/1.json":    "1 2",
		"nl/index.html":      "nl home 2",
		"nl/search/p/2.json": "2 2",
		"nl/c/index.html":    "c 2",
		"nl/d/index.html":    "a new page",
	}
	tests := []struct {
		name string
		// after lists the files written after Settle; the others are
		// written before it.
		after []string
		plant func(t *testing.T, stage, outside string)
	}{
		{"everything written before", nil, nil},
		{"the later files after", []string{"sitemap.xml", "search/index.json"}, nil},
		{"pages after too", []string{"sitemap.xml", "search/index.json", "a/b/index.html", "nl/d/index.html", "nl/c/index.html"}, nil},
		{"everything after", slices.Sorted(func(yield func(string) bool) {
			for k := range next {
				if !yield(k) {
					return
				}
			}
		}), nil},
		{"a link to a directory outside, stale", []string{"sitemap.xml"}, func(t *testing.T, stage, outside string) {
			symlink(t, outside, filepath.Join(stage, "a/elsewhere"))
		}},
		{"a link to a directory outside, stale in a later directory", []string{"search/index.json"}, func(t *testing.T, stage, outside string) {
			symlink(t, outside, filepath.Join(stage, "nl/search/elsewhere"))
		}},
		{"a link to a file outside, where a page is written after", []string{"a/index.html"}, func(t *testing.T, stage, outside string) {
			rm(t, filepath.Join(stage, "a/index.html"))
			symlink(t, filepath.Join(outside, "secret.txt"), filepath.Join(stage, "a/index.html"))
		}},
		{"a directory where a file is written after", []string{"a/index.html"}, func(t *testing.T, stage, outside string) {
			rm(t, filepath.Join(stage, "a/index.html"))
			writeFile(t, filepath.Join(stage, "a/index.html/x.html"), "x")
		}},
		{"a file where a directory is needed after", []string{"nl/d/index.html"}, func(t *testing.T, stage, outside string) {
			writeFile(t, filepath.Join(stage, "nl/d"), "not a directory")
		}},
	}
	for _, p := range paths {
		for _, tt := range tests {
			t.Run(p.name+"/"+tt.name, func(t *testing.T) {
				tmp := t.TempDir()
				outside := filepath.Join(tmp, "elsewhere")
				writeFile(t, filepath.Join(outside, "secret.txt"), "secret")
				before := tree(t, outside)
				out := filepath.Join(tmp, "public")
				buildOn(t, out, p.slow, prev)
				buildOn(t, out, p.slow, prev) // the first generation is now the stage
				if tt.plant != nil {
					tt.plant(t, StageDir(out), outside)
				}
				s := begin(t, out, p.slow)
				defer s.Abort()
				write := func(k string) {
					t.Helper()
					if err := s.WriteFile(k, "src/"+k, []byte(next[k])); err != nil {
						t.Fatal(err)
					}
				}
				for _, k := range slices.Sorted(func(yield func(string) bool) {
					for k := range next {
						if !slices.Contains(tt.after, k) && !yield(k) {
							return
						}
					}
				}) {
					write(k)
				}
				if err := s.Settle(laterDirs); err != nil {
					t.Fatal(err)
				}
				if fastPath {
					// Settle pruned what is not in a later directory and
					// left the rest to Commit.
					for _, gone := range []string{"a/stale.html", "gone", "search/p/stale.json", "nl/c/stale"} {
						if _, err := os.Lstat(filepath.Join(s.Dir(), gone)); err == nil {
							t.Errorf("%s: still in the stage after Settle", gone)
						}
					}
					for _, left := range []string{"stale.html", "search/stale.json", "nl/search/stale.json"} {
						if _, err := os.Lstat(filepath.Join(s.Dir(), left)); err != nil {
							t.Errorf("%s: removed by Settle (%v), though the build may write there still", left, err)
						}
					}
				}
				for _, k := range tt.after {
					write(k)
				}
				if err := s.Commit(); err != nil {
					t.Fatal(err)
				}
				want(t, out, next)
				noLinks(t, out)
				if after := tree(t, outside); !equalMaps(before, after) {
					t.Errorf("the build changed files outside the output:\n%v\nwant\n%v", after, before)
				}
			})
		}
	}
}

// TestSettleWhileWriting settles the stage while writers write every
// file: each is either written before Settle saw it, and stays, or made
// again after, and the output has every file of the build and no other.
func TestSettleWhileWriting(t *testing.T) {
	gen := func(n int, v string) map[string]string {
		m := map[string]string{"index.html": v}
		for i := range n {
			m[fmt.Sprintf("s%d/p%d/index.html", i%7, i)] = v
			m[fmt.Sprintf("search/p/%d.json", i)] = v
		}
		return m
	}
	prev := gen(400, "old")
	for i := range 50 {
		prev[fmt.Sprintf("s%d/stale%d/index.html", i%7, i)] = "stale"
	}
	for round := range 3 {
		t.Run(fmt.Sprint(round), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			buildOn(t, out, false, prev)
			buildOn(t, out, false, prev)
			next := gen(300+round*100, "new")
			s := begin(t, out, false)
			defer s.Abort()
			keys := slices.Sorted(func(yield func(string) bool) {
				for k := range next {
					if !yield(k) {
						return
					}
				}
			})
			var wg sync.WaitGroup
			errs := make(chan error, 4)
			for w := range 3 {
				wg.Go(func() {
					for i, k := range keys {
						if i%3 == w {
							if err := s.WriteFile(k, "src/"+k, []byte(next[k])); err != nil {
								errs <- err
								return
							}
						}
					}
				})
			}
			wg.Go(func() {
				if err := s.Settle(func(dir string) bool { return dir == "." || strings.HasPrefix(dir, "search") && path.Base(dir) != "p" }); err != nil {
					errs <- err
				}
			})
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
			if err := s.Commit(); err != nil {
				t.Fatal(err)
			}
			want(t, out, next)
		})
	}
}
