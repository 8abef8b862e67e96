package mdwalk

import (
	"slices"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// TestPreIsWalkEntering checks that Pre visits the nodes ast.Walk enters,
// in the same order, when both skip the children of the same nodes.
func TestPreIsWalkEntering(t *testing.T) {
	src := []byte("# Title *em*\n\n- item [link](x) text\n  - nested `code`\n\n> quote **strong**\n\npara\n")
	doc := goldmark.New().Parser().Parse(text.NewReader(src))
	for _, skip := range []ast.NodeKind{ast.KindParagraph, ast.KindList, ast.KindHeading, ast.KindDocument} {
		var walked, pre []ast.Node
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			walked = append(walked, n)
			if n.Kind() == skip {
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		})
		Pre(doc, func(n ast.Node) bool {
			pre = append(pre, n)
			return n.Kind() != skip
		})
		if !slices.Equal(walked, pre) {
			t.Errorf("skipping %v: Pre visited %d nodes, ast.Walk %d, or in another order", skip, len(pre), len(walked))
		}
		if len(walked) < 2 && skip != ast.KindDocument {
			t.Errorf("skipping %v: only %d nodes", skip, len(walked))
		}
	}
}
