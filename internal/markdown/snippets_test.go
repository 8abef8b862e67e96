package markdown_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
	"github.com/guidegen/guidegen/internal/markdown/snippets"
)

// TestSnippetPositions: a problem found while parsing text that a snippet
// included names the included file, line and column; one in the page
// after the snippet names the page.
func TestSnippetPositions(t *testing.T) {
	o := &snippets.Options{FS: fstest.MapFS{
		"includes/box.md": {Data: []byte("Intro.\n\n!!! notte\n    x\n")},
	}}
	m := mdtest.New(func(opts *markdown.Options) { opts.Snippets = o })
	got, d := mdtest.Render(t, m, "# Page\n\n- item\n\n    --8<-- \"box.md\"\n\n!!! zzz\n    y\n")
	var probs []string
	for _, p := range d.Problems {
		probs = append(probs, p.Pos.String()+": "+p.Msg[:strings.IndexByte(p.Msg, '"')])
	}
	want := []string{"includes/box.md:3:5: unknown admonition type ", "test.md:7:5: unknown admonition type "}
	if !slices.Equal(probs, want) {
		t.Errorf("problems\n%s\nwant\n%s", strings.Join(probs, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(got, "<li>\n<p>item</p>\n<p>Intro.</p>\n<div class=\"admonition notte\">") {
		t.Errorf("the snippet is not in the list item:\n%s", got)
	}
	if !slices.Equal(d.Includes, []string{"includes/box.md"}) {
		t.Errorf("Includes = %v", d.Includes)
	}
}
