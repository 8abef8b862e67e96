package markdown

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
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

// oracleBacklink is footnoteBacklinks.render as it was before it wrote
// its numbers and labels without allocating.
func oracleBacklink(r *footnoteBacklinks, w *Buffer, n *east.FootnoteBacklink) {
	idx := strconv.Itoa(n.Index)
	_, _ = w.WriteString(`&#160;<a href="#fnref`)
	if n.RefIndex > 0 {
		_, _ = w.WriteString(strconv.Itoa(n.RefIndex))
	}
	_, _ = w.WriteString(":" + idx + `" class="footnote-backref" role="doc-backlink"`)
	if l := r.label(n.RefIndex + 1); l != "" {
		_, _ = w.WriteString(` aria-label="`)
		_, _ = w.Write(util.EscapeHTML([]byte(l)))
		_ = w.WriteByte('"')
	}
	_, _ = w.WriteString(`>&#x21a9;&#xfe0e;`)
	if n.RefIndex > 0 {
		_, _ = w.WriteString("<sup>" + strconv.Itoa(n.RefIndex+1) + "</sup>")
	}
	_, _ = w.WriteString(`</a>`)
}

// TestFootnoteBacklinkOracle: a back-link is rendered as oracleBacklink
// renders it, with labels that need escaping, labels past the ones made
// in advance, and an empty label.
func TestFootnoteBacklinkOracle(t *testing.T) {
	for _, label := range []string{"Back to reference %d", `<"&'> %d`, "", "plain"} {
		str := func(id string, args ...any) string {
			if label == "" || len(args) < 2 {
				return label
			}
			return fmt.Sprintf(label, args[1])
		}
		r := newFootnoteBacklinks(str, nil)
		funcs := funcs{}
		r.RegisterFuncs(funcs)
		for _, index := range []int{1, 9, 10, 123456} {
			for _, ref := range []int{0, 1, 9, 19, 20, 21, 99} {
				n := east.NewFootnoteBacklink(index)
				n.RefIndex = ref
				var got, want Buffer
				if _, err := funcs[east.KindFootnoteBacklink](&got, nil, n, true); err != nil {
					t.Fatal(err)
				}
				oracleBacklink(r, &want, n)
				if got.String() != want.String() {
					t.Errorf("%q: footnote %d, reference %d: %s, want %s", label, index, ref, got.String(), want.String())
				}
			}
		}
	}
}
