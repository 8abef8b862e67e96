package render

import (
	"errors"
	"html/template"
	"strings"
	"text/template/parse"

	"github.com/guidegen/guidegen/internal/i18n"
)

// Folding: the UI strings of a locale's templates are the same on every
// page, yet executing {{T "menu"}} costs a call of T and one of its
// escaper through reflection on every page. Once a locale's set is
// escaped, fold replaces each action whose value depends only on the
// locale (T or Tlang with constant arguments, then html/template's
// escapers) with the text it writes, and each {{with Tlang "id"}} with
// the branch it takes. The output does not change by a byte: the text is
// computed by the same functions, and an action that fails (T of an
// unknown id) is left alone to fail at run time as before.

// errStop stops the execution that makes html/template escape a set.
var errStop = errors.New("stop")

type stopWriter struct{}

func (stopWriter) Write([]byte) (int, error) { return 0, errStop }

// foldEscapers are the escapers that fold applies (their templates are
// in escaperContexts).
var foldEscapers = [...]string{"_html_template_htmlescaper", "_html_template_attrescaper"}

// escapers returns html/template's own escapers, applied through the
// templates of escaperContexts; an escaper that the template does not
// apply alone (another Go release may escape differently) is left out.
func escapers() map[string]func(string) (string, bool) {
	m := map[string]func(string) (string, bool){}
	for _, name := range foldEscapers {
		c := escaperContexts[name]
		t, err := template.New("escaper").Parse(c[0])
		if err != nil {
			continue
		}
		var b strings.Builder
		if err := t.Execute(&b, ""); err != nil || b.String() != c[1]+c[2] {
			continue
		}
		if !appliesAlone(t.Tree, name) {
			continue
		}
		prefix, suffix := c[1], c[2]
		m[name] = func(s string) (string, bool) {
			var b strings.Builder
			if err := t.Execute(&b, s); err != nil {
				return "", false
			}
			out, ok := strings.CutPrefix(b.String(), prefix)
			if !ok {
				return "", false
			}
			return strings.CutSuffix(out, suffix)
		}
	}
	return m
}

// appliesAlone reports whether the only action of an escaped tree is
// {{. | name}}.
func appliesAlone(tree *parse.Tree, name string) bool {
	var actions []*parse.ActionNode
	for _, n := range tree.Root.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			actions = append(actions, n)
		case *parse.TextNode:
		default:
			return false
		}
	}
	if len(actions) != 1 {
		return false
	}
	cmds := actions[0].Pipe.Cmds
	if len(cmds) != 2 || len(cmds[0].Args) != 1 || len(cmds[1].Args) != 1 {
		return false
	}
	if _, ok := cmds[0].Args[0].(*parse.DotNode); !ok {
		return false
	}
	id, ok := cmds[1].Args[0].(*parse.IdentifierNode)
	return ok && id.Ident == name
}

// fold escapes set (one locale's, with tr's T) as executing base.html
// does, then folds the templates that base.html reaches. It does nothing
// when escaping fails: Execute reports that error.
func fold(set *template.Template, tr *i18n.Translator, esc map[string]func(string) (string, bool)) {
	if !escape(set) {
		return
	}
	f := &folder{tr: tr, esc: esc}
	seen := map[string]bool{}
	var visit func(name string)
	visit = func(name string) {
		if seen[name] {
			return
		}
		seen[name] = true
		t := set.Lookup(name)
		if t == nil || t.Tree == nil || t.Tree.Root == nil {
			return
		}
		f.list(t.Tree.Root)
		walkTemplateNames(t.Tree.Root, visit)
	}
	visit("base.html")
}

type folder struct {
	tr  *i18n.Translator
	esc map[string]func(string) (string, bool)
}

// list folds the nodes of l, and those of the branches under them.
func (f *folder) list(l *parse.ListNode) {
	if l == nil {
		return
	}
	out := make([]parse.Node, 0, len(l.Nodes))
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			if s, ok := f.action(n, nil); ok {
				out = appendText(out, n.Pos, s)
				continue
			}
		case *parse.WithNode:
			if s, ok := f.with(n); ok {
				out = appendText(out, n.Pos, s)
				continue
			}
			f.list(n.List)
			f.list(n.ElseList)
		case *parse.IfNode:
			f.list(n.List)
			f.list(n.ElseList)
		case *parse.RangeNode:
			f.list(n.List)
			f.list(n.ElseList)
		}
		out = append(out, n)
	}
	l.Nodes = out
}

// appendText appends text s, joined to the text node before it.
func appendText(nodes []parse.Node, pos parse.Pos, s string) []parse.Node {
	if s == "" {
		return nodes
	}
	if i := len(nodes) - 1; i >= 0 {
		if t, ok := nodes[i].(*parse.TextNode); ok {
			text := make([]byte, 0, len(t.Text)+len(s))
			text = append(append(text, t.Text...), s...)
			nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: t.Pos, Text: text}
			return nodes
		}
	}
	return append(nodes, &parse.TextNode{NodeType: parse.NodeText, Pos: pos, Text: []byte(s)})
}

// action returns what an action writes when that depends only on the
// locale (and on dot, when dot is not nil).
func (f *folder) action(n *parse.ActionNode, dot *string) (string, bool) {
	p := n.Pipe
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) < 2 {
		return "", false // an action without an escaper is not escaped
	}
	v, ok := f.value(p.Cmds[0], dot)
	if !ok {
		return "", false
	}
	for _, c := range p.Cmds[1:] {
		if len(c.Args) != 1 {
			return "", false
		}
		id, ok := c.Args[0].(*parse.IdentifierNode)
		if !ok {
			return "", false
		}
		e := f.esc[id.Ident]
		if e == nil {
			return "", false
		}
		if v, ok = e(v); !ok {
			return "", false
		}
	}
	return v, true
}

// value returns the value of a command that depends only on the locale:
// T or Tlang with constant strings as arguments, or dot when it is known.
func (f *folder) value(c *parse.CommandNode, dot *string) (string, bool) {
	switch a := c.Args[0].(type) {
	case *parse.DotNode:
		if dot == nil || len(c.Args) != 1 {
			return "", false
		}
		return *dot, true
	case *parse.IdentifierNode:
		var args []string
		for _, arg := range c.Args[1:] {
			s, ok := arg.(*parse.StringNode)
			if !ok {
				return "", false
			}
			args = append(args, s.Text)
		}
		switch {
		case a.Ident == "T" && len(args) >= 1:
			rest := make([]any, len(args)-1)
			for i, s := range args[1:] {
				rest[i] = s
			}
			s, err := f.tr.T(args[0], rest...)
			return s, err == nil
		case a.Ident == "Tlang" && len(args) == 1:
			return f.tr.Lang(args[0]), true
		}
	}
	return "", false
}

// with returns the text that {{with Tlang "id"}}...{{end}} writes when
// its pipeline depends only on the locale and its branch uses dot only
// in actions that fold.
func (f *folder) with(n *parse.WithNode) (string, bool) {
	p := n.Pipe
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 1 {
		return "", false
	}
	v, ok := f.value(p.Cmds[0], nil)
	if !ok {
		return "", false
	}
	if v == "" {
		// An else branch sees the outer dot.
		return "", n.ElseList == nil
	}
	if n.List == nil {
		return "", true
	}
	var b strings.Builder
	for _, m := range n.List.Nodes {
		switch m := m.(type) {
		case *parse.TextNode:
			b.Write(m.Text)
		case *parse.ActionNode:
			s, ok := f.action(m, &v)
			if !ok {
				return "", false
			}
			b.WriteString(s)
		default:
			return "", false
		}
	}
	return b.String(), true
}

// walkTemplateNames calls fn with the name of every template that n
// calls.
func walkTemplateNames(n parse.Node, fn func(string)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walkTemplateNames(c, fn)
		}
	case *parse.TemplateNode:
		fn(n.Name)
	case *parse.IfNode:
		walkTemplateNames(n.List, fn)
		walkTemplateNames(n.ElseList, fn)
	case *parse.RangeNode:
		walkTemplateNames(n.List, fn)
		walkTemplateNames(n.ElseList, fn)
	case *parse.WithNode:
		walkTemplateNames(n.List, fn)
		walkTemplateNames(n.ElseList, fn)
	}
}
