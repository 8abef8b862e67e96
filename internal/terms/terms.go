// Package terms keeps the wording of a locale consistent: a term list
// (locales/terms.<locale>.yaml) names, per concept, the preferred term and
// the variants the guide does not use, and Check reports every rejected
// variant in a page of that locale, as a warning at its line and column.
package terms

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"io/fs"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/limits"
	"github.com/guidegen/guidegen/internal/yamlx"
)

// File returns the name of a locale's term list under the site root.
func File(dir, locale string) string { return dir + "/terms." + locale + ".yaml" }

// Term is one concept: the word the guide uses and the ones it does not.
type Term struct {
	Preferred string   `yaml:"preferred"`
	Rejected  []string `yaml:"rejected"`
	// Note says why, for the people who edit the list.
	Note string `yaml:"note"`
}

// List is a locale's term list.
type List struct {
	File  string
	Terms []Term `yaml:"terms"`

	variants []variant // every rejected variant, in order
	// keys are the anchors that no shorter anchor starts: a page is
	// searched for each once, and the variants whose anchor starts with
	// a key that is not in the page are not searched for at all.
	keys [][]byte
	// next is, by byte, a shift-and automaton over the first stages
	// bytes of the keys (the first 64), stride bits a stage: bit
	// j*stride+k is set in next[c] when key k's byte j is c, or when key
	// k is shorter than j+1 bytes, which any byte there fits.
	// firstPlaces feeds a page to it, one byte at a time, and compares
	// a key only where its first stages bytes stand, most often nowhere.
	next           [256]uint64
	stride, stages int
	// fold is next with each upper case ASCII letter's entry its lower
	// case's: the automaton over a page as written, case-insensitively
	// (mayMatch).
	fold [256]uint64
	// byKey are the indexes in variants of each key's variants.
	byKey [][]int
	// always is set when mayMatch cannot rule a page out: a variant
	// without an anchor, or more keys than the automaton holds.
	always bool
}

// maxStages is how many bytes of a place firstPlaces matches at most
// before it compares a key there.
const maxStages = 4

// variant is a rejected variant as words to match case-insensitively,
// separated by any run of blanks, line breaks included.
type variant struct {
	words [][]byte
	// anchor is the ASCII start of the first word in lower case: the
	// text is searched for it before a position is tried.
	anchor []byte
	// key is the index in List.keys of the key that anchor starts
	// with, or -1 when anchor is empty.
	key  int
	term int
}

// Load reads the term list of locale from dir in fsys; nil when there is
// none.
func Load(fsys fs.FS, dir, locale string) (*List, error) {
	name := File(dir, locale)
	src, err := limits.ReadFile(fsys, name, limits.DataSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return Parse(name, src)
}

// Parse parses a term list.
func Parse(name string, src []byte) (*List, error) {
	l := &List{File: name}
	if err := (yamlx.Source{File: name}).Unmarshal(src, l); err != nil {
		return nil, err
	}
	for i, t := range l.Terms {
		if strings.TrimSpace(t.Preferred) == "" || len(t.Rejected) == 0 {
			return nil, diag.Errorf(diag.Pos{File: name}, "term %d: give preferred and at least one rejected variant", i+1)
		}
		for _, r := range t.Rejected {
			r = strings.TrimSpace(r)
			if r == "" || strings.EqualFold(r, t.Preferred) {
				return nil, diag.Errorf(diag.Pos{File: name}, "term %q: rejected variant %q is empty or the preferred term", t.Preferred, r)
			}
			// Case-insensitive, not inside a longer word on the left
			// (inflected forms on the right are caught too); a blank
			// in the variant matches any run of blanks, line breaks
			// included.
			v := variant{term: i}
			for _, w := range strings.Fields(r) {
				v.words = append(v.words, []byte(w))
			}
			first := v.words[0]
			for k := 0; k < len(first) && first[k] < utf8.RuneSelf; k++ {
				v.anchor = append(v.anchor, lowerASCII(first[k]))
			}
			l.variants = append(l.variants, v)
		}
	}
	l.setKeys()
	return l, nil
}

// setKeys gives every variant with an anchor the shortest anchor it
// starts with (its own, or another variant's) as its key.
func (l *List) setKeys() {
	for i := range l.variants {
		v := &l.variants[i]
		v.key = -1
		if len(v.anchor) == 0 {
			continue
		}
		key := v.anchor
		for _, w := range l.variants {
			if len(w.anchor) > 0 && len(w.anchor) < len(key) && bytes.HasPrefix(v.anchor, w.anchor) {
				key = w.anchor
			}
		}
		v.key = slices.IndexFunc(l.keys, func(k []byte) bool { return bytes.Equal(k, key) })
		if v.key < 0 {
			v.key = len(l.keys)
			l.keys = append(l.keys, key)
		}
	}
	l.byKey = make([][]int, len(l.keys))
	for i, v := range l.variants {
		if v.key < 0 {
			l.always = true
			continue
		}
		l.byKey[v.key] = append(l.byKey[v.key], i)
	}
	if len(l.keys) > 64 {
		l.always = true
	}
	if len(l.keys) == 0 || len(l.keys) > 64 {
		return
	}
	l.stride = len(l.keys)
	l.stages = min(maxStages, 64/l.stride)
	for k, key := range l.keys {
		for j := range l.stages {
			if j >= len(key) {
				for c := range l.next {
					l.next[c] |= 1 << (j*l.stride + k)
				}
				continue
			}
			l.next[key[j]] |= 1 << (j*l.stride + k)
		}
	}
	for c := range l.fold {
		l.fold[c] = l.next[lowerASCII(byte(c))]
	}
}

// firstPlaces returns where each key first stands in text, or -1: one
// pass over the text for all keys, rather than one per key, comparing
// only the keys whose first stages bytes stand at a place.
func (l *List) firstPlaces(text []byte) []int {
	first := make([]int, len(l.keys))
	if len(l.keys) > 64 {
		for i, k := range l.keys {
			first[i] = bytes.Index(text, k)
		}
		return first
	}
	for i := range first {
		first[i] = -1
	}
	if len(l.keys) == 0 {
		return first
	}
	// found compares the keys of set at text[start:].
	var todo uint64 = 1<<len(l.keys) - 1
	found := func(set uint64, start int) {
		for ; set != 0; set &= set - 1 {
			k := bits.TrailingZeros64(set)
			if bytes.HasPrefix(text[start:], l.keys[k]) {
				first[k] = start
				todo &^= 1 << k
			}
		}
	}
	// Bit j*stride+k of d: key k's first j+1 bytes (those it has) end
	// at text[i]. A key whose first stages bytes end there is compared
	// from where they start.
	stride, last := uint(l.stride), uint(l.stride*(l.stages-1))
	low := uint64(1)<<stride - 1
	var d uint64
	for i := 0; i < len(text); i++ {
		d = (d<<stride | low) & l.next[text[i]]
		if set := d >> last & todo; set != 0 {
			found(set, i+1-l.stages)
			if todo == 0 {
				return first
			}
		}
	}
	// Keys shorter than stages bytes may start in the last stages-1
	// bytes, where no stage is complete.
	for start := max(0, len(text)+1-l.stages); start < len(text) && todo != 0; start++ {
		found(todo, start)
	}
	return first
}

// scratch holds the buffers Check blanks a page's copy in.
var scratch = sync.Pool{New: func() any { return new([]byte) }}

// Check reports, as warnings at file:line:col, every rejected variant in
// src (a page's source). Fenced code, code spans, URLs and link
// destinations are skipped.
func (l *List) Check(file string, src []byte) []*diag.Problem {
	if l == nil || !l.mayMatch(src) {
		return nil
	}
	return l.check(file, src)
}

// check is Check without mayMatch.
func (l *List) check(file string, src []byte) []*diag.Problem {
	// The text, code blanked, with ASCII letters in lower case, the same
	// length: a variant's anchor is searched in it, so that a page is
	// scanned once per key with bytes.Index and words are compared only
	// where a variant can start. Words are compared in it too: under
	// case folding an ASCII letter matches what its lower case matches,
	// and it is a letter as its lower case is.
	buf := scratch.Get().(*[]byte)
	defer scratch.Put(buf)
	text := append((*buf)[:0], src...)
	*buf = text
	blankCode(text)
	// Where each key first stands in the page, or -1: no variant's
	// anchor stands before its key's first place.
	first := l.firstPlaces(text)
	var lines *diag.Lines
	var out []*diag.Problem
	for _, v := range l.variants {
		from := 0
		if v.key >= 0 {
			if first[v.key] < 0 {
				continue
			}
			from = first[v.key]
		}
		for from <= len(text) {
			start := from
			if len(v.anchor) > 0 {
				k := bytes.Index(text[from:], v.anchor)
				if k < 0 {
					break
				}
				start = from + k
			}
			end, ok := v.match(text, start)
			if !ok || leftOfWord(text, start) {
				from = start + 1
				continue
			}
			if lines == nil {
				lines = diag.NewLines(src)
			}
			t := l.Terms[v.term]
			out = append(out, diag.Warnf(lines.Pos(file, start), "%q: this guide writes %q (%s)", string(src[start:end]), t.Preferred, l.File))
			from = end
		}
	}
	slices.SortStableFunc(out, func(a, b *diag.Problem) int {
		return cmp.Or(cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
	})
	return out
}

// mayMatch reports whether Check may find a variant in src: false only
// when it finds none. It looks at the page as written, without the copy
// Check blanks and lowers: one pass of the keys' automaton (next, case
// folded), two places at a time, and where a key stands, its variants
// compared as Check would, but for what blanking could change.
//
// Blanking turns bytes into blanks, and lowering changes only ASCII
// case: a variant's words stand, but for case, where they stand in the
// blanked text (their bytes are not blanks), and so do its anchor and
// key. What is between two words may be blanks only once blanked: a
// code span, a URL, a link destination or a fence starts there, at a
// '`', 'h', ']' or '~'; mayMatchAt takes that as a match. That a word
// continues one on its left is not looked at: Check decides.
func (l *List) mayMatch(src []byte) bool {
	if l.always {
		return true
	}
	if len(l.keys) == 0 {
		return false
	}
	// Two automata, over each half of src: the second starts stages-1
	// bytes before its half, so that its state there is what one pass
	// over all of src would have, and a key at any place is seen by
	// one of them. Two chains of steps, each waiting on its own last
	// state, take about the time of one.
	n := len(src)
	stride, last := uint(l.stride), uint(l.stride*(l.stages-1))
	low := uint64(1)<<stride - 1
	half := n / 2
	b := max(0, half-(l.stages-1)) // where the second starts
	var d0, d1 uint64
	for i := 0; i < half; i++ {
		d0 = (d0<<stride | low) & l.fold[src[i]]
		d1 = (d1<<stride | low) & l.fold[src[b+i]]
		if (d0|d1)>>last != 0 {
			if l.mayMatchKeys(src, d0>>last, i+1-l.stages) {
				return true
			}
			if b+i >= half && l.mayMatchKeys(src, d1>>last, b+i+1-l.stages) {
				return true
			}
		}
	}
	for i := b + half; i < n; i++ {
		d1 = (d1<<stride | low) & l.fold[src[i]]
		if set := d1 >> last; set != 0 && l.mayMatchKeys(src, set, i+1-l.stages) {
			return true
		}
	}
	// Keys shorter than stages bytes may start in the last stages-1
	// bytes, where no stage is complete.
	all := uint64(1)<<len(l.keys) - 1
	for start := max(0, n+1-l.stages); start < n; start++ {
		if l.mayMatchKeys(src, all, start) {
			return true
		}
	}
	return false
}

// mayMatchKeys reports whether a variant of a key of set may stand at
// src[start:] (mayMatch).
func (l *List) mayMatchKeys(src []byte, set uint64, start int) bool {
	if start < 0 {
		return false
	}
	for ; set != 0; set &= set - 1 {
		k := bits.TrailingZeros64(set)
		if !hasLowerPrefix(src[start:], l.keys[k]) {
			continue
		}
		for _, i := range l.byKey[k] {
			v := &l.variants[i]
			if hasLowerPrefix(src[start:], v.anchor) && v.mayMatchAt(src, start) {
				return true
			}
		}
	}
	return false
}

// hasLowerPrefix reports whether text starts with prefix, which is in
// lower case, but for the case of ASCII letters.
func hasLowerPrefix(text, prefix []byte) bool {
	if len(text) < len(prefix) {
		return false
	}
	for i, c := range prefix {
		if lowerASCII(text[i]) != c {
			return false
		}
	}
	return true
}

// mayMatchAt is match on the text as written (mayMatch): false only when
// v's words cannot stand at text[i:] once text is blanked and lowered.
func (v *variant) mayMatchAt(text []byte, i int) bool {
	for n, w := range v.words {
		if n > 0 {
			j := i
			for j < len(text) && isSpace(text[j]) {
				j++
			}
			// Blanks before text[j] are blanks once blanked too; a
			// fence's blanking may start before its '`' or '~'.
			if j < len(text) && mayStartBlanked(text[j]) {
				return true
			}
			if j == i {
				return false
			}
			i = j
		}
		end, ok := foldPrefix(text[i:], w)
		if !ok {
			return false
		}
		i += end
	}
	return true
}

// mayStartBlanked reports whether blankCode may blank from c on: a code
// span's '`', a URL's 'h', a link destination's ']', a fence's '`' or
// '~'.
func mayStartBlanked(c byte) bool {
	return c == '`' || c == 'h' || c == ']' || c == '~'
}

// blankCode blanks what is not prose: fenced code (from a line's
// opening fence to the closing fence of the next), then, from left to
// right, URLs, link destinations and code spans; then it turns ASCII
// letters to lower case (only then: "HTTP://" is not a URL).
func blankCode(text []byte) {
	blankFences(text)
	// From left to right, from one place where codeOrURL may find
	// something ("http", "](" or '`') to the next, in the text as
	// written; blanks are their own lower case.
	next := [3]int{-1, -1, -1}
	for i := 0; ; {
		at := len(text)
		for k, start := range codeOrURLStarts {
			if next[k] < i && next[k] < len(text) {
				next[k] = len(text)
				if j := bytes.Index(text[i:], start); j >= 0 {
					next[k] = i + j
				}
			}
			at = min(at, next[k])
		}
		if at == len(text) {
			break
		}
		if end := codeOrURL(text, at); end > at {
			blankSpan(text, at, end)
			i = end
		} else {
			i = at + 1
		}
	}
	// Then every ASCII letter in lower case, eight bytes at a time.
	i := 0
	for ; i+8 <= len(text); i += 8 {
		binary.LittleEndian.PutUint64(text[i:], lower8(binary.LittleEndian.Uint64(text[i:])))
	}
	for ; i < len(text); i++ {
		text[i] = lowerASCII(text[i])
	}
}

// blankFences blanks fenced code: from a line's opening fence (``` or
// ~~~ after blanks) to the end of the next line's fence.
func blankFences(text []byte) {
	var fences [][2]int
	for i := 0; i < len(text); {
		j := i
		for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
			j++
		}
		if bytes.HasPrefix(text[j:], []byte("```")) || bytes.HasPrefix(text[j:], []byte("~~~")) {
			fences = append(fences, [2]int{i, j + 3})
		}
		nl := bytes.IndexByte(text[i:], '\n')
		if nl < 0 {
			break
		}
		i += nl + 1
	}
	for k := 0; k+1 < len(fences); k += 2 {
		blankSpan(text, fences[k][0], fences[k+1][1])
	}
}

// blankSpan turns text[a:b] into spaces but for its line feeds.
func blankSpan(text []byte, a, b int) {
	for k := a; k < b; k++ {
		if text[k] != '\n' {
			text[k] = ' '
		}
	}
}

// codeOrURLStarts are what codeOrURL finds something at the start of.
var codeOrURLStarts = [3][]byte{[]byte("http"), []byte("]("), []byte("`")}

// ones has a 1 in every byte.
const ones = 0x0101010101010101

// lower8 is lowerASCII of each byte of w.
func lower8(w uint64) uint64 {
	h := w &^ (ones * 0x80)
	upper := (h + ones*(0x80-'A')) &^ (h + ones*(0x80-'Z'-1)) &^ w & (ones * 0x80)
	return w | upper>>2
}

// codeOrURL returns the end of a URL (https?:// and what follows up to
// a blank, ')', '>' or ']'), a link destination ("](" up to ')') or a
// code span on one line starting at text[i], or i when none does.
func codeOrURL(text []byte, i int) int {
	switch text[i] {
	case 'h':
		rest := text[i:]
		n := 0
		switch {
		case bytes.HasPrefix(rest, []byte("http://")):
			n = 7
		case bytes.HasPrefix(rest, []byte("https://")):
			n = 8
		default:
			return i
		}
		j := i + n
		for j < len(text) && !isSpace(text[j]) && text[j] != ')' && text[j] != '>' && text[j] != ']' {
			j++
		}
		if j == i+n {
			return i
		}
		return j
	case ']':
		if i+1 >= len(text) || text[i+1] != '(' {
			return i
		}
		j := i + 2
		for j < len(text) && text[j] != ')' && !isSpace(text[j]) {
			j++
		}
		if j < len(text) && text[j] == ')' {
			return j + 1
		}
	case '`':
		for j := i + 1; j < len(text) && text[j] != '\n'; j++ {
			if text[j] == '`' {
				return j + 1
			}
		}
	}
	return i
}

// match reports whether v's words stand at text[i:], and where they end.
func (v *variant) match(text []byte, i int) (int, bool) {
	for n, w := range v.words {
		if n > 0 {
			j := i
			for j < len(text) && isSpace(text[j]) {
				j++
			}
			if j == i {
				return 0, false
			}
			i = j
		}
		end, ok := foldPrefix(text[i:], w)
		if !ok {
			return 0, false
		}
		i += end
	}
	return i, true
}

// foldPrefix reports whether text starts with w under Unicode simple
// case folding (as the regexp flag (?i) compares), and how many bytes of
// text that takes.
func foldPrefix(text, w []byte) (int, bool) {
	i := 0
	for len(w) > 0 {
		if i >= len(text) {
			return 0, false
		}
		a, na := utf8.DecodeRune(text[i:])
		b, nb := utf8.DecodeRune(w)
		if a != b && !equalFold(a, b) {
			return 0, false
		}
		i += na
		w = w[nb:]
	}
	return i, true
}

func equalFold(a, b rune) bool {
	for r := unicode.SimpleFold(a); r != a; r = unicode.SimpleFold(r) {
		if r == b {
			return true
		}
	}
	return false
}

// leftOfWord reports whether position i continues a word: a variant
// inside a longer word on its left is not reported.
func leftOfWord(text []byte, i int) bool {
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRune(text[:i])
	return unicode.IsLetter(r) || r == '-'
}

// isSpace is \s of package regexp.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
