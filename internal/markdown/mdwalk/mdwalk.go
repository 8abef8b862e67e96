// Package mdwalk walks a goldmark syntax tree calling back once per node,
// for the passes that only act on entering a node: ast.Walk calls back
// twice per node, entering and leaving, and a pass over a whole page
// visits every text node.
package mdwalk

import "github.com/yuin/goldmark/ast"

// Pre calls fn with n and then, when fn returns true, with each of its
// children and their descendants in turn, in document order: the calls
// ast.Walk makes on entering, with false as ast.WalkSkipChildren. As with
// ast.Walk, a node's next sibling is read after its subtree was walked.
func Pre(n ast.Node, fn func(ast.Node) bool) {
	if !fn(n) {
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		Pre(c, fn)
	}
}
