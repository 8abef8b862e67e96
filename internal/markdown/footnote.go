package markdown

import (
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// footnoteBacklinks renders the back-links of a footnote referenced
// several times so that they can be told apart: the second one reads
// "↩²", and each has its own accessible label ("Back to reference 2").
// goldmark's own renderer gives them all the same text and title.
type footnoteBacklinks struct {
	// labels[i] is the label of the back-link to reference i+1.
	labels []string
	str    Strings
}

func newFootnoteBacklinks(str Strings) *footnoteBacklinks {
	r := &footnoteBacklinks{str: str}
	for i := 1; i <= 20; i++ {
		r.labels = append(r.labels, str("footnote_backlink", "Number", i))
	}
	return r
}

func (r *footnoteBacklinks) label(n int) string {
	if n <= len(r.labels) {
		return r.labels[n-1]
	}
	return r.str("footnote_backlink", "Number", n)
}

func (r *footnoteBacklinks) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(r, 100)))
}

func (r *footnoteBacklinks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindFootnoteBacklink, r.render)
}

func (r *footnoteBacklinks) render(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*east.FootnoteBacklink)
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
	return ast.WalkContinue, nil
}
