package search

import (
	"bytes"
	"encoding/binary"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Extract splits the HTML of a page's article into sections at every
// heading that has an id. Text a reader does not read as text is left
// out: SVG, scripts, styles, what is aria-hidden, visually hidden labels
// and heading permalinks.
//
// Tags are read from their raw bytes: the article is HTML the build
// wrote, with lower-case names and double-quoted attributes; an attribute
// written otherwise in a page's raw HTML is only missed by the index.
//
// The article is read by a lexer that gives the tokens
// golang.org/x/net/html's Tokenizer gives, without its copies and byte
// by byte reads; an article it does not read (one with a script, or an
// unquoted attribute value in a start tag) is read by the Tokenizer
// instead. Both give the sections Extract gave when it used only the
// Tokenizer (oracle_test.go). With the lexer, the extractor reads most
// of the article itself, in one pass: text, which it collapses as it
// reads it (text), and tags of lower-case names whose attributes are
// each written ` key="value"` (simpleTag).
//
// The sections' strings are parts of one string per page.
func Extract(title string, article []byte) []Section {
	x := extractors.Get().(*extractor)
	defer x.release()
	return x.read(nil, title, article)
}

// read appends to out the sections of the article of the page titled
// title, read by the lexer or, if it cannot, by the Tokenizer.
func (x *extractor) read(out []Section, title string, article []byte) []Section {
	x.reset(title)
	if secs, ok := x.lexInto(out, article); ok {
		return secs
	}
	x.reset(title)
	return x.tokensInto(out, article)
}

// PrepareArticle is Prepare of the page whose sections Extract reads
// from its article, without keeping the sections: they are read into
// memory that the next page reuses. The fragment is written into buf's
// memory when it is large enough (a caller that writes the fragment and
// keeps no bytes reuses one buffer from page to page).
//
// The sections are not made strings: the page's words are counted and its
// fragment written from the extractor's buffer.
func PrepareArticle(buf []byte, key, title, url string, article []byte) (e Entry, data []byte, err error) {
	return prepareArticle(buf, nil, key, title, url, article)
}

// WordBuf is memory for the words of the pages PrepareArticleLent
// prepares one after the other, reused from page to page.
type WordBuf struct {
	words []byte
	keys  []keyCount
}

// maxKeptWords bounds the memory a WordBuf keeps from page to page.
const maxKeptWords = 1 << 20

// Reset lets go of a WordBuf's memory if a page made it large.
func (wb *WordBuf) Reset() {
	if cap(wb.words) > maxKeptWords {
		wb.words = nil
	}
	if cap(wb.keys) > maxKeptWords/16 {
		wb.keys = nil
	}
}

// PrepareArticleLent is PrepareArticle writing the page's words into
// wb's memory instead of memory of their own: the Entry is lent, valid
// only until wb is used again, and must be added (Add) before then. Add
// copies the words of a lent Entry it keeps; a spilling index copies
// every Entry's words at once, so a build that adds each page's Entry
// right away allocates nothing for them.
func PrepareArticleLent(buf []byte, wb *WordBuf, key, title, url string, article []byte) (e Entry, data []byte, err error) {
	return prepareArticle(buf, wb, key, title, url, article)
}

// prepareArticle is PrepareArticle, lent when wb is set.
func prepareArticle(buf []byte, wb *WordBuf, key, title, url string, article []byte) (e Entry, data []byte, err error) {
	x := extractors.Get().(*extractor)
	defer x.release()
	x.reset(title)
	if !x.lexSpans(article) {
		x.reset(title)
		x.tokensSpans(article)
	}
	// The title, which heads the first section, in the buffer too.
	from := len(x.buf)
	x.buf = append(x.buf, title...)
	titleSpan := bufSpan{from: from, to: len(x.buf)}
	heading := func(c *sectionSpan) bufSpan {
		if c.titled {
			return titleSpan
		}
		return c.heading
	}
	b := func(s bufSpan) []byte { return x.buf[s.from:s.to] }

	// The fragment, as appendFragment writes it.
	size := len(title) + len(url) + 16
	for i := range x.secs {
		c := &x.secs[i]
		h := heading(c)
		size += h.to - h.from + c.anchor.to - c.anchor.from + c.text.to - c.text.from + 12
	}
	data = slices.Grow(buf[:0], size)
	data = append(data, `{"t":`...)
	data = appendJSON(data, title)
	data = append(data, `,"u":`...)
	data = appendJSON(data, url)
	data = append(data, `,"s":[`...)
	for i := range x.secs {
		c := &x.secs[i]
		if i > 0 {
			data = append(data, ',')
		}
		data = append(data, '[')
		data = appendSpan(data, b, heading(c))
		data = append(data, ',')
		data = appendJSON(data, b(c.anchor))
		data = append(data, ',')
		data = appendSpan(data, b, c.text)
		data = append(data, ']')
	}
	data = append(data, "]}"...)

	// The words, as encodeWords counts them.
	t := wordTables.Get().(*wordTable)
	defer t.release()
	t.count(b(titleSpan), 0, false)
	t.post(0)
	for i := range x.secs {
		c := &x.secs[i]
		t.count(b(heading(c)), i+1, true)
		t.count(b(c.text), i+1, false)
		t.post(i + 1)
	}
	words, keys := t.encodeInto(wb)
	return Entry{Key: key, Frag: FragmentFile(url), words: words, keys: keys, lent: wb != nil}, data, nil
}

// appendSpan appends the JSON string of a span of the extractor's buffer
// (b gives its bytes): as they are, quoted, when the extractor found none
// that JSON escapes (plain), else through appendJSON.
func appendSpan(data []byte, b func(bufSpan) []byte, s bufSpan) []byte {
	if !s.plain {
		return appendJSON(data, b(s))
	}
	data = append(data, '"')
	data = append(data, b(s)...)
	return append(data, '"')
}

// maxKeptText bounds the text buffer an extractor keeps from page to
// page.
const maxKeptText = 1 << 20

// maxKeptSections bounds the sections an extractor keeps from page to
// page.
const maxKeptSections = 1 << 12

// release returns x to extractors, keeping no page's text.
func (x *extractor) release() {
	if cap(x.buf) > maxKeptText {
		x.buf = nil
	}
	x.title = ""
	if cap(x.secs) > maxKeptSections {
		x.secs = nil
	}
	extractors.Put(x)
}

var extractors = sync.Pool{New: func() any { return new(extractor) }}

// extractor turns the tokens of an article into sections. It writes the
// text of every section (heading, anchor and text, collapsed) into one
// buffer, as segments one after the other, and makes the sections
// substrings of one string made of it at the end: a page's sections cost
// two allocations, whatever their number.
//
// The segment being written begins at seg; white space seen since its
// last word is pending; dirty is set once a byte that JSON escapes may
// have been written into it (a fragment copies the others as they are). Text goes to the current section's text, or to
// its heading while one is being read, which are never written at once:
// a heading begins once the text before it is taken (flush).
type extractor struct {
	title     string
	buf       []byte
	secs      []sectionSpan
	cur       sectionSpan
	seg       int
	pending   bool
	dirty     bool
	inHeading byte // the level of the heading being read, '1'…'6'
	skip      int  // depth inside a skipped element
	nameBuf   [16]byte
}

// sectionSpan is a Section as parts of extractor.buf; titled is set for
// the first section, whose heading is the page title.
type sectionSpan struct {
	heading, anchor, text bufSpan
	titled                bool
}

// bufSpan is a part of extractor.buf; plain, for a segment (cut), says
// that none of its bytes is one that JSON escapes: a control character,
// '"', '\\' or a byte of a non-ASCII character.
type bufSpan struct {
	from, to int
	plain    bool
}

func (x *extractor) reset(title string) {
	x.title = title
	x.buf, x.secs = x.buf[:0], x.secs[:0]
	x.cur = sectionSpan{titled: true}
	x.seg, x.pending, x.dirty = 0, false, false
	x.inHeading, x.skip = 0, 0
}

// cut ends the segment being written, returning it, and begins the next.
func (x *extractor) cut() bufSpan {
	s := bufSpan{x.seg, len(x.buf), !x.dirty}
	x.seg, x.pending, x.dirty = len(x.buf), false, false
	return s
}

// flush takes the text of the current section (none while a heading is
// read: its text went to the heading) and keeps the section if it has
// text or an anchor.
func (x *extractor) flush() {
	if x.inHeading == 0 {
		x.cur.text = x.cut()
	} else {
		x.cur.text = bufSpan{}
	}
	if x.cur.text.to > x.cur.text.from || x.cur.anchor.to > x.cur.anchor.from {
		x.secs = append(x.secs, x.cur)
	}
}

// sectionsInto appends the sections read, flushed, to out, which it
// returns (nil if it is nil and there are none); x keeps none of them.
func (x *extractor) sectionsInto(out []Section) []Section {
	if len(x.secs) == 0 {
		return out
	}
	s := string(x.buf)
	if out == nil {
		out = make([]Section, 0, len(x.secs))
	}
	for _, c := range x.secs {
		sec := Section{Heading: s[c.heading.from:c.heading.to], Anchor: s[c.anchor.from:c.anchor.to], Text: s[c.text.from:c.text.to]}
		if c.titled {
			sec.Heading = x.title
		}
		out = append(out, sec)
	}
	return out
}

// space writes white space between words.
func (x *extractor) space() { x.pending = len(x.buf) > x.seg }

// Kinds of elements, as Extract reads their tags.
const (
	kindBlock   = 1 << iota // its edges separate words
	kindVoid                // it has no end tag
	kindSkipped             // its content is not read as text
	kindHeading             // h1…h6
)

// kindOf returns the kind of the element of a (lower-case) tag name.
func kindOf(name []byte) uint8 {
	// The names of one or two letters first, without comparing strings:
	// most tags.
	switch len(name) {
	case 1:
		switch name[0] {
		case 'a', 'b', 'i', 'q', 's', 'u':
			return 0
		}
		return kindBlock
	case 2:
		switch c0, c1 := name[0], name[1]; {
		case c0 == 'h' && '1' <= c1 && c1 <= '6':
			return kindBlock | kindHeading
		case c0 == 'e' && c1 == 'm':
			return 0
		case c1 == 'r' && (c0 == 'b' || c0 == 'h'):
			return kindBlock | kindVoid
		}
		return kindBlock
	}
	// Then the longer ones (a, b, em, i, q, s, u are inline; br, hr void;
	// h1…h6 headings).
	switch string(name) {
	case "abbr", "code", "kbd", "mark", "small", "span", "strong", "sub", "var", "del", "ins", "time":
		return 0
	case "area", "base", "col", "embed", "img", "input", "link", "meta", "source", "track", "wbr":
		return kindBlock | kindVoid
	case "svg", "script", "style", "template":
		return kindBlock | kindSkipped
	}
	return kindBlock
}

// startTag reads a start tag (raw, from "<" to ">"); a, when not nil,
// are its attributes as the lexer read them.
func (x *extractor) startTag(raw []byte, selfClosing bool, a *attrs) {
	x.namedStartTag(raw, tagName(x.nameBuf[:0], raw[1:]), selfClosing, a)
}

// namedStartTag is startTag of a tag whose name, as tagName reads it, is
// name.
func (x *extractor) namedStartTag(raw, name []byte, selfClosing bool, a *attrs) {
	if a != nil && a.odd {
		a = nil
	}
	kind := kindOf(name)
	opens := !selfClosing && kind&kindVoid == 0
	if x.skip > 0 {
		if opens {
			x.skip++
		}
		return
	}
	skipped := kind&kindSkipped != 0
	if !skipped && a == nil {
		skipped = skippedAttrs(raw)
	} else if !skipped {
		skipped = a.ariaHidden || hasClass(a.class, "visually-hidden") || hasClass(a.class, "headerlink")
	}
	if skipped {
		if opens {
			x.skip = 1
		}
		return
	}
	if kind&kindHeading != 0 && x.inHeading == 0 {
		var id []byte
		if a != nil {
			id = a.id
		} else {
			id = attr(raw, ` id="`)
		}
		if len(id) > 0 {
			x.flush()
			from := len(x.buf)
			if bytes.IndexByte(id, '&') >= 0 {
				x.buf = append(x.buf, html.UnescapeString(string(id))...)
			} else {
				x.buf = append(x.buf, id...)
			}
			x.cur = sectionSpan{anchor: bufSpan{from: from, to: len(x.buf)}}
			x.inHeading = name[1]
			x.cut()
			return
		}
	}
	if kind&kindBlock != 0 {
		x.space()
	}
}

// endTag reads an end tag (raw, from "</" to ">").
func (x *extractor) endTag(raw []byte) {
	if len(raw) < 3 {
		return
	}
	if x.skip > 0 {
		x.skip--
		return
	}
	x.namedEndTag(tagName(x.nameBuf[:0], raw[2:]))
}

// namedEndTag is endTag, outside skipped elements, of a tag whose name,
// as tagName reads it, is name.
func (x *extractor) namedEndTag(name []byte) {
	kind := kindOf(name)
	if x.inHeading != 0 && kind&kindHeading != 0 && name[1] == x.inHeading {
		x.cur.heading = x.cut()
		x.inHeading = 0
		return
	}
	if kind&kindBlock != 0 {
		x.space()
	}
}

// tokens reads the article with golang.org/x/net/html's Tokenizer.
func (x *extractor) tokens(article []byte) []Section { return x.tokensInto(nil, article) }

// tokensInto is tokens appending the sections to out.
func (x *extractor) tokensInto(out []Section, article []byte) []Section {
	x.tokensSpans(article)
	return x.sectionsInto(out)
}

// tokensSpans reads the article as tokens does into x.secs, flushed, and
// x.buf.
func (x *extractor) tokensSpans(article []byte) {
	z := html.NewTokenizer(bytes.NewReader(article))
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			x.flush()
			return
		case html.StartTagToken, html.SelfClosingTagToken:
			x.startTag(z.Raw(), tt == html.SelfClosingTagToken, nil)
		case html.EndTagToken:
			x.endTag(z.Raw())
		case html.TextToken:
			if x.skip == 0 {
				collapse(x, z.Text())
			}
		}
	}
}

// lex reads the article with a lexer; ok is false if the lexer cannot.
func (x *extractor) lex(article []byte) ([]Section, bool) { return x.lexInto(nil, article) }

// lexInto is lex appending the sections to out.
func (x *extractor) lexInto(out []Section, article []byte) ([]Section, bool) {
	if !x.lexSpans(article) {
		return nil, false
	}
	return x.sectionsInto(out), true
}

// lexSpans reads the article as lex does into x.secs, flushed, and x.buf;
// it returns false if the lexer cannot.
func (x *extractor) lexSpans(article []byte) bool {
	l := lexer{b: article}
	for {
		if x.skip == 0 && l.rawTag == "" && !l.eof && !tagAt(article, l.at) {
			// The text up to the next tag, read and written at once;
			// what text reads not is read by next.
			if end, ok := x.text(article, l.at); ok && end > l.at {
				l.at = end
				l.eof = end == len(article)
			}
		}
		if l.rawTag == "" && !l.eof {
			if end := x.simpleTag(article, l.at); end > 0 {
				l.start, l.at = l.at, end
				continue
			}
		}
		switch tt := l.next(); tt {
		case tokError:
			x.flush()
			return true
		case tokBail:
			return false
		case tokStart, tokSelfClosing:
			x.startTag(article[l.start:l.at], tt == tokSelfClosing, &l.attrs)
		case tokEnd:
			x.endTag(article[l.start:l.at])
		case tokText:
			if x.skip == 0 {
				x.writeText(article[l.start:l.at], l.convertNUL, l.unescape)
			}
		}
	}
}

// tagAt reports whether a tag (or a comment…) begins at i in b, where
// text, as extractor.text reads it, ends at once.
func tagAt(b []byte, i int) bool {
	if i+1 >= len(b) || b[i] != '<' {
		return false
	}
	c := b[i+1]
	return isLetter(c) || c == '/' || c == '!' || c == '?'
}

// simpleTag reads the tag that begins at i in b, as lexer.next and
// startTag or endTag would, when its name is lower-case ASCII letters
// and digits, not that of an element of raw text, and it is an end tag
// without attributes or a start tag whose attributes are each written
// ` key="value"`, key ASCII letters and '-' ("<p>", "</li>",
// `<a href="#x" class="y">`): most tags. It returns where the tag ends,
// or 0 when it is no such tag.
func (x *extractor) simpleTag(b []byte, i int) int {
	if i+2 >= len(b) || b[i] != '<' {
		return 0
	}
	j := i + 1
	end := b[j] == '/'
	if end {
		j++
	}
	k := j
	for ; k < len(b) && k-j < len(x.nameBuf); k++ {
		if c := b[k]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' && k > j) {
			break
		}
	}
	if k == j || k == len(b) || b[k] != '>' && (end || b[k] != ' ') {
		return 0
	}
	if end {
		// The name as tagName reads it: lower-case, at most
		// len(x.nameBuf) bytes.
		if x.skip > 0 {
			x.skip--
		} else {
			x.namedEndTag(b[j:k])
		}
		return k + 1
	}
	if k-j >= 3 && rawText(b[j:k]) {
		return 0
	}
	name := b[j:k] // as tagName reads it
	var a attrs
	for b[k] == ' ' {
		// An attribute ` key="value"`, key ASCII letters and '-'
		// (as the lexer, attrKey reads the key as it is written: an
		// SVG's viewBox is read here too).
		p := k + 1
		q := p
		for q < len(b) && ('a' <= b[q]|0x20 && b[q]|0x20 <= 'z' || b[q] == '-' && q > p) {
			q++
		}
		if q == p || q+1 >= len(b) || b[q] != '=' || b[q+1] != '"' {
			return 0
		}
		v := bytes.IndexByte(b[q+2:], '"')
		if v < 0 {
			return 0
		}
		a.read(attrKey(b[p:q]), b[q+2:q+2+v], '"')
		k = q + 2 + v + 1
		if k == len(b) || b[k] != '>' && b[k] != ' ' {
			return 0
		}
	}
	x.namedStartTag(b[i:k+1], name, false, &a)
	return k + 1
}

// rawText reports whether a lower-case tag name is that of an element
// whose content is raw text (lexer.startTag).
func rawText(name []byte) bool {
	switch string(name) {
	case "iframe", "noembed", "noframes", "noscript", "plaintext", "script", "style", "textarea", "title", "xmp":
		return true
	}
	return false
}

// Classes of bytes in text, for extractor.text.
const (
	textSpace = iota // HTML white space
	textLT           // '<', which may begin a tag
	textAmp          // '&', which may begin an entity
	textPlain        // written as it is, and by JSON too
	textDirty        // written as it is, but escaped by JSON (dirty)
	textHigh         // a byte of a non-ASCII character (jsonRune)

	textPlainFirst = textPlain // the classes from here are written as they are
)

var textClasses = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case isSpace(byte(c)):
			t[c] = textSpace
		case c == '<':
			t[c] = textLT
		case c == '&':
			t[c] = textAmp
		case c >= utf8.RuneSelf:
			t[c] = textHigh
		case c < 0x20 || c == '"' || c == '\\':
			t[c] = textDirty
		default:
			t[c] = textPlain
		}
	}
	return t
}()

// text reads the text token (outside raw text) that begins at i in b,
// as lexer.next finds it, and writes it as writeText would, in one pass:
// it returns where the token ends (i when there is none). ok is false,
// and nothing written, when the text has an entity: next and writeText
// read it then.
func (x *extractor) text(b []byte, i int) (end int, ok bool) {
	n, pending := len(x.buf), x.pending
	for i < len(b) {
		switch textClasses[b[i]] {
		case textSpace:
			x.space()
			for i++; i < len(b) && isSpace(b[i]); i++ {
			}
			continue
		case textLT:
			if i+1 < len(b) {
				if c := b[i+1]; isLetter(c) || c == '/' || c == '!' || c == '?' {
					return i, true
				}
			}
			// Text, as are the bytes after it.
		case textAmp:
			r, size := entity(b[i:])
			if size == 0 {
				x.buf, x.pending = x.buf[:n], pending
				return 0, false
			}
			if x.pending {
				x.buf = append(x.buf, ' ')
				x.pending = false
			}
			x.buf = utf8.AppendRune(x.buf, r)
			// A valid character, which JSON escapes only as follows.
			x.dirty = x.dirty || r == '"' || r == '\u2028' || r == '\u2029'
			i += size
			continue
		}
		if x.pending {
			x.buf = append(x.buf, ' ')
			x.pending = false
		}
		// Copied as it is: other bytes, and single spaces between them
		// (b[j-1] is no space, b[j] is none).
		j := i
		if b[i] == '<' {
			j++ // beginning no tag
		}
		for j < len(b) {
			if j+8 <= len(b) && plainRun8(binary.LittleEndian.Uint64(b[j:])) {
				j += 8
				continue
			}
			switch textClasses[b[j]] {
			case textPlain:
				j++
				continue
			case textDirty:
				x.dirty = true
				j++
				continue
			case textHigh:
				size, plain := jsonRune(b[j:])
				x.dirty = x.dirty || !plain
				j += size
				continue
			case textSpace:
				if b[j] == ' ' && j+1 < len(b) && textClasses[b[j+1]] >= textPlainFirst {
					j++
					continue
				}
			}
			break
		}
		x.buf = append(x.buf, b[i:j]...)
		i = j
	}
	return len(b), true
}

// jsonRune returns the size of the character at the start of b, a byte
// of a non-ASCII one, as utf8.DecodeRune reads it, and whether appendJSON
// writes it as it is: it is valid UTF-8 and neither U+2028 nor U+2029.
func jsonRune(b []byte) (size int, plain bool) {
	if len(b) >= 2 && 0xc2 <= b[0] && b[0] < 0xe0 && b[1]&0xc0 == 0x80 {
		return 2, true // U+0080 to U+07FF ("é"): most
	}
	r, size := utf8.DecodeRune(b)
	return size, !(r == utf8.RuneError && size == 1) && r != '\u2028' && r != '\u2029'
}

// plainRun8 reports whether 8 bytes of text (x, the first lowest) after
// one that is no space are copied as they are, by JSON too: none is '<',
// '&', '"', '\\', a control character or a byte of a non-ASCII
// character, no space follows a space and the last is none; and none is
// '|', which the caller copies byte by byte (tested with '<' and '\\').
// (Tests of a word's bytes: v has a byte less than n when (v - n*lo) &^ v
// & hi is not 0, a 0 byte when n is 1; z has the high bit of each byte
// of x that is a space, exactly.)
func plainRun8(x uint64) bool {
	const lo, hi, low7 = 0x0101010101010101, 0x8080808080808080, 0x7f7f7f7f7f7f7f7f
	// A 0 byte where x has '"' or '&' (0x22, 0x26), and where it has '<',
	// '\\' or '|' (0x3c, 0x5c, 0x7c; or 0x1c, a control character).
	qa, lb := (x^'"'*lo)&^(0x04*lo), (x^'<'*lo)&^(0x60*lo)
	if (x|(x-0x20*lo)&^x|(qa-lo)&^qa|(lb-lo)&^lb)&hi != 0 {
		return false
	}
	s := x ^ ' '*lo
	z := ^((s&low7 + low7) | s) & hi
	return z&(z>>8) == 0 && z>>63 == 0
}

// entity returns the character of the character reference that begins
// b ("&…;") and its size, when it is one that html.UnescapeString
// replaces by that character, neither white space nor a tag's '<', and
// whatever follows it: a few named ones, and numeric ones of a
// character from U+00A0 on. Else size is 0.
func entity(b []byte) (r rune, size int) {
	if len(b) < 4 {
		return 0, 0
	}
	if b[1] != '#' {
		for _, e := range [...]struct {
			name string
			r    rune
		}{{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&nbsp;", '\u00a0'}} {
			if len(b) >= len(e.name) && string(b[:len(e.name)]) == e.name {
				return e.r, len(e.name)
			}
		}
		return 0, 0
	}
	i, base, digits := 2, rune(10), 7
	if b[2] == 'x' || b[2] == 'X' {
		i, base, digits = 3, 16, 6
	}
	v, i0 := rune(0), i
	for ; i < len(b) && i-i0 <= digits; i++ {
		c := b[i]
		var d rune
		switch {
		case '0' <= c && c <= '9':
			d = rune(c - '0')
		case base == 16 && 'a' <= c|0x20 && c|0x20 <= 'f':
			d = rune(c|0x20-'a') + 10
		case c == ';' && i > i0 && v >= 0xa0 && v <= unicode.MaxRune && !(0xd800 <= v && v <= 0xdfff):
			return v, i + 1
		default:
			return 0, 0
		}
		v = v*base + d
	}
	return 0, 0
}

// writeText writes a text token's text as the Tokenizer's Text returns
// it: NUL made U+FFFD in raw text, entities replaced unless the text is
// raw. Text also makes "\r\n" and "\r" "\n", before it replaces entities,
// which "\r" and "\n" end alike: the text differs only in its white
// space, which collapse makes one space whatever it is.
func (x *extractor) writeText(s []byte, convertNUL, unescape bool) {
	if convertNUL && bytes.IndexByte(s, 0) >= 0 {
		s = bytes.ReplaceAll(s, []byte{0}, []byte("\ufffd")) // a copy
	}
	if unescape && bytes.IndexByte(s, '&') >= 0 {
		collapse(x, html.UnescapeString(string(s)))
		return
	}
	collapse(x, s)
}

// Tokens of the lexer.
const (
	tokError       = iota // the end of the article, or a tag cut by it
	tokText               // text, raw text included
	tokStart              // a start tag
	tokSelfClosing        // a self-closing start tag
	tokEnd                // an end tag
	tokOther              // a comment, a doctype, a bogus comment, "</>"
	tokBail               // what the lexer does not read
)

// lexer splits an article into the tokens golang.org/x/net/html's
// Tokenizer splits it into, with the same raw bytes (article[start:at]),
// but reads only what it needs: it gives no tag names, of the attributes
// only those Extract reads (attrs), and the text is that of the raw
// bytes (a text token's raw bytes are its text before Text converts it).
// It does not read scripts, whose end the
// Tokenizer finds by rules of their own, nor unquoted attribute values in
// start tags, after which the Tokenizer's test of a self-closing tag
// depends on the attributes it keeps; it then gives tokBail.
//
// Each step follows the Tokenizer's method it is named after (v0.62.0):
// where the Tokenizer meets the end of its input within a tag it gives
// an error, where within a comment a comment and then an error; the
// lexer gives an error in both cases, which Extract reads alike.
type lexer struct {
	b         []byte
	start, at int // the current token's raw bytes
	// rawTag is the lower-case name of the element whose raw text comes
	// next ("title", "style"), or "".
	rawTag string
	eof    bool // the end was read
	// Of the current text token.
	convertNUL, unescape bool
	// Of the current start tag.
	attrs attrs
}

// attrs are the attributes of a start tag that Extract reads, as the
// lexer reads them. They are what skippedAttrs and attr find in the raw
// tag, which finds them as parts of the raw bytes (` id="`…), unless a
// part is not where the lexer reads an attribute: then within a
// single-quoted value, or beginning within a double-quoted value that
// ends in '=' (as ` id="` must, whose '"' would close it); odd is set
// then. (A start tag with an unquoted value is not read by the lexer.)
type attrs struct {
	id, class         []byte // the first of each, nil if none
	ariaHidden, odd   bool   // aria-hidden="true" seen
	seenID, seenClass bool
}

// Attributes of attrs.
const (
	attrNone = iota
	attrID
	attrClass
	attrAriaHidden
)

func attrKey(key []byte) int {
	switch string(key) {
	case "id":
		return attrID
	case "class":
		return attrClass
	case "aria-hidden":
		return attrAriaHidden
	}
	return attrNone
}

// read reads the value of an attribute whose key is key (attrNone when
// it is not written ` key="`), quoted by q.
func (a *attrs) read(key int, v []byte, q byte) {
	if q == '\'' || len(v) > 0 && v[len(v)-1] == '=' {
		a.odd = true
	}
	switch key {
	case attrID:
		if !a.seenID {
			a.id, a.seenID = v, true
		}
	case attrClass:
		if !a.seenClass {
			a.class, a.seenClass = v, true
		}
	case attrAriaHidden:
		a.ariaHidden = a.ariaHidden || string(v) == "true"
	}
}

// isSpace reports whether c is HTML white space: ' ', '\n', '\r', '\t' or
// '\f'.
func isSpace(c byte) bool {
	const spaces = 1<<' ' | 1<<'\n' | 1<<'\r' | 1<<'\t' | 1<<'\f'
	return c <= ' ' && spaces>>c&1 != 0
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// next reads the next token, as Tokenizer.Next.
func (l *lexer) next() int {
	l.start = l.at
	if l.eof {
		return tokError
	}
	if l.rawTag != "" {
		tag := l.rawTag
		l.rawTag = ""
		end := len(l.b)
		if tag != "plaintext" {
			end = rawEnd(l.b, l.at, tag)
		}
		if end == len(l.b) {
			l.eof = true
		}
		if end > l.at {
			l.at = end
			l.convertNUL, l.unescape = true, tag == "textarea" || tag == "title"
			return tokText
		}
		if l.eof {
			return tokError
		}
	}
	l.convertNUL, l.unescape = false, true
	for i := l.at; ; {
		j := 0
		if i == len(l.b) || l.b[i] != '<' {
			j = bytes.IndexByte(l.b[i:], '<')
		}
		if j < 0 || i+j+1 == len(l.b) {
			// Text up to the end, a final "<" included.
			l.eof = true
			if l.at == len(l.b) {
				return tokError
			}
			l.at = len(l.b)
			return tokText
		}
		lt := i + j
		c := l.b[lt+1]
		if !isLetter(c) && c != '/' && c != '!' && c != '?' {
			i = lt + 1
			continue
		}
		if lt > l.at {
			l.at = lt
			return tokText
		}
		switch {
		case isLetter(c):
			return l.startTag()
		case c == '/':
			return l.endTag()
		case c == '!':
			return l.markupDeclaration()
		default: // "<?": a bogus comment from the "?"
			return l.untilCloseAngle(lt + 1)
		}
	}
}

// rawEnd returns where the raw text from i of the element tag ends: at
// its end tag, or at the end of b (readRawOrRCDATA, readRawEndTag).
func rawEnd(b []byte, i int, tag string) int {
	for {
		j := bytes.Index(b[i:], []byte("</"))
		if j < 0 {
			return len(b)
		}
		k := i + j + 2
		if k+len(tag) < len(b) && asciiEqualFold(b[k:k+len(tag)], tag) && (isSpace(b[k+len(tag)]) || b[k+len(tag)] == '/' || b[k+len(tag)] == '>') {
			return i + j
		}
		i = k
	}
}

// asciiEqualFold reports whether b is the lower-case letters s in any
// case.
func asciiEqualFold(b []byte, s string) bool {
	for i := range len(s) {
		if c := b[i]; c != s[i] && c != s[i]-('a'-'A') {
			return false
		}
	}
	return true
}

// untilCloseAngle ends the current token after the first ">" from i, or
// at the end (readUntilCloseAngle).
func (l *lexer) untilCloseAngle(i int) int {
	j := bytes.IndexByte(l.b[i:], '>')
	if j < 0 {
		l.at, l.eof = len(l.b), true
		return tokError
	}
	l.at = i + j + 1
	return tokOther
}

// markupDeclaration reads a token that begins "<!"
// (readMarkupDeclaration): a comment, or else a doctype or a bogus
// comment, both of which end at the first ">".
func (l *lexer) markupDeclaration() int {
	i := l.at + 2
	if i+2 > len(l.b) {
		l.at, l.eof = len(l.b), true
		return tokError
	}
	if l.b[i] != '-' || l.b[i+1] != '-' {
		return l.untilCloseAngle(i)
	}
	// readComment
	dashes, beginning := 0, true
	for k := i + 2; k < len(l.b); k++ {
		switch l.b[k] {
		case '-':
			dashes++
			continue
		case '>':
			if dashes >= 2 || beginning {
				l.at = k + 1
				return tokOther
			}
		case '!':
			if dashes >= 2 {
				k++
				if k == len(l.b) {
					l.at, l.eof = len(l.b), true
					return tokError
				}
				switch l.b[k] {
				case '>':
					l.at = k + 1
					return tokOther
				case '-':
					dashes, beginning = 1, false
					continue
				}
			}
		}
		dashes, beginning = 0, false
	}
	l.at, l.eof = len(l.b), true
	return tokError
}

// endTag reads a token that begins "</" (Next's EndTagToken case).
func (l *lexer) endTag() int {
	i := l.at + 2
	if i == len(l.b) {
		// "</" at the end is text.
		l.at, l.eof = len(l.b), true
		return tokText
	}
	switch c := l.b[i]; {
	case c == '>':
		l.at = i + 1
		return tokOther
	case isLetter(c):
		if !l.tag(false, 0) {
			return tokBail
		}
		if l.eof {
			return tokError
		}
		return tokEnd
	}
	return l.untilCloseAngle(i)
}

// startTag reads a start tag (readStartTag).
func (l *lexer) startTag() int {
	nameEnd, ok := l.tagName()
	if !ok {
		return tokError
	}
	name := l.b[l.start+1 : nameEnd]
	if !l.tag(true, nameEnd) {
		return tokBail
	}
	if l.eof {
		return tokError
	}
	var raws []string // the elements of raw text with a name as long
	switch len(name) {
	case 3:
		raws = []string{"xmp"}
	case 5:
		raws = []string{"style", "title"}
	case 6:
		raws = []string{"iframe", "script"}
	case 7:
		raws = []string{"noembed"}
	case 8:
		raws = []string{"noframes", "noscript", "textarea"}
	case 9:
		raws = []string{"plaintext"}
	}
	for _, raw := range raws {
		if asciiEqualFold(name, raw) {
			if raw == "script" {
				return tokBail
			}
			l.rawTag = raw
		}
	}
	// With no unquoted attribute value, the Tokenizer's test is this.
	if l.b[l.at-2] == '/' {
		return tokSelfClosing
	}
	return tokStart
}

// tagName returns where the name of the tag that starts at l.start ends
// (readTagName); ok is false at the end.
func (l *lexer) tagName() (end int, ok bool) {
	// The name's first letter follows "<" or "</".
	i := l.start + 2
	if l.b[l.start+1] == '/' {
		i++
	}
	for ; i < len(l.b); i++ {
		if c := l.b[i]; isSpace(c) || c == '/' || c == '>' {
			return i, true
		}
	}
	return len(l.b), false
}

// tag reads a tag from its name to its ">" (readTag), setting l.at after
// it; l.eof is set when the end comes first. ok is false after an
// unquoted attribute value when start is set; then nameEnd is where
// its name ends, as tagName returns it.
func (l *lexer) tag(start bool, nameEnd int) (ok bool) {
	b := l.b
	l.attrs = attrs{}
	i := nameEnd
	if !start {
		var found bool
		if i, found = l.tagName(); !found {
			l.at, l.eof = len(b), true
			return true
		}
	}
	if b[i] == '>' {
		// No attributes: most tags.
		l.at = i + 1
		return true
	}
	skip := func() bool { // skipWhiteSpace; false at the end
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		return i < len(b)
	}
	if isSpace(b[i]) {
		i++
	}
	for {
		if !skip() {
			l.at, l.eof = len(b), true
			return true
		}
		if b[i] == '>' {
			l.at = i + 1
			return true
		}
		// readTagAttrKey
		k := i
		for ; ; i++ {
			if i == len(b) {
				l.at, l.eof = len(b), true
				return true
			}
			c := b[i]
			if c == '=' && i == k {
				continue
			}
			if c == '=' || isSpace(c) || c == '/' || c == '>' {
				break
			}
		}
		// An attribute the extractor reads, written ` key="`?
		key := attrNone
		if start && b[k-1] == ' ' && i+1 < len(b) && b[i] == '=' && b[i+1] == '"' {
			key = attrKey(b[k:i])
		}
		// readTagAttrVal
		if !skip() {
			l.at, l.eof = len(b), true
			return true
		}
		if c := b[i]; c == '/' {
			i++
			continue
		} else if c != '=' {
			continue
		}
		i++
		if !skip() {
			l.at, l.eof = len(b), true
			return true
		}
		switch q := b[i]; q {
		case '>':
		case '\'', '"':
			j := bytes.IndexByte(b[i+1:], q)
			if j < 0 {
				l.at, l.eof = len(b), true
				return true
			}
			if start {
				l.attrs.read(key, b[i+1:i+1+j], q)
			}
			i += 1 + j + 1
		default:
			if start {
				return false
			}
			for i < len(b) && !isSpace(b[i]) && b[i] != '>' {
				i++
			}
		}
	}
}

// tagName returns the lower-cased name at the start of b (after "<" or
// "</"): its letters, digits and '-', at most cap(buf) of them; a part of
// b when it is lower-case, else in buf.
func tagName(buf, b []byte) []byte {
	for i, c := range b {
		switch {
		case i == cap(buf):
			return b[:i]
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-':
		case 'A' <= c && c <= 'Z':
			return lowerTagName(buf, b)
		default:
			return b[:i]
		}
	}
	return b
}

// lowerTagName is tagName of a name with upper-case letters.
func lowerTagName(buf, b []byte) []byte {
	for _, c := range b {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-':
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		default:
			return buf
		}
		if len(buf) == cap(buf) {
			return buf
		}
		buf = append(buf, c)
	}
	return buf
}

// skippedAttrs reports whether the attributes of a raw start tag make
// its element's content not read as text: aria-hidden="true", or a class
// visually-hidden or headerlink.
func skippedAttrs(raw []byte) bool {
	// As bytes.Contains(raw, ` aria-hidden="true"`) and attr(raw,
	// ` class="`) would, in one pass over the tag's spaces.
	var class []byte
	seenClass := false
	for i := bytes.IndexByte(raw, ' '); i >= 0; {
		rest := raw[i:]
		if bytes.HasPrefix(rest, []byte(` aria-hidden="true"`)) {
			return true
		}
		if !seenClass && bytes.HasPrefix(rest, []byte(` class="`)) {
			seenClass = true
			v := rest[len(` class="`):]
			if j := bytes.IndexByte(v, '"'); j >= 0 {
				class = v[:j]
			}
		}
		j := bytes.IndexByte(rest[1:], ' ')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return hasClass(class, "visually-hidden") || hasClass(class, "headerlink")
}

// attr returns the value of a double-quoted attribute (prefix is
// ` name="`) of a raw start tag, or nil.
func attr(raw []byte, prefix string) []byte {
	i := bytes.Index(raw, []byte(prefix))
	if i < 0 {
		return nil
	}
	v := raw[i+len(prefix):]
	if j := bytes.IndexByte(v, '"'); j >= 0 {
		return v[:j]
	}
	return nil
}

func hasClass(class []byte, name string) bool {
	for len(class) > 0 {
		i := 0
		for i < len(class) && class[i] != ' ' && class[i] != '\t' && class[i] != '\n' {
			i++
		}
		if string(class[:i]) == name {
			return true
		}
		if i == len(class) {
			break
		}
		class = class[i+1:]
	}
	return false
}

// collapse writes text with runs of white space turned into one space,
// none before the segment's first word nor after its last.
func collapse[T []byte | string](x *extractor, p T) {
	x.dirty = true // not looked at
	for i := 0; i < len(p); {
		if isSpace(p[i]) {
			x.space()
			for i++; i < len(p) && isSpace(p[i]); i++ {
			}
			continue
		}
		if x.pending {
			x.buf = append(x.buf, ' ')
			x.pending = false
		}
		// Copied as it is: other bytes, and single spaces between them.
		j := i + 1
		for j < len(p) {
			if !isSpace(p[j]) {
				j++
			} else if p[j] == ' ' && j+1 < len(p) && !isSpace(p[j+1]) {
				j += 2
			} else {
				break
			}
		}
		x.buf = append(x.buf, p[i:j]...)
		i = j
	}
}
