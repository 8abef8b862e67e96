// Package linkify is goldmark's Linkify extension (GFM's autolinks
// extended: www.example.org, https://example.org, user@example.org)
// with the same results at a lower cost.
//
// goldmark calls Linkify's parser at every space of every line, where it
// looks for a URL, a www. domain or an e-mail address starting at the next
// word. Each of these needs a byte that most lines lack: "://" for a URL,
// "www." for a domain, '@' for an address, all within the line, since a
// link never spans a line break. This package's parser looks for those
// bytes in the rest of the line once, at the line's first call, and lets
// the line's other calls return at once when none was there. Otherwise
// goldmark's own parser decides, so the links found are exactly its.
package linkify

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// priority is goldmark's own for its Linkify parser.
const priority = 999

type extender struct{}

// Extension adds the parser in place of extension.Linkify (with its
// default options: no other protocols nor patterns).
var Extension goldmark.Extender = extender{}

func (extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(&inlineParser{inner: extension.NewLinkifyParser()}, priority),
	))
}

type inlineParser struct {
	inner parser.InlineParser
}

// lineState remembers, for one document, what the last line looked at
// holds: the line is the one whose last byte (in the memory PeekLine
// returned) is at end, looked at from byte offset from on. none tells
// that it holds none of the bytes a link needs; at is the offset of its
// first '@' at or after the last call's position (the offset of its end
// when there is none), or -1 before it is looked for.
type lineState struct {
	end  *byte
	from int
	none bool
	at   int
}

var stateKey = parser.NewContextKey()

// maxLocal is the longest local part of an address goldmark's parser
// takes (util.FindEmailIndex): its '@' is at most this far.
const maxLocal = 64

func (p *inlineParser) Trigger() []byte { return p.inner.Trigger() }

// Parse returns nil without asking goldmark's parser when no link can
// start where it is called. Most lines hold none of the bytes a link
// needs: the line's first call looks for them in the rest of the line
// once, and its later calls return at once. A line that has them (often
// only in a link's destination, which goldmark never gives to Linkify)
// is asked about only where a link may start: goldmark's parser, after
// the trigger byte it skips (a space, '*', '_', '~' or '('), takes a link
// only where the text starts with "http:", "https:", "ftp:" or "www.",
// or with an e-mail address, whose '@' comes within maxLocal bytes and
// after no space. A later call on the same line reads a part of what the
// first call looked at (goldmark parses a line from left to right), so
// the line's next '@' is looked for once for all the calls before it.
func (p *inlineParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) == 0 {
		return p.inner.Parse(parent, block, pc)
	}
	st, _ := pc.Get(stateKey).(*lineState)
	if st == nil {
		st = &lineState{}
		pc.Set(stateKey, st)
	}
	if end := &line[len(line)-1]; st.end != end || seg.Start < st.from {
		st.end, st.from, st.none, st.at = end, seg.Start, !MayLink(line), -1
	}
	if st.none {
		return nil
	}
	// A line with padding (a tab cut by a container) is a copy, made
	// anew at each call, whose offsets are not the source's.
	if seg.Padding > 0 || st.mayStart(line, seg.Start) {
		return p.inner.Parse(parent, block, pc)
	}
	return nil
}

// mayStart reports whether goldmark's parser could find a link in line,
// the rest of a line from offset start on.
func (st *lineState) mayStart(line []byte, start int) bool {
	switch line[0] {
	case ' ', '*', '_', '~', '(':
		line, start = line[1:], start+1
	}
	if len(line) >= 4 {
		switch string(line[:4]) {
		case "http", "ftp:", "www.":
			return true
		}
	}
	if st.at < start {
		if i := bytes.IndexByte(line, '@'); i >= 0 {
			st.at = start + i
		} else {
			st.at = start + len(line)
		}
	}
	if st.at-start > maxLocal || st.at >= start+len(line) {
		return false // no '@' close enough in the rest of the line
	}
	return bytes.IndexByte(line[:st.at-start], ' ') < 0 // no space before it
}

// MayLink reports whether line holds what a link of Linkify needs: "://"
// (http://, https:// or ftp://), "www." or '@' (an e-mail address).
func MayLink(line []byte) bool {
	return bytes.IndexByte(line, '@') >= 0 ||
		bytes.Contains(line, []byte("://")) ||
		bytes.Contains(line, []byte("www."))
}
