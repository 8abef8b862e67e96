package mdunits_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
	"github.com/guidegen/guidegen/internal/markdown/mdunits"
	"github.com/guidegen/guidegen/internal/sitegen"
)

// oraclePages are the bundled guide's pages, English and Dutch, and
// generated pages with cards, tables, footnotes and lists.
func oraclePages(t testing.TB) []string {
	files, _ := filepath.Glob("../../../content/*/*/*.md")
	more, _ := filepath.Glob("../../../content/*/*.md")
	var out []string
	for _, f := range append(files, more...) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(src))
	}
	if len(out) < 10 {
		t.Fatalf("%d guide pages", len(out))
	}
	for _, p := range sitegen.Pages(sitegen.Options{Pages: 40, Translated: 0.5, Seed: 3}) {
		out = append(out, p.Source)
	}
	return out
}

// oracleSeeds are small pages with every kind of block and inline node
// the canonical form writes.
var oracleSeeds = []string{
	"a *b* **c** ***d*** _e_ ~~f~~ `g  h` <https://x.org> [i](j \"k\n l\") ![m](n)\n",
	"x[^1] :octicons-gear-16: y\\\nz  \nw\n\n[^1]: note\n",
	"- [x] done\n- [ ] todo\n\n1. a\n2. b\n\n3) c\n",
	"!!! recommendation signal\n\n    Text *here*.\n\n    - item\n\n??? alternative x \"T\"\n    body\n",
	"!!! note \"Title\"\n    inside\n\n!!! warning\n    no title\n",
	"<div markdown class=\"x\" id='y'>\n\n*md* in html\n\n</div>\n\n<section>\nraw\n</section>\n",
	"```go {.x}\ncode  \n\n  more\t\n```\n\n    indented\n\n---\n\n> q\n> r\n",
	"| a | b |\n|:--|--:|\n| `c` | *d* |\n| | e |\n\n{% matrix %}\n\nTerm\n:   Def\n",
	"## H { #id .c k=v }\n\nP\n{ .p lang=en }\n\n*[E2EE]: End\n\nE2EE a<span>b</span>\n",
	" lead \u00a0 é  café\u2003x\n\n\t\n",
	"a hard break  \n{ .x }\n\n# Heading\\\n",
	"",
}

// TestDigestOracle: Digest, which writes canonical forms straight to its
// buffer, gives the digests of refDigest, which built each form apart,
// for the guide's pages, generated pages and small pages of every kind
// of node; also when skip leaves some blocks out.
func TestDigestOracle(t *testing.T) {
	m := mdtest.New()
	for i, src := range append(oraclePages(t), oracleSeeds...) {
		checkDigest(t, m, src, i)
	}
}

// FuzzDigestOracle is TestDigestOracle for any page.
func FuzzDigestOracle(f *testing.F) {
	for _, s := range oracleSeeds {
		f.Add(s)
	}
	m := mdtest.New()
	f.Fuzz(func(t *testing.T, src string) { checkDigest(t, m, src, 0) })
}

func checkDigest(t *testing.T, m *markdown.Markdown, src string, i int) {
	t.Helper()
	d := m.Parse("p.md", "", []byte(src))
	if got, want := mdunits.Digest(d.Root, d.Source, nil), mdunits.RefDigest(d.Root, d.Source, nil); got != want {
		t.Errorf("page %d %.80q: digest %x, oracle %x", i, src, got, want)
	}
	// Leave out what starts in the second half of the page.
	half := func(off int) bool { return off > len(src)/2 }
	if got, want := mdunits.Digest(d.Root, d.Source, half), mdunits.RefDigest(d.Root, d.Source, half); got != want {
		t.Errorf("page %d %.80q, second half skipped: digest %x, oracle %x", i, src, got, want)
	}
}
