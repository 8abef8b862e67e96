package output

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// files lists the files under dir as slash paths with their contents.
func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func build(t *testing.T, out string, content map[string]string) {
	t.Helper()
	s, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for k := range content {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		if err := s.WriteFile(k, "src/"+k, []byte(content[k])); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
}

func want(t *testing.T, out string, content map[string]string) {
	t.Helper()
	got := files(t, out) // the marker is beside the output, never in it
	if len(got) != len(content) {
		t.Fatalf("output has %v, want %v", got, content)
	}
	for k, v := range content {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
}

// TestGenerations builds several generations: each commit shows exactly
// the files of its build, whatever the reused staging directory held.
func TestGenerations(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	gens := []map[string]string{
		{"index.html": "1", "a/index.html": "a1", "x/index.html": "x dir"},
		{"index.html": "2", "b/index.html": "b2"},
		{"index.html": "3", "a/index.html": "a3", "x": "x is a file now"},
		{"index.html": "4", "x/deep/index.html": "x is a directory again"},
		{"index.html": "5"},
	}
	for i, g := range gens {
		build(t, out, g)
		want(t, out, g)
		if i > 0 {
			if _, err := os.Stat(StageDir(out)); err != nil {
				t.Errorf("generation %d: previous generation not kept for reuse: %v", i+1, err)
			}
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{".public.guidegen", ".public.lock", ".public.stage", "public"}) {
		t.Errorf("beside the output: %v", names)
	}
}

func TestAbortKeepsOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	abort := func(wantStage bool) {
		t.Helper()
		s, err := Begin(out)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.WriteFile("index.html", "test", []byte("broken")); err != nil {
			t.Fatal(err)
		}
		s.Abort()
		if _, err := os.Stat(StageDir(out)); (err == nil) != wantStage {
			t.Errorf("staging directory present = %v, want %v", err == nil, wantStage)
		}
	}
	build(t, out, map[string]string{"index.html": "one"})
	abort(false) // a fresh staging directory is removed
	want(t, out, map[string]string{"index.html": "one"})
	build(t, out, map[string]string{"index.html": "two"})
	abort(true) // a reused one stays for the next build
	want(t, out, map[string]string{"index.html": "two"})
	// The next good build prunes what the aborted one left in the stage.
	build(t, out, map[string]string{"other.html": "three"})
	want(t, out, map[string]string{"other.html": "three"})
}

func TestWrittenTwice(t *testing.T) {
	s, err := Begin(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	if err := s.WriteFile("a/index.html", "one.md", nil); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile("a/./index.html", "two.md", nil); err == nil || !strings.Contains(err.Error(), "written by one.md and by two.md") {
		t.Errorf("got %v", err)
	}
}

func TestRefusesForeignDirectories(t *testing.T) {
	for _, victim := range []string{"public", ".public.stage"} {
		parent := t.TempDir()
		dir := filepath.Join(parent, victim)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "precious.txt"), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Begin(filepath.Join(parent, "public"))
		if err == nil || !strings.Contains(err.Error(), "refusing to replace") {
			t.Fatalf("%s: got %v", victim, err)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, "precious.txt")); string(b) != "x" {
			t.Fatal("foreign file touched")
		}
	}
}

func TestPathsStayInside(t *testing.T) {
	s, err := Begin(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	for _, p := range []string{"../x", "/etc/passwd", "a/../../x", "", "."} {
		if err := s.WriteFile(p, "test", nil); err == nil {
			t.Errorf("WriteFile(%q) succeeded", p)
		}
	}
}

// TestScratch: a scratch file can be written and read while the build
// runs, is never in the output (committed or aborted, fresh staging
// directory or reused), and its name cannot be written over.
func TestScratch(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	for i, commit := range []bool{true, true, false, true} {
		s, err := Begin(out)
		if err != nil {
			t.Fatal(err)
		}
		f, err := s.Scratch()
		if err != nil {
			t.Fatal(err)
		}
		g, err := s.Scratch()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteAt([]byte("words"), 3); err != nil {
			t.Fatal(err)
		}
		if _, err := g.WriteAt([]byte("other"), 0); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 5)
		if _, err := f.ReadAt(buf, 3); err != nil || string(buf) != "words" {
			t.Fatalf("read back %q, %v", buf, err)
		}
		content := map[string]string{"index.html": fmt.Sprint(i)}
		if err := s.WriteFile("index.html", "test", []byte(content["index.html"])); err != nil {
			t.Fatal(err)
		}
		if commit {
			if err := s.Commit(); err != nil {
				t.Fatal(err)
			}
			want(t, out, content)
		} else {
			s.Abort()
		}
		if _, err := f.Write([]byte("x")); err == nil {
			t.Errorf("build %d: the scratch file is still open", i)
		}
		for _, dir := range []string{out, StageDir(out)} {
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), ".guidegen-scratch") {
					t.Errorf("build %d: %s left in %s", i, e.Name(), dir)
				}
			}
		}
	}
}
