// Package headingid gives every heading an id the way Python-Markdown's toc
// extension does with slugify_unicode (so links written for an MkDocs site
// keep working): letters of every script are kept, case is folded,
// punctuation is dropped, runs of spaces and hyphens become one hyphen, and
// a repeated id gets "_1", "_2", ... ("Privé-berichten" → "privé-berichten").
// Ids set by hand ({ #id }) are kept and reserved first. The ASCII style
// (a site's `headings: {slug: ascii}`) is Python-Markdown's default
// slugify instead: the text is decomposed (NFKD) and what is not ASCII is
// dropped ("Café Über" → "cafe-uber").
//
// The id is made from the heading's plain text (package mdtext), so a
// footnote mark ("## X[^1]" → "x") and Textless nodes such as icon and
// emoji shortcodes ("## :octicons-gear-16: Setup" → "setup") are not part
// of it, as in MkDocs Material.
//
// A translation takes its ids from the page it translates (WithSource), so
// that links to an anchor work in every language: see Align.
//
// The headings found are kept in the parser.Context for the table of
// contents.
package headingid

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unsafe"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/unicode/norm"

	"github.com/guidegen/guidegen/internal/markdown/mdtext"
)

// Heading is one heading of a document.
type Heading struct {
	Level int
	ID    string
	// Text is the heading's plain text.
	Text string
	// Explicit is true when the id was set by hand.
	Explicit bool
	// FromSource is true when the id is the id of the source page's
	// heading at the same place (on a translation).
	FromSource bool
	Node       *ast.Heading
}

// Slugify turns heading text into an id, like Python-Markdown's
// slugify_unicode with "-" as separator.
func Slugify(s string) string {
	if id, ok := slugifyASCII(s); ok {
		return id
	}
	return slugifyUnicode(s)
}

// slugifyUnicode is Slugify for any text.
func slugifyUnicode(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r == '_' || r == '-' || unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsSpace(r) {
			b.WriteRune(r)
		}
	}
	out := strings.ToLower(strings.TrimSpace(b.String()))
	var c strings.Builder
	c.Grow(len(out))
	sep := false
	for _, r := range out {
		if r == '-' || unicode.IsSpace(r) {
			sep = true
			continue
		}
		if sep {
			c.WriteByte('-')
			sep = false
		}
		c.WriteRune(r)
	}
	if sep {
		c.WriteByte('-')
	}
	return c.String()
}

// slugifyASCII is Slugify for text that is all ASCII (most headings), in
// one pass and one allocation: ok is false, and id "", when s has a byte
// of 0x80 or above. In ASCII, unicode.IsLetter, IsNumber and IsSpace are
// [A-Za-z], [0-9] and " \t\n\v\f\r", strings.ToLower and TrimSpace
// change nothing else, and dropping what is neither before folding the
// runs of spaces and hyphens is the same as skipping it while folding.
func slugifyASCII(s string) (id string, ok bool) {
	var buf [64]byte
	b := buf[:0]
	if len(s) > len(buf) {
		b = make([]byte, 0, len(s))
	}
	sep := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return "", false
		case c == '-' || c == ' ' || '\t' <= c && c <= '\r':
			// TrimSpace drops leading spaces, not leading hyphens.
			sep = sep || len(b) > 0 || c == '-'
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '_':
		default:
			continue // punctuation and controls are dropped
		}
		if sep {
			b = append(b, '-')
			sep = false
		}
		b = append(b, c)
	}
	if sep && hasHyphenAfterText(s) {
		b = append(b, '-')
	}
	return string(b), true
}

// hasHyphenAfterText reports whether the ASCII text s ends, once trailing
// spaces and the dropped bytes are set aside, with a hyphen: Slugify
// keeps a trailing hyphen, not trailing spaces.
func hasHyphenAfterText(s string) bool {
	for i := len(s) - 1; i >= 0; i-- {
		switch c := s[i]; {
		case c == '-':
			return true
		case c == ' ' || '\t' <= c && c <= '\r':
			continue
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '_':
			return false
		}
	}
	return false
}

// Style is how heading text becomes an id.
type Style int

const (
	// Unicode keeps the letters of every script (slugify_unicode).
	Unicode Style = iota
	// ASCII keeps ASCII only, after decomposition (slugify).
	ASCII
)

// ParseStyle returns the style named "unicode" or "ascii".
func ParseStyle(name string) (Style, bool) {
	switch name {
	case "unicode":
		return Unicode, true
	case "ascii":
		return ASCII, true
	}
	return Unicode, false
}

// Slugify turns heading text into an id in this style.
func (st Style) Slugify(s string) string {
	if st == ASCII {
		return SlugifyASCII(s)
	}
	return Slugify(s)
}

// SlugifyASCII turns heading text into an id like Python-Markdown's
// default slugify with "-" as separator: the text is decomposed (NFKD),
// what is not ASCII dropped, and the rest slugified as Slugify does.
func SlugifyASCII(s string) string {
	d := norm.NFKD.String(s)
	b := make([]byte, 0, len(d))
	for i := 0; i < len(d); i++ {
		if d[i] < 0x80 {
			b = append(b, d[i])
		}
	}
	return Slugify(string(b))
}

var countRE = regexp.MustCompile(`^(.*)_([0-9]+)$`)

// IDs is a parser.IDs that makes ids unique the Python-Markdown way.
type IDs struct {
	// used are the ids taken; nil until one is (see grow).
	used map[string]bool
	// next remembers, per base id, where the runs of taken ids
	// base_k, base_k+1, ... end: next[base][k] = j means that base_k
	// up to base_(j-1) are all taken. Ids are never given back, so this
	// stays true, and ten thousand equal headings cost ten thousand
	// look-ups instead of fifty million. It is nil until an id is taken
	// twice (most documents have none).
	next map[string]map[int]int
	// checks counts the ids looked up (for the tests).
	checks int
	style  Style
}

// NewIDs returns an empty set of ids in the Unicode style, for
// parser.WithIDs.
func NewIDs() *IDs { return NewIDsStyle(Unicode) }

// NewIDsStyle returns an empty set of ids in a style, for parser.WithIDs.
func NewIDsStyle(st Style) *IDs {
	return &IDs{style: st}
}

// grow makes the set ready for n ids when it has none yet: a page's
// headings are counted before their ids are taken, and a map made at
// its size does not grow.
func (s *IDs) grow(n int) {
	if s.used == nil {
		s.used = make(map[string]bool, n)
	}
}

// take marks id as taken.
func (s *IDs) take(id string) {
	if s.used == nil {
		s.used = map[string]bool{}
	}
	s.used[id] = true
}

// Generate implements parser.IDs: it slugifies value and makes it unique.
func (s *IDs) Generate(value []byte, _ ast.NodeKind) []byte {
	return []byte(s.Unique(s.style.Slugify(string(value))))
}

// Unique returns id, or id with a "_N" suffix if it is taken, and marks the
// result as taken. As Python-Markdown, it tries id_1, id_2, ... in turn,
// and for an id that already ends in _N, it goes on from N+1: a second
// "signal_1" becomes "signal_2" (or the first free one after it).
func (s *IDs) Unique(id string) string {
	for s.taken(id) {
		base, k, ok := family(id)
		if !ok { // a number too large to count on from: step as before
			id = step(id)
			continue
		}
		id = base + "_" + strconv.Itoa(s.free(base, k))
	}
	s.take(id)
	return id
}

func (s *IDs) taken(id string) bool {
	s.checks++
	return id == "" || s.used[id]
}

// family returns the base and the first number to try after id: base_N
// gives base, N+1; anything else gives id, 1. ok is false when N+1 does
// not fit in an int.
func family(id string) (base string, k int, ok bool) {
	m := countRE.FindStringSubmatch(id)
	if m == nil {
		return id, 1, true
	}
	n, err := strconv.Atoi(m[2])
	if err != nil || n == math.MaxInt {
		return "", 0, false
	}
	return m[1], n + 1, true
}

// step is the next id to try after id, as Python-Markdown computes it.
func step(id string) string {
	if m := countRE.FindStringSubmatch(id); m != nil {
		n, _ := strconv.Atoi(m[2])
		return m[1] + "_" + strconv.Itoa(n+1)
	}
	return id + "_1"
}

// free returns the first k' >= k for which base_k' is free, or math.MaxInt
// (Unique then steps on from there as before). Known runs of taken ids are
// skipped and the path shortened, as in a union-find.
func (s *IDs) free(base string, k int) int {
	runs := s.next[base]
	if runs == nil {
		if s.next == nil { // made at the first id taken twice
			s.next = map[string]map[int]int{}
		}
		runs = map[int]int{}
		s.next[base] = runs
	}
	var path []int
	for k < math.MaxInt {
		if j, ok := runs[k]; ok {
			path = append(path, k)
			k = j
			continue
		}
		if !s.taken(base + "_" + strconv.Itoa(k)) {
			break
		}
		path = append(path, k)
		k++
	}
	for _, p := range path {
		runs[p] = k
	}
	return k
}

// Put implements parser.IDs.
func (s *IDs) Put(value []byte) { s.take(string(value)) }

// Has reports whether an id is taken.
func (s *IDs) Has(id string) bool { return s.used[id] }

var (
	headingsKey  = parser.NewContextKey()
	sourceKey    = parser.NewContextKey()
	alignmentKey = parser.NewContextKey()
)

// Headings returns the headings found in the document parsed with pc, in
// document order.
func Headings(pc parser.Context) []Heading {
	h, _ := pc.Get(headingsKey).([]Heading)
	return h
}

// WithSource stores in pc the headings of the page that the document about
// to be parsed translates; its headings then take their ids from them.
// Only Level, ID and Text of each heading are read.
func WithSource(pc parser.Context, src []Heading) {
	pc.Set(sourceKey, src)
}

// GetAlignment returns how the headings of the document parsed with pc were
// aligned with its source page's, or nil when pc had no source.
func GetAlignment(pc parser.Context) *Alignment {
	a, _ := pc.Get(alignmentKey).(*Alignment)
	return a
}

type transformer struct{}

// Transform assigns ids. Explicit ids are reserved before any is generated,
// as in Python-Markdown; on a translation, the ids taken from the source
// page are reserved next.
func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	// The headings are gathered on the stack, most pages having fewer
	// than len(buf), and kept in a slice of their own number.
	// (found and hs are two variables: were hs the buffer too, buf
	// would be moved to the heap, hs being kept in pc.)
	var buf [16]Heading
	var hs []Heading
	if found := gather(buf[:0], doc, src, pc); len(found) > 0 {
		hs = append(make([]Heading, 0, len(found)), found...)
	}
	if own, ok := pc.IDs().(*IDs); ok {
		own.grow(len(hs))
	}
	if src, ok := pc.Get(sourceKey).([]Heading); ok {
		pc.Set(alignmentKey, adopt(hs, src, pc.IDs()))
	}
	for i := range hs {
		if hs[i].Explicit || hs[i].FromSource {
			continue
		}
		hs[i].ID = generate(pc.IDs(), hs[i].Text)
		hs[i].Node.SetAttributeString("id", idBytes(hs[i].ID))
	}
	pc.Set(headingsKey, hs)
}

// gather appends the headings under n to hs, in document order, and
// reserves their explicit ids in pc. A function of its own rather than a
// closure for mdwalk.Pre, which would move the caller's buffer to the
// heap.
func gather(hs []Heading, n ast.Node, src []byte, pc parser.Context) []Heading {
	h, ok := n.(*ast.Heading)
	if !ok {
		// No heading within inline content, paragraphs, text blocks
		// and tables (whose cells hold only inline content).
		switch n.Kind() {
		case ast.KindParagraph, ast.KindTextBlock, east.KindTable:
			return hs
		}
		if n.Type() == ast.TypeInline {
			return hs
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			hs = gather(hs, c, src, pc)
		}
		return hs
	}
	entry := Heading{Level: h.Level, Text: mdtext.Plain(h, src), Node: h}
	if v, ok := h.AttributeString("id"); ok {
		if id, ok := attrString(v); ok && id != "" {
			entry.ID, entry.Explicit = id, true
			pc.IDs().Put([]byte(id))
		}
	}
	return append(hs, entry)
}

// generate returns a new id for a heading with the text: with IDs, as
// IDs.Generate makes it, without its conversions between []byte and
// string.
func generate(ids parser.IDs, text string) string {
	if own, ok := ids.(*IDs); ok {
		return own.Unique(own.style.Slugify(text))
	}
	return string(ids.Generate([]byte(text), ast.KindHeading))
}

// idBytes returns an id as the []byte value of an id attribute, without
// a copy: the bytes are the string's, which nothing writes to (attribute
// values are only read, as goldmark's own names are). A heading's id is
// so held once for Heading.ID and for its attribute.
func idBytes(id string) []byte {
	if id == "" {
		return []byte{}
	}
	return unsafe.Slice(unsafe.StringData(id), len(id))
}

func attrString(v any) (string, bool) {
	switch v := v.(type) {
	case []byte:
		return string(v), true
	case string:
		return v, true
	}
	return "", false
}

type extension struct{}

// Extension registers the transformer. It runs late (priority 10000), after
// the transformers that create or move headings.
var Extension goldmark.Extender = extension{}

func (extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(transformer{}, 10000)))
}
