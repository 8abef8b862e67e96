// Package themeimg marks images meant for one color scheme: an image whose
// URL ends in #only-light or #only-dark gets the class of the same name,
// and the stylesheet shows it only in that scheme, as MkDocs Material does.
package themeimg

import (
	"bytes"

	"github.com/yuin/goldmark/ast"

	"github.com/guidegen/guidegen/internal/markdown/attrlist"
)

var variants = [][]byte{[]byte("#only-light"), []byte("#only-dark")}

// Mark gives an image the class of its variant, if it has one. The
// markdown package calls it from the walk that collects links, so that
// the variants cost no walk of their own.
func Mark(img *ast.Image) {
	for _, v := range variants {
		if bytes.HasSuffix(img.Destination, v) {
			attrlist.Apply(img, []attrlist.Attr{{Name: "class", Value: v[1:len(v):len(v)]}})
		}
	}
}
