package mdunits

// This file is Digest as it was before its canonical forms were written
// straight to its buffer (refDigest): the oracle of TestDigestOracle and
// FuzzDigestOracle.

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"hash"
	"slices"
	"strconv"
	"strings"
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

// refDigest returns the SHA-256 of the page's canonical form: its units and
// the structure around them. Two pages that differ only in what a reader
// does not see have the same digest.
func refDigest(root ast.Node, src []byte, skip func(off int) bool) [32]byte {
	h := sha256.New()
	w := &refWalker{src: src, skip: skip, digest: h}
	w.blocks(root, nil)
	_, _ = h.Write(w.buf)
	var out [32]byte
	h.Sum(out[:0])
	return out
}

type refWalker struct {
	src    []byte
	skip   func(int) bool
	units  []Unit
	digest hash.Hash
	// buf is what is to be digested and not yet written to digest: it
	// is written in chunks of refDigestChunk bytes or more, not a unit at a
	// time (the digest is of the bytes in order, however they are cut).
	buf      []byte
	refCanon refCanon
	// code is the canonical form of a code span, within refCanon's.
	code refCanon
}

// refDigestChunk is how many bytes refWalker.buf gathers before they are
// digested.
const refDigestChunk = 4 << 10

// flush digests buf once it holds a chunk.
func (w *refWalker) flush() {
	if len(w.buf) >= refDigestChunk {
		_, _ = w.digest.Write(w.buf)
		w.buf = w.buf[:0]
	}
}

// mark digests parts, each followed by a NUL byte.
func (w *refWalker) mark(parts ...string) {
	if w.digest == nil {
		return
	}
	for _, p := range parts {
		w.buf = append(append(w.buf, p...), 0)
	}
	w.flush()
}

// blocks walks the children of a block; path are the containers around
// them.
func (w *refWalker) blocks(n ast.Node, path []string) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.block(c, path)
	}
}

func (w *refWalker) block(n ast.Node, path []string) {
	if w.skip != nil && w.skip(offset(n)) {
		return
	}
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		kind := Paragraph
		if p := n.Parent(); p != nil && p.Kind() == ast.KindListItem {
			kind = ListItem
		}
		if refInCard(path) {
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
		w.add(Unit{Kind: Directive, Node: n, Offset: n.Offset, Path: join(path, string(Directive)), Markdown: string(n.Line), Canon: string(bytes.Join(bytes.Fields(n.Line), []byte(" ")))})
		w.mark("unit", string(Directive), string(n.Line))
	case *ast.ThematicBreak:
		w.mark("hr")
	case *ast.LinkReferenceDefinition:
		// Seen where its links are.
	default:
		name := refContainer(n, w.src)
		w.mark("open", name)
		w.attrs(n)
		w.blocks(n, append(path, name))
		w.mark("close")
	}
}

// refContainer names a block that holds blocks, as it stands in a path.
func refContainer(n ast.Node, src []byte) string {
	switch n := n.(type) {
	case *ast.List:
		if n.IsOrdered() {
			return "ordered list " + strconv.Itoa(n.Start)
		}
		return "list"
	case *ast.ListItem:
		return "item"
	case *ast.Blockquote:
		return "quote"
	case *admonition.Node:
		s := "admonition " + strings.Join(append([]string{n.TypeName}, n.Classes...), " ")
		if n.Collapsible {
			s += " collapsible"
			if n.Open {
				s += " open"
			}
		}
		return s
	case *mdhtml.Container:
		s := "<" + n.Tag
		for _, a := range n.Attr {
			s += " " + a.Key + "=" + strconv.Quote(a.Val)
		}
		return s + ">"
	case *east.Footnote:
		return "footnote " + string(n.Ref)
	}
	return n.Kind().String()
}

// refInCard reports whether a path is inside a recommendation or alternative
// card.
func refInCard(path []string) bool {
	for _, p := range path {
		if strings.HasPrefix(p, "admonition recommendation ") || strings.HasPrefix(p, "admonition alternative ") {
			return true
		}
	}
	return false
}

// unit adds a block with inline content.
func (w *refWalker) unit(n ast.Node, kind Kind, path []string, level int) {
	c := &w.refCanon
	c.b.Reset()
	c.gap = false
	w.inlines(c, n)
	if w.digest != nil {
		w.buf = append(append(append(w.buf, "unit\x00"...), kind...), 0, byte('0'+level), 0)
		w.buf = append(append(w.buf, bytes.TrimSpace(c.b.Bytes())...), 0)
		w.flush()
		w.attrs(n)
		return
	}
	u := Unit{Kind: kind, Node: n, Level: level, Canon: strings.TrimSpace(c.b.String())}
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
func (w *refWalker) raw(n ast.Node, kind Kind, path []string, info string, keepLines bool) {
	text := lines(n, w.src)
	var refCanon string
	if keepLines {
		ls := strings.Split(strings.TrimRight(text, " \t\r\n"), "\n")
		for i, l := range ls {
			ls[i] = strings.TrimRightFunc(l, unicode.IsSpace)
		}
		refCanon = strings.Join(ls, "\n")
	} else {
		refCanon = Collapse(text)
	}
	md := refCanon
	if info != "" {
		refCanon = info + "\n" + refCanon
	}
	if keepLines {
		md = refCanon
	}
	if w.digest != nil {
		// As unit does: a digest needs only the canonical form.
		w.mark("unit", string(kind), refCanon)
		return
	}
	w.add(Unit{Kind: kind, Node: n, Offset: offset(n), Path: join(path, string(kind)), Markdown: md, Canon: refCanon, Lines: ranges(n)})
}

func (w *refWalker) add(u Unit) {
	if w.digest == nil {
		w.units = append(w.units, u)
	}
}

// attrs digests the attributes of a node that are text (ids, classes and
// others from attribute lists).
func (w *refWalker) attrs(n ast.Node) {
	if w.digest == nil {
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
func (w *refWalker) inlines(c *refCanon, n ast.Node) {
	for k := n.FirstChild(); k != nil; k = k.NextSibling() {
		w.inline(c, k)
	}
}

func (w *refWalker) inline(c *refCanon, n ast.Node) {
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
		m := strings.Repeat("*", n.Level)
		c.lit(m)
		w.inlines(c, n)
		c.lit(m)
	case *east.Strikethrough:
		c.lit("~~")
		w.inlines(c, n)
		c.lit("~~")
	case *ast.CodeSpan:
		// Its text, blanks at either end left out as line breaks are.
		code := &w.code
		code.b.Reset()
		code.gap = false
		w.inlines(code, n)
		c.lit("`")
		c.b.Write(bytes.TrimSpace(code.b.Bytes()))
		c.b.WriteByte('`')
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
		c.b.Write(n.URL(w.src))
		c.b.WriteByte('>')
	case *ast.RawHTML:
		for i := range n.Segments.Len() {
			seg := n.Segments.At(i)
			c.text(seg.Value(w.src))
		}
	case *icons.Node:
		c.lit(":" + n.Name + ":")
	case *east.FootnoteLink:
		c.lit("[^" + strconv.Itoa(n.Index) + "]")
	case *east.TaskCheckBox:
		c.lit(fmt.Sprintf("[%v]", n.IsChecked))
	default:
		if n.Type() == ast.TypeBlock {
			return
		}
		// Abbreviations, attribute lists and other inline nodes are the
		// text they hold.
		w.inlines(c, n)
	}
}

// refCanon builds a canonical form: runs of white space in text are one
// space; literal markup is written as it is.
type refCanon struct {
	b   bytes.Buffer
	gap bool
}

func (c *refCanon) text(p []byte) {
	for len(p) > 0 {
		if b := p[0]; b < utf8.RuneSelf {
			// ASCII, most text: a run of it that holds no white space
			// at once, as the rune by rune loop below would write it.
			if mdtext.IsSpace(b) {
				c.gap = c.b.Len() > 0
				p = p[1:]
				continue
			}
			i := mdtext.ASCIIRun(p)
			if c.gap {
				c.b.WriteByte(' ')
				c.gap = false
			}
			c.b.Write(p[:i])
			p = p[i:]
			continue
		}
		r, size := utf8.DecodeRune(p)
		p = p[size:]
		if unicode.IsSpace(r) {
			c.gap = c.b.Len() > 0
			continue
		}
		if c.gap {
			c.b.WriteByte(' ')
			c.gap = false
		}
		c.b.WriteRune(r)
	}
}

// dest writes the end of a link or image: "](", its destination, a
// space, its title (white space collapsed) quoted, and ")".
func (c *refCanon) dest(dest, title []byte) {
	c.lit("](")
	c.b.Write(dest)
	c.b.WriteByte(' ')
	if len(title) == 0 {
		c.b.WriteString(`""`)
	} else {
		c.b.WriteString(strconv.Quote(Collapse(string(title))))
	}
	c.b.WriteByte(')')
}

func (c *refCanon) lit(s string) {
	if c.gap && !strings.HasPrefix(s, "\\\n") {
		c.b.WriteByte(' ')
	}
	c.gap = false
	c.b.WriteString(s)
}
