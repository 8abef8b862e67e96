// Package tabs is a goldmark extension for content tabs, as
// pymdownx.tabbed writes them with alternate_style (MkDocs Material):
//
//	=== "Linux"
//	    Body, indented by four spaces (or a tab).
//
//	=== "Windows"
//	    Consecutive tabs form one set.
//
//	===! "New set"     starts a new set even right after another tab
//	===+ "Selected"    the tab shown first (default: the first of the set;
//	                   the last ===+ of a set wins); ===+! and ===!+ do both
//
// The label is inline Markdown between the quotes. A set renders as
// Material's structure:
//
//	<div class="tabbed-set tabbed-alternate" data-tabs="1:2">
//	<input checked="checked" id="__tabbed_1_1" name="__tabbed_1" type="radio">
//	<input id="__tabbed_1_2" name="__tabbed_1" type="radio">
//	<div class="tabbed-labels" tabindex="0"><label for="__tabbed_1_1">Linux</label>…</div>
//	<div class="tabbed-content">
//	<div class="tabbed-block">…</div>
//	…
//	</div>
//	</div>
//
// The labels' region is a tab stop (tabindex="0", which Material's markup
// lacks) so that labels that do not fit, and scroll, can be scrolled from
// the keyboard; the site's script removes the stop where they fit.
//
// Sets are numbered per document in the order they start, outer sets
// before the sets nested in them, so ids are unique in a page and the
// same at every build. The theme switches tabs with CSS alone (the radio
// inputs are focusable, arrow keys move between them) for sets of up to
// MaxTabs tabs; a larger set is a warning.
//
// The body follows the rules of admonitions: blank lines keep it open,
// the first non-blank line indented less closes it (no lazy
// continuation, with the admonitions' terminator: the two extensions
// go together). Tabs count toward the nesting limit (nesting.Max)
// together with admonitions and Markdown-in-HTML blocks; a deeper tab is
// the error "content tab nested deeper than 100 levels" and is not
// opened.
package tabs

import (
	"bytes"
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/guidegen/guidegen/internal/markdown/admonition"
	"github.com/guidegen/guidegen/internal/markdown/htmlpolicy"
	"github.com/guidegen/guidegen/internal/markdown/mddiag"
	"github.com/guidegen/guidegen/internal/markdown/nesting"
)

// MaxTabs is the largest set the theme's stylesheet can switch
// (assets/css/main.css has one rule per position).
const MaxTabs = 20

// Node kinds.
var (
	KindSet     = ast.NewNodeKind("TabbedSet")
	KindLabels  = ast.NewNodeKind("TabbedLabels")
	KindLabel   = ast.NewNodeKind("TabbedLabel")
	KindContent = ast.NewNodeKind("TabbedContent")
	KindTab     = ast.NewNodeKind("TabbedBlock")
)

// Tab is one tab: while parsing, its first child is its *Label and the
// body follows; once grouped, it is a child of a set's *Content and holds
// the body only.
type Tab struct {
	ast.BaseBlock
	// Selected is true for ===+, NewSet for ===!.
	Selected, NewSet bool
	// Index is the tab's place in its set, from 1.
	Index int

	contentIndent int
	grouped       bool
}

// Kind implements ast.Node.
func (n *Tab) Kind() ast.NodeKind { return KindTab }

// NestingContainer implements nesting.Container: tabs count toward the
// nesting limit.
func (n *Tab) NestingContainer() {}

// Dump implements ast.Node.
func (n *Tab) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{
		"Selected": strconv.FormatBool(n.Selected), "NewSet": strconv.FormatBool(n.NewSet),
	}, nil)
}

// Label is the label of a tab: inline Markdown from its Lines.
type Label struct {
	ast.BaseBlock
	set   *Set
	index int
}

// Kind implements ast.Node.
func (n *Label) Kind() ast.NodeKind { return KindLabel }

// Dump implements ast.Node.
func (n *Label) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// Set is a set of consecutive tabs: a *Labels and a *Content.
type Set struct {
	ast.BaseBlock
	// Number is the set's number in the document, from 1.
	Number int
	// Count is the number of tabs, Selected the index of the one shown
	// first (from 1).
	Count, Selected int
}

// Kind implements ast.Node.
func (n *Set) Kind() ast.NodeKind { return KindSet }

// Dump implements ast.Node.
func (n *Set) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{
		"Number": strconv.Itoa(n.Number), "Count": strconv.Itoa(n.Count), "Selected": strconv.Itoa(n.Selected),
	}, nil)
}

// Labels holds the labels of a set.
type Labels struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (n *Labels) Kind() ast.NodeKind { return KindLabels }

// Dump implements ast.Node.
func (n *Labels) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// Content holds the tabs of a set.
type Content struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (n *Content) Kind() ast.NodeKind { return KindContent }

// Dump implements ast.Node.
func (n *Content) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// parseOpen matches an opening line without its line break, as the
// expression ^===(\+|!|\+!|!\+)? +"(.*)" *$ would, returning the
// marker's flags and the label's bounds.
func parseOpen(b []byte) (selected, newSet bool, start, end int, ok bool) {
	if !bytes.HasPrefix(b, []byte("===")) {
		return false, false, 0, 0, false
	}
	i := 3
	for ; i < len(b) && i < 5; i++ {
		if b[i] == '+' && !selected {
			selected = true
		} else if b[i] == '!' && !newSet {
			newSet = true
		} else {
			break
		}
	}
	j := i
	for j < len(b) && b[j] == ' ' {
		j++
	}
	if j == i || j >= len(b) || b[j] != '"' {
		return false, false, 0, 0, false
	}
	e := len(b)
	for e > j && b[e-1] == ' ' {
		e--
	}
	if e-j < 2 || b[e-1] != '"' {
		return false, false, 0, 0, false
	}
	return selected, newSet, j + 1, e - 1, true
}

type blockParser struct{}

var tabsKey = parser.NewContextKey()

func (blockParser) Trigger() []byte { return []byte{'='} }

func (blockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if pc.BlockIndent() > 3 {
		return nil, parser.NoChildren
	}
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 {
		return nil, parser.NoChildren
	}
	body := bytes.TrimRight(line[pos:], "\r\n")
	selected, newSet, start, end, ok := parseOpen(body)
	if !ok {
		return nil, parser.NoChildren
	}
	if nesting.TooDeep(pc, parent, seg.Start+pos, "content tab") {
		return nil, parser.NoChildren
	}
	n := &Tab{Selected: selected, NewSet: newSet, contentIndent: pc.BlockIndent() + 4}
	n.SetPos(seg.Start + pos)
	l := &Label{}
	if end > start {
		l.Lines().Append(text.NewSegment(seg.Start+pos+start, seg.Start+pos+end))
	}
	n.AppendChild(n, l)
	ts, _ := pc.Get(tabsKey).([]*Tab)
	pc.Set(tabsKey, append(ts, n))
	// Consume the rest of the line so that no child opens on it.
	reader.Advance(pos + len(body))
	return n, parser.HasChildren
}

func (blockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*Tab)
	line, seg := reader.PeekLine()
	if util.IsBlank(line) {
		reader.AdvanceToEOL()
		return parser.Continue | parser.HasChildren
	}
	indent, _ := util.IndentWidth(line, reader.LineOffset())
	if indent < n.contentIndent {
		// Tell the admonitions' terminator that this line starts
		// outside, so that it is not taken as a lazy continuation of
		// the body's paragraph.
		admonition.Dedent(pc, seg.Start)
		return parser.Close
	}
	pos, padding := util.IndentPosition(line, reader.LineOffset(), n.contentIndent)
	reader.AdvanceAndSetPadding(pos, padding)
	return parser.Continue | parser.HasChildren
}

func (blockParser) Close(ast.Node, text.Reader, parser.Context) {}
func (blockParser) CanInterruptParagraph() bool                 { return true }
func (blockParser) CanAcceptIndentedLine() bool                 { return false }

type transformer struct{}

// Transform groups consecutive tabs into sets, numbered in the order
// their first tabs were opened: document order, outer before inner.
func (transformer) Transform(_ *ast.Document, _ text.Reader, pc parser.Context) {
	tabs, _ := pc.Get(tabsKey).([]*Tab)
	number := 0
	for _, first := range tabs {
		parent := first.Parent()
		if first.grouped || parent == nil {
			continue
		}
		number++
		set := &Set{Number: number, Selected: 1}
		set.SetPos(first.Pos())
		labels, content := &Labels{}, &Content{}
		set.AppendChild(set, labels)
		set.AppendChild(set, content)
		parent.InsertBefore(parent, first, set)
		for c := ast.Node(first); c != nil; {
			t, ok := c.(*Tab)
			if !ok || t.grouped || (t != first && t.NewSet) {
				break
			}
			next := c.NextSibling()
			t.grouped = true
			set.Count++
			t.Index = set.Count
			if t.Selected {
				set.Selected = t.Index
			}
			if l, ok := t.FirstChild().(*Label); ok {
				t.RemoveChild(t, l)
				l.set, l.index = set, t.Index
				labels.AppendChild(labels, l)
			}
			parent.RemoveChild(parent, t)
			content.AppendChild(content, t)
			c = next
		}
		if set.Count > MaxTabs {
			mddiag.Warn(pc, first.Pos(), "content tab set has %d tabs: the theme shows at most %d per set", set.Count, MaxTabs)
		}
	}
}

type nodeRenderer struct{}

func (r nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindSet, renderSet)
	reg.Register(KindLabels, renderLabels)
	reg.Register(KindLabel, renderLabel)
	reg.Register(KindContent, renderContent)
	reg.Register(KindTab, renderTab)
}

func writeID(w util.BufWriter, set, tab int) {
	_, _ = w.WriteString("__tabbed_")
	_, _ = w.WriteString(strconv.Itoa(set))
	if tab > 0 {
		_ = w.WriteByte('_')
		_, _ = w.WriteString(strconv.Itoa(tab))
	}
}

func renderSet(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Set)
	if !entering {
		_, _ = w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<div class="tabbed-set tabbed-alternate`)
	if v, ok := n.AttributeString("class"); ok {
		if b, ok := v.([]byte); ok && len(b) > 0 {
			_ = w.WriteByte(' ')
			_, _ = w.Write(util.EscapeHTML(b))
		}
	}
	_, _ = w.WriteString(`" data-tabs="`)
	_, _ = w.WriteString(strconv.Itoa(n.Number))
	_ = w.WriteByte(':')
	_, _ = w.WriteString(strconv.Itoa(n.Count))
	_ = w.WriteByte('"')
	htmlpolicy.RenderAttributes(w, n, "class", "data-tabs")
	_ = w.WriteByte('>')
	for i := 1; i <= n.Count; i++ {
		_, _ = w.WriteString("<input ")
		if i == n.Selected {
			_, _ = w.WriteString(`checked="checked" `)
		}
		_, _ = w.WriteString(`id="`)
		writeID(w, n.Number, i)
		_, _ = w.WriteString(`" name="`)
		writeID(w, n.Number, 0)
		_, _ = w.WriteString(`" type="radio">`)
	}
	return ast.WalkContinue, nil
}

func renderLabels(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		// A tab stop, as the table regions are: when the labels do not
		// fit, they scroll inside the set, and a keyboard must be able
		// to scroll them. The site's script keeps the stop only while
		// they scroll.
		_, _ = w.WriteString(`<div class="tabbed-labels" tabindex="0">`)
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

func renderLabel(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Label)
	if !entering {
		_, _ = w.WriteString("</label>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<label for="`)
	if n.set != nil {
		writeID(w, n.set.Number, n.index)
	}
	_, _ = w.WriteString(`">`)
	return ast.WalkContinue, nil
}

func renderContent(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<div class=\"tabbed-content\">\n")
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

func renderTab(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<div class=\"tabbed-block\">\n")
	return ast.WalkContinue, nil
}

type extension struct{}

// Extension registers the tab parser, the grouping of tabs into sets and
// their renderer.
var Extension goldmark.Extender = extension{}

func (extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(blockParser{}, 90)),
		// Before attribute lists (8000; smaller runs first), so that a list on the line
		// after a set applies to the set.
		parser.WithASTTransformers(util.Prioritized(transformer{}, 7000)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, 100)))
}
