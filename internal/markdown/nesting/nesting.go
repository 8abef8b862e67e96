// Package nesting bounds how deep the dialect's containers may be nested in
// one another: Markdown-in-HTML containers (<div markdown>), admonitions
// (!!! note) and content tabs (=== "Tab").
//
// Goldmark offers every line of a document to every block open around it,
// so the work for a line grows with the number of open blocks. CommonMark's
// own containers make a line pay for each level with bytes (a "> " or an
// indentation); a <div markdown> costs nothing per level, so 5,000 of them
// in 120 KB made a page take minutes and gigabytes. With at most Max
// containers open, the work per line is bounded and parsing is linear in
// the size of the page.
package nesting

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"

	"github.com/guidegen/guidegen/internal/markdown/mddiag"
)

// Max is the deepest a container may be, counting itself and the
// containers (of either kind) around it. Lists and block quotes between
// them do not count.
const Max = 100

// Container is a block node that counts toward the nesting depth.
type Container interface {
	ast.Node
	// NestingContainer marks the node type; it does nothing.
	NestingContainer()
}

// Depth returns the number of Containers among n and its ancestors.
func Depth(n ast.Node) int {
	d := 0
	for ; n != nil; n = n.Parent() {
		if _, ok := n.(Container); ok {
			d++
		}
	}
	return d
}

var reportedKey = parser.NewContextKey()

// TooDeep reports whether a container opened in parent would be nested
// deeper than Max; the opener must then not open it. The first time in a
// document, it records the error "<what> nested deeper than 100 levels" at
// offset; later ones are not repeated.
func TooDeep(pc parser.Context, parent ast.Node, offset int, what string) bool {
	if Depth(parent) < Max {
		return false
	}
	if pc.Get(reportedKey) == nil {
		pc.Set(reportedKey, true)
		mddiag.Error(pc, offset, "%s nested deeper than %d levels", what, Max)
	}
	return true
}
