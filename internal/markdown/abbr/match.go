package abbr

import (
	"cmp"
	"encoding/binary"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"
)

// matcher finds whole-word occurrences of a set of terms in text. It is
// immutable once built.
type matcher struct {
	// first maps a byte to 1 + the index in groups of the terms that
	// start with it, or 0 when none does: most bytes of a text are
	// rejected by this one lookup.
	// It is shared like pairs.
	first *[256]uint16
	// pairs is a bit set of the first two bytes of the terms: with
	// minLen >= 2 it rejects most of the positions first lets through
	// (the capital at the start of a sentence).
	// It is shared between a matcher and those made from it by with,
	// and copied before a change.
	pairs  *pairSet
	groups [][]entry // each sorted longest first
	minLen int
	// When every term starts with an ASCII byte, each first byte b lies
	// in one of two ranges, lo1 < b < hi1 or lo2 < b < hi2, and skip can
	// pass over eight bytes at a time; hi1 is 0 otherwise. The ranges
	// split the first bytes at their widest gap, such as the one between
	// the "2" of "2FA" and the capitals, which keeps the digits and
	// punctuation of Markdown syntax (":", "=", "[^1]") out.
	lo1, hi1, lo2, hi2 uint64
	// spaced are the terms with a space, which may span a soft line
	// break; firsts matches their first words (up to the first space),
	// so that candidates finds the blocks where they may start. Both
	// are nil when no term has a space.
	spaced []entry
	firsts *matcher
}

// setSpaced sets spaced and firsts from the groups.
func (m *matcher) setSpaced() {
	m.spaced, m.firsts = nil, nil
	words := map[string]string{}
	for _, g := range m.groups {
		for _, e := range g {
			if i := strings.IndexByte(e.term, ' '); i > 0 {
				m.spaced = append(m.spaced, e)
				words[e.term[:i]] = "-"
			}
		}
	}
	if len(words) > 0 {
		m.firsts = newMatcher(words)
	}
}

// bounds sets the ranges from first; hi1 is 0 when some term starts with
// byte 0 or a byte of 0x7f or more.
func (m *matcher) bounds() {
	m.lo1, m.hi1, m.lo2, m.hi2 = 0, 0, 0, 0
	lo, hi := -1, -1
	gapLo, gapHi := -1, -1 // the widest gap: first bytes gapLo and gapHi, none between
	for b, g := range m.first {
		if g == 0 {
			continue
		}
		if lo < 0 {
			lo = b
		} else if b-hi > gapHi-gapLo {
			gapLo, gapHi = hi, b
		}
		hi = b
	}
	if lo < 1 || hi >= 0x7f {
		return // the word test needs 0 < lo and hi < 128
	}
	if gapLo < 0 {
		gapLo, gapHi = hi, lo // one byte: both ranges are the same
	}
	m.lo1, m.hi1 = uint64(lo-1), uint64(gapLo+1)
	m.lo2, m.hi2 = uint64(gapHi-1), uint64(hi+1)
}

// inBounds reports whether c lies in one of the ranges.
func (m *matcher) inBounds(c byte) bool {
	b := uint64(c)
	return m.lo1 < b && b < m.hi1 || m.lo2 < b && b < m.hi2
}

const (
	ones  = ^uint64(0) / 255 // 0x0101...
	highs = ones * 0x80
	lows  = ones * 0x7f
)

// skip returns the first position from i on, below end, whose byte may
// start a term, or end; in the last seven bytes it stops at once. It
// tests eight bytes at a time (bit twiddling's
// "hasbetween", once per range): most text is lower case, spaces and
// punctuation, which no term starts with.
func (m *matcher) skip(src []byte, i, end int) int {
	if m.hi1 == 0 {
		return i
	}
	a1, b1 := ones*(127+m.hi1), ones*(127-m.lo1)
	a2, b2 := ones*(127+m.hi2), ones*(127-m.lo2)
	for i+8 <= end {
		x := binary.LittleEndian.Uint64(src[i:])
		t := x & lows
		if b := ((a1-t)&(t+b1) | (a2-t)&(t+b2)) &^ x & highs; b != 0 {
			// The lowest flag is exact; flags above it may be false.
			return i + bits.TrailingZeros64(b)>>3
		}
		i += 8
	}
	return i
}

type pairSet [1 << 16 / 64]uint64

func pairOf(a, b byte) uint { return uint(a)<<8 | uint(b) }

func (s *pairSet) has(p uint) bool { return s[p>>6]&(1<<(p&63)) != 0 }

// addPair records the first two bytes of t; shared tells that m.pairs
// belongs to another matcher too, and is copied first.
func (m *matcher) addPair(t string, shared *bool) {
	if len(t) < 2 || m.pairs.has(pairOf(t[0], t[1])) {
		return
	}
	if *shared {
		c := *m.pairs
		m.pairs, *shared = &c, false
	}
	p := pairOf(t[0], t[1])
	m.pairs[p>>6] |= 1 << (p & 63)
}

// group returns 1 + the index in groups of the terms that may start at
// src[i], or 0 when none can; i+minLen must not exceed len(src).
func (m *matcher) group(src []byte, i int) uint16 {
	g := m.first[src[i]]
	if g == 0 || m.minLen < 2 {
		return g
	}
	if !m.pairs.has(pairOf(src[i], src[i+1])) {
		return 0
	}
	return g
}

type entry struct {
	term, title string
	escaped     []byte // title, escaped for HTML
}

// match is an occurrence of a term at src[start:end].
type match struct {
	start, end int
	e          *entry
}

// newMatcher returns a matcher for terms (term → expansion), or nil when
// there are none. Terms with an empty expansion are left out.
func newMatcher(terms map[string]string) *matcher {
	m := &matcher{first: new([256]uint16), pairs: new(pairSet)}
	shared := false
	for t, title := range terms {
		if t == "" || title == "" {
			continue
		}
		g := m.first[t[0]]
		if g == 0 {
			m.groups = append(m.groups, nil)
			g = uint16(len(m.groups))
			m.first[t[0]] = g
		}
		m.groups[g-1] = append(m.groups[g-1], entry{term: t, title: title, escaped: util.EscapeHTML([]byte(title))})
		m.addPair(t, &shared)
		if m.minLen == 0 || len(t) < m.minLen {
			m.minLen = len(t)
		}
	}
	if len(m.groups) == 0 {
		return nil
	}
	for _, g := range m.groups {
		slices.SortFunc(g, func(a, b entry) int { return compareTerms(a.term, b.term) })
	}
	m.bounds()
	m.setSpaced()
	return m
}

// compareTerms orders the terms of a group: longest first, so that the
// longest term wins where several start at one place.
func compareTerms(a, b string) int {
	return cmp.Or(cmp.Compare(len(b), len(a)), cmp.Compare(a, b))
}

// with returns a matcher for m's terms changed by defs (term → expansion;
// an empty expansion removes the term). m is not changed: only the groups
// the definitions touch are copied, so a page with a few definitions does
// not pay for rebuilding the glossary's matcher. Removing terms leaves
// minLen, the pair set and the skip bounds as they were: a matcher that
// tests a few more positions than it needs to is still exact. m may be
// nil.
func (m *matcher) with(defs map[string]string) *matcher {
	if m == nil {
		return newMatcher(defs)
	}
	n := &matcher{first: m.first, pairs: m.pairs, groups: slices.Clone(m.groups), minLen: m.minLen,
		lo1: m.lo1, hi1: m.hi1, lo2: m.lo2, hi2: m.hi2, spaced: m.spaced, firsts: m.firsts}
	spacedChanged := false
	shared, sharedFirst := true, true
	setFirst := func(c byte, g uint16) {
		if sharedFirst {
			f := *n.first
			n.first, sharedFirst = &f, false
		}
		n.first[c] = g
	}
	var copied [256]bool // by first byte
	removed := false
	for t, title := range defs {
		if t == "" {
			continue
		}
		if strings.IndexByte(t, ' ') > 0 {
			spacedChanged = true
		}
		c := t[0]
		g := n.first[c]
		if g == 0 {
			if title == "" {
				continue
			}
			n.groups = append(n.groups, nil)
			g = uint16(len(n.groups))
			setFirst(c, g)
			n.widen(c)
		} else if !copied[c] {
			n.groups[g-1] = slices.Clone(n.groups[g-1])
		}
		copied[c] = true
		grp := n.groups[g-1]
		i := slices.IndexFunc(grp, func(e entry) bool { return e.term == t })
		switch {
		case i >= 0 && title == "":
			if n.groups[g-1] = slices.Delete(grp, i, i+1); len(n.groups[g-1]) == 0 {
				setFirst(c, 0) // a later definition starts a new group
			}
			removed = true
		case i >= 0:
			grp[i].title, grp[i].escaped = title, util.EscapeHTML([]byte(title))
		case title != "":
			// The group stays sorted, longest first.
			j, _ := slices.BinarySearchFunc(grp, t, func(e entry, t string) int { return compareTerms(e.term, t) })
			n.groups[g-1] = slices.Insert(grp, j, entry{term: t, title: title, escaped: util.EscapeHTML([]byte(title))})
			n.addPair(t, &shared)
			n.minLen = min(n.minLen, len(t))
		}
	}
	if removed && !slices.ContainsFunc(n.groups, func(g []entry) bool { return len(g) > 0 }) {
		return nil
	}
	if spacedChanged {
		n.setSpaced()
	}
	return n
}

// across finds a term with a space that spans a soft line break, the
// break read as that space: the part before it ends the text p[0]:p[1]
// (trailing spaces aside), the rest starts the text q[0]:q[1] (leading
// spaces aside). The term must start at from or later. Of several, the
// one that starts first wins, then the longest, as in find. The match
// ends in q.
func (m *matcher) across(src []byte, p, q [2]int, from int) (match, bool) {
	var best match
	ok := false
	aEnd := p[1]
	for aEnd > p[0] && (src[aEnd-1] == ' ' || src[aEnd-1] == '\t') {
		aEnd--
	}
	bStart := q[0]
	for bStart < q[1] && (src[bStart] == ' ' || src[bStart] == '\t') {
		bStart++
	}
	for k := range m.spaced {
		e := &m.spaced[k]
		for j := strings.IndexByte(e.term, ' '); j >= 0; {
			left, right := e.term[:j], e.term[j+1:]
			start, end := aEnd-len(left), bStart+len(right)
			if left != "" && right != "" && start >= max(p[0], from) && end <= q[1] &&
				string(src[start:aEnd]) == left && string(src[bStart:end]) == right &&
				!wordBefore(src, start) && !wordAfter(src, end) &&
				!splitsToken(src, start, p[0], p[1]) && !splitsToken(src, end, q[0], q[1]) &&
				(!ok || start < best.start || start == best.start && len(e.term) > len(best.e.term)) {
				best, ok = match{start: start, end: end, e: e}, true
			}
			next := strings.IndexByte(e.term[j+1:], ' ')
			if next < 0 {
				break
			}
			j += 1 + next
		}
	}
	return best, ok
}

// widen lets skip stop at byte c, a new first byte of a term: the range
// nearer to c grows to take it.
func (m *matcher) widen(c byte) {
	b := uint64(c)
	switch {
	case m.hi1 == 0: // skip tests every byte already
	case c < 1 || c >= 0x7f:
		m.lo1, m.hi1, m.lo2, m.hi2 = 0, 0, 0, 0
	case m.inBounds(c):
	case dist(b, m.lo1, m.hi1) <= dist(b, m.lo2, m.hi2):
		m.lo1, m.hi1 = min(m.lo1, b-1), max(m.hi1, b+1)
	default:
		m.lo2, m.hi2 = min(m.lo2, b-1), max(m.hi2, b+1)
	}
}

// dist is how far b lies outside the range lo < x < hi.
func dist(b, lo, hi uint64) uint64 {
	if b <= lo {
		return lo + 1 - b
	}
	return b + 1 - hi
}

// candidates appends to dst, in increasing order, the offsets in src at
// which some term's bytes occur, word boundaries aside. A document is
// scanned once, in one piece; a block none of whose offsets falls within
// its lines holds no abbreviation.
func (m *matcher) candidates(dst []int, src []byte) []int {
	last := len(src) - m.minLen
	for i := 0; i <= last; i++ {
		if i = m.skip(src, i, last+1); i > last {
			break
		}
		g := m.group(src, i)
		if g == 0 {
			continue
		}
		for _, e := range m.groups[g-1] {
			if i+len(e.term) <= len(src) && string(src[i:i+len(e.term)]) == e.term {
				dst = append(dst, i)
				break
			}
		}
	}
	return dst
}

// find appends to dst the occurrences of terms in src[lo:hi], left to
// right, taking the longest term at each position. A term must not be
// preceded or followed by a letter, digit, mark or underscore, looking
// beyond lo and hi into src (the text around a node is still text: in
// "a_E2EE" the "_" is a node of its own but still glues the words), and
// must not begin or end inside a backslash escape or an entity
// reference, which the renderer resolves only when whole.
func (m *matcher) find(dst []match, src []byte, lo, hi int) []match {
	if m == nil {
		return dst
	}
	last := hi - m.minLen
	for i := lo; i <= last; i++ {
		if i = m.skip(src, i, last+1); i > last {
			break
		}
		g := m.group(src, i)
		if g == 0 || wordBefore(src, i) {
			continue
		}
		for k := range m.groups[g-1] {
			e := &m.groups[g-1][k]
			end := i + len(e.term)
			if end > hi || string(src[i:end]) != e.term {
				continue
			}
			if wordAfter(src, end) || splitsToken(src, i, lo, hi) || splitsToken(src, end, lo, hi) {
				continue
			}
			dst = append(dst, match{start: i, end: end, e: e})
			i = end - 1
			break
		}
	}
	return dst
}

func isWord(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '_' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// wordBefore reports whether the character that ends at src[i] is part of
// a word; an entity reference counts as the character it stands for.
func wordBefore(src []byte, i int) bool {
	if i == 0 {
		return false
	}
	c := src[i-1]
	if c == ';' {
		if r, ok := entityBefore(src, i); ok {
			return isWord(r)
		}
	}
	if c < utf8.RuneSelf {
		return isWord(rune(c))
	}
	r, _ := utf8.DecodeLastRune(src[:i])
	return isWord(r)
}

// wordAfter reports whether the character that starts at src[i] is part
// of a word; an escaped character and an entity reference count as the
// character they stand for.
func wordAfter(src []byte, i int) bool {
	if i >= len(src) {
		return false
	}
	c := src[i]
	switch {
	case c == '\\' && i+1 < len(src) && util.IsPunct(src[i+1]):
		return isWord(rune(src[i+1]))
	case c == '&':
		if r, _, ok := entityAt(src, i); ok {
			return isWord(r)
		}
	}
	if c < utf8.RuneSelf {
		return isWord(rune(c))
	}
	r, _ := utf8.DecodeRune(src[i:])
	return isWord(r)
}

const maxEntity = 40 // longer than any entity name or numeric reference

func isEntityByte(c byte) bool {
	return c == '#' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// entityAt decodes the entity reference that starts at src[amp] the way
// goldmark's renderer does; it returns the first character it stands for
// and the offset after its ';'.
func entityAt(src []byte, amp int) (rune, int, bool) {
	j := amp + 1
	for j < len(src) && j-amp <= maxEntity && isEntityByte(src[j]) {
		j++
	}
	if j >= len(src) || src[j] != ';' || j == amp+1 {
		return 0, 0, false
	}
	body := string(src[amp+1 : j])
	if body[0] == '#' {
		base, digits, maxLen := 10, body[1:], 7
		if len(digits) > 0 && (digits[0] == 'x' || digits[0] == 'X') {
			base, digits, maxLen = 16, digits[1:], 6
		}
		if digits == "" || len(digits) > maxLen {
			return 0, 0, false
		}
		v, err := strconv.ParseUint(digits, base, 32)
		if err != nil {
			return 0, 0, false
		}
		return rune(v), j + 1, true
	}
	e, ok := util.LookUpHTML5EntityByName(body)
	if !ok {
		return 0, 0, false
	}
	r, _ := utf8.DecodeRune(e.Characters)
	return r, j + 1, true
}

// entityBefore decodes an entity reference that ends just before src[i].
func entityBefore(src []byte, i int) (rune, bool) {
	for a := i - 2; a >= 0 && i-a <= maxEntity+2; a-- {
		if src[a] == '&' {
			r, end, ok := entityAt(src, a)
			if !ok || end != i {
				return 0, false
			}
			if e, ok := util.LookUpHTML5EntityByName(string(src[a+1 : i-1])); ok {
				r, _ = utf8.DecodeLastRune(e.Characters)
			}
			return r, true
		}
		if !isEntityByte(src[a]) {
			return 0, false
		}
	}
	return 0, false
}

// splitsToken reports whether a cut before src[p] would fall inside a
// backslash escape or something shaped like an entity reference
// ("&name;", "&#123;") of the text src[lo:hi].
func splitsToken(src []byte, p, lo, hi int) bool {
	if p <= lo || p >= hi {
		return false
	}
	// An odd run of backslashes before p escapes src[p].
	if util.IsPunct(src[p]) {
		n := 0
		for k := p - 1; k >= lo && src[k] == '\\'; k-- {
			n++
		}
		if n%2 == 1 {
			return true
		}
	}
	if !isEntityByte(src[p]) && src[p] != ';' {
		return false
	}
	a := p - 1
	for a >= lo && p-a <= maxEntity && isEntityByte(src[a]) {
		a--
	}
	if a < lo || src[a] != '&' {
		return false
	}
	j := p
	for j < hi && j-a <= maxEntity && isEntityByte(src[j]) {
		j++
	}
	return j < hi && src[j] == ';'
}
