// Package linkref wraps goldmark's link reference definition transformer
// with a test that most paragraphs fail at once. goldmark's transformer
// builds a block reader and parses a label for every paragraph that
// starts with "[", as the guide's button and download lines do
// ("[:octicons-home-16: Homepage](https://…){ .md-button }"); a
// definition needs its label's closing bracket followed by ":", and a
// paragraph whose first label is not is left to the other transformers
// untouched.
package linkref

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Transformer replaces parser.LinkReferenceParagraphTransformer, at the
// same priority (see parser.DefaultParagraphTransformers).
var Transformer parser.ParagraphTransformer = transformer{}

type transformer struct{}

func (transformer) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	if mayDefine(reader.Source(), node.Lines()) {
		parser.LinkReferenceParagraphTransformer.Transform(node, reader, pc)
	}
}

// mayDefine reports whether the lines may begin with a link reference
// definition. False is certain: the label, which starts with the first
// line's "[" and ends at the first "]" that is not backslash-escaped,
// contains no unescaped "[" and is followed right away by ":" in every
// definition (CommonMark 4.7), and goldmark finds it the same way
// (text.FindClosure without nesting). True only means "parse to see".
func mayDefine(src []byte, lines *text.Segments) bool {
	for k := 0; k < lines.Len(); k++ {
		seg := lines.At(k)
		if seg.Padding != 0 {
			return true // tabs turned into spaces: let goldmark see
		}
		b := src[seg.Start:seg.Stop]
		i := 0
		if k == 0 {
			for i < len(b) && b[i] == ' ' {
				i++
			}
			if i == len(b) || b[i] == '\t' {
				return true
			}
			if b[i] != '[' {
				return false
			}
			i++
		}
		for ; i < len(b); i++ {
			switch c := b[i]; {
			case c == '\\' && i+1 < len(b) && util.IsPunct(b[i+1]):
				i++
			case c == ']':
				return i+1 == len(b) || b[i+1] == ':'
			case c == '[':
				return false
			}
		}
	}
	return false
}

// ParagraphTransformers returns parser.DefaultParagraphTransformers with
// Transformer in place of goldmark's, for parser.NewParser.
func ParagraphTransformers() []util.PrioritizedValue {
	ts := parser.DefaultParagraphTransformers()
	for i, t := range ts {
		if t.Value == parser.LinkReferenceParagraphTransformer {
			ts[i].Value = Transformer
		}
	}
	return ts
}
