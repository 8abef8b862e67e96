package inlinefmt_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"

	"github.com/guidegen/guidegen/internal/htmlcheck"
	"github.com/guidegen/guidegen/internal/markdown/inlinefmt"
)

// TestWorkIsLinear: on paragraphs built to make delimiter matching slow
// (deep nesting, floods of openers, then closers of another kind, long
// runs, many lookaheads for a closing "~"), the steps taken grow linearly
// with the size: ten times the input costs at most ten times the steps
// (plus a little).
func TestWorkIsLinear(t *testing.T) {
	shapes := map[string]func(n int) string{
		"nested": func(n int) string { return strings.Repeat("==a ^^b ~~c ", n) + "d" + strings.Repeat(" e~~ f^^ g==", n) },
		"openers then closers of another kind": func(n int) string {
			return strings.Repeat("==a ", n) + strings.Repeat("b^^ ", n) + strings.Repeat("c~~ ", n)
		},
		"closers only":  func(n int) string { return strings.Repeat("a== b^^ c~~ d^ e~ ", n) },
		"openers only":  func(n int) string { return strings.Repeat("==a ^^b ~~c ^d ~e ", n) },
		"pairs":         func(n int) string { return strings.Repeat("H~2~O 2^10^ ==m== ", n) },
		"long runs":     func(n int) string { return strings.Repeat("~~~~~ ^^^^^ ===== ", n) },
		"lookaheads":    func(n int) string { return "~" + strings.Repeat("a~b ", n) },
		"one open many": func(n int) string { return "==x " + strings.Repeat("^^y ", n) + strings.Repeat("z== ", n) },
	}
	for name, shape := range shapes {
		t.Run(name, func(t *testing.T) {
			small, large := work(t, shape(200)), work(t, shape(2000))
			if large > 10*small+100 {
				t.Errorf("200 repetitions: %d steps, 2000: %d (more than linear)", small, large)
			}
		})
	}
}

// work converts src with the three extensions and returns their steps.
func work(t *testing.T, src string) int {
	t.Helper()
	var w int
	md := goldmark.New(goldmark.WithExtensions(inlinefmt.Mark.Counting(&w), inlinefmt.Caret.Counting(&w), inlinefmt.Tilde.Counting(&w)))
	var b bytes.Buffer
	if err := md.Convert([]byte(src), &b); err != nil {
		t.Fatal(err)
	}
	if err := htmlcheck.WellFormed(b.String()); err != nil {
		t.Fatal(err)
	}
	return w
}
