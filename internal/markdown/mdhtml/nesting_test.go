package mdhtml_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"

	"github.com/guidegen/guidegen/internal/markdown/mdhtml"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
	"github.com/guidegen/guidegen/internal/markdown/nesting"
)

// nested returns depth <tag markdown> containers, one in the other, around
// a paragraph.
func nested(tag string, depth int) string {
	var b strings.Builder
	for range depth {
		fmt.Fprintf(&b, "<%s markdown>\n", tag)
	}
	b.WriteString("x\n")
	for range depth {
		fmt.Fprintf(&b, "</%s>\n", tag)
	}
	return b.String()
}

// mixed returns depth containers, alternately a <div markdown> and an
// admonition (whose body is indented by four more spaces).
func mixed(depth int) string {
	var b strings.Builder
	indent := ""
	var closing []string
	for i := range depth {
		if i%2 == 0 {
			b.WriteString(indent + "<div markdown>\n")
			closing = append(closing, indent+"</div>\n")
		} else {
			b.WriteString(indent + "!!! note\n")
			indent += "    "
		}
	}
	b.WriteString(indent + "x\n")
	for i := len(closing) - 1; i >= 0; i-- {
		b.WriteString(closing[i])
	}
	return b.String()
}

func TestNestingLimit(t *testing.T) {
	const tooDeep = "Markdown-in-HTML nested deeper than 100 levels"
	tests := []struct {
		name, src string
		problems  []string
		divs      int // containers parsed
	}{
		{"at the limit", nested("div", nesting.Max), nil, nesting.Max},
		{"one too deep", nested("div", nesting.Max+1), []string{"101:1: " + tooDeep}, nesting.Max},
		{"5,000 deep, reported once", nested("div", 5000), []string{"101:1: " + tooDeep}, nesting.Max},
		{"details", nested("details", nesting.Max+1), []string{"101:1: " + tooDeep}, 0},
		// Admonitions count: the 101st container is the 51st <div>,
		// inside 50 admonitions (200 columns of indentation).
		{"through admonitions", mixed(nesting.Max + 1), []string{"101:201: " + tooDeep}, 0},
		{"through admonitions at the limit", mixed(nesting.Max), nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, d := mdtest.Render(t, mdtest.New(), tt.src)
			if p := mdtest.Problems(d); !slices.Equal(p, tt.problems) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(p, "\n"), strings.Join(tt.problems, "\n"))
			}
			if tt.divs > 0 {
				// Lines past the limit are plain HTML blocks, which
				// render as <div> too (the markdown attribute dropped):
				// count the containers in the tree.
				n := 0
				_ = ast.Walk(d.Root, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
					if _, ok := c.(*mdhtml.Container); ok && entering {
						n++
					}
					return ast.WalkContinue, nil
				})
				if n != tt.divs {
					t.Errorf("%d containers parsed, want %d", n, tt.divs)
				}
				if strings.Contains(got, "markdown") {
					t.Errorf("a markdown attribute in the output")
				}
			}
		})
	}
}

// BenchmarkNested parses and renders containers nested 100, 1,000 and
// 5,000 deep. Beyond the limit, the time per line stays the same (ns/line):
// the work is linear in the size of the page.
func BenchmarkNested(b *testing.B) {
	for _, depth := range []int{100, 1000, 5000} {
		b.Run(fmt.Sprint(depth), func(b *testing.B) {
			m := mdtest.New()
			src := nested("div", depth)
			lines := strings.Count(src, "\n")
			b.ReportAllocs()
			for b.Loop() {
				mdtest.Render(b, m, src)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(lines), "ns/line")
		})
	}
}
