package output

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
)

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, name string) {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Fatal(err)
	}
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var ns []string
	for _, e := range entries {
		ns = append(ns, e.Name())
	}
	return ns
}

// TestMarker: a directory is replaced only when it is empty, named by the
// marker beside it, or holds the marker of earlier releases; otherwise
// Begin refuses and moves nothing, for the output and for the staging
// directory.
func TestMarker(t *testing.T) {
	elsewhere := filepath.Join(t.TempDir(), "marker")
	writeFile(t, elsewhere, "guidegen-output 1\n")
	sidecar := func(t *testing.T, dir string) string { return filepath.Join(filepath.Dir(dir), ".public.guidegen") }
	tests := []struct {
		name   string
		fill   func(t *testing.T, dir string) // makes dir and puts things into it
		accept bool
	}{
		{"empty", func(t *testing.T, dir string) { os.MkdirAll(dir, 0o755) }, true},
		{"named by the marker", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "old.html"), "x")
			if err := writeMarker(sidecar(t, dir), dir); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"legacy marker", func(t *testing.T, dir string) { writeFile(t, filepath.Join(dir, LegacyMarker), "guidegen-output 1\n") }, true},
		{"later legacy version", func(t *testing.T, dir string) { writeFile(t, filepath.Join(dir, LegacyMarker), "guidegen-output 7\n") }, true},
		{"first releases' marker", func(t *testing.T, dir string) { writeFile(t, filepath.Join(dir, LegacyMarker), legacyMarkerText) }, true},
		{"user files", func(t *testing.T, dir string) { writeFile(t, filepath.Join(dir, "precious.txt"), "x") }, false},
		{"marker names another directory", func(t *testing.T, dir string) {
			other := filepath.Join(filepath.Dir(dir), "other")
			os.MkdirAll(other, 0o755)
			if err := writeMarker(sidecar(t, dir), other); err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(dir, "precious.txt"), "x")
		}, false},
		{"marker is a link to a marker naming it", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "precious.txt"), "x")
			real := filepath.Join(filepath.Dir(elsewhere), "real-marker")
			if err := writeMarker(real, dir); err != nil {
				t.Fatal(err)
			}
			symlink(t, real, sidecar(t, dir))
		}, false},
		{"marker of another version naming it", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "precious.txt"), "x")
			if err := writeMarker(sidecar(t, dir), dir); err != nil {
				t.Fatal(err)
			}
			b, _ := os.ReadFile(sidecar(t, dir))
			writeFile(t, sidecar(t, dir), strings.Replace(string(b), "guidegen-output 2", "guidegen-output 3", 1))
		}, false},
		{"legacy marker is a directory", func(t *testing.T, dir string) {
			// Issue 12's reproduction: mkdir -p d/.guidegen d/Docs; echo x > d/precious.txt
			os.MkdirAll(filepath.Join(dir, LegacyMarker), 0o755)
			os.MkdirAll(filepath.Join(dir, "Docs"), 0o755)
			writeFile(t, filepath.Join(dir, "precious.txt"), "x")
		}, false},
		{"legacy marker is a link to a marker", func(t *testing.T, dir string) {
			os.MkdirAll(dir, 0o755)
			symlink(t, elsewhere, filepath.Join(dir, LegacyMarker))
			writeFile(t, filepath.Join(dir, "precious.txt"), "x")
		}, false},
		{"legacy marker says something else", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, LegacyMarker), "my notes\n")
			writeFile(t, filepath.Join(dir, "precious.txt"), "x")
		}, false},
		{"legacy marker without a version", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, LegacyMarker), "guidegen-output\n")
		}, false},
		{"empty legacy marker", func(t *testing.T, dir string) { writeFile(t, filepath.Join(dir, LegacyMarker), "") }, false},
	}
	for _, tt := range tests {
		for _, victim := range []string{"public", ".public.stage"} {
			t.Run(tt.name+"/"+victim, func(t *testing.T) {
				parent := t.TempDir()
				dir := filepath.Join(parent, victim)
				tt.fill(t, dir)
				before := files(t, parent)
				beside := names(t, parent)
				s, err := Begin(filepath.Join(parent, "public"))
				if tt.accept {
					if err != nil {
						t.Fatal(err)
					}
					if err := s.WriteFile("index.html", "test", []byte("new")); err != nil {
						t.Fatal(err)
					}
					if err := s.Commit(); err != nil {
						t.Fatal(err)
					}
					want(t, filepath.Join(parent, "public"), map[string]string{"index.html": "new"})
					return
				}
				if err == nil {
					s.Abort()
					t.Fatal("Begin accepted the directory")
				}
				if !strings.Contains(err.Error(), dir+": not a guidegen output directory, refusing to replace it") {
					t.Errorf("error = %v", err)
				}
				after := files(t, parent)
				delete(after, ".public.lock")
				if _, err := os.Lstat(filepath.Join(parent, ".public.guidegen.tmp")); err == nil {
					t.Error("a marker was being written")
				}
				if !equalMaps(before, after) {
					t.Errorf("files changed:\n%v\nwant\n%v", after, before)
				}
				if got := slices.DeleteFunc(names(t, parent), func(n string) bool { return n == ".public.lock" }); !slices.Equal(got, beside) {
					t.Errorf("beside the output: %v, want %v", got, beside)
				}
			})
		}
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestLock: while one build holds the output, a second one fails at once
// and writes nothing; after Commit or Abort the next one proceeds.
func TestLock(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	first, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := first.WriteFile("index.html", "first", []byte("first")); err != nil {
		t.Fatal(err)
	}
	second, err := Begin(out)
	if err == nil {
		second.Abort()
		t.Fatal("a second build began while the first held the output")
	}
	if want := out + ": another guidegen build is writing this output directory (lock " + LockFile(out) + ")"; !strings.Contains(err.Error(), want) {
		t.Errorf("error = %v, want %s", err, want)
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	want(t, out, map[string]string{"index.html": "first"})

	third, err := Begin(out) // Commit released the lock
	if err != nil {
		t.Fatal(err)
	}
	third.Abort()
	fourth, err := Begin(out) // and so did Abort
	if err != nil {
		t.Fatal(err)
	}
	fourth.Abort()
}

// TestSymlinkedOutput: an output directory that is a link is resolved
// once; the build replaces its target's contents, the link stays, and the
// staging directory lives beside the target.
func TestSymlinkedOutput(t *testing.T) {
	tmp := t.TempDir()
	target := filepath.Join(tmp, "srv", "www")
	if err := os.MkdirAll(target, 0o755); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(tmp, "site")
	if err := os.MkdirAll(site, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(site, "public")
	symlink(t, target, link)
	for i, g := range []map[string]string{
		{"index.html": "1", "a/index.html": "a1"},
		{"index.html": "2", "b/index.html": "b2"},
		{"index.html": "3", "a/index.html": "a3"},
	} {
		build(t, link, g)
		if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("build %d: %s is no longer a link (%v)", i+1, link, err)
		}
		if dest, _ := os.Readlink(link); dest != target {
			t.Fatalf("build %d: link points to %s", i+1, dest)
		}
		want(t, target, g)
	}
	if got := names(t, site); !slices.Equal(got, []string{"public"}) {
		t.Errorf("beside the link: %v", got)
	}
	if got := names(t, filepath.Dir(target)); !slices.Equal(got, []string{".www.guidegen", ".www.lock", ".www.stage", "www"}) {
		t.Errorf("beside the target: %v", got)
	}
	if StageDir(link) != filepath.Join(filepath.Dir(target), ".www.stage") {
		t.Errorf("StageDir(link) = %s", StageDir(link))
	}

	dangling := filepath.Join(site, "dangling")
	symlink(t, filepath.Join(tmp, "missing"), dangling)
	if _, err := Begin(dangling); err == nil || !strings.Contains(err.Error(), "which does not exist") {
		t.Errorf("dangling link: %v", err)
	}
}

// TestNoWriteThroughLinks plants links and a hard link in an output
// directory; once that directory is the staging directory of later
// builds, they are replaced, never written through, and what they point to
// stays as it was.
func TestNoWriteThroughLinks(t *testing.T) {
	tmp := t.TempDir()
	outside := filepath.Join(tmp, "elsewhere")
	writeFile(t, filepath.Join(outside, "index.html"), "outside page")
	writeFile(t, filepath.Join(outside, "secret.txt"), "secret")
	writeFile(t, filepath.Join(outside, "hard.txt"), "hard")
	out := filepath.Join(tmp, "public")
	gen := map[string]string{
		"index.html":       "home",
		"guide/index.html": "guide",
		"a.html":           "a",
		"b.html":           "b",
		"c.html":           "c",
		"x/index.html":     "x",
	}
	build(t, out, gen)
	// Replace what the build wrote with links (and add a stale one).
	for _, p := range []string{"guide", "a.html", "b.html", "x/index.html"} {
		if err := os.RemoveAll(filepath.Join(out, p)); err != nil {
			t.Fatal(err)
		}
	}
	symlink(t, outside, filepath.Join(out, "guide"))                               // a directory outside
	symlink(t, filepath.Join(outside, "secret.txt"), filepath.Join(out, "a.html")) // a file outside
	symlink(t, "c.html", filepath.Join(out, "b.html"))                             // a file inside
	symlink(t, outside, filepath.Join(out, "stale"))                               // not written again
	if err := os.Link(filepath.Join(outside, "hard.txt"), filepath.Join(out, "x/index.html")); err != nil {
		t.Fatal(err)
	}
	before := files(t, outside)
	for range 3 { // the second and third build write into that generation
		build(t, out, gen)
		want(t, out, gen)
		for _, p := range []string{"guide", "a.html", "b.html"} {
			if st, err := os.Lstat(filepath.Join(out, p)); err != nil || st.Mode()&os.ModeSymlink != 0 {
				t.Errorf("%s: still a link (%v)", p, err)
			}
		}
	}
	if after := files(t, outside); !equalMaps(before, after) {
		t.Errorf("a build wrote outside the output:\n%v\nwant\n%v", after, before)
	}
	if _, err := os.Lstat(filepath.Join(StageDir(out), "stale")); err == nil {
		t.Error("stale link not pruned")
	}
}

// TestCollisions: a build never replaces what it wrote; a second file at
// the same path, or a file where it put a directory (or the reverse), is an
// error naming both sources, and the first file stays.
func TestCollisions(t *testing.T) {
	tests := []struct {
		first, second [2]string // path, source
		want          string
	}{
		{[2]string{"a/index.html", "one.md"}, [2]string{"a/index.html", "two.md"},
			"a/index.html: written by one.md and by two.md"},
		{[2]string{"a/index.html", "two.md"}, [2]string{"a/./index.html", "one.md"},
			"a/index.html: written by one.md and by two.md"}, // sorted: the same message whatever the order
		{[2]string{"a/index.html", "page.md"}, [2]string{"a", "asset"},
			"a: asset writes a file here, but page.md writes public/a/index.html inside it"},
		{[2]string{"a", "asset"}, [2]string{"a/index.html", "page.md"},
			"a: asset writes a file here, but page.md writes public/a/index.html inside it"},
		{[2]string{"a/b/c/index.html", "page.md"}, [2]string{"a/b", "asset"},
			"a/b: asset writes a file here, but page.md writes public/a/b/c/index.html inside it"},
		{[2]string{"a", "asset"}, [2]string{"a/b/c/index.html", "page.md"},
			"a: asset writes a file here, but page.md writes public/a/b/c/index.html inside it"},
	}
	for _, tt := range tests {
		t.Run(tt.first[0]+"+"+tt.second[0], func(t *testing.T) {
			t.Chdir(t.TempDir())
			s, err := Begin("public")
			if err != nil {
				t.Fatal(err)
			}
			if err := s.WriteFile(tt.first[0], tt.first[1], []byte("first")); err != nil {
				t.Fatal(err)
			}
			err = s.WriteFile(tt.second[0], tt.second[1], []byte("second"))
			if want := filepath.Join("public", tt.want); err == nil || err.Error() != want {
				t.Errorf("error = %v\nwant    %s", err, want)
			}
			if err := s.Commit(); err != nil {
				t.Fatal(err)
			}
			want(t, "public", map[string]string{tt.first[0]: "first"})
		})
	}
}

// TestOutputHoldsNoInput: an output directory that is, or contains, the
// current directory or the site is refused before anything is written.
func TestOutputHoldsNoInput(t *testing.T) {
	tmp := t.TempDir()
	site := filepath.Join(tmp, "site")
	public := filepath.Join(site, "public")
	build(t, public, map[string]string{"index.html": "old"})
	tests := []struct {
		name, wd, out string
		keep          []string
	}{
		{"--out . inside the old output", public, ".", nil},
		{"the output contains the current directory", filepath.Join(public, "sub"), public, nil},
		{"the output is the site", tmp, site, []string{site}},
		{"the output contains the site", tmp, tmp, []string{site}},
		{"the output contains the site, relative", site, "..", []string{"."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := os.MkdirAll(tt.wd, 0o755); err != nil {
				t.Fatal(err)
			}
			t.Chdir(tt.wd)
			beforeSite, beforeTmp := files(t, site), names(t, tmp)
			s, err := Begin(tt.out, tt.keep...)
			if err == nil {
				s.Abort()
				t.Fatal("Begin accepted the output")
			}
			if !strings.Contains(err.Error(), "refusing to build into") || !strings.Contains(err.Error(), "choose an --out outside it") {
				t.Errorf("error = %v", err)
			}
			if !equalMaps(beforeSite, files(t, site)) || !slices.Equal(beforeTmp, names(t, tmp)) {
				t.Error("files changed")
			}
			if _, err := os.Lstat(filepath.Join(public, "..stage")); err == nil {
				t.Error("staging copy left inside the output")
			}
		})
	}
	t.Run("the output inside the site", func(t *testing.T) {
		t.Chdir(site)
		s, err := Begin("public", ".")
		if err != nil {
			t.Fatal(err)
		}
		s.Abort()
	})
}

// TestSwapError: a swap that fails because the output is a mount point
// says where and what to do.
func TestSwapError(t *testing.T) {
	err := swapError("public", ".public.stage", &os.LinkError{Op: "exchange", Old: ".public.stage", New: "public", Err: syscall.EBUSY})
	msg := err.Error()
	for _, want := range []string{"public: cannot replace the output directory", "device or resource busy", "mount point", "--out"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q lacks %q", msg, want)
		}
	}
	if !errors.Is(err, syscall.EBUSY) {
		t.Error("the cause is lost")
	}
}

// TestCopyDirectory: copying something that is not a file says which
// source it is (issue 12, item 15: "read .../assets/etc: is a directory").
func TestCopyDirectory(t *testing.T) {
	s, err := Begin(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	fsys := fstest.MapFS{"etc/passwd": {Data: []byte("x")}}
	err = s.CopyFile(fsys, "etc", "assets/etc", "assets/etc")
	if err == nil || err.Error() != "assets/etc: is a directory (or a link to one), not a file to copy into the output" {
		t.Errorf("error = %v", err)
	}
	err = s.CopyFile(fsys, "missing", "assets/missing", "assets/missing")
	if err == nil || !strings.HasPrefix(err.Error(), "assets/missing: ") {
		t.Errorf("error = %v", err)
	}
}

// TestMarkerNotPublished: the output holds only what the build wrote; the
// marker is beside it. A directory the user makes where the output was,
// after removing it, is not guidegen's, even when it gets the old inode
// back.
func TestMarkerNotPublished(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	for range 3 { // fresh, then a reused stage, then the swapped-back one
		build(t, out, map[string]string{"index.html": "site"})
		want(t, out, map[string]string{"index.html": "site"})
		for _, dir := range []string{out, StageDir(out)} {
			if _, err := os.Lstat(filepath.Join(dir, LegacyMarker)); err == nil {
				t.Fatalf("%s holds %s", dir, LegacyMarker)
			}
		}
		if ok, err := vouched(MarkerFile(out), out); !ok || err != nil {
			t.Fatalf("the marker does not name the output: %v", err)
		}
	}
	for i := range 20 { // the file system may hand the freed inodes back
		for _, dir := range []string{out, StageDir(out)} {
			if err := os.RemoveAll(dir); err != nil {
				t.Fatal(err)
			}
		}
		writeFile(t, filepath.Join(out, "precious.txt"), "mine")
		s, err := Begin(out)
		if err == nil {
			s.Abort()
			t.Fatalf("round %d: Begin accepted the user's new directory", i)
		}
		if !strings.Contains(err.Error(), "not a guidegen output directory") {
			t.Fatal(err)
		}
	}
}

// TestLegacyOutputUpgraded: an output written by a release that kept the
// marker inside it is replaced, and the new output leaves that file out.
func TestLegacyOutputUpgraded(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	writeFile(t, filepath.Join(out, LegacyMarker), "guidegen-output 1\n")
	writeFile(t, filepath.Join(out, "old.html"), "old")
	build(t, out, map[string]string{"index.html": "new"})
	want(t, out, map[string]string{"index.html": "new"})
	build(t, out, map[string]string{"index.html": "newer"}) // the stage was the legacy output
	want(t, out, map[string]string{"index.html": "newer"})
}
