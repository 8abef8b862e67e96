// Package htmlpolicy owns the one policy for the HTML a page may contain:
// which elements its raw HTML may use, which attributes an element may
// carry (from raw HTML, attribute lists or <div markdown> tags) and which
// URLs a link or image may point to.
//
// The default allows what guides use (text structure, details, figures,
// tables, lists, images and links with http, https, mailto or relative
// URLs, ARIA and data attributes) and nothing that runs code, loads
// other documents, redirects or styles: no script, style, iframe, form,
// meta, base, link, object or embed, no on* or style attributes, no
// javascript: or data: URLs. A site may widen the element and attribute
// lists (Allow); what can never be made safe stays refused (Forbidden).
//
// Raw HTML goes through bluemonday (Sanitize) configured from the same
// tables that report what was removed, with byte offsets, so that every
// removal can be a positioned warning.
package htmlpolicy

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
)

// Allow widens the default policy: more elements, and more attributes per
// element ("*" for every element).
type Allow struct {
	Elements   []string
	Attributes map[string][]string
}

// Policy is an allowlist of elements and attributes. It is immutable and
// safe for concurrent use.
type Policy struct {
	elems map[string]bool
	// attrs maps an element ("*" for all) to the attributes it may carry.
	attrs map[string]map[string]bool
	bm    *bluemonday.Policy
}

// defaultElements are the elements raw HTML may use by default.
var defaultElements = []string{
	"a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code",
	"col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
	"figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
	"ins", "kbd", "li", "mark", "ol", "p", "picture", "pre", "q", "rp", "rt", "ruby",
	"s", "samp", "section", "article", "aside", "header", "footer", "nav",
	"main", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
	"tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
}

// globalAttributes may appear on every allowed element; data-* too.
var globalAttributes = []string{
	"class", "id", "lang", "dir", "title", "role", "translate", "align",
	"aria-atomic", "aria-busy", "aria-controls", "aria-current", "aria-describedby",
	"aria-description", "aria-details", "aria-expanded", "aria-haspopup",
	"aria-hidden", "aria-label", "aria-labelledby", "aria-level", "aria-live",
	"aria-owns", "aria-posinset", "aria-pressed", "aria-roledescription",
	"aria-selected", "aria-setsize", "aria-sort",
}

// elementAttributes are the attributes only some elements may carry.
var elementAttributes = map[string][]string{
	"a":        {"href", "hreflang", "rel", "target", "type"},
	"img":      {"src", "alt", "width", "height", "loading", "decoding"},
	"details":  {"open"},
	"ol":       {"start", "reversed", "type"},
	"li":       {"value"},
	"td":       {"colspan", "rowspan", "headers", "width", "height"},
	"th":       {"colspan", "rowspan", "headers", "scope", "abbr", "width", "height"},
	"col":      {"span", "width"},
	"colgroup": {"span", "width"},
	// caption and row-headers are read by the table renderer (a
	// <caption>, <th scope="row">) and never written out.
	"table":      {"width", "caption", "row-headers"},
	"blockquote": {"cite"},
	"q":          {"cite"},
	"del":        {"cite", "datetime"},
	"ins":        {"cite", "datetime"},
	"time":       {"datetime"},
}

// forbiddenElements can never be allowed: they run code, load or embed
// other documents, redirect or restyle the page.
var forbiddenElements = map[string]bool{
	"script": true, "style": true, "base": true, "meta": true, "link": true,
	"object": true, "embed": true, "applet": true, "frame": true, "frameset": true,
	"noscript": true, "template": true, "svg": true, "math": true, "html": true,
	"head": true, "body": true, "title": true, "textarea": true, "xmp": true,
	"plaintext": true, "noembed": true, "noframes": true, "param": true,
}

// forbiddenAttributes can never be allowed, on any element, besides on*.
var forbiddenAttributes = map[string]bool{
	"style": true, "srcdoc": true, "http-equiv": true, "action": true,
	"formaction": true, "poster": true, "srcset": true, "data": true,
	"background": true, "longdesc": true, "xlink:href": true, "ping": true,
	"codebase": true, "manifest": true, "is": true, "xmlns": true,
}

// urlAttributes hold a URL: on the elements bluemonday checks them on
// (urlChecked), their value must pass SafeURL.
var urlAttributes = map[string]bool{"href": true, "src": true, "cite": true}

// urlChecked reports whether bluemonday validates attr's URL on elem.
func urlChecked(elem, attr string) bool {
	switch attr {
	case "href":
		return elem == "a" || elem == "area"
	case "src":
		switch elem {
		case "audio", "iframe", "img", "track", "video":
			return true
		}
	case "cite":
		switch elem {
		case "blockquote", "del", "ins", "q":
			return true
		}
	}
	return false
}

// URLSchemes are the schemes a URL may have; relative URLs and fragments
// ("#x") need none. data: URLs are refused, images included: guides ship
// their images as files.
var URLSchemes = []string{"http", "https", "mailto"}

// SafeURL reports whether u may be written into an href, src or cite: it
// parses (no spaces or control characters, as browsers would drop) and is
// relative or has one of URLSchemes. It is the rule bluemonday applies.
func SafeURL[S string | []byte](u S) bool {
	return plainURL(u) || parsedSafe(string(u))
}

// parsedSafe is SafeURL by url.Parse, as bluemonday checks.
func parsedSafe(u string) bool {
	s := strings.TrimSpace(u)
	if s == "" || strings.ContainsAny(s, " \t\n\r") {
		return false
	}
	p, err := url.Parse(s)
	if err != nil {
		return false
	}
	return p.Scheme == "" || slices.Contains(URLSchemes, p.Scheme)
}

// plainURL recognizes, without parsing or allocating, the URLs most
// links have: http(s) with a plain host name, mailto, or relative, with
// nothing url.Parse could refuse or read as a scheme (ASCII only, no
// space, control character, '%', ':' or '['). The rest is left to
// url.Parse.
func plainURL[S string | []byte](u S) bool {
	rest, host := u, false
	switch {
	case len(u) > 8 && string(u[:8]) == "https://":
		rest, host = u[8:], true
	case len(u) > 7 && string(u[:7]) == "http://":
		rest, host = u[7:], true
	case len(u) > 7 && string(u[:7]) == "mailto:":
		rest = u[7:]
	case len(u) == 0 || len(u) > 1 && u[0] == '/' && u[1] == '/':
		return false // protocol-relative: a host url.Parse checks
	}
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if c == '/' || c == '?' || c == '#' {
			host = false
		}
		switch {
		case c <= ' ' || c >= 0x7f || c == '%' || c == ':' || c == '[' || c == ']':
			return false
		case host && !('a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-'):
			return false
		}
	}
	return true
}

// ForbiddenElement returns why elem may never be allowed, or "".
func ForbiddenElement(elem string) string {
	if forbiddenElements[strings.ToLower(elem)] {
		return fmt.Sprintf("<%s> can run code, load other documents or change the page; it cannot be allowed", elem)
	}
	if !validName(elem) {
		return fmt.Sprintf("%q is not an element name", elem)
	}
	return ""
}

// ForbiddenAttribute returns why attr may never be allowed on elem ("*"
// for every element), or "".
func ForbiddenAttribute(elem, attr string) string {
	a := strings.ToLower(attr)
	switch {
	case !validName(attr):
		return fmt.Sprintf("%q is not an attribute name", attr)
	case strings.HasPrefix(a, "on"):
		return fmt.Sprintf("%s runs code; event handler attributes cannot be allowed", attr)
	case a == "markdown":
		return "markdown is read by Markdown in HTML (package mdhtml) and never written out; it cannot be allowed"
	case forbiddenAttributes[a]:
		return fmt.Sprintf("%s cannot be allowed: it loads, runs or styles content guidegen cannot check", attr)
	case urlAttributes[a] && (elem == "*" || !urlChecked(strings.ToLower(elem), a)):
		return fmt.Sprintf("%s holds a URL that is only checked on certain elements; it cannot be allowed on %s", attr, elemName(elem))
	}
	return ""
}

func elemName(elem string) string {
	if elem == "*" {
		return "every element"
	}
	return "<" + elem + ">"
}

// validName accepts lower-case-insensitive HTML names: a letter first,
// then letters, digits, '-', '_', ':' and '.'.
func validName[S string | []byte](s S) bool {
	if len(s) == 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		letter := 'a' <= c && c <= 'z'
		if i == 0 && !letter || !letter && !('0' <= s[i] && s[i] <= '9') && s[i] != '-' && s[i] != '_' && s[i] != ':' && s[i] != '.' {
			return false
		}
	}
	return true
}

// New returns the default policy widened by extra. It fails when extra
// names something Forbidden.
func New(extra Allow) (*Policy, error) {
	for _, e := range extra.Elements {
		if why := ForbiddenElement(e); why != "" {
			return nil, fmt.Errorf("html.allow.elements: %s", why)
		}
	}
	for _, e := range slices.Sorted(maps.Keys(extra.Attributes)) {
		if e != "*" {
			if why := ForbiddenElement(e); why != "" {
				return nil, fmt.Errorf("html.allow.attributes: %s", why)
			}
		}
		for _, a := range extra.Attributes[e] {
			if why := ForbiddenAttribute(e, a); why != "" {
				return nil, fmt.Errorf("html.allow.attributes.%s: %s", e, why)
			}
		}
	}
	p := &Policy{elems: map[string]bool{}, attrs: map[string]map[string]bool{}}
	addAttrs := func(elem string, names []string) {
		m := p.attrs[elem]
		if m == nil {
			m = map[string]bool{}
			p.attrs[elem] = m
		}
		for _, a := range names {
			m[strings.ToLower(a)] = true
		}
	}
	for _, e := range defaultElements {
		p.elems[e] = true
	}
	for _, e := range extra.Elements {
		p.elems[strings.ToLower(e)] = true
	}
	addAttrs("*", globalAttributes)
	for e, as := range elementAttributes {
		addAttrs(e, as)
	}
	for e, as := range extra.Attributes {
		e = strings.ToLower(e)
		if e != "*" {
			p.elems[e] = true
		}
		addAttrs(e, as)
	}

	bm := bluemonday.NewPolicy()
	bm.AllowURLSchemes(URLSchemes...)
	bm.AllowRelativeURLs(true)
	bm.RequireParseableURLs(true)
	elems := slices.Sorted(maps.Keys(p.elems))
	bm.AllowElements(elems...)
	bm.AllowNoAttrs().OnElements(elems...)
	bm.AllowDataAttributes()
	bm.AllowComments()
	for _, e := range slices.Sorted(maps.Keys(p.attrs)) {
		names := slices.Sorted(maps.Keys(p.attrs[e]))
		if e == "*" {
			bm.AllowAttrs(names...).Globally()
		} else {
			bm.AllowAttrs(names...).OnElements(e)
		}
	}
	p.bm = bm
	return p, nil
}

// Default is the policy of a site that widens nothing.
var Default = sync.OnceValue(func() *Policy {
	p, err := New(Allow{})
	if err != nil {
		panic(err) // the built-in tables are wrong: a programming error
	}
	return p
})

// AllowsElement reports whether raw HTML may use elem (lower case).
func (p *Policy) AllowsElement(elem string) bool { return p.elems[elem] }

// StyleHint says why inline styles are removed and what to do instead:
// a site's own stylesheet, which the build links after the theme's.
const StyleHint = "the site's CSP blocks inline styles; use a class, styled in the site's assets/css/extra.css"

// CheckAttr tells whether elem (lower case; "" for an element the
// policy does not know, which takes only global attributes) may carry
// attribute name (lower case) with value val. When it may not, it
// returns why, for a warning.
func (p *Policy) CheckAttr(elem, name string, val []byte) (ok bool, why string) {
	if strings.HasPrefix(name, "data-") {
		// bluemonday's rule, which takes names HTML tokenizes as one.
		if isDataAttribute(name) {
			return true, ""
		}
		return false, "is not a valid data attribute name"
	}
	if !validName(name) {
		return false, "is not a valid attribute name"
	}
	if strings.HasPrefix(name, "on") {
		return false, "runs code"
	}
	if name == "style" {
		return false, "is not allowed (" + StyleHint + ")"
	}
	if name == "markdown" {
		// Markdown in HTML reads it; no element is written with it
		// (never), and dropping it needs no warning.
		return true, ""
	}
	if !p.attrs["*"][name] && !p.attrs[elem][name] {
		return false, "is not allowed"
	}
	if urlAttributes[name] && !SafeURL(val) {
		return false, "holds a URL that is not http, https, mailto or relative"
	}
	return true, ""
}

// isDataAttribute accepts data-* names as bluemonday does.
func isDataAttribute(name string) bool {
	rest, ok := strings.CutPrefix(name, "data-")
	return ok && rest != "" && !strings.HasPrefix(rest, "xml") && !strings.ContainsAny(rest, ";ABCDEFGHIJKLMNOPQRSTUVWXYZ")
}
