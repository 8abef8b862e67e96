// Package links is a goldmark extension for links between the files of a
// site. While parsing it records every link and image whose destination is
// a relative path ("about/criteria.md#x", "../assets/img/logo.svg") or a
// fragment ("#x"), with its position, so that the caller can check it and
// decide where it points (SetTarget). While rendering it asks the writer,
// when it is a Resolver, for the URL of that target: one parsed page can so
// be rendered for several locales, each with its own URLs.
package links

import (
	"bytes"
	"net/url"
	"path"
	"strings"
	"unsafe"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/guidegen/guidegen/internal/markdown/htmlpolicy"
	"github.com/guidegen/guidegen/internal/markdown/mddiag"
	"github.com/guidegen/guidegen/internal/markdown/mdtext"
)

// Kind tells what a relative link points to.
type Kind int

const (
	// Fragment is a link to an anchor on the same page ("#x").
	Fragment Kind = iota
	// Page is a link to another Markdown page ("criteria.md#x").
	Page
	// File is a link to any other file of the site (an image, say).
	File
)

// Ref is one link or image with a relative destination.
type Ref struct {
	Node ast.Node // *ast.Link or *ast.Image
	Kind Kind
	// Path is the destination resolved against the directory of the page
	// (slash-separated, no leading slash, "" for a Fragment link); it may
	// start with "../" when it leaves the content directory.
	Path string
	// Fragment is the part after '#', unescaped, without '#'.
	Fragment string
	// Dest is the destination as written.
	Dest string
	// Offset is the byte offset of the link in the source.
	Offset int
}

// Target is what a checked link points to; the caller sets it with
// SetTarget and the Resolver turns it into a URL at render time.
type Target struct {
	Page     string // page path under content/<locale>/, for Page links
	File     string // file path under the site root, for File links
	Fragment string // anchor, without '#'
}

// Resolver is implemented by the writer a page is rendered into. The
// URL ResolveURL returns needs to stay valid only until its next call:
// it is written out at once.
type Resolver interface {
	util.BufWriter
	ResolveURL(t *Target) string
}

var (
	refsKey    = parser.NewContextKey()
	dirKey     = parser.NewContextKey()
	targetAttr = []byte("_target")
)

// WithDir stores the directory of the page being parsed (relative to the
// locale's content directory) in pc; relative links are resolved against it.
func WithDir(pc parser.Context, dir string) {
	pc.Set(dirKey, dir)
}

// Refs returns the relative links found in the document parsed with pc.
func Refs(pc parser.Context) []Ref {
	r, _ := pc.Get(refsKey).([]Ref)
	return r
}

// SetTarget records where a link points. Call it before rendering, never
// while the node may be rendered concurrently.
func SetTarget(n ast.Node, t *Target) {
	n.SetAttribute(targetAttr, t)
}

// GetTarget returns what SetTarget recorded, or nil.
func GetTarget(n ast.Node) *Target {
	v, ok := n.Attribute(targetAttr)
	if !ok {
		return nil
	}
	t, _ := v.(*Target)
	return t
}

// hasScheme reports whether dest starts with a URL scheme ("https:",
// "mailto:"), as url.Parse would find it, without parsing the rest: most
// links of a page lead elsewhere.
func hasScheme[S string | []byte](dest S) bool {
	for i := 0; i < len(dest); i++ {
		c := dest[i]
		switch {
		case 'a' <= c|0x20 && c|0x20 <= 'z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// elsewhere reports whether dest is empty, rooted or has a scheme: not a
// link within the site, whatever follows.
func elsewhere[S string | []byte](dest S) bool {
	return len(dest) == 0 || dest[0] == '/' || hasScheme(dest)
}

// ScriptRoute reports whether a fragment is a route of a script on the
// page ("#/portal", as single-page widgets use), not a heading's anchor:
// it starts with a slash, which no anchor guidegen writes does. Such
// fragments are not checked.
func ScriptRoute(fragment string) bool { return strings.HasPrefix(fragment, "/") }

// Classify parses a destination relative to dir. ok is false for
// destinations that are not links within the site: absolute URLs, scheme
// links (mailto:), protocol-relative and root-relative paths.
func Classify(dest, dir string) (ref Ref, ok bool) {
	if elsewhere(dest) {
		return Ref{}, false
	}
	var p string
	if i, plain := plainRef(dest); plain {
		// What url.Parse would find, without parsing: no escapes, no
		// query, nothing it would reject.
		p = dest[:i]
		ref = Ref{Dest: dest}
		if i < len(dest) {
			ref.Fragment = dest[i+1:]
		}
	} else {
		u, err := url.Parse(dest)
		if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" {
			return Ref{}, false
		}
		p = u.Path
		ref = Ref{Dest: dest, Fragment: u.Fragment}
	}
	if p == "" {
		ref.Kind = Fragment
		return ref, true
	}
	ref.Path = joinPath(dir, p)
	if hasMDSuffix(p) {
		ref.Kind = Page
	} else {
		ref.Kind = File
	}
	return ref, true
}

// refBytes are the bytes of a destination that url.Parse takes as they
// are in a relative path or fragment: letters, digits, "-._~/".
var refBytes = func() (t [256]bool) {
	for c := range 256 {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~/", byte(c)) >= 0
	}
	return t
}()

// plainRef reports whether dest, which is not elsewhere, is made of
// refBytes and at most one '#', and so has, by url.Parse, dest[:i] for
// its path and what follows the '#' at i (len(dest) without one) for its
// fragment: no escape, query, scheme, host or control character.
func plainRef(dest string) (i int, ok bool) {
	i = len(dest)
	for j := 0; j < len(dest); j++ {
		if c := dest[j]; !refBytes[c] {
			if c != '#' || i < len(dest) {
				return 0, false
			}
			i = j
		}
	}
	return i, true
}

// hasMDSuffix reports whether strings.ToLower(p) ends in ".md", without
// making the lower-case string: only '.', 'm', 'M', 'd' and 'D' are
// lowered to the bytes of ".md".
func hasMDSuffix(p string) bool {
	return len(p) >= 3 && strings.EqualFold(p[len(p)-3:], ".md")
}

// joinPath is path.Join(dir, p), without its two strings when p starts
// with "./" or "../" runs that only step through dir and the rest of p,
// and dir, are clean: then the result is what is left of dir, a slash
// and the rest of p (the rest alone, without a copy, when nothing is
// left of dir).
func joinPath(dir, p string) string {
	if !cleanPath(dir) && dir != "" {
		return path.Join(dir, p)
	}
	d, rest := dir, p
	for {
		if r, ok := strings.CutPrefix(rest, "./"); ok {
			rest = r
			continue
		}
		if r, ok := strings.CutPrefix(rest, "../"); ok && d != "" {
			d = d[:max(0, strings.LastIndexByte(d, '/'))]
			rest = r
			continue
		}
		break
	}
	switch {
	case !cleanPath(rest):
		return path.Join(dir, p)
	case d == "":
		return rest
	}
	return d + "/" + rest
}

// cleanPath reports whether p is a relative path that path.Clean leaves
// as it is and that has no ".." element: not empty, no leading,
// trailing or double slash, no "." or ".." element.
func cleanPath(p string) bool {
	if p == "" || p[0] == '/' || p[len(p)-1] == '/' {
		return false
	}
	for p != "" {
		e := p
		if i := strings.IndexByte(p, '/'); i >= 0 {
			e, p = p[:i], p[i+1:]
		} else {
			p = ""
		}
		if e == "" || e == "." || e == ".." {
			return false
		}
	}
	return true
}

// unsafeURL warns when the URL of link n is not one the HTML policy lets
// through (a javascript: or data: URL, say): it renders as an empty href.
func unsafeURL(pc parser.Context, n ast.Node, dest, src []byte) {
	// The renderer writes the destination with its entities resolved and
	// escaped (destination): check what it would write, escaping only
	// when there is an entity to resolve.
	if bytes.IndexByte(dest, '&') < 0 && htmlpolicy.SafeURL(dest) || htmlpolicy.SafeURL(util.URLEscape(dest, true)) {
		return
	}
	mddiag.Warn(pc, mdtext.Offset(n, src), "URL %q removed: links and images may only lead to http, https, mailto or relative URLs", dest)
}

type transformer Hooks

func (t transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	c := collector{image: t.Image, pc: pc, src: reader.Source()}
	c.dir, _ = pc.Get(dirKey).(string)
	if t.Visitor != nil {
		c.visitor = t.Visitor(pc)
	}
	c.node(doc)
	pc.Set(refsKey, c.refs)
}

// collector gathers the relative links of one document, in document
// order, in one walk of its tree.
type collector struct {
	image   func(*ast.Image)
	visitor NodeVisitor
	pc      parser.Context
	src     []byte
	dir     string
	refs    []Ref
}

// node looks at n and then at its descendants. Text nodes, most of a
// page's, are passed over without a call: leaves without attributes.
func (c *collector) node(n ast.Node) {
	if c.visitor != nil {
		c.visitor.Visit(n)
	}
	c.link(n)
	for k := n.FirstChild(); k != nil; k = k.NextSibling() {
		if _, ok := k.(*ast.Text); !ok {
			c.node(k)
		}
	}
}

// link records n when it is a link or an image with a destination
// within the site, and warns about a URL the HTML policy removes.
func (c *collector) link(n ast.Node) {
	var dest []byte
	switch l := n.(type) {
	case *ast.AutoLink:
		if l.AutoLinkType == ast.AutoLinkURL {
			unsafeURL(c.pc, n, l.URL(c.src), c.src)
		}
		return
	case *ast.Link:
		dest = l.Destination
	case *ast.Image:
		dest = l.Destination
		if c.image != nil {
			c.image(l)
		}
	default:
		return
	}
	// Most links lead elsewhere: reject them before making a string.
	if elsewhere(dest) {
		if hasScheme(dest) {
			unsafeURL(c.pc, n, dest, c.src)
		}
		return
	}
	if ref, ok := Classify(string(dest), c.dir); ok {
		ref.Node = n
		ref.Offset = mdtext.Offset(n, c.src)
		c.refs = append(c.refs, ref)
	} else {
		unsafeURL(c.pc, n, dest, c.src)
	}
}

type nodeRenderer struct {
	html.Config
}

func (r *nodeRenderer) SetOption(name renderer.OptionName, value any) {
	r.Config.SetOption(name, value)
}

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, r.renderLink)
	reg.Register(ast.KindImage, r.renderImage)
	reg.Register(ast.KindAutoLink, r.renderAutoLink)
}

// destination returns the URL of a link or an image to write, which the
// caller only reads (writeURL): a resolved URL's bytes are not copied.
func destination(w util.BufWriter, n ast.Node, dest []byte) []byte {
	if t := GetTarget(n); t != nil {
		if res, ok := w.(Resolver); ok {
			u := res.ResolveURL(t)
			return unsafe.Slice(unsafe.StringData(u), len(u))
		}
	}
	return util.URLEscape(dest, true)
}

// writeURL writes u when the HTML policy allows it (htmlpolicy.SafeURL:
// http, https, mailto or relative); a javascript: or data: URL leaves
// the attribute empty, whatever the renderer's options.
func (r *nodeRenderer) writeURL(w util.BufWriter, u []byte) {
	if htmlpolicy.SafeURL(u) {
		_, _ = w.Write(util.EscapeHTML(u))
	}
}

func (r *nodeRenderer) renderLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	r.writeURL(w, destination(w, n, n.Destination))
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		r.Writer.Write(w, n.Title)
		_ = w.WriteByte('"')
	}
	if n.Attributes() != nil {
		if n.Title != nil {
			htmlpolicy.RenderAttributes(w, n, "href", "title")
		} else {
			htmlpolicy.RenderAttributes(w, n, "href")
		}
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// renderAutoLink is goldmark's, with the policy's URL rule and attribute
// writer.
func (r *nodeRenderer) renderAutoLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.AutoLink)
	if !entering {
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	u := util.URLEscape(n.URL(src), false)
	if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(u), []byte("mailto:")) {
		u = append([]byte("mailto:"), u...)
	}
	r.writeURL(w, u)
	_ = w.WriteByte('"')
	if n.Attributes() != nil {
		htmlpolicy.RenderAttributes(w, n, "href")
	}
	_ = w.WriteByte('>')
	_, _ = w.Write(util.EscapeHTML(n.Label(src)))
	_, _ = w.WriteString(`</a>`)
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) renderImage(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	_, _ = w.WriteString(`<img src="`)
	r.writeURL(w, destination(w, n, n.Destination))
	_, _ = w.WriteString(`" alt="`)
	_, _ = w.Write(util.EscapeHTML([]byte(mdtext.Plain(n, src))))
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		r.Writer.Write(w, n.Title)
		_ = w.WriteByte('"')
	}
	if n.Attributes() != nil {
		if n.Title != nil {
			htmlpolicy.RenderAttributes(w, n, "src", "alt", "title")
		} else {
			htmlpolicy.RenderAttributes(w, n, "src", "alt")
		}
	}
	_ = w.WriteByte('>')
	return ast.WalkSkipChildren, nil
}

// Hooks are functions the link collector calls while it walks a
// document, so that other passes that only look at nodes need no walk of
// their own. The walk is a transformer of priority 10001: it comes after
// those that create, move or name nodes (headingid's ids, 10000).
type Hooks struct {
	// Image, when set, is called on every image.
	Image func(*ast.Image)
	// Visitor, when set, is called once per document with its
	// parser.Context, and the NodeVisitor it returns, when not nil, is
	// shown every node of the document but its text nodes (*ast.Text,
	// leaves that carry no attributes), in document order (parents
	// before their children), before the collector looks at the node.
	Visitor func(pc parser.Context) NodeVisitor
}

// NodeVisitor is shown the nodes of a document one by one (Hooks).
type NodeVisitor interface {
	Visit(n ast.Node)
}

type extension Hooks

// WithHooks returns the extension (the link collector and renderer)
// with the hooks.
func WithHooks(h Hooks) goldmark.Extender { return extension(h) }

func (e extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(transformer(e), 10001)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(&nodeRenderer{Config: html.NewConfig()}, 100)))
}
