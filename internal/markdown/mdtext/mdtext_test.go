package mdtext_test

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/guidegen/guidegen/internal/markdown/mdtest"
	"github.com/guidegen/guidegen/internal/markdown/mdtext"
)

// TestPlainEscapes: an escaped character is itself, even a '&' before
// what would be a character reference, as the HTML renderer shows it.
func TestPlainEscapes(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{`a \&amp; b`, `a &amp; b`},
		{`\&#60; &#60; &lt; \&lt;`, `&#60; < < &lt;`},
		{`\\&amp; \*x\* \\`, `\& *x* \`},
		{`**x** &amp;`, `x &`},
		{`trailing \`, `trailing \`},
	} {
		src := []byte(tt.src)
		doc := goldmark.New().Parser().Parse(text.NewReader(src))
		if got := mdtext.Plain(doc.FirstChild(), src); got != tt.want {
			t.Errorf("Plain(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

// TestPlainIsWrite checks Plain, which gathers the text in a byte slice,
// against Write, which gives it to a writer, on every node of documents
// with every kind of inline content the guide's dialect makes, text longer
// than Plain's stack buffer, and a block whose text outgrows its lines.
func TestPlainIsWrite(t *testing.T) {
	md := mdtest.New()
	docs := []string{
		"# Title *em* `code` [link](x) <b>raw</b> https://example.org &amp; \\* :octicons-gear-16: x\n",
		"Para with ==mark== ^^ins^^ ~sub~ ++ctrl+a++ and a note[^1].\n\n[^1]: The *note*.\n",
		"!!! note \"A title\"\n    Body line one\n    line two  \nhard break\n\n| a | b |\n|---|---|\n| **c** | d |\n",
		"## " + strings.Repeat("A long heading with &eacute; entities ", 8) + "\n",
		"one  \ntwo\\\nthree\n",
		"# &CounterClockwiseContourIntegral;&CounterClockwiseContourIntegral;\n",
		"Term\n:   Definition with <https://example.org/auto>\n\n*[HTML]: Hyper Text\n\nThe HTML spec.\n",
	}
	for i, src := range docs {
		b := []byte(src)
		d := md.Parse("t.md", "", b)
		n := 0
		_ = ast.Walk(d.Root, func(nd ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			var w strings.Builder
			mdtext.Write(&w, nd, d.Source)
			if got, want := mdtext.Plain(nd, d.Source), strings.TrimSpace(w.String()); got != want {
				t.Errorf("doc %d, %v: Plain = %q, Write gives %q", i, nd.Kind(), got, want)
			}
			n++
			return ast.WalkContinue, nil
		})
		if n < 3 {
			t.Errorf("doc %d: only %d nodes", i, n)
		}
	}
}
