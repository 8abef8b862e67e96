package search

import (
	"bytes"

	"golang.org/x/net/html"
)

// Extract splits the HTML of a page's article into sections at every
// heading that has an id. Text a reader does not read as text is left
// out: SVG, scripts, styles, what is aria-hidden, visually hidden labels
// and heading permalinks.
func Extract(title string, article []byte) []Section {
	z := html.NewTokenizer(bytes.NewReader(article))
	cur := Section{Heading: title}
	var out []Section
	var text, heading collapser
	inHeading := "" // the tag of the heading being read
	skip := 0       // depth inside skipped elements
	var skipStack []string
	flush := func() {
		cur.Text = text.String()
		if cur.Text != "" || cur.Anchor != "" {
			out = append(out, cur)
		}
		text.Reset()
	}
	write := func(s []byte) {
		if inHeading != "" {
			heading.Write(s)
		} else {
			text.Write(s)
		}
	}
	space := []byte(" ")
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			var id []byte
			hidden := false
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "id":
					id = v
				case "class":
					hidden = hidden || hasClass(v, "visually-hidden") || hasClass(v, "headerlink")
				case "aria-hidden":
					hidden = hidden || string(v) == "true"
				}
			}
			if skip > 0 {
				if tt == html.StartTagToken && !voidElement(tag) {
					skipStack = append(skipStack, tag)
					skip++
				}
				continue
			}
			if tag == "svg" || tag == "script" || tag == "style" || tag == "template" || hidden {
				if tt == html.StartTagToken && !voidElement(tag) {
					skipStack = append(skipStack, tag)
					skip++
				}
				continue
			}
			if isHeading(tag) && len(id) > 0 && inHeading == "" {
				flush()
				cur = Section{Anchor: string(id)}
				inHeading = tag
				heading.Reset()
				continue
			}
			if blockElement(tag) {
				write(space)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if skip > 0 {
				if skipStack[len(skipStack)-1] == tag {
					skipStack = skipStack[:len(skipStack)-1]
					skip--
				}
				continue
			}
			if tag == inHeading {
				cur.Heading = heading.String()
				inHeading = ""
				continue
			}
			if blockElement(tag) {
				write(space)
			}
		case html.TextToken:
			if skip == 0 {
				write(z.Text())
			}
		}
	}
}

func hasClass(class []byte, name string) bool {
	for _, c := range bytes.Fields(class) {
		if string(c) == name {
			return true
		}
	}
	return false
}

func isHeading(tag string) bool {
	return len(tag) == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6'
}

func voidElement(tag string) bool {
	switch tag {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr":
		return true
	}
	return false
}

// blockElement: elements whose edges separate words.
func blockElement(tag string) bool {
	switch tag {
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
