package directive_test

import (
	"os"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/directive"
	"github.com/guidegen/guidegen/internal/guidedata"
	"github.com/guidegen/guidegen/internal/htmlcheck"
	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

const fixture = "../../testdata/sites/cards"

// env returns the cards fixture's vocabulary and English page data, and
// the page's body.
func env(t testing.TB) (directive.Env, string) {
	vocab, err := guidedata.LoadVocabulary(os.DirFS(fixture))
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(fixture + "/content/en/messengers.md")
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.SplitN(strings.TrimPrefix(string(src), "---\n"), "\n---\n", 2)
	data := &guidedata.Data{}
	if err := yaml.Unmarshal([]byte(parts[0]), data); err != nil {
		t.Fatal(err)
	}
	if err := data.Check(vocab, true, nil, func(...string) diag.Pos { return diag.Pos{} }); err != nil {
		t.Fatal(err)
	}
	return directive.Env{
		Vocab: vocab,
		Data:  data,
		T:     func(id string, _ ...any) (string, error) { return id, nil },
		Pages: []directive.PageData{{Path: "messengers.md", Data: data}},
	}, parts[1]
}

// inTree reports whether n hangs from root.
func inTree(n, root ast.Node) bool {
	for ; n != nil; n = n.Parent() {
		if n == root {
			return true
		}
	}
	return false
}

// FuzzResolve: whatever the page around them, cards and directives placed
// from data leave a tree that renders the same twice as well-formed HTML,
// every card in it, every problem at a position of the file.
func FuzzResolve(f *testing.F) {
	e, body := env(f)
	for _, s := range []string{
		body, "!!! recommendation signal\n    x\n", "- !!! recommendation signal\n      x\n",
		"<div markdown>\n\n!!! recommendation session\n    x\n\n</div>\n", "> {% matrix %}\n", "{% matrix %}\n{% matrix %}\n",
		"x[^a]\n\n{% matrix %}\n\n[^a]: a\n", "!!! note\n    {% criteria best %}\n    {% threat mass_surveillance %}\n",
		"??? recommendation signal\n???+ recommendation session\n", "!!! alternative signal\n", "{% threats %}\n{% nope %}\n{% matrix\n",
		"!!! recommendation signal\n    !!! recommendation session\n        x\n", "1. {% criteria minimum %}\n   !!! recommendation signal\n",
	} {
		f.Add(s)
	}
	m := mdtest.New(func(o *markdown.Options) { o.NoRawHTML = true })
	f.Fuzz(func(t *testing.T, src string) {
		d := m.Parse("fuzz.md", "", []byte(src))
		res := directive.Resolve(d, m, e)
		for _, c := range res.Cards {
			if !inTree(c.Node, d.Root) {
				t.Fatalf("card %s is not in the tree", c.ID)
			}
		}
		for _, p := range res.Problems {
			if p.Offset < 0 || p.Offset > len(src) {
				t.Fatalf("problem %q at %d, outside the file", p.Msg, p.Offset)
			}
		}
		for _, p := range d.Problems {
			if p.Pos.Line < 1 || p.Pos.Col < 1 {
				t.Fatalf("problem without a position: %v", p)
			}
		}
		var a, b markdown.Buffer
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
	})
}

// TestResolveNested: cards and directives are placed wherever they sit.
func TestResolveNested(t *testing.T) {
	e, _ := env(t)
	m := mdtest.New()
	src := "<div markdown>\n\n!!! recommendation signal\n    Body.\n\n</div>\n\n- item\n\n    {% criteria minimum %}\n\n!!! note\n    !!! recommendation session\n        Body.\n"
	d := m.Parse("p.md", "", []byte(src))
	res := directive.Resolve(d, m, e)
	if len(res.Problems) > 0 || len(res.Cards) != 2 {
		t.Fatalf("problems %v, cards %v", res.Problems, res.Cards)
	}
	var b markdown.Buffer
	if err := m.Render(&b, d); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	for _, want := range []string{
		`<div>` + "\n" + `<div class="admonition recommendation">`, "<p>Body.</p>", `<li>requirement.open_source_clients</li>`,
		`<div class="admonition note">`, `card.homepage`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("no %s in\n%s", want, html)
		}
	}
	if strings.Contains(html, "{%") || strings.Contains(html, "recommendation signal") {
		t.Errorf("a line left in place:\n%s", html)
	}
}
