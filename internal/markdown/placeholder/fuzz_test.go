package placeholder_test

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"

	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
	"github.com/guidegen/guidegen/internal/markdown/placeholder"
)

// lineRE is the well-formed directive line as the text expander before
// the parser knew it (an oracle for Parse).
var lineRE = regexp.MustCompile(`^\{%(.*?)%\}[ \t]*$`)

var seeds = []string{
	"{% matrix %}\n", "{% criteria minimum %}\n", "{%matrix%}", "{% matrix", "{%}", "{%%}", "{% %}\n",
	"{% a %} b %}\n", "{% threat mass_surveillance %}  \t\r\n", "text\n{% matrix %}\nmore\n",
	"- item\n\n    {% criteria best %}\n", "> {% threats %}\n", "!!! note\n    {% matrix %}\n",
	"<div markdown>\n\n{% matrix %}\n\n</div>\n", "```\n{% matrix %}\n```\n", "    {% matrix %}\n",
	"   {% matrix %}\n", "\t{% matrix %}\n", "{% x\u2028y %}\n", "{% \x00 %}\n", "| a |\n| - |\n| {% matrix %} |\n",
	"# {% matrix %}\n", "{% matrix %}{% matrix %}\n", "[x]: {% y %}\n", "{%\n%}\n",
}

// FuzzDirectiveLine: whatever the page, every Directive node stands at a
// "{%" of the source, holds its line, and its words and well-formedness
// are what the line says; the page renders as the pipeline's fuzz target
// requires.
func FuzzDirectiveLine(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	m := mdtest.New(func(o *markdown.Options) { o.NoRawHTML = true })
	f.Fuzz(func(t *testing.T, src string) {
		d := m.Parse("fuzz.md", "", []byte(src))
		var b markdown.Buffer
		if err := m.Render(&b, d); err != nil {
			t.Fatal(err)
		}
		_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			dir, ok := n.(*placeholder.Directive)
			if !ok || !entering {
				return ast.WalkContinue, nil
			}
			if dir.Offset < 0 || dir.Offset > len(d.Source) || !bytes.HasPrefix(d.Source[dir.Offset:], dir.Line) || !bytes.HasPrefix(dir.Line, []byte("{%")) {
				t.Fatalf("directive %q at %d: not in the source", dir.Line, dir.Offset)
			}
			// goldmark ends lines at "\n" only ("\r\n" included).
			if bytes.ContainsRune(dir.Line, '\n') || bytes.HasSuffix(dir.Line, []byte("\r")) {
				t.Fatalf("directive %q holds its line break", dir.Line)
			}
			args, ok := placeholder.Parse(dir.Line)
			if ok == dir.Malformed || !slices.Equal(args, dir.Args) {
				t.Fatalf("directive %q: args %q malformed %v, Parse says %q %v", dir.Line, dir.Args, dir.Malformed, args, ok)
			}
			mm := lineRE.FindSubmatch(dir.Line)
			if (mm != nil) != ok {
				t.Fatalf("directive %q: well formed %v, the expression says %v", dir.Line, ok, mm != nil)
			}
			if mm != nil && !slices.Equal(strings.Fields(string(mm[1])), args) {
				t.Fatalf("directive %q: args %q, the expression says %q", dir.Line, args, strings.Fields(string(mm[1])))
			}
			return ast.WalkContinue, nil
		})
	})
}

// TestDirectiveLines: where a directive line is one, and what it holds.
func TestDirectiveLines(t *testing.T) {
	m := mdtest.New()
	for _, tt := range []struct {
		src  string
		want []string // "args|malformed" per directive, in order
	}{
		{"{% matrix %}\n", []string{"matrix|false"}},
		{"{% criteria  best %}  \n", []string{"criteria best|false"}},
		{"{% matrix\n", []string{"|true"}},
		{"{% a %} b %}\n", []string{"a %} b|false"}},
		{"text\n{% matrix %}\n", []string{"matrix|false"}},
		{"- item\n\n    {% matrix %}\n", []string{"matrix|false"}},
		{"!!! note\n    {% matrix %}\n", []string{"matrix|false"}},
		{"<div markdown>\n\n{% matrix %}\n\n</div>\n", []string{"matrix|false"}},
		{"> {% matrix %}\n", []string{"matrix|false"}},
		{"   {% matrix %}\n", []string{"matrix|false"}},
		{"```\n{% matrix %}\n```\n", nil},
		{"    {% matrix %}\n", nil},
		{"a {% matrix %}\n", nil},
		{"`{% matrix %}`\n", nil},
	} {
		d := m.Parse("t.md", "", []byte(tt.src))
		var got []string
		_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if dir, ok := n.(*placeholder.Directive); ok && entering {
				got = append(got, strings.Join(dir.Args, " ")+"|"+map[bool]string{true: "true", false: "false"}[dir.Malformed])
				if !bytes.HasPrefix(d.Source[dir.Offset:], []byte("{%")) {
					t.Errorf("%q: offset %d is not at {%%", tt.src, dir.Offset)
				}
			}
			return ast.WalkContinue, nil
		})
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: directives %q, want %q", tt.src, got, tt.want)
		}
		html, _ := mdtest.Render(t, m, tt.src)
		if tt.want != nil && strings.Contains(html, "{%") {
			t.Errorf("%q: a directive left in place renders %q", tt.src, html)
		}
	}
}
