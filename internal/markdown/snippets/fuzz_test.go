package snippets_test

import (
	"testing"
	"testing/fstest"

	"github.com/guidegen/guidegen/internal/htmlcheck"
	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
	"github.com/guidegen/guidegen/internal/markdown/snippets"
)

// FuzzSnippets expands a page and an included file written by the fuzzer
// (which include each other, themselves and a fixed file) through the
// whole pipeline: no panic, well-formed HTML, every problem and every
// byte of the expanded page at a position in a file.
func FuzzSnippets(f *testing.F) {
	for _, s := range [][2]string{
		{"--8<-- \"a.md\"\n", "x\n"},
		{"!!! note\n    --8<-- \"a.md:2:3\"\n", "1\n2\n3\n4\n"},
		{"--8<--\na.md\nb.md\n--8<--\n", "--8<-- [start:s]\n*a*\n--8<-- [end:s]\n"},
		{"--8<-- \"a.md:s\"\n", "--8<-- [start:s]\n=== \"t\"\n    x\n--8<-- [end:s]\n"},
		{";--8<-- \"a.md\"\r\n", "--8<-- \"a.md\"\r\n"},
		{"- item\n\n    --8<-- 'b.md'\n", "--8<-- \"../x\"\n"},
		{"---\ntitle: x\n---\n--8<-- \"a.md::1\"", "[link](nowhere.md)"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, page, inc string) {
		o := &snippets.Options{FS: fstest.MapFS{
			"includes/a.md": {Data: []byte(inc)},
			"includes/b.md": {Data: []byte("b\n--8<-- \"a.md\"\n")},
		}}
		m := mdtest.New(func(opts *markdown.Options) {
			opts.NoRawHTML = true
			opts.Snippets = o
		})
		d := m.Parse("fuzz.md", "", []byte(page))
		var b markdown.Buffer
		if err := m.Render(&b, d); err != nil {
			t.Fatal(err)
		}
		if err := htmlcheck.WellFormed(b.String()); err != nil {
			t.Fatalf("%v\n%s", err, b.String())
		}
		for _, p := range d.Problems {
			if p.Pos.Line < 1 || p.Pos.Col < 1 || p.Pos.File == "" {
				t.Fatalf("problem without a position: %v", p)
			}
		}
		for off := 0; off <= len(d.Source); off += 1 + len(d.Source)/64 {
			if p := d.Pos(off); p.Line < 1 || p.Col < 1 {
				t.Fatalf("offset %d at %v", off, p)
			}
		}
	})
}
