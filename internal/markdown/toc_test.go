package markdown

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown/headingid"
	"github.com/yuin/goldmark/ast"
)

// oracleTOC is TOC as it was before it made its entries at once.
func oracleTOC(hs []headingid.Heading, minLevel, maxLevel int) []*TOCEntry {
	var roots []*TOCEntry
	var stack []*TOCEntry
	for _, h := range hs {
		if h.Level < minLevel || h.Level > maxLevel {
			continue
		}
		e := &TOCEntry{ID: h.ID, Text: h.Text, Level: h.Level}
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

// TestTOCOracle compares TOC with oracleTOC on random heading levels
// (some headings with a lang attribute) and level ranges.
func TestTOCOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 500 {
		var hs []headingid.Heading
		for j := range rng.IntN(12) {
			h := headingid.Heading{Level: 1 + rng.IntN(6), ID: fmt.Sprint("h", j), Text: fmt.Sprint("Heading ", j)}
			if rng.IntN(4) == 0 {
				h.Node = ast.NewHeading(h.Level)
				h.Node.SetAttributeString("lang", []byte("nl"))
			}
			hs = append(hs, h)
		}
		lo := 1 + rng.IntN(6)
		hi := lo + rng.IntN(7-lo)
		if got, want := TOC(hs, lo, hi), oracleTOC(hs, lo, hi); !reflect.DeepEqual(got, want) {
			t.Fatalf("case %d, levels %d..%d: TOC differs from the oracle", i, lo, hi)
		}
	}
}

// TestTOCAllocs: a table of contents is made in two allocations (its
// entries and its lists), plus one for a lang that its headings share.
func TestTOCAllocs(t *testing.T) {
	levels := []int{2, 3, 3, 4, 2, 3, 2, 4, 4, 3, 2}
	var hs []headingid.Heading
	for i, l := range levels {
		h := headingid.Heading{Level: l, ID: fmt.Sprint("h", i), Text: "Heading"}
		if i%2 == 0 {
			h.Node = ast.NewHeading(l)
			h.Node.SetAttributeString("lang", []byte("nl"))
		}
		hs = append(hs, h)
	}
	if got := testing.AllocsPerRun(100, func() { TOC(hs, 2, 4) }); got > 3 {
		t.Errorf("TOC allocates %v times, want at most 3", got)
	}
}
