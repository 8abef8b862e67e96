package search

import (
	"bytes"
	"sync"

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
// Tokenizer (oracle_test.go).
func Extract(title string, article []byte) []Section {
	x := extractors.Get().(*extractor)
	defer extractors.Put(x)
	x.reset(title)
	if out, ok := x.lex(article); ok {
		return out
	}
	x.reset(title)
	return x.tokens(article)
}

var extractors = sync.Pool{New: func() any { return new(extractor) }}

// extractor turns the tokens of an article into sections.
type extractor struct {
	out           []Section
	cur           Section
	text, heading collapser
	inHeading     byte // the level of the heading being read, '1'…'6'
	skip          int  // depth inside a skipped element
	nameBuf       [16]byte
}

func (x *extractor) reset(title string) {
	x.out = nil
	x.cur = Section{Heading: title}
	x.text.Reset()
	x.heading.Reset()
	x.inHeading, x.skip = 0, 0
}

func (x *extractor) flush() {
	x.cur.Text = x.text.String()
	if x.cur.Text != "" || x.cur.Anchor != "" {
		x.out = append(x.out, x.cur)
	}
}

// finish returns the sections; x keeps none of them.
func (x *extractor) finish() []Section {
	x.flush()
	out := x.out
	x.out, x.cur = nil, Section{}
	return out
}

func (x *extractor) collapser() *collapser {
	if x.inHeading != 0 {
		return &x.heading
	}
	return &x.text
}

var space = []byte(" ")

// startTag reads a start tag (raw, from "<" to ">").
func (x *extractor) startTag(raw []byte, selfClosing bool) {
	name := tagName(x.nameBuf[:0], raw[1:])
	opens := !selfClosing && !voidElement(name)
	if x.skip > 0 {
		if opens {
			x.skip++
		}
		return
	}
	if skipped(name, raw) {
		if opens {
			x.skip = 1
		}
		return
	}
	if isHeading(name) && x.inHeading == 0 {
		if id := attr(raw, ` id="`); len(id) > 0 {
			x.flush()
			x.cur = Section{Anchor: html.UnescapeString(string(id))}
			x.inHeading = name[1]
			x.heading.Reset()
			return
		}
	}
	if blockElement(name) {
		x.collapser().Write(space)
	}
}

// endTag reads an end tag (raw, from "</" to ">").
func (x *extractor) endTag(raw []byte) {
	if len(raw) < 3 {
		return
	}
	name := tagName(x.nameBuf[:0], raw[2:])
	if x.skip > 0 {
		x.skip--
		return
	}
	if x.inHeading != 0 && isHeading(name) && name[1] == x.inHeading {
		x.cur.Heading = x.heading.String()
		x.inHeading = 0
		return
	}
	if blockElement(name) {
		x.collapser().Write(space)
	}
}

// tokens reads the article with golang.org/x/net/html's Tokenizer.
func (x *extractor) tokens(article []byte) []Section {
	z := html.NewTokenizer(bytes.NewReader(article))
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			return x.finish()
		case html.StartTagToken, html.SelfClosingTagToken:
			x.startTag(z.Raw(), tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			x.endTag(z.Raw())
		case html.TextToken:
			if x.skip == 0 {
				x.collapser().Write(z.Text())
			}
		}
	}
}

// lex reads the article with a lexer; ok is false if the lexer cannot.
func (x *extractor) lex(article []byte) (out []Section, ok bool) {
	l := lexer{b: article}
	for {
		switch tt := l.next(); tt {
		case tokError:
			return x.finish(), true
		case tokBail:
			return nil, false
		case tokStart, tokSelfClosing:
			x.startTag(article[l.start:l.at], tt == tokSelfClosing)
		case tokEnd:
			x.endTag(article[l.start:l.at])
		case tokText:
			if x.skip == 0 {
				x.writeText(article[l.start:l.at], l.convertNUL, l.unescape)
			}
		}
	}
}

// writeText writes a text token's text as the Tokenizer's Text returns
// it: NUL made U+FFFD in raw text, entities replaced unless the text is
// raw. Text also makes "\r\n" and "\r" "\n", before it replaces entities,
// which "\r" and "\n" end alike: the text differs only in its white
// space, which the collapser makes one space whatever it is.
func (x *extractor) writeText(s []byte, convertNUL, unescape bool) {
	if convertNUL && bytes.IndexByte(s, 0) >= 0 {
		s = bytes.ReplaceAll(s, []byte{0}, []byte("\ufffd")) // a copy
	}
	c := x.collapser()
	if unescape && bytes.IndexByte(s, '&') >= 0 {
		c.WriteString(html.UnescapeString(string(s)))
		return
	}
	c.Write(s)
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
// but reads only what it needs: it gives no tag names nor attributes,
// and the text is that of the raw bytes (a text token's raw bytes are its
// text before Text converts it). It does not read scripts, whose end the
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
		j := bytes.IndexByte(l.b[i:], '<')
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
		if !l.tag(false) {
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
	if !l.tag(true) {
		return tokBail
	}
	if l.eof {
		return tokError
	}
	if len(name) >= 3 && len(name) <= 9 {
		for _, raw := range [...]string{"iframe", "noembed", "noframes", "noscript", "plaintext", "script", "style", "textarea", "title", "xmp"} {
			if len(name) == len(raw) && asciiEqualFold(name, raw) {
				if raw == "script" {
					return tokBail
				}
				l.rawTag = raw
			}
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
// unquoted attribute value when start is set.
func (l *lexer) tag(start bool) (ok bool) {
	b := l.b
	i, found := l.tagName()
	if !found {
		l.at, l.eof = len(b), true
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
		for k := i; ; i++ {
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
// "</"), in buf.
func tagName(buf, b []byte) []byte {
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

// skipped reports whether an element's content is not read as text.
func skipped(name, raw []byte) bool {
	switch string(name) {
	case "svg", "script", "style", "template":
		return true
	}
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

func isHeading(tag []byte) bool {
	return len(tag) == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6'
}

func voidElement(tag []byte) bool {
	switch string(tag) {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr":
		return true
	}
	return false
}

// blockElement: elements whose edges separate words.
func blockElement(tag []byte) bool {
	switch string(tag) {
	case "a", "abbr", "b", "code", "em", "i", "kbd", "mark", "q", "s", "small", "span", "strong", "sub", "u", "var", "del", "ins", "time":
		return false
	}
	return true
}

// collapser collects text with runs of white space turned into one
// space, trimmed.
type collapser struct {
	b       []byte
	pending bool // white space seen since the last word
}

func (c *collapser) Write(p []byte) { collapse(c, p) }

func (c *collapser) WriteString(s string) { collapse(c, s) }

func collapse[T []byte | string](c *collapser, p T) {
	for i := 0; i < len(p); {
		if isSpace(p[i]) {
			c.pending = len(c.b) > 0
			for i++; i < len(p) && isSpace(p[i]); i++ {
			}
			continue
		}
		if c.pending {
			c.b = append(c.b, ' ')
			c.pending = false
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
		c.b = append(c.b, p[i:j]...)
		i = j
	}
}

// String returns the text and empties c.
func (c *collapser) String() string {
	s := string(c.b)
	c.b, c.pending = c.b[:0], false
	return s
}

func (c *collapser) Reset() { c.b, c.pending = c.b[:0], false }
