package sitefs

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"

	"github.com/guidegen/guidegen/internal/config"
	"github.com/guidegen/guidegen/internal/limits"
)

// openOnly hides a file system's limits.Appender, so that limits reads
// through Open, Stat and Read.
type openOnly struct{ fsys fs.FS }

func (o openOnly) Open(name string) (fs.File, error) { return o.fsys.Open(name) }

// TestAppendFileMaxAsOpen: reading a file of the site through
// limits.Appender (in fewer system calls) gives the bytes and the errors,
// word for word, that opening, stating and reading it gives: for files
// within, at and over the limit, a directory, a named pipe, links inside
// and out of the site, a missing file and an invalid name.
func TestAppendFileMaxAsOpen(t *testing.T) {
	const max = 1024
	s, fifo := sizedSite(t, map[string]string{
		"content/en/empty.md": "",
		"content/en/limit.md": strings.Repeat("x", max),
		"content/en/big.md":   strings.Repeat("x", max+1),
		"content/en/huge.md":  strings.Repeat("y", 10*max),
	})
	if _, ok := s.FS.(limits.Appender); !ok {
		t.Fatal("the site's file system is not a limits.Appender")
	}
	names := []string{
		"content/en/index.md", "content/en/empty.md", "content/en/limit.md", "content/en/big.md",
		"content/en/huge.md", "content/en/link.md", "content/en", "content/en/leak.md",
		"assets/img/a.svg", "assets/img/env.txt", "assets/abs.svg", "assets/img2", "assets/etc/secret.txt",
		"assets/gone.svg", "assets/missing.svg", "../secret.txt", config.FileName,
	}
	if fifo {
		names = append(names, "content/en/fifo.md")
	}
	for _, name := range names {
		for _, dst := range []string{"", "ab"} {
			want, wantErr := limits.AppendFile([]byte(dst), openOnly{s.FS}, name, max)
			got, gotErr := limits.AppendFile([]byte(dst), s.FS, name, max)
			if string(got) != string(want) || errString(gotErr) != errString(wantErr) {
				t.Errorf("AppendFile(%q, %s) = %.20q, %v; through Open: %.20q, %v", dst, name, got, gotErr, want, wantErr)
			}
		}
		// (fs.ReadFile through Open leaves its error unnamed: the site's
		// errors are tested by TestRootRefusesLinksOut and others.)
		want, wantErr := fs.ReadFile(openOnly{s.FS}, name)
		got, gotErr := fs.ReadFile(s.FS, name)
		if string(got) != string(want) || (gotErr == nil) != (wantErr == nil) {
			t.Errorf("ReadFile(%s) = %.20q, %v; through Open: %.20q, %v", name, got, gotErr, want, wantErr)
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestReadDirAsRoot: listing a directory of the site without an lstat of
// each entry gives the entries, in order and with their types, and the
// errors that os.Root's ReadDir gives: for directories with files, links
// in and out of the site, links to directories, a named pipe, a link to
// a directory as the directory listed, a file, a missing directory and an
// invalid name.
func TestReadDirAsRoot(t *testing.T) {
	site := hostileSite(t)
	for i := range 300 { // more than one read of the directory
		name := filepath.Join(site, "content", "en", strings.Repeat("p", 1+i%40)+fmt.Sprint(i)+".md")
		if err := os.WriteFile(name, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_ = syscall.Mkfifo(filepath.Join(site, "assets/fifo"), 0o644)
	s, err := Open(site, fstest.MapFS{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r := s.FS.(*rootFS)
	for _, name := range []string{".", "assets", "assets/img", "assets/img2", "assets/etc", "content", "content/en",
		"content/en/index.md", "missing", "../x", "assets/img/env.txt"} {
		got, gotErr := r.ReadDir(name)
		want, wantErr := fs.ReadDir(r.fsys, name)
		if wantErr != nil {
			want, wantErr = nil, r.explain(name, wantErr)
		}
		if errString(gotErr) != errString(wantErr) || len(got) != len(want) {
			t.Errorf("ReadDir(%s) = %d entries, %v; os.Root: %d, %v", name, len(got), gotErr, len(want), wantErr)
			continue
		}
		for i := range got {
			if got[i].Name() != want[i].Name() || got[i].Type() != want[i].Type() || got[i].IsDir() != want[i].IsDir() {
				t.Errorf("ReadDir(%s)[%d] = %v, os.Root: %v", name, i, got[i], want[i])
				continue
			}
			gi, err1 := got[i].Info()
			wi, err2 := want[i].Info()
			if err1 != nil || err2 != nil || gi.Mode() != wi.Mode() || gi.Size() != wi.Size() || gi.Name() != wi.Name() {
				t.Errorf("ReadDir(%s)[%d].Info() = %v, %v; os.Root: %v, %v", name, i, gi, err1, wi, err2)
			}
		}
	}
}

// sizedSite opens hostileSite with files added, a link to
// content/en/limit.md at content/en/link.md and, where the system can
// make one, a named pipe at content/en/fifo.md (fifo says whether).
func sizedSite(t *testing.T, files map[string]string) (s *Site, fifo bool) {
	t.Helper()
	site := hostileSite(t)
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(site, filepath.FromSlash(name)), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("limit.md", filepath.Join(site, "content/en/link.md")); err != nil {
		t.Fatal(err)
	}
	fifo = syscall.Mkfifo(filepath.Join(site, "content/en/fifo.md"), 0o644) == nil
	s, err := Open(site, fstest.MapFS{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, fifo
}
