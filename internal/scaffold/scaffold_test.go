package scaffold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestFiles(t *testing.T) {
	files, err := Files(Options{Title: "A: guide", Locales: []string{"nl", "en", "ar"}})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	if got := strings.Join(names, " "); got != "guidegen.yaml content/nl/index.md content/en/index.md content/ar/index.md README.md" {
		t.Errorf("files %s", got)
	}
	var cfg struct {
		Title         string
		DefaultLocale string `yaml:"defaultLocale"`
		Locales       []struct{ Code, Name, Direction string }
	}
	if err := yaml.Unmarshal(files[0].Data, &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Title != "A: guide" || cfg.DefaultLocale != "nl" || cfg.Locales[2].Direction != "rtl" || cfg.Locales[0].Name != "Nederlands" {
		t.Errorf("config %+v", cfg)
	}
	if strings.Contains(string(files[1].Data), "source_hash") || !strings.Contains(string(files[2].Data), "source_hash: sha256-") {
		t.Error("only translations are stamped")
	}
	for _, bad := range [][]string{{"en", "en"}, {"../x"}, {""}} {
		if _, err := Files(Options{Locales: bad}); err == nil {
			t.Errorf("locales %q accepted", bad)
		}
	}
}

func TestWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "site")
	if err := Write(dir, []File{{"a/b/c.txt", []byte("c")}, {"d.txt", []byte("d")}}); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "a/b/c.txt")); err != nil || string(b) != "c" {
		t.Errorf("c.txt: %q %v", b, err)
	}
	if err := Write(dir, []File{{"e.txt", nil}}); err == nil || !strings.Contains(err.Error(), "is not empty") {
		t.Errorf("non-empty directory: %v", err)
	}
	// A failed write leaves the directory as it was: empty.
	empty := t.TempDir()
	for _, files := range [][]File{
		{{"x/y.txt", nil}, {"x/y.txt", nil}},
		{{"ok.txt", nil}, {"../escape.txt", nil}},
	} {
		if err := Write(empty, files); err == nil {
			t.Errorf("%v: no error", files)
		}
		if entries, _ := os.ReadDir(empty); len(entries) != 0 {
			t.Errorf("%v: left %v behind", files, entries)
		}
	}
}

func TestQuote(t *testing.T) {
	for _, s := range []string{"plain", "a: b", "yes", "- x", "#c", "", "'q'", "line\nbreak", "1.0"} {
		var back string
		if err := yaml.Unmarshal([]byte("v: "+Quote(s)), &struct{ V *string }{&back}); err != nil || back != s {
			t.Errorf("Quote(%q) = %s reads back as %q (%v)", s, Quote(s), back, err)
		}
	}
}
