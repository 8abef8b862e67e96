package content

import (
	"bytes"
	"fmt"
	"maps"
	"path"
	"reflect"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/yamlx"
)

// Front matter written for MkDocs (compat: mkdocs in guidegen.yaml).
// Guidegen's own keys keep their strict meaning; the keys MkDocs and
// Material give a meaning guidegen has too are mapped (hide, status,
// meta_title, robots; icon is guidegen's own), and every other key is
// ignored, reported once per build per key name (Finish). A page needs no
// front matter and no title: MkDocs takes the first level-1 heading, else
// the file's name. The description is optional.

// MkDocsFront is what a page's MkDocs front matter means here.
type MkDocsFront struct {
	// Hide lists the parts of the page's layout to leave out: "toc",
	// "navigation", "footer" (previous/next).
	Hide []string
	// Status marks the page in the navigation: "new" or "deprecated".
	Status string
	// MetaTitle replaces the page's <title>.
	MetaTitle string
	// Robots is the content of the page's <meta name="robots">.
	Robots string
}

// Hides reports whether the page hides a part of the layout ("toc").
func (m *MkDocsFront) Hides(part string) bool { return slices.Contains(m.Hide, part) }

// mkdocsFields are the MkDocs keys that have a meaning here.
type mkdocsFields struct {
	Hide      []string `yaml:"hide"`
	Status    string   `yaml:"status"`
	MetaTitle string   `yaml:"meta_title"`
	Robots    string   `yaml:"robots"`
}

// hideParts and statuses are the values with a meaning here.
var (
	hideParts = []string{"navigation", "toc", "footer"}
	statuses  = []string{"new", "deprecated"}
)

// ignoredKey is a front matter key of a page that guidegen ignores.
type ignoredKey struct {
	key string
	pos diag.Pos
}

// ownKeys are the keys of FrontMatter.
var ownKeys = func() map[string]bool {
	m := map[string]bool{}
	t := reflect.TypeFor[FrontMatter]()
	for i := range t.NumField() {
		if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); tag != "" {
			m[tag] = true
		}
	}
	return m
}()

// splitMkDocs takes the keys that are not guidegen's own out of the
// mapping node (a copy is returned; node is not changed), decodes those
// with a meaning into p.MkDocs and records the others in p.ignored.
func splitMkDocs(ys yamlx.Source, node *yaml.Node, p *Page, errs *diag.List) *yaml.Node {
	p.MkDocs, p.ignored = MkDocsFront{}, nil
	if node == nil || node.Kind != yaml.MappingNode {
		return node
	}
	own := *node
	own.Content = nil
	mk := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: node.Line, Column: node.Column}
	for i := 0; i+1 < len(node.Content); i += 2 {
		k, v := node.Content[i], node.Content[i+1]
		switch {
		case ownKeys[k.Value]:
			own.Content = append(own.Content, k, v)
		case k.Value == "hide" || k.Value == "status" || k.Value == "meta_title" || k.Value == "robots":
			mk.Content = append(mk.Content, k, v)
		default:
			p.ignored = append(p.ignored, ignoredKey{k.Value, ys.Pos(k)})
		}
	}
	var f mkdocsFields
	if err := ys.Decode(mk, &f); err != nil {
		errs.Add(err)
		return &own
	}
	for i, h := range f.Hide {
		if h == "tags" {
			continue // tags are not shown here: nothing to hide
		}
		if !slices.Contains(hideParts, h) {
			errs.Add(diag.Warnf(ys.Pos(yamlx.Find(mk, "hide", fmt.Sprint(i))), "hide: %q has no meaning here (only %s); ignored", h, strings.Join(hideParts, ", ")))
			continue
		}
		p.MkDocs.Hide = append(p.MkDocs.Hide, h)
	}
	if f.Status != "" && !slices.Contains(statuses, f.Status) {
		errs.Add(diag.Warnf(ys.Pos(yamlx.Find(mk, "status")), "status %q has no badge (only %s); ignored", f.Status, strings.Join(statuses, ", ")))
		f.Status = ""
	}
	p.MkDocs.Status, p.MkDocs.MetaTitle, p.MkDocs.Robots = f.Status, strings.TrimSpace(f.MetaTitle), strings.TrimSpace(f.Robots)
	return &own
}

// mkdocsTitle is the title MkDocs gives a page without one in its front
// matter: the text of its first level-1 heading, else its file's name
// ("privacy-basics.md" → "Privacy basics"; an index page takes its
// directory's name, the site's home page "Home").
func mkdocsTitle(body []byte, pagePath string) string {
	if t := firstH1(body); t != "" {
		return t
	}
	name := strings.TrimSuffix(path.Base(pagePath), ".md")
	if name == "index" {
		if dir := path.Dir(pagePath); dir != "." {
			name = path.Base(dir)
		} else {
			return "Home"
		}
	}
	name = strings.Join(strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' }), " ")
	r, n := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + name[n:]
}

// firstH1 returns the plain text of the first ATX level-1 heading of a
// page's body ("# Title"), outside fenced code blocks, or "". An attribute
// list at its end ("{ #id }") is not part of it, nor is inline markup.
func firstH1(body []byte) string {
	var fence []byte
	for len(body) > 0 {
		line, rest, _ := bytes.Cut(body, []byte("\n"))
		body = rest
		line = bytes.TrimRight(line, "\r")
		t := bytes.TrimLeft(line, " ")
		if len(line)-len(t) > 3 {
			continue
		}
		if fence != nil {
			if bytes.HasPrefix(t, fence) && len(bytes.Trim(t, string(fence[:1])+" \t")) == 0 {
				fence = nil
			}
			continue
		}
		if f := fenceOf(t); f != nil {
			fence = f
			continue
		}
		if !bytes.HasPrefix(t, []byte("#")) || (len(t) > 1 && t[1] != ' ' && t[1] != '\t') {
			continue
		}
		return headingText(t)
	}
	return ""
}

// fenceOf returns the fence a line opens ("```", "~~~~"), or nil.
func fenceOf(t []byte) []byte {
	if len(t) < 3 || (t[0] != '`' && t[0] != '~') {
		return nil
	}
	n := 0
	for n < len(t) && t[n] == t[0] {
		n++
	}
	if n < 3 || (t[0] == '`' && bytes.IndexByte(t[n:], '`') >= 0) {
		return nil
	}
	return t[:n]
}

// headingText is the plain text of a heading line, as goldmark parses it.
func headingText(line []byte) string {
	src := bytes.TrimSpace(line)
	if i := bytes.LastIndexByte(src, '{'); i > 0 && bytes.HasSuffix(src, []byte("}")) {
		src = bytes.TrimSpace(src[:i])
	}
	doc := goldmark.DefaultParser().Parse(text.NewReader(src))
	var b strings.Builder
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b.Write(n.Segment.Value(src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(n.Value)
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					b.Write(t.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// ignoredUse is where a key ignored in some pages is first used, and in
// how many pages.
type ignoredUse struct {
	pos   diag.Pos
	pages int
}

// collectIgnored adds a page's ignored keys to m.
func collectIgnored(m map[string]*ignoredUse, p *Page) {
	for _, k := range p.ignored {
		u := m[k.key]
		if u == nil {
			m[k.key] = &ignoredUse{pos: k.pos, pages: 1}
			continue
		}
		u.pages++
		if before(k.pos, u.pos) {
			u.pos = k.pos
		}
	}
}

func before(a, b diag.Pos) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Col < b.Col
}

// ignoredWarnings are the warnings for the keys ignored in a build: one a
// key, at its first use, sorted by key.
func ignoredWarnings(m map[string]*ignoredUse) []error {
	var out []error
	for _, k := range slices.Sorted(maps.Keys(m)) {
		u := m[k]
		pages := "1 page"
		if u.pages > 1 {
			pages = fmt.Sprintf("%d pages", u.pages)
		}
		out = append(out, diag.Warnf(u.pos, "front matter key %q ignored: an MkDocs setting that has no meaning here (%s; reported once)", k, pages))
	}
	return out
}
