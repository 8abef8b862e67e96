package markdown

import (
	"fmt"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
)

// funcs collects the render functions a node renderer registers.
type funcs map[ast.NodeKind]renderer.NodeRendererFunc

func (f funcs) Register(k ast.NodeKind, fn renderer.NodeRendererFunc) { f[k] = fn }

// TestFootnoteLink: a reference to a footnote is rendered as goldmark's
// renderer renders it, whatever its numbers and link title.
func TestFootnoteLink(t *testing.T) {
	for _, title := range []string{"", "Footnote ^^", "Voetnoot ^^", "plain", "^^^ of %% & <b> \"q\" '", "%%^^%%", "^", "a%%b"} {
		theirs, ours := funcs{}, funcs{}
		extension.NewFootnoteHTMLRenderer(extension.WithFootnoteLinkTitle(title)).RegisterFuncs(theirs)
		newFootnoteBacklinks(func(id string, _ ...any) string { return id }, []byte(title)).RegisterFuncs(ours)
		for _, index := range []int{1, 2, 9, 10, 63, 64, 65, 100, 12345} {
			for _, ref := range [][2]int{{0, 1}, {1, 2}, {2, 3}, {11, 12}} {
				n := east.NewFootnoteLink(index)
				n.RefIndex, n.RefCount = ref[0], ref[1]
				name := fmt.Sprintf("%q: footnote %d, reference %d of %d", title, index, ref[0], ref[1])
				var a, b Buffer
				for _, entering := range []bool{true, false} {
					if _, err := ours[east.KindFootnoteLink](&a, nil, n, entering); err != nil {
						t.Fatal(err)
					}
					if _, err := theirs[east.KindFootnoteLink](&b, nil, n, entering); err != nil {
						t.Fatal(err)
					}
				}
				if a.String() != b.String() {
					t.Errorf("%s: %s, goldmark's %s", name, a.String(), b.String())
				}
			}
		}
	}
}
