// Package admonition is a goldmark extension for Python-Markdown /
// MkDocs Material admonitions:
//
//	!!! warning "Optional title"
//	    Body, indented by four spaces (or a tab).
//
//	??? downloads "Collapsed"    a closed <details>
//	???+ note "Expanded"         an open <details>
//	!!! info inline end          extra classes after the type
//	!!! tip ""                   no title at all
//
// Blank lines inside the body keep the block open; the first non-blank line
// indented less than the body closes it (no lazy continuation, unlike
// block quotes). Admonitions nest, counted together with <div markdown>
// containers, at most nesting.Max (100) deep: a deeper one is the error
// "admonition nested deeper than 100 levels". Without a title, the
// localized name of the type is used; an unknown type is an error.
package admonition

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/guidegen/guidegen/internal/markdown/htmlpolicy"
	"github.com/guidegen/guidegen/internal/markdown/mddiag"
	"github.com/guidegen/guidegen/internal/markdown/nesting"
	"github.com/guidegen/guidegen/internal/yamlx"
)

// Types are the admonition types MkDocs Material knows, with the guide's
// own recommendation and downloads; aliases map to the type whose look
// they share.
var Types = []string{
	"note", "abstract", "info", "tip", "success", "question", "warning", "failure",
	"danger", "bug", "example", "quote", "recommendation", "downloads",
	// "!!! alternative <id>" places a listed project's card from page data
	// (package directive), which replaces the line before rendering.
	"alternative",
	// aliases
	"summary", "tldr", "todo", "hint", "important", "check", "done", "help", "faq",
	"caution", "attention", "fail", "missing", "error", "cite",
}

// TitledTypes returns the types whose localized name may be an
// admonition's default title: every type but "alternative", which is
// replaced before rendering.
func TitledTypes() []string {
	var out []string
	for _, t := range Types {
		if t != "alternative" {
			out = append(out, t)
		}
	}
	return out
}

// known holds Types, for the test every opening line makes.
var known = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range Types {
		m[t] = true
	}
	return m
}()

// untitled types get no title unless one is written: a recommendation card
// is introduced by the heading above it.
var untitled = map[string]bool{"recommendation": true}

// KindAdmonition is the node kind of an admonition.
var KindAdmonition = ast.NewNodeKind("Admonition")

// KindTitle is the node kind of an admonition's title.
var KindTitle = ast.NewNodeKind("AdmonitionTitle")

// Node is an admonition block. Its first child is a *Title unless it has
// none; the body follows.
type Node struct {
	ast.BaseBlock
	// TypeName is the first word after the marker ("warning").
	TypeName string
	// Classes are the words after the type ("inline", "end").
	Classes []string
	// Collapsible is true for ??? and ???+; Open for ???+.
	Collapsible bool
	Open        bool
	// contentIndent is the indentation the body needs, relative to the
	// content of the parent block.
	contentIndent int
}

// Kind implements ast.Node.
func (n *Node) Kind() ast.NodeKind { return KindAdmonition }

// NestingContainer implements nesting.Container: admonitions count toward
// the nesting limit.
func (n *Node) NestingContainer() {}

// Dump implements ast.Node.
func (n *Node) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{
		"Type": n.TypeName, "Classes": strings.Join(n.Classes, " "),
	}, nil)
}

// Title is the title of an admonition: inline Markdown from the quoted
// title (in its Lines), or a default text.
type Title struct {
	ast.BaseBlock
	// Default is the text of a title that was not written.
	Default string
	// DefaultLang is the language of Default when it is not the page's
	// (its UI string fell back to the default locale); "" otherwise.
	DefaultLang string
}

// Kind implements ast.Node.
func (n *Title) Kind() ast.NodeKind { return KindTitle }

// SegmentKind implements segment.Block: a written title is a segment of
// a page's text, marked with lang when a translation leaves it in the
// source language.
func (n *Title) SegmentKind() string { return "admonition title" }

// Dump implements ast.Node.
func (n *Title) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Default": n.Default}, nil)
}

// TitleFunc returns the localized default title of a type ("Warning",
// "Waarschuwing").
type TitleFunc func(typ string) string

// parseOpen matches an opening line, as the regular expression
//
//	^(!!!|\?\?\?\+?)[ \t]*([A-Za-z0-9_-]+(?:[ \t]+[A-Za-z0-9_-]+)*)(?:[ \t]+"(.*)")?[ \t]*$
//
// would, returning the same submatch indexes (-1 for no title); it is
// written out because the expression was a tenth of the dialect's cost.
func parseOpen(b []byte) []int {
	m := []int{0, len(b), 0, 0, 0, 0, -1, -1}
	switch {
	case bytes.HasPrefix(b, []byte("???+")):
		m[3] = 4
	case bytes.HasPrefix(b, []byte("!!!")), bytes.HasPrefix(b, []byte("???")):
		m[3] = 3
	default:
		return nil
	}
	i := skipBlank(b, m[3])
	m[4] = i
	for {
		j := i
		for j < len(b) && isWordByte(b[j]) {
			j++
		}
		if j == i {
			return nil // a word must follow the marker or a blank
		}
		m[5] = j
		k := skipBlank(b, j)
		if k == len(b) {
			return m
		}
		if k == j {
			return nil // something other than a blank after a word
		}
		if b[k] == '"' {
			// The title runs to the last quote, which only blanks follow.
			e := len(b)
			for e > k && isBlank(b[e-1]) {
				e--
			}
			if e-k < 2 || b[e-1] != '"' || bytes.IndexByte(b[k:e], '\n') >= 0 {
				return nil
			}
			m[6], m[7] = k+1, e-1
			return m
		}
		i = k
	}
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

func skipBlank(b []byte, i int) int {
	for i < len(b) && isBlank(b[i]) {
		i++
	}
	return i
}

func isWordByte(c byte) bool {
	return 'a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

// lineEnd returns the offset of the first "\r" or "\n" in line, or its
// length.
func lineEnd(line []byte) int {
	end := len(line)
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		end = i
	}
	if i := bytes.IndexByte(line[:end], '\r'); i >= 0 {
		end = i
	}
	return end
}

// words splits the type and classes of an opening line, which parseOpen
// found to be words separated by blanks; most lines have a type only.
func words(b []byte) (typ string, classes []string) {
	i := 0
	for i < len(b) && !isBlank(b[i]) {
		i++
	}
	typ = string(b[:i])
	for i < len(b) {
		i = skipBlank(b, i)
		j := i
		for j < len(b) && !isBlank(b[j]) {
			j++
		}
		if j > i {
			classes = append(classes, string(b[i:j]))
		}
		i = j
	}
	return typ, classes
}

type blockParser struct {
	title, lang TitleFunc
}

var dedentKey = parser.NewContextKey()

// Dedent tells the terminator that the line at offset start closed a
// block whose body, like an admonition's, takes no lazy continuation
// lines: that line opens a paragraph of its own. Content tabs (package
// tabs) share it, so that a page pays for one terminator.
func Dedent(pc parser.Context, start int) {
	pc.Set(dedentKey, start)
}

func (p *blockParser) Trigger() []byte { return []byte{'!', '?'} }

func (p *blockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if pc.BlockIndent() > 3 {
		return nil, parser.NoChildren
	}
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 {
		return nil, parser.NoChildren
	}
	// Lines starting with "!" are mostly images; reject them first.
	if !bytes.HasPrefix(line[pos:], []byte("!!!")) && !bytes.HasPrefix(line[pos:], []byte("???")) {
		return nil, parser.NoChildren
	}
	body := bytes.TrimRight(line[pos:], "\r\n")
	m := parseOpen(body)
	if m == nil {
		return nil, parser.NoChildren
	}
	if nesting.TooDeep(pc, parent, seg.Start+pos, "admonition") {
		return nil, parser.NoChildren
	}
	marker := body[m[2]:m[3]]
	typ, classes := words(body[m[4]:m[5]])
	n := &Node{
		TypeName:      typ,
		Classes:       classes,
		Collapsible:   marker[0] == '?',
		Open:          len(marker) == 4,
		contentIndent: pc.BlockIndent() + 4,
	}
	typeOff := seg.Start + pos + m[4]
	if !known[n.TypeName] {
		msg := "unknown admonition type %q"
		if s := yamlx.Suggest(n.TypeName, Types); s != "" {
			mddiag.Error(pc, typeOff, msg+" (did you mean %q?)", n.TypeName, s)
		} else {
			mddiag.Error(pc, typeOff, msg+" (known types: %s)", n.TypeName, strings.Join(Types, ", "))
		}
	}
	switch {
	case m[6] >= 0 && m[7] > m[6]:
		t := &Title{}
		start := seg.Start + pos + m[6]
		t.Lines().Append(text.NewSegment(start, seg.Start+pos+m[7]))
		n.AppendChild(n, t)
	case m[6] >= 0: // "": no title
	case !untitled[n.TypeName]:
		if def := p.title(n.TypeName); def != "" {
			n.AppendChild(n, &Title{Default: def, DefaultLang: p.lang(n.TypeName)})
		}
	}
	// Consume the rest of the line so that no child opens on it.
	reader.Advance(lineEnd(line))
	return n, parser.HasChildren
}

func (p *blockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*Node)
	line, seg := reader.PeekLine()
	if util.IsBlank(line) {
		reader.AdvanceToEOL()
		return parser.Continue | parser.HasChildren
	}
	indent, _ := util.IndentWidth(line, reader.LineOffset())
	if indent < n.contentIndent {
		// Tell the terminator that this line starts outside, so that it
		// is not taken as a lazy continuation of the body's paragraph.
		Dedent(pc, seg.Start)
		return parser.Close
	}
	pos, padding := util.IndentPosition(line, reader.LineOffset(), n.contentIndent)
	reader.AdvanceAndSetPadding(pos, padding)
	return parser.Continue | parser.HasChildren
}

func (p *blockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

func (p *blockParser) CanInterruptParagraph() bool { return true }

func (p *blockParser) CanAcceptIndentedLine() bool { return false }

// terminator opens a new paragraph on the line that closed an admonition,
// where goldmark would otherwise continue the body's last paragraph
// lazily, as it does for block quotes and list items.
type terminator struct {
	paragraph parser.BlockParser
}

func (t terminator) Trigger() []byte { return nil }

func (t terminator) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	_, seg := reader.PeekLine()
	if v, ok := pc.Get(dedentKey).(int); !ok || v > seg.Start || seg.Start-v > 64 {
		return nil, parser.NoChildren
	}
	pc.Set(dedentKey, nil)
	return t.paragraph.Open(parent, reader, pc)
}

func (t terminator) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	return t.paragraph.Continue(node, reader, pc)
}

func (t terminator) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	t.paragraph.Close(node, reader, pc)
}

func (t terminator) CanInterruptParagraph() bool { return true }
func (t terminator) CanAcceptIndentedLine() bool { return false }

type nodeRenderer struct{}

func (r nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindAdmonition, r.renderAdmonition)
	reg.Register(KindTitle, r.renderTitle)
}

// writeEscaped writes s escaped for HTML; type names and classes parsed
// from Markdown never need it, so they are written as they are.
func writeEscaped(w util.BufWriter, s string) {
	if strings.ContainsAny(s, `&<>"`) {
		_, _ = w.Write(util.EscapeHTML([]byte(s)))
		return
	}
	_, _ = w.WriteString(s)
}

// writeClasses writes the class attribute's value: "admonition" for a
// box, the type, the extra classes and those of an attribute list.
func writeClasses(w util.BufWriter, n *Node) {
	if !n.Collapsible {
		_, _ = w.WriteString("admonition ")
	}
	writeEscaped(w, n.TypeName)
	for _, c := range n.Classes {
		_ = w.WriteByte(' ')
		writeEscaped(w, c)
	}
	if v, ok := n.AttributeString("class"); ok {
		if b, ok := v.([]byte); ok && len(b) > 0 {
			_ = w.WriteByte(' ')
			_, _ = w.Write(util.EscapeHTML(b))
		}
	}
}

func (r nodeRenderer) renderAdmonition(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Node)
	if !entering {
		if n.Collapsible {
			_, _ = w.WriteString("</details>\n")
		} else {
			_, _ = w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	}
	if n.Collapsible {
		_, _ = w.WriteString(`<details class="`)
	} else {
		_, _ = w.WriteString(`<div class="`)
	}
	writeClasses(w, n)
	_ = w.WriteByte('"')
	if n.Open {
		_, _ = w.WriteString(" open")
	}
	renderOtherAttributes(w, n)
	_, _ = w.WriteString(">\n")
	if n.Collapsible {
		if _, ok := n.FirstChild().(*Title); !ok {
			// <details> needs a <summary>; without one browsers show
			// "Details" in their own language.
			_, _ = w.WriteString("<summary></summary>\n")
		}
	}
	return ast.WalkContinue, nil
}

// renderOtherAttributes writes the attributes set by attribute lists
// (checked against the HTML policy while parsing), but class, which
// classes merges.
func renderOtherAttributes(w util.BufWriter, n ast.Node) {
	htmlpolicy.RenderAttributes(w, n, "class")
}

func (r nodeRenderer) renderTitle(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	t := node.(*Title)
	collapsible := false
	if p, ok := t.Parent().(*Node); ok {
		collapsible = p.Collapsible
	}
	if entering {
		if collapsible {
			_, _ = w.WriteString("<summary")
		} else {
			_, _ = w.WriteString(`<p class="admonition-title"`)
		}
		lang := []byte(t.DefaultLang)
		if v, ok := t.AttributeString("lang"); ok {
			lang, _ = v.([]byte)
		}
		if len(lang) > 0 {
			_, _ = w.WriteString(` lang="`)
			_, _ = w.Write(util.EscapeHTML(lang))
			_ = w.WriteByte('"')
		}
		_ = w.WriteByte('>')
		if t.Default != "" {
			_, _ = w.Write(util.EscapeHTML([]byte(t.Default)))
		}
		return ast.WalkContinue, nil
	}
	if collapsible {
		_, _ = w.WriteString("</summary>\n")
	} else {
		_, _ = w.WriteString("</p>\n")
	}
	return ast.WalkContinue, nil
}

type extension struct {
	title, lang TitleFunc
}

// New returns the extension. title gives the localized default title of a
// type; it is called once per type while building, never while parsing.
func New(title TitleFunc) goldmark.Extender {
	return NewLocalized(title, nil)
}

// NewLocalized is New with lang, which gives the language of a type's
// default title when it is not the page's: "en" when the Dutch UI string
// is missing and title fell back to English. The title element then
// carries it (lang="en"). lang may be nil.
func NewLocalized(title, lang TitleFunc) goldmark.Extender {
	titles, langs := map[string]string{}, map[string]string{}
	for _, t := range Types {
		if title != nil {
			titles[t] = title(t)
		}
		if titles[t] == "" {
			titles[t] = strings.ToUpper(t[:1]) + t[1:]
		} else if lang != nil {
			langs[t] = lang(t)
		}
	}
	return &extension{title: func(t string) string { return titles[t] }, lang: func(t string) string { return langs[t] }}
}

func (e *extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(
		util.Prioritized(&blockParser{title: e.title, lang: e.lang}, 90),
		util.Prioritized(terminator{paragraph: parser.NewParagraphParser()}, 990),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, 100)))
}
