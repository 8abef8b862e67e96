package render

import (
	"html/template"
	"slices"
	"strconv"
	"strings"
	"text/template/parse"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/i18n"
)

// stringFuncs are the template functions whose first argument is the id
// of a UI string.
var stringFuncs = map[string]bool{"T": true, "Tlang": true}

// checkStrings reports, at the template's file:line:col, every call of T
// or Tlang in the templates of set (those parsed from files, when files
// is not nil) whose id is a constant string that the default locale does
// not define: such a template would fail on every page, whichever locale
// it is in. An id computed at run time (T .ID, T (printf ...)) cannot be
// checked here; T reports it, with the page, if it is not defined.
func checkStrings(set *template.Template, cat *i18n.Catalog, files []string, errs *diag.List) {
	for _, t := range set.Templates() {
		if t.Tree == nil || t.Tree.Root == nil {
			continue
		}
		if files != nil && !slices.Contains(files, t.Tree.ParseName) {
			continue
		}
		tree := t.Tree
		walkCommands(tree.Root, func(cmd *parse.CommandNode) {
			if len(cmd.Args) < 2 {
				return
			}
			fn, ok := cmd.Args[0].(*parse.IdentifierNode)
			if !ok || !stringFuncs[fn.Ident] {
				return
			}
			id, ok := cmd.Args[1].(*parse.StringNode)
			if !ok {
				return
			}
			m := cat.Source(id.Text)
			if m == nil {
				errs.Add(diag.Errorf(templatePos(tree, id), "UI string %q is not defined in %s/%s.yaml", id.Text, i18n.Dir, cat.DefaultLocale()))
				return
			}
			if fn.Ident == "T" {
				checkData(tree, id, m, cmd.Args[2:], cat.DefaultLocale(), errs)
			}
		})
	}
}

// checkData reports a call of T whose arguments do not give the template
// data the default locale's text of the message uses: that text would
// read "<no value>" where the data goes. Arguments are name/value pairs
// ("Percent" .Percent), a count (a number, for a plural message) or a map
// of data; when an argument may be a map, what it holds is unknown and
// nothing is reported.
func checkData(tree *parse.Tree, id *parse.StringNode, m *i18n.Message, args []parse.Node, locale string, errs *diag.List) {
	var given []string
	for i := 0; i < len(args); i++ {
		if name, ok := args[i].(*parse.StringNode); ok && i+1 < len(args) {
			given = append(given, name.Text)
			i++
			continue
		}
		if !i18n.IsPlural(m.Message) {
			return // perhaps a map of data
		}
		given = append(given, "Count", "PluralCount")
	}
	for _, f := range i18n.Fields(m.Message) {
		if slices.Contains(given, f) {
			continue
		}
		gives := "no template data"
		if len(given) > 0 {
			var names []string
			for _, g := range given {
				if g != "PluralCount" {
					names = append(names, "."+g)
				}
			}
			gives = strings.Join(names, ", ")
		}
		errs.Add(diag.Errorf(templatePos(tree, id), "UI string %q: its %s text uses .%s, which this call does not give (it gives %s)", id.Text, locale, f, gives))
	}
}

// templatePos returns the position of a node of a parsed template file.
func templatePos(tree *parse.Tree, n parse.Node) diag.Pos {
	loc, _ := tree.ErrorContext(n) // "partials/footer.html:2:5"
	pos := diag.Pos{File: Dir + "/" + tree.ParseName}
	rest := strings.TrimPrefix(loc, tree.ParseName+":")
	line, col, _ := strings.Cut(rest, ":")
	pos.Line, _ = strconv.Atoi(line)
	pos.Col, _ = strconv.Atoi(col)
	pos.Col++ // ErrorContext counts bytes from 0
	return pos
}

// walkCommands calls fn with every command under n.
func walkCommands(n parse.Node, fn func(*parse.CommandNode)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walkCommands(c, fn)
		}
	case *parse.ActionNode:
		walkCommands(n.Pipe, fn)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			walkCommands(c, fn)
		}
	case *parse.CommandNode:
		fn(n)
		for _, a := range n.Args {
			walkCommands(a, fn)
		}
	case *parse.ChainNode:
		walkCommands(n.Node, fn)
	case *parse.IfNode:
		walkBranch(&n.BranchNode, fn)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, fn)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, fn)
	case *parse.TemplateNode:
		walkCommands(n.Pipe, fn)
	}
}

func walkBranch(n *parse.BranchNode, fn func(*parse.CommandNode)) {
	walkCommands(n.Pipe, fn)
	walkCommands(n.List, fn)
	walkCommands(n.ElseList, fn)
}
