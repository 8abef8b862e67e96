// Package htmlmin minifies HTML pages byte for byte as
// github.com/tdewolff/minify/v2/html (v2.24.25) does with the options of
// Options, in a fraction of its time.
//
// The minifier reads a page as a stream of tokens and carries little
// from one to the next: nothing at all across a block-level tag (<div>,
// <li>, </p>, …) outside <pre>, whatever precedes it, since such a tag
// sets the only state (whether the next space is dropped) and ends the
// look-ahead of the text before it as the end of the input would (see
// splits). So a page is minified piece by piece, cut before such tags,
// and each piece gives what the whole page gives for it:
//
//   - a piece made only of the tokens that this package knows how the
//     minifier writes (text, ordinary tags and attributes, comments,
//     doctype, inline SVG) is written by fast (fast.go) as it reads
//     it, or, if fast does not handle one of its tokens, lexed into a
//     token list and written by emit; both follow the minifier's code
//     for them, calling its own functions for entities and quotes;
//   - any other piece (<pre>, <script> or <style> content, style and
//     event attributes, <meta name=viewport>, …) is handed to the
//     minifier itself, and its output is remembered for the build, as
//     such pieces are mostly the same on every page.
//
// Runs of pieces that a page shares with a page minified before (its
// head, header, menus, footer) are not even lexed: their output is
// copied from that page's (see spans.go). And emit copies a start tag
// already in minified form as it is (token.clean).
//
// The lexer (lex.go) finds the tokens where the minifier's lexer does;
// the tests compare both lexers, and the whole-page minifier with this
// one, on the bundled guide, a generated corpus, hostile pages and
// under fuzzing.
package htmlmin

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
	"io"
	"math"
	"sync"
	"sync/atomic"

	"github.com/tdewolff/minify/v2"
	mhtml "github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/parse/v2"
	phtml "github.com/tdewolff/parse/v2/html"
)

// Options returns the options of the HTML minifier that Minifier
// reproduces.
func Options() *mhtml.Minifier {
	return &mhtml.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true}
}

// Reference probes: after probeAll piece starts in a row that no
// reference has (the page's own content), Append looks for one at
// every probeEvery-th piece start only, as most lookups would fail and
// each costs a few cache misses.
const (
	probeAll   = 8
	probeEvery = 4
)

// Cache limits: the pieces handed to the minifier are remembered, by
// their content, from their second occurrence (the first only leaves
// their hash), up to these sizes.
const (
	maxPiece      = 16 << 10 // a longer piece is not remembered
	maxCacheBytes = 2 << 20  // of remembered pieces and output
	maxSeen       = 1 << 14  // hashes of pieces seen once
)

// Minifier minifies HTML pages; it is safe for concurrent use and
// remembers pieces of pages for its lifetime (one build).
type Minifier struct {
	m       *minify.M
	html    *mhtml.Minifier
	svgRaw  bool // m has no SVG minifier: inline SVG is written as it is
	urlKept bool // m has no URL: the minifier keeps the scheme of URLs

	seed    maphash.Seed
	mu      sync.Mutex
	seen    map[uint64]struct{}
	cache   map[string][]byte
	cached  int // bytes in cache
	scratch sync.Pool

	refMu  sync.Mutex // held to add a reference
	refs   atomic.Pointer[refIndex]
	reused atomic.Int64 // bytes of pages written from references (for tests)
}

// New returns a Minifier whose pieces are minified by the options of
// Options with m (for the CSS and JavaScript in them).
func New(m *minify.M) *Minifier {
	err := m.MinifyMimetype([]byte("image/svg+xml"), io.Discard, bytes.NewReader(nil), nil)
	return &Minifier{
		m:       m,
		html:    Options(),
		svgRaw:  err == minify.ErrNotExist,
		urlKept: m.URL == nil,
		seed:    maphash.MakeSeed(),
		seen:    map[uint64]struct{}{},
		cache:   map[string][]byte{},
	}
}

// state is the scratch space of one call.
type state struct {
	lex   lexer
	toks  []token
	text  []byte
	val   []byte
	quote []byte
	piece bytes.Buffer
	// out is the page's output so far, in the free space of Append's
	// dst when it has room: the pieces are appended to it.
	out    []byte
	cuts   []cut // the piece starts of the page
	reused int   // bytes of the page written from references
}

// Minify writes the minified page to w; on an error of the minifier
// (in the CSS or JavaScript of the page) w holds part of it.
func (x *Minifier) Minify(w *bytes.Buffer, page []byte) error {
	// In w's free space, and written to w once.
	out, err := x.Append(w.AvailableBuffer(), page)
	w.Write(out)
	return err
}

// Append appends the minified page to dst and returns the extended
// slice; on an error of the minifier (in the CSS or JavaScript of the
// page) it holds part of it. A page is written in dst's free space
// when it has room (the build gives it a buffer of the page's size).
func (x *Minifier) Append(dst, page []byte) ([]byte, error) {
	if len(page) > math.MaxInt32 {
		var w bytes.Buffer
		err := x.html.Minify(x.m, &w, bytes.NewReader(page), nil)
		return append(dst, w.Bytes()...), err
	}
	s, _ := x.scratch.Get().(*state)
	if s == nil {
		s = &state{}
	}
	// The page's output starts at the end of dst (the references'
	// offsets are in it), in its free space.
	s.out = dst[len(dst):]
	defer func() {
		s.lex.p, s.out = nil, nil // not kept alive in the pool
		x.scratch.Put(s)
	}()
	ix := x.refs.Load()
	s.cuts, s.reused = append(s.cuts[:0], cut{}), 0
	pos, first := 0, -1 // a piece start, and the end of its first token if fast wrote it
	if ix != nil {
		pos = skip(ix, s, page, 0)
	}
	misses := 0 // piece starts since the last one a reference had
	for pos < len(page) {
		fp, ok := x.fast(s, page, pos, first)
		if !ok {
			end, next, err := x.slow(s, page, pos)
			if err != nil {
				return joined(dst, s.out), err
			}
			fp = fastPiece{end: end, next: next}
		} else if fp.end < len(page) && fp.next < 0 {
			panic("htmlmin: a piece start without its tag")
		}
		if fp.end >= len(page) {
			break
		}
		s.cuts = append(s.cuts, cut{raw: int32(fp.end), out: int32(len(s.out)), tokEnd: int32(fp.next)})
		pos, first = fp.end, -1
		if fp.nextFast {
			first = fp.next
		}
		if ix != nil && (misses < probeAll || misses%probeEvery == 0) {
			if next := skip(ix, s, page, pos); next > pos {
				// The pieces from pos on are written: on from the
				// next one.
				pos, first, misses = next, -1, 0
				continue
			}
		}
		misses++
	}
	x.reused.Add(int64(s.reused))
	x.remember(s, page, s.out)
	return joined(dst, s.out), nil
}

// joined returns dst with out after it: dst extended over out if out is
// in its free space, as Append writes it.
func joined(dst, out []byte) []byte {
	n := len(dst)
	if len(out) > 0 && cap(dst)-n >= len(out) && &dst[:n+1][n] == &out[0] {
		return dst[:n+len(out)]
	}
	return append(dst, out...)
}

// slow appends to s.out the minified piece of page at pos (a piece
// start), lexed into a token list, and returns where it ends (the next
// piece start, or the end of the page) and where the first token of
// the next piece ends.
func (x *Minifier) slow(s *state, page []byte, pos int) (end, next int, err error) {
	l := &s.lex
	*l = lexer{p: page, i: pos, attrs: l.attrs[:0]}
	toks := s.toks[:0]
	defer func() { s.toks = toks[:0] }()
	simple, inPre, script := true, false, false
	for {
		// (next sets the whole token it returns: no zeroing)
		if len(toks) < cap(toks) {
			toks = toks[:len(toks)+1]
		} else {
			toks = append(toks, token{})
		}
		t := &toks[len(toks)-1]
		if !l.next(t) {
			toks = toks[:len(toks)-1]
			break
		}
		tg := t.tag
		if tg != nil && tg.split && !inPre && int(t.start) > pos {
			return int(t.start), int(t.end), x.piece(s, page, pos, int(t.start), toks[:len(toks)-1], simple)
		}
		if tg != nil && tg.name == "pre" {
			inPre = t.kind == kStart
		}
		if simple {
			simple = x.simple(page, t, tg, script)
			script = t.kind == kStart && tg != nil && tg.name == "script"
		}
	}
	if l.stuck || script {
		simple = false
	}
	return len(page), -1, x.piece(s, page, pos, len(page), toks, simple)
}

// remember makes page, minified to out, a reference if it has little
// of the references in it and they have room for it.
func (x *Minifier) remember(s *state, page, out []byte) {
	if last := s.cuts[len(s.cuts)-1]; int(last.raw) != len(page) {
		s.cuts = append(s.cuts, cut{raw: int32(len(page)), out: int32(len(out)), tokEnd: int32(len(page))})
	}
	if len(page) > maxRefPage || len(page) < keyLen {
		return
	}
	if !x.refs.Load().hasRoom(len(page)+len(out)) || s.reused*minReuse >= len(page) {
		return
	}
	x.refMu.Lock()
	defer x.refMu.Unlock()
	ix := x.refs.Load()
	if !ix.hasRoom(len(page) + len(out)) {
		return
	}
	r := &ref{raw: bytes.Clone(page), out: bytes.Clone(out), cuts: append([]cut(nil), s.cuts...)}
	x.refs.Store(ix.withRef(r))
}

// piece appends the minified page[from:to], whose tokens are toks, to
// s.out.
func (x *Minifier) piece(s *state, page []byte, from, to int, toks []token, simple bool) error {
	piece := page[from:to]
	if len(piece) == 0 {
		return nil
	}
	if simple {
		s.out = x.emit(s.out, s, page, toks)
		return nil
	}
	if len(piece) > maxPiece {
		s.piece.Reset()
		err := x.html.Minify(x.m, &s.piece, bytes.NewReader(piece), nil)
		s.out = append(s.out, s.piece.Bytes()...)
		s.piece = bytes.Buffer{} // not kept: it may be large
		return err
	}
	h := maphash.Bytes(x.seed, piece)
	x.mu.Lock()
	out, ok := x.cache[string(piece)]
	_, seen := x.seen[h]
	x.mu.Unlock()
	if ok {
		s.out = append(s.out, out...)
		return nil
	}
	s.piece.Reset()
	if err := x.html.Minify(x.m, &s.piece, bytes.NewReader(piece), nil); err != nil {
		s.out = append(s.out, s.piece.Bytes()...)
		return err
	}
	s.out = append(s.out, s.piece.Bytes()...)
	x.mu.Lock()
	defer x.mu.Unlock()
	switch {
	case !seen && len(x.seen) < maxSeen:
		x.seen[h] = struct{}{}
	case seen && x.cached+len(piece)+s.piece.Len() <= maxCacheBytes:
		if _, ok := x.cache[string(piece)]; !ok {
			x.cache[string(piece)] = bytes.Clone(s.piece.Bytes())
			x.cached += len(piece) + s.piece.Len()
		}
	}
	return nil
}

// simple reports whether emit writes token t as the minifier does; tg
// is its tag, script whether the token before it opened a <script>.
func (x *Minifier) simple(p []byte, t *token, tg *tag, script bool) bool {
	if script && (t.kind != kEnd || tg == nil || tg.name != "script") {
		return false // a script with content
	}
	switch t.kind {
	case kText, kComment, kDoctype:
		return true
	case kSVG:
		return x.svgRaw
	case kEnd:
		return tg != nil && tg.simple && t.closed && int(t.end-t.start) == len(tg.name)+3
	case kStart:
		if tg == nil || !tg.simple || tg.name == "script" && len(t.attrs) == 0 {
			return false
		}
		var content, httpEquiv, charset, nameAttr *attr
		clean := t.clean
		for i := range t.attrs {
			a := &t.attrs[i]
			name := a.name(p)
			n := lowerAttr(name)
			a.info = n
			if clean && n != nil {
				if a.valStart < 0 {
					clean = n.keepBare
				} else {
					clean = n.keepVal && (n.traits&urlAttr == 0 || !hasUpper(a.val(p)[:min(7, a.valEnd-a.valStart)]))
				}
			}
			an := ""
			if n != nil {
				an = n.name
			}
			if len(name) > 2 && (name[0] == 'o' || name[0] == 'O') && (name[1] == 'n' || name[1] == 'N') {
				return false // JavaScript
			}
			if n != nil && n.traits&urlAttr != 0 {
				v := unquote(a.val(p))
				if bytes.IndexByte(v, '&') >= 0 || !x.urlKept {
					return false
				}
				if v = parse.TrimWhitespace(v); 5 < len(v) && parse.EqualFold(v[:5], []byte("data:")) {
					return false // a data URL, minified
				}
			}
			switch an {
			case "style":
				return false // CSS
			case "content":
				content = a
			case "http-equiv":
				httpEquiv = a
			case "charset":
				charset = a
			case "name":
				nameAttr = a
			case "value":
				if tg.name == "input" {
					return false
				}
			}
		}
		t.clean = clean
		switch tg.name {
		case "meta":
			if content != nil && httpEquiv != nil && charset == nil && parse.EqualFold(parse.TrimWhitespace(unquote(httpEquiv.val(p))), []byte("content-type")) {
				return false
			}
			if content != nil && nameAttr != nil {
				v := unquote(nameAttr.val(p))
				if w := parse.TrimWhitespace(v); len(w) != len(v) || parse.EqualFold(w, []byte("keywords")) || parse.EqualFold(w, []byte("viewport")) {
					return false
				}
			}
		case "script":
			return charset == nil
		case "a":
			return nameAttr == nil
		}
		return true
	}
	return false // CDATA, <math>, <xml>
}

// unquote follows the TokenBuffer: a value's quotes are dropped.
func unquote(v []byte) []byte {
	if 1 < len(v) && (v[0] == '"' || v[0] == '\'') {
		return v[1 : len(v)-1]
	}
	return v
}

// emit appends to out the minified piece of page whose tokens are
// toks, all of which simple accepts, as html.Minifier.Minify writes it
// (its code for them, in order), and returns the extended out.
func (x *Minifier) emit(out []byte, s *state, page []byte, toks []token) []byte {
	omitSpace := true
	for k := range toks {
		t := &toks[k]
		data := page[t.start:t.end]
		switch t.kind {
		case kComment:
		case kDoctype:
			out = append(out, "<!doctype html>"...)
		case kSVG:
			// As the minifier's lexer leaves it: the name in lower case.
			n := t.nameEnd - t.start
			out = append(out, '<')
			out = appendLower(out, data[1:n])
			out = append(out, data[n:]...)
			omitSpace = false
		case kText:
			d := data
			if (len(d) != 1 || textClass[d[0]] == 2) && !plainText(d) {
				d = append(s.text[:0], data...)
				d = parse.ReplaceMultipleWhitespaceAndEntities(d, mhtml.EntitiesMap, mhtml.TextRevEntitiesMap)
				s.text = d[:0]
			}
			if omitSpace && len(d) > 0 && parse.IsWhitespace(d[0]) {
				d = d[1:]
			}
			omitSpace = false
			if len(d) == 0 {
				omitSpace = true
			} else if parse.IsWhitespace(d[len(d)-1]) {
				omitSpace = true
			look:
				for i, j := 0, k+1; ; i, j = i+1, j+1 {
					if 100 < i {
						omitSpace = false
						break
					}
					if j == len(toks) {
						d = d[:len(d)-1]
						omitSpace = false
						break
					}
					n := &toks[j]
					switch n.kind {
					case kText:
						if !parse.IsAllWhitespace(page[n.start:n.end]) {
							break look
						}
					case kSVG, kXML:
						break look
					case kStart, kEnd:
						if n.tag != nil && n.tag.traits&blockTag != 0 {
							d = d[:len(d)-1]
							omitSpace = false
							break look
						}
						if n.kind == kStart {
							break look
						}
					}
				}
			}
			out = append(out, d...)
		case kEnd:
			tg := t.tag
			if tg.traits&objectTag != 0 {
				omitSpace = false
			} else if tg.traits&blockTag != 0 {
				omitSpace = true
			}
			out = append(out, "</"...)
			out = append(out, tg.name...)
			out = append(out, '>')
		case kStart:
			tg := t.tag
			if tg.traits&objectTag != 0 {
				omitSpace = false
			} else if tg.traits&blockTag != 0 {
				omitSpace = true
			}
			if t.clean {
				out = append(out, data...)
			} else {
				out = append(out, '<')
				out = append(out, tg.name...)
				for i := range t.attrs {
					out = x.attr(out, s, page, tg, &t.attrs[i])
				}
				out = append(out, '>')
			}
			if tg.traits == normalTag && k+1 < len(toks) {
				if n := &toks[k+1]; n.kind == kEnd && n.tag == tg {
					omitSpace = false
				}
			}
		}
	}
	return out
}

// attr writes an attribute of a start tag tg as the minifier's
// attribute loop does.
func (x *Minifier) attr(out []byte, s *state, p []byte, tg *tag, a *attr) []byte {
	var tr traits
	an := ""
	if n := a.info; n != nil {
		tr, an = n.traits, n.name
	}
	raw := a.val(p)
	val := unquote(raw)
	if tr&trimAttr != 0 {
		if hasSpaceOrAmp(val) {
			val = append(s.val[:0], val...)
			s.val = val[:0]
			val = parse.ReplaceMultipleWhitespaceAndEntities(val, mhtml.EntitiesMap, nil)
			val = parse.TrimWhitespace(val)
		}
	} else if bytes.IndexByte(val, '&') >= 0 {
		val = append(s.val[:0], val...)
		s.val = val[:0]
		val = parse.ReplaceEntities(val, mhtml.EntitiesMap, nil)
	}
	if len(val) == 0 && (an == "class" || an == "dir" || an == "id" || an == "name" || an == "action" && tg.name == "form") {
		return out
	}
	if an == "enctype" || an == "formenctype" || an == "accept" ||
		an == "type" && (tg.name == "a" || tg.name == "link" || tg.name == "embed" || tg.name == "object" || tg.name == "source" || tg.name == "script") {
		v := append(s.val[:0:0], val...)
		val = minify.Mediatype(v)
	}
	if an == "type" && (tg.name == "script" && (parse.EqualFold(val, []byte("text/javascript")) || parse.EqualFold(val, []byte("application/javascript"))) ||
		tg.name == "style" && parse.EqualFold(val, []byte("text/css")) ||
		tg.name == "link" && parse.EqualFold(val, []byte("text/css")) ||
		tg.name == "input" && parse.EqualFold(val, []byte("text")) ||
		tg.name == "button" && parse.EqualFold(val, []byte("submit"))) ||
		an == "method" && parse.EqualFold(val, []byte("get")) ||
		an == "enctype" && parse.EqualFold(val, []byte("application/x-www-form-urlencoded")) ||
		// (the minifier compares these with "one", not "1")
		an == "colspan" && string(val) == "one" ||
		an == "rowspan" && string(val) == "one" ||
		an == "shape" && parse.EqualFold(val, []byte("rect")) ||
		an == "span" && string(val) == "one" ||
		an == "media" && tg.name == "style" && parse.EqualFold(val, []byte("all")) {
		return out
	}
	if tr&urlAttr != 0 {
		val = parse.TrimWhitespace(val)
		if 5 < len(val) && parse.EqualFold(val[:4], []byte("http")) {
			if val[4] == ':' || (val[4] == 's' || val[4] == 'S') && val[5] == ':' {
				n := 4
				if val[4] != ':' {
					n = 5
				}
				if hasUpper(val[:n]) {
					val = append(s.val[:0:0], val...)
					parse.ToLower(val[:n])
				}
			}
		}
		// "data:" URLs make the piece not simple (see lowerAttr's users).
	}
	out = append(out, ' ')
	out = appendLower(out, a.name(p))
	if 0 < len(val) && tr&booleanAttr == 0 {
		out = append(out, '=')
		var quote byte // the last byte of the attribute, if a quote
		if len(raw) > 0 {
			if c := raw[len(raw)-1]; c == '\'' || c == '"' {
				quote = c
			}
		}
		// KeepQuotes: always quoted (RDFa attributes or not).
		if quote == '"' && bytes.IndexByte(val, '"') < 0 {
			// What EscapeAttrVal returns for it, without the copy.
			out = append(out, '"')
			out = append(out, val...)
			out = append(out, '"')
		} else {
			out = append(out, phtml.EscapeAttrVal(&s.quote, val, quote, true)...)
		}
	}
	return out
}

// plainText reports whether ReplaceMultipleWhitespaceAndEntities
// leaves text as it is: no entity, and no whitespace but single spaces
// and line feeds. It looks at eight bytes at a time, without a branch:
// the bytes under 0x27 that are not spaces (and maybe some bytes right
// after such a byte), and spaces after a space, mark the text, which
// is then looked at byte by byte.
func plainText(text []byte) bool {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
		lows  = 0x7f7f7f7f7f7f7f7f
	)
	var mark, carry uint64 // carry: the high bit of the first byte if the byte before was ' '
	i := 0
	for ; i+8 <= len(text); i += 8 {
		x := binary.LittleEndian.Uint64(text[i:])
		// The high bit of the bytes under 0x27 (and maybe of some
		// bytes above such a byte), and of the bytes that are ' '.
		under := (x - ones*0x27) &^ x & highs
		t := x ^ (ones * ' ')
		spaces := ^((t&lows + lows) | t | lows)
		mark |= under&^spaces | spaces&(spaces<<8|carry)
		carry = spaces >> 56
	}
	if mark != 0 {
		ws := false
		for _, c := range text {
			if !plainByte(c, &ws) {
				return false
			}
		}
		return true
	}
	if i < len(text) && len(text) >= 8 {
		// The last eight bytes: the bytes before the rest, and the
		// pairs they make with it, have passed.
		x := binary.LittleEndian.Uint64(text[len(text)-8:])
		under := (x - ones*0x27) &^ x & highs
		t := x ^ (ones * ' ')
		spaces := ^((t&lows + lows) | t | lows)
		if under&^spaces|spaces&(spaces<<8) == 0 {
			return true
		}
		i = len(text) - 8 // (then byte by byte)
		carry = 0
	}
	ws := carry != 0
	for _, c := range text[i:] {
		if !plainByte(c, &ws) {
			return false
		}
	}
	return true
}

// plainByte is plainText's test of one byte; ws tells whether the byte
// before was ' ' or '\n'.
func plainByte(c byte, ws *bool) bool {
	switch textClass[c] {
	case 0:
		*ws = false
		return true
	case 1:
		if *ws {
			return false
		}
		*ws = true
		return true
	}
	return false
}

// textClass: 1 for ' ' and '\n', 2 for '&' and the other whitespace.
var textClass = [256]uint8{' ': 1, '\n': 1, '&': 2, '\t': 2, '\r': 2, '\f': 2}

func hasSpaceOrAmp(b []byte) bool {
	for _, c := range b {
		if c == '&' || parse.IsWhitespace(c) {
			return true
		}
	}
	return false
}

func hasUpper(b []byte) bool {
	for _, c := range b {
		if 'A' <= c && c <= 'Z' {
			return true
		}
	}
	return false
}

func appendLower(out, b []byte) []byte {
	if !hasUpper(b) {
		return append(out, b...)
	}
	for _, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out = append(out, c)
	}
	return out
}
