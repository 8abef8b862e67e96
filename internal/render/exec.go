package render

import (
	"errors"
	"html/template"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"

	"github.com/guidegen/guidegen/internal/i18n"
)

// The fast executor: text/template walks a page's escaped templates
// through reflection, looking every field and method up by name and
// calling every escaper, T and Tlang through reflect.Value.Call. Once a
// locale's set is escaped (and folded), compile turns its trees into Go
// closures that do the same with field indexes resolved once per type,
// and with T, Tlang, the comparison builtins and html/template's escapers
// (escape.go) called directly.
//
// It covers what layouts commonly use: text, actions, if, with, range
// over slices, template calls, variables, fields, methods, the functions
// T, Tlang, eq, ne, and, or, not and print, and the escapers of text,
// quoted attributes and URLs. A set that uses anything else (another
// function or escaper, break, a range with variables...) is not compiled,
// and html/template executes it as before. At run time, a value that the
// fast executor does not handle exactly as text/template would (a nil
// pointer, an error from T, a comparison of different kinds, a value of
// another type given to an escaper...) makes it give up the page: what it
// wrote is dropped and html/template renders the page, with its own
// output or error. So the output is text/template's, byte for byte.

// errBail makes the fast executor give a page up to html/template.
var errBail = errors.New("render: fast executor gives up")

// program is a compiled set, executed from base.html.
type program struct {
	root *tmplCode
	tr   *i18n.Translator
	// states are execStates for the next pages (their variables and
	// strings).
	states sync.Pool
}

// tmplCode is a compiled template; code is set once the template is
// compiled (a template may call itself).
type tmplCode struct {
	code []instr
}

// instr writes part of a template.
type instr func(s *execState, dot reflect.Value) error

// expr evaluates a pipeline, a command or an argument.
type expr func(s *execState, dot reflect.Value) (reflect.Value, error)

type variable struct {
	name  string
	value reflect.Value
}

// maxDepth bounds the nesting of template calls; deeper, html/template
// renders the page (and reports its own limit).
const maxDepth = 1000

type execState struct {
	w  fastWriter
	tr *i18n.Translator
	// vars are the variables in scope from vars[base] up: a template
	// call inherits none.
	vars  []variable
	base  int
	depth int
	// strs and htmls hold the strings that functions and methods return
	// (stringValue), each in a slot of its own until the page is done.
	strs  []string
	htmls []template.HTML
}

// minSlots is the least number of slots of a new strs or htmls.
const minSlots = 32

// stringValue returns a reflect.Value of x, as reflect.ValueOf(x) does
// but for the allocation of its boxing: x is kept in a slot of s.strs,
// not written to again until the page is done (a full slab is replaced
// by a new one, the values made in it keep it). The value is
// addressable, which changes nothing for a string: it has no fields or
// methods to look up.
func (s *execState) stringValue(x string) reflect.Value {
	if len(s.strs) == cap(s.strs) {
		s.strs = make([]string, 0, max(minSlots, 2*cap(s.strs)))
	}
	s.strs = append(s.strs, x)
	return reflect.ValueOf(&s.strs[len(s.strs)-1]).Elem()
}

// htmlValue is stringValue for a template.HTML.
func (s *execState) htmlValue(x template.HTML) reflect.Value {
	if len(s.htmls) == cap(s.htmls) {
		s.htmls = make([]template.HTML, 0, max(minSlots, 2*cap(s.htmls)))
	}
	s.htmls = append(s.htmls, x)
	return reflect.ValueOf(&s.htmls[len(s.htmls)-1]).Elem()
}

// release empties s for the next page; it keeps no value of this one.
func (s *execState) release() {
	clear(s.vars[:cap(s.vars)])
	clear(s.strs)
	clear(s.htmls)
	s.vars, s.strs, s.htmls = s.vars[:0], s.strs[:0], s.htmls[:0]
	s.w, s.base, s.depth = nil, 0, 0
}

// fastWriter is what the fast executor writes into.
type fastWriter interface {
	io.Writer
	io.StringWriter
}

// run executes the program on data into w; it returns errBail when it
// gives the page up (w then holds part of it).
func (p *program) run(w fastWriter, data any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errBail
		}
	}()
	dot, ok := data.(reflect.Value)
	if !ok {
		dot = reflect.ValueOf(data)
	}
	s, _ := p.states.Get().(*execState)
	if s == nil {
		s = &execState{tr: p.tr, vars: make([]variable, 0, 8)}
	}
	defer func() {
		s.release()
		p.states.Put(s)
	}()
	s.w = w
	s.vars = append(s.vars, variable{"$", dot})
	return s.runList(p.root.code, dot)
}

func (s *execState) runList(code []instr, dot reflect.Value) error {
	for _, in := range code {
		if err := in(s, dot); err != nil {
			return err
		}
	}
	return nil
}

// compiler compiles the templates of one escaped set.
type compiler struct {
	set   *template.Template
	tmpls map[string]*tmplCode
}

var errUnsupported = errors.New("render: not supported by the fast executor")

// compile compiles an escaped set from base.html, or returns nil when it
// uses something that the fast executor does not cover.
func compile(set *template.Template, tr *i18n.Translator) *program {
	c := &compiler{set: set, tmpls: map[string]*tmplCode{}}
	root, err := c.template("base.html")
	if err != nil {
		return nil
	}
	return &program{root: root, tr: tr}
}

func (c *compiler) template(name string) (*tmplCode, error) {
	if t, ok := c.tmpls[name]; ok {
		return t, nil
	}
	t := c.set.Lookup(name)
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		return nil, errUnsupported
	}
	tc := &tmplCode{}
	c.tmpls[name] = tc
	code, err := c.list(t.Tree.Root)
	if err != nil {
		return nil, err
	}
	tc.code = code
	return tc, nil
}

func (c *compiler) list(l *parse.ListNode) ([]instr, error) {
	if l == nil {
		return nil, nil
	}
	var code []instr
	// Text nodes in a row (with comments between them, or where fold
	// replaced an action) are written in one call.
	var text []byte
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			text = append(text, n.Text...)
			continue
		case *parse.CommentNode:
			continue
		}
		if text != nil {
			code = append(code, writeText(string(text)))
			text = nil
		}
		in, err := c.node(n)
		if err != nil {
			return nil, err
		}
		if in != nil {
			code = append(code, in)
		}
	}
	if text != nil {
		code = append(code, writeText(string(text)))
	}
	return code, nil
}

// writeText writes text.
func writeText(text string) instr {
	return func(s *execState, _ reflect.Value) error {
		_, err := s.w.WriteString(text)
		return err
	}
}

// node compiles a node of a list other than text and comments, which
// list writes itself.
func (c *compiler) node(n parse.Node) (instr, error) {
	switch n := n.(type) {
	case *parse.ActionNode:
		return c.action(n)
	case *parse.IfNode:
		return c.ifOrWith(&n.BranchNode, false)
	case *parse.WithNode:
		return c.ifOrWith(&n.BranchNode, true)
	case *parse.RangeNode:
		return c.rangeNode(n)
	case *parse.TemplateNode:
		return c.templateCall(n)
	}
	return nil, errUnsupported
}

// action compiles an action: a pipeline that declares variables, or one
// that ends with escapers.
func (c *compiler) action(n *parse.ActionNode) (instr, error) {
	p := n.Pipe
	if p == nil || p.IsAssign {
		return nil, errUnsupported
	}
	if len(p.Decl) > 0 {
		val, err := c.pipeline(p)
		if err != nil {
			return nil, err
		}
		return func(s *execState, dot reflect.Value) error {
			_, err := val(s, dot)
			return err
		}, nil
	}
	esc, err := c.escapers(p.Cmds)
	if err != nil {
		return nil, err
	}
	val, err := c.command(p.Cmds[0])
	if err != nil {
		return nil, err
	}
	return func(s *execState, dot reflect.Value) error {
		v, err := val(s, dot)
		if err != nil {
			return err
		}
		str, html, ok := escaperInput(v)
		if !ok {
			return errBail
		}
		ok, err = esc.write(s.w, str, html)
		if !ok {
			return errBail
		}
		return err
	}, nil
}

// actionEscapers are the escapers that end a printing action: fns in
// turn, then last, which writes what it makes.
type actionEscapers struct {
	fns  []escaper
	last escapeWriter
}

// write applies the escapers to s and writes the result into w; ok is
// false when one of them does not take its input (w is then as it was).
func (a *actionEscapers) write(w fastWriter, s string, html bool) (ok bool, err error) {
	for _, f := range a.fns {
		if s, ok = f(s, html); !ok {
			return false, nil
		}
		html = false
	}
	return a.last(w, s, html)
}

// escapers compiles the commands after the first of a printing action,
// which must all be escapers of fastEscapers. The last one writes what
// it makes (escapeWriters); the URL escapers of an attribute value
// (urlfilter, urlnormalizer, attrescaper) are applied in one pass
// (writeURLAttr).
func (c *compiler) escapers(cmds []*parse.CommandNode) (*actionEscapers, error) {
	if len(cmds) < 2 {
		return nil, errUnsupported
	}
	names := make([]string, 0, len(cmds)-1)
	for _, cmd := range cmds[1:] {
		if len(cmd.Args) != 1 {
			return nil, errUnsupported
		}
		id, ok := cmd.Args[0].(*parse.IdentifierNode)
		if !ok {
			return nil, errUnsupported
		}
		if fastEscapers[id.Ident] == nil {
			return nil, errUnsupported
		}
		names = append(names, id.Ident)
	}
	if slices.Equal(names, urlAttrEscapers[:]) {
		return &actionEscapers{last: writeURLAttr}, nil
	}
	a := &actionEscapers{}
	for _, name := range names[:len(names)-1] {
		a.fns = append(a.fns, fastEscapers[name])
	}
	last := names[len(names)-1]
	if a.last = escapeWriters[last]; a.last == nil {
		a.last = writeWith(fastEscapers[last])
	}
	return a, nil
}

// compileProbeAction compiles the escapers of an action of a probe
// template (escape.go).
func compileProbeAction(n parse.Node) (*actionEscapers, bool) {
	a, ok := n.(*parse.ActionNode)
	if !ok || a.Pipe == nil {
		return nil, false
	}
	esc, err := (&compiler{}).escapers(a.Pipe.Cmds)
	return esc, err == nil
}

// escaperInput returns the string that html/template's escapers make of
// a value, when it is a string or a template.HTML (html is then true).
func escaperInput(v reflect.Value) (s string, html, ok bool) {
	if !v.IsValid() || v.Kind() != reflect.String {
		return "", false, false
	}
	switch v.Type() {
	case stringType:
		return v.String(), false, true
	case htmlType:
		return v.String(), true, true
	}
	return "", false, false
}

var (
	stringType = reflect.TypeFor[string]()
	intType    = reflect.TypeFor[int]()
	htmlType   = reflect.TypeFor[template.HTML]()
	errorType  = reflect.TypeFor[error]()
	// reflectValueType is unwrapped by text/template from a method's
	// result: the fast executor leaves such methods to it.
	reflectValueType = reflect.TypeFor[reflect.Value]()
)

func (c *compiler) ifOrWith(b *parse.BranchNode, with bool) (instr, error) {
	if b.Pipe == nil {
		return nil, errUnsupported
	}
	val, list, elseList, err := c.branch(b.Pipe, b.List, b.ElseList) // (the pipeline refuses an assignment)
	if err != nil {
		return nil, err
	}
	return func(s *execState, dot reflect.Value) error {
		mark := len(s.vars)
		defer func() { s.vars = s.vars[:mark] }()
		v, err := val(s, dot)
		if err != nil {
			return err
		}
		truth, ok := isTrue(indirectInterface(v))
		if !ok {
			return errBail
		}
		if truth {
			if with {
				return s.runList(list, v)
			}
			return s.runList(list, dot)
		}
		return s.runList(elseList, dot)
	}, nil
}

// branch compiles the pipeline and the two lists of an if, with or
// range.
func (c *compiler) branch(pipe *parse.PipeNode, list, elseList *parse.ListNode) (val expr, body, elseBody []instr, err error) {
	if val, err = c.pipeline(pipe); err != nil {
		return nil, nil, nil, err
	}
	if body, err = c.list(list); err != nil {
		return nil, nil, nil, err
	}
	if elseBody, err = c.list(elseList); err != nil {
		return nil, nil, nil, err
	}
	return val, body, elseBody, nil
}

func (c *compiler) rangeNode(n *parse.RangeNode) (instr, error) {
	if n.Pipe == nil || len(n.Pipe.Decl) > 0 {
		return nil, errUnsupported
	}
	// A break or a continue in the body is not compiled (node).
	val, list, elseList, err := c.branch(n.Pipe, n.List, n.ElseList)
	if err != nil {
		return nil, err
	}
	return func(s *execState, dot reflect.Value) error {
		mark := len(s.vars)
		defer func() { s.vars = s.vars[:mark] }()
		v, err := val(s, dot)
		if err != nil {
			return err
		}
		v, _ = indirect(v)
		switch v.Kind() {
		case reflect.Slice, reflect.Array:
			if v.Len() > 0 {
				for i := 0; i < v.Len(); i++ {
					err := s.runList(list, v.Index(i))
					s.vars = s.vars[:mark]
					if err != nil {
						return err
					}
				}
				return nil
			}
		case reflect.Invalid:
		default:
			return errBail
		}
		return s.runList(elseList, dot)
	}, nil
}

func (c *compiler) templateCall(n *parse.TemplateNode) (instr, error) {
	var val expr
	if n.Pipe != nil {
		if len(n.Pipe.Decl) > 0 {
			return nil, errUnsupported
		}
		var err error
		if val, err = c.pipeline(n.Pipe); err != nil {
			return nil, err
		}
	}
	t, err := c.template(n.Name)
	if err != nil {
		return nil, err
	}
	return func(s *execState, dot reflect.Value) error {
		var v reflect.Value
		if val != nil {
			var err error
			if v, err = val(s, dot); err != nil {
				return err
			}
		}
		if s.depth >= maxDepth {
			return errBail
		}
		base, mark := s.base, len(s.vars)
		s.base = mark
		s.vars = append(s.vars, variable{"$", v})
		s.depth++
		err := s.runList(t.code, v)
		s.depth--
		s.vars, s.base = s.vars[:mark], base
		return err
	}, nil
}

// pipeline compiles a pipeline of one command that may declare one
// variable. html/template appends its escapers to the printing actions
// only (action), never to the pipeline of a declaration, an if, a with,
// a range, a template call or a parenthesized argument.
func (c *compiler) pipeline(p *parse.PipeNode) (expr, error) {
	if p.IsAssign || len(p.Decl) > 1 || len(p.Cmds) != 1 {
		return nil, errUnsupported
	}
	val, err := c.command(p.Cmds[0])
	if err != nil {
		return nil, err
	}
	decl := ""
	if len(p.Decl) == 1 {
		if len(p.Decl[0].Ident) != 1 {
			return nil, errUnsupported
		}
		decl = p.Decl[0].Ident[0]
	}
	return func(s *execState, dot reflect.Value) (reflect.Value, error) {
		v, err := val(s, dot)
		if err != nil {
			return v, err
		}
		if v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
			v = reflect.ValueOf(v.Interface())
		}
		if decl != "" {
			s.vars = append(s.vars, variable{decl, v})
		}
		return v, nil
	}, nil
}

// command compiles the first command of a pipeline.
func (c *compiler) command(cmd *parse.CommandNode) (expr, error) {
	switch n := cmd.Args[0].(type) {
	case *parse.FieldNode:
		args, err := c.args(cmd.Args[1:])
		if err != nil {
			return nil, err
		}
		chain := newChain(n.Ident, args)
		return func(s *execState, dot reflect.Value) (reflect.Value, error) {
			return chain.eval(s, dot, dot)
		}, nil
	case *parse.VariableNode:
		args, err := c.args(cmd.Args[1:])
		if err != nil {
			return nil, err
		}
		name := n.Ident[0]
		if len(n.Ident) == 1 {
			if len(args) > 0 {
				return nil, errUnsupported
			}
			return func(s *execState, _ reflect.Value) (reflect.Value, error) {
				return s.variable(name)
			}, nil
		}
		chain := newChain(n.Ident[1:], args)
		return func(s *execState, dot reflect.Value) (reflect.Value, error) {
			v, err := s.variable(name)
			if err != nil {
				return v, err
			}
			return chain.eval(s, dot, v)
		}, nil
	case *parse.IdentifierNode:
		return c.function(n.Ident, cmd.Args[1:])
	}
	if len(cmd.Args) != 1 {
		return nil, errUnsupported
	}
	return c.arg(cmd.Args[0])
}

func (s *execState) variable(name string) (reflect.Value, error) {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			return s.vars[i].value, nil
		}
	}
	return reflect.Value{}, errBail
}

// arg compiles an argument of a function or method, or a command that is
// one alone.
func (c *compiler) arg(n parse.Node) (expr, error) {
	switch n := n.(type) {
	case *parse.DotNode:
		return func(_ *execState, dot reflect.Value) (reflect.Value, error) { return dot, nil }, nil
	case *parse.StringNode:
		v := reflect.ValueOf(n.Text)
		return func(*execState, reflect.Value) (reflect.Value, error) { return v, nil }, nil
	case *parse.BoolNode:
		v := reflect.ValueOf(n.True)
		return func(*execState, reflect.Value) (reflect.Value, error) { return v, nil }, nil
	case *parse.NumberNode:
		// text/template makes an int of an integer constant only: 1.0,
		// 1e3 and -0xE are float64, 0i is complex128 (and eq does not
		// compare them with an int). A constant with any of .eEpP in it
		// (but a rune, '.') is left to html/template, 0xE included.
		if !n.IsInt || n.IsComplex || int64(int(n.Int64)) != n.Int64 ||
			n.Text[0] != '\'' && strings.ContainsAny(n.Text, ".eEpP") {
			return nil, errUnsupported
		}
		v := reflect.ValueOf(int(n.Int64))
		return func(*execState, reflect.Value) (reflect.Value, error) { return v, nil }, nil
	case *parse.FieldNode, *parse.VariableNode:
		return c.command(&parse.CommandNode{Args: []parse.Node{n}})
	case *parse.PipeNode:
		if len(n.Decl) > 0 {
			return nil, errUnsupported
		}
		return c.pipeline(n)
	}
	return nil, errUnsupported
}

func (c *compiler) args(nodes []parse.Node) ([]expr, error) {
	var out []expr
	for _, n := range nodes {
		if _, ok := n.(*parse.IdentifierNode); ok {
			return nil, errUnsupported // a function value as argument
		}
		e, err := c.arg(n)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// function compiles a call of a function of the set.
func (c *compiler) function(name string, argNodes []parse.Node) (expr, error) {
	args, err := c.args(argNodes)
	if err != nil {
		return nil, err
	}
	switch name {
	case "T":
		if len(args) < 1 {
			return nil, errUnsupported
		}
		id, rest := args[0], args[1:]
		var memo tMemo // of this call, with arguments (T keeps those without)
		return func(s *execState, dot reflect.Value) (reflect.Value, error) {
			idv, err := id(s, dot)
			if err != nil {
				return idv, err
			}
			if !idv.IsValid() || idv.Type() != stringType {
				return reflect.Value{}, errBail
			}
			var vals []any
			var key []byte
			if len(rest) > 0 {
				vals = make([]any, len(rest))
				key = appendMemoKey(make([]byte, 0, 64), idv)
				for i, a := range rest {
					v, err := a(s, dot)
					if err != nil {
						return v, err
					}
					if v.IsValid() {
						vals[i] = v.Interface()
					}
					key = appendMemoKey(key, v)
				}
				if key != nil {
					if out, ok := memo.get(key); ok {
						return s.stringValue(out), nil
					}
				}
			}
			out, err := s.tr.T(idv.String(), vals...)
			if err != nil {
				return reflect.Value{}, errBail
			}
			if key != nil {
				memo.put(key, out)
			}
			return s.stringValue(out), nil
		}, nil
	case "Tlang":
		if len(args) != 1 {
			return nil, errUnsupported
		}
		id := args[0]
		return func(s *execState, dot reflect.Value) (reflect.Value, error) {
			idv, err := id(s, dot)
			if err != nil {
				return idv, err
			}
			if !idv.IsValid() || idv.Type() != stringType {
				return reflect.Value{}, errBail
			}
			return s.stringValue(s.tr.Lang(idv.String())), nil
		}, nil
	case "eq", "ne":
		if len(args) != 2 {
			return nil, errUnsupported
		}
		a, b, ne := args[0], args[1], name == "ne"
		return func(s *execState, dot reflect.Value) (reflect.Value, error) {
			x, err := a(s, dot)
			if err != nil {
				return x, err
			}
			y, err := b(s, dot)
			if err != nil {
				return y, err
			}
			eq, ok := basicEqual(indirectInterface(x), indirectInterface(y))
			if !ok {
				return reflect.Value{}, errBail
			}
			return reflect.ValueOf(eq != ne), nil
		}, nil
	case "and", "or":
		if len(args) < 1 {
			return nil, errUnsupported
		}
		or := name == "or"
		return func(s *execState, dot reflect.Value) (reflect.Value, error) {
			var v reflect.Value
			for _, a := range args {
				var err error
				if v, err = a(s, dot); err != nil {
					return v, err
				}
				truth, ok := isTrue(indirectInterface(v))
				if !ok || !v.IsValid() {
					return v, errBail
				}
				if truth == or {
					return v, nil
				}
			}
			return v, nil
		}, nil
	case "not":
		if len(args) != 1 {
			return nil, errUnsupported
		}
		return func(s *execState, dot reflect.Value) (reflect.Value, error) {
			v, err := args[0](s, dot)
			if err != nil {
				return v, err
			}
			if !v.IsValid() {
				return v, errBail // text/template: invalid value
			}
			truth, _ := isTrue(indirectInterface(v))
			return reflect.ValueOf(!truth), nil
		}, nil
	case "print":
		return func(s *execState, dot reflect.Value) (reflect.Value, error) {
			out := ""
			for _, a := range args {
				v, err := a(s, dot)
				if err != nil {
					return v, err
				}
				if !v.IsValid() || v.Type() != stringType {
					return reflect.Value{}, errBail
				}
				out += v.String()
			}
			return s.stringValue(out), nil
		}, nil
	}
	return nil, errUnsupported
}

// tMemo remembers what a call of T with arguments gave for them, as
// the same few values come back on page after page (the name of a
// language, a count): at most maxTMemo results, each under a key made by
// appendMemoKey. It lives as long as the program that holds it (a build's
// templates).
type tMemo struct {
	mu  sync.Mutex
	out map[string]string
}

const maxTMemo = 256

func (m *tMemo) get(key []byte) (string, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out, ok := m.out[string(key)]
	return out, ok
}

func (m *tMemo) put(key []byte, out string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.out == nil {
		m.out = map[string]string{}
	}
	if len(m.out) < maxTMemo {
		m.out[string(key)] = out
	}
}

// appendMemoKey appends an argument of T to the key of its result, nil
// when it cannot be part of one: T's result depends on its arguments'
// values and types only, so it is remembered for strings and ints alone
// (of these exact types: T treats a named type otherwise), each written
// with its type and, for a string, its length.
func appendMemoKey(key []byte, v reflect.Value) []byte {
	if key == nil || !v.IsValid() {
		return nil
	}
	switch v.Type() {
	case stringType:
		key = append(key, 's')
		key = strconv.AppendInt(key, int64(v.Len()), 10)
		key = append(key, ':')
		return append(key, v.String()...)
	case intType:
		key = append(key, 'i')
		key = strconv.AppendInt(key, v.Int(), 10)
		return append(key, ';')
	}
	return nil
}

// basicEqual is text/template's eq of two strings, two booleans or two
// signed integers; ok is false for other values.
func basicEqual(x, y reflect.Value) (eq, ok bool) {
	if !x.IsValid() || !y.IsValid() {
		return false, false
	}
	switch {
	case x.Kind() == reflect.String && y.Kind() == reflect.String:
		return x.String() == y.String(), true
	case x.Kind() == reflect.Bool && y.Kind() == reflect.Bool:
		return x.Bool() == y.Bool(), true
	case x.CanInt() && y.CanInt():
		return x.Int() == y.Int(), true
	}
	return false, false
}

// chain is a compiled field chain (.A.B or $x.A.B); the last name gets
// the arguments, when it is a method.
type chain struct {
	steps []*step
	args  []expr
}

// step is a name of a chain, with the resolution for the last type it
// was looked up in.
type step struct {
	name  string
	cache atomic.Pointer[resolution]
}

// resolution is what a name is in a type: a method (of *T when the value
// is addressable) or a field.
type resolution struct {
	typ    reflect.Type
	addr   bool
	method int // index in the method set, or -1
	// fn is the method as a function of the receiver (a method
	// expression), for a direct call when its type is one of
	// callDirect's.
	fn    any
	index []int
}

func newChain(names []string, args []expr) *chain {
	c := &chain{args: args}
	for _, n := range names {
		c.steps = append(c.steps, &step{name: n})
	}
	return c
}

func (c *chain) eval(s *execState, dot, v reflect.Value) (reflect.Value, error) {
	var err error
	for i, st := range c.steps {
		var args []expr
		if i == len(c.steps)-1 {
			args = c.args
		}
		if v, err = st.eval(s, dot, v, args); err != nil {
			return v, err
		}
	}
	return v, nil
}

// eval is text/template's evalField: a method of the value (through a
// pointer when it is addressable) first, else a field.
func (st *step) eval(s *execState, dot, v reflect.Value, args []expr) (reflect.Value, error) {
	if !v.IsValid() {
		return v, errBail
	}
	recv, isNil := indirect(v)
	if isNil {
		return v, errBail
	}
	addr := recv.CanAddr()
	r := st.cache.Load()
	if r == nil || r.typ != recv.Type() || r.addr != addr {
		var ok bool
		if r, ok = resolve(recv, st.name); !ok {
			return v, errBail
		}
		st.cache.Store(r)
	}
	if r.method < 0 {
		if len(args) > 0 {
			return v, errBail
		}
		if len(r.index) == 1 {
			return recv.Field(r.index[0]), nil
		}
		f, err := recv.FieldByIndexErr(r.index)
		if err != nil {
			return v, errBail
		}
		return f, nil
	}
	ptr := recv
	if addr {
		ptr = recv.Addr()
	}
	if v, ok, err := callDirect(s, dot, ptr, r.fn, args); ok {
		return v, err
	}
	return callMethod(s, dot, ptr.Method(r.method), args)
}

// callDirect calls the methods of Page that layouts use without
// reflect.Value.Call; ok is false for another method.
func callDirect(s *execState, dot, recv reflect.Value, fn any, args []expr) (v reflect.Value, ok bool, err error) {
	switch f := fn.(type) {
	case func(*Page) string:
		if len(args) == 0 {
			return s.stringValue(f(recv.Interface().(*Page))), true, nil
		}
	case func(*Page) template.HTML:
		if len(args) == 0 {
			return s.htmlValue(f(recv.Interface().(*Page))), true, nil
		}
	case func(*Page, string) string:
		if len(args) == 1 {
			a, err := args[0](s, dot)
			if err != nil {
				return a, true, err
			}
			if !a.IsValid() || a.Type() != stringType {
				return reflect.Value{}, true, errBail
			}
			return s.stringValue(f(recv.Interface().(*Page), a.String())), true, nil
		}
	}
	return reflect.Value{}, false, nil
}

// resolve looks name up in the type of recv (not a pointer or an
// interface), as text/template does.
func resolve(recv reflect.Value, name string) (*resolution, bool) {
	r := &resolution{typ: recv.Type(), addr: recv.CanAddr(), method: -1}
	mt := recv.Type()
	if r.addr {
		mt = reflect.PointerTo(mt)
	}
	if m, ok := mt.MethodByName(name); ok {
		if !m.IsExported() {
			return nil, false
		}
		r.method = m.Index
		r.fn = m.Func.Interface()
		return r, true
	}
	if recv.Kind() != reflect.Struct {
		return nil, false
	}
	f, ok := recv.Type().FieldByName(name)
	if !ok || !f.IsExported() {
		return nil, false
	}
	r.index = f.Index
	return r, true
}

// callMethod calls a method value with the arguments, each of its
// parameter's type exactly, and returns its result; a method that
// returns an error as well must return nil.
func callMethod(s *execState, dot, m reflect.Value, args []expr) (reflect.Value, error) {
	t := m.Type()
	if t.IsVariadic() || t.NumIn() != len(args) {
		return reflect.Value{}, errBail
	}
	switch t.NumOut() {
	case 1:
	case 2:
		if t.Out(1) != errorType {
			return reflect.Value{}, errBail
		}
	default:
		return reflect.Value{}, errBail
	}
	var in []reflect.Value
	if len(args) > 0 {
		in = make([]reflect.Value, len(args))
		for i, a := range args {
			v, err := a(s, dot)
			if err != nil {
				return v, err
			}
			if !v.IsValid() || v.Type() != t.In(i) {
				return reflect.Value{}, errBail
			}
			in[i] = v
		}
	}
	out := m.Call(in)
	if len(out) == 2 && !out[1].IsNil() {
		return reflect.Value{}, errBail
	}
	if out[0].Type() == reflectValueType {
		return reflect.Value{}, errBail
	}
	return out[0], nil
}

// indirect is text/template's: through pointers and interfaces to the
// value, or to the nil on the way (isNil).
func indirect(v reflect.Value) (rv reflect.Value, isNil bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

// indirectInterface is text/template's: the value in an interface.
func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}

// isTrue is text/template's truth of a value.
func isTrue(val reflect.Value) (truth, ok bool) {
	if !val.IsValid() {
		return false, true
	}
	switch val.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		truth = val.Len() > 0
	case reflect.Bool:
		truth = val.Bool()
	case reflect.Complex64, reflect.Complex128:
		truth = val.Complex() != 0
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		truth = !val.IsNil()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		truth = val.Int() != 0
	case reflect.Float32, reflect.Float64:
		truth = val.Float() != 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		truth = val.Uint() != 0
	case reflect.Struct:
		truth = true
	default:
		return
	}
	return truth, true
}
