package search

// The implementations of Extract and Prepare (and what they use) as they
// were at dcb04a2, copied verbatim but for the "old" prefix of their
// names: the oracles the faster ones are compared with, byte for byte.

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"
)

// oldExtract splits the HTML of a page's article into sections at every
// heading that has an id. Text a reader does not read as text is left
// out: SVG, scripts, styles, what is aria-hidden, visually hidden labels
// and heading permalinks.
//
// Tags are read from the tokenizer's raw bytes (html.Tokenizer's TagName
// and TagAttr copy every name and value): the article is HTML the build
// wrote, with lower-case names and double-quoted attributes; an attribute
// written otherwise in a page's raw HTML is only missed by the index.
func oldExtract(title string, article []byte) []Section {
	z := html.NewTokenizer(bytes.NewReader(article))
	cur := Section{Heading: title}
	var out []Section
	var text, heading oldCollapser
	var inHeading byte // the level of the heading being read, '1'…'6'
	skip := 0          // depth inside a oldSkipped element
	flush := func() {
		cur.Text = text.String()
		if cur.Text != "" || cur.Anchor != "" {
			out = append(out, cur)
		}
	}
	write := func(s []byte) {
		if inHeading != 0 {
			heading.Write(s)
		} else {
			text.Write(s)
		}
	}
	space := []byte(" ")
	var nameBuf [16]byte
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			raw := z.Raw()
			name := oldTagName(nameBuf[:0], raw[1:])
			opens := tt == html.StartTagToken && !oldVoidElement(name)
			if skip > 0 {
				if opens {
					skip++
				}
				continue
			}
			if oldSkipped(name, raw) {
				if opens {
					skip = 1
				}
				continue
			}
			if oldIsHeading(name) && inHeading == 0 {
				if id := oldAttr(raw, ` id="`); len(id) > 0 {
					flush()
					cur = Section{Anchor: html.UnescapeString(string(id))}
					inHeading = name[1]
					heading.Reset()
					continue
				}
			}
			if oldBlockElement(name) {
				write(space)
			}
		case html.EndTagToken:
			raw := z.Raw()
			if len(raw) < 3 {
				continue
			}
			name := oldTagName(nameBuf[:0], raw[2:])
			if skip > 0 {
				skip--
				continue
			}
			if inHeading != 0 && oldIsHeading(name) && name[1] == inHeading {
				cur.Heading = heading.String()
				inHeading = 0
				continue
			}
			if oldBlockElement(name) {
				write(space)
			}
		case html.TextToken:
			if skip == 0 {
				write(z.Text())
			}
		}
	}
}

// oldTagName returns the lower-cased name at the start of b (after "<" or
// "</"), in buf.
func oldTagName(buf, b []byte) []byte {
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

// oldSkipped reports whether an element's content is not read as text.
func oldSkipped(name, raw []byte) bool {
	switch string(name) {
	case "svg", "script", "style", "template":
		return true
	}
	if bytes.Contains(raw, []byte(` aria-hidden="true"`)) {
		return true
	}
	class := oldAttr(raw, ` class="`)
	return oldHasClass(class, "visually-hidden") || oldHasClass(class, "headerlink")
}

// oldAttr returns the value of a double-quoted attribute (prefix is
// ` name="`) of a raw start tag, or nil.
func oldAttr(raw []byte, prefix string) []byte {
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

func oldHasClass(class []byte, name string) bool {
	for len(class) > 0 {
		w := class
		if i := bytes.IndexAny(class, " \t\n"); i >= 0 {
			w, class = class[:i], class[i+1:]
		} else {
			class = nil
		}
		if string(w) == name {
			return true
		}
	}
	return false
}

func oldIsHeading(tag []byte) bool {
	return len(tag) == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6'
}

func oldVoidElement(tag []byte) bool {
	switch string(tag) {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr":
		return true
	}
	return false
}

// oldBlockElement: elements whose edges separate words.
func oldBlockElement(tag []byte) bool {
	switch string(tag) {
	case "a", "abbr", "b", "code", "em", "i", "kbd", "mark", "q", "s", "small", "span", "strong", "sub", "u", "var", "del", "ins", "time":
		return false
	}
	return true
}

// oldCollapser collects text with runs of white space turned into one
// space, trimmed.
type oldCollapser struct {
	b       []byte
	pending bool // white space seen since the last word
}

func (c *oldCollapser) Write(p []byte) {
	for _, ch := range p {
		switch ch {
		case ' ', '\t', '\n', '\r', '\f':
			c.pending = len(c.b) > 0
		default:
			if c.pending {
				c.b = append(c.b, ' ')
				c.pending = false
			}
			c.b = append(c.b, ch)
		}
	}
}

// String returns the text and empties c.
func (c *oldCollapser) String() string {
	s := string(c.b)
	c.b, c.pending = c.b[:0], false
	return s
}

func (c *oldCollapser) Reset() { c.b, c.pending = c.b[:0], false }

// fragment is the JSON form of a page's fragment, as oldMarshal encodes
// it.
type fragment struct {
	Title    string      `json:"t"`
	URL      string      `json:"u"`
	Sections [][3]string `json:"s"`
}

// oldPrepare returns the fragment of a page, to be written under Dir at
// e.Frag, and the Entry to Add once it is written. It does not change ix.
func oldPrepare(p Page) (e Entry, data []byte, err error) {
	f := fragment{Title: p.Title, URL: p.URL, Sections: make([][3]string, len(p.Sections))}
	for i, s := range p.Sections {
		f.Sections[i] = [3]string{s.Heading, s.Anchor, s.Text}
	}
	if data, err = oldMarshal(f); err != nil {
		return Entry{}, nil, err
	}
	return Entry{Key: p.Key, Frag: FragmentFile(p.URL), words: oldEncodeWords(p)}, data, nil
}

// posting is a section of a page where a word occurs, with its weight;
// section 0 is the page title, section i+1 the page's i-th section.
type posting struct{ section, weight int }

// oldEncodeWords records the words of a page with their postings.
func oldEncodeWords(p Page) []byte {
	// Every (word, section, weight) in section order, then sorted by
	// word, keeping the section order: a word's postings are a run.
	type wordPosting struct {
		word string
		posting
	}
	var all []wordPosting
	oldEachWord(p.Title, func(w string) { all = append(all, wordPosting{w, posting{0, weightTitle}}) })
	// A section's counts, by word; one map reused for every section.
	type counts struct{ heading, text int }
	c := map[string]counts{}
	var words []string
	for i, s := range p.Sections {
		clear(c)
		words = words[:0]
		count := func(text string, heading bool) {
			oldEachWord(text, func(w string) {
				k, seen := c[w]
				if !seen {
					words = append(words, w)
				}
				if heading {
					k.heading++
				} else {
					k.text++
				}
				c[w] = k
			})
		}
		count(s.Heading, true)
		count(s.Text, false)
		for _, w := range words {
			k := c[w]
			all = append(all, wordPosting{w, posting{i + 1, weightHeading*k.heading + min(k.text, maxText)}})
		}
	}
	slices.SortStableFunc(all, func(a, b wordPosting) int { return strings.Compare(a.word, b.word) })
	var buf []byte
	var ps []posting
	for i := 0; i < len(all); {
		w := all[i].word
		ps = ps[:0]
		for ; i < len(all) && all[i].word == w; i++ {
			// The title's words repeat in section 0: one posting.
			if n := len(ps); n > 0 && ps[n-1].section == all[i].section {
				ps[n-1].weight += all[i].weight
			} else {
				ps = append(ps, all[i].posting)
			}
		}
		buf = append(buf, w...)
		buf = append(buf, 0)
		buf = binary.AppendUvarint(buf, uint64(len(ps)))
		for _, p := range ps {
			buf = binary.AppendUvarint(buf, uint64(p.section))
			buf = binary.AppendUvarint(buf, uint64(p.weight))
		}
	}
	return buf
}

func oldMarshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// oldWords returns the folded words of a text, as the index and the script
// find them: runs of letters and digits.
func oldWords(text string) []string {
	var out []string
	oldEachWord(text, func(w string) { out = append(out, w) })
	return out
}

// oldEachWord calls f with each folded word of text in order, as oldWords
// returns them, without collecting them: the words of ASCII text that is
// already lower case are substrings of it, not copies.
func oldEachWord(text string, f func(string)) {
	start := -1 // of the current word
	for i := 0; i < len(text); {
		c := text[i]
		var word bool
		size := 1
		if c < utf8.RuneSelf {
			word = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			word = !oldNotWordRune(r)
		}
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			f(oldFold(text[start:i]))
			start = -1
		}
		i += size
	}
	if start >= 0 {
		f(oldFold(text[start:]))
	}
}

func oldNotWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }

// oldFold lower-cases a word and removes its diacritics ("Privé" → "prive"),
// character by character, as search.js does: a character whose folded
// form is not a single character is only lower-cased, or kept.
func oldFold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(w)
	}
	var b strings.Builder
	for _, r := range w {
		b.WriteRune(oldFoldRune(r))
	}
	return b.String()
}

func oldFoldRune(r rune) rune {
	if r < 0x80 {
		return unicode.ToLower(r)
	}
	var f []rune
	for _, d := range norm.NFD.String(string(r)) {
		if !unicode.Is(unicode.M, d) {
			f = append(f, d)
		}
	}
	if lf := []rune(strings.ToLower(string(f))); len(lf) == 1 {
		return lf[0]
	}
	if l := []rune(strings.ToLower(string(r))); len(l) == 1 {
		return l[0]
	}
	return r
}
