package fsutil

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteFile writes a file of a site laid out with links of every kind
// and checks where the data went, or the error.
func TestWriteFile(t *testing.T) {
	tmp := t.TempDir()
	root, elsewhere := filepath.Join(tmp, "site"), filepath.Join(tmp, "elsewhere")
	for _, d := range []string{"locales", "shared", "content/nl"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(elsewhere, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"shared/nl.yaml": "old\n", "locales/en.yaml": "old\n"}
	links := map[string]string{
		"locales/nl.yaml":   "../shared/nl.yaml",                   // inside
		"locales/chain":     "nl.yaml",                             // a link to a link inside
		"locales/abs.yaml":  filepath.Join(root, "shared/nl.yaml"), // absolute, inside
		"locales/out.yaml":  filepath.Join(elsewhere, "x.yaml"),
		"locales/gone.yaml": "missing.yaml",
		"content/nl/out":    elsewhere, // a directory outside
		"content/in":        "../shared",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(root, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(root, name)); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name, wrote, err string
	}{
		{"locales/en.yaml", "locales/en.yaml", ""},
		{"locales/nl.yaml", "shared/nl.yaml", ""},
		{"locales/chain", "shared/nl.yaml", ""},
		{"locales/abs.yaml", "shared/nl.yaml", ""},
		{"content/in/new.yaml", "shared/new.yaml", ""},
		{"locales/new/deeper/x.yaml", "locales/new/deeper/x.yaml", ""},
		{"locales/out.yaml", "", "locales/out.yaml: is a symbolic link to " + filepath.Join(elsewhere, "x.yaml") + ", outside the site; not changed"},
		{"content/nl/out/x.md", "", "content/nl/out/x.md: is a symbolic link to " + filepath.Join(elsewhere, "x.md") + ", outside the site; not changed"},
		{"content/nl/out/new/x.md", "", "content/nl/out/new/x.md: is a symbolic link to " + filepath.Join(elsewhere, "new/x.md") + ", outside the site; not changed"},
		{"locales/gone.yaml", "", "locales/gone.yaml: is a symbolic link to missing.yaml, which does not exist; not changed"},
		{"../outside.yaml", "", "../outside.yaml: not a file of the site"},
		{"/etc/x", "", "/etc/x: not a file of the site"},
		{"locales", "", "locales: not a regular file; not changed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := "new " + tt.name + "\n"
			err := WriteFile(root, tt.name, []byte(data))
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("error %v, want %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join(root, tt.wrote))
			if err != nil || string(b) != data {
				t.Errorf("%s holds %q (%v), want %q", tt.wrote, b, err, data)
			}
			if got, err := ReadFile(root, tt.name); string(got) != data || err != nil {
				t.Errorf("ReadFile: %q, %v", got, err)
			}
		})
	}
	for name := range links {
		if fi, err := os.Lstat(filepath.Join(root, name)); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%s is no longer a link", name)
		}
	}
	if entries, _ := os.ReadDir(elsewhere); len(entries) != 0 {
		t.Errorf("written outside the site: %v", entries)
	}
}

// TestWriteFileSymlinkedRoot: a site directory that is itself a link is
// the directory it links to.
func TestWriteFileSymlinkedRoot(t *testing.T) {
	tmp := t.TempDir()
	real, link := filepath.Join(tmp, "real"), filepath.Join(tmp, "link")
	if err := os.Mkdir(real, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, "a.yaml", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(real, "a.yaml")); err != nil || string(b) != "x" {
		t.Errorf("%q, %v", b, err)
	}
}
