package search

import (
	"bytes"
	"strings"

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
	var text, heading strings.Builder
	inHeading := "" // the tag of the heading being read
	skip := 0       // depth inside skipped elements
	var skipStack []string
	flush := func() {
		cur.Text = collapse(text.String())
		if cur.Text != "" || cur.Anchor != "" {
			out = append(out, cur)
		}
		text.Reset()
	}
	write := func(s string) {
		if inHeading != "" {
			heading.WriteString(s)
		} else {
			text.WriteString(s)
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			var id, class, ariaHidden string
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "id":
					id = string(v)
				case "class":
					class = string(v)
				case "aria-hidden":
					ariaHidden = string(v)
				}
			}
			if skip > 0 {
				if tt == html.StartTagToken && !voidElement(tag) {
					skipStack = append(skipStack, tag)
					skip++
				}
				continue
			}
			if tag == "svg" || tag == "script" || tag == "style" || tag == "template" || ariaHidden == "true" ||
				hasClass(class, "visually-hidden") || hasClass(class, "headerlink") {
				if tt == html.StartTagToken && !voidElement(tag) {
					skipStack = append(skipStack, tag)
					skip++
				}
				continue
			}
			if isHeading(tag) && id != "" && inHeading == "" {
				flush()
				cur = Section{Anchor: id}
				inHeading = tag
				heading.Reset()
				continue
			}
			if blockElement(tag) {
				write(" ")
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
				cur.Heading = collapse(heading.String())
				inHeading = ""
				continue
			}
			if blockElement(tag) {
				write(" ")
			}
		case html.TextToken:
			if skip == 0 {
				write(string(z.Text()))
			}
		}
	}
}

func hasClass(class, name string) bool {
	for _, c := range strings.Fields(class) {
		if c == name {
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

// collapse turns runs of white space into one space and trims.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
