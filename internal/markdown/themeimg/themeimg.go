// Package themeimg marks images meant for one color scheme: an image whose
// URL ends in #only-light or #only-dark gets the class of the same name,
// and the stylesheet shows it only in that scheme, as MkDocs Material does.
package themeimg

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/guidegen/guidegen/internal/markdown/attrlist"
)

var variants = [][]byte{[]byte("#only-light"), []byte("#only-dark")}

type transformer struct{}

func (transformer) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		img, ok := n.(*ast.Image)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		for _, v := range variants {
			if bytes.HasSuffix(img.Destination, v) {
				attrlist.Apply(img, []attrlist.Attr{{Name: "class", Value: string(v[1:])}})
			}
		}
		return ast.WalkContinue, nil
	})
}

type extension struct{}

// Extension registers the transformer.
var Extension goldmark.Extender = extension{}

func (extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(transformer{}, 8100)))
}
