package sprite

import (
	"bytes"
	"hash/maphash"
	"math/bits"
	"slices"
)

// The sprite pass as it was before its occurrences and groups moved to
// the stack (and " id=" was looked for while reading the tag): the
// oracle of TestRewriteOld and FuzzRewrite.

type oldOccurrence struct {
	start, end int // the whole element
	open       []byte
	inner      []byte
	viewBox    []byte
	group      *oldGroup
}

type oldGroup struct {
	first *oldOccurrence
	n     int
	// mixed is set when two different drawings have the same hash: then
	// none of them is shared (as good as never happens).
	mixed bool
	id    string
}

func oldRewriteIn(c *IDs, buf, page []byte) []byte {
	body := oldBodyOpen(page)
	if body == nil {
		return page
	}
	var occ []*oldOccurrence
	// The first drawings of a page are told apart by comparing them
	// (a page has a few), the others by a hash too.
	var few []*oldGroup
	var groups map[uint64]*oldGroup
	for i := body[1]; ; {
		j := indexSVG(page[i:])
		if j < 0 {
			break
		}
		start := i + j
		o, ok := oldParse(page, start)
		if !ok {
			i = start + len(svgOpen)
			continue
		}
		g := oldFind(few, o)
		switch {
		case g != nil:
		case len(few) < maxFew:
			g = &oldGroup{first: o}
			few = append(few, g)
		default:
			// Two hashes of whole slices: much cheaper than a
			// maphash.Hash, which hashes a long drawing 128 bytes at
			// a time.
			sum := maphash.Bytes(seed, o.inner) ^ bits.RotateLeft64(maphash.Bytes(seed, o.viewBox), 1)
			if groups == nil {
				groups = map[uint64]*oldGroup{}
			}
			g = groups[sum]
			switch {
			case g == nil:
				g = &oldGroup{first: o}
				groups[sum] = g
			case !oldSame(g.first, o):
				g.mixed = true
			}
		}
		g.n++
		o.group = g
		occ = append(occ, o)
		i = o.end
	}
	// The sprite, in the order the drawings first appear.
	var sprite bytes.Buffer
	var key []byte
	for _, o := range occ {
		g := o.group
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
	out = append(out, page[:body[1]]...)
	out = append(out, `<svg xmlns="http://www.w3.org/2000/svg" hidden aria-hidden="true" focusable="false">`...)
	out = append(out, sprite.Bytes()...)
	out = append(out, "</svg>"...)
	last := body[1]
	for _, o := range occ {
		if o.group.id == "" {
			continue
		}
		out = append(out, page[last:o.start]...)
		out = append(out, o.open...)
		out = append(out, `<use href="#`...)
		out = append(out, o.group.id...)
		out = append(out, `"></use></svg>`...)
		last = o.end
	}
	return append(out, page[last:]...)
}

func oldFind(gs []*oldGroup, o *oldOccurrence) *oldGroup {
	for _, g := range gs {
		if oldSame(g.first, o) {
			return g
		}
	}
	return nil
}

func oldSame(a, b *oldOccurrence) bool {
	return len(a.inner) == len(b.inner) && bytes.Equal(a.viewBox, b.viewBox) && bytes.Equal(a.inner, b.inner)
}

func oldParse(page []byte, start int) (*oldOccurrence, bool) {
	i := start + len(svgOpen)
	if i >= len(page) || (page[i] != ' ' && page[i] != '>' && page[i] != '\n' && page[i] != '\t') {
		return nil, false
	}
	var quote byte
	for ; i < len(page); i++ {
		c := page[i]
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
		return nil, false
	}
	open := page[start : i+1]
	end := endSVG(page[i+1:])
	if end < 0 {
		return nil, false
	}
	inner := page[i+1 : i+1+end]
	if bytes.Contains(open, []byte(" id=")) {
		return nil, false
	}
	return &oldOccurrence{start: start, end: i + 1 + end + len(svgClose), open: open, inner: inner, viewBox: attrViewBox(open)}, true
}

func oldBodyOpen(page []byte) []int {
	i := bytes.Index(page, []byte("<body"))
	if i < 0 {
		return nil
	}
	j := bytes.IndexByte(page[i+len("<body"):], '>')
	if j < 0 {
		return nil
	}
	return []int{i, i + len("<body") + j + 1}
}
