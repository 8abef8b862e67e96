// Package segment finds the translatable segments of a page (its
// paragraphs, list items, headings and table cells) and, on a translation,
// the segments still identical to the page it translates.
//
// A segment counts only when it holds prose: after code spans, autolinks,
// raw HTML, icons, URLs, domain names, e-mail addresses and paths are left
// out, at least one word of two or more letters must be written entirely
// in lower case. A heading "Signal", a table cell "SimpleX Chat", a list
// item that is only a link named "F-Droid", "iOS" or "2024" is not prose:
// such text is the same in every language. Segments generated from page
// data (cards, criteria lists, the matrix) are not counted either, since
// their text comes from the UI strings; nor is an element that carries a
// lang attribute set by hand ({ lang=en } marks a deliberate quotation).
//
// Two segments are identical when their plain text (see mdtext.Plain) is
// the same after runs of white space are reduced to one space.
//
// On a translation (With), the Extension's transformer gives every segment
// identical to one of the source page's a lang attribute with the source
// language, so that screen readers read it as such: <p lang="en">.
package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/guidegen/guidegen/internal/markdown/mdtext"
)

// Kind is the kind of block a segment is.
type Kind string

// The kinds of segments.
const (
	Paragraph Kind = "paragraph"
	ListItem  Kind = "list item"
	Heading   Kind = "heading"
	TableCell Kind = "table cell"
)

// Segment is one translatable block of a page.
type Segment struct {
	Kind Kind
	// Offset is the byte offset in the parsed text at which it starts.
	Offset int
	// Text is its plain text, white space normalized.
	Text string
	// Identical is true, on a translation, when the source page has a
	// segment with the same text.
	Identical bool
}

// Set holds the texts of a page's segments.
type Set map[string]bool

// NewSet returns the texts of segs.
func NewSet(segs []Segment) Set {
	s := make(Set, len(segs))
	for _, g := range segs {
		s[g.Text] = true
	}
	return s
}

// Collect returns the prose segments under root in document order.
// generated, when not nil, tells the offsets of text generated from data,
// whose segments are left out.
func Collect(root ast.Node, src []byte, generated func(off int) bool) []Segment {
	var out []Segment
	visit(root, src, generated, func(_ ast.Node, s Segment) { out = append(out, s) })
	return out
}

// visit calls fn with every prose segment under root and the node that
// carries its lang attribute.
func visit(root ast.Node, src []byte, generated func(int) bool, fn func(ast.Node, Segment)) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var kind Kind
		holder := n
		switch n.Kind() {
		case ast.KindHeading:
			kind = Heading
		case ast.KindParagraph, ast.KindTextBlock:
			kind = Paragraph
			if p := n.Parent(); p != nil && p.Kind() == ast.KindListItem {
				kind = ListItem
				if n.Kind() == ast.KindTextBlock {
					holder = p // a tight item's text has no element of its own
				}
			}
		case east.KindTableCell:
			kind = TableCell
		default:
			return ast.WalkContinue, nil
		}
		off := mdtext.Offset(n, src)
		if _, set := holder.AttributeString("lang"); set || (generated != nil && generated(off)) {
			return ast.WalkSkipChildren, nil
		}
		if !HasProse(n, src) {
			return ast.WalkSkipChildren, nil
		}
		fn(holder, Segment{Kind: kind, Offset: off, Text: normalize(mdtext.Plain(n, src))})
		return ast.WalkSkipChildren, nil
	})
}

func normalize(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// HasProse reports whether the inline content of block n holds prose (see
// the package documentation).
func HasProse(n ast.Node, src []byte) bool {
	var b strings.Builder
	proseText(&b, n, src)
	for _, tok := range strings.Fields(b.String()) {
		if notWords(tok) {
			continue
		}
		for _, w := range strings.FieldsFunc(tok, func(r rune) bool { return !unicode.IsLetter(r) }) {
			if utf8.RuneCountInString(w) >= 2 && isLower(w) {
				return true
			}
		}
	}
	return false
}

// proseText writes the text of n without code, autolinks, raw HTML and
// textless nodes (icons).
func proseText(b *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if _, ok := c.(mdtext.Textless); ok {
			continue
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			b.WriteByte(' ')
		case *ast.String:
			b.Write(c.Value)
			b.WriteByte(' ')
		case *ast.CodeSpan, *ast.AutoLink, *ast.RawHTML, *ast.HTMLBlock, *ast.CodeBlock, *ast.FencedCodeBlock:
			b.WriteByte(' ')
		default:
			proseText(b, c, src)
		}
	}
}

// notWords reports whether a token is a URL, an e-mail address, a path or a
// domain name rather than words.
func notWords(tok string) bool {
	if strings.Contains(tok, "://") || strings.ContainsAny(tok, "@/\\") {
		return true
	}
	// A dot between two letters: signal.org, example.com, README.md.
	t := strings.TrimRight(tok, ".,;:!?)")
	for i := 1; i+1 < len(t); i++ {
		if t[i] == '.' && isLetterByte(t[i-1]) && isLetterByte(t[i+1]) {
			return true
		}
	}
	return false
}

func isLetterByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isLower(w string) bool {
	for _, r := range w {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// Options describe the page a translation translates.
type Options struct {
	// Lang is the source page's language, given to identical segments.
	Lang string
	// Locale is the translation's language, given back to the blocks
	// nested in a list item that was marked with Lang.
	Locale string
	// Source are the source page's segments.
	Source Set
	// Generated tells the offsets of text generated from data (may be
	// nil).
	Generated func(off int) bool
}

var (
	optionsKey  = parser.NewContextKey()
	segmentsKey = parser.NewContextKey()
)

// With stores in pc what the transformer needs to mark the document about
// to be parsed as a translation.
func With(pc parser.Context, o *Options) {
	pc.Set(optionsKey, o)
}

// Segments returns the prose segments of the translation parsed with pc,
// with Identical set; nil when pc had no Options.
func Segments(pc parser.Context) []Segment {
	s, _ := pc.Get(segmentsKey).([]Segment)
	return s
}

type transformer struct{}

// Transform marks the segments of a translation that are identical to the
// source page's.
func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	o, _ := pc.Get(optionsKey).(*Options)
	if o == nil {
		return
	}
	lang := []byte(o.Lang)
	var segs []Segment
	visit(doc, reader.Source(), o.Generated, func(holder ast.Node, s Segment) {
		if o.Source[s.Text] {
			s.Identical = true
			holder.SetAttributeString("lang", lang)
			if holder.Kind() == ast.KindListItem {
				restore(holder, o.Locale)
			}
		}
		segs = append(segs, s)
	})
	if segs == nil {
		segs = []Segment{}
	}
	pc.Set(segmentsKey, segs)
}

// restore gives the blocks nested in a list item marked with the source
// language (a nested list, say) the translation's language back.
func restore(item ast.Node, locale string) {
	if locale == "" {
		return
	}
	for c := item.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == ast.KindTextBlock {
			continue
		}
		if _, set := c.AttributeString("lang"); !set {
			c.SetAttributeString("lang", []byte(locale))
		}
	}
}

type extension struct{}

// Extension registers the transformer. It runs after every transformer
// that changes text or blocks (priority 20000).
var Extension goldmark.Extender = extension{}

func (extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(transformer{}, 20000)))
}
