package search

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"hash/maphash"
	"math/bits"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// wordTable collects the words of a page with their postings, for
// encodeWords: each distinct word once, its postings linked in section
// order, so that only the distinct words are sorted. The folded words are
// kept in one byte slice (arena) and found through an open-addressing
// table of their hashes, so that counting a word allocates nothing and
// looks it up once. One is reused from page to page (wordTables).
type wordTable struct {
	seed maphash.Seed
	// slots: per slot 0 (empty) or the high 32 bits of the word's hash,
	// which also place it, and its index in words plus one (low 32 bits);
	// len is a power of two, at least twice len(words).
	slots []uint64
	// short finds the words of at most 8 ASCII bytes instead, by their
	// bytes packed in a number (packed), without hashing nor comparing
	// them as strings: most words. Open addressing too, len a power of
	// two at least twice nshort; placed by shortSeed.
	short     []shortSlot
	shortMask uint64 // len(short)-1, or 0
	nshort    int
	shortSeed uint64
	arena     []byte // the folded words, one after the other
	words     []tableWord
	posts     []tablePosting
	postSize  int // of the postings encoded (encodeInto)
	// seen[:nseen] are the words of the section being counted; len(seen)
	// is more than len(words).
	seen  []int32
	nseen int
	// buf holds a word that folding changed.
	buf []byte
	// text holds a string being counted (countString).
	text []byte
	// kc are the postings by shard key of encode.
	kc []keyCount
	// Of sortWords.
	sorted []sortedWord
	keys   []uint64
	order  []int32
}

// shortSlot is a slot of wordTable.short: a word packed, its first 8
// bytes in packed (0: none) and the others in packed2, and its index in
// words.
type shortSlot struct {
	packed, packed2 uint64
	id              int32
}

type tableWord struct {
	off, end    int32 // the folded word, in arena
	first, last int32 // postings, in posts
	n           int32 // postings
	// Counts in the section at, the last one where the word was seen:
	// in the heading (high 32 bits) and in the text (low 32 bits). (A
	// page's text, at most limits.PageSize rendered, has far fewer
	// words.)
	at     int32
	counts uint64
}

// tablePosting is a posting of a word (section and weight, each less
// than 1<<31: a page has far fewer words), linked to the word's next one.
type tablePosting struct {
	section, weight int32
	next            int32 // in posts; -1 after the last
}

// sortedWord is a word to sort: its first 8 bytes as a big-endian number
// (0 bytes after a shorter word, which has no 0 byte), which order most
// words without reading them again, and its index in words.
type sortedWord struct {
	prefix uint64
	id     int32
}

var wordTables = sync.Pool{New: func() any {
	seed := maphash.MakeSeed()
	return &wordTable{seed: seed, shortSeed: maphash.String(seed, "short")}
}}

// maxKeptSlots bounds the slots a wordTable keeps from page to page:
// clearing those of a page with many words would cost every page after.
const maxKeptSlots = 1 << 15

// release empties t, keeping its memory, and returns it to wordTables.
func (t *wordTable) release() {
	if len(t.slots) > maxKeptSlots {
		t.slots = nil
	}
	if len(t.short) > maxKeptSlots {
		t.short, t.shortMask = nil, 0
	}
	if cap(t.text) > maxKeptText {
		t.text = nil
	}
	clear(t.slots)
	clear(t.short)
	t.nshort, t.postSize = 0, 0
	t.arena, t.words, t.posts, t.sorted = t.arena[:0], t.words[:0], t.posts[:0], t.sorted[:0]
	t.nseen = 0
	t.keys, t.order, t.kc = t.keys[:0], t.order[:0], t.kc[:0]
	wordTables.Put(t)
}

// lookup returns the index in t.words of a folded word whose hash is h,
// adding the word when it is new.
func lookup[T string | []byte](t *wordTable, h uint64, word T) int32 {
	tag := h >> 32 << 32
	if len(t.slots) < 2*(len(t.words)+1) {
		t.grow()
	}
	mask := uint64(len(t.slots) - 1)
	for i := h >> 32 & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			id := addWord(t, word)
			t.slots[i] = tag | uint64(id+1)
			return id
		}
		if s&^(1<<32-1) == tag {
			id := int32(uint32(s)) - 1
			if w := &t.words[id]; string(t.arena[w.off:w.end]) == string(word) {
				return id
			}
		}
	}
}

// grow doubles the slots (at least 256), placing the words again.
func (t *wordTable) grow() {
	n := max(256, 2*len(t.slots))
	old := t.slots
	t.slots = make([]uint64, n)
	mask := uint64(n - 1)
	for _, s := range old {
		if s == 0 {
			continue
		}
		i := s >> 32 & mask
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = s
	}
}

// count counts the words of a text of section (0, the title, or i+1).
// Words of ASCII letters and digits are read here: 8 bytes at a time
// (wordBytes8) when 8 or 16 bytes are left, which finds a word of at
// most 7 or 15 bytes and folds it with no branch per byte, else byte by
// byte (countASCII); a word with other characters is read by nextWord.
func (t *wordTable) count(text []byte, section int, heading bool) {
	for i := 0; i < len(text); {
		if class := byteClasses[text[i]]; class == classOther {
			i++
			continue
		} else if class == classNonASCII {
			i = t.countWord(text, i, section, heading)
			continue
		}
		if i+8 <= len(text) {
			x := binary.LittleEndian.Uint64(text[i:])
			if alpha, word := wordBytes8(x); word != hi8 {
				// The word ends in these 8 bytes, after n of them (at
				// least 1: text[i] is a word byte).
				n := uint(bits.TrailingZeros64(^word&hi8)) >> 3
				if x>>(8*n)&0x80 != 0 {
					// A non-ASCII character: the word may go on.
					i = t.countWord(text, i, section, heading)
					continue
				}
				// Most words were seen before in the page, at the
				// first slot lookupShort tries: that one first.
				packed := (x | alpha>>2) & (1<<(8*n) - 1)
				id := t.probeShort(packed, 0)
				if id < 0 {
					id = t.lookupShort(packed, 0, int(n))
				}
				t.countID(id, section, heading)
				// The byte after the word, ASCII and no word byte,
				// is passed too.
				i += int(n) + 1
				continue
			} else if i+16 <= len(text) {
				// A word of 8 bytes or more: one of at most 15 ends in
				// the next 8, after 8+n.
				x2 := binary.LittleEndian.Uint64(text[i+8:])
				if alpha2, word2 := wordBytes8(x2); word2 != hi8 {
					n := uint(bits.TrailingZeros64(^word2&hi8)) >> 3
					if x2>>(8*n)&0x80 != 0 {
						i = t.countWord(text, i, section, heading)
						continue
					}
					packed, packed2 := x|alpha>>2, (x2|alpha2>>2)&(1<<(8*n)-1)
					id := t.probeShort(packed, packed2)
					if id < 0 {
						id = t.lookupShort(packed, packed2, 8+int(n))
					}
					t.countID(id, section, heading)
					i += 8 + int(n) + 1 // and the byte after it
					continue
				}
			}
		}
		i = t.countASCII(text, i, section, heading)
	}
}

// hi8 has the high bit of each of 8 bytes; lo8 the low bit.
const (
	lo8 = 0x0101010101010101
	hi8 = 0x8080808080808080
)

// wordBytes8 classifies 8 bytes (x, the first lowest) as count does:
// word has the high bit (0x80) of each byte that is an ASCII letter or
// digit, alpha of each that is an ASCII letter. (Each byte's low 7 bits,
// b, are compared to bounds by adding 0x80-lo, which sets the high bit
// when b >= lo, and 0x7f-hi, which sets it when b > hi: neither sum
// carries into the next byte.)
func wordBytes8(x uint64) (alpha, word uint64) {
	b := x &^ hi8
	l := b | 0x20*lo8 // letters lower-cased
	alpha = (l + (0x80-'a')*lo8) &^ (l + (0x7f-'z')*lo8)
	digit := (b + (0x80-'0')*lo8) &^ (b + (0x7f-'9')*lo8)
	alpha &^= x // not a non-ASCII byte
	alpha &= hi8
	return alpha, (alpha | digit&^x) & hi8
}

// countASCII counts the word of ASCII letters and digits at i as count
// does, byte by byte, returning where it ends.
func (t *wordTable) countASCII(text []byte, i, section int, heading bool) int {
	start, upper := i, false
	class := uint8(classOther)
	var packed uint64
	for ; i < len(text); i++ {
		c := text[i]
		class = byteClasses[c]
		if class == classUpper {
			upper = true
			c += 'a' - 'A'
		} else if class != classLower {
			break
		}
		if n := i - start; n < 8 {
			packed |= uint64(c) << (8 * n)
		}
	}
	if class == classNonASCII {
		// The word may go on.
		return t.countWord(text, start, section, heading)
	}
	t.countID(t.lookupASCII(text[start:i], packed, upper), section, heading)
	return i
}

// lookupASCII finds a word of ASCII letters and digits in t: packed is
// its first 8 bytes, lower-cased, as pack gives them, and upper says
// whether it has upper-case letters, folded here when it is longer.
func (t *wordTable) lookupASCII(word []byte, packed uint64, upper bool) int32 {
	if len(word) <= 8 {
		return t.lookupShort(packed, 0, len(word))
	}
	if len(word) <= 16 {
		var packed2 uint64
		for i, c := range word[8:] {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			packed2 |= uint64(c) << (8 * i)
		}
		return t.lookupShort(packed, packed2, len(word))
	}
	if upper {
		buf := t.buf[:0]
		for _, c := range word {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
		}
		t.buf, word = buf, buf
	}
	return t.find(word)
}

// find finds a word, as it is indexed, in t.
func (t *wordTable) find(word []byte) int32 {
	return lookup(t, maphash.Bytes(t.seed, word), word)
}

// countString is count of a string, copied into t.text.
func (t *wordTable) countString(text string, section int, heading bool) {
	t.text = append(t.text[:0], text...)
	t.count(t.text, section, heading)
}

// Classes of bytes, for count: a lower-case ASCII letter or a digit, an
// upper-case ASCII letter, another ASCII byte, a byte of a non-ASCII
// character.
const (
	classOther    = 0
	classLower    = 1
	classUpper    = 2
	classNonASCII = 3
)

var byteClasses = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = classNonASCII
		case 'A' <= c && c <= 'Z':
			t[c] = classUpper
		case asciiWord(byte(c)):
			t[c] = classLower
		}
	}
	return t
}()

// countWord counts the first word of text at or after i as count does,
// returning where it ends (len(text) when there is none).
func (t *wordTable) countWord(text []byte, i, section int, heading bool) int {
	sub, folded, end := nextWord(text, i, t.buf[:0])
	if end < 0 {
		return len(text)
	}
	var id int32
	if len(sub) > 0 {
		// An ASCII word of lower-case letters and digits.
		id = t.findASCII(sub)
	} else {
		t.buf = folded
		if len(folded) <= 16 && ascii(folded) {
			id = t.findASCII(folded)
		} else {
			id = t.find(folded)
		}
	}
	t.countID(id, section, heading)
	return end
}

// findASCII finds a folded word of ASCII bytes in t: in t.short when it
// has at most 16.
func (t *wordTable) findASCII(word []byte) int32 {
	switch {
	case len(word) <= 8:
		return t.lookupShort(pack(word), 0, len(word))
	case len(word) <= 16:
		return t.lookupShort(pack(word[:8]), pack(word[8:]), len(word))
	}
	return t.find(word)
}

// pack packs a word of at most 8 ASCII bytes into a number, for
// wordTable.short: its bytes, the first lowest. A word has no 0 byte, so
// words and numbers are one for one, and none is 0.
func pack[T string | []byte](w T) uint64 {
	var p uint64
	for i := range len(w) {
		p |= uint64(w[i]) << (8 * i)
	}
	return p
}

func ascii(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// lookupShort returns the index in t.words of the folded word of n ASCII
// bytes (at most 16) packed: its first 8 bytes in packed, the others in
// packed2. It adds the word when it is new.
func (t *wordTable) lookupShort(packed, packed2 uint64, n int) int32 {
	if len(t.short) < 2*(t.nshort+1) {
		t.growShort()
	}
	mask := uint64(len(t.short) - 1)
	for i := t.placeShort(packed, packed2) & mask; ; i = (i + 1) & mask {
		s := &t.short[i]
		if s.packed == packed && s.packed2 == packed2 {
			return s.id
		}
		if s.packed == 0 {
			var b [16]byte
			binary.LittleEndian.PutUint64(b[:], packed)
			binary.LittleEndian.PutUint64(b[8:], packed2)
			id := addWord(t, b[:n])
			s.packed, s.packed2, s.id = packed, packed2, id
			t.nshort++
			return id
		}
	}
}

// probeShort returns the index in t.words of a packed word when it is in
// the slot where it is placed, else -1.
func (t *wordTable) probeShort(packed, packed2 uint64) int32 {
	j := t.placeShort(packed, packed2) & t.shortMask
	if j < uint64(len(t.short)) && t.short[j].packed == packed && t.short[j].packed2 == packed2 {
		return t.short[j].id
	}
	return -1
}

// placeShort returns where a packed word is placed in t.short (before
// the mask): a hash of it and the table's seed.
func (t *wordTable) placeShort(packed, packed2 uint64) uint64 {
	h := (packed^t.shortSeed)*0x9e3779b97f4a7c15 ^ packed2*0xc2b2ae3d27d4eb4f
	return h ^ h>>29
}

// growShort doubles t.short (at least 256 slots), placing the words
// again.
func (t *wordTable) growShort() {
	n := max(256, 2*len(t.short))
	old := t.short
	t.short = make([]shortSlot, n)
	mask := uint64(n - 1)
	t.shortMask = mask
	for _, s := range old {
		if s.packed == 0 {
			continue
		}
		i := t.placeShort(s.packed, s.packed2) & mask
		for t.short[i].packed != 0 {
			i = (i + 1) & mask
		}
		t.short[i] = s
	}
}

// addWord adds a folded word to t.words, returning its index.
func addWord[T string | []byte](t *wordTable, word T) int32 {
	id := int32(len(t.words))
	off := int32(len(t.arena))
	t.arena = append(t.arena, word...)
	t.words = append(t.words, tableWord{off: off, end: int32(len(t.arena)), first: -1, last: -1, at: -1})
	if len(t.seen) <= len(t.words) {
		seen := make([]int32, 2*len(t.words)+16)
		copy(seen, t.seen[:t.nseen])
		t.seen = seen
	}
	return id
}

// countID counts an occurrence of the word id.
func (t *wordTable) countID(id int32, section int, heading bool) {
	w := &t.words[id]
	// Without a branch, which most words would mispredict: the word is
	// written after the ones seen, and kept when it is new in the
	// section (seen has room for every word and one more: addWord).
	fresh := w.at ^ int32(section)
	fresh = (fresh | -fresh) >> 31 // -1 when new in the section, else 0
	t.seen[t.nseen] = id
	t.nseen -= int(fresh)
	w.at = int32(section)
	inc := uint64(1)
	if heading {
		inc = 1 << 32
	}
	w.counts = w.counts&^uint64(int64(fresh)) + inc
}

// post adds the postings of the words counted in a section.
func (t *wordTable) post(section int) {
	for _, id := range t.seen[:t.nseen] {
		w := &t.words[id]
		text := int(uint32(w.counts))
		weight := weightHeading*int(w.counts>>32) + min(text, maxText)
		if section == 0 {
			// Every occurrence in the title weighs the same.
			weight = weightTitle * text
		}
		p := int32(len(t.posts))
		t.posts = append(t.posts, tablePosting{int32(section), int32(weight), -1})
		t.postSize += uvarintLen(section) + uvarintLen(weight)
		if w.last >= 0 {
			t.posts[w.last].next = p
		} else {
			w.first = p
		}
		w.last = p
		w.n++
	}
	t.nseen = 0
}

// encode encodes the words, sorted, in the format of Entry.words, and
// counts their postings by shard key, as keyCounts counts them from the
// encoding (the words of a key come together once sorted); neither slice
// has spare capacity, since an Entry is kept for the build.
func (t *wordTable) encode() (words []byte, keys []keyCount) {
	return t.encodeInto(nil)
}

// encodeInto is encode writing into wb's memory, when wb is set (the
// slices returned are then wb's).
func (t *wordTable) encodeInto(wb *WordBuf) (words []byte, keys []keyCount) {
	size := len(t.arena) + len(t.words) + t.postSize
	for _, w := range t.words {
		size += uvarintLen(int(w.n))
	}
	var buf []byte
	kc := t.kc[:0]
	if wb != nil {
		buf = slices.Grow(wb.words[:0], size)
		kc = wb.keys[:0]
	} else {
		buf = make([]byte, 0, size)
	}
	for _, id := range t.sortWords() {
		w := &t.words[id]
		word := t.arena[w.off:w.end]
		if k := packKey(shardKeyOf(word)); len(kc) > 0 && kc[len(kc)-1].key == k {
			kc[len(kc)-1].n += int(w.n)
		} else {
			kc = append(kc, keyCount{k, int(w.n)})
		}
		// Written in place: size is that of the whole.
		b := buf[len(buf):size]
		at := copy(b, word)
		b[at] = 0
		at++
		at += binary.PutUvarint(b[at:], uint64(w.n))
		for p := w.first; p >= 0; {
			post := &t.posts[p]
			if s, wt := uint32(post.section), uint32(post.weight); s|wt < 0x80 {
				b[at], b[at+1] = byte(s), byte(wt)
				at += 2
			} else {
				at += binary.PutUvarint(b[at:], uint64(s))
				at += binary.PutUvarint(b[at:], uint64(wt))
			}
			p = post.next
		}
		buf = buf[:len(buf)+at]
	}
	if wb != nil {
		wb.words, wb.keys = buf, kc
		return buf, kc
	}
	t.kc = kc
	if len(kc) > 0 {
		keys = make([]keyCount, len(kc))
		copy(keys, kc)
	}
	return buf, keys
}

// sortWords returns the indexes of the words, sorted by word.
func (t *wordTable) sortWords() []int32 {
	t.order = t.order[:0]
	if len(t.words) > 1<<16 {
		t.sorted = t.sorted[:0]
		for id, w := range t.words {
			var p [8]byte
			copy(p[:], t.arena[w.off:w.end])
			t.sorted = append(t.sorted, sortedWord{binary.BigEndian.Uint64(p[:]), int32(id)})
		}
		slices.SortFunc(t.sorted, func(a, b sortedWord) int {
			if c := cmp.Compare(a.prefix, b.prefix); c != 0 {
				return c
			}
			return t.compare(a.id, b.id)
		})
		for _, s := range t.sorted {
			t.order = append(t.order, s.id)
		}
		return t.order
	}
	// Sorted as numbers: the first 6 bytes of a word (then 0 bytes, as a
	// word has none), big-endian, above its index in 16 bits; the words
	// that begin with the same 6 bytes are then sorted by their bytes.
	keys := t.keys[:0]
	for id, w := range t.words {
		var p [8]byte
		copy(p[:6], t.arena[w.off:w.end])
		keys = append(keys, binary.BigEndian.Uint64(p[:])|uint64(id))
	}
	slices.Sort(keys)
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j]>>16 == keys[i]>>16 {
			j++
		}
		if j-i > 1 {
			slices.SortFunc(keys[i:j], func(a, b uint64) int { return t.compare(int32(a&0xffff), int32(b&0xffff)) })
		}
		i = j
	}
	for _, k := range keys {
		t.order = append(t.order, int32(k&0xffff))
	}
	t.keys = keys
	return t.order
}

// compare compares the words a and b.
func (t *wordTable) compare(a, b int32) int {
	wa, wb := &t.words[a], &t.words[b]
	return bytes.Compare(t.arena[wa.off:wa.end], t.arena[wb.off:wb.end])
}

func uvarintLen(v int) int {
	return (bits.Len64(uint64(v)|1) + 6) / 7
}

// asciiWord reports whether an ASCII byte is a word character.
func asciiWord(c byte) bool {
	return 'a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9'
}

// nextWord finds the first word of text at or after i, a run of letters
// and digits, and returns it folded as Fold does: as a part of text (sub)
// when folding does not change it, else appended to buf (folded). end is
// where the word ends, -1 when there is none.
func nextWord[T string | []byte](text T, i int, buf []byte) (sub T, folded []byte, end int) {
	// Skip to the word.
	for ; i < len(text); i++ {
		c := text[i]
		if c < utf8.RuneSelf {
			if asciiWord(c) {
				break
			}
			continue
		}
		r, size := decodeRune(text[i:])
		if !notWordRune(r) {
			break
		}
		i += size - 1
	}
	if i == len(text) {
		return sub, nil, -1
	}
	start, upper := i, false
	for ; i < len(text); i++ {
		c := text[i]
		if c >= utf8.RuneSelf {
			break
		}
		if !asciiWord(c) {
			break
		}
		upper = upper || 'A' <= c && c <= 'Z'
	}
	if i == len(text) || text[i] < utf8.RuneSelf {
		// An ASCII word.
		if !upper {
			return text[start:i], nil, i
		}
		for j := start; j < i; j++ {
			c := text[j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
		}
		return sub, buf, i
	}
	// A word with other characters: each is folded.
	for i = start; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if !asciiWord(c) {
				break
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			i++
			continue
		}
		r, size := decodeRune(text[i:])
		if notWordRune(r) {
			break
		}
		buf = utf8.AppendRune(buf, foldRune(r))
		i += size
	}
	return sub, buf, i
}

// decodeRune is utf8.DecodeRune of a string or bytes.
func decodeRune[T string | []byte](s T) (rune, int) {
	var b [utf8.UTFMax]byte
	return utf8.DecodeRune(b[:copy(b[:], s)])
}

// foldRune folds a character as Fold does.
func foldRune(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		return unicode.ToLower(r)
	case r < latinEnd:
		return latinFolds()[r-utf8.RuneSelf]
	}
	return foldRuneNFD(r)
}

// latinEnd ends the characters whose folded forms are kept in a table:
// Latin-1, Latin Extended-A and B.
const latinEnd = 0x250

var latinFolds = sync.OnceValue(func() *[latinEnd - utf8.RuneSelf]rune {
	var t [latinEnd - utf8.RuneSelf]rune
	for i := range t {
		t[i] = foldRuneNFD(rune(i + utf8.RuneSelf))
	}
	return &t
})

// foldRuneNFD folds a character: the character its canonical
// decomposition leaves once the combining marks are removed, lower-cased,
// when it is a single one; else the character lower-cased. (Lower-casing
// maps each character to one.)
func foldRuneNFD(r rune) rune {
	var in [utf8.UTFMax]byte
	var out [64]byte
	d := norm.NFD.Append(out[:0], utf8.AppendRune(in[:0], r)...)
	single, n := rune(0), 0
	for _, c := range string(d) {
		if !unicode.Is(unicode.M, c) {
			single = c
			n++
		}
	}
	if n == 1 {
		return unicode.ToLower(single)
	}
	return unicode.ToLower(r)
}

// appendFragment appends the JSON of a page's fragment, as marshal encodes
// a fragment (oracle_test.go).
func appendFragment(buf []byte, p Page) []byte {
	buf = append(buf, `{"t":`...)
	buf = appendJSON(buf, p.Title)
	buf = append(buf, `,"u":`...)
	buf = appendJSON(buf, p.URL)
	buf = append(buf, `,"s":[`...)
	for i, s := range p.Sections {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendSection(buf, s.Heading, s.Anchor, s.Text)
	}
	return append(buf, "]}"...)
}

// appendSection appends the JSON of a section of a fragment.
func appendSection[T string | []byte](buf []byte, heading, anchor, text T) []byte {
	buf = append(buf, '[')
	buf = appendJSON(buf, heading)
	buf = append(buf, ',')
	buf = appendJSON(buf, anchor)
	buf = append(buf, ',')
	buf = appendJSON(buf, text)
	return append(buf, ']')
}

// le64 returns the first 8 bytes of s, the first lowest.
func le64[T string | []byte](s T) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// plainJSON8 reports whether the 8 bytes of x (the first lowest) are
// ASCII that a JSON string has as they are: none is a control character,
// '"', '\\' or a byte of a non-ASCII character (tested 8 at a time: a
// byte less than n is found by (x - n*lo) &^ x & hi, exactly when every
// byte is ASCII).
func plainJSON8(x uint64) bool {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	q, b := x^'"'*lo, x^'\\'*lo // a 0 byte where x has '"', '\\'
	return (x|(x-0x20*lo)&^x|(q-lo)&^q|(b-lo)&^b)&hi == 0
}

// appendJSON appends s as a JSON string, as marshal does (encoding/json
// without HTML escaping): '"' and '\\' escaped, control characters as
// \b, \f, \n, \r, \t or \u00XX, invalid UTF-8 as \ufffd, U+2028 and
// U+2029 as \u2028 and \u2029.
func appendJSON[T string | []byte](buf []byte, s T) []byte {
	const hex = "0123456789abcdef"
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		for i+8 <= len(s) && plainJSON8(le64(s[i:])) {
			i += 8
		}
		if i == len(s) {
			break
		}
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch c {
			case '"', '\\':
				buf = append(buf, '\\', c)
			case '\b':
				buf = append(buf, '\\', 'b')
			case '\f':
				buf = append(buf, '\\', 'f')
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			default:
				buf = append(buf, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := decodeRune(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			buf = append(buf, s[start:i]...)
			buf = append(buf, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}
