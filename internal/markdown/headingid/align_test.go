package headingid

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// hs builds headings from "2 Text" or "2 Text #id" (an id set by hand).
func hs(specs ...string) []Heading {
	var out []Heading
	for _, s := range specs {
		var h Heading
		fmt.Sscanf(s, "%d", &h.Level)
		h.Text = strings.TrimSpace(s[1:])
		if text, id, ok := strings.Cut(h.Text, " #"); ok {
			h.Text, h.ID, h.Explicit = text, id, true
		} else {
			h.ID = Slugify(h.Text)
		}
		out = append(out, h)
	}
	return out
}

func TestAlign(t *testing.T) {
	src := hs("2 Encrypted messengers", "3 Signal", "3 Briar", "2 Criteria", "3 Minimum requirements", "3 Best case")
	tests := []struct {
		name     string
		dst      []Heading
		want     []int
		mismatch bool
	}{
		{"same structure", hs("2 Versleutelde messengers", "3 Signal", "3 Briar", "2 Criteria", "3 Minimale eisen", "3 Het beste geval"),
			[]int{0, 1, 2, 3, 4, 5}, false},
		{"same structure, other names", hs("2 A", "3 B", "3 C", "2 D", "3 E", "3 F"),
			[]int{0, 1, 2, 3, 4, 5}, false},
		{"no headings", nil, []int{}, true},
		{"extra section at the start: only the names tie", hs("2 Inleiding", "2 Versleutelde messengers", "3 Signal", "3 Briar", "2 Criteria", "3 Minimale eisen", "3 Het beste geval"),
			// "Signal", "Briar" and "Criteria" are anchors; the two h3
			// after Criteria pair up; the two h2 before Signal do not
			// match one h2.
			[]int{-1, -1, 1, 2, 3, 4, 5}, true},
		{"missing subsection: the rest still aligns", hs("2 Versleutelde messengers", "3 Signal", "2 Criteria", "3 Minimale eisen", "3 Het beste geval"),
			[]int{0, 1, 3, 4, 5}, true},
		{"explicit id ties a heading", hs("2 Berichtenapps", "3 Eén", "2 Eisen #criteria", "3 Minimum", "3 Best"),
			// Nothing ties the first part (h2, h3 against h2, h3, h3).
			[]int{-1, -1, 3, 4, 5}, true},
		{"different levels, nothing to tie", hs("2 A", "2 B", "2 C"), []int{-1, -1, -1}, true},
		{"names are compared without case and extra space", hs("2 X", "3  signal ", "2 Y"), []int{0, 1, -1}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, mismatch := Align(src, tt.dst)
			if !slices.Equal(got, tt.want) || mismatch != tt.mismatch {
				t.Errorf("Align = %v, %v; want %v, %v", got, mismatch, tt.want, tt.mismatch)
			}
		})
	}
}

func TestAlignLargeInputsDoNotTieAnchors(t *testing.T) {
	var src, dst []Heading
	for i := range 600 {
		src = append(src, Heading{Level: 2, Text: fmt.Sprint(i)})
		dst = append(dst, Heading{Level: 2, Text: fmt.Sprint(i)})
	}
	dst = append(dst, Heading{Level: 3, Text: "extra"})
	got, mismatch := Align(src, dst)
	if !mismatch || slices.ContainsFunc(got, func(j int) bool { return j >= 0 }) {
		t.Errorf("600×601 headings were aligned (mismatch=%v)", mismatch)
	}
}

// TestAlignAllocations aligns 500 headings with 501 whose levels differ:
// the table of anchors has 250,000 cells, and comparing two headings must
// not allocate (it used to normalize both texts in every cell: a million
// allocations).
func TestAlignAllocations(t *testing.T) {
	const n = 500
	src := make([]Heading, n)
	dst := make([]Heading, n+1)
	dst[0] = Heading{Level: 1, Text: "Extra"}
	for i := range n {
		src[i] = Heading{Level: 2, Text: fmt.Sprintf("Heading  number %d", i)}
		dst[i+1] = Heading{Level: 2, Text: fmt.Sprintf("heading number %d ", i)}
	}
	var match []int
	allocs := testing.AllocsPerRun(1, func() { match, _ = Align(src, dst) })
	if max := 4.0 * (2*n + 1); allocs > max {
		t.Errorf("Align made %.0f allocations, want at most %.0f", allocs, max)
	}
	// Every heading is tied by its text.
	for i := range n {
		if match[i+1] != i {
			t.Fatalf("heading %d matched %d, want %d", i+1, match[i+1], i)
		}
	}
}

func BenchmarkAlign(b *testing.B) {
	for _, n := range []int{100, 500} {
		src := make([]Heading, n)
		dst := make([]Heading, n+1)
		dst[0] = Heading{Level: 1, Text: "Extra"}
		for i := range n {
			src[i] = Heading{Level: 2, Text: fmt.Sprintf("Heading %d", i)}
			dst[i+1] = Heading{Level: 2, Text: fmt.Sprintf("Kop %d", i)}
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				Align(src, dst)
			}
		})
	}
}
