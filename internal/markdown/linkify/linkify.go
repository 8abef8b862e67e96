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
// returned) is at end, looked at from byte offset from on; at is the
// offset of its first '@' at or after the last call's position, or the
// offset of its end when there is none.
type lineState struct {
	end  *byte
	from int
	at   int
}

var stateKey = parser.NewContextKey()

// maxLocal is the longest local part of an address goldmark's parser
// takes (util.FindEmailIndex): its '@' is at most this far.
const maxLocal = 64

func (p *inlineParser) Trigger() []byte { return p.inner.Trigger() }

// Parse returns nil without asking goldmark's parser when no link can
// start where it is called: goldmark's parser, after the trigger byte it
// skips (a space, '*', '_', '~' or '('), takes a link only where the text
// starts with "http:", "https:", "ftp:" or "www.", or with an e-mail
// address, whose '@' comes before any space. Calls on one line come from
// left to right (goldmark parses a line that way), so the line's next
// '@' is looked for once for all the calls before it, and an address
// is looked for only within maxLocal bytes of its '@'.
func (p *inlineParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) == 0 || seg.Padding > 0 {
		// A line with padding (a tab cut by a container) is a copy,
		// made anew at each call: the state could not tell it apart.
		return p.inner.Parse(parent, block, pc)
	}
	rest, start := line, seg.Start
	switch line[0] {
	case ' ', '*', '_', '~', '(':
		rest, start = line[1:], start+1
	}
	if bytes.HasPrefix(rest, []byte("http")) || bytes.HasPrefix(rest, []byte("ftp:")) || bytes.HasPrefix(rest, []byte("www.")) {
		return p.inner.Parse(parent, block, pc)
	}
	st, _ := pc.Get(stateKey).(*lineState)
	if st == nil {
		st = &lineState{}
		pc.Set(stateKey, st)
	}
	if end := &line[len(line)-1]; st.end != end || seg.Start < st.from {
		st.end, st.from, st.at = end, seg.Start, -1
	}
	if st.at < start {
		if i := bytes.IndexByte(rest, '@'); i >= 0 {
			st.at = start + i
		} else {
			st.at = start + len(rest)
		}
	}
	if st.at-start > maxLocal || st.at >= start+len(rest) {
		return nil // no '@' close enough in the rest of the line
	}
	if bytes.IndexByte(rest[:st.at-start], ' ') >= 0 {
		return nil // a space before the '@': no address starts here
	}
	return p.inner.Parse(parent, block, pc)
}
