// Package units splits the body of a parsed page into translation units
// (its headings, paragraphs, list items, table cells, admonition titles
// and footnote paragraphs), each with its Markdown text and its place in
// the file, and puts a page back together from new texts for its units.
//
// A unit's Text is the unit's Markdown as written, inline markup kept, its
// lines joined: a soft line break (and the indentation of the next line)
// becomes one space, so that re-wrapping a paragraph does not change its
// text; a hard line break (a backslash or two spaces at the end of a line)
// stays a line break. What is not a unit is the page's structure: heading
// markers and attribute lists, list markers, admonition lines, table
// rules, footnote labels, blank lines and indentation.
//
// Each unit has a Key that stays the same when the page changes elsewhere:
// the id of the heading of its section (or "top" before the first
// heading, "fn:LABEL" in the footnote LABEL), a slash, the short name of
// its kind and its number among the units of that kind in that section:
// "minimum-requirements/p2" is the second paragraph under the heading
// with id minimum-requirements, "top/li3" the third list item before the
// first heading, "signal/h" the heading itself. A translation whose
// headings line up with its source page's (see headingid) gets the same
// keys, so units of the two pages are paired by key.
//
// The blocks are mdunits.List's text units (one walk of the page, one
// classification of its blocks, shared with the source hash and the
// translators' diff); this package adds what PO files need: keys, texts
// with their hard line breaks, and the places to write new texts in.
package units

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/guidegen/guidegen/internal/markdown/attrlist"
	"github.com/guidegen/guidegen/internal/markdown/mdunits"
	"github.com/guidegen/guidegen/internal/markdown/segment"
)

// Kind is the kind of block a unit is: one of mdunits' kinds of text
// units, or Footnote.
type Kind = mdunits.Kind

// The kinds of units: a card body (mdunits.CardBody) is a Paragraph or a
// ListItem here, as it is written.
const (
	Heading         = mdunits.Heading
	Paragraph       = mdunits.Paragraph
	ListItem        = mdunits.ListItem
	TableCell       = mdunits.TableCell
	AdmonitionTitle = mdunits.AdmonitionTitle
	// Footnote is a paragraph in a footnote.
	Footnote Kind = "footnote"
)

var short = map[Kind]string{
	Heading: "h", Paragraph: "p", ListItem: "li", TableCell: "td", AdmonitionTitle: "title", Footnote: "p",
}

// Unit is one translatable block of a page.
type Unit struct {
	Key  string
	Kind Kind
	// Text is the unit's Markdown, lines joined (see the package
	// documentation).
	Text string
	// Start and End delimit the unit's text in the file.
	Start, End int
	// Prose is whether the unit holds prose (segment.HasProse); one that
	// does not ("Signal", a link named "F-Droid") may read the same in a
	// translation.
	Prose bool
	// cont is what a continuation line of the unit starts with; col the
	// column (in bytes) of its first character.
	cont string
	col  int
	// wrapped is whether the unit is written on several lines, so that
	// a new text for it is wrapped too.
	wrapped bool
}

// Width is the length of line Replace wraps a new text at, when the text
// it replaces was wrapped.
const Width = 79

// Split returns the units of the document root parsed from src, in the
// order of the file; nodes at or beyond offset end (text grafted after the
// file) are left out. The blocks are those mdunits.List finds whose text
// is to translate (Unit.Text); a block without lines is left out.
func Split(root ast.Node, src []byte, end int) []*Unit {
	var out []*Unit
	for _, b := range mdunits.List(root, src, nil) {
		if u := unit(b, src, end); u != nil {
			out = append(out, u)
		}
	}
	slices.SortStableFunc(out, func(a, b *Unit) int { return a.Start - b.Start })
	section := "top"
	count := map[string]int{}
	for _, u := range out {
		switch {
		case u.Kind == Heading:
			section = u.Key
			u.Key += "/h"
			continue
		case u.Kind == Footnote:
			sec := u.Key
			count[sec+"\x00p"]++
			u.Key = fmt.Sprintf("%s/p%d", sec, count[sec+"\x00p"])
			continue
		}
		k := short[u.Kind]
		count[section+"\x00"+k]++
		n := count[section+"\x00"+k]
		u.Key = fmt.Sprintf("%s/%s%d", section, k, n)
		if u.Kind == AdmonitionTitle && n == 1 {
			u.Key = section + "/title"
		}
	}
	return out
}

// unit returns the unit of block b (its key only the heading id or the
// footnote section, numbered by Split), or nil when b is no unit.
func unit(b mdunits.Unit, src []byte, end int) *Unit {
	if !b.Text() || len(b.Lines) == 0 || b.Lines[0][0] >= end {
		return nil
	}
	n, kind := b.Node, b.Kind
	if kind == mdunits.CardBody {
		kind = Paragraph
		if p := n.Parent(); p != nil && p.Kind() == ast.KindListItem {
			kind = ListItem
		}
	}
	u := &Unit{Kind: kind}
	if kind == AdmonitionTitle {
		u.Prose = hasLower(src[b.Lines[0][0]:b.Lines[0][1]])
	} else {
		u.Prose = segment.HasProse(n, src)
	}
	var parts [][]byte
	for _, l := range b.Lines {
		if l[1] > end {
			return nil
		}
		parts = append(parts, src[l[0]:l[1]])
	}
	u.Start = b.Lines[0][0]
	last := b.Lines[len(b.Lines)-1][0]
	lastLine := bytes.TrimRight(parts[len(parts)-1], " \t\r\n")
	u.End = last + len(lastLine)
	switch kind {
	case Heading:
		if i := trailingAttrs(lastLine, false); i >= 0 {
			u.End = last + len(bytes.TrimRight(lastLine[:i], " \t"))
		}
	case Paragraph, ListItem:
		if len(parts) > 1 && trailingAttrs(lastLine, true) >= 0 {
			// An attribute list on a line of its own after the text.
			prev := b.Lines[len(b.Lines)-2][0]
			parts = parts[:len(parts)-1]
			u.End = prev + len(bytes.TrimRight(parts[len(parts)-1], " \t\r\n"))
		}
	}
	if u.End <= u.Start {
		return nil
	}
	u.Text = join(src[u.Start:u.End], parts)
	if u.Text == "" {
		return nil
	}
	u.cont = continuation(src, u.Start)
	u.col = len(u.cont)
	u.wrapped = len(parts) > 1 && kind != Heading && kind != TableCell
	if fn := footnoteOf(n); fn != nil {
		u.Kind = Footnote
		u.Key = "fn:" + string(fn.Ref)
	}
	if kind == Heading {
		u.Key = b.ID
		if u.Key == "" {
			u.Key = fmt.Sprintf("heading-%d", u.Start)
		}
	}
	return u
}

func hasLower(b []byte) bool {
	return bytes.IndexFunc(b, func(r rune) bool { return r >= 'a' && r <= 'z' || r > 127 }) >= 0
}

func footnoteOf(n ast.Node) *east.Footnote {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if fn, ok := p.(*east.Footnote); ok {
			return fn
		}
	}
	return nil
}

// join joins the lines of a unit (parts, each the text of one line after
// its container's indentation): a soft line break becomes a space, a hard
// one stays.
func join(span []byte, parts [][]byte) string {
	if len(parts) == 1 {
		return string(span)
	}
	var b strings.Builder
	for i, p := range parts {
		line := bytes.TrimRight(p, "\r\n")
		if i > 0 {
			line = bytes.TrimLeft(line, " \t")
		}
		if i == len(parts)-1 {
			b.Write(bytes.TrimRight(line, " \t"))
			break
		}
		switch {
		case bytes.HasSuffix(line, []byte("\\")):
			b.Write(line)
			b.WriteByte('\n')
		case bytes.HasSuffix(line, []byte("  ")):
			b.Write(bytes.TrimRight(line, " \t"))
			b.WriteString("  \n")
		default:
			b.Write(bytes.TrimRight(line, " \t"))
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// continuation returns what a continuation line of a unit starting at
// offset start needs before its text: the first line's prefix with every
// character but '>' made a space.
func continuation(src []byte, start int) string {
	ls := bytes.LastIndexByte(src[:start], '\n') + 1
	prefix := []byte(string(src[ls:start]))
	for i, c := range prefix {
		if c != '>' && c != '\t' {
			prefix[i] = ' '
		}
	}
	return string(prefix)
}

// trailingAttrs returns where an attribute list ends line, or -1; with
// ownLine only one that is the whole line.
func trailingAttrs(line []byte, ownLine bool) int {
	if len(line) == 0 || line[len(line)-1] != '}' {
		return -1
	}
	for i := 0; i < len(line); i++ {
		if line[i] != '{' {
			continue
		}
		if ownLine && len(bytes.TrimSpace(line[:i])) > 0 {
			return -1
		}
		if !ownLine && i > 0 && line[i-1] != ' ' && line[i-1] != '\t' {
			continue
		}
		if _, m, ok := attrlist.Parse(line[i:]); ok && i+m == len(line) {
			return i
		}
	}
	return -1
}

// Same reports whether two unit texts are the same once runs of white
// space are made one space.
func Same(a, b string) bool {
	return mdunits.Collapse(a) == mdunits.Collapse(b)
}

// Replace returns src with the text of each unit in units replaced by
// texts[unit.Key], where texts has the key; a text's line breaks are
// followed by the unit's continuation indentation, and are CRLF in a file
// that has CRLF line breaks. units must be units
// of src, in the order of the file.
func Replace(src []byte, units []*Unit, texts map[string]string) []byte {
	var b bytes.Buffer
	eol := "\n"
	if bytes.Contains(src, []byte("\r\n")) {
		eol = "\r\n" // a file with CRLF line breaks keeps them
	}
	at := 0
	for _, u := range units {
		t, ok := texts[u.Key]
		if !ok || u.Start < at {
			continue
		}
		b.Write(src[at:u.Start])
		if u.wrapped {
			t = wrap(t, Width-u.col)
		}
		b.WriteString(strings.ReplaceAll(t, "\n", eol+u.cont))
		at = u.End
	}
	b.Write(src[at:])
	return b.Bytes()
}

// Skeleton returns src with every unit's text left out and the position of
// each marked with a NUL byte: what is left is the page's structure. Two
// pages with the same skeleton differ only in their units' texts.
func Skeleton(src []byte, units []*Unit) string {
	var b strings.Builder
	at := 0
	for _, u := range units {
		if u.Start < at {
			continue
		}
		b.Write(src[at:u.Start])
		b.WriteByte(0)
		at = u.End
	}
	b.Write(src[at:])
	return b.String()
}

// wrap breaks the lines of text that are longer than width at spaces,
// never before a word that could start a block on a line of its own (a
// list marker, a heading, a quote, an HTML tag, an attribute list, ...):
// only before one that starts with a letter or an opening parenthesis or
// quote. A hard line break ("\\\n" or "  \n") stays as it is.
func wrap(text string, width int) string {
	if width < 20 {
		width = 20
	}
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		var b strings.Builder
		n := 0 // length of the current output line
		words := strings.Split(line, " ")
		for j, w := range words {
			switch {
			case j == 0:
			case n+1+utf8.RuneCountInString(w) > width && n > 0 && w != "" && breakable(w) && words[j-1] != "":
				b.WriteByte('\n')
				n = 0
			default:
				b.WriteByte(' ')
				n++
			}
			b.WriteString(w)
			n += utf8.RuneCountInString(w)
		}
		lines[i] = b.String()
	}
	return strings.Join(lines, "\n")
}

// breakable reports whether a line may start with word w.
func breakable(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLetter(r) || strings.ContainsRune("(‘“'\"", r)
}
