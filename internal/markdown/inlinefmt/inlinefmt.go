// Package inlinefmt adds the inline formats of pymdownx.mark, pymdownx.caret
// and pymdownx.tilde, as MkDocs Material configures them:
//
//	==mark==    → <mark>      ^^insert^^ → <ins>    ^sup^ → <sup>
//	~~delete~~  → <del>       ~sub~      → <sub>
//
// The three share one delimiter algorithm (goldmark's, the one emphasis
// uses), so they nest in one another and in emphasis. One processor per
// character handles both run lengths, as pymdownx does: "~~" deletes and
// "~" subscripts, so "H~2~O" is H<sub>2</sub>O and never a deletion.
//
// Where a run may open or close follows CommonMark's flanking rules, so
// "a == b" is not a mark. "==" and "^^" follow the stricter rules of "_"
// (pymdownx's "smart" mode): they neither open nor close inside a word.
// "~~" keeps GFM's rules, so existing pages keep their deletions. A
// single "^" or "~" opens only if the same character follows before any
// white space: "^sup^" and "~sub~" hold no spaces, as in pymdownx. Runs
// of "^" and "~" longer than three, and of "=" other than two, stay text.
//
// The work is linear in the size of a paragraph for the runs these
// formats control (see TestWorkIsLinear); goldmark's own matching still
// compares a closer with every unmatched opener of another kind before
// it, as it does for "*" and "_".
package inlinefmt

import (
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/guidegen/guidegen/internal/markdown/htmlpolicy"
)

// Kind is the node kind of a Node.
var Kind = ast.NewNodeKind("InlineFormat")

// Node is a mark, insertion, superscript or subscript. Deletions are
// goldmark's east.Strikethrough, as with GFM.
type Node struct {
	ast.BaseInline
	// Tag is the element: "mark", "ins", "sup" or "sub".
	Tag string
}

// Kind implements ast.Node.
func (n *Node) Kind() ast.NodeKind { return Kind }

// Dump implements ast.Node.
func (n *Node) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Tag": n.Tag}, nil)
}

// processor is the delimiter processor of one character.
type processor struct {
	char byte
	// one and two are the elements a match consuming one or two
	// characters makes; "" for none ("del" is a Strikethrough).
	one, two string
	// longest is the longest run that is a delimiter.
	longest int
	// smart applies the rules of "_" to runs of two.
	smart bool
	// work, when set, counts the steps taken (tests only).
	work *int
	// key holds, in the parser.Context, the openers pushed in the block
	// being parsed (*openers).
	key parser.ContextKey
}

// openers counts the delimiters of one character that may open, pushed in
// one block so far.
type openers struct {
	block ast.Node
	n     int
}

func (p *processor) IsDelimiter(b byte) bool { return b == p.char }

func (p *processor) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	if p.work != nil {
		*p.work++
	}
	if opener.Char != closer.Char {
		return false
	}
	if p.one == "" { // "==": both sides must still have two
		return opener.Length >= 2 && closer.Length >= 2
	}
	return true
}

func (p *processor) OnMatch(consumes int) ast.Node {
	tag := p.one
	if consumes == 2 {
		tag = p.two
	}
	if tag == "del" {
		return east.NewStrikethrough()
	}
	return &Node{Tag: tag}
}

// Parse implements parser.InlineParser: it pushes a delimiter for a run
// that may open or close, and makes any other run text.
func (p *processor) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, seg := block.PeekLine()
	n := 0
	for n < len(line) && line[n] == p.char {
		n++
	}
	if before == rune(p.char) {
		// the rest of a run that was made text: stay text
		block.Advance(n)
		return ast.NewTextSegment(seg.WithStop(seg.Start + n))
	}
	after := ' '
	if n < len(line) {
		after, _ = utf8.DecodeRune(line[n:])
		if after == utf8.RuneError && line[n] < utf8.RuneSelf {
			after = rune(line[n])
		}
	}
	left, right, bp, ap := flanking(before, after)
	canOpen, canClose := left, right
	if p.smart && n == 2 {
		canOpen = left && (!right || bp)
		canClose = right && (!left || ap)
	}
	if n == 1 && canOpen && !p.closesBeforeSpace(line[1:]) {
		canOpen = false
	}
	// A run that may only close, with no run before it in the block that
	// may open, cannot match: it is text. (goldmark would compare it with
	// every delimiter before it to learn that; a paragraph of closers
	// after many other openers would cost quadratic time.)
	o, _ := pc.Get(p.key).(*openers)
	if o == nil || o.block != parent {
		o = &openers{block: parent}
		pc.Set(p.key, o)
	}
	if canClose && !canOpen && o.n == 0 {
		canClose = false
	}
	if n > p.longest || (p.one == "" && n != 2) || !canOpen && !canClose {
		block.Advance(n)
		return ast.NewTextSegment(seg.WithStop(seg.Start + n))
	}
	if canOpen {
		o.n++
	}
	d := parser.NewDelimiter(canOpen, canClose, n, p.char, p)
	d.Segment = seg.WithStop(seg.Start + n)
	block.Advance(n)
	pc.PushDelimiter(d)
	return d
}

// closesBeforeSpace reports whether rest holds the closing character
// after at least one other and before any unescaped white space.
func (p *processor) closesBeforeSpace(rest []byte) bool {
	for i := 0; i < len(rest); i++ {
		if p.work != nil {
			*p.work++
		}
		switch c := rest[i]; {
		case c == p.char:
			return i > 0
		case c == '\\' && i+1 < len(rest) && util.IsPunct(rest[i+1]):
			i++ // an escaped character, perhaps the closing one
		case util.IsSpace(c):
			return false
		}
	}
	return false
}

// flanking returns CommonMark's left- and right-flanking of a run between
// before and after, and whether before and after are punctuation.
func flanking(before, after rune) (left, right, beforePunct, afterPunct bool) {
	beforePunct, afterPunct = util.IsPunctRune(before), util.IsPunctRune(after)
	beforeSpace, afterSpace := util.IsSpaceRune(before), util.IsSpaceRune(after)
	left = !afterSpace && (!afterPunct || beforeSpace || beforePunct)
	right = !beforeSpace && (!beforePunct || afterSpace || afterPunct)
	return
}

func (p *processor) Trigger() []byte { return []byte{p.char} }

func (p *processor) CloseBlock(ast.Node, parser.Context) {}

// Extension adds one character's formats.
type Extension struct {
	proc *processor
}

// Mark is pymdownx.mark: ==mark==.
var Mark = Extension{proc: &processor{char: '=', two: "mark", longest: 2, smart: true, key: parser.NewContextKey()}}

// Caret is pymdownx.caret: ^^insert^^ and ^sup^.
var Caret = Extension{proc: &processor{char: '^', one: "sup", two: "ins", longest: 3, smart: true, key: parser.NewContextKey()}}

// Tilde is pymdownx.tilde: ~~delete~~ and ~sub~. It replaces GFM's
// strikethrough extension (the two would claim the same character).
var Tilde = Extension{proc: &processor{char: '~', one: "sub", two: "del", longest: 3, key: parser.NewContextKey()}}

// Counting returns a copy of e that adds the steps of its delimiter
// matching to *work, for tests of how the work grows.
func (e Extension) Counting(work *int) Extension {
	p := *e.proc
	p.work = work
	return Extension{proc: &p}
}

// Extend implements goldmark.Extender.
func (e Extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(e.proc, 500)))
	r := []util.PrioritizedValue{util.Prioritized(nodeRenderer{}, 500)}
	if e.proc.two == "del" {
		r = append(r, util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500))
	}
	m.Renderer().AddOptions(renderer.WithNodeRenderers(r...))
}

type nodeRenderer struct{}

func (nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(Kind, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		tag := n.(*Node).Tag
		if entering {
			_ = w.WriteByte('<')
			_, _ = w.WriteString(tag)
			htmlpolicy.RenderAttributes(w, n)
			_ = w.WriteByte('>')
		} else {
			_, _ = w.WriteString("</")
			_, _ = w.WriteString(tag)
			_ = w.WriteByte('>')
		}
		return ast.WalkContinue, nil
	})
}
