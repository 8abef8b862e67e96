// Package segment finds the translatable segments of a page (its
// paragraphs, list items, headings and table cells) and, on a translation,
// the segments still identical to the page it translates.
//
// A segment counts only when it holds prose: after code spans, autolinks,
// raw HTML, icons, URLs, domain names, e-mail addresses and paths are left
// out, at least one word of two or more letters must be written entirely
// in lower case. A heading "Signal", a table cell "SimpleX Chat", a list
// item that is only a link named "F-Droid", "iOS" or "2024" is not prose:
// such text is the same in every language. Segments generated from page
// data (cards, criteria lists, the matrix) are not counted either, since
// their text comes from the UI strings; nor is an element that carries a
// lang attribute set by hand ({ lang=en } marks a deliberate quotation).
//
// Two segments are identical when their plain text (see mdtext.Plain) is
// the same after runs of white space are reduced to one space.
//
// On a translation (With), the Extension's transformer gives every segment
// identical to one of the source page's a lang attribute with the source
// language, so that screen readers read it as such: <p lang="en">.
package segment

import (
	"hash/maphash"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/guidegen/guidegen/internal/markdown/mdtext"
	"github.com/guidegen/guidegen/internal/markdown/mdwalk"
)

// Kind is the kind of block a segment is.
type Kind string

// The kinds of segments.
const (
	Paragraph Kind = "paragraph"
	ListItem  Kind = "list item"
	Heading   Kind = "heading"
	TableCell Kind = "table cell"
)

// Block is implemented by the blocks of other extensions whose inline
// content is a segment of its own, such as an admonition's title;
// SegmentKind names its kind ("admonition title"). The block must render
// its lang attribute.
type Block interface {
	ast.Node
	SegmentKind() string
}

// Segment is one translatable block of a page.
type Segment struct {
	Kind Kind
	// Offset is the byte offset in the parsed text at which it starts.
	Offset int
	// Text is its plain text, white space normalized. Collect fills it
	// for every segment; on a translation (Segments) only identical
	// segments have it, so that a page's segments cost little.
	Text string
	// Identical is true, on a translation, when the source page has a
	// segment with the same text.
	Identical bool
}

// Set holds the prose segments of a source page, to be compared with a
// translation's. It reads them lazily: NewSet keeps each segment's block
// and a 64-bit hash (per process: a Set is made and read within one
// build) of the beginning of its text; a segment of a translation whose
// text begins otherwise than all of them is told apart without the
// whole of its text, and the whole text of a source segment is read only
// when a translation's segment begins as it does. Whether a source
// segment holds prose (HasProse) is decided then too. A Set therefore
// reads the source page's tree when it is used: the tree and its text
// must not change, nor be released, while the Set is in use.
type Set struct{ s *set }

type set struct {
	src []byte
	// blocks are the source page's segments that may hold prose (those
	// visit would look at, before HasProse), each with the hash of the
	// first prefixLen bytes of its normalized text.
	blocks []prefixEntry
	// table finds blocks by that hash: open addressing, linear probing,
	// a power of two in length at least twice len(blocks); each slot
	// holds an index in blocks plus one, or 0 when free.
	table []int32
}

type prefixEntry struct {
	hash  uint64
	block ast.Node
}

// prefixLen is how many bytes of a normalized text its prefix holds.
const prefixLen = 16

// prefix returns the beginning of a normalized text whose hash a Set
// holds.
func prefix(text []byte) []byte { return text[:min(len(text), prefixLen)] }

// Len returns the number of different texts in the set. It reads them
// all.
func (s Set) Len() int {
	if s.s == nil {
		return 0
	}
	k := newKeyWriter()
	texts := map[uint64]struct{}{}
	for _, e := range s.s.blocks {
		if b := e.block; HasProse(b, s.s.src) {
			texts[k.key(b, s.s.src)] = struct{}{}
		}
	}
	return len(texts)
}

var seed = maphash.MakeSeed()

// blockScratch and segScratch hold the buffers in which NewSet and the
// transformer gather a page's segments before they keep them.
var (
	blockScratch = sync.Pool{New: func() any { return new([]prefixEntry) }}
	segScratch   = sync.Pool{New: func() any { return new([]Segment) }}
)

// NewSet returns the prose segments under root (see Collect), to be read
// while root and src stay as they are.
func NewSet(root ast.Node, src []byte, generated func(off int) bool) Set {
	s := &set{src: src}
	k := newKeyWriter()
	// Gathered in a buffer of the pool, then copied at their number.
	scratch := blockScratch.Get().(*[]prefixEntry)
	blocks := (*scratch)[:0]
	visitBlocks(root, src, generated, func(block, _ ast.Node, _ Kind, _ int) {
		blocks = append(blocks, prefixEntry{hash: maphash.Bytes(seed, k.prefix(block, src)), block: block})
	})
	if len(blocks) > 0 {
		s.blocks = slices.Clone(blocks)
	}
	clear(blocks) // the pool holds no nodes
	*scratch = blocks[:0]
	blockScratch.Put(scratch)
	if len(s.blocks) > 0 {
		s.table = make([]int32, max(8, 1<<bits.Len(uint(2*len(s.blocks)-1))))
		mask := uint64(len(s.table) - 1)
		for i, e := range s.blocks {
			j := e.hash & mask
			for s.table[j] != 0 {
				j = (j + 1) & mask
			}
			s.table[j] = int32(i + 1)
		}
	}
	return Set{s}
}

// next returns the index in blocks of the next block whose prefix
// hashes to h, from slot *slot of table on, and moves *slot past it; -1
// when there is none. *slot starts at 0.
func (s *set) next(h uint64, slot *int) int {
	if len(s.table) == 0 {
		return -1
	}
	mask := len(s.table) - 1
	// *slot counts the slots probed; the probe starts at h's.
	for ; *slot < len(s.table); *slot++ {
		j := s.table[(int(h&uint64(mask))+*slot)&mask]
		if j == 0 {
			return -1
		}
		if s.blocks[j-1].hash == h {
			*slot++
			return int(j - 1)
		}
	}
	return -1
}

// Has reports whether the set holds text (white space is normalized).
func (s Set) Has(text string) bool {
	if s.s == nil {
		return false
	}
	k := newKeyWriter()
	_, _ = k.Write([]byte(text))
	full := k.sum()
	h, slot := maphash.Bytes(seed, prefix(k.buf)), 0
	for i := s.s.next(h, &slot); i >= 0; i = s.s.next(h, &slot) {
		if b := s.s.blocks[i].block; HasProse(b, s.s.src) && k.key(b, s.s.src) == full {
			return true
		}
	}
	return false
}

func newKeyWriter() *keyWriter { return &keyWriter{} }

// key hashes the normalized plain text of a block without building a
// string of it. One keyWriter serves a whole page, its buffer reused.
func (k *keyWriter) key(block ast.Node, src []byte) uint64 {
	k.write(block, src, 0)
	return k.sum()
}

// has reports whether the normalized plain text of a block is in s: its
// prefix is looked up first, and only when a source segment's prefix is
// the same are the whole texts read, each source segment's at most once
// for a keyWriter and a Set.
func (k *keyWriter) has(s Set, block ast.Node, src []byte) bool {
	if s.s == nil {
		return false
	}
	pre := k.prefix(block, src)
	h, slot := maphash.Bytes(seed, pre), 0
	i := s.s.next(h, &slot)
	if i < 0 {
		return false
	}
	var full uint64
	if len(pre) < prefixLen {
		full = h // the whole text is the prefix
	} else {
		full = k.key(block, src)
	}
	if k.memoFor != s.s {
		k.memoFor, k.memo = s.s, nil
	}
	if k.memo == nil {
		k.memo = make([]sourceKey, len(s.s.blocks))
	}
	for ; i >= 0; i = s.s.next(h, &slot) {
		m := &k.memo[i]
		if !m.known {
			b := s.s.blocks[i].block
			m.known, m.prose = true, HasProse(b, s.s.src)
			if m.prose {
				m.key = k.key(b, s.s.src)
			}
		}
		if m.prose && m.key == full {
			return true
		}
	}
	return false
}

// sourceKey is what a keyWriter learned of a source segment: whether it
// holds prose and, if so, the hash of its text.
type sourceKey struct {
	key          uint64
	known, prose bool
}

// prefix returns the first prefixLen bytes of the normalized plain text
// of a block, all of it when it is shorter. Most blocks start with a
// text node whose first bytes normalization and resolution leave as
// they are (plain), or are one such text node, shorter (a table cell):
// their prefix is those bytes of the source, without a look at the rest
// of the block; prefix writes the others.
func (k *keyWriter) prefix(block ast.Node, src []byte) []byte {
	if t, ok := block.FirstChild().(*ast.Text); ok {
		v := t.Segment.Value(src)
		switch {
		case len(v) >= prefixLen:
			if plain(v[:prefixLen]) {
				return v[:prefixLen]
			}
		case t.NextSibling() == nil && plain(v):
			// The whole text: a line break after it is white space
			// at the end, which normalization drops.
			return v
		}
	}
	k.write(block, src, prefixLen)
	return prefix(k.buf)
}

// plain reports whether text, the start of a text node's text or all
// of it, is the start of its normalized plain text whatever follows:
// printable ASCII without a backslash or '&' (whose escape or reference
// resolution would change it) and without white space but single spaces
// between other bytes, the first and last of them no space.
func plain(text []byte) bool {
	if len(text) == 0 || text[0] == ' ' || text[len(text)-1] == ' ' {
		return false
	}
	for i, c := range text {
		switch {
		case c == ' ':
			if text[i-1] == ' ' {
				return false
			}
		case c <= ' ' || c >= 0x7f || c == '\\' || c == '&':
			return false
		}
	}
	return true
}

// write collects the normalized plain text of a block in buf: all of it,
// or, when limit > 0, at least its first limit bytes.
func (k *keyWriter) write(block ast.Node, src []byte, limit int) {
	k.buf = k.buf[:0]
	k.gap, k.pendingLength, k.limit = false, 0, limit
	mdtext.Write(k, block, src)
}

// sum is the hash of the text written so far.
func (k *keyWriter) sum() uint64 { return maphash.Bytes(seed, k.buf) }

// keyWriter collects text with runs of white space reduced to one space
// and none at either end, as normalize leaves it, to be hashed at once.
type keyWriter struct {
	buf           []byte
	limit         int // when > 0, what buf needs to hold: the rest is ignored
	gap           bool
	pending       [utf8.UTFMax]byte
	pendingLength int
	// memo holds, for the Set memoFor, what has read of its segments.
	memoFor *set
	memo    []sourceKey
}

func (k *keyWriter) Write(p []byte) (int, error) {
	n := len(p)
	if k.limit > 0 && len(k.buf) >= k.limit {
		return n, nil
	}
	if k.pendingLength > 0 {
		// Complete a rune split between two writes.
		p = append(k.pending[:k.pendingLength:k.pendingLength], p...)
		k.pendingLength = 0
	}
	for len(p) > 0 {
		if k.limit > 0 && len(k.buf) >= k.limit {
			// buf holds what is needed: the rest is ignored, and so is
			// a rune split before it.
			return n, nil
		}
		if c := p[0]; c < utf8.RuneSelf {
			// ASCII, most text: a run of it at once.
			if mdtext.IsSpace(c) {
				k.gap = len(k.buf) > 0
				p = p[1:]
				continue
			}
			q := p
			if k.limit > 0 {
				// No more of the run than buf needs: a run written in
				// pieces, cut after a byte that is not white space,
				// is written the same.
				q = p[:min(len(p), k.limit-len(k.buf)+1)]
			}
			i := mdtext.ASCIIRun(q)
			if k.gap {
				k.buf = append(k.buf, ' ')
				k.gap = false
			}
			k.buf = append(k.buf, p[:i]...)
			p = p[i:]
			continue
		}
		r, size := utf8.DecodeRune(p)
		if r == utf8.RuneError && size == 1 && !utf8.FullRune(p) {
			k.pendingLength = copy(k.pending[:], p)
			break
		}
		if unicode.IsSpace(r) {
			k.gap = len(k.buf) > 0
		} else {
			if k.gap {
				k.buf = append(k.buf, ' ')
				k.gap = false
			}
			k.buf = append(k.buf, p[:size]...)
		}
		p = p[size:]
	}
	return n, nil
}

// Done reports whether buf holds all that is needed (mdtext.Write asks).
func (k *keyWriter) Done() bool { return k.limit > 0 && len(k.buf) >= k.limit }

func (k *keyWriter) WriteByte(c byte) error {
	if k.limit > 0 && len(k.buf) >= k.limit {
		return nil
	}
	if c < utf8.RuneSelf && k.pendingLength == 0 {
		// As Write would: one ASCII byte, a space or not.
		if mdtext.IsSpace(c) {
			k.gap = len(k.buf) > 0
		} else {
			if k.gap {
				k.buf = append(k.buf, ' ')
				k.gap = false
			}
			k.buf = append(k.buf, c)
		}
		return nil
	}
	_, err := k.Write([]byte{c})
	return err
}

// Collect returns the prose segments under root in document order, with
// their text. generated, when not nil, tells the offsets of text generated
// from data, whose segments are left out.
func Collect(root ast.Node, src []byte, generated func(off int) bool) []Segment {
	var out []Segment
	visit(root, src, generated, func(block, _ ast.Node, kind Kind, off int) {
		out = append(out, Segment{Kind: kind, Offset: off, Text: normalize(mdtext.Plain(block, src))})
	})
	return out
}

// visit calls fn with every prose segment under root: its block, the node
// that carries its lang attribute, its kind and offset.
func visit(root ast.Node, src []byte, generated func(int) bool, fn func(block, holder ast.Node, kind Kind, off int)) {
	visitBlocks(root, src, generated, func(block, holder ast.Node, kind Kind, off int) {
		if HasProse(block, src) {
			fn(block, holder, kind, off)
		}
	})
}

// visitBlocks calls fn with every block visit looks at, prose or not.
func visitBlocks(root ast.Node, src []byte, generated func(int) bool, fn func(block, holder ast.Node, kind Kind, off int)) {
	mdwalk.Pre(root, func(n ast.Node) bool {
		var kind Kind
		holder := n
		switch n.Kind() {
		case ast.KindHeading:
			kind = Heading
		case ast.KindParagraph, ast.KindTextBlock:
			kind = Paragraph
			if p := n.Parent(); p != nil && p.Kind() == ast.KindListItem {
				kind = ListItem
				if n.Kind() == ast.KindTextBlock {
					holder = p // a tight item's text has no element of its own
				}
			}
		case east.KindTableCell:
			kind = TableCell
		default:
			b, ok := n.(Block)
			if !ok {
				return true
			}
			kind = Kind(b.SegmentKind())
		}
		off := mdtext.Offset(n, src)
		if _, set := holder.AttributeString("lang"); set || (generated != nil && generated(off)) {
			return false
		}
		fn(n, holder, kind, off)
		return false
	})
}

// Untranslated reports whether text, plain text of a translation that is
// not Markdown (a page's title or description), is still src, the source
// page's: the same once white space is normalized, and prose by the rule
// segments follow (see HasProse), so that a name such as "Signal" that
// reads the same in both languages is not counted.
func Untranslated(text, src string) bool {
	return normalize(text) == normalize(src) && IsProse(text)
}

// IsProse reports whether plain text holds prose (see HasProse).
func IsProse(text string) bool {
	return textHasProse([]byte(text))
}

// normalize reduces runs of white space to one space and trims the ends;
// text that is already normal is returned as it is, without allocating.
func normalize(s string) string {
	prev := true // at the start, a space would be leading
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if sp && (prev || r != ' ') {
			return strings.Join(strings.Fields(s), " ")
		}
		prev = sp
	}
	if prev && s != "" {
		return strings.TrimRightFunc(s, unicode.IsSpace)
	}
	return s
}

// HasProse reports whether the inline content of block n holds prose (see
// the package documentation). It stops at the first word that is prose.
func HasProse(n ast.Node, src []byte) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if _, ok := c.(mdtext.Textless); ok {
			continue
		}
		switch c := c.(type) {
		case *ast.Text:
			if textHasProse(c.Segment.Value(src)) {
				return true
			}
		case *ast.String:
			if textHasProse(c.Value) {
				return true
			}
		case *ast.CodeSpan, *ast.AutoLink, *ast.RawHTML:
			// code and addresses are not prose
		default:
			if HasProse(c, src) {
				return true
			}
		}
	}
	return false
}

// textHasProse reports whether a run of text has a token that is words
// (not a URL, address, path or domain name) with a word of two or more
// letters all in lower case.
func textHasProse(b []byte) bool {
	for len(b) > 0 {
		i := 0
		for i < len(b) && mdtext.IsSpace(b[i]) {
			i++
		}
		j := i
		for j < len(b) && !mdtext.IsSpace(b[j]) {
			j++
		}
		tok := b[i:j]
		b = b[j:]
		if len(tok) > 0 && hasLowerWord(tok) && !notWords(tok) {
			return true
		}
	}
	return false
}

// hasLowerWord reports whether tok has a run of two or more letters that
// are all lower case.
func hasLowerWord(tok []byte) bool {
	n, lower := 0, true
	for len(tok) > 0 {
		var letter, low bool
		if c := tok[0]; c < utf8.RuneSelf {
			// ASCII: unicode.IsLetter and IsLower without the calls.
			tok = tok[1:]
			letter, low = isLetterByte(c), 'a' <= c && c <= 'z'
		} else {
			r, size := utf8.DecodeRune(tok)
			tok = tok[size:]
			letter, low = unicode.IsLetter(r), unicode.IsLower(r)
		}
		if letter {
			n++
			lower = lower && low
			continue
		}
		if n >= 2 && lower {
			return true
		}
		n, lower = 0, true
	}
	return n >= 2 && lower
}

// notWords reports whether a token is a URL, an e-mail address, a path or a
// domain name rather than words: whether it holds '@', '/' (as a URL's
// "://" does) or '\\', or a dot between two letters (signal.org,
// example.com, README.md). One pass over the token.
func notWords(tok []byte) bool {
	for i, c := range tok {
		switch c {
		case '@', '/', '\\':
			return true
		case '.':
			if i > 0 && i+1 < len(tok) && isLetterByte(tok[i-1]) && isLetterByte(tok[i+1]) {
				return true
			}
		}
	}
	return false
}

func isLetterByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// Options describe the page a translation translates.
type Options struct {
	// Lang is the source page's language, given to identical segments.
	Lang string
	// Locale is the translation's language, given back to the blocks
	// nested in a list item that was marked with Lang.
	Locale string
	// Source are the source page's segments.
	Source Set
}

var (
	optionsKey  = parser.NewContextKey()
	segmentsKey = parser.NewContextKey()
)

// With stores in pc what the transformer needs to mark the document about
// to be parsed as a translation.
func With(pc parser.Context, o *Options) {
	pc.Set(optionsKey, o)
}

// Segments returns the prose segments of the translation parsed with pc,
// with Identical set; nil when pc had no Options.
func Segments(pc parser.Context) []Segment {
	s, _ := pc.Get(segmentsKey).([]Segment)
	return s
}

type transformer struct{}

// Transform marks the segments of a translation that are identical to the
// source page's.
func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	o, _ := pc.Get(optionsKey).(*Options)
	if o == nil {
		return
	}
	// The value boxed once: each SetAttribute of a []byte would box it
	// anew (an allocation per segment).
	var lang any = []byte(o.Lang)
	src := reader.Source()
	k := newKeyWriter()
	scratch := segScratch.Get().(*[]Segment)
	segs := (*scratch)[:0]
	visit(doc, src, nil, func(block, holder ast.Node, kind Kind, off int) {
		s := Segment{Kind: kind, Offset: off}
		if k.has(o.Source, block, src) {
			s.Identical = true
			s.Text = normalize(mdtext.Plain(block, src))
			holder.SetAttributeString("lang", lang)
			if holder.Kind() == ast.KindListItem {
				restore(holder, o.Locale)
			}
		}
		segs = append(segs, s)
	})
	out := make([]Segment, len(segs))
	copy(out, segs)
	clear(segs) // the pool holds no texts
	*scratch = segs[:0]
	segScratch.Put(scratch)
	pc.Set(segmentsKey, out)
}

// restore gives the blocks nested in a list item marked with the source
// language (a nested list, say) the translation's language back.
func restore(item ast.Node, locale string) {
	if locale == "" {
		return
	}
	for c := item.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == ast.KindTextBlock {
			continue
		}
		if _, set := c.AttributeString("lang"); !set {
			c.SetAttributeString("lang", []byte(locale))
		}
	}
}

type extension struct{}

// Extension registers the transformer. It runs after every transformer
// that changes text or blocks (priority 20000).
var Extension goldmark.Extender = extension{}

func (extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(transformer{}, 20000)))
}
