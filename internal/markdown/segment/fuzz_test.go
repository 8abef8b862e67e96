package segment_test

import (
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/htmlcheck"
	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

// FuzzTranslation parses nl as a translation of en: it must not panic,
// must render well-formed HTML with unique heading ids (but for ids set by
// hand twice), and must mark at
// least every identical segment; a page parsed as its own translation has
// every segment identical.
func FuzzTranslation(f *testing.F) {
	f.Add(english, strings.ReplaceAll(english, "Minimum requirements", "Minimale eisen"))
	f.Add("## A\n\n## A\n\ntext here\n", "## B { #a_1 }\n\n## a\n\ntext here\n")
	f.Add("- one item\n    - nested item\n", "- one item\n    - genest\n\n| x | y |\n|---|---|\n| a b | c d |\n")
	f.Add("# T\n\n!!! note\n    body text\n", "# T { lang=en }\n\n??? note \"titel\"\n    body text\n")
	en := mdtest.New(func(o *markdown.Options) { o.NoRawHTML = true })
	nl := mdtest.New(func(o *markdown.Options) { o.NoRawHTML = true; o.Locale = "nl" })
	f.Fuzz(func(t *testing.T, a, b string) {
		src := en.Parse("en.md", "", []byte(a))
		source := markdown.SourceOf(src, "en")
		for _, tr := range []struct {
			text string
			same bool
		}{{b, false}, {a, true}} {
			d := nl.ParseInput(markdown.Input{File: "nl.md", Src: []byte(tr.text), Source: source})
			var h1, h2 markdown.Buffer
			if err := nl.Render(&h1, d); err != nil {
				t.Fatal(err)
			}
			if err := nl.Render(&h2, d); err != nil {
				t.Fatal(err)
			}
			out := h1.String()
			if out != h2.String() {
				t.Fatal("rendering twice gave different HTML")
			}
			if err := htmlcheck.WellFormed(out); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			// Ids set by hand may repeat (the author's doing); no other may.
			ids := map[string]int{}
			for _, h := range d.Headings {
				ids[h.ID]++
			}
			for _, h := range d.Headings {
				if !h.Explicit && ids[h.ID] > 1 {
					t.Fatalf("heading id %q %d times", h.ID, ids[h.ID])
				}
			}
			identical := 0
			for _, s := range d.Segments {
				if s.Identical {
					identical++
				} else if tr.same {
					t.Fatalf("a page parsed as its own translation has a segment that differs at %d", s.Offset)
				}
			}
			if n := strings.Count(out, ` lang="en"`); n < identical {
				t.Fatalf("%d identical segments, %d marked", identical, n)
			}
		}
	})
}
