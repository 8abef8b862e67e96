package tabs_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown/mdtest"
	"github.com/guidegen/guidegen/internal/markdown/nesting"
)

func TestGolden(t *testing.T) {
	mdtest.Golden(t, mdtest.New())
}

// TestMaterialStructure checks a set against the markup pymdownx.tabbed
// writes with alternate_style (its test suite's expected HTML, with
// HTML5 void inputs and the labels' region a tab stop).
func TestMaterialStructure(t *testing.T) {
	got, d := mdtest.Render(t, mdtest.New(), "=== \"Tab\"\n    Some *content*\n\n=== \"Another Tab\"\n    Some more content.\n")
	want := `<div class="tabbed-set tabbed-alternate" data-tabs="1:2"><input checked="checked" id="__tabbed_1_1" name="__tabbed_1" type="radio"><input id="__tabbed_1_2" name="__tabbed_1" type="radio"><div class="tabbed-labels" tabindex="0"><label for="__tabbed_1_1">Tab</label><label for="__tabbed_1_2">Another Tab</label></div>
<div class="tabbed-content">
<div class="tabbed-block">
<p>Some <em>content</em></p>
</div>
<div class="tabbed-block">
<p>Some more content.</p>
</div>
</div>
</div>
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if p := mdtest.Problems(d); len(p) > 0 {
		t.Errorf("problems: %v", p)
	}
}

// TestIDsUniquePerDocument checks that every set of a page has its own
// ids, and that another page starts again at 1.
func TestIDsUniquePerDocument(t *testing.T) {
	m := mdtest.New()
	src := "=== \"a\"\n    x\n\n===! \"b\"\n    === \"c\"\n        y\n\n=== \"d\"\n    z\n"
	for range 2 {
		got, _ := mdtest.Render(t, m, src)
		for _, want := range []string{`data-tabs="1:1"`, `data-tabs="2:2"`, `data-tabs="3:1"`, `id="__tabbed_2_2"`, `for="__tabbed_3_1"`} {
			if !strings.Contains(got, want) {
				t.Errorf("missing %s in\n%s", want, got)
			}
		}
		if strings.Contains(got, "__tabbed_4") {
			t.Errorf("a fourth set in\n%s", got)
		}
	}
}

func TestTooManyTabs(t *testing.T) {
	var b strings.Builder
	for i := range 21 {
		b.WriteString("=== \"t" + strings.Repeat("x", i) + "\"\n    x\n\n")
	}
	_, d := mdtest.Render(t, mdtest.New(), b.String())
	want := []string{"1:1: content tab set has 21 tabs: the theme shows at most 20 per set (warning)"}
	if p := mdtest.Problems(d); !slices.Equal(p, want) {
		t.Errorf("problems %q, want %q", p, want)
	}
}

// nested returns depth tabs, each in the body of the one before.
func nested(depth int) string {
	var b strings.Builder
	for i := range depth {
		b.WriteString(strings.Repeat("    ", i) + "=== \"t\"\n")
	}
	b.WriteString(strings.Repeat("    ", depth) + "x\n")
	return b.String()
}

// TestNestingLimit checks that tabs meet the nesting limit, and so that
// the work of a page (the tabs rendered) does not grow past it.
func TestNestingLimit(t *testing.T) {
	for _, tt := range []struct {
		depth    int
		problems []string
	}{
		{nesting.Max, nil},
		{nesting.Max + 1, []string{"101:401: content tab nested deeper than 100 levels"}},
		{nesting.Max * 20, []string{"101:401: content tab nested deeper than 100 levels"}},
	} {
		got, d := mdtest.Render(t, mdtest.New(), nested(tt.depth))
		if p := mdtest.Problems(d); !slices.Equal(p, tt.problems) {
			t.Errorf("depth %d: problems %q, want %q", tt.depth, p, tt.problems)
		}
		if n := strings.Count(got, `<div class="tabbed-block">`); n != nesting.Max {
			t.Errorf("depth %d: %d tabs rendered, want %d", tt.depth, n, nesting.Max)
		}
	}
}

func TestMixedNestingLimit(t *testing.T) {
	// Tabs and admonitions count together.
	var b strings.Builder
	for i := range nesting.Max + 1 {
		marker := "=== \"t\"\n"
		if i%2 == 1 {
			marker = "!!! note\n"
		}
		b.WriteString(strings.Repeat("    ", i) + marker)
	}
	_, d := mdtest.Render(t, mdtest.New(), b.String())
	if p := mdtest.Problems(d); len(p) != 1 || !strings.Contains(p[0], "nested deeper than 100 levels") {
		t.Errorf("problems %q", p)
	}
}
