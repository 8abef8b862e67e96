// Package icons turns MkDocs Material icon shortcodes (":octicons-home-16:",
// ":simple-signal:", ":fontawesome-brands-windows:") and emoji shortcodes
// (":gear:", GitHub's names from goldmark-emoji) into inline SVG. The SVGs
// come from a site's own assets/icons/<set>/... files first, checked and
// cleaned once when the set is loaded, then from the icon pack embedded
// in the binary: the complete octicons, Material Design, Simple Icons and
// Font Awesome sets and Twemoji (see pack.go), so that a page never makes
// a request for an icon and no site needs npm.
package icons

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/guidegen/guidegen/internal/yamlx"
)

// Dir is the directory of the icon sets under a site's assets.
const Dir = "icons"

// Prefixes are the shortcode prefixes of the icon sets, as MkDocs
// Material names them; each is the directory of its set under Dir.
var Prefixes = []string{"octicons", "material", "simple", "fontawesome"}

// Set is the icons a site can use, by shortcode name: the site's own
// files under assets/icons first, then the complete sets and Twemoji of
// the embedded icon pack. It is safe for concurrent use: what it learns
// from the pack is kept in a cache of its own.
type Set struct {
	svg   map[string]icon
	names []string

	pack   *lazyPack
	mu     sync.RWMutex
	seen   map[string]icon      // icons found in the pack
	emojis map[string]emojiIcon // emoji found in the pack

	allOnce sync.Once
	all     []string // every name, for suggestions
}

type icon struct {
	name string
	svg  []byte
}

// Load reads every .svg file under dir of fsys, in front of the embedded
// icon pack. A file at "fontawesome/brands/windows.svg" is the icon
// "fontawesome-brands-windows". A file that is not a clean,
// self-contained SVG is an error naming it.
func Load(fsys fs.FS, dir string) (*Set, error) {
	s := newSet(packData)
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipAll
			}
			return err
		}
		if d.IsDir() || path.Ext(p) != ".svg" {
			return nil
		}
		rel := strings.TrimPrefix(strings.TrimSuffix(p, ".svg"), dir+"/")
		name := strings.ReplaceAll(rel, "/", "-")
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		svg, err := Clean(src)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		s.svg[name] = icon{name, svg}
		s.names = append(s.names, name)
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(s.names)
	return s, nil
}

func newSet(pack []byte) *Set {
	s := &Set{svg: map[string]icon{}, seen: map[string]icon{}, emojis: map[string]emojiIcon{}}
	if pack != nil {
		s.pack = &lazyPack{data: pack}
	}
	return s
}

// Lookup returns the cleaned SVG of the icon.
func (s *Set) Lookup(name string) ([]byte, bool) {
	_, svg, ok := s.lookup([]byte(name))
	return svg, ok
}

// lookup is Lookup for a name still in the source: it returns the name
// as a string of its own without allocating one for a known icon.
func (s *Set) lookup(name []byte) (string, []byte, bool) {
	if s == nil {
		return "", nil, false
	}
	if v, ok := s.svg[string(name)]; ok {
		return v.name, v.svg, true
	}
	prefix, rest, ok := bytes.Cut(name, []byte{'-'})
	if !ok || !slices.Contains(Prefixes, string(prefix)) {
		return "", nil, false
	}
	return s.fromPack(string(prefix), name, rest)
}

// fromPack returns the icon rest of set in the pack, under key in the cache.
func (s *Set) fromPack(set string, key, rest []byte) (string, []byte, bool) {
	s.mu.RLock()
	v, ok := s.seen[string(key)]
	s.mu.RUnlock()
	if ok {
		return v.name, v.svg, true
	}
	p, err := s.pack.get()
	if err != nil {
		return "", nil, false
	}
	svg, ok, err := p.lookup(set, string(rest))
	if err != nil || !ok {
		return "", nil, false
	}
	v = icon{string(key), svg}
	s.mu.Lock()
	s.seen[v.name] = v
	s.mu.Unlock()
	return v.name, v.svg, true
}

// Names returns the names of the site's own icons (its assets/icons),
// sorted.
func (s *Set) Names() []string {
	if s == nil {
		return nil
	}
	return s.names
}

// Len returns the number of the site's own icons.
func (s *Set) Len() int { return len(s.Names()) }

// allNames returns the names of every icon, the pack's included, sorted;
// it reads the whole pack on first use (an unknown icon's suggestion).
func (s *Set) allNames() []string {
	if s == nil {
		return nil
	}
	s.allOnce.Do(func() {
		all := slices.Clone(s.names)
		if p, err := s.pack.get(); err == nil {
			for _, set := range Prefixes {
				_ = p.names(set, func(n string) { all = append(all, set+"-"+n) })
			}
		}
		slices.Sort(all)
		s.all = slices.Compact(all)
	})
	return s.all
}

// allowed are the SVG elements an icon may use: shapes, grouping, paint
// servers. Scripts, foreign objects, styles, images and links are not.
var allowed = map[string]bool{
	"svg": true, "g": true, "path": true, "circle": true, "ellipse": true, "line": true,
	"polygon": true, "polyline": true, "rect": true, "defs": true, "clipPath": true,
	"mask": true, "linearGradient": true, "radialGradient": true, "stop": true,
	"use": true, "symbol": true, "title": true, "desc": true,
}

// dropped are elements removed with their content: the page gives the icon
// its accessible name, not the file.
var dropped = map[string]bool{"title": true, "desc": true}

// rootDropped are attributes of the root element that the page decides:
// size comes from the stylesheet, roles and names from the renderer, and
// an id would repeat when the icon is used twice.
var rootDropped = map[string]bool{
	"width": true, "height": true, "role": true, "id": true, "class": true,
	"aria-label": true, "aria-hidden": true, "focusable": true, "version": true,
	"x": true, "y": true, "xml:space": true, "data-name": true,
}

// Clean checks an SVG file and returns it as one line of markup fit to be
// inlined in HTML: no XML declaration, doctype, comments, titles or size;
// focusable="false" on the root. Scripts, event handlers, styles (which the
// site's Content-Security-Policy would block), ids inside the icon (which
// would repeat) and references to other documents are errors.
func Clean(src []byte) ([]byte, error) { return CleanScoped(src, "") }

// CleanScoped is Clean for an icon whose ids (a clip path, a gradient)
// are kept, made unique to it: each id and each local reference to one
// ("#a", "url(#a)") gets the prefix scope + "-". An empty scope refuses
// ids, as Clean does. cmd/iconsync packs icons this way; the sprite then
// keeps an icon drawn twice in a page to one copy, so its ids stay unique.
func CleanScoped(src []byte, scope string) ([]byte, error) {
	d := xml.NewDecoder(bytes.NewReader(src))
	d.Strict = true
	var out bytes.Buffer
	var stack []string // RawToken does not match end tags to start tags
	depth, skip := 0, 0
	sawRoot := false
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := qname(t.Name)
			if depth == 0 {
				if sawRoot {
					return nil, errors.New("more than one root element")
				}
				if name != "svg" {
					return nil, fmt.Errorf("root element is <%s>, not <svg>", name)
				}
				sawRoot = true
			}
			depth++
			stack = append(stack, name)
			if skip > 0 || dropped[name] {
				skip++
				continue
			}
			if !allowed[name] {
				return nil, fmt.Errorf("element <%s> is not allowed in an icon", name)
			}
			out.WriteByte('<')
			out.WriteString(name)
			for _, a := range t.Attr {
				an := qname(a.Name)
				if depth == 1 && rootDropped[an] {
					continue
				}
				v := a.Value
				if scope != "" {
					v = scoped(an, v, scope)
				}
				if err := checkAttr(an, v); err != nil && (scope == "" || an != "id") {
					return nil, fmt.Errorf("<%s>: %w", name, err)
				}
				fmt.Fprintf(&out, ` %s="%s"`, an, html.EscapeString(v))
			}
			if depth == 1 {
				out.WriteString(` focusable="false"`)
			}
			out.WriteByte('>')
		case xml.EndElement:
			name := qname(t.Name)
			if len(stack) == 0 || stack[len(stack)-1] != name {
				return nil, fmt.Errorf("unexpected end tag </%s>", name)
			}
			stack = stack[:len(stack)-1]
			depth--
			if skip > 0 {
				skip--
				continue
			}
			out.WriteString("</")
			out.WriteString(name)
			out.WriteByte('>')
		case xml.CharData:
			if skip == 0 && depth > 0 && len(bytes.TrimSpace(t)) > 0 {
				return nil, errors.New("text content is not allowed in an icon")
			}
		case xml.ProcInst, xml.Comment, xml.Directive:
			// declarations, comments and doctypes are dropped
		}
	}
	if !sawRoot {
		return nil, errors.New("no <svg> element")
	}
	return out.Bytes(), nil
}

func qname(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// scoped returns the value of attribute name with ids and local
// references prefixed with scope.
func scoped(name, value, scope string) string {
	switch {
	case name == "id":
		return scope + "-" + value
	case (name == "href" || name == "xlink:href") && strings.HasPrefix(value, "#"):
		return "#" + scope + "-" + value[1:]
	}
	return strings.ReplaceAll(value, "url(#", "url(#"+scope+"-")
}

func checkAttr(name, value string) error {
	lower := strings.ToLower(name)
	switch {
	case strings.HasPrefix(lower, "on"):
		return fmt.Errorf("event handler %s is not allowed", name)
	case lower == "style":
		return errors.New("style attributes are not allowed (the site's CSP blocks them)")
	case lower == "id":
		return errors.New("ids inside an icon would repeat on the page")
	case lower == "href" || lower == "xlink:href":
		if !strings.HasPrefix(value, "#") {
			return fmt.Errorf("%s=%q refers to another document", name, value)
		}
	case strings.Contains(value, "url(") && !strings.Contains(value, "url(#"):
		return fmt.Errorf("%s=%q refers to another document", name, value)
	}
	return nil
}

// suggest returns the icon an unknown name was likely meant to be: a close
// name in the same set, or else the same icon in another set
// ("simple-windows11" → "fontawesome-brands-windows").
func (s *Set) suggest(name string) string {
	prefix, rest, _ := strings.Cut(name, "-")
	var same []string
	for _, n := range s.allNames() {
		if r, ok := strings.CutPrefix(n, prefix+"-"); ok {
			same = append(same, r)
		}
	}
	if r := yamlx.Suggest(rest, same); r != "" {
		return prefix + "-" + r
	}
	base := strings.TrimRight(rest, "0123456789-")
	for _, n := range s.allNames() {
		if base != "" && (strings.HasSuffix(n, "-"+base) || strings.HasSuffix(n, "-"+base+"-16")) {
			return n
		}
	}
	return ""
}

// LoadPack returns the icons of an icon pack alone, without a site's own
// (cmd/iconsync checks the pack it wrote).
func LoadPack(data []byte) (*Set, error) {
	s := newSet(data)
	_, err := s.pack.get()
	return s, err
}
