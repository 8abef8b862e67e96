// Package permalink renders headings with a link to themselves after their
// text, as MkDocs Material's toc permalinks do: a "¶" that appears on hover
// and focus. The link carries a localized, visually hidden label for screen
// readers; the "¶" itself is hidden from them.
package permalink

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/guidegen/guidegen/internal/markdown/htmlpolicy"
)

// Options choose the headings that get a permalink and its label.
type Options struct {
	// MinLevel and MaxLevel bound the heading levels (default 2 to 4).
	MinLevel, MaxLevel int
	// Label is read by screen readers ("Link to this section").
	Label string
	// Lang is the language of Label, the page's; the label says so when
	// its heading is marked as another language (lang="en" on an
	// untranslated heading of a translation).
	Lang string
}

type nodeRenderer struct {
	o     Options
	label []byte
}

// New returns the extension.
func New(o Options) goldmark.Extender {
	if o.MinLevel == 0 {
		o.MinLevel = 2
	}
	if o.MaxLevel == 0 {
		o.MaxLevel = 4
	}
	return &nodeRenderer{o: o, label: util.EscapeHTML([]byte(o.Label))}
}

func (r *nodeRenderer) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(r, 100)))
}

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.render)
}

func (r *nodeRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	level := byte('0' + n.Level)
	if entering {
		_, _ = w.WriteString("<h")
		_ = w.WriteByte(level)
		if n.Attributes() != nil {
			htmlpolicy.RenderAttributes(w, n)
		}
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if id, ok := n.AttributeString("id"); ok && n.Level >= r.o.MinLevel && n.Level <= r.o.MaxLevel {
		if b, ok := id.([]byte); ok && len(b) > 0 {
			_, _ = w.WriteString(` <a class="headerlink" href="#`)
			_, _ = w.Write(util.EscapeHTML(util.URLEscape(b, false)))
			_, _ = w.WriteString(`">`)
			if len(r.label) > 0 {
				_, _ = w.WriteString(`<span class="visually-hidden"`)
				if lang, ok := n.AttributeString("lang"); ok && r.o.Lang != "" {
					if b, ok := lang.([]byte); ok && string(b) != r.o.Lang {
						_, _ = w.WriteString(` lang="`)
						_, _ = w.Write(util.EscapeHTML([]byte(r.o.Lang)))
						_ = w.WriteByte('"')
					}
				}
				_ = w.WriteByte('>')
				_, _ = w.Write(r.label)
				_, _ = w.WriteString(`</span>`)
			}
			_, _ = w.WriteString(`<span aria-hidden="true">¶</span></a>`)
		}
	}
	_, _ = w.WriteString("</h")
	_ = w.WriteByte(level)
	_, _ = w.WriteString(">\n")
	return ast.WalkContinue, nil
}
