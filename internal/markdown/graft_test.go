package markdown_test

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"

	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

// TestGraft: a fragment parsed into a page renders with it, its problems
// and links stand at the place it was grafted for, the file's bytes are
// left alone, and its footnotes are numbered with the page's.
func TestGraft(t *testing.T) {
	m := mdtest.New()
	file := []byte("# Page\n\nFirst[^a].\n\nHERE\n\nLast[^b].\n\n[^a]: A.\n[^b]: B.\n")
	orig := string(file)
	d := m.Parse("p.md", "", file)
	here := strings.Index(orig, "HERE")
	frag := m.Graft(d, here, []byte("Generated[^g] [x](other.md).\n\n!!! nosuchtype\n\n[^g]: G.\n"))
	var placeholder ast.Node
	for n := d.Root.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Kind() == ast.KindParagraph && strings.Contains(string(n.(*ast.Paragraph).Lines().Value(d.Source)), "HERE") {
			placeholder = n
		}
	}
	for c := frag.FirstChild(); c != nil; {
		next := c.NextSibling()
		d.Root.InsertBefore(d.Root, placeholder, c)
		c = next
	}
	d.Root.RemoveChild(d.Root, placeholder)
	d.Finish()

	if string(file) != orig {
		t.Error("Graft changed the file's bytes")
	}
	if !strings.HasPrefix(string(d.Source), orig) || !d.Generated(len(orig)+1) || d.Generated(here) {
		t.Errorf("Source %q: the file, then the fragment", d.Source)
	}
	var ps []string
	for _, p := range d.Problems {
		ps = append(ps, p.Error())
	}
	if len(ps) != 1 || !strings.HasPrefix(ps[0], "p.md:5:1: ") {
		t.Errorf("problems %q, want one at p.md:5:1", ps)
	}
	if len(d.Refs) != 1 || d.Pos(d.Refs[0].Offset).Line != 5 {
		t.Errorf("refs %+v, want the fragment's link, at line 5", d.Refs)
	}
	var b markdown.Buffer
	if err := m.Render(&b, d); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	for i, want := range []string{`First<sup id="fnref:1">`, `Generated<sup id="fnref:2">`, `Last<sup id="fnref:3">`, `<li id="fn:1">`, `A.`, `<li id="fn:2">`, `G.`, `<li id="fn:3">`, `B.`} {
		j := strings.Index(html, want)
		if j < 0 {
			t.Fatalf("%d: no %s in\n%s", i, want, html)
		}
		html = html[j:]
	}
	for _, id := range []string{"fn:1", "fn:2", "fn:3", "fnref:2"} {
		if !d.HasAnchor(id) {
			t.Errorf("no anchor %s", id)
		}
	}
}
