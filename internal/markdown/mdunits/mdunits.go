// Package mdunits lists the text units of a parsed page, in document
// order: every block whose text a reader sees (paragraphs, list items,
// headings, table cells, admonition titles, code and HTML blocks, directive
// lines), each with its kind, where it stands, its Markdown and a canonical
// form that leaves out what a reader does not see. It also digests a whole
// page, units and structure, in that canonical form.
//
// The canonical form of a unit with inline content is its inline tree
// written out with runs of white space as one space: line wrapping,
// indentation and trailing blanks do not count, nor does how emphasis was
// written (*x* or _x_), nor whether a link was inline or by reference; a
// hard line break does. Code blocks keep their lines, trailing blanks
// removed. A page's digest adds the structure around the units (list
// kind and start number, not the marker; admonition types; containers)
// and the attributes set by attribute lists.
//
// Units are what translation tools compare and align: the state of a page
// at the time its translation was stamped, and what changed since.
package mdunits

import (
	"bytes"
	"crypto/sha256"
	"hash"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/guidegen/guidegen/internal/markdown/admonition"
	"github.com/guidegen/guidegen/internal/markdown/icons"
	"github.com/guidegen/guidegen/internal/markdown/mdhtml"
	"github.com/guidegen/guidegen/internal/markdown/mdtext"
	"github.com/guidegen/guidegen/internal/markdown/placeholder"
)

// Kind is the kind of a unit.
type Kind string

// The kinds of units.
const (
	Paragraph       Kind = "paragraph"
	ListItem        Kind = "list item"
	Heading         Kind = "heading"
	TableCell       Kind = "table cell"
	AdmonitionTitle Kind = "admonition title"
	// CardBody is a paragraph or list item written in a recommendation
	// or alternative card ("!!! recommendation <id>").
	CardBody  Kind = "card body"
	CodeBlock Kind = "code block"
	HTMLBlock Kind = "HTML block"
	Directive Kind = "directive"
)

// Unit is one text unit of a page.
type Unit struct {
	Kind Kind
	// Offset is the byte offset in the parsed text at which it starts.
	Offset int
	// Path is where it stands: the kinds of the blocks that hold it,
	// outermost first, and its own ("admonition note/list item"). Units
	// of a page and of its translation that stand at the same place have
	// the same path.
	Path string
	// Level is a heading's level; 0 for other units.
	Level int
	// ID is a heading's id.
	ID string
	// Markdown is the unit's Markdown as written, without the markers of
	// the blocks around it; runs of white space are one space (code
	// blocks keep their lines).
	Markdown string
	// Canon is its canonical form: two units are the same text when their
	// Canon are equal.
	Canon string
	// Lines are the byte ranges in the parsed text of the unit's lines,
	// without the markers of the blocks around it ("> ", "- ", indents)
	// and, for a heading, without its "#" marks: what replaces the unit
	// in a page written from it. Nil for a directive.
	Lines [][2]int
	// Node is the block the unit was read from, for callers that need
	// more of it than the fields above (package units reads a unit's
	// footnote, whether it is prose, and whether a card body is a list
	// item).
	Node ast.Node
}

// Text reports whether the unit is text to translate (not code, HTML or a
// directive).
func (u *Unit) Text() bool {
	switch u.Kind {
	case CodeBlock, HTMLBlock, Directive:
		return false
	}
	return true
}

// List returns the units of the page whose tree is root and whose text is
// src, in document order. skip, when not nil, tells offsets of text that
// was not written in the page (generated from data), whose units are left
// out.
func List(root ast.Node, src []byte, skip func(off int) bool) []Unit {
	w := &walker{src: src, skip: skip, units: []Unit{}}
	w.blocks(root, nil)
	return w.units
}

// Digest returns the SHA-256 of the page's canonical form: its units and
// the structure around them. Two pages that differ only in what a reader
// does not see have the same digest.
func Digest(root ast.Node, src []byte, skip func(off int) bool) [32]byte {
	// A walker of the pool, its buffers grown and its hash made by
	// earlier pages.
	w := scratch.Get().(*walker)
	w.digest.Reset()
	w.src, w.skip, w.digesting, w.buf = src, skip, true, w.buf[:0]
	w.blocks(root, nil)
	_, _ = w.digest.Write(w.buf)
	var out [32]byte
	w.digest.Sum(out[:0])
	w.src, w.skip, w.digesting = nil, nil, false
	scratch.Put(w)
	return out
}

type walker struct {
	src   []byte
	skip  func(int) bool
	units []Unit
	// digesting is true in Digest, which writes the canonical form of
	// the page to digest.
	digesting bool
	digest    hash.Hash
	// buf is what is to be digested and not yet written to digest: it
	// is written in chunks of digestChunk bytes or more, not a unit at a
	// time (the digest is of the bytes in order, however they are cut).
	// The canonical form of a unit is written to it directly.
	buf []byte
	// cards counts the recommendation and alternative cards around the
	// block being digested (List reads them from the path).
	cards int
	canon canon
	// code is the canonical form of a code span, within canon's.
	code canon
}

// digestChunk is how many bytes walker.buf gathers before they are
// digested.
const digestChunk = 4 << 10

// scratch holds the walkers of Digest, with their buffers.
var scratch = sync.Pool{New: func() any {
	return &walker{digest: sha256.New(), buf: make([]byte, 0, digestChunk+512)}
}}

// flush digests buf once it holds a chunk.
func (w *walker) flush() {
	if len(w.buf) >= digestChunk {
		_, _ = w.digest.Write(w.buf)
		w.buf = w.buf[:0]
	}
}

// mark digests parts, each followed by a NUL byte.
func (w *walker) mark(parts ...string) {
	if !w.digesting {
		return
	}
	for _, p := range parts {
		w.buf = append(append(w.buf, p...), 0)
	}
	w.flush()
}

// blocks walks the children of a block; path are the containers around
// them.
func (w *walker) blocks(n ast.Node, path []string) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.block(c, path)
	}
}

func (w *walker) block(n ast.Node, path []string) {
	if w.skip != nil && w.skip(offset(n)) {
		return
	}
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		kind := Paragraph
		if p := n.Parent(); p != nil && p.Kind() == ast.KindListItem {
			kind = ListItem
		}
		if w.cards > 0 || !w.digesting && inCard(path) {
			kind = CardBody
		}
		w.unit(n, kind, path, 0)
	case *ast.Heading:
		w.unit(n, Heading, path, n.Level)
	case *east.TableCell:
		w.unit(n, TableCell, path, 0)
	case *admonition.Title:
		if n.Lines().Len() == 0 {
			w.mark("default title") // not written: a UI string
			return
		}
		w.unit(n, AdmonitionTitle, path, 0)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		info := ""
		if f, ok := n.(*ast.FencedCodeBlock); ok && f.Info != nil {
			info = string(bytes.TrimSpace(f.Info.Segment.Value(w.src)))
		}
		w.raw(n, CodeBlock, path, info, true)
	case *ast.HTMLBlock:
		w.raw(n, HTMLBlock, path, "", false)
	case *placeholder.Directive:
		if w.digesting {
			w.buf = append(append(append(w.buf, "unit\x00"...), Directive...), 0)
			w.buf = append(append(w.buf, n.Line...), 0)
			w.flush()
			return
		}
		w.add(Unit{Kind: Directive, Node: n, Offset: n.Offset, Path: join(path, string(Directive)), Markdown: string(n.Line), Canon: string(bytes.Join(bytes.Fields(n.Line), []byte(" ")))})
	case *ast.ThematicBreak:
		w.mark("hr")
	case *ast.LinkReferenceDefinition:
		// Seen where its links are.
	default:
		if w.digesting {
			w.container(n)
			return
		}
		name := string(appendContainer(nil, n))
		w.blocks(n, append(path, name))
	}
}

// container digests a block that holds blocks: its name, as it stands
// in a path, written to buf without a string of its own.
func (w *walker) container(n ast.Node) {
	w.buf = append(w.buf, "open\x00"...)
	start := len(w.buf)
	w.buf = appendContainer(w.buf, n)
	card := isCard(w.buf[start:])
	w.buf = append(w.buf, 0)
	w.flush()
	w.attrs(n)
	if card {
		w.cards++
	}
	w.blocks(n, nil)
	if card {
		w.cards--
	}
	w.mark("close")
}

// appendContainer appends the name of a block that holds blocks, as it
// stands in a path, to b.
func appendContainer(b []byte, n ast.Node) []byte {
	switch n := n.(type) {
	case *ast.List:
		if n.IsOrdered() {
			return strconv.AppendInt(append(b, "ordered list "...), int64(n.Start), 10)
		}
		return append(b, "list"...)
	case *ast.ListItem:
		return append(b, "item"...)
	case *ast.Blockquote:
		return append(b, "quote"...)
	case *admonition.Node:
		b = append(b, "admonition "...)
		b = append(b, n.TypeName...)
		for _, c := range n.Classes {
			b = append(append(b, ' '), c...)
		}
		if n.Collapsible {
			b = append(b, " collapsible"...)
			if n.Open {
				b = append(b, " open"...)
			}
		}
		return b
	case *mdhtml.Container:
		b = append(append(b, '<'), n.Tag...)
		for _, a := range n.Attr {
			b = append(append(append(b, ' '), a.Key...), '=')
			b = strconv.AppendQuote(b, a.Val)
		}
		return append(b, '>')
	case *east.Footnote:
		return append(append(b, "footnote "...), n.Ref...)
	}
	return append(b, n.Kind().String()...)
}

// inCard reports whether a path is inside a recommendation or alternative
// card.
func inCard(path []string) bool {
	for _, p := range path {
		if isCard([]byte(p)) {
			return true
		}
	}
	return false
}

// isCard reports whether a container's name is a recommendation or
// alternative card's.
func isCard(name []byte) bool {
	return bytes.HasPrefix(name, []byte("admonition recommendation ")) || bytes.HasPrefix(name, []byte("admonition alternative "))
}

func join(path []string, last string) string {
	return strings.Join(append(slices.Clip(path), last), "/")
}

// unit adds a block with inline content.
func (w *walker) unit(n ast.Node, kind Kind, path []string, level int) {
	c := &w.canon
	if w.digesting {
		// The canonical form is written right after the unit's head,
		// and trimmed there.
		w.buf = append(append(append(w.buf, "unit\x00"...), kind...), 0, byte('0'+level), 0)
		c.reset(w.buf)
		w.inlines(c, n)
		w.buf = c.b
		if form := c.b[c.start:]; len(form) > 0 {
			if t := bytes.TrimSpace(form); len(t) != len(form) {
				w.buf = append(w.buf[:c.start], t...)
			}
		}
		c.b = nil
		w.buf = append(w.buf, 0)
		w.flush()
		w.attrs(n)
		return
	}
	c.reset(c.own[:0])
	w.inlines(c, n)
	c.own = c.b
	u := Unit{Kind: kind, Node: n, Level: level, Canon: strings.TrimSpace(string(c.b))}
	u.Offset, u.Path, u.Markdown, u.Lines = offset(n), join(path, string(kind)), Collapse(lines(n, w.src)), ranges(n)
	if kind == Heading {
		u.Path += " " + strconv.Itoa(level)
		if id, ok := n.AttributeString("id"); ok {
			if b, ok := id.([]byte); ok {
				u.ID = string(b)
			}
		}
	}
	w.add(u)
}

// raw adds a block whose lines are its text.
func (w *walker) raw(n ast.Node, kind Kind, path []string, info string, keepLines bool) {
	text := lines(n, w.src)
	var canon string
	if keepLines {
		ls := strings.Split(strings.TrimRight(text, " \t\r\n"), "\n")
		for i, l := range ls {
			ls[i] = strings.TrimRightFunc(l, unicode.IsSpace)
		}
		canon = strings.Join(ls, "\n")
	} else {
		canon = Collapse(text)
	}
	md := canon
	if info != "" {
		canon = info + "\n" + canon
	}
	if keepLines {
		md = canon
	}
	if w.digesting {
		// As unit does: a digest needs only the canonical form.
		w.mark("unit", string(kind), canon)
		return
	}
	w.add(Unit{Kind: kind, Node: n, Offset: offset(n), Path: join(path, string(kind)), Markdown: md, Canon: canon, Lines: ranges(n)})
}

func (w *walker) add(u Unit) {
	if !w.digesting {
		w.units = append(w.units, u)
	}
}

// attrs digests the attributes of a node that are text (ids, classes and
// others from attribute lists).
func (w *walker) attrs(n ast.Node) {
	if !w.digesting {
		return
	}
	attrs := n.Attributes()
	if len(attrs) == 0 {
		w.mark("attrs")
		return
	}
	if len(attrs) == 1 {
		// One attribute, a heading's id most often: as below, without
		// the strings to sort.
		w.buf = append(w.buf, "attrs\x00"...)
		switch v := attrs[0].Value.(type) {
		case []byte:
			w.buf = append(append(append(append(w.buf, attrs[0].Name...), '='), v...), 0)
		case string:
			w.buf = append(append(append(append(w.buf, attrs[0].Name...), '='), v...), 0)
		}
		w.flush()
		return
	}
	var out []string
	for _, a := range n.Attributes() {
		switch v := a.Value.(type) {
		case []byte:
			out = append(out, string(a.Name)+"="+string(v))
		case string:
			out = append(out, string(a.Name)+"="+v)
		}
	}
	slices.Sort(out)
	w.mark(append([]string{"attrs"}, out...)...)
}

// inlines writes the canonical form of the inline content of n.
func (w *walker) inlines(c *canon, n ast.Node) {
	for k := n.FirstChild(); k != nil; k = k.NextSibling() {
		w.inline(c, k)
	}
}

func (w *walker) inline(c *canon, n ast.Node) {
	switch n := n.(type) {
	case *ast.Text:
		c.text(n.Segment.Value(w.src))
		switch {
		case n.HardLineBreak():
			c.lit("\\\n")
		case n.SoftLineBreak():
			c.text([]byte{' '})
		}
	case *ast.String:
		c.text(n.Value)
	case *ast.Emphasis:
		c.stars(n.Level)
		w.inlines(c, n)
		c.stars(n.Level)
	case *east.Strikethrough:
		c.lit("~~")
		w.inlines(c, n)
		c.lit("~~")
	case *ast.CodeSpan:
		// Its text, blanks at either end left out as line breaks are.
		code := &w.code
		code.reset(code.b[:0])
		w.inlines(code, n)
		c.lit("`")
		c.b = append(append(c.b, bytes.TrimSpace(code.b)...), '`')
	case *ast.Link:
		c.lit("[")
		w.inlines(c, n)
		c.dest(n.Destination, n.Title)
	case *ast.Image:
		c.lit("![")
		w.inlines(c, n)
		c.dest(n.Destination, n.Title)
	case *ast.AutoLink:
		c.lit("<")
		c.b = append(append(c.b, n.URL(w.src)...), '>')
	case *ast.RawHTML:
		for i := range n.Segments.Len() {
			seg := n.Segments.At(i)
			c.text(seg.Value(w.src))
		}
	case *icons.Node:
		c.lit(":")
		c.b = append(append(c.b, n.Name...), ':')
	case *east.FootnoteLink:
		c.lit("[^")
		c.b = append(strconv.AppendInt(c.b, int64(n.Index), 10), ']')
	case *east.TaskCheckBox:
		if n.IsChecked {
			c.lit("[true]")
		} else {
			c.lit("[false]")
		}
	default:
		if n.Type() == ast.TypeBlock {
			return
		}
		// Abbreviations, attribute lists and other inline nodes are the
		// text they hold.
		w.inlines(c, n)
	}
}

// canon builds a canonical form: runs of white space in text are one
// space; literal markup is written as it is. The form is b[start:]: in
// Digest, b is the walker's buffer, which holds what comes before it.
type canon struct {
	b     []byte
	start int
	gap   bool
	// own is the buffer of List's forms, kept from unit to unit.
	own []byte
}

// reset starts a form at the end of b.
func (c *canon) reset(b []byte) {
	c.b, c.start, c.gap = b, len(b), false
}

// empty reports whether nothing is written to the form yet.
func (c *canon) empty() bool { return len(c.b) == c.start }

func (c *canon) text(p []byte) {
	for len(p) > 0 {
		if b := p[0]; b < utf8.RuneSelf {
			// ASCII, most text: a run of it that holds no white space
			// at once, as the rune by rune loop below would write it.
			if mdtext.IsSpace(b) {
				c.gap = !c.empty()
				p = p[1:]
				continue
			}
			i := mdtext.ASCIIRun(p)
			if c.gap {
				c.b = append(c.b, ' ')
				c.gap = false
			}
			c.b = append(c.b, p[:i]...)
			p = p[i:]
			continue
		}
		r, size := utf8.DecodeRune(p)
		p = p[size:]
		if unicode.IsSpace(r) {
			c.gap = !c.empty()
			continue
		}
		if c.gap {
			c.b = append(c.b, ' ')
			c.gap = false
		}
		c.b = utf8.AppendRune(c.b, r)
	}
}

// dest writes the end of a link or image: "](", its destination, a
// space, its title (white space collapsed) quoted, and ")".
func (c *canon) dest(dest, title []byte) {
	c.lit("](")
	c.b = append(append(c.b, dest...), ' ')
	if len(title) == 0 {
		c.b = append(c.b, `""`...)
	} else {
		c.b = strconv.AppendQuote(c.b, Collapse(string(title)))
	}
	c.b = append(c.b, ')')
}

func (c *canon) lit(s string) {
	if c.gap && !strings.HasPrefix(s, "\\\n") {
		c.b = append(c.b, ' ')
	}
	c.gap = false
	c.b = append(c.b, s...)
}

// stars writes emphasis of a level: as lit(strings.Repeat("*", level)).
func (c *canon) stars(level int) {
	if c.gap {
		c.b = append(c.b, ' ')
	}
	c.gap = false
	for range level {
		c.b = append(c.b, '*')
	}
}

// lines returns the text of a block's lines, joined.
func lines(n ast.Node, src []byte) string {
	ls := n.Lines()
	if ls == nil {
		return ""
	}
	var b strings.Builder
	for i := range ls.Len() {
		seg := ls.At(i)
		b.Write(seg.Value(src))
	}
	return b.String()
}

// ranges returns the byte ranges of a block's lines.
func ranges(n ast.Node) [][2]int {
	ls := n.Lines()
	if ls == nil {
		return nil
	}
	out := make([][2]int, ls.Len())
	for i := range ls.Len() {
		seg := ls.At(i)
		out[i] = [2]int{seg.Start, seg.Stop}
	}
	return out
}

// Collapse reduces runs of white space to one space and trims the ends:
// the white space of a canonical form, for the texts around a page's
// units (front matter) and for comparing unit texts.
func Collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// offset is where a block starts: its first line, else its position, else
// its first descendant's, else where the block before it or around it
// starts (an empty table cell), else 0.
func offset(n ast.Node) int {
	for m := n; m != nil; m = m.Parent() {
		for k := m; k != nil; k = k.PreviousSibling() {
			if off := ownOffset(k); off >= 0 {
				return off
			}
		}
	}
	return 0
}

// ownOffset is where n or its first descendant with a position starts,
// or -1.
func ownOffset(n ast.Node) int {
	if n.Type() == ast.TypeBlock {
		if l := n.Lines(); l != nil && l.Len() > 0 {
			return l.At(0).Start
		}
	}
	if p := n.Pos(); p >= 0 {
		return p
	}
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off := ownOffset(c); off >= 0 {
			return off
		}
	}
	return -1
}
