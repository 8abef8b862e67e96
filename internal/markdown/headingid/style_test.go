package headingid

import (
	"strings"
	"testing"
)

func TestSlugifyASCII(t *testing.T) {
	// Expected values are what Python-Markdown's default slugify gives
	// (NFKD, then ASCII only).
	tests := map[string]string{
		"Café Über":            "cafe-uber",
		"Privé-berichten":      "prive-berichten",
		"Ångström units":       "angstrom-units",
		"Straße":               "strae",
		"\ufb01le names":       "file-names",
		"½ price":              "12-price",
		"naïve – café":         "naive-cafe",
		"What's E2EE?":         "whats-e2ee",
		"Ελληνικά κείμενα":     "",
		"中文 标题":                "",
		"snake_case stays":     "snake_case-stays",
		"Minimum Requirements": "minimum-requirements",
	}
	for in, want := range tests {
		if got := SlugifyASCII(in); got != want {
			t.Errorf("SlugifyASCII(%q) = %q, want %q", in, got, want)
		}
		if got := ASCII.Slugify(in); got != want {
			t.Errorf("ASCII.Slugify(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Unicode.Slugify("Café Über"); got != "café-über" {
		t.Errorf("Unicode.Slugify = %q", got)
	}
}

func TestParseStyle(t *testing.T) {
	for name, want := range map[string]Style{"unicode": Unicode, "ascii": ASCII} {
		if got, ok := ParseStyle(name); !ok || got != want {
			t.Errorf("ParseStyle(%q) = %v, %v", name, got, ok)
		}
	}
	if _, ok := ParseStyle("ASCII"); ok {
		t.Error("ParseStyle accepts ASCII")
	}
}

func TestIDsStyle(t *testing.T) {
	ids := NewIDsStyle(ASCII)
	for _, step := range []struct{ in, want string }{{"Café", "cafe"}, {"Cafe", "cafe_1"}, {"日本", "_1"}, {"中文", "_2"}} {
		if got := string(ids.Generate([]byte(step.in), 0)); got != step.want {
			t.Errorf("Generate(%q) = %q, want %q", step.in, got, step.want)
		}
	}
}

// TestSlugifyASCIIPath checks the one-pass path of Slugify for ASCII text
// against the general one, on the cases where they could part: leading,
// trailing and doubled spaces and hyphens, dropped punctuation between
// them, controls, and text longer than the path's stack buffer.
func TestSlugifyASCIIPath(t *testing.T) {
	tests := []string{
		"", " ", "-", "--", " - ", "  -a", "a-", "a - ", "a -.", "a-.-", "a . b", ".a.", "-.-",
		"\t\n\v\f\rX\r", "\x00\x1f\x7fA B", "Hello, World!", "E2EE_and-SMS", "A  --  B",
		strings.Repeat("Long heading text ", 10), strings.Repeat("-", 70) + "x",
	}
	for _, in := range tests {
		got, ok := slugifyASCII(in)
		if !ok {
			t.Errorf("slugifyASCII(%q) is not ok", in)
		}
		if want := slugifyUnicode(in); got != want {
			t.Errorf("slugifyASCII(%q) = %q, slugifyUnicode gives %q", in, got, want)
		}
	}
	if _, ok := slugifyASCII("Café"); ok {
		t.Error("slugifyASCII took non-ASCII text")
	}
}
