package highlight_test

import (
	"bytes"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown/highlight"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

// FuzzHighlight renders fenced code and inline code through the whole
// pipeline: no panic, the same HTML twice, well-formed HTML.
func FuzzHighlight(f *testing.F) {
	mdtest.Fuzz(f, "```py title=\"a\" linenums=\"1\" hl_lines=\"1-2\"\nx\ny\n```\n", "``` { .go #x .y }\nfunc\n```", "`#!python print()`", "``#!sh a`b``", "```mermaid\n<b>\n```")
}

// FuzzParseInfo checks the info string parser alone: no panic, a
// language without spaces, line numbers within the limits.
func FuzzParseInfo(f *testing.F) {
	for _, s := range []string{"py", `py title="a.py" linenums="1" hl_lines="2 3"`, `{ .py #id title='x' }`, `py {hl_lines="1-5"}`, `{`, `py hl_lines="1-999999"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		in := highlight.ParseInfo([]byte(s))
		if bytes.ContainsAny([]byte(in.Lang), " \t{") {
			t.Fatalf("language %q", in.Lang)
		}
		if in.LineStart < 0 || len(in.Highlight) > 1000 {
			t.Fatalf("%d, %d lines", in.LineStart, len(in.Highlight))
		}
		for _, l := range in.Highlight {
			if l < 1 {
				t.Fatalf("line %d", l)
			}
		}
	})
}
