package htmlmin

import "bytes"

// The lexer below cuts a page into the tokens that
// github.com/tdewolff/parse/v2/html.Lexer (v2.8.20, no template
// delimiters) returns for it, and where each one ends: the minifier's
// output depends only on its tokens, so a page can be cut between two
// tokens only if both lexers agree on where tokens begin. Each branch
// cites the function of the original it follows; lex_test.go compares
// the two token by token on the test pages and under fuzzing.

type kind uint8

const (
	kText kind = iota
	kStart
	kEnd
	kComment
	kDoctype
	kSVG   // <svg>…</svg> as one token
	kXML   // <math> or <xml> element as one token
	kCDATA // <![CDATA[…]]>, a text token for the minifier
)

// token is one token of the page: page[start:end] is all of it, from
// '<' to the '>' of a start tag with its attributes.
type token struct {
	kind   kind
	closed bool // end tag ended by '>' (not by the end of the page)
	// clean: a start tag written as the minifier writes it, if its
	// attributes' names let it (see Minifier.simple): a known name in
	// lower case, each attribute after one space, in lower case, with
	// no value or a value in double quotes right after '=' that the
	// minifier leaves as it is (cleanValue), and '>' right after.
	clean bool
	// Offsets in the page (Minifier.Minify takes pages under 2 GiB).
	start, end, nameEnd int32
	tag                 *tag   // what the tables know of its name, nil if nothing
	attrs               []attr // start tags
}

// name returns the name of a start or end tag, as written.
func (t *token) name(p []byte) []byte {
	if t.kind == kEnd {
		return p[t.start+2 : t.nameEnd]
	}
	return p[t.start+1 : t.nameEnd]
}

// attr is one attribute as the lexer returns it.
type attr struct {
	nameStart, nameEnd int32
	valStart, valEnd   int32     // the value with its quotes; valStart < 0 without '='
	info               *attrName // what the tables know of the name (set by Minifier.simple)
}

// name returns the name as written (the lexer lowers it).
func (a *attr) name(p []byte) []byte { return p[a.nameStart:a.nameEnd] }

// val returns the value with its quotes, nil without '='.
func (a *attr) val(p []byte) []byte {
	if a.valStart < 0 {
		return nil
	}
	return p[a.valStart:a.valEnd:a.valEnd]
}

// lexer reads tokens from a page.
type lexer struct {
	p      []byte
	i      int
	rawTag string // the raw text element the last start tag opened
	// stuck is set when the lexer met what it does not follow (a NUL
	// in an <svg>, an end of page inside a tag, a <!-- in a script):
	// the rest of the page is then one piece.
	stuck bool
	attrs []attr // the attributes of the tokens read, see token.attrs
}

func (l *lexer) at(i int) byte {
	if i < len(l.p) {
		return l.p[i]
	}
	return 0
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// stop marks the bytes that end a tag name (stopTag) or an attribute
// name (any bit); '/' only before '>'.
var stop = [256]uint8{
	' ': stopTag, '\t': stopTag, '\n': stopTag, '\r': stopTag, '\f': stopTag, '>': stopTag, '/': stopTag,
	'=': stopAttr,
}

const (
	stopTag = 1 << iota
	stopAttr
)

// next returns the next token; ok is false at the end of the page or
// when the lexer is stuck.
func (l *lexer) next(t *token) bool {
	// Every token returned is written whole; t is left as it is when
	// none is.
	if l.stuck || l.i >= len(l.p) {
		return false
	}
	if l.rawTag != "" {
		raw := l.rawTag
		l.rawTag = ""
		start := l.i
		if !l.skipRawText(raw) {
			l.stuck = true
			return false
		}
		if l.i > start {
			*t = token{kind: kText, start: int32(start), end: int32(l.i)}
			return true
		}
	}
	start := l.i
	for i := l.i; ; {
		// Next: text runs to a '<' that starts a tag, a comment or markup.
		if i >= len(l.p) {
			if i > start {
				*t = token{kind: kText, start: int32(start), end: int32(i)}
				l.i = i
				return true
			}
			return false
		}
		if l.p[i] != '<' {
			j := bytes.IndexByte(l.p[i+1:], '<')
			if j < 0 {
				i = len(l.p)
			} else {
				i += 1 + j
			}
			continue
		}
		c := l.at(i + 1)
		isEnd := c == '/' && i+2 < len(l.p) && l.p[i+2] != '>'
		if !isEnd && !isLetter(c) && c != '!' && c != '?' {
			i++
			continue
		}
		if i > start {
			*t = token{kind: kText, start: int32(start), end: int32(i)}
			l.i = i
			return true
		}
		switch {
		case isEnd:
			if !isLetter(l.at(i + 2)) {
				l.i = l.bogusComment(i + 2)
				*t = token{kind: kComment, start: int32(i), end: int32(l.i)}
				return true
			}
			l.endTag(t, i)
			return true
		case isLetter(c):
			return l.startTag(t, i)
		case c == '!':
			l.markup(t, i)
			return true
		default: // '?'
			l.i = l.bogusComment(i + 1)
			*t = token{kind: kComment, start: int32(i), end: int32(l.i)}
			return true
		}
	}
}

// bogusComment follows shiftBogusComment: up to and with the next '>'.
func (l *lexer) bogusComment(i int) int {
	j := bytes.IndexByte(l.p[i:], '>')
	if j < 0 {
		return len(l.p)
	}
	return i + j + 1
}

// endTag follows shiftEndTag; l.p[i:] starts with "</" and a letter.
func (l *lexer) endTag(t *token, i int) {
	// A loop: the '>' is near, IndexByte's call would cost more.
	j := -1
	for k, c := range l.p[i+2:] {
		if c == '>' {
			j = k
			break
		}
	}
	end, textEnd := len(l.p), len(l.p)
	if j >= 0 {
		textEnd = i + 2 + j
		end = textEnd + 1
	}
	name := l.p[i+2 : textEnd]
	for len(name) > 0 {
		if c := name[len(name)-1]; c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			name = name[:len(name)-1]
			continue
		}
		break
	}
	*t = token{kind: kEnd, start: int32(i), end: int32(end), nameEnd: int32(i + 2 + len(name)), tag: lowerName(name), closed: j >= 0}
	l.i = end
}

// markup follows readMarkup; l.p[i:] starts with "<!".
func (l *lexer) markup(t *token, i int) {
	p := l.p
	k := i + 2
	switch {
	case l.at(k) == '-' && l.at(k+1) == '-':
		for k += 2; ; k++ {
			if k >= len(p) {
				break
			}
			if p[k] == '-' && l.at(k+1) == '-' {
				if l.at(k+2) == '>' {
					k += 3
					break
				}
				if l.at(k+2) == '!' && l.at(k+3) == '>' {
					k += 4
					break
				}
			}
		}
		*t = token{kind: kComment, start: int32(i), end: int32(min(k, len(p)))}
	case hasPrefix(p[k:], "[CDATA["):
		k += 7
		for ; k < len(p); k++ {
			if p[k] == ']' && l.at(k+1) == ']' && l.at(k+2) == '>' {
				k += 3
				break
			}
		}
		*t = token{kind: kCDATA, start: int32(i), end: int32(min(k, len(p)))}
	case l.atDoctype(k):
		k += 7
		if l.at(k) == ' ' {
			k++
		}
		j := bytes.IndexByte(p[k:], '>')
		if j < 0 {
			k = len(p)
		} else {
			k += j + 1
		}
		*t = token{kind: kDoctype, start: int32(i), end: int32(k)}
	default:
		*t = token{kind: kComment, start: int32(i), end: int32(l.bogusComment(k))}
	}
	l.i = int(t.end)
}

// atDoctype follows atCaseInsensitive('d','o','c','t','y','p','e').
func (l *lexer) atDoctype(k int) bool {
	for j, c := range []byte("doctype") {
		b := l.at(k + j)
		if b != c && b+('a'-'A') != c {
			return false
		}
	}
	return true
}

// startTag follows shiftStartTag and the attribute states of Next and
// shiftAttribute; l.p[i:] starts with '<' and a letter.
func (l *lexer) startTag(t *token, i int) bool {
	p := l.p
	k := i + 1
	for ; k < len(p); k++ {
		if c := p[k]; stop[c]&stopTag != 0 && (c != '/' || l.at(k+1) == '>') {
			break
		}
	}
	name := p[i+1 : k]
	tg := lowerName(name)
	lower := ""
	if tg != nil {
		lower = tg.name
	}
	switch lower {
	case "svg", "math", "xml":
		end, ok := l.xml(k, lower)
		if !ok {
			l.stuck = true
			return false
		}
		kd := kXML
		if lower == "svg" {
			kd = kSVG
		}
		*t = token{kind: kd, start: int32(i), end: int32(end), nameEnd: int32(k)}
		l.i = end
		return true
	case "textarea", "title", "style", "xmp", "iframe", "script", "plaintext":
		l.rawTag = lower
	}
	a0 := len(l.attrs)
	clean := string(name) == lower
	for {
		sp := k
		for k < len(p) && isSpace(p[k]) {
			k++
		}
		if k >= len(p) {
			// The page ends inside the tag.
			l.stuck = true
			return false
		}
		if p[k] == '>' {
			clean = clean && k == sp
			k++
			break
		}
		if p[k] == '/' && l.at(k+1) == '>' {
			k += 2
			clean = false
			break
		}
		clean = clean && k == sp+1 && p[sp] == ' '
		a := attr{nameStart: int32(k), valStart: -1}
		// attribute name state
		for ; k < len(p); k++ {
			if c := p[k]; stop[c] != 0 && (c != '/' || l.at(k+1) == '>') {
				break
			}
		}
		a.nameEnd = int32(k)
		nameEnd := k
		clean = clean && k > int(a.nameStart) && !hasUpper(p[a.nameStart:k])
		for k < len(p) && isSpace(p[k]) {
			k++
		}
		if l.at(k) == '=' && k < len(p) {
			k++
			for k < len(p) && isSpace(p[k]) {
				k++
			}
			vs := k
			if d := l.at(k); d == '"' && clean && vs == nameEnd+1 && k < len(p) {
				// Found and checked by cleanValue in one loop.
				var ok bool
				k, ok = cleanValue(p, k+1)
				clean = ok
			} else if (d == '"' || d == '\'') && k < len(p) {
				clean = false
				j := bytes.IndexByte(p[k+1:], d)
				if j < 0 {
					k = len(p)
				} else {
					k += 1 + j + 1
				}
			} else {
				clean = false
				for ; k < len(p); k++ {
					if c := p[k]; c == ' ' || c == '>' || c == '\t' || c == '\n' || c == '\r' || c == '\f' {
						break
					}
				}
			}
			a.valStart, a.valEnd = int32(vs), int32(k)
		} else {
			k = nameEnd
		}
		l.attrs = append(l.attrs, a)
	}
	n := len(l.attrs)
	*t = token{kind: kStart, start: int32(i), end: int32(k), nameEnd: int32(i + 1 + len(name)), tag: tg, attrs: l.attrs[a0:n:n], clean: clean}
	l.i = k
	return true
}

// cleanValue reads a value in double quotes from p[k:], after its
// opening quote: it returns the end of the value (after its closing
// quote, len(p) without one), and whether the minifier writes it as it
// is: closed, not empty, no entity, no whitespace but single spaces,
// none at either end.
func cleanValue(p []byte, k int) (end int, clean bool) {
	space := true // no space first
	for j := k; j < len(p); j++ {
		switch valClass[p[j]] {
		case 0:
			space = false
		case 1:
			if space { // at the start, or a second one
				j = k + bytes.IndexByte(p[k:], '"')
				if j < k {
					return len(p), false
				}
				return j + 1, false
			}
			space = true
		case 2:
			j = k + bytes.IndexByte(p[k:], '"')
			if j < k {
				return len(p), false
			}
			return j + 1, false
		default: // '"'
			return j + 1, !space // (true at first: not empty)
		}
	}
	return len(p), false
}

// valClass: 1 for ' ', 2 for '&' and the other whitespace and controls,
// 3 for '"'.
var valClass = func() (c [256]uint8) {
	for i := range ' ' {
		c[i] = 2
	}
	c[' '], c['&'], c['"'] = 1, 2, 3
	return c
}()

// xml follows shiftXML from k, after the element's name: it returns
// the end of the element, false where the original fails (a NUL byte).
// The bytes it stops at ('"', '<', NUL) are found with IndexByte.
func (l *lexer) xml(k int, name string) (int, bool) {
	p := l.p
	next := func(c byte, from int) int {
		if j := bytes.IndexByte(p[from:], c); j >= 0 {
			return from + j
		}
		return len(p)
	}
	nested := 0
	inQuote := false
	lt, quote, nul := next('<', k), next('"', k), next(0, k)
	for {
		k = min(lt, quote, nul)
		if k >= len(p) {
			return len(p), true
		}
		c := p[k]
		if c == 0 {
			return 0, false
		}
		if c == '"' {
			inQuote = !inQuote
			quote = next('"', k+1)
			continue
		}
		// '<'
		if inQuote {
			lt = next('<', k+1)
			continue
		}
		isEnd := l.at(k+1) == '/'
		if isEnd {
			k += 2
		} else {
			k++
		}
		s := k
		for k < len(p) && isLetter(p[k]) {
			k++
		}
		// Letters are none of the bytes looked for: quote and nul are
		// still ahead of k.
		if !isEnd && l.at(k) == '/' {
			// a self-closing tag
		} else if is(p[s:k], name) {
			if isEnd {
				if nested == 0 {
					break
				}
				nested--
			} else {
				nested++
			}
		}
		lt = next('<', k)
	}
	// the rest of the end tag
	gt := next('>', k)
	if nul < gt {
		return 0, false
	}
	if gt >= len(p) {
		return len(p), true
	}
	return gt + 1, true
}

// skipRawText follows shiftRawText: it moves l.i to the end tag of the
// raw text element, false for a script that has "<!--" in it.
func (l *lexer) skipRawText(raw string) bool {
	p := l.p
	if raw == "plaintext" {
		l.i = len(p)
		return true
	}
	k := l.i
	for {
		j := bytes.IndexByte(p[k:], '<')
		if j < 0 {
			l.i = len(p)
			return true
		}
		k += j
		if l.at(k+1) == '/' {
			mark := k
			k += 2
			s := k
			for k < len(p) && isLetter(p[k]) {
				k++
			}
			if is(p[s:k], raw) {
				l.i = mark
				return true
			}
		} else if raw == "script" && l.at(k+1) == '!' && l.at(k+2) == '-' && l.at(k+3) == '-' {
			return false
		} else {
			k++
		}
	}
}

// lowerName returns what the tables know of a tag name, in any case,
// nil for a name they do not know.
func lowerName(name []byte) *tag { return tags.get(name) }

// is reports whether name is name, in any case.
func is(name []byte, lower string) bool {
	t := lowerName(name)
	return t != nil && t.name == lower
}

func hasPrefix(b []byte, s string) bool {
	return len(b) >= len(s) && string(b[:len(s)]) == s
}
