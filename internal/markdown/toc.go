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
// The entries are made in one allocation.
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
	var roots []*TOCEntry
	var stack []*TOCEntry
	for _, h := range hs {
		if h.Level < minLevel || h.Level > maxLevel {
			continue
		}
		entries = append(entries, TOCEntry{ID: h.ID, Text: h.Text, Level: h.Level})
		e := &entries[len(entries)-1]
		if h.Node != nil {
			if v, ok := h.Node.AttributeString("lang"); ok {
				if b, ok := v.([]byte); ok {
					e.Lang = string(b)
				}
			}
		}
		for len(stack) > 0 && stack[len(stack)-1].Level >= h.Level {
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			roots = append(roots, e)
		} else {
			parent := stack[len(stack)-1]
			parent.Children = append(parent.Children, e)
		}
		stack = append(stack, e)
	}
	return roots
}
