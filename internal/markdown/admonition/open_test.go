package admonition

import (
	"regexp"
	"slices"
	"testing"
)

// openRE is the specification parseOpen implements.
var openRE = regexp.MustCompile(`^(!!!|\?\?\?\+?)[ \t]*([A-Za-z0-9_-]+(?:[ \t]+[A-Za-z0-9_-]+)*)(?:[ \t]+"(.*)")?[ \t]*$`)

var openLines = []string{
	"!!! note", "!!!note", "??? note", "???+ note", "???+note", "???+ note \"T\"",
	"!!! info inline end", "!!! info inline end \"Title\" ", "!!! note \"\"", "!!! note \"a \" b\"",
	"!!! note \"unterminated", "!!! note\"x\"", "!!! \"Title\"", "!!!", "!!! ", "!!! note  ", "!!! note\t\"t\"\t",
	"!!! no-te_1", "!!! note x\"", "!!! é", "!!! note \"a\" x", "!!! note \"", "!!! note \"\"\"", "?? note",
	"!!!! note", "???++ note", "??? a\tb\t\"c\"",
}

func TestParseOpenMatchesRegexp(t *testing.T) {
	for _, l := range openLines {
		if got, want := parseOpen([]byte(l)), openRE.FindSubmatchIndex([]byte(l)); !slices.Equal(got, want) {
			t.Errorf("parseOpen(%q) = %v, want %v", l, got, want)
		}
	}
}

func FuzzParseOpen(f *testing.F) {
	for _, l := range openLines {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, l string) {
		if got, want := parseOpen([]byte(l)), openRE.FindSubmatchIndex([]byte(l)); !slices.Equal(got, want) {
			t.Errorf("parseOpen(%q) = %v, want %v", l, got, want)
		}
	})
}

func TestWords(t *testing.T) {
	tests := []struct {
		in      string
		typ     string
		classes []string
	}{
		{"note", "note", nil},
		{"info inline end", "info", []string{"inline", "end"}},
		{"tip\t \tcompact  ", "tip", []string{"compact"}},
	}
	for _, tt := range tests {
		typ, classes := words([]byte(tt.in))
		if typ != tt.typ || !slices.Equal(classes, tt.classes) {
			t.Errorf("words(%q) = %q, %q; want %q, %q", tt.in, typ, classes, tt.typ, tt.classes)
		}
	}
}

func TestLineEnd(t *testing.T) {
	for _, tt := range []struct {
		line string
		want int
	}{
		{"!!! note\n", 8}, {"!!! note\r\n", 8}, {"!!! note", 8}, {"a\rb\n", 1}, {"a\nb\r", 1}, {"", 0},
	} {
		if got := lineEnd([]byte(tt.line)); got != tt.want {
			t.Errorf("lineEnd(%q) = %d, want %d", tt.line, got, tt.want)
		}
	}
}
