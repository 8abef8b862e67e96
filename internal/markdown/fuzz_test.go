package markdown

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/htmlcheck"
)

func addSeeds(f *testing.F) {
	files, _ := filepath.Glob("testdata/render/*.md")
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(string(b))
		}
	}
	for _, s := range []string{
		"", "---", "---\n", "---\n---\n", "---\ntitle: x\n", "\uFEFF---\na: b\n---\n# h",
		"# a\n# a\n# a_1\n", "## { #x }\n", "[a](b.md#c)\n![i](../x.png)\n[f](#g)\n",
		"a[^1] b[^1]\n\n[^1]: n\n", "| a | b |\n|:-|-:|\n| 1 | 2 |\n", "<https://x.org> www.x.org ~~s~~ - [ ] t\n",
		"\r\n\r\n## CRLF\r\n", "# Privé-berichten\n",
		"Term\n:   def\n\nT2\n\n:   loose\n", "==m== ^^i^^ H~2~O 2^10^ ++ctrl+c++\n", "- [x] a\n  - [ ] b\n",
	} {
		f.Add(s)
	}
}

// FuzzPipeline parses and renders arbitrary input with raw HTML turned
// off: it must not panic, must give the same HTML twice, and the HTML must
// be well formed.
func FuzzPipeline(f *testing.F) {
	addSeeds(f)
	m := New(Options{Locale: "en", Strings: testStrings, NoRawHTML: true})
	f.Fuzz(func(t *testing.T, src string) {
		d := m.Parse("fuzz.md", "", []byte(src))
		var a, b Buffer
		if err := m.Render(&a, d); err != nil {
			t.Fatal(err)
		}
		if err := m.Render(&b, d); err != nil {
			t.Fatal(err)
		}
		if a.String() != b.String() {
			t.Fatal("rendering twice gave different HTML")
		}
		if err := htmlcheck.WellFormed(a.String()); err != nil {
			t.Fatalf("%v\n%s", err, a.String())
		}
		if want := idMap(collectAnchors(d.Root, nil)); !maps.Equal(idMap(d.anchors), want) {
			t.Fatalf("anchors %v, collected without the headings %v", idMap(d.anchors), want)
		}
		for _, h := range d.Headings {
			if h.ID == "" || !d.HasAnchor(h.ID) {
				t.Fatalf("heading %q has id %q", h.Text, h.ID)
			}
		}
		for _, r := range d.Refs {
			if p := d.Pos(r.Offset); p.Line < 1 || p.Col < 1 {
				t.Fatalf("link position %v", p)
			}
		}
	})
}

// FuzzFrontMatter checks that the front matter found is text of the file,
// starting right after the opening line.
func FuzzFrontMatter(f *testing.F) {
	addSeeds(f)
	m := newTest()
	f.Fuzz(func(t *testing.T, src string) {
		d := m.Parse("fuzz.md", "", []byte(src))
		fm := d.FrontMatter
		if fm == nil {
			return
		}
		body := strings.TrimPrefix(src, "\uFEFF")
		first, rest, _ := strings.Cut(body, "\n")
		if strings.TrimRight(first, " \t\r") != "---" {
			t.Fatalf("front matter found without an opening --- line: %q", src)
		}
		if !strings.HasPrefix(rest, string(fm.YAML)) {
			t.Fatalf("front matter %q is not the text after the opening line of %q", fm.YAML, src)
		}
	})
}
