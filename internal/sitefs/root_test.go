package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"

	"github.com/guidegen/guidegen/internal/config"
)

// hostileSite makes a site directory beside a secret file, with links to
// the secret from every directory a build reads, and a link inside the
// site. It returns the site's directory.
func hostileSite(t *testing.T) string {
	t.Helper()
	top := t.TempDir()
	secret := filepath.Join(top, "secret.txt")
	site := filepath.Join(top, "site")
	files := map[string]string{
		config.FileName:       "title: x\n",
		"assets/img/b.svg":    "<svg/>",
		"content/en/index.md": "---\ntitle: x\ndescription: y\n---\n",
	}
	for name, data := range files {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(secret, []byte("SECRET=hunter2"), 0o644); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{
		"assets/img/env.txt": secret,                                  // absolute, out of the site
		"assets/x.txt":       "../../secret.txt",                      // relative, out of the site
		"assets/etc":         filepath.Dir(secret),                    // a directory out of the site
		"assets/img/a.svg":   "b.svg",                                 // inside: followed
		"assets/img2":        "img",                                   // a directory inside: not followed
		"assets/abs.svg":     filepath.Join(site, "assets/img/b.svg"), // absolute, inside
		"content/en/leak.md": "../../../secret.txt",
		"assets/gone.svg":    "nothing.svg",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(site, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	return site
}

func TestRootRefusesLinksOut(t *testing.T) {
	site := hostileSite(t)
	s, err := Open(site, fstest.MapFS{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tests := []struct {
		name, want string
	}{
		{"assets/img/env.txt", "assets/img/env.txt: symbolic link leaves the site (-> " + filepath.Join(filepath.Dir(site), "secret.txt") + ")"},
		{"assets/x.txt", "assets/x.txt: symbolic link leaves the site (-> ../../secret.txt)"},
		{"assets/etc/secret.txt", "assets/etc: symbolic link leaves the site (-> " + filepath.Dir(site) + ")"},
		{"assets/img2", "assets/img2: symbolic link to a directory (-> img): not followed"},
		{"assets/abs.svg", "assets/abs.svg: absolute symbolic link (-> " + filepath.Join(site, "assets/img/b.svg") + "): only relative links inside the site are followed"},
		{"content/en/leak.md", "content/en/leak.md: symbolic link leaves the site (-> ../../../secret.txt)"},
		{"assets/gone.svg", "assets/gone.svg: symbolic link to a missing file (-> nothing.svg)"},
		{"../secret.txt", "invalid argument"},
	}
	for _, tt := range tests {
		b, err := fs.ReadFile(s.FS, tt.name)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ReadFile(%s) = %q, %v; want error %q", tt.name, b, err, tt.want)
		}
		if strings.Contains(string(b), "hunter2") {
			t.Errorf("ReadFile(%s) read the secret", tt.name)
		}
		f, err := s.FS.Open(tt.name)
		if err == nil {
			f.Close()
			t.Errorf("Open(%s) succeeded", tt.name)
		}
		// The layered view of a directory names the file in the site too,
		// and does not fall back to the theme's file.
		if dir, rest, ok := strings.Cut(tt.name, "/"); ok && dir == "assets" {
			theme := fstest.MapFS{tt.name: {Data: []byte("theme")}}
			l := (&Site{FS: s.FS, Theme: theme}).Sub("assets")
			if _, err := fs.ReadFile(l, rest); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("layered ReadFile(%s): %v; want %q", rest, err, tt.want)
			}
		}
	}
	if b, err := fs.ReadFile(s.FS, "assets/img/a.svg"); err != nil || string(b) != "<svg/>" {
		t.Errorf("link inside the site: %q, %v", b, err)
	}
	if _, err := fs.ReadFile(s.FS, "assets/missing.svg"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want fs.ErrNotExist", err)
	}
}

func TestRootRefusesPipes(t *testing.T) {
	site := t.TempDir()
	if err := os.WriteFile(filepath.Join(site, config.FileName), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(site, "fifo.md"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	s, err := Open(site, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Reading a pipe with no writer blocks forever; it must be refused
	// before it is opened.
	if _, err := fs.ReadFile(s.FS, "fifo.md"); err == nil || err.Error() != "fifo.md: not a regular file (a named pipe)" {
		t.Errorf("err = %v", err)
	}
}

// TestRootNamesFile: errors other than "does not exist" name the file.
func TestRootNamesFile(t *testing.T) {
	site := t.TempDir()
	if err := os.WriteFile(filepath.Join(site, config.FileName), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(site, "dir.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	s, err := Open(site, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := fs.ReadFile(s.FS, "dir.md"); err == nil || err.Error() != "dir.md: is a directory" {
		t.Errorf("err = %v", err)
	}
	if _, err := fs.ReadFile(s.FS, config.FileName+"/x"); err == nil || err.Error() != config.FileName+": not a directory" {
		t.Errorf("err = %v", err)
	}
}

// TestOpenSymlinkedSite: --src may itself be a link; it is resolved once.
func TestOpenSymlinkedSite(t *testing.T) {
	site := hostileSite(t)
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(site, link); err != nil {
		t.Fatal(err)
	}
	s, err := Open(link, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if b, err := fs.ReadFile(s.FS, "assets/img/a.svg"); err != nil || string(b) != "<svg/>" {
		t.Errorf("through a linked --src: %q, %v", b, err)
	}
	want := "assets/abs.svg: absolute symbolic link"
	if _, err := fs.ReadFile(s.FS, "assets/abs.svg"); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v, want %q", err, want)
	}
}
