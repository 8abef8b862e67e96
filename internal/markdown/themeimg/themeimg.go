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

// Mark gives an image the class of its variant, if it has one. The
// markdown package calls it from the walk that collects links, so that
// the variants cost no walk of their own.
func Mark(img *ast.Image) {
	for _, v := range variants {
		if bytes.HasSuffix(img.Destination, v) {
			attrlist.Apply(img, []attrlist.Attr{{Name: "class", Value: string(v[1:])}})
		}
	}
}

type transformer struct{}

func (transformer) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering {
			Mark(img)
		}
		return ast.WalkContinue, nil
	})
}

type extension struct{}

// Extension registers a transformer that marks the images, for pipelines
// that do not call Mark themselves.
var Extension goldmark.Extender = extension{}

func (extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(transformer{}, 8100)))
}
