// Package markdown builds the goldmark pipeline of one locale: CommonMark,
// GFM, footnotes, front matter, heading ids and site links, plus the
// guide's own extensions. A Markdown is built once per locale and is safe
// for concurrent use; everything that belongs to one document lives in its
// parser.Context and in the returned Document.
package markdown

import (
	"bytes"
	"encoding/binary"
	"iter"
	"slices"
	"sort"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/markdown/abbr"
	"github.com/guidegen/guidegen/internal/markdown/admonition"
	"github.com/guidegen/guidegen/internal/markdown/attrlist"
	"github.com/guidegen/guidegen/internal/markdown/frontmatter"
	"github.com/guidegen/guidegen/internal/markdown/headingid"
	"github.com/guidegen/guidegen/internal/markdown/highlight"
	"github.com/guidegen/guidegen/internal/markdown/htmlpolicy"
	"github.com/guidegen/guidegen/internal/markdown/icons"
	"github.com/guidegen/guidegen/internal/markdown/inlinefmt"
	"github.com/guidegen/guidegen/internal/markdown/keys"
	"github.com/guidegen/guidegen/internal/markdown/linkify"
	"github.com/guidegen/guidegen/internal/markdown/linkref"
	"github.com/guidegen/guidegen/internal/markdown/links"
	"github.com/guidegen/guidegen/internal/markdown/mddiag"
	"github.com/guidegen/guidegen/internal/markdown/mdhtml"
	"github.com/guidegen/guidegen/internal/markdown/mdtext"
	"github.com/guidegen/guidegen/internal/markdown/mdwalk"
	"github.com/guidegen/guidegen/internal/markdown/permalink"
	"github.com/guidegen/guidegen/internal/markdown/placeholder"
	"github.com/guidegen/guidegen/internal/markdown/rawhtml"
	"github.com/guidegen/guidegen/internal/markdown/segment"
	"github.com/guidegen/guidegen/internal/markdown/snippets"
	"github.com/guidegen/guidegen/internal/markdown/tabs"
	"github.com/guidegen/guidegen/internal/markdown/tasklist"
	"github.com/guidegen/guidegen/internal/markdown/themeimg"
)

// Strings gives the localized texts the renderers need, by message id,
// with template data as name/value pairs ("Number", 2).
type Strings func(id string, args ...any) string

// titleLang returns the language of the default titles of admonitions,
// from the language of their UI strings; nil when unknown.
func titleLang(lang func(id string) string) admonition.TitleFunc {
	if lang == nil {
		return nil
	}
	return func(typ string) string { return lang("admonition." + typ) }
}

// StringIDs returns the ids of the UI strings the renderers ask Strings
// for: the footnotes' titles, the permalinks' label, and the default title
// of every admonition type ("admonition.warning"). A site's default
// locale must define them all.
func StringIDs() []string {
	ids := []string{"footnote_link", "footnote_backlink", "permalink_label"}
	for _, t := range admonition.TitledTypes() {
		ids = append(ids, "admonition."+t)
	}
	return ids
}

// Options configure the pipeline of one locale.
type Options struct {
	// Locale is the language of the documents parsed with this pipeline.
	Locale string
	// Strings localizes the renderers' own texts (footnote back-links, ...).
	Strings Strings
	// StringLang, when set, gives the language of a text of Strings
	// when it is not Locale (the string fell back to the default
	// locale), else "": a default admonition title then says lang="en".
	StringLang func(id string) string
	// Extensions are added after the built-in ones.
	Extensions []goldmark.Extender
	// NoRawHTML replaces raw HTML in documents with a comment. Guide
	// pages need raw HTML; fuzz tests and untrusted input do not.
	NoRawHTML bool
	// HTML is the site's HTML policy: which elements raw HTML may use and
	// which attributes and URLs raw HTML, attribute lists and Markdown in
	// HTML may carry; nil means htmlpolicy.Default.
	HTML *htmlpolicy.Policy
	// Icons are the icons shortcodes may name; nil means none (every
	// shortcode is then reported as an unknown icon).
	Icons *icons.Set
	// Glossary holds the abbreviations of the locale, expanded on every
	// page; nil means only the pages' own definitions.
	Glossary *abbr.Glossary
	// Plain leaves the guide's dialect out (admonitions, Markdown in HTML,
	// attribute lists, icons, abbreviations, permalinks, image variants,
	// mark, insert, sub- and superscript, keys, definition lists and
	// Material's task list markup), keeping CommonMark, GFM, footnotes,
	// front matter, heading ids and site links; benchmarks use it to
	// measure what the dialect costs.
	Plain bool
	// Snippets, when set, includes files at --8<-- lines before a file
	// is parsed (package snippets); nil leaves the lines as text.
	Snippets *snippets.Options
	// HeadingSlug is how heading text becomes an id (a site's
	// headings.slug); the zero value is headingid.Unicode.
	HeadingSlug headingid.Style
	// OnParse, when set, is called at every parse: of a file (fragment
	// false) and of a fragment generated from a page's data and grafted
	// into it (fragment true). Tests count parses with it.
	OnParse func(file string, fragment bool)
}

// Markdown is the goldmark pipeline of one locale.
type Markdown struct {
	locale   string
	md       goldmark.Markdown
	policy   *htmlpolicy.Policy
	onParse  func(file string, fragment bool)
	snippets *snippets.Options
	slug     headingid.Style
}

// New builds the pipeline. Build it once per locale and share it.
func New(opts Options) *Markdown {
	return newWith(opts, newWalkRenderer())
}

// newWith is New with r as goldmark's renderer, before the extensions
// add theirs to it.
func newWith(opts Options, r renderer.Renderer) *Markdown {
	str := opts.Strings
	if str == nil {
		str = func(string, ...any) string { return "" }
	}
	policy := opts.HTML
	if policy == nil {
		policy = htmlpolicy.Default()
	}
	exts := []goldmark.Extender{
		frontmatter.Extension,
		linkify.Extension,
		strikethrough(opts.Plain),
		tasklist.New(!opts.Plain),
		extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
		extension.NewFootnote(extension.WithFootnoteLinkTitle([]byte(str("footnote_link")))),
		newFootnoteBacklinks(str, []byte(str("footnote_link"))),
		headingid.Extension,
		segment.Extension,
		tableAlign{},
		rawhtml.Extension{Policy: policy, Omit: opts.NoRawHTML},
	}
	// The link collector's walk also collects the ids (see anchorVisitor).
	if opts.Plain {
		exts = append(exts, links.WithHooks(links.Hooks{Visitor: anchorVisitor}))
	} else {
		exts = append(exts, links.WithHooks(links.Hooks{Image: themeimg.Mark, Visitor: anchorVisitor}))
	}
	if !opts.Plain {
		exts = append(exts,
			admonition.NewLocalized(func(typ string) string { return str("admonition." + typ) }, titleLang(opts.StringLang)),
			placeholder.Extension,
			mdhtml.Extension,
			attrlist.Extension,
			icons.New(opts.Icons),
			highlight.Extension{},
			inlinefmt.Mark,
			inlinefmt.Caret,
			keys.Extension,
			extension.DefinitionList,
			abbr.New(opts.Glossary),
			permalink.New(permalink.Options{Label: str("permalink_label"), Lang: opts.Locale}),
			tabs.Extension,
		)
	}
	exts = append(exts, opts.Extensions...)
	// Raw HTML is rendered by rawhtml through the policy, never as is:
	// goldmark's renderer keeps its safe default (no html.WithUnsafe).
	blocks, inlines := rawhtml.Parsers(parser.DefaultBlockParsers(), parser.DefaultInlineParsers())
	md := goldmark.New(
		goldmark.WithRenderer(r),
		goldmark.WithParser(parser.NewParser(
			parser.WithBlockParsers(blocks...),
			parser.WithInlineParsers(inlines...),
			parser.WithParagraphTransformers(linkref.ParagraphTransformers()...),
		)),
		goldmark.WithExtensions(exts...),
		goldmark.WithRendererOptions(html.WithWriter(newTextWriter())),
	)
	return &Markdown{locale: opts.Locale, md: md, policy: policy, onParse: opts.OnParse, snippets: opts.Snippets, slug: opts.HeadingSlug}
}

// strikethrough is GFM's "~~" in plain mode, and pymdownx.tilde ("~~" and
// "~sub~", one delimiter processor) in the dialect.
func strikethrough(plain bool) goldmark.Extender {
	if plain {
		return extension.Strikethrough
	}
	return inlinefmt.Tilde
}

// Locale returns the locale this pipeline was built for.
func (m *Markdown) Locale() string { return m.locale }

// Document is one parsed Markdown file.
type Document struct {
	// File is the path used in messages ("content/nl/index.md").
	File string
	// Dir is the page's directory relative to its locale's content
	// directory; relative links are resolved against it.
	Dir string
	// Source is the text the nodes point into: the file (with its
	// snippets in, see Options.Snippets), followed by the fragments
	// generated from the page's data and grafted into Root (see Graft).
	Source []byte
	// Includes are the files its snippets included, site-relative.
	Includes []string
	Root     *ast.Document
	// FrontMatter is nil when the file has none.
	FrontMatter *frontmatter.Block
	Headings    []headingid.Heading
	Refs        []links.Ref
	// Alignment tells, on a translation, how its headings correspond to
	// the source page's; nil on a page parsed without a Source.
	Alignment *headingid.Alignment
	// Segments are, on a translation, its prose segments, those identical
	// to the source page's marked; nil on a page parsed without a Source.
	Segments []segment.Segment
	// Problems are what the extensions reported while parsing, with
	// their positions.
	Problems []*diag.Problem

	// lineTab is the file's line table, made by lines when a position is
	// first asked.
	lineTab  *diag.Lines
	linesSet sync.Once
	// snippets maps the file's text, with its snippets in, to the files
	// it was written in; nil when it has none.
	snippets *snippets.Map
	// fileLen is the length of the file in Source; fragments follow it.
	fileLen int
	// fragments are the generated fragments in Source, in order.
	fragments []fragment
	// footnotes are the footnotes of grafted fragments, for Finish.
	footnotes []*east.Footnote
	// anchors is filled while parsing, and again by Finish once the
	// page's data is placed, and never changes afterwards, so that other
	// pages' goroutines may read it while this page's links are being
	// resolved.
	anchors idSet
	// collected holds the ids while the file is parsed.
	collected anchorSet
}

// Source is what the pipeline needs to know about the page that a
// translation translates: its headings lend the translation their ids,
// and its segments tell which of the translation's are still untranslated.
type Source struct {
	// Locale is the source page's language.
	Locale   string
	Headings []headingid.Heading
	Segments segment.Set
}

// SourceOf describes a parsed page, in language locale, as the source of
// its translations. It only reads d.
func SourceOf(d *Document, locale string) *Source {
	hs := make([]headingid.Heading, len(d.Headings))
	for i, h := range d.Headings {
		hs[i] = headingid.Heading{Level: h.Level, ID: h.ID, Text: h.Text, Explicit: h.Explicit}
	}
	return &Source{
		Locale:   locale,
		Headings: hs,
		Segments: segment.NewSet(d.Root, d.Source, d.Generated),
	}
}

// fragment is generated text in a Document's Source, from Start on,
// that stands at offset Origin of the file.
type fragment struct{ Start, Origin int }

// Input is one file to parse.
type Input struct {
	// File is the path used in messages; Dir the page's directory under
	// its locale's content directory.
	File, Dir string
	// Src is the file as read, without a byte order mark.
	Src []byte
	// Source is the page this one translates; nil for a source page.
	Source *Source
}

// Parse parses src. dir is the page's directory under its locale's content
// directory.
func (m *Markdown) Parse(file, dir string, src []byte) *Document {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	return m.ParseInput(Input{File: file, Dir: dir, Src: src})
}

// ParseInput parses one file; a leading byte order mark must already be
// removed.
func (m *Markdown) ParseInput(in Input) *Document {
	src := in.Src
	if m.onParse != nil {
		m.onParse(in.File, false)
	}
	var smap *snippets.Map
	var sprobs []*diag.Problem
	if m.snippets != nil {
		src, smap, sprobs = m.snippets.Expand(in.File, src)
	}
	pc := parser.NewContext(parser.WithIDs(headingid.NewIDsStyle(m.slug)))
	htmlpolicy.WithContext(pc, m.policy)
	links.WithDir(pc, in.Dir)
	if in.Source != nil {
		headingid.WithSource(pc, in.Source.Headings)
		segment.With(pc, &segment.Options{
			Lang:   in.Source.Locale,
			Locale: m.locale,
			Source: in.Source.Segments,
		})
	}
	// The document is made first: the ids are collected in it while
	// parsing (anchorVisitor).
	d := &Document{File: in.File, Dir: in.Dir, Source: src}
	pc.Set(anchorsKey, &d.collected)
	root := m.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc)).(*ast.Document)
	d.Root = root
	d.FrontMatter = frontmatter.Get(pc)
	d.Headings = headingid.Headings(pc)
	d.Refs = links.Refs(pc)
	d.Alignment = headingid.GetAlignment(pc)
	d.Segments = segment.Segments(pc)
	d.fileLen = len(src)
	d.anchors, d.collected = d.collected.ids, anchorSet{}
	if smap != nil {
		d.snippets = smap
		d.Includes = smap.Files()
	}
	d.Problems = append(d.Problems, sprobs...)
	for _, r := range mddiag.Reports(pc) {
		d.Problems = append(d.Problems, &diag.Problem{Pos: d.Pos(r.Offset), Severity: r.Severity, Msg: r.Msg})
	}
	return d
}

// Finish completes a document after fragments were grafted into it: the
// footnotes, the page's and the fragments', are numbered in the order of
// their first reference and listed together at the end, as if the
// fragments had been written in the page; and the ids are collected
// again.
func (d *Document) Finish() {
	if len(d.footnotes) > 0 {
		d.numberFootnotes()
	}
	d.anchors = collectAnchors(d.Root, d.Headings)
}

func (d *Document) numberFootnotes() {
	var list *east.FootnoteList
	if l, ok := d.Root.LastChild().(*east.FootnoteList); ok {
		list = l
	} else {
		list = east.NewFootnoteList()
		d.Root.AppendChild(d.Root, list)
	}
	fns := d.footnotes
	d.footnotes = nil
	for fn := list.FirstChild(); fn != nil; fn = fn.NextSibling() {
		if fn, ok := fn.(*east.Footnote); ok {
			fns = append(fns, fn)
		}
	}
	number := map[int]int{}
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*east.FootnoteLink); ok && entering {
			if _, seen := number[l.Index]; !seen {
				number[l.Index] = len(number) + 1
			}
		}
		return ast.WalkContinue, nil
	})
	renumber := func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *east.FootnoteLink:
			n.Index = number[n.Index]
		case *east.FootnoteBacklink:
			n.Index = number[n.Index]
		}
		return ast.WalkContinue, nil
	}
	_ = ast.Walk(d.Root, renumber)
	for _, fn := range fns {
		fn.Index = number[fn.Index]
		if fn.Parent() != list {
			_ = ast.Walk(fn, renumber)
		}
	}
	slices.SortStableFunc(fns, func(a, b *east.Footnote) int { return a.Index - b.Index })
	for _, fn := range fns {
		if fn.Parent() != nil {
			fn.Parent().RemoveChild(fn.Parent(), fn)
		}
		list.AppendChild(list, fn)
	}
	list.Count = len(fns)
	// The list ends the document.
	d.Root.RemoveChild(d.Root, list)
	d.Root.AppendChild(d.Root, list)
}

// Pos returns the position in the file of byte offset off of Source; an
// offset in a generated fragment is where the fragment stands.
func (d *Document) Pos(off int) diag.Pos {
	return d.SourcePos(d.Origin(off))
}

// SourcePos returns the position of byte offset off of the file as read
// (with its snippets in: an offset in an included file is in that file).
func (d *Document) SourcePos(off int) diag.Pos {
	if d.snippets != nil {
		return d.snippets.Pos(off)
	}
	return d.lines().Pos(d.File, off)
}

// lines returns the line table of the file as read (with its snippets in).
func (d *Document) lines() *diag.Lines {
	d.linesSet.Do(func() { d.lineTab = diag.NewLines(d.Source[:d.fileLen]) })
	return d.lineTab
}

// A PosCursor finds positions in a Document as its Pos does, without the
// line table Pos builds for the file: it counts the lines from the offset
// asked last, so offsets asked in ascending order cost one pass over the
// file in all. A page whose links are all well has their positions
// computed but never shown, so loading one should not build the table.
type PosCursor struct {
	d *Document
	// off is the offset in the file asked last, line its line, start the
	// offset of that line's start and col the runes from start to off.
	off, line, start, col int
}

// Cursor returns a PosCursor at the start of d.
func (d *Document) Cursor() PosCursor {
	return PosCursor{d: d, line: 1}
}

// Pos returns d.Pos(off).
func (c *PosCursor) Pos(off int) diag.Pos {
	d := c.d
	off = d.Origin(off)
	if d.snippets != nil {
		return d.snippets.Pos(off)
	}
	src := d.Source[:d.fileLen]
	off = max(0, min(off, len(src)))
	if off < c.off {
		c.off, c.line, c.start, c.col = 0, 1, 0, 0
	}
	between := src[c.off:off]
	switch n := bytes.Count(between, []byte{'\n'}); {
	case n > 0:
		c.line += n
		c.start = c.off + bytes.LastIndexByte(between, '\n') + 1
		c.col = runeCount(src[c.start:off])
	case c.off < len(src) && !utf8.RuneStart(src[c.off]):
		// The last offset may be inside a character: count the line
		// anew. (Decoding never takes a byte that starts a character
		// into the one before, so the runes before a starting byte are
		// counted the same whether the count goes on past it or not.)
		c.col = runeCount(src[c.start:off])
	default:
		c.col += runeCount(between)
	}
	c.off = off
	return diag.Pos{File: d.File, Line: c.line, Col: c.col + 1}
}

// runeCount is utf8.RuneCount, which converts the bytes from the first
// non-ASCII one on to a string (a heap allocation) to count them; ASCII
// is counted 8 bytes at a time.
func runeCount(p []byte) int {
	n := 0
	for len(p) > 0 {
		switch {
		case len(p) >= 8 && binary.LittleEndian.Uint64(p)&0x8080808080808080 == 0:
			n, p = n+8, p[8:]
		case p[0] < utf8.RuneSelf:
			n, p = n+1, p[1:]
		default:
			_, size := utf8.DecodeRune(p)
			n, p = n+1, p[size:]
		}
	}
	return n
}

// Origin returns the offset in the file of byte offset off of Source:
// off itself in the file, where its fragment stands in a fragment.
func (d *Document) Origin(off int) int {
	if off < d.fileLen || len(d.fragments) == 0 {
		return off
	}
	i := sort.Search(len(d.fragments), func(i int) bool { return d.fragments[i].Start > off }) - 1
	if i < 0 {
		return d.fileLen
	}
	return d.fragments[i].Origin
}

// Generated reports whether byte offset off of Source is in text generated
// from the page's data rather than written in the file.
func (d *Document) Generated(off int) bool {
	return off >= d.fileLen && len(d.fragments) > 0
}

// Graft parses frag, Markdown generated from the page's data for the
// place at offset origin of the file, with the page's pipeline, and
// returns it as a document whose blocks the caller moves into d.Root.
// The fragment's text is appended to d.Source, so its nodes render with
// the page; the problems found in it are recorded in d.Problems at
// origin, and its links in d.Refs, to be checked with the page's own.
// Its footnotes are set aside for Finish, which numbers them with the
// page's. Call Finish once every fragment is grafted.
func (m *Markdown) Graft(d *Document, origin int, frag []byte) *ast.Document {
	if m.onParse != nil {
		m.onParse(d.File, true)
	}
	src := d.Source
	if len(d.fragments) == 0 {
		// A copy: d.Source is the file as read, which others hold.
		src = slices.Clip(src)
	}
	src = append(src, '\n')
	start := len(src)
	src = append(src, frag...)
	d.Source = src
	d.fragments = append(d.fragments, fragment{Start: start, Origin: origin})

	reader := text.NewReader(src)
	for {
		_, seg := reader.PeekLine()
		if seg.Start >= start || seg.Start >= len(src) {
			break
		}
		reader.AdvanceLine()
	}
	pc := parser.NewContext(parser.WithIDs(headingid.NewIDsStyle(m.slug)))
	htmlpolicy.WithContext(pc, m.policy)
	links.WithDir(pc, d.Dir)
	root := m.md.Parser().Parse(reader, parser.WithContext(pc)).(*ast.Document)
	d.Refs = append(d.Refs, links.Refs(pc)...)
	for _, r := range mddiag.Reports(pc) {
		d.Problems = append(d.Problems, &diag.Problem{Pos: d.Pos(r.Offset), Severity: r.Severity, Msg: r.Msg})
	}
	// Footnote numbers are the page's to give: keep the fragment's
	// footnotes apart, numbered out of the way of the page's, until
	// Finish numbers them all in order of reference.
	base := len(d.fragments) << 20
	shift := func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n := n.(type) {
			case *east.FootnoteLink:
				n.Index += base
			case *east.FootnoteBacklink:
				n.Index += base
			case *east.Footnote:
				n.Index += base
			}
		}
		return ast.WalkContinue, nil
	}
	_ = ast.Walk(root, shift)
	for c := root.FirstChild(); c != nil; {
		next := c.NextSibling()
		if list, ok := c.(*east.FootnoteList); ok {
			for fn := list.FirstChild(); fn != nil; {
				nfn := fn.NextSibling()
				list.RemoveChild(list, fn)
				d.footnotes = append(d.footnotes, fn.(*east.Footnote))
				fn = nfn
			}
			root.RemoveChild(root, c)
		}
		c = next
	}
	return root
}

// NodePos returns the position of a node.
func (d *Document) NodePos(n ast.Node) diag.Pos {
	return d.Pos(mdtext.Offset(n, d.Source))
}

// HasAnchor reports whether an element of the document has the id.
func (d *Document) HasAnchor(id string) bool {
	return d.anchors.has(id)
}

// Anchors returns every id in the document, each once.
func (d *Document) Anchors() iter.Seq[string] { return d.anchors.all }

// collectAnchors returns the ids of root and its descendants. hs are the
// document's headings, in document order: the id of a heading that is
// still the one hs has is kept as the string hs has, without a copy.
func collectAnchors(root ast.Node, hs []headingid.Heading) idSet {
	a := newAnchorSet(hs)
	mdwalk.Pre(root, func(n ast.Node) bool {
		a.Visit(n)
		return true
	})
	return a.ids
}

// anchorsKey holds, in the parser.Context of a file ParseInput parses,
// the *anchorSet in which anchorVisitor collects its ids.
var anchorsKey = parser.NewContextKey()

// anchorVisitor collects a file's ids while links are collected
// (links.Hooks), sparing collectAnchors' walk of the whole tree: the ids
// are final by then, since no later transformer (segment's, which only
// marks languages) sets one. It starts from the headings headingid
// found. Without an anchorSet in pc (a fragment, see Graft) it collects
// nothing.
func anchorVisitor(pc parser.Context) links.NodeVisitor {
	a, _ := pc.Get(anchorsKey).(*anchorSet)
	if a == nil {
		return nil
	}
	a.start(headingid.Headings(pc))
	return a
}

// anchorSet collects ids node by node, in document order.
type anchorSet struct {
	ids idSet
	hs  []headingid.Heading // the headings not yet met
}

func newAnchorSet(hs []headingid.Heading) *anchorSet {
	a := &anchorSet{}
	a.start(hs)
	return a
}

// start makes a empty, to collect the ids of a file with headings hs.
func (a *anchorSet) start(hs []headingid.Heading) {
	a.ids, a.hs = idSet{list: make([]string, 0, len(hs)+8)}, hs
}

// Visit adds the ids of n: its id attribute, and a footnote's or a
// footnote reference's.
func (a *anchorSet) Visit(n ast.Node) {
	if len(n.Attributes()) > 0 {
		if v, ok := n.AttributeString("id"); ok {
			switch v := v.(type) {
			case []byte:
				if hs := a.hs; len(hs) > 0 && hs[0].Node == n && hs[0].ID == string(v) {
					a.ids.add(hs[0].ID)
					a.hs = hs[1:]
				} else if !a.ids.has(string(v)) {
					a.ids.add(string(v))
				}
			case string:
				a.ids.add(v)
			}
		}
	}
	switch n := n.(type) {
	case *east.Footnote:
		a.ids.add("fn:" + strconv.Itoa(n.Index))
	case *east.FootnoteLink:
		if n.RefIndex > 0 {
			a.ids.add("fnref" + strconv.Itoa(n.RefIndex) + ":" + strconv.Itoa(n.Index))
		} else {
			a.ids.add("fnref:" + strconv.Itoa(n.Index))
		}
	}
}

// idSet is a set of ids: a list, looked through, while it is short (a
// page's ids are a few dozen at most, most often), a map once it is not.
// Its zero value is a set that was never made (made).
type idSet struct {
	list []string
	m    map[string]bool
}

// listedIDs is how many ids an idSet lists before it makes its map.
const listedIDs = 32

// add adds id to the set.
func (s *idSet) add(id string) {
	switch {
	case s.m != nil:
		s.m[id] = true
	case s.has(id):
	case len(s.list) < listedIDs:
		s.list = append(s.list, id)
	default:
		s.m = make(map[string]bool, 2*listedIDs)
		for _, x := range s.list {
			s.m[x] = true
		}
		s.m[id] = true
		s.list = s.list[:0]
	}
}

// has reports whether id is in the set.
func (s *idSet) has(id string) bool {
	if s.m != nil {
		return s.m[id]
	}
	for _, x := range s.list {
		if x == id {
			return true
		}
	}
	return false
}

// all yields every id of the set once.
func (s *idSet) all(yield func(string) bool) {
	if s.m != nil {
		for id := range s.m {
			if !yield(id) {
				return
			}
		}
		return
	}
	for _, id := range s.list {
		if !yield(id) {
			return
		}
	}
}

// Render writes the document's HTML to w. w may implement links.Resolver to
// decide the URLs of site links.
func (m *Markdown) Render(w util.BufWriter, d *Document) error {
	return m.md.Renderer().Render(w, d.Source, d.Root)
}

// Buffer is a util.BufWriter over a bytes.Buffer, for Render.
type Buffer struct {
	bytes.Buffer
}

// Flush implements util.BufWriter; a Buffer holds everything until read.
func (b *Buffer) Flush() error { return nil }

// Buffered implements util.BufWriter.
func (b *Buffer) Buffered() int { return b.Len() }

// tableAlign renders table cell alignment as a class ("align-right")
// rather than a style attribute, which a strict CSP blocks. goldmark's own
// style method also writes to the node while rendering, which races when
// one document is rendered for two locales at once; this renderer only
// reads.
type tableAlign struct{}

func (tableAlign) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(tableAlign{}, 100)))
}

func (tableAlign) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTableCell, renderTableCell)
	reg.Register(east.KindTable, renderTable)
}

// renderTable wraps a table in a region that scrolls sideways when the
// table is wider than the page (the page itself never does), focusable so
// that a keyboard can scroll it and named after the table's caption or,
// without one, the heading before it. Two attributes of an attribute list
// after the table are read here rather than written out: caption="…"
// becomes a <caption>, and row-headers=1 makes the first cell of every
// body row a <th scope="row">. A table with neither a caption nor a
// heading before it is focusable but not a named region.
func renderTable(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</table>\n</div>\n")
		return ast.WalkContinue, nil
	}
	caption := attrBytes(node, "caption")
	_, _ = w.WriteString(`<div class="table-wrap" tabindex="0"`)
	switch id := precedingHeadingID(node); {
	case len(caption) > 0:
		_, _ = w.WriteString(` role="region" aria-label="`)
		_, _ = w.Write(util.EscapeHTML(caption))
		_ = w.WriteByte('"')
	case id != nil:
		_, _ = w.WriteString(` role="region" aria-labelledby="`)
		_, _ = w.Write(util.EscapeHTML(id))
		_ = w.WriteByte('"')
	}
	_, _ = w.WriteString(">\n<table")
	if node.Attributes() != nil {
		htmlpolicy.RenderAttributes(w, node, "caption", "row-headers")
	}
	_, _ = w.WriteString(">\n")
	if len(caption) > 0 {
		_, _ = w.WriteString("<caption>")
		_, _ = w.Write(util.EscapeHTML(caption))
		_, _ = w.WriteString("</caption>\n")
	}
	return ast.WalkContinue, nil
}

func attrBytes(n ast.Node, name string) []byte {
	v, ok := n.AttributeString(name)
	if !ok {
		return nil
	}
	switch v := v.(type) {
	case []byte:
		return v
	case string:
		return []byte(v)
	}
	return nil
}

// precedingHeadingID returns the id of the last heading before n in
// document order among n's siblings and its ancestors' siblings, or nil.
func precedingHeadingID(n ast.Node) []byte {
	for ; n != nil; n = n.Parent() {
		for s := n.PreviousSibling(); s != nil; s = s.PreviousSibling() {
			if s.Kind() == ast.KindHeading {
				return attrBytes(s, "id")
			}
		}
	}
	return nil
}

// isRowHeader reports whether a body cell is the first of its row in a
// table with row-headers set.
func isRowHeader(n *east.TableCell) bool {
	row := n.Parent()
	if row == nil || row.Kind() != east.KindTableRow || n.PreviousSibling() != nil {
		return false
	}
	table := row.Parent()
	if table == nil {
		return false
	}
	_, ok := table.AttributeString("row-headers")
	return ok
}

func renderTableCell(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*east.TableCell)
	th, scoped := false, false
	switch {
	case n.Parent().Kind() == east.KindTableHeader:
		th = true
	case isRowHeader(n):
		th, scoped = true, true
	}
	if !entering {
		_, _ = w.WriteString(cellClose[b2i(th)])
		return ast.WalkContinue, nil
	}
	attrs := n.Attributes()
	if len(attrs) == 0 && n.Alignment >= east.AlignLeft && n.Alignment <= east.AlignNone {
		// The usual cell: its whole start tag at once.
		_, _ = w.WriteString(cellOpen[b2i(th)][b2i(scoped)][n.Alignment])
		return ast.WalkContinue, nil
	}
	tag, scope := "td", ""
	if th {
		tag = "th"
	}
	if scoped {
		scope = ` scope="row"`
	}
	_ = w.WriteByte('<')
	_, _ = w.WriteString(tag)
	_, _ = w.WriteString(scope)
	// The class: the cell's own, then its alignment, written without
	// building the string (util.EscapeHTML leaves alignment names as
	// they are).
	var class []byte
	if v, ok := n.AttributeString("class"); ok {
		if b, ok := v.([]byte); ok {
			class = b
		}
	}
	if len(class) > 0 || n.Alignment != east.AlignNone {
		_, _ = w.WriteString(` class="`)
		_, _ = w.Write(util.EscapeHTML(class))
		if n.Alignment != east.AlignNone {
			if len(class) > 0 {
				_ = w.WriteByte(' ')
			}
			_, _ = w.WriteString("align-")
			_, _ = w.WriteString(n.Alignment.String())
		}
		_ = w.WriteByte('"')
	}
	for _, a := range attrs {
		if string(a.Name) == "class" {
			continue
		}
		filter := extension.TableTdCellAttributeFilter
		if tag == "th" {
			filter = extension.TableThCellAttributeFilter
		}
		if !filter.Contains(a.Name) {
			continue
		}
		switch v := a.Value.(type) {
		case []byte:
			htmlpolicy.WriteAttr(w, a.Name, v)
		case string:
			htmlpolicy.WriteAttr(w, a.Name, []byte(v))
		}
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// b2i is 1 for true, 0 for false.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// cellClose[th] is the end tag of a cell, a td or (th 1) a th.
var cellClose = [2]string{"</td>\n", "</th>\n"}

// cellOpen[th][scoped][alignment] is the start tag of a cell without
// attributes, as renderTableCell writes it, for the alignments AlignLeft
// to AlignNone.
var cellOpen = func() (t [2][2][east.AlignNone + 1]string) {
	for th, tag := range []string{"td", "th"} {
		for scoped, scope := range []string{"", ` scope="row"`} {
			for _, a := range []east.Alignment{east.AlignLeft, east.AlignRight, east.AlignCenter, east.AlignNone} {
				class := ""
				if a != east.AlignNone {
					class = ` class="align-` + a.String() + `"`
				}
				t[th][scoped][a] = "<" + tag + scope + class + ">"
			}
		}
	}
	return t
}()
