package admonition_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown/mdtest"
	"github.com/guidegen/guidegen/internal/markdown/nesting"
)

// nested returns depth admonitions, each in the body of the one before.
func nested(depth int) string {
	var b strings.Builder
	for i := range depth {
		b.WriteString(strings.Repeat("    ", i) + "!!! note\n")
	}
	b.WriteString(strings.Repeat("    ", depth) + "x\n")
	return b.String()
}

func TestNestingLimit(t *testing.T) {
	for _, tt := range []struct {
		depth    int
		problems []string
	}{
		{nesting.Max, nil},
		{nesting.Max + 1, []string{"101:401: admonition nested deeper than 100 levels"}},
		{nesting.Max + 50, []string{"101:401: admonition nested deeper than 100 levels"}},
	} {
		got, d := mdtest.Render(t, mdtest.New(), nested(tt.depth))
		if p := mdtest.Problems(d); !slices.Equal(p, tt.problems) {
			t.Errorf("depth %d: problems %q, want %q", tt.depth, p, tt.problems)
		}
		if n := strings.Count(got, `<div class="admonition note">`); n != nesting.Max {
			t.Errorf("depth %d: %d admonitions rendered, want %d", tt.depth, n, nesting.Max)
		}
	}
}
