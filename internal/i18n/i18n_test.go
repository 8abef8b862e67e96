package i18n

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/guidegen/guidegen/internal/config"
)

const cfgYAML = `title: T
baseURL: https://example.org/
defaultLocale: en
locales:
  - code: en
    name: English
  - code: nl
    name: Nederlands
`

func mustConfig(t *testing.T) *config.Config {
	t.Helper()
	c, err := config.Parse([]byte(cfgYAML))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

const enYAML = `toc_title: On this page
only_english: Only in English
pages:
  description: number of pages
  one: "{{.Count}} page"
  other: "{{.Count}} pages"
greeting: Hello, {{.Name}}!
nested:
  key: Nested value
`

const nlYAML = `toc_title: Op deze pagina
pages:
  one: "{{.Count}} pagina"
  other: "{{.Count}} pagina's"
greeting: Hallo, {{.Name}}!
nested:
  key: Geneste waarde
`

func TestTranslate(t *testing.T) {
	site := fstest.MapFS{
		"locales/en.yaml": {Data: []byte(enYAML)},
		"locales/nl.yaml": {Data: []byte(nlYAML)},
	}
	c, err := Load(site, nil, mustConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	nl := c.Translator("nl")
	tests := []struct {
		id   string
		args []any
		want string
	}{
		{"toc_title", nil, "Op deze pagina"},
		{"only_english", nil, "Only in English"}, // falls back, never the id
		{"pages", []any{1}, "1 pagina"},
		{"pages", []any{3}, "3 pagina's"},
		{"greeting", []any{"Name", "Ada"}, "Hallo, Ada!"},
		{"greeting", []any{map[string]any{"Name": "Bob"}}, "Hallo, Bob!"},
		{"nested.key", nil, "Geneste waarde"},
	}
	for _, tt := range tests {
		got, err := nl.T(tt.id, tt.args...)
		if err != nil || got != tt.want {
			t.Errorf("T(%q, %v) = %q, %v; want %q", tt.id, tt.args, got, err, tt.want)
		}
	}
	if got, _ := c.Translator("en").T("pages", 1); got != "1 page" {
		t.Errorf("en plural one = %q", got)
	}
	if _, err := nl.T("no_such_id"); err == nil || !strings.Contains(err.Error(), `"no_such_id" is not defined`) {
		t.Errorf("undefined id: %v", err)
	}
	if got := c.Missing("nl"); len(got) != 1 || got[0] != "only_english" {
		t.Errorf("Missing(nl) = %v", got)
	}
	if got := c.Messages("nl")["pages"].Pos.String(); got != "locales/nl.yaml:2:1" {
		t.Errorf("position of pages = %s", got)
	}
}

func TestThemeLayering(t *testing.T) {
	theme := fstest.MapFS{
		"locales/en.yaml": {Data: []byte("a: Theme A\nb: Theme B\n")},
		"locales/nl.yaml": {Data: []byte("a: Thema A\nb: Thema B\n")},
	}
	site := fstest.MapFS{
		"locales/en.yaml": {Data: []byte("b: Site B\nc: Site C\n")},
		"locales/nl.yaml": {Data: []byte("b: Site B nl\n")},
	}
	c, err := Load(site, theme, mustConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	nl := c.Translator("nl")
	for id, want := range map[string]string{"a": "Thema A", "b": "Site B nl", "c": "Site C"} {
		if got := nl.String(id); got != want {
			t.Errorf("nl %s = %q, want %q", id, got, want)
		}
	}
	if m := c.Missing("nl"); len(m) != 1 || m[0] != "c" {
		t.Errorf("Missing = %v", m)
	}
}

// TestSiteWithoutStrings: a site without locale files takes the theme's
// strings for every locale the theme covers; a locale nobody translates
// shows the default locale's strings, all of them missing.
func TestSiteWithoutStrings(t *testing.T) {
	theme := fstest.MapFS{"locales/en.yaml": {Data: []byte("a: Theme A\nb: Theme B\n")}}
	c, err := Load(fstest.MapFS{}, theme, mustConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Translator("en").String("a"); got != "Theme A" {
		t.Errorf("en a = %q", got)
	}
	if got := c.Translator("nl").String("b"); got != "Theme B" {
		t.Errorf("nl b = %q, want the default locale's", got)
	}
	if m := c.Missing("nl"); len(m) != 2 || len(c.Files("nl")) != 0 {
		t.Errorf("Missing = %v, files %v", m, c.Files("nl"))
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		fs   fstest.MapFS
		want string
	}{
		{"default locale without strings", fstest.MapFS{"locales/nl.yaml": {Data: []byte("a: b\n")}},
			`guidegen.yaml:5:11: the default locale "en" has no UI strings: locales/en.yaml not found`},
		{"malformed", fstest.MapFS{"locales/en.yaml": {Data: []byte("a: b\n")}, "locales/nl.yaml": {Data: []byte("a: [b\n")}},
			"locales/nl.yaml:1:4: malformed YAML"},
		{"bad message value", fstest.MapFS{"locales/en.yaml": {Data: []byte("a: [b, c]\n")}, "locales/nl.yaml": {Data: []byte("a: b\n")}},
			`locales/en.yaml:1:4: message "a" must be a string or a map of plural forms`},
		{"unknown plural form", fstest.MapFS{"locales/en.yaml": {Data: []byte("a:\n  one: x\n  lots: y\n")}, "locales/nl.yaml": {Data: []byte("a: b\n")}},
			`locales/en.yaml:3:3: message "a": unknown key "lots"`},
		{"duplicate", fstest.MapFS{"locales/en.yaml": {Data: []byte("a: x\na: y\n")}, "locales/nl.yaml": {Data: []byte("a: b\n")}},
			`locales/en.yaml:2:1: message "a" is defined twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.fs, nil, mustConfig(t))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v\nwant %s", err, tt.want)
			}
		})
	}
}

// TestMissingDataIsAnError: a message whose call does not give the data it
// uses is an error, never "<no value>" in a page.
func TestMissingDataIsAnError(t *testing.T) {
	site := fstest.MapFS{
		"locales/en.yaml": {Data: []byte(enYAML)},
		"locales/nl.yaml": {Data: []byte(nlYAML)},
	}
	c, err := Load(site, nil, mustConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.Translator("nl").T("greeting")
	if err == nil || strings.Contains(s, "<no value>") {
		t.Errorf("T without the data: %q, %v; want an error", s, err)
	}
}

// TestInvalidUTF8: a locale file that is not UTF-8 is refused at its first
// bad byte, by every reader (FuzzStampStrings found one that go-i18n's
// YAML reader took and the translation tools' did not).
func TestInvalidUTF8(t *testing.T) {
	_, err := ParseFile("locales/nl.yaml", "nl", []byte("a: b\nc: d\xcbe\n"))
	if err == nil || err.Error() != "locales/nl.yaml:2:5: not valid UTF-8: a file of UI strings must be UTF-8" {
		t.Errorf("err = %v", err)
	}
}
