package content

import (
	"strings"
	"testing"
)

// TestItems: a list of items gives back each item, of any length (its
// length in one byte of the uvarint or in more).
func TestItems(t *testing.T) {
	var items []string
	for _, n := range []int{0, 1, 5, 127, 128, 129, 255, 300, 16383, 16384, 70000, 0} {
		items = append(items, strings.Repeat(string(rune('a'+n%26)), n))
	}
	var list []byte
	for _, it := range items {
		list = appendItem(list, it)
	}
	rest := string(list)
	for i, want := range items {
		if rest == "" {
			t.Fatalf("list ends before item %d", i)
		}
		var got string
		got, rest = nextItem(rest)
		if got != want {
			t.Fatalf("item %d: %d bytes %.10q..., want %d bytes %.10q...", i, len(got), got, len(want), want)
		}
	}
	if rest != "" {
		t.Errorf("%d bytes left after the last item", len(rest))
	}
}
