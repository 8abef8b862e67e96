package i18n

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLocaleOf(t *testing.T) {
	for name, want := range map[string]string{
		"locales/nl.yaml": "nl", "locales/nl.json": "nl", "locales/nl.toml": "nl",
		"locales/active.nl.yaml": "nl", "locales/active.pt-BR.toml": "pt-BR",
		"locales/translate.nl.yaml": "", "locales/terms.nl.yaml": "", "locales/glossary.nl.txt": "",
		"locales/nl.yml": "", "locales/nl.po": "", "content/nl.yaml": "", "nl.yaml": "", "locales/sub/nl.yaml": "",
	} {
		if got := LocaleOf(name); got != want {
			t.Errorf("LocaleOf(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestFindLocaleFile(t *testing.T) {
	file := &fstest.MapFile{Data: []byte("a: b\n")}
	for _, tt := range []struct {
		files []string
		want  string
	}{
		{[]string{"locales/nl.yaml"}, "locales/nl.yaml"},
		{[]string{"locales/nl.toml", "locales/translate.nl.yaml", "locales/terms.nl.yaml"}, "locales/nl.toml"},
		{[]string{"locales/active.nl.json", "locales/en.yaml"}, "locales/active.nl.json"},
		{[]string{"locales/nl.yaml", "locales/active.nl.yaml"}, `locales/active.nl.yaml: locale "nl" has two files of UI strings, locales/nl.yaml and locales/active.nl.yaml: keep one`},
		{[]string{"locales/nl.yml", "locales/translate.nl.json"}, "not found"},
	} {
		fsys := fstest.MapFS{}
		for _, f := range tt.files {
			fsys[f] = file
		}
		got, err := FindLocaleFile(fsys, "nl")
		switch {
		case tt.want == "not found":
			if !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("%q: %q, %v; want not found", tt.files, got, err)
			}
		case strings.Contains(tt.want, ":"):
			if err == nil || err.Error() != tt.want {
				t.Errorf("%q: %q, %v; want %s", tt.files, got, err, tt.want)
			}
		case got != tt.want || err != nil:
			t.Errorf("%q: %q, %v; want %s", tt.files, got, err, tt.want)
		}
	}
}
