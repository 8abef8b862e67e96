// Package attrlist is a goldmark extension for Python-Markdown attribute
// lists: `{ .class #id key=value key="quoted value" }`, spaced or not
// (`{align=right}`), with an optional colon (`{: .class }`).
//
//   - Inline, directly after a link, image, icon or code span, with no space
//     between: [Homepage](https://signal.org/){ .md-button }.
//   - At the end of a heading: ## Criteria { #criteria }.
//   - On a line of its own at the end of a block: the attributes go to that
//     block (a paragraph, "Learn more\n{align=right}" giving
//     <p align="right">), or, when the line is a paragraph of its own or
//     the lazy last line of a list, to the block before it (the list).
//
// In a quoted value, a backslash escapes the quote and a backslash
// (title="a \"quoted\" word"), so that any text can be a value; other
// backslashes stand for themselves, as in Python-Markdown.
//
// A list that does not parse stays literal text; it never vanishes. The
// attributes of a list that parses go through the document's HTML policy
// (htmlpolicy): an event handler, style= or href= is dropped with a
// warning at its place.
package attrlist

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/guidegen/guidegen/internal/markdown/htmlpolicy"
	"github.com/guidegen/guidegen/internal/markdown/mddiag"
)

// Attr is one attribute. Value may share memory with the text parsed:
// treat it as read-only.
type Attr struct {
	Name  string
	Value []byte
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

// isNameByte reports whether c may appear in a bare word of a list: Python
// takes everything but space, '=' and '}'.
func isNameByte(c byte) bool {
	return c != ' ' && c != '\t' && c != '=' && c != '}' && c != '{' && c != '\n' && c != '\r' && c != '"' && c != '\''
}

// Parse reads an attribute list at the start of b. It returns the
// attributes (classes merged into one class attribute, in order of first
// appearance), the number of bytes read, and whether b starts with a
// well-formed, non-empty list. The values are slices of b where they can
// be (capacity-limited, so that appending to one copies it): pages have
// lists on many links, and a list costs few allocations.
func Parse(b []byte) (attrs []Attr, n int, ok bool) {
	return parse(nil, b)
}

// parse is Parse appending the attributes to dst[:0], or to a slice of
// their number when dst is nil.
func parse(dst []Attr, b []byte) (attrs []Attr, n int, ok bool) {
	if len(b) < 2 || b[0] != '{' {
		return nil, 0, false
	}
	i := 1
	if i < len(b) && b[i] == ':' {
		i++
	}
	var id, class []byte
	classes := 0
	addClass := func(c []byte) {
		if classes == 0 {
			class = c
		} else {
			class = append(append(class, ' '), c...) // copies a slice of b: cap == len
		}
		classes++
	}
	var restBuf [4]Attr
	rest := restBuf[:0]
	for {
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i >= len(b) {
			return nil, 0, false
		}
		if b[i] == '}' {
			i++
			break
		}
		start := i
		for i < len(b) && isNameByte(b[i]) {
			i++
		}
		word := b[start:i:i]
		if len(word) == 0 {
			return nil, 0, false
		}
		if i < len(b) && b[i] == '=' {
			i++
			if i >= len(b) {
				return nil, 0, false
			}
			var val []byte
			switch q := b[i]; q {
			case '"', '\'':
				v, n, ok := quoted(b[i:], q)
				if !ok {
					return nil, 0, false
				}
				val = v
				i += n
			default:
				vs := i
				for i < len(b) && isNameByte(b[i]) {
					i++
				}
				if i == vs {
					return nil, 0, false
				}
				val = b[vs:i:i]
			}
			if !validName(word) {
				return nil, 0, false
			}
			switch string(word) {
			case "class":
				addClass(val)
			case "id":
				id = val
			default:
				rest = append(rest, Attr{Name: attrName(word), Value: val})
			}
		} else {
			switch {
			case len(word) > 1 && word[0] == '.':
				addClass(word[1:])
			case len(word) > 1 && word[0] == '#':
				id = word[1:]
			case validName(word):
				rest = append(rest, Attr{Name: attrName(word), Value: word})
			default:
				return nil, 0, false
			}
		}
		if i < len(b) && !isSpace(b[i]) && b[i] != '}' {
			return nil, 0, false
		}
	}
	k := len(rest)
	if len(id) > 0 {
		k++
	}
	if classes > 0 {
		k++
	}
	if k == 0 {
		return nil, 0, false
	}
	if attrs = dst[:0]; dst == nil {
		attrs = make([]Attr, 0, k)
	}
	if len(id) > 0 {
		attrs = append(attrs, Attr{Name: "id", Value: id})
	}
	if classes > 0 {
		attrs = append(attrs, Attr{Name: "class", Value: class[:len(class):len(class)]})
	}
	attrs = append(attrs, rest...)
	return attrs, i, true
}

// attrName returns an attribute's name as a string: the names lists
// use most without a copy.
func attrName(word []byte) string {
	switch string(word) {
	case "align":
		return "align"
	case "lang":
		return "lang"
	case "title":
		return "title"
	case "width":
		return "width"
	case "height":
		return "height"
	case "loading":
		return "loading"
	case "target":
		return "target"
	case "rel":
		return "rel"
	case "role":
		return "role"
	case "markdown":
		return "markdown"
	}
	return string(word)
}

// quoted reads the quoted value at the start of b, whose first byte is
// its quote, and returns the value, the number of bytes read and whether
// the quote closes on the line. Inside, a backslash escapes the quote and
// a backslash ("a \"b\" \\ c" is a "b" \ c), so that any text can be
// a value (package directive writes UI strings so); any other backslash
// stands for itself, as in Python-Markdown. A value without escapes is a
// capacity-limited slice of b.
func quoted(b []byte, q byte) ([]byte, int, bool) {
	var buf []byte // the value, once an escape made it differ from b
	for j := 1; j < len(b); j++ {
		switch c := b[j]; {
		case c == q:
			if buf == nil {
				return b[1:j:j], j + 1, true
			}
			return buf, j + 1, true
		case c == '\r' || c == '\n':
			return nil, 0, false
		case c == '\\' && j+1 < len(b) && (b[j+1] == q || b[j+1] == '\\'):
			if buf == nil {
				buf = append(make([]byte, 0, len(b)), b[1:j]...)
			}
			j++
			buf = append(buf, b[j])
		default:
			if buf != nil {
				buf = append(buf, c)
			}
		}
	}
	return nil, 0, false
}

// validName accepts HTML attribute names: a letter or '_' or ':' first,
// then letters, digits and -_:. .
func validName(s []byte) bool {
	if len(s) == 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':'
		if i == 0 && !letter || i > 0 && !letter && !(c >= '0' && c <= '9') && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

// Apply sets attrs on n. Classes are appended to the classes n already
// has; other attributes replace earlier values.
func Apply(n ast.Node, attrs []Attr) {
	for _, a := range attrs {
		if a.Name == "class" {
			if v, ok := n.AttributeString("class"); ok {
				if old, ok := v.([]byte); ok && len(old) > 0 {
					merged := make([]byte, 0, len(old)+1+len(a.Value))
					merged = append(append(append(merged, old...), ' '), a.Value...)
					n.SetAttributeString("class", merged)
					continue
				}
			}
		}
		n.SetAttributeString(a.Name, a.Value)
	}
}

// check returns the attributes of attrs that the document's HTML policy
// (htmlpolicy) allows on n, and warns about each other one. URL
// attributes (href, src, cite) are never taken from a list: a link's or
// image's own destination, checked like every link, sets them. list is
// the text of the list, starting at byte offset off of the document, for
// the warnings' positions. attrs is filtered in place.
func check(pc parser.Context, n ast.Node, attrs []Attr, list []byte, off int) []Attr {
	p := htmlpolicy.FromContext(pc)
	elem := htmlpolicy.ElementOf(n)
	out := attrs[:0]
	for _, a := range attrs {
		name := strings.ToLower(a.Name)
		why := ""
		switch name {
		case "href", "src", "cite":
			why = "a link's or image's destination sets it, not an attribute list"
		default:
			if ok, w := p.CheckAttr(elem, name, a.Value); !ok {
				why = "it " + w
			}
		}
		if why != "" {
			mddiag.Warn(pc, off+nameOffset(list, a.Name), "attribute %s removed: %s", a.Name, why)
			continue
		}
		out = append(out, a)
	}
	return out
}

// nameOffset returns the offset in list of the attribute name, 0 (the
// list's "{") when it cannot tell.
func nameOffset(list []byte, name string) int {
	if end := bytes.IndexByte(list, '\n'); end >= 0 {
		list = list[:end]
	}
	for i := 1; i+len(name) <= len(list); i++ {
		if string(list[i:i+len(name)]) != name {
			continue
		}
		if c := list[i-1]; c != ' ' && c != '\t' && c != '{' && c != ':' {
			continue
		}
		if j := i + len(name); j < len(list) && list[j] != '=' && list[j] != ' ' && list[j] != '\t' && list[j] != '}' {
			continue
		}
		return i
	}
	return 0
}

// KindAttributeList is the node kind of a consumed inline list.
var KindAttributeList = ast.NewNodeKind("AttributeList")

// Node stands where an inline list was; it renders nothing.
type Node struct {
	ast.BaseInline
}

// Kind implements ast.Node.
func (n *Node) Kind() ast.NodeKind { return KindAttributeList }

// Dump implements ast.Node.
func (n *Node) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// Textless implements mdtext.Textless.
func (n *Node) Textless() {}

type inlineParser struct{}

func (inlineParser) Trigger() []byte { return []byte{'{'} }

// Parse attaches a list to the inline element right before it.
func (inlineParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	prev := parent.LastChild()
	if prev == nil || !takesAttributes(prev) {
		return nil
	}
	line, seg := block.PeekLine()
	if seg.Start > 0 {
		if c, _ := utf8.DecodeLastRune(block.Source()[:seg.Start]); c == ' ' || c == '\t' || c == '\n' {
			return nil
		}
	}
	// The attributes are gathered on the stack: they are read once
	// they are set.
	var buf [4]Attr
	attrs, n, ok := parse(buf[:0], line)
	if !ok {
		return nil
	}
	Apply(prev, check(pc, prev, attrs, line[:n], seg.Start))
	block.Advance(n)
	return &Node{}
}

// takesAttributes reports whether an inline list may apply to n: any
// inline element, but not plain text or the delimiters of emphasis that
// is not resolved yet.
func takesAttributes(n ast.Node) bool {
	switch n.(type) {
	case *ast.Text, *ast.String, *parser.Delimiter, *ast.RawHTML:
		return false
	}
	return n.Type() == ast.TypeInline
}

var blocksKey = parser.NewContextKey()

// CloseBlock implements parser.CloseBlocker: goldmark calls it on every
// block once its inlines are parsed, so the blocks that may end with a
// list are found without a walk of the document. Most are rejected here.
func (inlineParser) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	switch parent.Kind() {
	case ast.KindHeading, ast.KindParagraph, ast.KindTextBlock:
		if endsWithBrace(parent, block.Source()) {
			bs, _ := pc.Get(blocksKey).([]ast.Node)
			pc.Set(blocksKey, append(bs, parent))
		}
	}
}

type transformer struct{}

// Transform handles lists at the end of headings and on their own line at
// the end of blocks, in the blocks CloseBlock found. It runs before the
// other transformers that read text (abbreviations, heading ids).
func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	blocks, _ := pc.Get(blocksKey).([]ast.Node)
	src := reader.Source()
	for _, n := range blocks {
		if n.Parent() == nil {
			continue // a guard: a block detached since it was parsed takes no list
		}
		if n.Kind() == ast.KindHeading {
			headingAttrs(pc, n, src)
		} else {
			blockAttrs(pc, n, src)
		}
	}
}

// endsWithBrace reports whether the last line of n ends with "}", as any
// block with an attribute list does; most blocks are rejected here.
func endsWithBrace(n ast.Node, src []byte) bool {
	lines := n.Lines()
	if lines.Len() == 0 {
		return false
	}
	last := lines.At(lines.Len() - 1)
	for i := last.Stop - 1; i >= last.Start; i-- {
		switch src[i] {
		case ' ', '\t', '\r', '\n':
			continue
		case '}':
			return true
		}
		return false
	}
	return false
}

// trailingList finds a list that ends the last line of n (after optional
// spaces); it returns its start offset and attributes.
func trailingList(n ast.Node, src []byte, ownLine bool) (int, []Attr, bool) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return 0, nil, false
	}
	last := lines.At(lines.Len() - 1)
	line := bytes.TrimRight(last.Value(src), " \t\r\n")
	if len(line) == 0 || line[len(line)-1] != '}' {
		return 0, nil, false
	}
	// Try every '{' from the left: the list is the first one that parses
	// to the very end of the line.
	for i := 0; i < len(line); i++ {
		if line[i] != '{' {
			continue
		}
		if ownLine && len(bytes.TrimSpace(line[:i])) > 0 {
			return 0, nil, false
		}
		if !ownLine && i > 0 && !isSpace(line[i-1]) {
			continue
		}
		attrs, m, ok := Parse(line[i:])
		if ok && i+m == len(line) {
			return last.Start + i, attrs, true
		}
	}
	return 0, nil, false
}

// cut removes the inline content of n from offset off on, and trailing
// spaces before it.
func cut(n ast.Node, off int, src []byte) {
	var lastText *ast.Text
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		if t, ok := c.(*ast.Text); ok {
			switch {
			case t.Segment.Start >= off:
				n.RemoveChild(n, c)
			case t.Segment.Stop > off:
				t.Segment = t.Segment.WithStop(off)
				lastText = t
			default:
				lastText = t
			}
		} else if c.Pos() >= off {
			n.RemoveChild(n, c)
		}
		c = next
	}
	if lastText != nil && n.LastChild() == lastText {
		seg := lastText.Segment
		for seg.Stop > seg.Start && isSpace(src[seg.Stop-1]) {
			seg = seg.WithStop(seg.Stop - 1)
		}
		lastText.Segment = seg
		lastText.SetSoftLineBreak(false)
		if seg.Len() == 0 {
			n.RemoveChild(n, lastText)
		}
	}
}

func headingAttrs(pc parser.Context, n ast.Node, src []byte) {
	off, attrs, ok := trailingList(n, src, false)
	if !ok {
		return
	}
	cut(n, off, src)
	Apply(n, check(pc, n, attrs, src[off:], off))
}

func blockAttrs(pc parser.Context, n ast.Node, src []byte) {
	off, attrs, ok := trailingList(n, src, true)
	if !ok {
		return
	}
	lines := n.Lines()
	if lines.Len() == 1 {
		// The list is a block of its own: it belongs to the block before.
		target := n.PreviousSibling()
		if item, ok := n.Parent().(*ast.ListItem); ok && target == nil {
			// A lazy line at the end of a list item: the whole list.
			target = item.Parent()
		}
		if target == nil {
			return
		}
		Apply(target, check(pc, target, attrs, src[off:], off))
		n.Parent().RemoveChild(n.Parent(), n)
		return
	}
	last := lines.At(lines.Len() - 1)
	cut(n, off, src)
	lines.SetSliced(0, lines.Len()-1)
	target := n
	lazy := last.Start == 0 || src[last.Start-1] == '\n'
	if item, ok := n.Parent().(*ast.ListItem); ok && lazy && n.NextSibling() == nil && item.NextSibling() == nil {
		// `{ .annotate }` written right under a list, not indented, is a
		// lazy continuation of its last item: it means the list.
		target = item.Parent()
	}
	Apply(target, check(pc, target, attrs, src[off:], off))
}

type extension struct{}

// Extension registers the inline parser and the block transformer.
var Extension goldmark.Extender = extension{}

func (extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(inlineParser{}, 500)),
		parser.WithASTTransformers(util.Prioritized(transformer{}, 8000)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, 100)))
}

type nodeRenderer struct{}

func (nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindAttributeList, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkContinue, nil
	})
	reg.Register(ast.KindParagraph, renderParagraph)
}

// renderParagraph writes a paragraph with every attribute its list set
// (checked against the HTML policy while parsing). goldmark's own
// renderer keeps only the global attributes, so `{align=right}` on the
// line after a paragraph, which Python-Markdown writes as
// <p align="right">, vanished without a word.
func renderParagraph(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</p>\n")
		return ast.WalkContinue, nil
	}
	if n.Attributes() == nil {
		_, _ = w.WriteString("<p>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<p")
	htmlpolicy.RenderAttributes(w, n)
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}
