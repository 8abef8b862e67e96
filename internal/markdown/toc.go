package markdown

import "github.com/guidegen/guidegen/internal/markdown/headingid"

// TOCEntry is one heading in a table of contents, with the headings nested
// under it.
type TOCEntry struct {
	ID    string
	Text  string
	Level int
	// Lang is set when the heading is in another language than its page
	// (an untranslated heading of a translation).
	Lang     string
	Children []*TOCEntry
}

// TOC nests the headings with levels minLevel..maxLevel. A heading that
// skips a level (h2 then h4) is nested under the closest shallower one.
// The entries are made in one allocation, and the lists of entries (the
// roots and every entry's Children) in another: a first pass finds each
// entry's parent and counts the children, so each list gets its part of
// one array.
func TOC(hs []headingid.Heading, minLevel, maxLevel int) []*TOCEntry {
	n := 0
	for _, h := range hs {
		if h.Level >= minLevel && h.Level <= maxLevel {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	entries := make([]TOCEntry, n)
	// parent[i] is the index of entry i's parent, or -1 for a root;
	// count[i] the number of entry i's children.
	var parentBuf, countBuf [64]int32
	parent, count := parentBuf[:0], countBuf[:0]
	if n > len(parentBuf) {
		parent, count = make([]int32, 0, n), make([]int32, 0, n)
	}
	var stackBuf [8]int32
	stack := stackBuf[:0]
	roots := 0
	lang := "" // the last lang, which the next heading likely has too
	i := 0
	for _, h := range hs {
		if h.Level < minLevel || h.Level > maxLevel {
			continue
		}
		e := &entries[i]
		e.ID, e.Text, e.Level = h.ID, h.Text, h.Level
		if h.Node != nil {
			if v, ok := h.Node.AttributeString("lang"); ok {
				if b, ok := v.([]byte); ok {
					if string(b) != lang {
						lang = string(b)
					}
					e.Lang = lang
				}
			}
		}
		for len(stack) > 0 && entries[stack[len(stack)-1]].Level >= h.Level {
			stack = stack[:len(stack)-1]
		}
		p := int32(-1)
		if len(stack) > 0 {
			p = stack[len(stack)-1]
			count[p]++
		} else {
			roots++
		}
		parent = append(parent, p)
		count = append(count, 0)
		stack = append(stack, int32(i))
		i++
	}
	lists := make([]*TOCEntry, n) // every entry is in one list
	out := lists[:0:roots]
	next := roots
	for i, c := range count {
		if c > 0 {
			entries[i].Children = lists[next : next : next+int(c)]
			next += int(c)
		}
	}
	for i, p := range parent {
		if p < 0 {
			out = append(out, &entries[i])
		} else {
			entries[p].Children = append(entries[p].Children, &entries[i])
		}
	}
	return out
}
