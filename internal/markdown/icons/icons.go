package icons

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/guidegen/guidegen/internal/markdown/htmlpolicy"
	"github.com/guidegen/guidegen/internal/markdown/mddiag"
)

// Kind is the node kind of an icon.
var Kind = ast.NewNodeKind("Icon")

// Node is an icon shortcode. SVG is nil when the set has no such icon; the
// node then renders nothing (a warning names the place).
type Node struct {
	ast.BaseInline
	Name string
	SVG  []byte
}

// Kind implements ast.Node.
func (n *Node) Kind() ast.NodeKind { return Kind }

// Dump implements ast.Node.
func (n *Node) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.Name}, nil)
}

// Textless marks icons as decoration for plain-text extraction: a heading
// "Download :octicons-download-16:" gets the id "download".
func (n *Node) Textless() {}

// match returns the length of a shortcode ":prefix-name:" at the start of
// line, and the name without colons; 0 when there is none. Names are lower
// case ASCII letters, digits and single hyphens, as in the icon sets.
func match(line []byte) (int, []byte) {
	if len(line) < 3 || line[0] != ':' {
		return 0, nil
	}
	i := 1
	for i < len(line) && line[i] != ':' {
		c := line[i]
		ok := c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' && line[i-1] != '-' && line[i-1] != ':'
		if !ok {
			return 0, nil
		}
		i++
	}
	if i >= len(line) || line[i-1] == '-' || i == 1 {
		return 0, nil
	}
	name := line[1:i]
	for _, p := range Prefixes {
		if len(name) > len(p)+1 && string(name[:len(p)]) == p && name[len(p)] == '-' {
			return i + 1, name
		}
	}
	return 0, nil
}

type inlineParser struct{ set *Set }

func (inlineParser) Trigger() []byte { return []byte{':'} }

func (p inlineParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	n, b := match(line)
	if n == 0 {
		return nil
	}
	name, svg, ok := p.set.lookup(b)
	if !ok {
		name = string(b)
		if s := p.set.suggest(name); s != "" {
			mddiag.Warn(pc, seg.Start, "unknown icon %q (did you mean %q?)", name, s)
		} else {
			mddiag.Warn(pc, seg.Start, "unknown icon %q (make icons copies the icons content uses from their packages)", name)
		}
	}
	node := &Node{Name: name, SVG: svg}
	node.SetPos(seg.Start)
	block.Advance(n)
	return node
}

type htmlRenderer struct{}

func (htmlRenderer) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(Kind, render)
}

var (
	spanOpen  = []byte(`<span class="twemoji`)
	spanClose = []byte(`</span>`)
)

func render(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	node := n.(*Node)
	if node.SVG == nil {
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.Write(spanOpen)
	var label []byte
	for _, a := range n.Attributes() {
		v, _ := a.Value.([]byte)
		switch string(a.Name) {
		case "class":
			_ = w.WriteByte(' ')
			_, _ = w.Write(util.EscapeHTML(v))
		case "title":
			label = v
		}
	}
	_ = w.WriteByte('"')
	htmlpolicy.RenderAttributes(w, n, "class", "role", "aria-hidden", "aria-label")
	if label != nil {
		_, _ = w.WriteString(` role="img" aria-label="`)
		_, _ = w.Write(util.EscapeHTML(label))
		_, _ = w.WriteString(`">`)
	} else {
		_, _ = w.WriteString(` aria-hidden="true">`)
	}
	_, _ = w.Write(node.SVG)
	_, _ = w.Write(spanClose)
	return ast.WalkSkipChildren, nil
}

type extension struct{ set *Set }

// New returns the extension for the icons of set; set may be nil, in
// which case every shortcode is an unknown icon.
func New(set *Set) goldmark.Extender { return extension{set} }

func (e extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(inlineParser(e), 600)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(htmlRenderer{}, 500)))
}
