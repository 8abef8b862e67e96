package search

import (
	"encoding/binary"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// wordTable collects the words of a page with their postings, for
// encodeWords: each distinct word once, its postings linked in section
// order, so that only the distinct words are sorted. One is reused from
// page to page (wordTables).
type wordTable struct {
	ids   map[string]int32 // index in words, by word
	words []tableWord
	posts []tablePosting
	// seen are the words of the section being counted.
	seen []int32
	// buf holds a word that folding changed.
	buf    []byte
	sorted []sortedWord
}

type tableWord struct {
	word        string
	first, last int32 // postings, in posts
	n           int   // postings
	// Counts in the section at, the last one where the word was seen.
	at            int
	heading, text int
}

type tablePosting struct {
	posting
	next int32 // in posts; -1 after the last
}

type sortedWord struct {
	word string
	id   int32
}

var wordTables = sync.Pool{New: func() any { return &wordTable{ids: map[string]int32{}} }}

// release empties t, keeping its memory, and returns it to wordTables.
func (t *wordTable) release() {
	clear(t.ids)
	clear(t.words) // the words may be parts of a page's text
	clear(t.sorted)
	t.words, t.posts, t.seen, t.sorted = t.words[:0], t.posts[:0], t.seen[:0], t.sorted[:0]
	wordTables.Put(t)
}

// count counts the words of a text of section (0, the title, or i+1).
func (t *wordTable) count(text string, section int, heading bool) {
	for i := 0; ; {
		sub, folded, end := nextWord(text, i, t.buf[:0])
		if end < 0 {
			return
		}
		i = end
		var id int32
		var ok bool
		if sub != "" {
			id, ok = t.ids[sub]
		} else {
			t.buf = folded
			id, ok = t.ids[string(folded)]
			if !ok {
				sub = string(folded)
			}
		}
		if !ok {
			id = int32(len(t.words))
			t.ids[sub] = id
			t.words = append(t.words, tableWord{word: sub, first: -1, last: -1, at: -1})
		}
		w := &t.words[id]
		if w.at != section {
			w.at, w.heading, w.text = section, 0, 0
			t.seen = append(t.seen, id)
		}
		if heading {
			w.heading++
		} else {
			w.text++
		}
	}
}

// post adds the postings of the words counted in a section.
func (t *wordTable) post(section int) {
	for _, id := range t.seen {
		w := &t.words[id]
		weight := weightHeading*w.heading + min(w.text, maxText)
		if section == 0 {
			// Every occurrence in the title weighs the same.
			weight = weightTitle * w.text
		}
		p := int32(len(t.posts))
		t.posts = append(t.posts, tablePosting{posting{section, weight}, -1})
		if w.last >= 0 {
			t.posts[w.last].next = p
		} else {
			w.first = p
		}
		w.last = p
		w.n++
	}
	t.seen = t.seen[:0]
}

// encode encodes the words, sorted, in the format of Entry.words; the
// slice has no spare capacity, since an Entry is kept for the build.
func (t *wordTable) encode() []byte {
	t.sorted = t.sorted[:0]
	size := 0
	for id, w := range t.words {
		t.sorted = append(t.sorted, sortedWord{w.word, int32(id)})
		size += len(w.word) + 1 + uvarintLen(w.n)
		for p := w.first; p >= 0; p = t.posts[p].next {
			size += uvarintLen(t.posts[p].section) + uvarintLen(t.posts[p].weight)
		}
	}
	slices.SortFunc(t.sorted, func(a, b sortedWord) int { return strings.Compare(a.word, b.word) })
	buf := make([]byte, 0, size)
	for _, s := range t.sorted {
		w := &t.words[s.id]
		buf = append(buf, w.word...)
		buf = append(buf, 0)
		buf = binary.AppendUvarint(buf, uint64(w.n))
		for p := w.first; p >= 0; p = t.posts[p].next {
			buf = binary.AppendUvarint(buf, uint64(t.posts[p].section))
			buf = binary.AppendUvarint(buf, uint64(t.posts[p].weight))
		}
	}
	return buf
}

func uvarintLen(v int) int {
	n := 1
	for x := uint64(v); x >= 0x80; x >>= 7 {
		n++
	}
	return n
}

// asciiWord reports whether an ASCII byte is a word character.
func asciiWord(c byte) bool {
	return 'a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9'
}

// nextWord finds the first word of text at or after i, a run of letters
// and digits, and returns it folded as Fold does: as a part of text (sub)
// when folding does not change it, else appended to buf (folded). end is
// where the word ends, -1 when there is none.
func nextWord(text string, i int, buf []byte) (sub string, folded []byte, end int) {
	// Skip to the word.
	for ; i < len(text); i++ {
		c := text[i]
		if c < utf8.RuneSelf {
			if asciiWord(c) {
				break
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !notWordRune(r) {
			break
		}
		i += size - 1
	}
	if i == len(text) {
		return "", nil, -1
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
		return "", buf, i
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
		r, size := utf8.DecodeRuneInString(text[i:])
		if notWordRune(r) {
			break
		}
		buf = utf8.AppendRune(buf, foldRune(r))
		i += size
	}
	return "", buf, i
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
// a fragment.
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
		buf = append(buf, '[')
		buf = appendJSON(buf, s.Heading)
		buf = append(buf, ',')
		buf = appendJSON(buf, s.Anchor)
		buf = append(buf, ',')
		buf = appendJSON(buf, s.Text)
		buf = append(buf, ']')
	}
	return append(buf, "]}"...)
}

// appendJSON appends s as a JSON string, as marshal does (encoding/json
// without HTML escaping): '"' and '\\' escaped, control characters as
// \b, \f, \n, \r, \t or \u00XX, invalid UTF-8 as \ufffd, U+2028 and
// U+2029 as \u2028 and \u2029.
func appendJSON(buf []byte, s string) []byte {
	const hex = "0123456789abcdef"
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
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
		r, size := utf8.DecodeRuneInString(s[i:])
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
