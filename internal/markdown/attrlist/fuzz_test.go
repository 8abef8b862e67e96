package attrlist_test

import (
	"reflect"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown/attrlist"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

func FuzzAttrList(f *testing.F) {
	mdtest.Fuzz(f,
		"[a](b){ .c #d e=f g=\"h i\" }\n", "![a](b){align=right}\n", "## h { #x }\n", "p\n{ .x }\n", "- a\n{ .x }\n",
		"{ .x }\n", "`c`{.x}", "[a](b){ }", "[a](b){: .x }", "[a](b){ .x } }", "| a |\n|---|\n\n{ .t }\n", "# {#x}\n")
}

// FuzzParse checks the list parser alone: it never reads past its input,
// what it accepts starts with '{' and ends with '}', and it reads what
// the string-building parser it replaced read.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"{ .a }", "{: #b c=d }", "{x='y'}", "{", "{ \"", "{ a=\"b\" .c #d }tail"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		attrs, n, ok := attrlist.Parse([]byte(s))
		want, wn, wok := parseOracle([]byte(s))
		if got := strAttrs(attrs); ok != wok || n != wn || !reflect.DeepEqual(got, want) {
			t.Fatalf("Parse(%q) = %q, %d, %v; the oracle says %q, %d, %v", s, got, n, ok, want, wn, wok)
		}
		if !ok {
			return
		}
		if n < 2 || n > len(s) || s[0] != '{' || s[n-1] != '}' || len(attrs) == 0 {
			t.Fatalf("Parse(%q) accepted %d bytes: %v", s, n, attrs)
		}
		for _, a := range attrs {
			if a.Name == "" {
				t.Fatalf("Parse(%q) gave an empty name", s)
			}
		}
	})
}
