// Package mdhtml is a goldmark extension for Markdown inside HTML blocks,
// as Python-Markdown's md_in_html writes it:
//
//	<div class="admonition warning" markdown>
//	<p class="admonition-title">Warning</p>
//
//	This *is* Markdown.
//	</div>
//
// An opening tag of a block-level element that carries a markdown
// attribute, at the start of a line, starts a container, with
// Python-Markdown's semantics:
//
//   - markdown, markdown="1": block Markdown inside div, section, details,
//     figure and the other block elements; inline Markdown inside the
//     elements that hold text (p, h1-h6, li, dd, dt, td, th, summary,
//     address, legend);
//   - markdown="block" or markdown="span" chooses (but p, h1-h6, dt and
//     legend, which HTML lets hold inline content only, stay inline);
//   - a block element closed on its opening line holds inline Markdown
//     (`<figcaption markdown>A *caption*</figcaption>`);
//   - other values (markdown="0") leave a plain HTML block; elements that
//     hold raw text (pre, textarea, ...) and elements the HTML policy does
//     not allow are never containers.
//
// A block container's lines are parsed as Markdown until the matching
// closing tag at the start of a line; what follows that tag on its line
// (`</section><hr>`) is parsed after the container, and closing tags of
// the containers around it there close them too (`</div></div>`). A span container's
// text, up to its closing tag anywhere on a line, is inline Markdown
// (`<p markdown>Some *text*</p>`, `<figure markdown="span">`). The markdown
// attribute never reaches the output (package htmlpolicy drops it from
// raw HTML too), and an HTML block (an `<a href>` line, say) ends before a
// line that opens a container (see Opens). Containers nest, also with the
// same tag, at most nesting.Max (100) deep counting admonitions: a deeper
// one is the error "Markdown-in-HTML nested deeper than 100 levels" (once
// per page) and is not opened. The rest of the opening line (a <summary>,
// say) is part of the body.
package mdhtml

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"

	"github.com/guidegen/guidegen/internal/markdown/htmlpolicy"
	"github.com/guidegen/guidegen/internal/markdown/mddiag"
	"github.com/guidegen/guidegen/internal/markdown/nesting"
)

// KindContainer is the node kind of a Markdown-in-HTML container.
var KindContainer = ast.NewNodeKind("MarkdownHTML")

// Container is an HTML element whose content is Markdown.
type Container struct {
	ast.BaseBlock
	Tag string
	// Attr are the element's attributes without markdown, in order.
	Attr []html.Attribute
	// Span is true for a container of inline Markdown (its Lines).
	Span   bool
	closed bool
	// closer stands for closing tags of containers around it (see
	// closeAncestors); it renders nothing.
	closer bool
}

// Kind implements ast.Node.
func (n *Container) Kind() ast.NodeKind { return KindContainer }

// NestingContainer implements nesting.Container: containers count toward
// the nesting limit.
func (n *Container) NestingContainer() {}

// Dump implements ast.Node.
func (n *Container) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Tag": n.Tag}, nil)
}

// blockTags may hold Markdown: true for the elements that hold blocks,
// false for those that hold text (Python-Markdown's span tags), whose
// Markdown is inline unless markdown="block" says otherwise. Elements
// that hold raw text (pre, script, textarea, ...) are not here.
var blockTags = map[string]bool{
	"div": true, "details": true, "section": true, "aside": true, "article": true,
	"figure": true, "figcaption": true, "blockquote": true, "header": true,
	"footer": true, "nav": true, "main": true, "dl": true, "ol": true, "ul": true,
	"fieldset": true, "hgroup": true, "menu": true, "table": true, "tbody": true,
	"thead": true, "tfoot": true, "tr": true, "colgroup": true,
	"p": false, "h1": false, "h2": false, "h3": false, "h4": false, "h5": false,
	"h6": false, "li": false, "dd": false, "dt": false, "td": false, "th": false,
	"summary": false, "address": false, "legend": false,
}

// phrasing are the span tags that may hold only inline content in HTML:
// their Markdown is inline even with markdown="block", which would put a
// <p> or a heading inside them.
var phrasing = map[string]bool{
	"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"dt": true, "legend": true,
}

var (
	startRE    = regexp.MustCompile(`^<([A-Za-z][A-Za-z0-9-]*)(?:\s[^>]*)?>`)
	attrNameRE = regexp.MustCompile(`^[A-Za-z_:][A-Za-z0-9_:.-]*$`)
)

type blockParser struct{}

func (p blockParser) Trigger() []byte { return []byte{'<'} }

// parseStart reads the start tag at the beginning of b. ok is false when
// it is not a block-level tag with a markdown attribute that asks for
// Markdown; span tells whether its Markdown is inline.
func parseStart(b []byte) (tag string, attrs []html.Attribute, n int, span, ok bool) {
	// Most lines that start with "<" are not containers: look for the
	// word before anything costs.
	end := bytes.IndexByte(b, '>')
	if end < 0 || !hasMarkdownWord(b[:end]) {
		return "", nil, 0, false, false
	}
	m := startRE.FindSubmatchIndex(b)
	if m == nil {
		return "", nil, 0, false, false
	}
	tag = strings.ToLower(string(b[m[2]:m[3]]))
	block, known := blockTags[tag]
	if !known {
		return "", nil, 0, false, false
	}
	z := html.NewTokenizer(bytes.NewReader(b[:m[1]]))
	if z.Next() != html.StartTagToken {
		return "", nil, 0, false, false
	}
	tok := z.Token()
	markdown := false
	for _, a := range tok.Attr {
		if !attrNameRE.MatchString(a.Key) {
			continue // not a name we can write back safely
		}
		if a.Key == "markdown" {
			switch a.Val {
			case "", "1":
				markdown, span = true, !block
			case "block":
				markdown, span = true, phrasing[tag]
			case "span":
				markdown, span = true, true
			}
			continue
		}
		attrs = append(attrs, a)
	}
	return tag, attrs, m[1], span, markdown
}

// hasMarkdownWord reports whether b holds "markdown" in any case, without
// allocating.
func hasMarkdownWord(b []byte) bool {
	const w = "markdown"
	for i := 0; i+len(w) <= len(b); i++ {
		if lower(b[i]) != 'm' {
			continue
		}
		j := 1
		for j < len(w) && lower(b[i+j]) == w[j] {
			j++
		}
		if j == len(w) {
			return true
		}
	}
	return false
}

// Opens reports whether line, from its first non-blank byte (at most three
// blanks in), opens a container. Package rawhtml ends an HTML block
// before such a line, as Python-Markdown does, so that `<a href="…">` on
// the line before a `<div class="card" markdown>` does not turn the card
// into raw HTML.
func Opens(line []byte) bool {
	i := 0
	for i < len(line) && i < 4 && line[i] == ' ' {
		i++
	}
	if i > 3 || i >= len(line) || line[i] != '<' {
		return false
	}
	_, _, _, _, ok := parseStart(line[i:])
	return ok
}

func (p blockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if pc.BlockIndent() > 3 {
		return nil, parser.NoChildren
	}
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 {
		return nil, parser.NoChildren
	}
	if c, ok := parent.(*Container); ok && hasClosing(line[pos:], c.Tag) {
		return closeAncestors(c, line, pos, seg.Start, pc)
	}
	tag, attrs, n, span, ok := parseStart(line[pos:])
	if !ok || !htmlpolicy.FromContext(pc).AllowsElement(tag) {
		return nil, parser.NoChildren
	}
	if nesting.TooDeep(pc, parent, seg.Start+pos, "Markdown-in-HTML") {
		return nil, parser.NoChildren
	}
	attrs, removed := htmlpolicy.FromContext(pc).FilterAttrs(tag, attrs, line[pos:pos+n])
	for _, r := range removed {
		mddiag.Warn(pc, seg.Start+pos+r.Offset, "%s", r.Msg)
	}
	// A block element closed on its opening line holds inline Markdown:
	// <figcaption markdown>A *caption*</figcaption>.
	if !span && closingIndex(line[pos+n:], tag) >= 0 {
		span = true
	}
	node := &Container{Tag: tag, Attr: attrs, Span: span}
	node.SetPos(seg.Start + pos)
	if !span {
		reader.Advance(pos + n)
		return node, parser.HasChildren
	}
	// The text after the start tag is the first line of the span, which
	// may end on this line too.
	rest := line[pos+n:]
	start := seg.Start + pos + n
	if k := closingIndex(rest, tag); k >= 0 {
		node.addLine(start, start+k)
		node.closed = true
		if !util.IsBlank(rest[k+len(tag)+3:]) {
			mddiag.Warn(pc, start+k+len(tag)+3, "text after </%s> on the line of <%s markdown> is left out: put it on a line of its own", tag, tag)
		}
	} else {
		node.addLine(start, seg.Stop)
	}
	reader.AdvanceToEOL()
	return node, parser.NoChildren
}

// closeAncestors handles the closing tags that follow another one on its
// line (`</div></div>`): the first closed the innermost container, and
// the rest of the line, offered to the blocks of its parent, closes the
// parent and the containers around it it names, in order. A node that
// renders nothing stands for the tags; the containers close at the next
// line.
func closeAncestors(c *Container, line []byte, pos, start int, pc parser.Context) (ast.Node, parser.State) {
	rest := line[pos:]
	used := 0
	for p := ast.Node(c); ; p = p.Parent() {
		cc, ok := p.(*Container)
		if !ok || cc.Span || cc.closed || !hasClosing(rest, cc.Tag) {
			break
		}
		cc.closed = true
		k := len(cc.Tag) + 3
		for k < len(rest) && (rest[k] == ' ' || rest[k] == '\t') {
			k++
		}
		rest, used = rest[k:], used+k
	}
	if !util.IsBlank(rest) {
		mddiag.Warn(pc, start+pos+used, "text after closing tags is left out: put it on a line of its own")
	}
	return &Container{closer: true, closed: true}, parser.NoChildren
}

// addLine adds the text from start to stop to a span container; Close
// trims it.
func (n *Container) addLine(start, stop int) {
	n.Lines().Append(text.NewSegment(start, stop))
}

// innerOpen reports whether a container with the same tag is still open
// inside n; the closing tag then belongs to it. Open blocks are always
// the last child at each level.
func innerOpen(n *Container) bool {
	for c := n.LastChild(); c != nil; c = c.LastChild() {
		if in, ok := c.(*Container); ok && !in.closed && in.Tag == n.Tag {
			return true
		}
	}
	return false
}

func (p blockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*Container)
	if n.closed {
		return parser.Close // a span closed on its opening line
	}
	line, seg := reader.PeekLine()
	if n.Span {
		if k := closingIndex(line, n.Tag); k >= 0 {
			n.addLine(seg.Start, seg.Start+k)
			reader.Advance(k + len(n.Tag) + 3)
			n.closed = true
			return parser.Close
		}
		n.addLine(seg.Start, seg.Stop)
		reader.AdvanceToEOL()
		return parser.Continue | parser.NoChildren
	}
	if end := closingEnd(line, n.Tag); end > 0 && !innerOpen(n) {
		// What follows the closing tag on its line is parsed after the
		// container.
		reader.Advance(end)
		n.closed = true
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

// closingEnd returns the length of the closing tag </tag> and the blanks
// before it when line starts with them, and 0 otherwise. Every open
// container calls it on every line, so it does not allocate.
func closingEnd(line []byte, tag string) int {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if hasClosing(line[i:], tag) {
		return i + len(tag) + 3
	}
	return 0
}

// hasClosing reports whether b starts with </tag> (any case).
func hasClosing(b []byte, tag string) bool {
	end := len(tag) + 3
	if end > len(b) || b[0] != '<' || b[1] != '/' || b[end-1] != '>' {
		return false
	}
	for j := range len(tag) {
		if lower(b[2+j]) != tag[j] {
			return false
		}
	}
	return true
}

// closingIndex returns the offset of the first </tag> in line, or -1.
func closingIndex(line []byte, tag string) int {
	for i := 0; i < len(line); i++ {
		j := bytes.IndexByte(line[i:], '<')
		if j < 0 {
			return -1
		}
		i += j
		if hasClosing(line[i:], tag) {
			return i
		}
	}
	return -1
}

// lower folds an ASCII letter to lower case; tags are lower case.
func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func (p blockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	n := node.(*Container)
	if n.Span {
		trimSpan(n, reader.Source())
	}
	if !n.closed {
		n.closed = true
		mddiag.Error(pc, n.Pos(), "<%s markdown> is not closed: add a line with </%s>", n.Tag, n.Tag)
	}
}

// trimSpan drops the blanks around each line of a span container and
// its blank lines, as goldmark does for a paragraph's lines.
func trimSpan(n *Container, src []byte) {
	lines := n.Lines()
	out := text.NewSegments()
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		s = s.TrimLeftSpace(src)
		if util.IsBlank(s.Value(src)) {
			continue
		}
		out.Append(s)
	}
	if k := out.Len(); k > 0 {
		last := out.At(k - 1)
		out.Set(k-1, last.TrimRightSpace(src))
	}
	n.SetLines(out)
}

func (p blockParser) CanInterruptParagraph() bool { return true }
func (p blockParser) CanAcceptIndentedLine() bool { return false }

type nodeRenderer struct{}

func (r nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindContainer, r.render)
}

func (r nodeRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Container)
	if n.closer {
		return ast.WalkContinue, nil
	}
	if !entering {
		_, _ = w.WriteString("</" + n.Tag + ">\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<" + n.Tag)
	for _, a := range n.Attr {
		htmlpolicy.WriteAttr(w, a.Key, []byte(a.Val))
	}
	if n.Span {
		_ = w.WriteByte('>')
	} else {
		_, _ = w.WriteString(">\n")
	}
	return ast.WalkContinue, nil
}

type extension struct{}

// Extension registers the container parser (ahead of goldmark's HTML block
// parser) and its renderer.
var Extension goldmark.Extender = extension{}

func (extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(blockParser{}, 80)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, 100)))
}
