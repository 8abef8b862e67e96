//go:build unix

package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// paths are the two ways the stage makes files and directories: openat2
// and bare descriptors where the kernel allows it (on Linux), and os.Root,
// which is also what happens when openat2 is refused.
var paths = []struct {
	name string
	slow bool
}{{"fast", false}, {"fallback", true}}

// begin begins a build into out, on the fallback path when slow is set.
func begin(t *testing.T, out string, slow bool) *Stage {
	t.Helper()
	s, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	if slow {
		s.slow.Store(true)
	}
	return s
}

// buildOn builds a generation like build, on the path slow says, and
// checks that the path was the one asked for.
func buildOn(t *testing.T, out string, slow bool, content map[string]string) {
	t.Helper()
	s := begin(t, out, slow)
	var names []string
	for k := range content {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		if err := s.WriteFile(k, "src/"+k, []byte(content[k])); err != nil {
			s.Abort()
			t.Fatal(err)
		}
	}
	if !slow && fastPath && s.slow.Load() {
		t.Fatal("openat2 was refused: the fast path was not tested")
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
}

// mknull makes a device like /dev/null at name, or skips the test where
// that is not allowed.
func mknull(t *testing.T, name string) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("device numbers differ")
	}
	if err := syscall.Mknod(name, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		t.Skipf("cannot make a device: %v", err)
	}
}

// rm removes name and what is in it.
func rm(t *testing.T, name string) {
	t.Helper()
	if err := os.RemoveAll(name); err != nil {
		t.Fatal(err)
	}
}

func mkfifo(t *testing.T, name string) {
	t.Helper()
	if err := syscall.Mkfifo(name, 0o644); err != nil {
		t.Fatal(err)
	}
}

func hardlink(t *testing.T, target, name string) {
	t.Helper()
	if err := os.Link(target, name); err != nil {
		t.Fatal(err)
	}
}

// TestOverwriteInPlace: a file of the previous generation is overwritten
// in place; whether the new content is shorter, longer or empty, the file
// holds exactly the new content.
func TestOverwriteInPlace(t *testing.T) {
	sizes := []int{10, 100, 5, 5, 200, 0, 7, 4096, 1}
	for _, p := range paths {
		t.Run(p.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			for i, n := range sizes {
				g := map[string]string{
					"index.html":   strings.Repeat(string(rune('a'+i)), n),
					"a/index.html": strings.Repeat(string(rune('A'+i)), sizes[len(sizes)-1-i]),
				}
				buildOn(t, out, p.slow, g)
				want(t, out, g)
			}
		})
	}
}

// TestCopyInPlace: CopyFile over a longer file of the previous
// generation leaves only the copy.
func TestCopyInPlace(t *testing.T) {
	src := t.TempDir()
	for _, p := range paths {
		t.Run(p.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			for _, data := range []string{"a long first version", "long second version", "short", "", "x"} {
				writeFile(t, filepath.Join(src, "asset.txt"), data)
				s := begin(t, out, p.slow)
				if err := s.CopyFile(os.DirFS(src), "asset.txt", "assets/asset.txt", "asset.txt"); err != nil {
					s.Abort()
					t.Fatal(err)
				}
				if err := s.Commit(); err != nil {
					t.Fatal(err)
				}
				want(t, out, map[string]string{"assets/asset.txt": data})
			}
		})
	}
}

// TestPlantedInPreviousGeneration: links, hard links, FIFOs, files and
// directories that the previous generation left where this build writes a
// file or needs a directory are replaced, never written through or
// followed, on both paths; what they point to stays as it was.
func TestPlantedInPreviousGeneration(t *testing.T) {
	gen := map[string]string{
		"index.html":         "home",
		"a/index.html":       "a",
		"b/c/index.html":     "c",
		"d/e/index.html":     "e",
		"search/p/1.json":    "1",
		"search/p/2.json":    "2",
		"nl/f/g/index.html":  "g",
		"nl/f/index.html":    "f",
		"nl/search/p/3.json": "3",
	}
	type plant func(t *testing.T, stage, outside string)
	tests := []struct {
		name  string
		plant plant
	}{
		{"link to a file outside, at a file", func(t *testing.T, stage, outside string) {
			rm(t, filepath.Join(stage, "a/index.html"))
			symlink(t, filepath.Join(outside, "secret.txt"), filepath.Join(stage, "a/index.html"))
		}},
		{"relative link to a file of the stage, at a file", func(t *testing.T, stage, outside string) {
			rm(t, filepath.Join(stage, "a/index.html"))
			symlink(t, "../index.html", filepath.Join(stage, "a/index.html"))
		}},
		{"hard link to a file outside, at a file", func(t *testing.T, stage, outside string) {
			rm(t, filepath.Join(stage, "search/p/1.json"))
			hardlink(t, filepath.Join(outside, "hard.txt"), filepath.Join(stage, "search/p/1.json"))
		}},
		{"FIFO at a file", func(t *testing.T, stage, outside string) {
			rm(t, filepath.Join(stage, "nl/search/p/3.json"))
			mkfifo(t, filepath.Join(stage, "nl/search/p/3.json"))
		}},
		{"device at a file", func(t *testing.T, stage, outside string) {
			rm(t, filepath.Join(stage, "a/index.html"))
			mknull(t, filepath.Join(stage, "a/index.html"))
		}},
		{"directory at a file", func(t *testing.T, stage, outside string) {
			rm(t, filepath.Join(stage, "a/index.html"))
			writeFile(t, filepath.Join(stage, "a/index.html", "x.html"), "x")
		}},
		{"link to a directory outside, at a directory", func(t *testing.T, stage, outside string) {
			rm(t, filepath.Join(stage, "b"))
			symlink(t, outside, filepath.Join(stage, "b"))
		}},
		{"link to a directory outside, at an inner directory", func(t *testing.T, stage, outside string) {
			rm(t, filepath.Join(stage, "nl/f/g"))
			symlink(t, outside, filepath.Join(stage, "nl/f/g"))
		}},
		{"link to a directory of the stage, at a directory", func(t *testing.T, stage, outside string) {
			rm(t, filepath.Join(stage, "d"))
			symlink(t, "a", filepath.Join(stage, "d"))
		}},
		{"file at a directory", func(t *testing.T, stage, outside string) {
			rm(t, filepath.Join(stage, "search/p"))
			writeFile(t, filepath.Join(stage, "search/p"), "not a directory")
		}},
		{"FIFO at a directory", func(t *testing.T, stage, outside string) {
			rm(t, filepath.Join(stage, "d/e"))
			mkfifo(t, filepath.Join(stage, "d/e"))
		}},
		{"link to a directory outside, left over", func(t *testing.T, stage, outside string) {
			rm(t, filepath.Join(stage, "nl/stale"))
			symlink(t, outside, filepath.Join(stage, "nl/stale"))
		}},
	}
	for _, p := range paths {
		for _, tt := range tests {
			t.Run(p.name+"/"+tt.name, func(t *testing.T) {
				tmp := t.TempDir()
				outside := filepath.Join(tmp, "elsewhere")
				writeFile(t, filepath.Join(outside, "index.html"), "outside page")
				writeFile(t, filepath.Join(outside, "secret.txt"), "secret")
				writeFile(t, filepath.Join(outside, "hard.txt"), "hard")
				writeFile(t, filepath.Join(outside, "g", "index.html"), "outside g")
				before := tree(t, outside)
				out := filepath.Join(tmp, "public")
				buildOn(t, out, p.slow, gen)
				buildOn(t, out, p.slow, gen) // the first generation is now the stage
				stage := StageDir(out)
				tt.plant(t, stage, outside)
				buildOn(t, out, p.slow, gen)
				want(t, out, gen)
				if after := tree(t, outside); !equalMaps(before, after) {
					t.Errorf("a build changed files outside the output:\n%v\nwant\n%v", after, before)
				}
				noLinks(t, out)
			})
		}
	}
}

// noLinks fails when dir holds anything but directories and regular
// files with one name.
func noLinks(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		st, err := os.Lstat(p)
		if err != nil {
			return err
		}
		switch {
		case st.IsDir():
		case !st.Mode().IsRegular():
			t.Errorf("%s: %v, not a regular file", p, st.Mode())
		case hardLinked(st):
			t.Errorf("%s: has other names", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestPlantedDuringBuild: what someone plants in the stage while a build
// writes it, in directories the build made (where files are created
// without looking), is never written through or followed: the write
// fails, or goes to a new file of the stage, and nothing outside changes.
func TestPlantedDuringBuild(t *testing.T) {
	tests := []struct {
		name  string
		at    string // the path the build writes next
		plant func(t *testing.T, stage, outside string)
	}{
		{"link to a file outside, at a file", "a/new.html", func(t *testing.T, stage, outside string) {
			symlink(t, filepath.Join(outside, "secret.txt"), filepath.Join(stage, "a/new.html"))
		}},
		{"hard link to a file outside, at a file", "a/new.html", func(t *testing.T, stage, outside string) {
			hardlink(t, filepath.Join(outside, "hard.txt"), filepath.Join(stage, "a/new.html"))
		}},
		{"FIFO at a file", "a/new.html", func(t *testing.T, stage, outside string) {
			mkfifo(t, filepath.Join(stage, "a/new.html"))
		}},
		{"link to a directory outside, at a directory", "a/b/index.html", func(t *testing.T, stage, outside string) {
			symlink(t, outside, filepath.Join(stage, "a/b"))
		}},
		{"link to a directory outside, above a directory", "a/b/c/index.html", func(t *testing.T, stage, outside string) {
			symlink(t, outside, filepath.Join(stage, "a/b"))
		}},
		{"link to a directory of the stage, at a directory", "a/b/index.html", func(t *testing.T, stage, outside string) {
			symlink(t, "../z", filepath.Join(stage, "a/b"))
		}},
		{"the directory replaced by a link", "a/new.html", replaceDir},
		{"the directory replaced by a link, below it", "a/n/index.html", replaceDir},
		{"the directory replaced by a link, deeper below it", "a/n/o/index.html", replaceDir},
	}
	for _, p := range paths {
		for _, tt := range tests {
			t.Run(p.name+"/"+tt.name, func(t *testing.T) {
				tmp := t.TempDir()
				outside := filepath.Join(tmp, "elsewhere")
				writeFile(t, filepath.Join(outside, "secret.txt"), "secret")
				writeFile(t, filepath.Join(outside, "hard.txt"), "hard")
				before := tree(t, outside)
				s := begin(t, filepath.Join(tmp, "public"), p.slow)
				defer s.Abort()
				for _, rel := range []string{"a/index.html", "a/m/index.html", "z/index.html"} {
					if err := s.WriteFile(rel, rel, []byte("page")); err != nil {
						t.Fatal(err)
					}
				}
				tt.plant(t, s.Dir(), outside)
				err := s.WriteFile(tt.at, "planted", []byte("WRITTEN"))
				if after := tree(t, outside); !equalMaps(before, after) {
					t.Errorf("the write changed files outside the stage:\n%v\nwant\n%v", after, before)
				}
				if err != nil {
					return
				}
				// The write succeeded: then it made a regular file of the
				// stage, with one name, beneath no link.
				st, lerr := os.Lstat(filepath.Join(s.Dir(), tt.at))
				if lerr != nil || !st.Mode().IsRegular() || hardLinked(st) {
					t.Errorf("written to %v (%v)", st, lerr)
				}
				if st, err := os.Lstat(filepath.Join(s.Dir(), filepath.Dir(tt.at))); err != nil || !st.IsDir() {
					t.Errorf("written below %v (%v)", st, err)
				}
			})
		}
	}
}

// replaceDir moves the directory a of the stage away and puts a link to
// outside in its place.
func replaceDir(t *testing.T, stage, outside string) {
	if err := os.Rename(filepath.Join(stage, "a"), filepath.Join(stage, "a.old")); err != nil {
		t.Fatal(err)
	}
	symlink(t, outside, filepath.Join(stage, "a"))
}

// tree lists the files under dir with their contents, and its
// directories (as "dir/").
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			m[filepath.ToSlash(rel)+"/"] = ""
			return nil
		}
		b, err := os.ReadFile(p)
		m[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestFallbackWhenRefused: where the kernel refuses openat2 (ENOSYS or
// EPERM from a sandbox) the stage takes the os.Root path from then on;
// EAGAIN (renames elsewhere kept racing with the lookup) takes it for one
// call; any other error of openat2 is the build's error.
func TestFallbackWhenRefused(t *testing.T) {
	if !fastPath {
		t.Skip("no openat2 path here")
	}
	for _, tt := range []struct {
		err  error
		want bool
	}{
		{syscall.ENOSYS, true},
		{syscall.EPERM, true},
		{syscall.ELOOP, false},
		{syscall.EEXIST, false},
		{syscall.EXDEV, false},
		{syscall.ENOENT, false},
		{errors.New("other"), false},
	} {
		if got := unsupported(tt.err); got != tt.want {
			t.Errorf("unsupported(%v) = %v, want %v", tt.err, got, tt.want)
		}
		if got := transient(tt.err); got {
			t.Errorf("transient(%v) = true", tt.err)
		}
	}
	if !transient(syscall.EAGAIN) || unsupported(syscall.EAGAIN) {
		t.Error("EAGAIN (a rename raced with openat2) is not retried through os.Root")
	}
}
