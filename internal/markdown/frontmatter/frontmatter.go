// Package frontmatter is a goldmark extension that finds the YAML front
// matter of a page and keeps its raw text in the parser.Context, where the
// caller decodes it with yaml.v3 into its own typed struct.
//
// Finding the block is left to github.com/yuin/goldmark-meta's block parser;
// this package wraps it in two places. Open only accepts a first line that is
// exactly "---" (goldmark-meta also takes a blank first line as an opening
// separator). Close keeps the raw lines instead of decoding them:
// goldmark-meta decodes with yaml.v2, twice, into untyped maps and loses the
// line and column of every value, while strict typed decoding with positions
// needs yaml.v3 nodes.
package frontmatter

import (
	"bytes"

	"github.com/yuin/goldmark"
	meta "github.com/yuin/goldmark-meta"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Block is the front matter of one document.
type Block struct {
	// YAML is the text between the two "---" lines.
	YAML []byte
	// Line is the 0-based line of the file on which YAML starts: 1, since
	// the opening "---" is line 0.
	Line int
	// Closed is false when no closing "---" was found; then YAML holds the
	// rest of the file.
	Closed bool
	// Close and End are the offsets in the parsed text of the closing
	// line and of what follows it, the body; both 0 when not Closed.
	// goldmark-meta closes the block on any line of dashes only ("-",
	// "----"): whoever edits or cuts a page's front matter uses these
	// offsets rather than looking for "---" again.
	Close, End int
}

var key = parser.NewContextKey()

// Get returns the front matter found while parsing with pc, or nil.
func Get(pc parser.Context) *Block {
	b, _ := pc.Get(key).(*Block)
	return b
}

type blockParser struct {
	inner parser.BlockParser
}

// closedAttr holds the segment of the closing separator, once seen.
var closedAttr = []byte("frontmatter-closed")

func (p blockParser) Trigger() []byte { return p.inner.Trigger() }

func (p blockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if line, _ := reader.PeekLine(); !bytes.Equal(bytes.TrimRight(line, " \t\r\n"), []byte("---")) {
		return nil, parser.NoChildren
	}
	return p.inner.Open(parent, reader, pc)
}

func (p blockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	_, seg := reader.PeekLine()
	st := p.inner.Continue(node, reader, pc)
	if st == parser.Close {
		node.SetAttribute(closedAttr, seg)
	}
	return st
}

func (p blockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	var buf bytes.Buffer
	for i := range lines.Len() {
		seg := lines.At(i)
		buf.Write(seg.Value(reader.Source()))
	}
	b := &Block{YAML: buf.Bytes(), Line: 1}
	if v, ok := node.Attribute(closedAttr); ok {
		seg := v.(text.Segment)
		b.Closed, b.Close, b.End = true, seg.Start, seg.Stop
	}
	pc.Set(key, b)
	node.Parent().RemoveChild(node.Parent(), node)
}

func (p blockParser) CanInterruptParagraph() bool { return p.inner.CanInterruptParagraph() }
func (p blockParser) CanAcceptIndentedLine() bool { return p.inner.CanAcceptIndentedLine() }

// Locate finds the front matter of src as a page's parse does, or returns
// nil when src has none.
func Locate(src []byte) *Block {
	pc := parser.NewContext()
	goldmark.New(goldmark.WithExtensions(Extension)).Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	return Get(pc)
}

type extension struct{}

// Extension registers the front matter parser.
var Extension goldmark.Extender = extension{}

func (extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(
		util.Prioritized(blockParser{inner: meta.NewParser()}, 0),
	))
}
