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
// The entries are made in one allocation, and the lists of roots and
// children in another: each entry's parent is found first, then every
// list gets its part of one slice.
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
	entries := make([]TOCEntry, 0, n)
	// parent[i] is the index of entry i's parent, -1 for a root; kids[i]
	// counts entry i's children, kids[n] the roots.
	var buf [64]int32
	scratch := buf[:0]
	if 2*n+1 > len(buf) {
		scratch = make([]int32, 0, 2*n+1)
	}
	scratch = scratch[:2*n+1]
	clear(scratch)
	parent, kids := scratch[:n], scratch[n:]
	var stackBuf [8]int32
	stack := stackBuf[:0]
	for _, h := range hs {
		if h.Level < minLevel || h.Level > maxLevel {
			continue
		}
		i := int32(len(entries))
		entries = append(entries, TOCEntry{ID: h.ID, Text: h.Text, Level: h.Level})
		if h.Node != nil {
			if v, ok := h.Node.AttributeString("lang"); ok {
				if b, ok := v.([]byte); ok {
					entries[i].Lang = string(b)
				}
			}
		}
		for len(stack) > 0 && entries[stack[len(stack)-1]].Level >= h.Level {
			stack = stack[:len(stack)-1]
		}
		p := int32(-1)
		if len(stack) > 0 {
			p = stack[len(stack)-1]
			kids[p]++
		} else {
			kids[n]++
		}
		parent[i] = p
		stack = append(stack, i)
	}
	// Every entry is a root or a child: n pointers in all, the roots
	// first, then each entry's children in the order of the entries.
	ptrs := make([]*TOCEntry, n)
	roots := ptrs[0:0:kids[n]]
	at := kids[n]
	for i := range entries {
		if k := kids[i]; k > 0 {
			entries[i].Children = ptrs[at : at : at+k]
			at += k
		}
	}
	for i := range entries {
		if p := parent[i]; p < 0 {
			roots = append(roots, &entries[i])
		} else {
			entries[p].Children = append(entries[p].Children, &entries[i])
		}
	}
	return roots
}
