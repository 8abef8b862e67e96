package abbr_test

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

// decoration is a Textless inline node holding text, like an icon with a
// label: "%E2EE%" in these tests.
type decoration struct{ ast.BaseInline }

var kindDecoration = ast.NewNodeKind("TestDecoration")

func (*decoration) Kind() ast.NodeKind           { return kindDecoration }
func (*decoration) Textless()                    {}
func (n *decoration) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }
func (decorationExt) Trigger() []byte            { return []byte{'%'} }
func (decorationExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(decorationExt{}, 100)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(decorationExt{}, 100)))
}

type decorationExt struct{}

func (decorationExt) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, seg := block.PeekLine()
	end := strings.IndexByte(string(line[1:]), '%')
	if end < 0 {
		return nil
	}
	n := &decoration{}
	n.AppendChild(n, ast.NewTextSegment(text.NewSegment(seg.Start+1, seg.Start+1+end)))
	block.Advance(end + 2)
	return n
}

func (decorationExt) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindDecoration, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<i>")
		} else {
			_, _ = w.WriteString("</i>")
		}
		return ast.WalkContinue, nil
	})
}

func TestTextless(t *testing.T) {
	m := mdtest.New(func(o *markdown.Options) {
		o.Extensions, o.Glossary = append(o.Extensions, decorationExt{}), testGlossary(t)
	})
	got, _ := mdtest.Render(t, m, "%E2EE% E2EE\n")
	if want := `<p><i>E2EE</i> <abbr title="End-to-end encryption">E2EE</abbr></p>` + "\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
