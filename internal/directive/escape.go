package directive

import (
	"fmt"
	"strings"
	"unicode"
)

// Everything the generator takes from data or from UI strings reaches the
// generated Markdown through one of the functions below, chosen by the
// context the value lands in. The generated text stays Markdown, rather
// than HTML, so that links, icons, attribute lists and the checks of the
// pipeline treat generated and written Markdown alike (and the HTML of a
// page stays what the renderer writes); what a value cannot do is
// therefore decided here, character by character, and nowhere else.

// text makes s inline Markdown that stands for s itself, wherever inline
// text goes: a paragraph, a list item, a link label, an image's
// alternative text, a table cell, an admonition title, the content of a
// generated <span>. Control characters (line breaks among them) become
// spaces, so a value cannot end its line or its table row; blanks around
// it are trimmed, so it cannot become indented code; and every ASCII
// punctuation character is backslash-escaped, which CommonMark defines to
// stand for the character itself. No character of s can then open a
// construct: emphasis, code, links and images, raw HTML, entities, table
// cells (goldmark's tables honour \|), icons (:name:), attribute lists
// ({…}), footnote references ([^x]), nor, at the start of a line,
// headings, list items, block quotes or thematic breaks.
func text(s string) string {
	s = strings.TrimSpace(strings.Map(controlToSpace, s))
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	for i := 0; i < len(s); i++ {
		if isASCIIPunct(s[i]) {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// attrValue makes s a double-quoted value of an attribute list, quotes
// included: a backslash escapes '"' and '\' there (package attrlist), so
// every character but the line breaks, which become spaces, stays as it
// is; '}' needs no escape inside quotes.
func attrValue(s string) string {
	s = strings.Map(controlToSpace, s)
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// dest writes u as a Markdown link destination in its angle-bracket form,
// which may hold parentheses and blanks and ends only at '>'. Inside it,
// the characters that could end it or change it are percent-encoded:
// '<', '>', '\' (which would escape the '>'), blanks and control
// characters, and a '&' that would start a character reference (which
// the renderer would decode). The checks of package guidedata keep such
// characters out of the data; this keeps them out of the Markdown even
// so.
func dest(u string) string {
	var b strings.Builder
	b.Grow(len(u) + 2)
	b.WriteByte('<')
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == '\\':
			fmt.Fprintf(&b, "%%%02X", c)
		case c == '&' && startsReference(u[i+1:]):
			b.WriteString("%26")
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('>')
	return b.String()
}

// startsReference reports whether s, which follows a '&', would make it a
// character reference: "#…" or a name and ';'.
func startsReference(s string) bool {
	if strings.HasPrefix(s, "#") {
		return true
	}
	n := 0
	for n < len(s) && (s[n] >= 'a' && s[n] <= 'z' || s[n] >= 'A' && s[n] <= 'Z' || s[n] >= '0' && s[n] <= '9') {
		n++
	}
	return n > 0 && n < len(s) && s[n] == ';'
}

func controlToSpace(r rune) rune {
	if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
		return ' '
	}
	return r
}

// isASCIIPunct reports whether c is ASCII punctuation, which CommonMark
// lets a backslash escape.
func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}
