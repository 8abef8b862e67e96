package headingid

import (
	"strings"

	"github.com/yuin/goldmark/parser"
)

// Alignment says how the headings of a translation correspond to the
// headings of the page it translates.
type Alignment struct {
	// Source are the source page's headings (without their nodes).
	Source []Heading
	// Match[i] is the index in Source of the heading that heading i of the
	// translation corresponds to, or -1 when it corresponds to none.
	Match []int
	// Mismatch is true when the two pages' sequences of heading levels
	// differ, so that only part of the headings (or none) could be
	// aligned.
	Mismatch bool
	// Conflicts are the translation's headings that correspond to a
	// source heading but could not take its id, because the translation
	// uses that id elsewhere (set by hand on another heading).
	Conflicts []int
}

// Aligned returns the number of the translation's headings that
// correspond to a source heading.
func (a *Alignment) Aligned() int {
	n := 0
	for _, j := range a.Match {
		if j >= 0 {
			n++
		}
	}
	return n
}

// Unmatched returns the indexes of the source headings that no heading of
// the translation corresponds to, in order.
func (a *Alignment) Unmatched() []int {
	seen := make([]bool, len(a.Source))
	for _, j := range a.Match {
		if j >= 0 {
			seen[j] = true
		}
	}
	var out []int
	for j, ok := range seen {
		if !ok {
			out = append(out, j)
		}
	}
	return out
}

// maxCells bounds the table Align fills to find anchors (headings × headings).
const maxCells = 1 << 18

// Align pairs the headings of a translation (dst) with those of its source
// page (src), by structure: when both have the same sequence of heading
// levels, heading i of dst corresponds to heading i of src. Otherwise the
// pages are first tied together at anchors, headings of the same level that
// are certainly the same (the same id set by hand on dst, or the same text,
// as names often are), taking the longest ordered run of them; between two
// anchors, a run of dst headings is paired with the run of src headings
// only when their levels are the same, and left unpaired otherwise.
//
// match[i] is the index in src of dst[i]'s heading, or -1; mismatch reports
// that the level sequences differ.
func Align(src, dst []Heading) (match []int, mismatch bool) {
	match = make([]int, len(dst))
	for i := range match {
		match[i] = -1
	}
	if sameLevels(src, dst) {
		for i := range match {
			match[i] = i
		}
		return match, false
	}
	anchors := append(anchorRun(src, dst), pair{len(src), len(dst)})
	s, d := 0, 0
	for _, a := range anchors {
		if sameLevels(src[s:a.s], dst[d:a.d]) {
			for k := range a.d - d {
				match[d+k] = s + k
			}
		}
		if a.d < len(dst) {
			match[a.d] = a.s
		}
		s, d = a.s+1, a.d+1
	}
	return match, true
}

func sameLevels(a, b []Heading) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Level != b[i].Level {
			return false
		}
	}
	return true
}

// pair is a source heading's index and a translation heading's index.
type pair struct{ s, d int }

// anchorRun returns the longest ordered run of (src, dst) index pairs of
// headings that are certainly the same: a longest common subsequence.
func anchorRun(src, dst []Heading) []pair {
	n, m := len(src), len(dst)
	if n == 0 || m == 0 || n*m > maxCells {
		return nil
	}
	// The texts are normalized once, not once per cell.
	st, dt := texts(src), texts(dst)
	same := func(i, j int) bool { return sameHeading(src[i], dst[j], st[i], dt[j]) }
	// best[i][j] is the length of the longest run in src[i:], dst[j:].
	best := make([][]int, n+1)
	for i := range best {
		best[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case same(i, j):
				best[i][j] = best[i+1][j+1] + 1
			case best[i+1][j] >= best[i][j+1]:
				best[i][j] = best[i+1][j]
			default:
				best[i][j] = best[i][j+1]
			}
		}
	}
	var out []pair
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case same(i, j):
			out = append(out, pair{i, j})
			i++
			j++
		case best[i+1][j] >= best[i][j+1]:
			i++
		default:
			j++
		}
	}
	return out
}

// texts returns the headings' texts with runs of white space reduced to
// one space and none at either end.
func texts(hs []Heading) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = strings.Join(strings.Fields(h.Text), " ")
	}
	return out
}

// sameHeading reports whether a translation's heading d is certainly the
// source heading s: same level, and the same id set by hand or the same
// text (st and dt, normalized by texts).
func sameHeading(s, d Heading, st, dt string) bool {
	if s.Level != d.Level {
		return false
	}
	if d.Explicit && d.ID == s.ID {
		return true
	}
	return st != "" && strings.EqualFold(st, dt)
}

// adopt gives the translation's headings hs the ids of the source headings
// they correspond to. Ids set by hand win, and are already reserved; an id
// that a heading set by hand already uses is not taken twice.
func adopt(hs, src []Heading, ids parser.IDs) *Alignment {
	a := &Alignment{Source: bare(src)}
	a.Match, a.Mismatch = Align(src, hs)
	// The ids taken so far: those set by hand, which gather reserved in
	// ids, and those taken below. An IDs holds them already.
	own, _ := ids.(*IDs)
	var used map[string]bool
	if own == nil {
		used = map[string]bool{}
		for _, h := range hs {
			if h.Explicit {
				used[h.ID] = true
			}
		}
	}
	for i := range hs {
		j := a.Match[i]
		if j < 0 || hs[i].Explicit {
			continue
		}
		id := src[j].ID
		if taken := id == "" || own != nil && own.used[id] || used[id]; taken {
			a.Match[i] = -1
			a.Conflicts = append(a.Conflicts, i)
			continue
		}
		if own != nil {
			own.take(id) // as Put does, without converting id twice
		} else {
			used[id] = true
			ids.Put([]byte(id))
		}
		hs[i].ID, hs[i].FromSource = id, true
		hs[i].Node.SetAttributeString("id", idBytes(id))
	}
	return a
}

// bare returns the headings without their nodes and with only Level, ID,
// Text and Explicit: hs itself when it has nothing else (a Source's
// headings, which SourceOf copies so), else a copy.
func bare(hs []Heading) []Heading {
	for _, h := range hs {
		if h.Node != nil || h.FromSource {
			out := make([]Heading, len(hs))
			for i, h := range hs {
				out[i] = Heading{Level: h.Level, ID: h.ID, Text: h.Text, Explicit: h.Explicit}
			}
			return out
		}
	}
	return hs
}
