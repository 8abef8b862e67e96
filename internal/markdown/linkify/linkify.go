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
// holds: whether the line from byte offset from to the byte at end (the
// line's last, in the memory PeekLine returned) could hold a link.
type lineState struct {
	end  *byte
	from int
	none bool
}

var stateKey = parser.NewContextKey()

func (p *inlineParser) Trigger() []byte { return p.inner.Trigger() }

// Parse returns nil without asking goldmark's parser when the rest of the
// line holds none of the bytes a link needs. A later call on the same line
// reads a part of what the first call looked at (goldmark parses a line
// from left to right), so that call's answer stands for it.
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
		st.end, st.from, st.none = end, seg.Start, !MayLink(line)
	}
	if st.none {
		return nil
	}
	return p.inner.Parse(parent, block, pc)
}

// MayLink reports whether line holds what a link of Linkify needs: "://"
// (http://, https:// or ftp://), "www." or '@' (an e-mail address).
func MayLink(line []byte) bool {
	return bytes.IndexByte(line, '@') >= 0 ||
		bytes.Contains(line, []byte("://")) ||
		bytes.Contains(line, []byte("www."))
}
