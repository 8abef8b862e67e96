package attrlist_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown/attrlist"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

func TestGolden(t *testing.T) {
	mdtest.Golden(t, mdtest.New())
}

func TestParse(t *testing.T) {
	type A = strAttr
	tests := []struct {
		in   string
		want []A
		n    int
	}{
		{`{ .md-button .md-button--primary }`, []A{{"class", "md-button md-button--primary"}}, 34},
		{`{.a #b}`, []A{{"id", "b"}, {"class", "a"}}, 7},
		{`{: #x }rest`, []A{{"id", "x"}}, 7},
		{`{ title="Privacy Policy" .card-link }`, []A{{"class", "card-link"}, {"title", "Privacy Policy"}}, 37},
		{`{ title='single quotes' }`, []A{{"title", "single quotes"}}, 25},
		{`{align=right}`, []A{{"align", "right"}}, 13},
		{`{ title=Documentatie}`, []A{{"title", "Documentatie"}}, 21},
		{`{ class=x .y id=z }`, []A{{"id", "z"}, {"class", "x y"}}, 19},
		{`{ hidden }`, []A{{"hidden", "hidden"}}, 10},
		{`{ data-x="a b" }`, []A{{"data-x", "a b"}}, 16},
		// A backslash escapes the quote and a backslash, nothing else;
		// '}' and the other quote need no escape inside quotes.
		{`{ title="a \"b\" } 'c' \\ \d" }`, []A{{"title", `a "b" } 'c' \ \d`}}, 31},
		{`{ title='it\'s' }`, []A{{"title", `it's`}}, 17},
	}
	for _, tt := range tests {
		attrs, n, ok := attrlist.Parse([]byte(tt.in))
		if got := strAttrs(attrs); !ok || n != tt.n || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Parse(%q) = %v, %d, %v; want %v, %d", tt.in, got, n, ok, tt.want, tt.n)
		}
	}
	for _, bad := range []string{
		``, `{`, `{}`, `{ }`, `{ .a`, `{ title="x }`, `{ title= }`, `{ =x }`, `{ .a"b }`,
		`{ 1bad=x }`, `{ . }`, `{ title="C:\" }`, `{ # }`, "{ title=\"a\nb\" }", `x{ .a }`, `{ {x} }`,
	} {
		if got, n, ok := attrlist.Parse([]byte(bad)); ok {
			t.Errorf("Parse(%q) = %v, %d: want failure", bad, got, n)
		}
	}
}

func strAttrs(attrs []attrlist.Attr) []strAttr {
	var s []strAttr
	for _, a := range attrs {
		s = append(s, strAttr{a.Name, string(a.Value)})
	}
	return s
}

// TestParseSharesNothingWritable checks that values sliced from the input
// cannot be appended to in place: the input is a page's source.
func TestParseSharesNothingWritable(t *testing.T) {
	src := []byte(`{ .a title=b }{ .c }`)
	attrs, _, ok := attrlist.Parse(src)
	if !ok {
		t.Fatal("no list")
	}
	for _, a := range attrs {
		_ = append(a.Value, 'X')
	}
	if string(src) != `{ .a title=b }{ .c }` {
		t.Errorf("appending to a value changed the source: %q", src)
	}
}

func TestNeverVanishes(t *testing.T) {
	// Whatever is not a well-formed list stays in the text.
	for _, src := range []string{
		"[a](https://x.org/){ .ok title=\"unclosed }\n",
		"[a](https://x.org/) { .spaced }\n",
		"plain { .text }\n",
	} {
		got, _ := mdtest.Render(t, mdtest.New(), src)
		brace := src[strings.Index(src, "{"):strings.IndexAny(src, "\"}")]
		if !strings.Contains(got, brace) {
			t.Errorf("%q lost its list:\n%s", src, got)
		}
	}
}
