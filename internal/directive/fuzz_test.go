package directive_test

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen/internal/directive"
	"github.com/guidegen/guidegen/internal/guidedata"
	"github.com/guidegen/guidegen/internal/markdown/frontmatter"
)

// page is a page of the bundled guide with data: its body and its data.
type page struct {
	body []byte
	data *guidedata.Data
}

func readPage(f *testing.F, name string) page {
	src, err := os.ReadFile(name)
	if err != nil {
		f.Fatal(err)
	}
	fm := frontmatter.Locate(src)
	var d guidedata.Data
	if err := yaml.Unmarshal(fm.YAML, &d); err != nil {
		f.Fatal(err)
	}
	return page{src[fm.End:], &d}
}

var cardLine = regexp.MustCompile(`(?m)^[ \t]*(!!!|\?\?\?\+?)[ \t]+recommendation[ \t]`)

// FuzzExpand expands arbitrary Markdown with the data of the guide's
// comparison page and UI strings (every one the same arbitrary text of
// one line), seeded with the guide's pages. Text without directives or
// cards comes back as it is; otherwise every offset of the output maps
// into the source, in order, and text not generated is the source's;
// problems and cards are at offsets of the source; the data's text never
// adds a line of its own.
func FuzzExpand(f *testing.F) {
	vocab, err := guidedata.LoadVocabulary(os.DirFS("../.."))
	if err != nil {
		f.Fatal(err)
	}
	en := readPage(f, "../../content/en/real-time-communication.md")
	nl := readPage(f, "../../content/nl/real-time-communication.md")
	f.Add(en.body, "Signal")
	f.Add(nl.body, "<script>alert(1)</script> | } \" & ]]")
	for _, name := range []string{"../../content/en/index.md", "../../content/nl/alternatives.md"} {
		f.Add(readPage(f, name).body, "x")
	}
	f.Add([]byte("{% criteria minimum %}\n```\n{% matrix %}\n```\n    {% threats %}\n!!! recommendation signal\n    Body\n{%%}\n"), "*a*")
	f.Fuzz(func(t *testing.T, src []byte, text string) {
		// Line breaks in UI strings are another matter (and one for the
		// escaping of generated Markdown): one line here.
		text = strings.NewReplacer("\n", " ", "\r", " ").Replace(text)
		expand := func(text string) *directive.Result {
			return directive.Expand(src, directive.Env{
				Vocab: vocab,
				Data:  en.data,
				T:     func(string, ...any) (string, error) { return text, nil },
				Dir:   "guides",
			})
		}
		res := expand(text)
		if !bytes.Contains(src, []byte("{%")) && !cardLine.Match(src) {
			if !bytes.Equal(res.Src, src) || res.Map != nil || len(res.Problems) > 0 || len(res.Cards) > 0 {
				t.Fatalf("text without directives changed: %q, %d problems", res.Src, len(res.Problems))
			}
			return
		}
		for _, p := range res.Problems {
			if p.Offset < 0 || p.Offset > len(src) || p.Msg == "" {
				t.Fatalf("problem at %d of %d: %q", p.Offset, len(src), p.Msg)
			}
		}
		for _, c := range res.Cards {
			if c.Offset < 0 || c.Offset > len(src) || (c.Offset > 0 && src[c.Offset-1] != '\n') || en.data.Recommendations[c.ID] == nil {
				t.Fatalf("card %q at %d, not at the start of a line", c.ID, c.Offset)
			}
		}
		last := 0
		for off := range res.Src {
			o := res.Map.Origin(off)
			if o < last || o > len(src) {
				t.Fatalf("output offset %d maps to %d (after %d, source of %d)", off, o, last, len(src))
			}
			last = o
			if !res.Map.Generated(off) && (o >= len(src) || res.Src[off] != src[o]) {
				t.Fatalf("output offset %d is copied, but from %d", off, o)
			}
		}
		if plain := expand("x"); len(res.Problems) == 0 && bytes.Count(res.Src, []byte("\n")) != bytes.Count(plain.Src, []byte("\n")) {
			t.Fatalf("the UI strings %q add lines:\n%s", text, res.Src)
		}
	})
}
