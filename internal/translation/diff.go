package translation

import (
	"strings"
)

// ChangeOp is what happened to a segment.
type ChangeOp string

// The changes of a segment.
const (
	Added   ChangeOp = "added"
	Removed ChangeOp = "removed"
	Changed ChangeOp = "changed"
)

// Change is one segment that differs between two versions of a page.
type Change struct {
	Op ChangeOp `json:"op"`
	// Old is the segment in the old version (nil when added), New in
	// the new one (nil when removed).
	Old *TextSegment `json:"old,omitempty"`
	New *TextSegment `json:"new,omitempty"`
	// Words is the word-level difference of a changed segment.
	Words []WordEdit `json:"words,omitempty"`
	// Translation is the segment of the translation that translated Old
	// (see Align); nil when none lines up with it. For an added segment,
	// After is the translation's segment after which it would go.
	Translation *TextSegment `json:"translation,omitempty"`
	After       *TextSegment `json:"after,omitempty"`

	// at is the index in the old list of the segment after which an
	// added one stands, or -1.
	at int
}

// WordEdit is a run of words kept ("="), removed ("-") or added ("+").
type WordEdit struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

// DiffSegments returns the segments of old and new that differ, in the
// order of new (removed ones where they stood): the longest common
// subsequence of the two lists by canonical text is kept; between two
// kept segments, the old and new segments left over are paired in order
// as changed while they stand at the same place in the structure (same
// kind, inside the same blocks), and the rest are removed or added.
func DiffSegments(old, new []*TextSegment) []Change {
	pairs := lcs(len(old), len(new), func(i, j int) bool { return old[i].Canon == new[j].Canon })
	var out []Change
	i, j := 0, 0
	gap := func(ei, ej int) {
		for i < ei && j < ej && old[i].Place == new[j].Place {
			out = append(out, Change{Op: Changed, Old: old[i], New: new[j], Words: WordDiff(old[i].Markdown, new[j].Markdown)})
			i++
			j++
		}
		for ; i < ei; i++ {
			out = append(out, Change{Op: Removed, Old: old[i]})
		}
		for ; j < ej; j++ {
			out = append(out, Change{Op: Added, New: new[j], at: i - 1})
		}
	}
	for _, p := range pairs {
		gap(p[0], p[1])
		i, j = p[0]+1, p[1]+1
	}
	gap(len(old), len(new))
	return out
}

// Align pairs the segments of a page (src) with those of its translation
// (tr): it returns, for each segment of src, the index of the segment of
// tr that translates it, or -1. Segments are paired in order by their
// place in the structure, not their text: the pairing is the common
// subsequence of the two lists of places (kind, heading level, and the
// lists, tables, quotes, admonitions and containers around them) of the
// greatest weight, where a pair of segments with the same text (a name,
// a segment left untranslated) weighs most, a pair of headings next,
// any other pair least. Code blocks, HTML blocks and directives, which
// are not translated, pair only with the same text. Front matter fields
// pair by name.
func Align(src, tr []*TextSegment) []int {
	match := make([]int, len(src))
	for i := range match {
		match[i] = -1
	}
	weight := func(i, j int) int32 {
		a, b := src[i], tr[j]
		switch {
		case a.Place != b.Place:
			return 0
		case a.Canon == b.Canon:
			return 4
		case !a.Prose:
			return 0
		case a.Kind == "heading":
			return 3
		}
		return 2
	}
	for _, p := range heaviest(len(src), len(tr), weight) {
		match[p[0]] = p[1]
	}
	return match
}

// heaviest returns the index pairs of a common subsequence of two lists
// of lengths n and m whose pairs' weights (0: no pair) add up to the
// most, in order. Beyond maxLCS cells, only the common start and end are
// paired.
func heaviest(n, m int, weight func(i, j int) int32) [][2]int {
	if n*m > maxLCS {
		return lcs(n, m, func(i, j int) bool { return weight(i, j) > 0 })
	}
	t := make([][]int32, n+1)
	for i := range t {
		t[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			best := max(t[i+1][j], t[i][j+1])
			if w := weight(i, j); w > 0 {
				best = max(best, t[i+1][j+1]+w)
			}
			t[i][j] = best
		}
	}
	var out [][2]int
	for i, j := 0, 0; i < n && j < m; {
		if w := weight(i, j); w > 0 && t[i][j] == t[i+1][j+1]+w {
			out = append(out, [2]int{i, j})
			i++
			j++
		} else if t[i+1][j] >= t[i][j+1] {
			i++
		} else {
			j++
		}
	}
	return out
}

// maxLCS bounds the table lcs fills (rows × columns); beyond it, only
// the common start and end of the two lists are paired.
const maxLCS = 1 << 22

// lcs returns the index pairs of a longest common subsequence of two
// lists of lengths n and m, in order.
func lcs(n, m int, eq func(i, j int) bool) [][2]int {
	// The common start and end need no table.
	var head, tail [][2]int
	lo := 0
	for lo < n && lo < m && eq(lo, lo) {
		head = append(head, [2]int{lo, lo})
		lo++
	}
	hn, hm := n, m
	for hn > lo && hm > lo && eq(hn-1, hm-1) {
		hn--
		hm--
		tail = append([][2]int{{hn, hm}}, tail...)
	}
	rows, cols := hn-lo, hm-lo
	if rows == 0 || cols == 0 || rows*cols > maxLCS {
		return append(head, tail...)
	}
	// t[i][j] is the length of an LCS of the suffixes from lo+i and lo+j.
	t := make([][]int32, rows+1)
	for i := range t {
		t[i] = make([]int32, cols+1)
	}
	for i := rows - 1; i >= 0; i-- {
		for j := cols - 1; j >= 0; j-- {
			switch {
			case eq(lo+i, lo+j):
				t[i][j] = t[i+1][j+1] + 1
			case t[i+1][j] >= t[i][j+1]:
				t[i][j] = t[i+1][j]
			default:
				t[i][j] = t[i][j+1]
			}
		}
	}
	out := head
	for i, j := 0, 0; i < rows && j < cols; {
		switch {
		case eq(lo+i, lo+j):
			out = append(out, [2]int{lo + i, lo + j})
			i++
			j++
		case t[i+1][j] >= t[i][j+1]:
			i++
		default:
			j++
		}
	}
	return append(out, tail...)
}

// WordDiff returns the word-level difference between two texts: runs of
// words kept, removed and added, in order, each run's words joined by one
// space.
func WordDiff(a, b string) []WordEdit {
	aw, bw := strings.Fields(a), strings.Fields(b)
	var out []WordEdit
	add := func(op, w string) {
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += " " + w
			return
		}
		out = append(out, WordEdit{Op: op, Text: w})
	}
	i, j := 0, 0
	for _, p := range lcs(len(aw), len(bw), func(i, j int) bool { return aw[i] == bw[j] }) {
		for ; i < p[0]; i++ {
			add("-", aw[i])
		}
		for ; j < p[1]; j++ {
			add("+", bw[j])
		}
		add("=", aw[p[0]])
		i, j = p[0]+1, p[1]+1
	}
	for ; i < len(aw); i++ {
		add("-", aw[i])
	}
	for ; j < len(bw); j++ {
		add("+", bw[j])
	}
	return out
}

// FormatWords writes a word diff as text: removed words as [-words-],
// added ones as {+words+} (as git diff --word-diff does).
func FormatWords(ws []WordEdit) string {
	var b strings.Builder
	for k, w := range ws {
		if k > 0 {
			b.WriteByte(' ')
		}
		switch w.Op {
		case "-":
			b.WriteString("[-" + w.Text + "-]")
		case "+":
			b.WriteString("{+" + w.Text + "+}")
		default:
			b.WriteString(w.Text)
		}
	}
	return b.String()
}
