package headingid

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// parse parses a page, as a translation of a page with headings src when
// src is not nil, and returns its headings and alignment.
func parse(page string, src []Heading) ([]Heading, *Alignment) {
	md := goldmark.New(goldmark.WithExtensions(Extension), goldmark.WithParserOptions(parser.WithAttribute()))
	pc := parser.NewContext(parser.WithIDs(NewIDs()))
	if src != nil {
		WithSource(pc, src)
	}
	md.Parser().Parse(text.NewReader([]byte(page)), parser.WithContext(pc))
	return Headings(pc), GetAlignment(pc)
}

// checkIDs fails when an id that was not set by hand is empty or is used
// by another heading.
func checkIDs(t *testing.T, hs []Heading) {
	t.Helper()
	count := map[string]int{}
	for _, h := range hs {
		count[h.ID]++
	}
	for i, h := range hs {
		if !h.Explicit && (h.ID == "" || count[h.ID] > 1) {
			t.Fatalf("heading %d %q has id %q, used %d times", i, h.Text, h.ID, count[h.ID])
		}
	}
}

// FuzzAlign parses a source page and a translation, seeded with the
// bundled guide's pages and their Dutch translations. Every heading gets
// an id no other heading has (but ids set by hand twice); a page aligned
// with itself gets its own ids; a translation's aligned headings keep the
// source order and levels and take their source heading's id.
func FuzzAlign(f *testing.F) {
	pages, _ := filepath.Glob("../../../content/en/*.md")
	more, _ := filepath.Glob("../../../content/en/*/*.md")
	for _, en := range append(pages, more...) {
		nl := strings.Replace(en, "/en/", "/nl/", 1)
		a, err := os.ReadFile(en)
		if err != nil {
			f.Fatal(err)
		}
		b, _ := os.ReadFile(nl)
		f.Add(string(a), string(b))
	}
	if len(pages) == 0 {
		f.Fatal("no seed pages")
	}
	f.Add("# A\n## B\n## B\n### C {#b}\n", "# A\n## B {#b}\n## X\n### C\n")
	f.Add("## x_1\n## x\n## x\n", "## x\n## x\n## x_1\n")
	f.Fuzz(func(t *testing.T, source, translation string) {
		src, a := parse(source, nil)
		if a != nil {
			t.Fatal("an alignment without a source")
		}
		checkIDs(t, src)

		// Aligned with itself, a page gets its own ids.
		self, a := parse(source, src)
		if a == nil || a.Mismatch || len(a.Conflicts) > 0 || len(self) != len(src) {
			t.Fatalf("aligned with itself: %+v", a)
		}
		for i := range self {
			if self[i].ID != src[i].ID || a.Match[i] != i {
				t.Fatalf("heading %d: id %q aligned with itself, %q alone; match %d", i, self[i].ID, src[i].ID, a.Match[i])
			}
		}

		tr, a := parse(translation, src)
		checkIDs(t, tr)
		if a == nil || len(a.Match) != len(tr) || len(a.Source) != len(src) {
			t.Fatalf("alignment %+v of %d headings with %d", a, len(tr), len(src))
		}
		last := -1
		for i, j := range a.Match {
			if j < 0 {
				continue
			}
			if j <= last || j >= len(src) {
				t.Fatalf("match %v is not an ordered pairing with %d headings", a.Match, len(src))
			}
			last = j
			if tr[i].Level != src[j].Level {
				t.Fatalf("h%d %q aligned with h%d %q", tr[i].Level, tr[i].Text, src[j].Level, src[j].Text)
			}
			if !tr[i].Explicit && tr[i].ID != src[j].ID {
				t.Fatalf("heading %q aligned with %q has id %q, not %q", tr[i].Text, src[j].Text, tr[i].ID, src[j].ID)
			}
		}
		if len(a.Unmatched())+a.Aligned() != len(src) {
			t.Fatalf("%d aligned and %d unmatched of %d source headings", a.Aligned(), len(a.Unmatched()), len(src))
		}
	})
}
