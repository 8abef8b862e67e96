package i18n

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// TestPluralForms: the CLDR cardinal forms a translation of a plural
// message needs, per language.
func TestPluralForms(t *testing.T) {
	for _, tt := range []struct {
		lang string
		want []string
	}{
		{"en", []string{"one", "other"}},
		{"nl", []string{"one", "other"}},
		{"ja", []string{"other"}},
		{"pl", []string{"one", "few", "many", "other"}},
		{"ar", []string{"zero", "one", "two", "few", "many", "other"}},
	} {
		if got := PluralForms(language.MustParse(tt.lang)); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.lang, got, tt.want)
		}
	}
	plain := &goi18n.Message{Other: "x"}
	if got := NeededForms(plain, language.Polish); !slices.Equal(got, []string{"other"}) {
		t.Errorf("a message without plural forms needs %v", got)
	}
}

// TestCheckText: a form must parse, and use only the source text's data
// (and the count, for a plural message).
func TestCheckText(t *testing.T) {
	src := &goi18n.Message{One: "{{.Count}} of {{.Name}}", Other: "{{.Count}} of {{$.Name}}"}
	plain := &goi18n.Message{Other: "Hello, {{.Name}}"}
	for _, tt := range []struct {
		src  *goi18n.Message
		text string
		want string // "" for no error
	}{
		{src, "{{.Count}} van {{.Name}}", ""},
		{src, "{{if .Name}}{{.PluralCount}}{{end}}", ""},
		{src, "{{.Count", "not a valid template: unclosed action"},
		{src, "{{.Naam}}", "uses .Naam, which the source text does not have (it has only .Count, .Name)"},
		{src, "{{with $.Nam}}x{{end}}", "uses .Nam"},
		{plain, "Hallo, {{.Count}}", "uses .Count, which the source text does not have (it has only .Name)"},
		{plain, "Hallo {{", "not a valid template"},
		{plain, "Geen acties", ""},
		{nil, "{{.Anything}}", ""},
	} {
		err := CheckText(tt.src, tt.text, "", "")
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%q: %v", tt.text, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%q: %v, want %s", tt.text, err, tt.want)
		}
	}
	if err := CheckText(plain, "<<.Name>>", "<<", ">>"); err != nil {
		t.Errorf("custom delimiters: %v", err)
	}
}

// TestValidateOnLoad: Load reports every broken message of every locale,
// each at its position, and only the messages in effect (a theme's
// string the site overrides is not checked).
func TestValidateOnLoad(t *testing.T) {
	theme := fstest.MapFS{
		"locales/en.yaml": {Data: []byte("pages:\n  one: \"{{.Count}} page\"\n  other: \"{{.Count}} pages\"\n")},
		"locales/nl.yaml": {Data: []byte("pages:\n  other: \"{{.Count}} pagina's\"\n")},
	}
	site := fstest.MapFS{
		"locales/en.yaml": {Data: []byte("hello: Hello, {{.Name}}\n")},
		"locales/nl.yaml": {Data: []byte("pages:\n  one: \"{{.Count}} pagina\"\n  other: \"{{.Count}} pagina's\"\nhello: Hallo, {{.Naam}}\n")},
	}
	_, err := Load(site, theme, mustConfig(t))
	want := `locales/nl.yaml:4:8: UI string "hello", form other: uses .Naam, which the source text does not have (it has only .Name)`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}
