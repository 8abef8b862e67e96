package htmlmin

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

// Reused spans: the chrome of a site (the head, the header and its
// menus, the footer) is nearly the same on every page, and its pieces
// come in the same order. So the Minifier keeps a few whole pages it
// minified (references) with where their pieces start, in their input
// and their output; at the start of a piece of a new page it looks up
// a reference position whose next keyLen bytes hash alike, finds how
// far both pages are equal, and writes the reference's output for the
// pieces that lie wholly within that run (and whose next piece's first
// token, a tag that cuts the page, does too) without lexing them.
//
// This gives what minifying them would give: the pieces of a page are
// minified independently (see Minify), a piece start leaves no state to
// the lexer (a tag that cuts the page is lexed from its '<' whatever
// precedes it) nor to Minify's loop, and equal bytes from one piece
// start to the end of the first token of another make the same tokens,
// hence the same pieces and the same cut there.

// Reference limits, for the Minifier's lifetime (one build).
const (
	keyLen      = 32      // bytes hashed at a piece start
	maxRefs     = 48      // reference pages
	maxRefPage  = 1 << 18 // a longer page is not a reference
	maxRefBytes = 6 << 20 // of references' input and output
	minReuse    = 2       // a page reused under 1/minReuse of its bytes becomes a reference
)

// cut is a piece start of a reference: its offset in the input and in
// the output, and the end of its first token (the tag that cut the
// page there). The last cut of a reference is its end.
type cut struct {
	raw, out, tokEnd int32
}

// ref is a reference page.
type ref struct {
	raw, out []byte
	cuts     []cut
}

// refIndex maps the hash of the keyLen bytes at a piece start of the
// references to that piece start; it is not changed once published.
type refIndex struct {
	refs  []*ref
	slots []refSlot // open addressing, a power of two
	// filter has the bit h>>filterShift set for each hash h in slots:
	// most piece starts are in no reference, and it answers for them
	// from the first level cache.
	filter [1 << (64 - filterShift - 6)]uint64
	bytes  int // of the references' input and output
}

type refSlot struct {
	h   uint64 // 0: empty
	ref *ref
	cut int32
}

// spanKey hashes b[:keyLen]; never 0.
func spanKey(b []byte) uint64 {
	_ = b[keyLen-1]
	const (
		k0 = 0x9e3779b97f4a7c15
		k1 = 0xc2b2ae3d27d4eb4f
	)
	a := binary.LittleEndian.Uint64(b)
	c := binary.LittleEndian.Uint64(b[8:])
	d := binary.LittleEndian.Uint64(b[16:])
	e := binary.LittleEndian.Uint64(b[24:])
	h := (a^k0)*k1 ^ bits.RotateLeft64((c^k1)*k0, 29)
	h = (h^d)*k0 ^ bits.RotateLeft64((e^k0)*k1, 31)
	h ^= h >> 32
	return h | 1
}

const filterShift = 48

func (ix *refIndex) find(h uint64) *refSlot {
	if f := h >> filterShift; ix.filter[f>>6]&(1<<(f&63)) == 0 {
		return nil
	}
	mask := uint64(len(ix.slots) - 1)
	for i := h; ; i++ {
		s := &ix.slots[i&mask]
		if s.h == h {
			return s
		}
		if s.h == 0 {
			return nil
		}
	}
}

// hasRoom reports whether ix (nil: no references yet) can take one more
// reference of n bytes of input and output.
func (ix *refIndex) hasRoom(n int) bool {
	return ix == nil || len(ix.refs) < maxRefs && ix.bytes+n <= maxRefBytes
}

// withRef returns an index of ix's references and r.
func (ix *refIndex) withRef(r *ref) *refIndex {
	nx := &refIndex{}
	n := 0
	if ix != nil {
		nx.refs = append(nx.refs, ix.refs...)
		nx.bytes = ix.bytes
	}
	nx.refs = append(nx.refs, r)
	nx.bytes += len(r.raw) + len(r.out)
	for _, r := range nx.refs {
		n += len(r.cuts)
	}
	size := 1024
	for size < 2*n {
		size *= 2
	}
	nx.slots = make([]refSlot, size)
	mask := uint64(size - 1)
	for _, r := range nx.refs {
		for k, c := range r.cuts[:len(r.cuts)-1] {
			if len(r.raw)-int(c.raw) < keyLen {
				break
			}
			h := spanKey(r.raw[c.raw:])
			for i := h; ; i++ {
				s := &nx.slots[i&mask]
				if s.h == h {
					break // the first one kept
				}
				if s.h == 0 {
					*s = refSlot{h: h, ref: r, cut: int32(k)}
					f := h >> filterShift
					nx.filter[f>>6] |= 1 << (f & 63)
					break
				}
			}
		}
	}
	return nx
}

// commonPrefix returns how many bytes a and b have in common at
// their start.
func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	// Long runs are equal: compared a block at a time (bytes.Equal is
	// vectorised), the first unequal block in smaller ones, then word
	// by word.
	for _, block := range [...]int{512, 64} {
		for i+block <= n && bytes.Equal(a[i:i+block], b[i:i+block]) {
			i += block
		}
	}
	for ; i+8 <= n; i += 8 {
		if x := binary.LittleEndian.Uint64(a[i:]) ^ binary.LittleEndian.Uint64(b[i:]); x != 0 {
			return i + bits.TrailingZeros64(x)/8
		}
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

// skip appends to s.out the output of the pieces of page from pos, a
// piece start, that a reference of ix has, and returns where the first
// piece it does not write starts (pos if none). It appends the piece
// starts it passes and lands on to s.cuts.
func skip(ix *refIndex, s *state, page []byte, pos int) int {
	if len(page)-pos < keyLen {
		return pos
	}
	e := ix.find(spanKey(page[pos:]))
	if e == nil {
		return pos
	}
	r := e.ref
	c := r.cuts[e.cut]
	rest := r.raw[c.raw:]
	n := commonPrefix(page[pos:], rest)
	// The last cut after c whose first token lies within the n equal
	// bytes; the end of the reference only if page ends there too.
	cuts := r.cuts[e.cut+1:]
	lo, hi := 0, len(cuts) // cuts[:lo] fit, cuts[hi:] do not
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(cuts[m].tokEnd-c.raw) <= n {
			lo = m + 1
		} else {
			hi = m
		}
	}
	j := lo - 1
	if j == len(cuts)-1 && (n != len(rest) || pos+n != len(page)) {
		j--
	}
	if j < 0 {
		return pos
	}
	land := cuts[j]
	s.out = append(s.out, r.out[c.out:land.out]...)
	dRaw, dOut := int32(pos)-c.raw, int32(len(s.out))-land.out
	for _, k := range cuts[:j+1] {
		s.cuts = append(s.cuts, cut{raw: k.raw + dRaw, out: k.out + dOut, tokEnd: k.tokEnd + dRaw})
	}
	s.reused += int(land.raw - c.raw)
	return pos + int(land.raw-c.raw)
}
