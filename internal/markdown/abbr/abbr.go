// Package abbr is a goldmark extension for abbreviations, as
// Python-Markdown's abbr extension writes them:
//
//	The app uses E2EE.
//
//	*[E2EE]: End-to-end encryption
//
// Every whole-word occurrence of a term in the text of the document
// becomes <abbr title="End-to-end encryption">E2EE</abbr>. Terms come
// from a site-wide Glossary and from definition lines in the page, which
// override the glossary; a definition with nothing after the colon (or
// an empty pair of quotes, as in Python-Markdown) removes the term for
// the page. Definition lines (up to three spaces of indentation; they
// may interrupt a paragraph) render nothing.
//
// Terms are case-sensitive and may contain spaces, digits and punctuation
// ("Wi-Fi", "2FA"). A term is a whole word when no letter, digit, mark or
// underscore is right before or after it. The text of a paragraph is read
// across the text nodes goldmark splits it into: a term may run over the
// place where Linkify cut the text, and a term with a space over a soft
// line break, which reads as that space ("attack\nsurface"; the <abbr>
// then holds the line break). A term spans one line break at most. Where terms overlap, the
// longest one wins ("E2EE" before "E2"). Code spans and blocks, raw HTML
// (and the text inside inline <code>, <kbd>, <abbr>, ...), HTML blocks,
// autolinks, URLs, image descriptions and Textless nodes are left alone;
// link text, emphasis and headings are not. Heading ids are computed from
// the plain text, which the abbreviation does not change.
package abbr

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/guidegen/guidegen/internal/markdown/mdtext"
)

// KindAbbreviation is the node kind of an abbreviation.
var KindAbbreviation = ast.NewNodeKind("Abbreviation")

// Node is an abbreviation in the text. Its only child is the *ast.Text of
// the term in the source, so that the plain text of its parent keeps the
// term.
type Node struct {
	ast.BaseInline
	Term  string
	Title string

	// escaped is Title escaped for HTML, shared by all the
	// abbreviations of one term; escapedOf is the Title it was made from.
	escaped   []byte
	escapedOf string
}

// Kind implements ast.Node.
func (n *Node) Kind() ast.NodeKind { return KindAbbreviation }

// Dump implements ast.Node.
func (n *Node) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Term": n.Term, "Title": n.Title}, nil)
}

// KindDefinitions is the node kind of a run of definition lines. The
// transformer removes these nodes from the document.
var KindDefinitions = ast.NewNodeKind("AbbreviationDefinitions")

// Definitions is a run of consecutive definition lines, in its Lines.
type Definitions struct {
	ast.BaseBlock
}

// Kind implements ast.Node.
func (n *Definitions) Kind() ast.NodeKind { return KindDefinitions }

// IsRaw implements ast.Node: the lines are not inline Markdown.
func (n *Definitions) IsRaw() bool { return true }

// Dump implements ast.Node.
func (n *Definitions) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, nil, nil)
}

// pageDefs are what one document defines, in its parser.Context.
type pageDefs struct {
	// terms maps a term to its expansion, "" for a term removed.
	terms  map[string]string
	blocks []*Definitions
}

var defsKey = parser.NewContextKey()

func definitions(pc parser.Context) *pageDefs {
	d, _ := pc.Get(defsKey).(*pageDefs)
	if d == nil {
		d = &pageDefs{terms: map[string]string{}}
		pc.Set(defsKey, d)
	}
	return d
}

type blockParser struct{}

func (blockParser) Trigger() []byte { return []byte{'*'} }

// define records the definition on line, if it is one (up to three
// spaces of indentation, a non-empty term).
func define(line []byte, pc parser.Context) bool {
	n := 0
	for n < len(line) && line[n] == ' ' {
		n++
	}
	if n > 3 || !bytes.HasPrefix(line[n:], []byte("*[")) {
		return false // most lines starting with "*" are emphasis or lists
	}
	line = bytes.TrimRight(line[n:], "\r\n")
	d, ok := parseDef(line)
	if !ok || d.termStart == d.termEnd {
		return false
	}
	exp := string(line[d.expStart:d.expEnd])
	if exp == `""` || exp == "''" {
		exp = "" // Python-Markdown's way to remove a term
	}
	definitions(pc).terms[string(line[d.termStart:d.termEnd])] = exp
	return true
}

func (blockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if pc.BlockIndent() > 3 {
		return nil, parser.NoChildren
	}
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || !define(line[pos:], pc) {
		return nil, parser.NoChildren
	}
	n := &Definitions{}
	n.Lines().Append(text.NewSegment(seg.Start+pos, seg.Stop))
	defs := definitions(pc)
	defs.blocks = append(defs.blocks, n)
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

func (blockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, seg := reader.PeekLine()
	if line == nil || !define(line, pc) {
		return parser.Close
	}
	node.Lines().Append(seg)
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

func (blockParser) Close(ast.Node, text.Reader, parser.Context) {}

func (blockParser) CanInterruptParagraph() bool { return true }

func (blockParser) CanAcceptIndentedLine() bool { return false }

// finder finds the terms while goldmark parses inlines: it is an inline
// parser without triggers, which goldmark calls back (parser.CloseBlocker)
// on every block once that block's inlines are parsed, so the terms are
// found without a walk of the whole document of their own. The tree only
// changes later, in the transformer, after the attribute lists have cut
// their text from the blocks.
type finder struct {
	g *Glossary
}

func (finder) Trigger() []byte { return nil }

func (finder) Parse(ast.Node, text.Reader, parser.Context) ast.Node { return nil }

// job is a text node with terms: found[from:to].
type job struct {
	tx       *ast.Text
	from, to int
}

// span is a term, found[at], that spans the text nodes first to last,
// siblings: it was split by a soft line break, or by an inline parser
// that tried its luck in the middle of the text (Linkify stops at every
// space).
type span struct {
	first, last *ast.Text
	at          int
}

// docState is what the finder keeps for one document, in its
// parser.Context.
type docState struct {
	m *matcher // nil: no terms for this page
	// cands are the offsets where the document has a term's bytes,
	// from matcher.candidates.
	cands []int
	next  int // the first of cands after the blocks seen so far
	jobs  []job
	spans []span
	found []match

	// Text between inline raw HTML tags such as <code> and </code> is
	// code too; inside is the parent of such an open tag, tag its name.
	inside ast.Node
	tag    string
	depth  int
}

var stateKey = parser.NewContextKey()

// state returns the document's state, made on the first call: block
// parsing is over by then, so the page's own definitions are known.
func (f finder) state(pc parser.Context, src []byte) *docState {
	if st, ok := pc.Get(stateKey).(*docState); ok {
		return st
	}
	st := &docState{}
	if f.g != nil {
		st.m = f.g.m
	}
	if defs, _ := pc.Get(defsKey).(*pageDefs); defs != nil && len(defs.terms) > 0 {
		st.m = st.m.with(defs.terms) // "" removes a term
	}
	if st.m != nil {
		st.cands = st.m.candidates(nil, src)
		if st.m.firsts != nil {
			st.cands = mergeSorted(st.cands, st.m.firsts.candidates(nil, src))
		}
	}
	pc.Set(stateKey, st)
	return st
}

// CloseBlock finds the terms in a block whose inlines were just parsed.
// Blocks with none of the document's candidate offsets within their
// lines (most of them) need no walk through their inlines.
func (f finder) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	first := parent.FirstChild()
	if first == nil || first.Type() != ast.TypeInline {
		return // a container: its blocks have their own call
	}
	src := block.Source()
	st := f.state(pc, src)
	if len(st.cands) == 0 || !st.within(parent.Lines()) {
		return
	}
	st.inlines(parent, src)
}

// within reports whether a candidate offset falls within the span of
// lines: the span holds every line, and between lines only a container's
// markers and indentation, so it hardly ever gives a block a walk it does
// not need. Blocks come in document order, so the search goes on from
// where the last one ended; a block before that (rare) searches from the
// start.
func (st *docState) within(lines *text.Segments) bool {
	n := lines.Len()
	if n == 0 {
		return false
	}
	start, stop := lines.At(0).Start, lines.At(n-1).Stop
	if st.next > 0 && st.cands[st.next-1] >= start {
		st.next = 0
	}
	for st.next < len(st.cands) && st.cands[st.next] < start {
		st.next++
	}
	return st.next < len(st.cands) && st.cands[st.next] < stop
}

// inlines finds the terms in the inline children of n. Adjacent text
// nodes are read as one text (a run): those that touch in the source, and
// those a soft line break separates, which reads as a space.
func (st *docState) inlines(n ast.Node, src []byte) {
	var first, last *ast.Text // the run so far
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if tx, ok := c.(*ast.Text); ok && st.inside == nil && !tx.IsRaw() && tx.Segment.Padding == 0 && !tx.Segment.ForceNewline {
			if last != nil && !joins(last, tx) {
				st.run(first, last, src)
				first = nil
			}
			if first == nil {
				first = tx
			}
			last = tx
			continue
		}
		if first != nil {
			st.run(first, last, src)
			first, last = nil, nil
		}
		switch c := c.(type) {
		case *ast.Text:
		case *ast.RawHTML:
			name, closing := rawTag(c, src)
			switch {
			case st.inside == nil && !closing && noAbbr[name]:
				st.inside, st.tag, st.depth = n, name, 1
			case st.inside != nil && name == st.tag && !closing:
				st.depth++
			case st.inside != nil && name == st.tag && closing:
				if st.depth--; st.depth == 0 {
					st.inside = nil
				}
			}
		case *ast.CodeSpan, *ast.AutoLink, *ast.Image, *Node, mdtext.Textless:
		default:
			st.inlines(c, src)
		}
	}
	if first != nil {
		st.run(first, last, src)
	}
	if n == st.inside {
		st.inside = nil
	}
}

// joins reports whether b, the next sibling of a, continues a's text: it
// starts where a stops, or a soft line break separates them.
func joins(a, b *ast.Text) bool {
	if a.HardLineBreak() {
		return false
	}
	return a.SoftLineBreak() || a.Segment.Stop == b.Segment.Start
}

// run finds the terms in the text nodes first to last, which joins.
func (st *docState) run(first, last *ast.Text, src []byte) {
	m := st.m
	if first == last { // most text: one node
		if first.Segment.Stop-first.Segment.Start >= m.minLen {
			k := len(st.found)
			st.found = m.find(st.found, src, first.Segment.Start, first.Segment.Stop)
			if len(st.found) > k {
				st.jobs = append(st.jobs, job{first, k, len(st.found)})
			}
		}
		return
	}
	// The run is cut into pieces at its soft line breaks; a piece is
	// one stretch of the source.
	from := first.Segment.Start // where the next term may start
	pFirst := first
	for pFirst != nil {
		pLast := pFirst
		for pLast != last && !pLast.SoftLineBreak() {
			pLast = pLast.NextSibling().(*ast.Text)
		}
		lo, hi := pFirst.Segment.Start, pLast.Segment.Stop
		k := len(st.found)
		if hi-max(lo, from) >= m.minLen {
			st.found = m.find(st.found, src, max(lo, from), hi)
		}
		var qFirst *ast.Text
		if pLast != last {
			qFirst = pLast.NextSibling().(*ast.Text)
		}
		if qFirst != nil && m.spaced != nil {
			qLast := qFirst
			for qLast != last && !qLast.SoftLineBreak() {
				qLast = qLast.NextSibling().(*ast.Text)
			}
			q := [2]int{qFirst.Segment.Start, qLast.Segment.Stop}
			for at := from; ; {
				f, ok := m.across(src, [2]int{lo, hi}, q, at)
				if !ok {
					break
				}
				// The leftmost term wins, as in find: one of the
				// piece's own that starts within this one is
				// dropped; one that starts before it and reaches
				// into it stays, and a term across the break may
				// start after it.
				j := len(st.found)
				for j > k && st.found[j-1].start >= f.start {
					j--
				}
				if j == k || st.found[j-1].end <= f.start {
					st.found = append(st.found[:j], f)
					break
				}
				at = st.found[j-1].end
			}
		}
		st.place(pFirst, k, src)
		from = lo
		if n := len(st.found); n > k {
			from = max(from, st.found[n-1].end)
		}
		pFirst = qFirst
	}
}

// place records the terms found[k:], found in the piece of the run that
// starts at text node tx, as jobs (a term within one node) and spans.
func (st *docState) place(tx *ast.Text, k int, src []byte) {
	for i := k; i < len(st.found); i++ {
		f := st.found[i]
		for f.start >= tx.Segment.Stop {
			tx = tx.NextSibling().(*ast.Text)
		}
		if f.end <= tx.Segment.Stop {
			if n := len(st.jobs); n > 0 && st.jobs[n-1].tx == tx && st.jobs[n-1].to == i {
				st.jobs[n-1].to++
			} else {
				st.jobs = append(st.jobs, job{tx, i, i + 1})
			}
			continue
		}
		end := tx
		for f.end > end.Segment.Stop || end.Segment.Start >= f.end {
			end = end.NextSibling().(*ast.Text)
		}
		st.spans = append(st.spans, span{first: tx, last: end, at: i})
	}
}

// mergeSorted merges two increasing lists.
func mergeSorted(a, b []int) []int {
	if len(b) == 0 {
		return a
	}
	out := make([]int, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if a[0] <= b[0] {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}

type transformer struct{}

// Transform removes the definitions and marks up the terms the finder
// found.
func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	if defs, _ := pc.Get(defsKey).(*pageDefs); defs != nil {
		for _, b := range defs.blocks {
			if p := b.Parent(); p != nil {
				p.RemoveChild(p, b)
			}
		}
	}
	st, _ := pc.Get(stateKey).(*docState)
	if st == nil || len(st.found) == 0 {
		return
	}
	a := &alloc{nodes: make([]Node, len(st.found)), texts: make([]ast.Text, 2*len(st.found))}
	// Spans first: they cut the first and last nodes of their runs
	// down to the text before and after them, where the jobs' terms are.
	for _, sp := range st.spans {
		a.span(sp, st.found[sp.at])
	}
	for _, j := range st.jobs {
		// An attribute list may have cut the text short, or removed
		// it, since its terms were found.
		if j.tx.Parent() == nil {
			continue
		}
		found := st.found[j.from:j.to]
		for len(found) > 0 && found[len(found)-1].end > j.tx.Segment.Stop {
			found = found[:len(found)-1]
		}
		a.split(j.tx, found)
	}
}

// alloc hands out the nodes of one document's abbreviations from two
// slices: two allocations instead of three per abbreviation.
// noAbbr are the elements whose text, written as inline raw HTML, gets
// no abbreviations: code and abbreviations written by hand.
var noAbbr = map[string]bool{
	"abbr": true, "code": true, "kbd": true, "pre": true, "samp": true,
	"script": true, "style": true, "textarea": true, "var": true,
}

// rawTag returns the lower-case name of the tag that starts raw HTML n
// and whether it is an end tag. It returns "" for comments, declarations,
// processing instructions and self-closing tags.
func rawTag(n *ast.RawHTML, src []byte) (name string, closing bool) {
	if n.Segments.Len() == 0 {
		return "", false
	}
	first := n.Segments.At(0)
	v := first.Value(src)
	if n.Segments.Len() == 1 && bytes.HasSuffix(v, []byte("/>")) {
		return "", false
	}
	if len(v) < 2 || v[0] != '<' {
		return "", false
	}
	v = v[1:]
	if v[0] == '/' {
		closing, v = true, v[1:]
	}
	i := 0
	for i < len(v) && i < 10 && ('a' <= v[i]|0x20 && v[i]|0x20 <= 'z' || i > 0 && '0' <= v[i] && v[i] <= '9') {
		i++
	}
	if i == 0 || i == 10 {
		return "", false
	}
	return string(bytes.ToLower(v[:i])), closing
}

type alloc struct {
	nodes []Node
	texts []ast.Text
}

func (a *alloc) text(start, stop int) *ast.Text {
	t := &a.texts[0]
	a.texts = a.texts[1:]
	t.Segment = text.NewSegment(start, stop)
	return t
}

// split replaces the matches in tx with abbreviations. tx stays as the
// last piece, with its line break, even when that piece is empty.
func (a *alloc) split(tx *ast.Text, found []match) {
	parent := tx.Parent()
	prev := tx.Segment.Start
	for _, f := range found {
		if f.start > prev {
			parent.InsertBefore(parent, tx, a.text(prev, f.start))
		}
		n := &a.nodes[0]
		a.nodes = a.nodes[1:]
		n.Term, n.Title = f.e.term, f.e.title
		n.escaped, n.escapedOf = f.e.escaped, f.e.title
		n.AppendChild(n, a.text(f.start, f.end))
		parent.InsertBefore(parent, tx, n)
		prev = f.end
	}
	tx.Segment = tx.Segment.WithStart(prev)
	if tx.Segment.IsEmpty() && !tx.SoftLineBreak() && !tx.HardLineBreak() {
		parent.RemoveChild(parent, tx)
	}
}

// span replaces the text of f, which spans the sibling text nodes
// sp.first to sp.last, with an abbreviation. It does nothing when an
// attribute list has changed those nodes since the term was found.
func (a *alloc) span(sp span, f match) {
	first, last := sp.first, sp.last
	parent := first.Parent()
	if parent == nil || last.Parent() != parent ||
		f.start < first.Segment.Start || f.start >= first.Segment.Stop || f.end > last.Segment.Stop || f.end <= last.Segment.Start {
		return
	}
	for c := ast.Node(first); c != last; c = c.NextSibling() {
		if _, ok := c.NextSibling().(*ast.Text); !ok {
			return
		}
	}
	n := &a.nodes[0]
	a.nodes = a.nodes[1:]
	n.Term, n.Title = f.e.term, f.e.title
	n.escaped, n.escapedOf = f.e.escaped, f.e.title
	head := a.text(f.start, first.Segment.Stop)
	head.SetSoftLineBreak(first.SoftLineBreak())
	n.AppendChild(n, head)
	for c := first.NextSibling(); c != last; {
		next := c.NextSibling()
		parent.RemoveChild(parent, c)
		n.AppendChild(n, c)
		c = next
	}
	n.AppendChild(n, a.text(last.Segment.Start, f.end))
	first.Segment = first.Segment.WithStop(f.start)
	first.SetSoftLineBreak(false)
	last.Segment = last.Segment.WithStart(f.end)
	parent.InsertAfter(parent, first, n)
	if first.Segment.IsEmpty() {
		parent.RemoveChild(parent, first)
	}
	if last.Segment.IsEmpty() && !last.SoftLineBreak() && !last.HardLineBreak() {
		parent.RemoveChild(parent, last)
	}
}

type nodeRenderer struct{}

func (nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindAbbreviation, renderAbbr)
	reg.Register(KindDefinitions, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkSkipChildren, nil
	})
}

func renderAbbr(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</abbr>")
		return ast.WalkContinue, nil
	}
	n := node.(*Node)
	_, _ = w.WriteString(`<abbr title="`)
	if n.escaped != nil && n.escapedOf == n.Title {
		_, _ = w.Write(n.escaped)
	} else {
		_, _ = w.Write(util.EscapeHTML([]byte(n.Title)))
	}
	_, _ = w.WriteString(`">`)
	return ast.WalkContinue, nil
}

type extension struct {
	g *Glossary
}

// New returns the extension with the terms of g, which may be nil: then
// only the pages' own definitions count. The glossary's matcher is built
// once and shared by every document that defines no terms of its own.
func New(g *Glossary) goldmark.Extender {
	return &extension{g: g}
}

// Extend implements goldmark.Extender.
func (e *extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(blockParser{}, 95)),
		parser.WithInlineParsers(util.Prioritized(finder{g: e.g}, 9000)),
		parser.WithASTTransformers(util.Prioritized(transformer{}, 9000)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, 100)))
}
