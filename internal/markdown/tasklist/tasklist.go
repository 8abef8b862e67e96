// Package tasklist is goldmark's GFM task list extension with a test that
// most "[" fail at once. goldmark's checkbox parser runs a regular
// expression on every "[" that starts a list item, as the guide's
// download lists do ("- [:simple-linux: Linux](…)"); a checkbox is "[",
// one of " \t\n\f\rxX", "]", so the third byte alone rejects almost all
// of them before the expression runs.
package tasklist

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

type checkBoxParser struct{ parser.InlineParser }

// Parse hands the line to goldmark's parser when it may hold a checkbox.
func (p checkBoxParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if !mayBeCheckBox(line) {
		return nil
	}
	return p.InlineParser.Parse(parent, block, pc)
}

// mayBeCheckBox reports whether line may start with a checkbox, as
// goldmark's expression ^\[([\sxX])\]\s* sees one. False is certain.
func mayBeCheckBox(line []byte) bool {
	if len(line) < 3 || line[0] != '[' || line[2] != ']' {
		return false
	}
	switch line[1] {
	case ' ', '\t', '\n', '\f', '\r', 'x', 'X':
		return true
	}
	return false
}

type taskList struct{}

// Extension replaces extension.TaskList: the same parser, behind
// mayBeCheckBox, at the same priorities, and the same renderer.
var Extension goldmark.Extender = taskList{}

func (taskList) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(checkBoxParser{extension.NewTaskCheckBoxParser()}, 0),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(extension.NewTaskCheckBoxHTMLRenderer(), 500),
	))
}
