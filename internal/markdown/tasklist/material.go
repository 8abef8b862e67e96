package tasklist

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// New returns the task list extension; material selects the markup of
// pymdownx.tasklist with custom_checkbox, as MkDocs Material configures
// it: the list gets the class "task-list", each item with a checkbox
// "task-list-item", and the checkbox is wrapped for styling:
//
//	<ul class="task-list">
//	<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled checked><span class="task-list-indicator"></span></label> done</li>
//
// Otherwise it is Extension: GFM's markup.
func New(material bool) goldmark.Extender {
	if material {
		return materialTaskList{}
	}
	return Extension
}

type materialTaskList struct{}

func (materialTaskList) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(checkBoxParser{extension.NewTaskCheckBoxParser()}, 0)),
		parser.WithASTTransformers(util.Prioritized(classes{}, 100)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(checkBoxRenderer{}, 500)))
}

var (
	classTaskList     = []byte("task-list")
	classTaskListItem = []byte("task-list-item")
)

// classes adds the classes to the items that hold a checkbox and to their
// lists. The checkbox parser only runs at the start of a list item's
// first line, so a CheckBox is the first child of its item's first block.
type classes struct{}

func (classes) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Type() == ast.TypeInline {
			return ast.WalkSkipChildren, nil
		}
		li, ok := n.(*ast.ListItem)
		if !ok || li.FirstChild() == nil {
			return ast.WalkContinue, nil
		}
		if _, ok := li.FirstChild().FirstChild().(*east.TaskCheckBox); ok {
			addClass(li, classTaskListItem)
			if list := li.Parent(); list != nil {
				addClass(list, classTaskList)
			}
		}
		return ast.WalkContinue, nil
	})
}

// addClass appends c to the node's class attribute unless it has it.
func addClass(n ast.Node, c []byte) {
	v, ok := n.AttributeString("class")
	old, _ := v.([]byte)
	if s, isStr := v.(string); isStr {
		old = []byte(s)
	}
	if !ok || len(old) == 0 {
		n.SetAttributeString("class", c)
		return
	}
	for _, f := range splitFields(old) {
		if string(f) == string(c) {
			return
		}
	}
	n.SetAttributeString("class", append(append(append([]byte{}, old...), ' '), c...))
}

func splitFields(b []byte) [][]byte {
	var out [][]byte
	start := -1
	for i, c := range b {
		if c == ' ' || c == '\t' || c == '\n' {
			if start >= 0 {
				out = append(out, b[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, b[start:])
	}
	return out
}

type checkBoxRenderer struct{}

func (checkBoxRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTaskCheckBox, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		_, _ = w.WriteString(`<label class="task-list-control"><input type="checkbox" disabled`)
		if n.(*east.TaskCheckBox).IsChecked {
			_, _ = w.WriteString(" checked")
		}
		_, _ = w.WriteString(`><span class="task-list-indicator"></span></label> `)
		return ast.WalkContinue, nil
	})
}
