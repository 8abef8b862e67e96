// Package placeholder is a goldmark extension that parses a line holding
// only a directive,
//
//	{% matrix %}
//
// into a Directive block. The pipeline knows nothing of the names or the
// data a directive needs: package directive replaces every Directive with
// the blocks it stands for, once every page's data is known, and reports
// a malformed or unknown one. A Directive left in place renders nothing.
//
// Any line whose first non-blank characters are "{%" is a directive line
// (a malformed one, when it is not "{% … %}" alone on the line): it can
// interrupt a paragraph and sits in any container, at the container's
// indentation or up to three spaces more. Fenced and indented code keep
// such lines as code.
package placeholder

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindDirective is the node kind of a directive line.
var KindDirective = ast.NewNodeKind("Directive")

// Directive is a "{% … %}" line.
type Directive struct {
	ast.BaseBlock
	// Offset is where "{%" starts in the source.
	Offset int
	// Line is the line from "{%" on, line break and trailing blanks
	// removed.
	Line []byte
	// Args are the words between "{%" and "%}" ("criteria", "best");
	// nil when the line is malformed.
	Args []string
	// Malformed is true when the line is not "{% … %}" followed by
	// nothing but blanks.
	Malformed bool
}

// Kind implements ast.Node.
func (n *Directive) Kind() ast.NodeKind { return KindDirective }

// Dump implements ast.Node.
func (n *Directive) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Line": string(n.Line)}, nil)
}

// Parse reads a directive line (without its indentation and line
// break): the words between "{%" and the last "%}", and whether the line
// is well formed: "{%", anything, "%}", then only blanks.
func Parse(line []byte) (args []string, ok bool) {
	body, found := bytes.CutPrefix(line, []byte("{%"))
	if !found {
		return nil, false
	}
	body, found = bytes.CutSuffix(bytes.TrimRight(body, " \t"), []byte("%}"))
	if !found {
		return nil, false
	}
	for _, f := range bytes.Fields(body) {
		args = append(args, string(f))
	}
	return args, true
}

type blockParser struct{}

func (blockParser) Trigger() []byte { return []byte{'{'} }

func (blockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if pc.BlockIndent() > 3 {
		return nil, parser.NoChildren
	}
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || !bytes.HasPrefix(line[pos:], []byte("{%")) {
		return nil, parser.NoChildren
	}
	l := bytes.TrimRight(line[pos:], " \t\r\n")
	n := &Directive{Offset: seg.Start + pos, Line: l}
	args, ok := Parse(l)
	n.Args, n.Malformed = args, !ok
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

func (blockParser) Continue(ast.Node, text.Reader, parser.Context) parser.State { return parser.Close }

func (blockParser) Close(ast.Node, text.Reader, parser.Context) {}

func (blockParser) CanInterruptParagraph() bool { return true }

func (blockParser) CanAcceptIndentedLine() bool { return false }

type extension struct{}

// Extension registers the directive line parser and a renderer that
// writes nothing for a directive left in place.
var Extension goldmark.Extender = extension{}

func (extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(blockParser{}, 150)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(extension{}, 100)))
}

func (extension) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindDirective, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkSkipChildren, nil
	})
}
