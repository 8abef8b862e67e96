// Package rawhtml passes a page's raw HTML (goldmark's inline ast.RawHTML
// and ast.HTMLBlock) through the site's HTML policy (htmlpolicy): while
// parsing, every element or attribute the policy removes is a warning at
// its place in the page; while rendering, the sanitized HTML is written.
//
// It wraps goldmark's own raw HTML parsers (Parsers) instead of walking
// the document, so that a page without raw HTML costs nothing more.
package rawhtml

import (
	"reflect"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/guidegen/guidegen/internal/markdown/htmlpolicy"
	"github.com/guidegen/guidegen/internal/markdown/mddiag"
	"github.com/guidegen/guidegen/internal/markdown/mdhtml"
)

var (
	htmlBlockType = reflect.TypeOf(parser.NewHTMLBlockParser())
	rawHTMLType   = reflect.TypeOf(parser.NewRawHTMLParser())
)

// Parsers returns goldmark's default block and inline parsers with its
// raw HTML parsers replaced by ones that report what the document's
// policy (htmlpolicy.FromContext) removes.
func Parsers(blocks, inlines []util.PrioritizedValue) ([]util.PrioritizedValue, []util.PrioritizedValue) {
	bs := make([]util.PrioritizedValue, len(blocks))
	for i, v := range blocks {
		if p, ok := v.Value.(parser.BlockParser); ok && reflect.TypeOf(p) == htmlBlockType {
			v.Value = blockParser{p}
		}
		bs[i] = v
	}
	is := make([]util.PrioritizedValue, len(inlines))
	for i, v := range inlines {
		if p, ok := v.Value.(parser.InlineParser); ok && reflect.TypeOf(p) == rawHTMLType {
			v.Value = inlineParser{p}
		}
		is[i] = v
	}
	return bs, is
}

type blockParser struct{ parser.BlockParser }

// Continue ends an HTML block that a blank line would end (CommonMark's
// kinds 6 and 7: `<div>`, `<a href="…">` alone on a line) before a line
// that opens a Markdown-in-HTML container, which then opens there, as in
// Python-Markdown.
func (p blockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	if n := node.(*ast.HTMLBlock); n.HTMLBlockType == ast.HTMLBlockType6 || n.HTMLBlockType == ast.HTMLBlockType7 {
		if line, _ := reader.PeekLine(); mdhtml.Opens(line) {
			return parser.Close
		}
	}
	return p.BlockParser.Continue(node, reader, pc)
}

// Close reports what the policy removes from the block.
func (p blockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	p.BlockParser.Close(node, reader, pc)
	n := node.(*ast.HTMLBlock)
	report(pc, blockSegments(n), reader.Source())
}

type inlineParser struct{ parser.InlineParser }

// Parse reports what the policy removes from the tag.
func (p inlineParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	n := p.InlineParser.Parse(parent, block, pc)
	if r, ok := n.(*ast.RawHTML); ok {
		report(pc, r.Segments, block.Source())
	}
	return n
}

func blockSegments(n *ast.HTMLBlock) *text.Segments {
	if !n.HasClosure() {
		return n.Lines()
	}
	segs := text.NewSegments()
	segs.AppendAll(n.Lines().Sliced(0, n.Lines().Len()))
	segs.Append(n.ClosureLine)
	return segs
}

// report warns about each removal, at its offset in src.
func report(pc parser.Context, segs *text.Segments, src []byte) {
	if segs.Len() == 0 {
		return
	}
	b := join(segs, src)
	for _, r := range htmlpolicy.FromContext(pc).Check(b) {
		mddiag.Warn(pc, offset(segs, r.Offset), "%s", r.Msg)
	}
}

// join returns the text of segs; a single segment is not copied.
func join(segs *text.Segments, src []byte) []byte {
	if segs.Len() == 1 {
		s := segs.At(0)
		return s.Value(src)
	}
	var b []byte
	for i := 0; i < segs.Len(); i++ {
		s := segs.At(i)
		b = append(b, s.Value(src)...)
	}
	return b
}

// offset maps an offset in the joined text of segs to one in the source.
func offset(segs *text.Segments, off int) int {
	for i := 0; i < segs.Len(); i++ {
		s := segs.At(i)
		if off < s.Len() || i == segs.Len()-1 {
			return s.Start + off
		}
		off -= s.Len()
	}
	return 0
}

// Extension renders raw HTML through a policy.
type Extension struct {
	// Policy is the site's HTML policy; nil means htmlpolicy.Default.
	Policy *htmlpolicy.Policy
	// Omit replaces raw HTML with a comment, as goldmark does without
	// html.WithUnsafe.
	Omit bool
}

// Extend implements goldmark.Extender.
func (e Extension) Extend(m goldmark.Markdown) {
	p := e.Policy
	if p == nil {
		p = htmlpolicy.Default()
	}
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{p, e.Omit}, 100)))
}

type nodeRenderer struct {
	policy *htmlpolicy.Policy
	omit   bool
}

func (r nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, r.renderRawHTML)
	reg.Register(ast.KindHTMLBlock, r.renderHTMLBlock)
}

func (r nodeRenderer) renderRawHTML(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	if r.omit {
		_, _ = w.WriteString("<!-- raw HTML omitted -->")
		return ast.WalkSkipChildren, nil
	}
	out, _ := r.policy.Sanitize(join(node.(*ast.RawHTML).Segments, src))
	html.DefaultWriter.SecureWrite(w, out)
	return ast.WalkSkipChildren, nil
}

func (r nodeRenderer) renderHTMLBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.HTMLBlock)
	if r.omit {
		_, _ = w.WriteString("<!-- raw HTML omitted -->\n")
		if n.HasClosure() {
			_, _ = w.WriteString("<!-- raw HTML omitted -->\n")
		}
		return ast.WalkContinue, nil
	}
	segs := blockSegments(n)
	if segs.Len() == 0 {
		return ast.WalkContinue, nil
	}
	out, _ := r.policy.Sanitize(join(segs, src))
	html.DefaultWriter.SecureWrite(w, out)
	return ast.WalkContinue, nil
}
