package htmlpolicy

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

var policyKey = parser.NewContextKey()

// WithContext makes p the policy of the document parsed with pc.
func WithContext(pc parser.Context, p *Policy) {
	pc.Set(policyKey, p)
}

// FromContext returns the policy of the document parsed with pc: the one
// WithContext set, or Default.
func FromContext(pc parser.Context) *Policy {
	if p, ok := pc.Get(policyKey).(*Policy); ok && p != nil {
		return p
	}
	return Default()
}

// ElementOf returns the HTML element goldmark renders n as, for the
// per-element part of the policy; "" for a node whose element varies or
// is not known here (it then takes the global attributes only).
func ElementOf(n ast.Node) string {
	switch n := n.(type) {
	case *ast.Link, *ast.AutoLink:
		return "a"
	case *ast.Image:
		return "img"
	case *ast.Heading:
		return "h" + string(rune('0'+n.Level))
	case *ast.Paragraph:
		return "p"
	case *ast.List:
		if n.IsOrdered() {
			return "ol"
		}
		return "ul"
	case *ast.ListItem:
		return "li"
	case *ast.CodeSpan:
		return "code"
	case *ast.Emphasis:
		if n.Level == 2 {
			return "strong"
		}
		return "em"
	case *ast.Blockquote:
		return "blockquote"
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		return "pre"
	case *ast.ThematicBreak:
		return "hr"
	}
	return ""
}

// never reports whether name may never be written, whatever the site's
// policy: the floor every renderer applies even to attributes that were
// checked while parsing.
func never(name string, val []byte) bool {
	if !validName(name) {
		return true
	}
	l := strings.ToLower(name)
	if strings.HasPrefix(l, "on") || forbiddenAttributes[l] {
		return true
	}
	return urlAttributes[l] && !SafeURL(val)
}

// bare are boolean attributes written without a value when empty.
var bare = map[string]bool{"open": true, "hidden": true, "reversed": true}

// WriteAttr writes ` name="val"`, escaped, unless the name is never
// allowed (an event handler, style, a URL attribute with an unsafe URL,
// a name that is not one). It reports whether it wrote.
func WriteAttr(w util.BufWriter, name string, val []byte) bool {
	if never(name, val) {
		return false
	}
	_ = w.WriteByte(' ')
	_, _ = w.WriteString(name)
	if len(val) == 0 && bare[name] {
		return true
	}
	_, _ = w.WriteString(`="`)
	_, _ = w.Write(util.EscapeHTML(val))
	_ = w.WriteByte('"')
	return true
}

// RenderAttributes writes the attributes of n but those named in skip
// (the ones the renderer writes itself: a link's href, say) through
// WriteAttr. It is the one writer of author attributes: attribute lists
// and containers filter them against the site's policy while parsing,
// with warnings; this applies the floor again while rendering.
func RenderAttributes(w util.BufWriter, n ast.Node, skip ...string) {
next:
	for _, a := range n.Attributes() {
		for _, s := range skip {
			if string(a.Name) == s {
				continue next
			}
		}
		switch v := a.Value.(type) {
		case []byte:
			WriteAttr(w, string(a.Name), v)
		case string:
			WriteAttr(w, string(a.Name), []byte(v))
		}
	}
}
