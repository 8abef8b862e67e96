package mdhtml

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/guidegen/guidegen/internal/markdown/nesting"
)

// countingParser counts the lines offered to open containers: goldmark
// offers each line to every block open around it.
type countingParser struct {
	blockParser
	calls *int
}

func (p countingParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	*p.calls++
	return p.blockParser.Continue(node, reader, pc)
}

// TestWorkIsLinear parses 2,000 nested containers (4,001 lines): the
// containers may check at most nesting.Max lines each, not the 2,000 ×
// 4,001 / 2 they did without a limit.
func TestWorkIsLinear(t *testing.T) {
	var b strings.Builder
	const depth = 2000
	for range depth {
		b.WriteString("<div markdown>\n")
	}
	b.WriteString("x\n")
	for range depth {
		b.WriteString("</div>\n")
	}
	src := []byte(b.String())
	lines := 2*depth + 1
	calls := 0
	md := goldmark.New(goldmark.WithParserOptions(
		parser.WithBlockParsers(util.Prioritized(countingParser{calls: &calls}, 80))))
	md.Parser().Parse(text.NewReader(src))
	if limit := nesting.Max * lines; calls > limit {
		t.Errorf("containers checked %d lines, want at most %d", calls, limit)
	}
}
