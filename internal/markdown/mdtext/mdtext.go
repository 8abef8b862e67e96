// Package mdtext extracts the plain text of goldmark nodes, for heading ids,
// tables of contents, and comparisons between translations.
package mdtext

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Textless is implemented by inline nodes that contribute nothing to the
// plain text of their parent (decorative icons, for example).
type Textless interface {
	Textless()
}

// Plain returns the text of n and its descendants as a reader would read
// it: emphasis and links are reduced to their text, entities and escapes
// are resolved, raw HTML is dropped, line breaks become spaces.
func Plain(n ast.Node, src []byte) string {
	// The text is gathered on the stack when it is short (most headings
	// are), so that the string is the one allocation; Write would have
	// its writer escape to the heap.
	var buf [128]byte
	b := buf[:0]
	if n.Type() == ast.TypeBlock {
		if l := n.Lines(); l.Len() > 0 {
			if size := l.At(l.Len()-1).Stop - l.At(0).Start; size > len(buf) {
				b = make([]byte, 0, size)
			}
		}
	}
	return string(bytes.TrimSpace(appendText(b, n, src)))
}

// appendText is Write appending to b.
func appendText(b []byte, n ast.Node, src []byte) []byte {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if _, ok := c.(Textless); ok {
			continue
		}
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(src)
			if !c.IsRaw() {
				v = resolve(v)
			}
			b = append(b, v...)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			b = append(b, c.Value...)
		case *ast.RawHTML, *ast.HTMLBlock:
			// markup is not text
		case *ast.AutoLink:
			b = append(b, c.Label(src)...)
		default:
			b = appendText(b, c, src)
		}
	}
	return b
}

// Writer receives text from Write.
type Writer interface {
	Write(p []byte) (int, error)
	WriteByte(c byte) error
}

// Doner is a Writer that may need only the beginning of a text: once
// Done reports true, Write writes no more to it.
type Doner interface {
	Done() bool
}

// Write writes the text of n and its descendants, as Plain returns it
// but without trimming, to b. It does what appendText does: a change to
// one is a change to the other (TestPlainIsWrite).
func Write(b Writer, n ast.Node, src []byte) {
	d, _ := b.(Doner)
	write(b, d, n, src)
}

func write(b Writer, d Doner, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if d != nil && d.Done() {
			return
		}
		if _, ok := c.(Textless); ok {
			continue
		}
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(src)
			if !c.IsRaw() {
				v = resolve(v)
			}
			b.Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.RawHTML, *ast.HTMLBlock:
			// markup is not text
		case *ast.AutoLink:
			b.Write(c.Label(src))
		default:
			write(b, d, c, src)
		}
	}
}

// Offset returns the byte offset in src at which n starts: the position
// goldmark recorded, or, for nodes made without one, the start of their
// first text (stepping back over a link's "[" or an image's "!["), or
// else the enclosing block's first line.
func Offset(n ast.Node, src []byte) int {
	if p := n.Pos(); p >= 0 && p <= len(src) {
		return p
	}
	if n.Type() == ast.TypeBlock {
		if l := n.Lines(); l != nil && l.Len() > 0 {
			return l.At(0).Start
		}
	}
	if off, ok := firstSegment(n); ok {
		switch n.Kind() {
		case ast.KindLink:
			if off > 0 && src[off-1] == '[' {
				off--
			}
		case ast.KindImage:
			if off > 1 && src[off-1] == '[' && src[off-2] == '!' {
				off -= 2
			}
		}
		return off
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock {
			if l := p.Lines(); l != nil && l.Len() > 0 {
				return l.At(0).Start
			}
		}
	}
	return 0
}

func firstSegment(n ast.Node) (int, bool) {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start, true
	}
	if n.Type() == ast.TypeBlock {
		if l := n.Lines(); l != nil && l.Len() > 0 {
			return l.At(0).Start, true
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off, ok := firstSegment(c); ok {
			return off, true
		}
	}
	return 0, false
}

// resolve resolves the backslash escapes and character references of
// text in one pass from left to right, as the HTML renderer does: an
// escaped '&' is the character itself and starts no reference ("\\&amp;"
// is "&amp;", not "&").
func resolve(v []byte) []byte {
	refs := func(v []byte) []byte {
		if bytes.IndexByte(v, '&') < 0 {
			return v // no reference: most text, resolved as it is
		}
		return util.ResolveEntityNames(util.ResolveNumericReferences(v))
	}
	if bytes.IndexByte(v, '\\') < 0 {
		return refs(v)
	}
	out := make([]byte, 0, len(v))
	start := 0
	for i := 0; i+1 < len(v); i++ {
		if v[i] == '\\' && util.IsPunct(v[i+1]) {
			out = append(append(out, refs(v[start:i])...), v[i+1])
			i++
			start = i + 1
		}
	}
	return append(out, refs(v[start:])...)
}
