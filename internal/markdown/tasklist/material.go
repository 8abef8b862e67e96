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
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(materialCheckBoxParser{checkBoxParser{extension.NewTaskCheckBoxParser()}}, 0),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(checkBoxRenderer{}, 500)))
}

var (
	classTaskList     = []byte("task-list")
	classTaskListItem = []byte("task-list-item")
)

// materialCheckBoxParser gives the list item of a checkbox, and its list,
// their classes as it finds the checkbox: goldmark's parser finds one only
// at the start of a list item's first block, so the item is the parent of
// that block. (An attribute list, applied later, adds its classes.)
type materialCheckBoxParser struct{ checkBoxParser }

func (p materialCheckBoxParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	n := p.checkBoxParser.Parse(parent, block, pc)
	if n == nil {
		return nil
	}
	if li, ok := parent.Parent().(*ast.ListItem); ok {
		addClass(li, classTaskListItem)
		if list := li.Parent(); list != nil {
			addClass(list, classTaskList)
		}
	}
	return n
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
