package markdown

import (
	"bytes"
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
//
// It renders the references too, as goldmark's renderer does with the
// link title linkTitle (its FootnoteLinkTitle, by which the Markdown
// makes that renderer), without its allocations: the title of each
// reference is made once (titles), not once per reference.
type footnoteBacklinks struct {
	// labels[i] is the label of the back-link to reference i+1, and
	// escLabels[i] that label escaped.
	labels    []string
	escLabels [][]byte
	str       Strings
	// titles[i] is the escaped title of a reference to footnote i+1
	// when linkTitle has no "%%" (the number of references).
	linkTitle []byte
	titles    [][]byte
}

func newFootnoteBacklinks(str Strings, linkTitle []byte) *footnoteBacklinks {
	r := &footnoteBacklinks{str: str, linkTitle: linkTitle}
	for i := 1; i <= 20; i++ {
		l := str("footnote_backlink", "Number", i)
		r.labels = append(r.labels, l)
		r.escLabels = append(r.escLabels, util.EscapeHTML([]byte(l)))
	}
	if !bytes.Contains(linkTitle, []byte("%%")) {
		for i := 1; i <= 64; i++ {
			r.titles = append(r.titles, r.title(i, 0))
		}
	}
	return r
}

// title is goldmark's title of a reference to footnote index of
// refCount references: linkTitle with "^^" replaced by index, then
// "%%" by refCount (applyFootnoteTemplate), escaped.
func (r *footnoteBacklinks) title(index, refCount int) []byte {
	if index >= 1 && index <= len(r.titles) {
		return r.titles[index-1]
	}
	t := r.linkTitle
	if bytes.Contains(t, []byte("^^")) || bytes.Contains(t, []byte("%%")) {
		t = bytes.ReplaceAll(t, []byte("^^"), []byte(strconv.Itoa(index)))
		t = bytes.ReplaceAll(t, []byte("%%"), []byte(strconv.Itoa(refCount)))
	}
	return util.EscapeHTML(t)
}

// renderLink writes a reference to a footnote as goldmark's renderer
// does (with no id prefix and the default class).
func (r *footnoteBacklinks) renderLink(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*east.FootnoteLink)
	// (strconv.Itoa allocates nothing below 100; a buffer on the stack
	// would escape through w.)
	idx := strconv.Itoa(n.Index)
	_, _ = w.WriteString(`<sup id="fnref`)
	if n.RefIndex > 0 {
		_, _ = w.WriteString(strconv.Itoa(n.RefIndex))
	}
	_ = w.WriteByte(':')
	_, _ = w.WriteString(idx)
	_, _ = w.WriteString(`"><a href="#fn:`)
	_, _ = w.WriteString(idx)
	_, _ = w.WriteString(`" class="footnote-ref`)
	if len(r.linkTitle) > 0 {
		_, _ = w.WriteString(`" title="`)
		_, _ = w.Write(r.title(n.Index, n.RefCount))
	}
	_, _ = w.WriteString(`" role="doc-noteref">`)
	_, _ = w.WriteString(idx)
	_, _ = w.WriteString(`</a></sup>`)
	return ast.WalkContinue, nil
}

// escLabel is label(n) escaped.
func (r *footnoteBacklinks) escLabel(n int) []byte {
	if n >= 1 && n <= len(r.escLabels) {
		return r.escLabels[n-1]
	}
	return util.EscapeHTML([]byte(r.label(n)))
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
	reg.Register(east.KindFootnoteLink, r.renderLink)
}

func (r *footnoteBacklinks) render(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*east.FootnoteBacklink)
	// (strconv.Itoa allocates nothing below 100; a buffer on the stack
	// would escape through w.)
	_, _ = w.WriteString(`&#160;<a href="#fnref`)
	if n.RefIndex > 0 {
		_, _ = w.WriteString(strconv.Itoa(n.RefIndex))
	}
	_ = w.WriteByte(':')
	_, _ = w.WriteString(strconv.Itoa(n.Index))
	_, _ = w.WriteString(`" class="footnote-backref" role="doc-backlink"`)
	if l := r.escLabel(n.RefIndex + 1); len(l) > 0 {
		_, _ = w.WriteString(` aria-label="`)
		_, _ = w.Write(l)
		_ = w.WriteByte('"')
	}
	_, _ = w.WriteString(`>&#x21a9;&#xfe0e;`)
	if n.RefIndex > 0 {
		_, _ = w.WriteString("<sup>")
		_, _ = w.WriteString(strconv.Itoa(n.RefIndex + 1))
		_, _ = w.WriteString("</sup>")
	}
	_, _ = w.WriteString(`</a>`)
	return ast.WalkContinue, nil
}
