package search

import (
	"bytes"

	"golang.org/x/net/html"
)

// Extract splits the HTML of a page's article into sections at every
// heading that has an id. Text a reader does not read as text is left
// out: SVG, scripts, styles, what is aria-hidden, visually hidden labels
// and heading permalinks.
//
// Tags are read from the tokenizer's raw bytes (html.Tokenizer's TagName
// and TagAttr copy every name and value): the article is HTML the build
// wrote, with lower-case names and double-quoted attributes; an attribute
// written otherwise in a page's raw HTML is only missed by the index.
func Extract(title string, article []byte) []Section {
	z := html.NewTokenizer(bytes.NewReader(article))
	cur := Section{Heading: title}
	var out []Section
	var text, heading collapser
	var inHeading byte // the level of the heading being read, '1'…'6'
	skip := 0          // depth inside a skipped element
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
			name := tagName(nameBuf[:0], raw[1:])
			opens := tt == html.StartTagToken && !voidElement(name)
			if skip > 0 {
				if opens {
					skip++
				}
				continue
			}
			if skipped(name, raw) {
				if opens {
					skip = 1
				}
				continue
			}
			if isHeading(name) && inHeading == 0 {
				if id := attr(raw, ` id="`); len(id) > 0 {
					flush()
					cur = Section{Anchor: html.UnescapeString(string(id))}
					inHeading = name[1]
					heading.Reset()
					continue
				}
			}
			if blockElement(name) {
				write(space)
			}
		case html.EndTagToken:
			raw := z.Raw()
			if len(raw) < 3 {
				continue
			}
			name := tagName(nameBuf[:0], raw[2:])
			if skip > 0 {
				skip--
				continue
			}
			if inHeading != 0 && isHeading(name) && name[1] == inHeading {
				cur.Heading = heading.String()
				inHeading = 0
				continue
			}
			if blockElement(name) {
				write(space)
			}
		case html.TextToken:
			if skip == 0 {
				write(z.Text())
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
	if bytes.Contains(raw, []byte(` aria-hidden="true"`)) {
		return true
	}
	class := attr(raw, ` class="`)
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

func (c *collapser) Write(p []byte) {
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
func (c *collapser) String() string {
	s := string(c.b)
	c.b, c.pending = c.b[:0], false
	return s
}

func (c *collapser) Reset() { c.b, c.pending = c.b[:0], false }
