// Package mdhtml is a goldmark extension for Markdown inside HTML blocks,
// as Python-Markdown's md_in_html writes it:
//
//	<div class="admonition warning" markdown>
//	<p class="admonition-title">Warning</p>
//
//	This *is* Markdown.
//	</div>
//
// An opening tag of a block element that carries a markdown attribute
// (markdown, markdown="1" or markdown="block") starts a container whose
// lines are parsed as Markdown until the matching closing tag on a line of
// its own. The markdown attribute is dropped from the output. Containers
// nest, also with the same tag, at most nesting.Max (100) deep counting
// admonitions: a deeper one is the error "Markdown-in-HTML nested deeper
// than 100 levels" (once per page) and is not opened. The rest of the
// opening line (a <summary>, say) is part of the body.
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
	Attr   []html.Attribute
	closed bool
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

// blockTags may hold Markdown.
var blockTags = map[string]bool{
	"div": true, "details": true, "section": true, "aside": true, "article": true,
	"figure": true, "figcaption": true, "blockquote": true, "header": true,
	"footer": true, "nav": true, "main": true,
}

var (
	startRE    = regexp.MustCompile(`^<([A-Za-z][A-Za-z0-9-]*)(?:\s[^>]*)?>`)
	attrNameRE = regexp.MustCompile(`^[A-Za-z_:][A-Za-z0-9_:.-]*$`)
)

type blockParser struct{}

func (p blockParser) Trigger() []byte { return []byte{'<'} }

// parseStart reads the start tag at the beginning of b. ok is false when
// it is not a block tag with a markdown attribute.
func parseStart(b []byte) (tag string, attrs []html.Attribute, n int, ok bool) {
	m := startRE.FindSubmatchIndex(b)
	if m == nil {
		return "", nil, 0, false
	}
	tag = strings.ToLower(string(b[m[2]:m[3]]))
	if !blockTags[tag] {
		return "", nil, 0, false
	}
	z := html.NewTokenizer(bytes.NewReader(b[:m[1]]))
	if z.Next() != html.StartTagToken {
		return "", nil, 0, false
	}
	tok := z.Token()
	markdown := false
	for _, a := range tok.Attr {
		if !attrNameRE.MatchString(a.Key) {
			continue // not a name we can write back safely
		}
		if a.Key == "markdown" {
			switch a.Val {
			case "", "1", "block":
				markdown = true
			}
			continue
		}
		attrs = append(attrs, a)
	}
	return tag, attrs, m[1], markdown
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
	tag, attrs, n, ok := parseStart(line[pos:])
	if !ok {
		return nil, parser.NoChildren
	}
	if nesting.TooDeep(pc, parent, seg.Start+pos, "Markdown-in-HTML") {
		return nil, parser.NoChildren
	}
	attrs, removed := htmlpolicy.FromContext(pc).FilterAttrs(tag, attrs, line[pos:pos+n])
	for _, r := range removed {
		mddiag.Warn(pc, seg.Start+pos+r.Offset, "%s", r.Msg)
	}
	node := &Container{Tag: tag, Attr: attrs}
	node.SetPos(seg.Start + pos)
	reader.Advance(pos + n)
	return node, parser.HasChildren
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
	line, _ := reader.PeekLine()
	if end := closingEnd(line, n.Tag); end > 0 && !innerOpen(n) {
		reader.Advance(end)
		n.closed = true
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

// closingEnd returns the length of the closing tag </tag> and the blanks
// before it when line holds that and nothing else, and 0 otherwise. Every
// open container calls it on every line, so it does not allocate.
func closingEnd(line []byte, tag string) int {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	end := i + len(tag) + 3
	if end > len(line) || line[i] != '<' || line[i+1] != '/' || line[end-1] != '>' || !util.IsBlank(line[end:]) {
		return 0
	}
	for j := range len(tag) {
		if lower(line[i+2+j]) != tag[j] {
			return 0
		}
	}
	return end
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
	if !n.closed {
		n.closed = true
		mddiag.Error(pc, n.Pos(), "<%s markdown> is not closed: add a line with </%s>", n.Tag, n.Tag)
	}
}

func (p blockParser) CanInterruptParagraph() bool { return true }
func (p blockParser) CanAcceptIndentedLine() bool { return false }

type nodeRenderer struct{}

func (r nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindContainer, r.render)
}

func (r nodeRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Container)
	if !entering {
		_, _ = w.WriteString("</" + n.Tag + ">\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<" + n.Tag)
	for _, a := range n.Attr {
		htmlpolicy.WriteAttr(w, a.Key, []byte(a.Val))
	}
	_, _ = w.WriteString(">\n")
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
