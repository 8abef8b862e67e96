package icons

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/guidegen/guidegen/internal/markdown/htmlpolicy"
	"github.com/guidegen/guidegen/internal/markdown/mddiag"
)

// Kind is the node kind of an icon (":octicons-home-16:").
var Kind = ast.NewNodeKind("Icon")

// EmojiKind is the node kind of an emoji (":gear:"). Emoji and icons are
// one Node type and render alike; the kinds tell them apart.
var EmojiKind = ast.NewNodeKind("Emoji")

// Node is an icon or emoji shortcode whose SVG was found; an unknown
// shortcode stays text.
type Node struct {
	ast.BaseInline
	// Name is the shortcode without colons.
	Name string
	SVG  []byte
	// Emoji is set for an emoji; Label is then its name for screen
	// readers ("gear"), unless the attribute list gives a title.
	Emoji bool
	Label string
}

// Kind implements ast.Node.
func (n *Node) Kind() ast.NodeKind {
	if n.Emoji {
		return EmojiKind
	}
	return Kind
}

// Dump implements ast.Node.
func (n *Node) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.Name}, nil)
}

// Textless marks icons and emoji as decoration for plain-text extraction:
// a heading "Download :octicons-download-16:" gets the id "download".
func (n *Node) Textless() {}

// match returns the length of a shortcode ":name:" at the start of line,
// and the name without colons; 0 when there is none. Names are lower
// case ASCII letters, digits, "_", "+" and "-", as in the icon sets and
// GitHub's emoji names (":+1:", ":polar_bear:").
func match(line []byte) (int, []byte) {
	if len(line) < 3 || line[0] != ':' {
		return 0, nil
	}
	i := 1
	for i < len(line) && line[i] != ':' {
		c := line[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '+') {
			return 0, nil
		}
		i++
	}
	if i >= len(line) || i == 1 {
		return 0, nil
	}
	return i + 1, line[1:i]
}

// isIcon reports whether a shortcode name is written as an icon's: an
// icon set's prefix and words of letters and digits joined by single
// hyphens ("octicons-home-16"), so that an unknown one is worth a warning.
func isIcon(name []byte) bool {
	if bytes.Contains(name, []byte("--")) || bytes.ContainsAny(name, "_+") || name[len(name)-1] == '-' {
		return false
	}
	for _, p := range Prefixes {
		if len(name) > len(p)+1 && string(name[:len(p)]) == p && name[len(p)] == '-' {
			return true
		}
	}
	return false
}

type inlineParser struct{ set *Set }

// maxSuggestions bounds the unknown icons of one document that get a
// suggestion: finding one compares the name with every icon of its set
// (thousands), and a page of unknown icons must not take minutes.
const maxSuggestions = 20

var suggestionsKey = parser.NewContextKey()

// suggest returns a suggestion for an unknown icon, while the document
// has had fewer than maxSuggestions.
func (p inlineParser) suggest(pc parser.Context, name string) string {
	n, _ := pc.Get(suggestionsKey).(int)
	if n >= maxSuggestions {
		return ""
	}
	pc.Set(suggestionsKey, n+1)
	return p.set.suggest(name)
}

func (inlineParser) Trigger() []byte { return []byte{':'} }

func (p inlineParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	n, b := match(line)
	if n == 0 {
		return nil
	}
	var node *Node
	if isIcon(b) {
		name, svg, ok := p.set.lookup(b)
		if !ok {
			name = string(b)
			if s := p.suggest(pc, name); s != "" {
				mddiag.Warn(pc, seg.Start, "unknown icon %q (did you mean %q?)", name, s)
			} else {
				mddiag.Warn(pc, seg.Start, "unknown icon %q (not in assets/icons nor in the icon sets)", name)
			}
			return nil
		}
		node = &Node{Name: name, SVG: svg}
	} else {
		e, ok := p.set.emoji(b)
		if !ok {
			return nil // "10:30:00", ":not-an-emoji:" stay text
		}
		node = &Node{Name: e.name, SVG: e.svg, Emoji: true, Label: e.label}
	}
	node.SetPos(seg.Start)
	block.Advance(n)
	return node
}

type htmlRenderer struct{}

func (htmlRenderer) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(Kind, render)
	r.Register(EmojiKind, render)
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
	_, _ = w.Write(spanOpen)
	var label []byte
	if node.Label != "" {
		label = []byte(node.Label)
	}
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

// New returns the extension for the icons and emoji of set; set may be
// nil, in which case every shortcode is unknown and stays text.
func New(set *Set) goldmark.Extender { return extension{set} }

func (e extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(inlineParser(e), 600)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(htmlRenderer{}, 500)))
}
