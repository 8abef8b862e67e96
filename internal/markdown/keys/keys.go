// Package keys renders keyboard keys the way pymdownx.keys does for MkDocs
// Material: "++ctrl+alt+del++" becomes
//
//	<span class="keys"><kbd class="key-control">Ctrl</kbd><span>+</span>
//	<kbd class="key-alt">Alt</kbd><span>+</span><kbd class="key-delete">Del</kbd></span>
//
// (on one line). Keys are separated by a single "+"; a key is a name of
// letters, digits, "_" and "-", or a quoted text ("text" or 'text', with
// backslash escapes) shown as written, without a class. A known name (or
// an alias of one, such as "ctrl") gets its label and the class of its
// canonical name, from pymdownx's English key map; an unknown name is
// shown as written, without a class. Names are case sensitive, as in
// pymdownx without camel_case.
//
// A "++…++" holds at most MaxKeys keys, each (a name or a quoted text) at
// most MaxKeyLen bytes long; a longer one stays text. No real key combination comes
// near, and the bounds keep the work linear in the size of a page (an
// unclosed "++" is otherwise scanned again from every "++" within it).
package keys

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/guidegen/guidegen/internal/markdown/htmlpolicy"
)

// Bounds of one "++…++".
const (
	MaxKeys   = 16
	MaxKeyLen = 100
)

// Kinds of the nodes.
var (
	KindKeys = ast.NewNodeKind("Keys")
	KindKey  = ast.NewNodeKind("Key")
)

// Keys is one "++…++": its children are Key nodes and, between them,
// separators (ast.String "+").
type Keys struct{ ast.BaseInline }

// Kind implements ast.Node.
func (n *Keys) Kind() ast.NodeKind { return KindKeys }

// Dump implements ast.Node.
func (n *Keys) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// Key is one key; its child is an ast.String with the label.
type Key struct {
	ast.BaseInline
	// Name is the canonical name of a known key ("control"); "" for an
	// unknown name or a quoted text.
	Name string
}

// Kind implements ast.Node.
func (n *Key) Kind() ast.NodeKind { return KindKey }

// Dump implements ast.Node.
func (n *Key) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.Name}, nil)
}

// Lookup returns the canonical name and the label of a key name, and
// whether it is known.
func Lookup(name string) (canonical, label string, ok bool) {
	if c, ok := aliases[name]; ok {
		name = c
	}
	label, ok = keymap[name]
	return name, label, ok
}

type inlineParser struct {
	// work, when set, counts the bytes scanned (tests only).
	work *int
}

func (inlineParser) Trigger() []byte { return []byte{'+'} }

// Parse reads "++key+key++" at the start of the line.
func (p inlineParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 5 || line[1] != '+' {
		return nil
	}
	var items [][]byte
	i := 2
	for {
		if len(items) == MaxKeys {
			return nil
		}
		n := key(line[i:])
		if p.work != nil {
			*p.work += n + 1
		}
		if n == 0 {
			return nil
		}
		items = append(items, line[i:i+n])
		i += n
		if i+1 < len(line) && line[i] == '+' && line[i+1] == '+' {
			i += 2
			break
		}
		if i < len(line) && line[i] == '+' {
			i++
			continue
		}
		return nil
	}
	node := &Keys{}
	for k, it := range items {
		if k > 0 {
			node.AppendChild(node, ast.NewString([]byte("+")))
		}
		kn := &Key{}
		var label []byte
		if it[0] == '"' || it[0] == '\'' {
			label = bytes.TrimSpace(unescape(it[1 : len(it)-1]))
		} else if c, l, ok := Lookup(string(it)); ok {
			kn.Name, label = c, []byte(l)
		} else {
			label = it
		}
		s := ast.NewString(label)
		s.SetRaw(true)
		kn.AppendChild(kn, s)
		node.AppendChild(node, kn)
	}
	block.Advance(i)
	node.SetPos(seg.Start)
	return node
}

// key returns the length of the key at the start of b: a name or a quoted
// text; 0 when there is none.
func key(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	if q := b[0]; q == '"' || q == '\'' {
		for i := 1; i < len(b) && i <= MaxKeyLen+1; i++ {
			switch b[i] {
			case '\\':
				i++
			case q:
				if i == 1 {
					return 0
				}
				return i + 1
			case '\n':
				return 0
			}
		}
		return 0
	}
	i := 0
	for i < len(b) {
		if i > MaxKeyLen {
			return 0
		}
		r, size := utf8.DecodeRune(b[i:])
		if r != '_' && r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		i += size
	}
	return i
}

// unescape removes the backslash of "\x".
func unescape(b []byte) []byte {
	if bytes.IndexByte(b, '\\') < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+1 < len(b) {
			i++
		}
		out = append(out, b[i])
	}
	return out
}

func (inlineParser) CloseBlock(ast.Node, parser.Context) {}

type nodeRenderer struct{}

func (nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindKeys, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			_, _ = w.WriteString("</span>")
			return ast.WalkContinue, nil
		}
		_, _ = w.WriteString(`<span class="keys"`)
		htmlpolicy.RenderAttributes(w, n, "class")
		_ = w.WriteByte('>')
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *Key:
				_, _ = w.WriteString("<kbd")
				if c.Name != "" {
					_, _ = w.WriteString(` class="key-`)
					_, _ = w.WriteString(c.Name)
					_ = w.WriteByte('"')
				}
				_ = w.WriteByte('>')
				if s, ok := c.FirstChild().(*ast.String); ok {
					_, _ = w.Write(util.EscapeHTML(s.Value))
				}
				_, _ = w.WriteString("</kbd>")
			case *ast.String:
				_, _ = w.WriteString("<span>")
				_, _ = w.Write(util.EscapeHTML(c.Value))
				_, _ = w.WriteString("</span>")
			}
		}
		return ast.WalkSkipChildren, nil
	})
}

type extension struct{ work *int }

// Extension registers the parser and the renderer.
var Extension goldmark.Extender = extension{}

// Counting returns the extension, adding the bytes its parser scans to
// *work, for tests of how the work grows.
func Counting(work *int) goldmark.Extender { return extension{work: work} }

func (e extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(inlineParser(e), 500)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, 500)))
}
