package yamlx

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestAmbiguousInYAML11(t *testing.T) {
	for _, s := range []string{
		"y", "Y", "n", "N", "yes", "YES", "yEs", "no", "No", "on", "ON", "off", "Off", "true", "FALSE",
		"~", "null", "NULL", "0", "-12", "+12", "012", "0o12", "0x1f", "0b101", "1_000", "1:20", "-1:20:30", "1:20.5",
		"1.5", ".5", "-1.5e+3", "1e3", ".inf", "-.INF", ".nan", "2001-12-14", "2001-12-14t21:59:43.10-05:00",
		"2001-12-14 21:59:43.10 -5", "<<", "=",
	} {
		if !AmbiguousInYAML11(s) {
			t.Errorf("%q: not ambiguous", s)
		}
	}
	for _, s := range []string{
		"Website", "nee", "Ja", "no way", "yes!", "1:2x", "12:60", "v1.2", "1.2.3", "2001-12", "Info", "offline", "n/a", "",
	} {
		if AmbiguousInYAML11(s) {
			t.Errorf("%q: ambiguous", s)
		}
	}
}

// TestQuoteForYAML11: keys and values that YAML 1.1 would read otherwise
// are double-quoted; others, and scalars already in a style, are not.
func TestQuoteForYAML11(t *testing.T) {
	var doc yaml.Node
	src := "on: no\nmenu: Menu\nlist: [y, Website]\nkept: 'off'\ntime: \"1:20\"\n"
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	QuoteForYAML11(&doc)
	out, err := yaml.Marshal(&doc)
	if err != nil {
		t.Fatal(err)
	}
	want := "\"on\": \"no\"\nmenu: Menu\nlist: [\"y\", Website]\nkept: 'off'\ntime: \"1:20\"\n"
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	var back map[string]any
	if err := yaml.Unmarshal(out, &back); err != nil || back["on"] != "no" || !strings.EqualFold(back["kept"].(string), "off") {
		t.Errorf("read back %v, %v", back, err)
	}
}
