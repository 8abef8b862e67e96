package htmlmin

import (
	"bytes"

	mhtml "github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/parse/v2"
)

// The fast path: most pieces of a page are made of text, start tags
// already in minified form (token.clean), end tags and inline SVG, and
// the minifier writes most of their bytes as they are. fast reads such
// a piece token by token as the lexer does, and writes it as emit
// would, without a token list: it copies each run of bytes that the
// minifier leaves as they are at once, and writes only where it
// changes them (spaces it drops, entities, the case of a name). On any
// other token it gives up, and the piece is lexed and written as
// before (Minifier.slow). The tests compare both, and the whole-page
// output with the minifier's.

// fastPiece is what fast returns for a piece it wrote.
type fastPiece struct {
	// end is where the piece ends: the next piece start or the end of
	// the page.
	end int
	// next is the end of the first token of the next piece (a tag that
	// cuts the page), and nextFast whether it is a start or end tag
	// that fast writes as it is (see fast's first).
	next     int
	nextFast bool
}

// fast appends to s.out the piece of page at pos, as piece would, if
// all its tokens are of the kinds fast handles; first is the end of
// its first token if that is a tag that cuts the page that fast wrote
// as it is at the end of the piece before, else -1. ok is false, and
// s.out as it was, when fast does not handle the piece.
func (x *Minifier) fast(s *state, page []byte, pos, first int) (fp fastPiece, ok bool) {
	out := s.out
	run := pos      // page[run:i] is written as it is
	omit := true    // emit's omitSpace
	var normal *tag // the tag of the token before if a start tag of traits normalTag
	pend := 0       // a text's last space is held back: 1 page[held], 2 heldByte
	held, heldByte := 0, byte(0)
	// resolve writes the space held back, or drops it, as emit's look
	// ahead does when it meets a token that ends it.
	resolve := func(keep bool) {
		switch {
		case pend == 1 && !keep:
			out = append(out, page[run:held]...)
			run = held + 1
		case pend == 2 && keep:
			out = append(out, heldByte)
		}
		if !keep {
			omit = false
		}
		pend = 0
	}
	i := pos
	if first >= 0 {
		// A block tag, neither an object nor one of emit's normal tags.
		i = first
	}
	rawEnd := -1 // the end of the raw text of a <title>
	for i < len(page) {
		var j int // the end of a text token
		if i < rawEnd {
			j = rawEnd
		} else if page[i] == '<' && i+1 < len(page) {
			c := page[i+1]
			switch {
			case isLetter(c):
				tg, nameEnd, end, clean := x.fastStart(page, i)
				if tg != nil && tg.split && i > pos {
					// The piece ends: the end of the tag for the cut.
					if !clean {
						var t token
						l := lexer{p: page, i: i, attrs: s.lex.attrs[:0]}
						ok := l.next(&t)
						s.lex.attrs = l.attrs[:0]
						if !ok {
							return fp, false
						}
						end = int(t.end)
					}
					fp = fastPiece{end: i, next: end, nextFast: clean && tg.name != "title"} // (raw text follows a <title>)
					goto done
				}
				if tg != nil && tg.name == "svg" && x.svgRaw {
					l := lexer{p: page}
					end, ok := l.xml(nameEnd, "svg")
					if !ok {
						return fp, false
					}
					if pend != 0 {
						resolve(true)
					}
					if name := page[i+1 : nameEnd]; hasUpper(name) {
						out = append(out, page[run:i+1]...)
						out = appendLower(out, name)
						run = nameEnd
					}
					omit, normal = false, nil
					i = end
					continue
				}
				if tg == nil || !tg.simple {
					return fp, false
				}
				if pend != 0 {
					resolve(tg.traits&blockTag == 0)
				}
				if !clean {
					// Written attribute by attribute, as emit does.
					var t token
					l := lexer{p: page, i: i, attrs: s.lex.attrs[:0]}
					ok := l.next(&t) && x.simple(page, &t, tg, false)
					s.lex.attrs = l.attrs[:0]
					if !ok {
						return fp, false
					}
					end = int(t.end)
					if !t.clean {
						out = append(out, page[run:i]...)
						out = append(out, '<')
						out = append(out, tg.name...)
						for k := range t.attrs {
							out = x.attr(out, s, page, tg, &t.attrs[k])
						}
						out = append(out, '>')
						run = end
					}
				}
				if tg.name == "script" || tg.name == "title" {
					// Raw text: none in a script, text in a title.
					l := lexer{p: page, i: end}
					if !l.skipRawText(tg.name) || tg.name == "script" && (l.i != end || end == len(page)) {
						return fp, false
					}
					rawEnd = l.i
				}
				if tg.traits&objectTag != 0 {
					omit = false
				} else if tg.traits&blockTag != 0 {
					omit = true
				}
				normal = nil
				if tg.traits == normalTag {
					normal = tg
				}
				i = end
				continue
			case c == '/' && i+2 < len(page) && page[i+2] != '>' && isLetter(page[i+2]):
				gt := -1
				for k, c := range page[i+2:] {
					if c == '>' {
						gt = i + 2 + k
						break
					}
				}
				if gt < 0 {
					return fp, false // not closed
				}
				name := page[i+2 : gt]
				tg := lowerName(name) // nil with spaces after the name
				if tg == nil || !tg.simple {
					return fp, false
				}
				exact := string(name) == tg.name
				if tg.split && i > pos {
					fp = fastPiece{end: i, next: gt + 1, nextFast: exact}
					goto done
				}
				if pend != 0 {
					if tg.traits&blockTag == 0 {
						return fp, false // emit looks further
					}
					resolve(false)
				}
				if normal == tg {
					omit = false
				}
				if tg.traits&objectTag != 0 {
					omit = false
				} else if tg.traits&blockTag != 0 {
					omit = true
				}
				if !exact {
					out = append(out, page[run:i]...)
					out = append(out, "</"...)
					out = append(out, tg.name...)
					out = append(out, '>')
					run = gt + 1
				}
				normal = nil
				i = gt + 1
				continue
			case c == '!' || c == '?' || c == '/' && i+2 < len(page) && page[i+2] != '>':
				// A comment (dropped) or a doctype, else not handled.
				var t token
				l := lexer{p: page, i: i}
				if pend != 0 || !l.next(&t) || t.kind != kComment && t.kind != kDoctype {
					return fp, false
				}
				out = append(out, page[run:i]...)
				if t.kind == kDoctype {
					out = append(out, "<!doctype html>"...)
				}
				run, normal = int(t.end), nil
				i = run
				continue
			}
		}
		plain := false
		if j == 0 {
			// Text, up to the next '<' that starts a token.
			j, plain = scanText(page, i)
		} else {
			plain = plainText(page[i:j])
		}
		raw := page[i:j]
		d := raw
		replaced := false
		if !plain {
			d = append(s.text[:0], raw...)
			d = parse.ReplaceMultipleWhitespaceAndEntities(d, mhtml.EntitiesMap, mhtml.TextRevEntitiesMap)
			s.text = d[:0]
			replaced = true
		}
		lead := omit && len(d) > 0 && parse.IsWhitespace(d[0])
		if lead {
			d = d[1:]
		}
		omit, normal = false, nil
		trail := false
		if len(d) == 0 {
			omit = true
		} else if parse.IsWhitespace(d[len(d)-1]) {
			omit, trail = true, true
		}
		if !replaced {
			if lead {
				out = append(out, page[run:i]...)
				run = i + 1
			}
			if trail {
				pend, held = 1, j-1
			}
		} else {
			out = append(out, page[run:i]...)
			if trail {
				out = append(out, d[:len(d)-1]...)
				pend, heldByte = 2, d[len(d)-1]
			} else {
				out = append(out, d...)
			}
			run = j
		}
		i = j
	}
	fp = fastPiece{end: len(page), next: -1}
done:
	if pend != 0 {
		resolve(false)
	}
	s.out = append(out, page[run:fp.end]...)
	return fp, true
}

// nameClass marks the letters in upper case.
var nameClass = func() (c [256]uint8) {
	for b := 'A'; b <= 'Z'; b++ {
		c[b] = 1
	}
	return c
}()

// scanText returns where the text at p[i:] ends, as textEnd(p, i+1)
// does, and whether plainText is true of it, looking at each of its
// first bytes once (most texts are short: a line feed between tags, a
// few words).
func scanText(p []byte, i int) (end int, plain bool) {
	ws := textClass[p[i]] == 1 // (the first byte is text, even a '<')
	if textClass[p[i]] == 2 {
		return textEnd(p, i+1), false
	}
	i++
	for n := min(len(p), i+15); i < n; i++ {
		switch c := p[i]; scanClass[c] {
		case 0:
			ws = false
		case 1:
			if ws {
				return textEnd(p, i), false
			}
			ws = true
		case 2:
			return textEnd(p, i), false
		default: // '<'
			if c := at(p, i+1); isLetter(c) || c == '!' || c == '?' || c == '/' && i+2 < len(p) && p[i+2] != '>' {
				return i, true
			}
			ws = false
		}
	}
	if i >= len(p) {
		return len(p), true
	}
	// A longer text: the rest eight bytes at a time, with the byte
	// before for a second space.
	end = textEnd(p, i)
	return end, plainText(p[i-1 : end])
}

// scanClass is textClass, and 3 for '<'.
var scanClass = func() [256]uint8 {
	c := textClass
	c['<'] = 3
	return c
}()

// at returns p[i], 0 past its end.
func at(p []byte, i int) byte {
	if i < len(p) {
		return p[i]
	}
	return 0
}

// textEnd returns where the text at p[i-1:] ends: at the next '<' that
// starts a token (see lexer.next), or at the end of p.
func textEnd(p []byte, i int) int {
	for {
		j := bytes.IndexByte(p[i:], '<')
		if j < 0 {
			return len(p)
		}
		i += j
		if i+1 < len(p) {
			if c := p[i+1]; isLetter(c) || c == '!' || c == '?' || c == '/' && i+2 < len(p) && p[i+2] != '>' {
				return i
			}
		}
		i++
	}
}

// fastStart reads the start tag at p[i:] (a '<' and a letter) as the
// lexer's startTag does: it returns its tag (nil for a name the tables
// do not know), where its name ends, and, if clean, where it ends. A
// tag is clean if emit writes it as it is: token.clean, and
// Minifier.simple accepts it; else its end is not looked for.
func (x *Minifier) fastStart(p []byte, i int) (tg *tag, nameEnd, end int, clean bool) {
	k := i + 1
	var upper uint8 // nameUpper if a name has a letter in upper case
	for ; k < len(p); k++ {
		c := p[k]
		if stop[c]&stopTag != 0 && (c != '/' || k+1 < len(p) && p[k+1] == '>') {
			break
		}
		upper |= nameClass[c]
	}
	nameEnd = k
	tg = lowerName(p[i+1 : k])
	// (a name the tables know is a name of theirs in any case: in
	// theirs without a letter in upper case)
	if tg == nil || !tg.simple || upper != 0 {
		return tg, nameEnd, 0, false
	}
	// What Minifier.simple looks at for <meta>, <script> and <a>.
	var content, httpEquiv, charset, nameAttr bool
	var httpEquivVal, nameVal []byte
	attrs := 0
	for {
		// Each attribute after one space, '>' right after the last.
		if k >= len(p) {
			return tg, nameEnd, 0, false
		}
		if p[k] == '>' {
			break
		}
		if p[k] != ' ' || k+1 >= len(p) {
			return tg, nameEnd, 0, false
		}
		k++
		ns := k
		for ; k < len(p); k++ {
			c := p[k]
			if stop[c] != 0 && (c != '/' || k+1 < len(p) && p[k+1] == '>') {
				break
			}
			upper |= nameClass[c]
		}
		if k == ns || k >= len(p) {
			return tg, nameEnd, 0, false
		}
		attrs++
		an := p[ns:k]
		if upper != 0 || len(an) > 2 && an[0] == 'o' && an[1] == 'n' {
			return tg, nameEnd, 0, false // (on…: JavaScript)
		}
		var val []byte // with its quotes (see Minifier.simple); nil without '='
		switch p[k] {
		case '=':
			if k+1 >= len(p) || p[k+1] != '"' {
				return tg, nameEnd, 0, false
			}
			e, ok := cleanValue(p, k+2)
			if !ok {
				return tg, nameEnd, 0, false
			}
			val = p[k+1 : e]
			k = e
		case ' ', '\t', '\n', '\r', '\f':
			// A name without a value, unless '=' follows the spaces.
			j := k
			for j < len(p) && isSpace(p[j]) {
				j++
			}
			if j < len(p) && p[j] == '=' {
				return tg, nameEnd, 0, false
			}
		}
		n := lowerAttr(an)
		if n == nil {
			continue
		}
		if val == nil {
			if !n.keepBare {
				return tg, nameEnd, 0, false
			}
		} else if !n.keepVal || n.traits&urlAttr != 0 && (hasUpper(val[:min(7, len(val))]) ||
			7 < len(val) && parse.EqualFold(val[1:6], []byte("data:"))) {
			return tg, nameEnd, 0, false
		}
		if n.traits&urlAttr != 0 && !x.urlKept {
			return tg, nameEnd, 0, false
		}
		switch n.role {
		case roleStyle:
			return tg, nameEnd, 0, false // CSS
		case roleValue:
			if tg.name == "input" {
				return tg, nameEnd, 0, false
			}
		case roleName:
			if tg.name == "a" {
				return tg, nameEnd, 0, false
			}
			nameAttr, nameVal = true, val
		case roleContent:
			content = true
		case roleHTTPEquiv:
			httpEquiv, httpEquivVal = true, val
		case roleCharset:
			charset = true
		}
	}
	switch tg.name {
	case "meta":
		if content && httpEquiv && !charset && parse.EqualFold(parse.TrimWhitespace(unquote(httpEquivVal)), []byte("content-type")) {
			return tg, nameEnd, 0, false
		}
		if content && nameAttr {
			v := unquote(nameVal)
			if w := parse.TrimWhitespace(v); len(w) != len(v) || parse.EqualFold(w, []byte("keywords")) || parse.EqualFold(w, []byte("viewport")) {
				return tg, nameEnd, 0, false
			}
		}
	case "script":
		if attrs == 0 || charset {
			return tg, nameEnd, 0, false
		}
	}
	return tg, nameEnd, k + 1, true
}
