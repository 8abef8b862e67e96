// Package sprite rewrites an HTML page so that each inline SVG icon that
// appears more than once is in it once: the drawing moves into a hidden
// sprite of <symbol>s at the start of <body>, and every occurrence becomes
// an <svg> with the same attributes that shows it with <use href="#…">.
// Screen readers hear the same (the sprite is hidden; each <svg> keeps
// its attributes and its place), the icons keep their colour
// (currentColor is inherited through <use>), and a page with the ✓ icon
// 25 times carries its path once.
package sprite

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"hash/maphash"
	"math/bits"
	"slices"
	"sync"
)

// IDPrefix starts the id of every symbol; headings cannot produce it
// (their ids never start with "gg-").
const IDPrefix = "gg-i-"

var (
	svgOpen  = []byte("<svg")
	svgClose = []byte("</svg>")
)

// bodyOpen returns where the first match of `<body[^>]*>` is in page,
// ok false if none (the same as the regular expression, without its
// cost): the first "<body" and the next '>'; if no '>' follows it,
// none follows a later "<body" either.
func bodyOpen(page []byte) (start, end int, ok bool) {
	i := bytes.Index(page, []byte("<body"))
	if i < 0 {
		return 0, 0, false
	}
	j := bytes.IndexByte(page[i+len("<body"):], '>')
	if j < 0 {
		return 0, 0, false
	}
	return i, i + len("<body") + j + 1, true
}

type occurrence struct {
	start, end int // the whole element
	open       []byte
	inner      []byte
	viewBox    []byte
	group      int // in RewriteIn's groups
}

// group is the occurrences of one drawing (viewBox and content).
type group struct {
	first int // the first occurrence, in RewriteIn's occurrences
	n     int
	// mixed is set when two different drawings have the same hash: then
	// none of them is shared (as good as never happens).
	mixed bool
	id    string
}

var seed = maphash.MakeSeed()

// Rewrite returns page with repeated inline SVGs moved into a sprite;
// page itself when there are none or it has no <body>.
func Rewrite(page []byte) []byte { return (*IDs)(nil).Rewrite(page) }

// IDs remembers the symbol id of the drawings it met (a hash of each),
// as the same few icons are on every page of a site: a build keeps one.
// The zero IDs is ready for use, by concurrent Rewrites; it remembers
// at most maxIDs drawings, of at most maxIDKey bytes each.
type IDs struct {
	mu  sync.Mutex
	ids map[string]string // viewBox, NUL, drawing → id
}

const (
	maxIDs   = 1024
	maxIDKey = 4 << 10 // an icon is well under; a page's drawing may be megabytes
)

// id returns the symbol id of a drawing; key is scratch space.
func (c *IDs) id(viewBox, inner []byte, key *[]byte) string {
	k := append(append(append((*key)[:0], viewBox...), 0), inner...)
	*key = k
	if len(k) > maxIDKey {
		c = nil
	}
	if c != nil {
		c.mu.Lock()
		id, ok := c.ids[string(k)]
		c.mu.Unlock()
		if ok {
			return id
		}
	}
	sum := sha256.Sum256(k)
	id := IDPrefix + hex.EncodeToString(sum[:5])
	if c != nil {
		c.mu.Lock()
		if c.ids == nil {
			c.ids = map[string]string{}
		}
		if len(c.ids) < maxIDs {
			c.ids[string(k)] = id
		}
		c.mu.Unlock()
	}
	return id
}

// Rewrite is the package's Rewrite, with the ids c remembers; c may be
// nil.
func (c *IDs) Rewrite(page []byte) []byte { return c.RewriteIn(nil, page) }

// RewriteIn is Rewrite, which builds a rewritten page in buf's array
// when it has room for it (buf[:0]), else in a new one; it returns page
// itself when it is unchanged. buf must not overlap page.
func (c *IDs) RewriteIn(buf, page []byte) []byte {
	_, body, ok := bodyOpen(page)
	if !ok {
		return page
	}
	// A page has a few drawings: their occurrences and groups are on
	// the stack.
	var occArr [16]occurrence
	var groupArr [maxFew]group
	occ, groups := occArr[:0], groupArr[:0]
	// The first drawings of a page (groups[:maxFew]) are told apart by
	// comparing them, the others by a hash too.
	var hashed map[uint64]int
	for i := body; ; {
		j := indexSVG(page[i:])
		if j < 0 {
			break
		}
		start := i + j
		o, ok := parse(page, start)
		if !ok {
			i = start + len(svgOpen)
			continue
		}
		g := find(groups, occ, &o)
		switch {
		case g >= 0:
		case len(groups) < maxFew:
			g = len(groups)
			groups = append(groups, group{first: len(occ)})
		default:
			// Two hashes of whole slices: much cheaper than a
			// maphash.Hash, which hashes a long drawing 128 bytes at
			// a time.
			sum := maphash.Bytes(seed, o.inner) ^ bits.RotateLeft64(maphash.Bytes(seed, o.viewBox), 1)
			if hashed == nil {
				hashed = map[uint64]int{}
			}
			var found bool
			if g, found = hashed[sum]; !found {
				g = len(groups)
				groups = append(groups, group{first: len(occ)})
				hashed[sum] = g
			} else if !same(&occ[groups[g].first], &o) {
				groups[g].mixed = true
			}
		}
		groups[g].n++
		o.group = g
		occ = append(occ, o)
		i = o.end
	}
	// The sprite, in the order the drawings first appear.
	var sprite bytes.Buffer
	var key []byte
	for k := range occ {
		o := &occ[k]
		g := &groups[o.group]
		if g.n < 2 || g.mixed || g.id != "" {
			continue
		}
		g.id = c.id(o.viewBox, o.inner, &key)
		sprite.WriteString(`<symbol id="` + g.id + `"`)
		if len(o.viewBox) > 0 {
			sprite.WriteString(` viewBox="`)
			sprite.Write(o.viewBox)
			sprite.WriteByte('"')
		}
		sprite.WriteByte('>')
		sprite.Write(o.inner)
		sprite.WriteString("</symbol>")
	}
	if sprite.Len() == 0 {
		return page
	}
	out := slices.Grow(buf[:0], len(page)+sprite.Len()+100)
	out = append(out, page[:body]...)
	out = append(out, `<svg xmlns="http://www.w3.org/2000/svg" hidden aria-hidden="true" focusable="false">`...)
	out = append(out, sprite.Bytes()...)
	out = append(out, "</svg>"...)
	last := body
	for k := range occ {
		o := &occ[k]
		id := groups[o.group].id
		if id == "" {
			continue
		}
		out = append(out, page[last:o.start]...)
		out = append(out, o.open...)
		out = append(out, `<use href="#`...)
		out = append(out, id...)
		out = append(out, `"></use></svg>`...)
		last = o.end
	}
	return append(out, page[last:]...)
}

// maxFew is how many drawings of a page RewriteIn tells apart by
// comparing them with each other only: each drawing is compared with at
// most maxFew others, so a hostile page costs at most maxFew times its
// size in comparisons.
const maxFew = 16

// find returns the group among the first maxFew of gs of o's drawing,
// -1 if none; occ are the occurrences gs index.
func find(gs []group, occ []occurrence, o *occurrence) int {
	for k := range gs[:min(len(gs), maxFew)] {
		if same(&occ[gs[k].first], o) {
			return k
		}
	}
	return -1
}

// same reports whether a and b are the same drawing.
func same(a, b *occurrence) bool {
	return len(a.inner) == len(b.inner) && bytes.Equal(a.viewBox, b.viewBox) && bytes.Equal(a.inner, b.inner)
}

// indexSVG is bytes.Index(p, svgOpen), faster on a page: it looks for
// the 'v' of "<svg", three times rarer in pages than the '<' that
// bytes.Index looks for first.
func indexSVG(p []byte) int {
	for off := 2; off < len(p); {
		j := bytes.IndexByte(p[off:], 'v')
		if j < 0 {
			return -1
		}
		k := off + j - 2 // where "<svg" would start
		if k+len(svgOpen) <= len(p) && p[k] == '<' && p[k+1] == 's' && p[k+3] == 'g' {
			return k
		}
		off += j + 1
	}
	return -1
}

// endSVG returns bytes.Index(p, svgClose), or -1 when there is none or
// svgOpen comes before it (an SVG nested in the drawing), looking at
// each '<' once.
func endSVG(p []byte) int {
	for i := 0; ; i++ {
		j := bytes.IndexByte(p[i:], '<')
		if j < 0 {
			return -1
		}
		i += j
		switch q := p[i+1:]; {
		case bytes.HasPrefix(q, svgClose[1:]):
			return i
		case bytes.HasPrefix(q, svgOpen[1:]):
			return -1
		}
	}
}

// attrViewBox returns the value of the viewBox attribute of an opening tag.
func attrViewBox(open []byte) []byte {
	i := bytes.Index(open, []byte(` viewBox="`))
	if i < 0 {
		return nil
	}
	v := open[i+len(` viewBox="`):]
	if j := bytes.IndexByte(v, '"'); j >= 0 {
		return v[:j]
	}
	return nil
}

// parse reads the <svg …>…</svg> element at start: the opening tag
// (quotes respected) and what is inside; an element with an SVG nested in
// it, an id, or no end is left alone.
func parse(page []byte, start int) (occurrence, bool) {
	i := start + len(svgOpen)
	if i >= len(page) || (page[i] != ' ' && page[i] != '>' && page[i] != '\n' && page[i] != '\t') {
		return occurrence{}, false
	}
	var quote byte
	id := false // " id=" in the tag (a value's too)
	for ; i < len(page); i++ {
		c := page[i]
		if c == '=' && page[i-1] == 'd' && page[i-2] == 'i' && page[i-3] == ' ' {
			id = true
		}
		if quote != 0 {
			if c == quote {
				quote = 0
			}
			continue
		}
		if c == '"' || c == '\'' {
			quote = c
		} else if c == '>' {
			break
		}
	}
	if i >= len(page) || page[i-1] == '/' {
		return occurrence{}, false
	}
	open := page[start : i+1]
	end := endSVG(page[i+1:])
	if end < 0 || id {
		return occurrence{}, false
	}
	inner := page[i+1 : i+1+end]
	return occurrence{start: start, end: i + 1 + end + len(svgClose), open: open, inner: inner, viewBox: attrViewBox(open)}, true
}
