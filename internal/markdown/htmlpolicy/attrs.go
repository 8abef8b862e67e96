package htmlpolicy

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
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
	case *east.Table:
		return "table"
	}
	return ""
}

// never reports whether name may never be written, whatever the site's
// policy (markdown, which Markdown in HTML reads, is never written
// either): the floor every renderer applies even to attributes that were
// checked while parsing. It does not allocate: it runs on every
// attribute of every page.
func never[S string | []byte](name S, val []byte) bool {
	if !validName(name) {
		return true
	}
	if len(name) >= 2 && name[0]|0x20 == 'o' && name[1]|0x20 == 'n' {
		return true
	}
	var buf [16]byte
	if len(name) > len(buf) {
		return false // longer than any forbidden or URL attribute
	}
	l := buf[:len(name)]
	for i := 0; i < len(name); i++ {
		c := name[i]
		if 'A' <= c && c <= 'Z' {
			c |= 0x20
		}
		l[i] = c
	}
	if forbiddenAttributes[string(l)] || string(l) == "markdown" {
		return true
	}
	return urlAttributes[string(l)] && !SafeURL(val)
}

// everyday reports whether name is one of the attributes that pages
// have many of (id, dir, lang, class and title), which never lets
// through without looking them up.
func everyday[S string | []byte](name S) bool {
	switch len(name) {
	case 2:
		return string(name) == "id"
	case 3:
		return string(name) == "dir"
	case 4:
		return string(name) == "lang"
	case 5:
		return string(name) == "class" || string(name) == "title"
	}
	return false
}

// bare are boolean attributes written without a value when empty.
var bare = map[string]bool{"open": true, "hidden": true, "reversed": true}

// WriteAttr writes ` name="val"`, escaped, unless the name is never
// allowed (an event handler, style, a URL attribute with an unsafe URL,
// a name that is not one). It reports whether it wrote.
func WriteAttr[S string | []byte](w util.BufWriter, name S, val []byte) bool {
	if !everyday(name) && never(name, val) {
		return false
	}
	_ = w.WriteByte(' ')
	_, _ = w.Write([]byte(name))
	if len(val) == 0 && bare[string(name)] {
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
			WriteAttr(w, a.Name, v)
		case string:
			WriteAttr(w, a.Name, []byte(v))
		}
	}
}
