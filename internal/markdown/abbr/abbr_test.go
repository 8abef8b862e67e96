package abbr_test

import (
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/abbr"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
	"github.com/guidegen/guidegen/internal/markdown/mdtext"
)

func testGlossary(t testing.TB) *abbr.Glossary {
	t.Helper()
	src, err := os.ReadFile("testdata/glossary.txt")
	if err != nil {
		t.Fatal(err)
	}
	g, err := abbr.ParseGlossary("testdata/glossary.txt", src)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func newMarkdown(g *abbr.Glossary) *markdown.Markdown {
	return mdtest.New(func(o *markdown.Options) {
		o.Glossary = g
	})
}

func TestGolden(t *testing.T) {
	mdtest.Golden(t, newMarkdown(testGlossary(t)))
}

func TestStructure(t *testing.T) {
	m := newMarkdown(testGlossary(t))
	tests := []struct {
		name, src string
		want      []string // substrings, in order
		not       []string
	}{
		{"basic", "E2EE\n", []string{`<p><abbr title="End-to-end encryption">E2EE</abbr></p>`}, nil},
		{"title escaped", "GDPR\n", []string{`<abbr title="Regulation (EU) 2016/679, the &quot;&lt;GDPR&gt;&quot;">GDPR</abbr>`}, nil},
		{"term escaped", "R&D\n", []string{`<abbr title="Research &amp; development">R&amp;D</abbr>`}, nil},
		{"longest first", "E2EE E2\n", []string{`>E2EE</abbr>`, `<abbr title="Shorter term that E2EE must win over">E2</abbr>`}, nil},
		{"definition at the end", "SSB\n\n*[SSB]: Secure Scuttlebutt\n",
			[]string{`<p><abbr title="Secure Scuttlebutt">SSB</abbr></p>` + "\n"}, []string{"*["}},
		{"definition right after a paragraph line", "SSB\n*[SSB]: Secure Scuttlebutt\n",
			[]string{`<p><abbr title="Secure Scuttlebutt">SSB</abbr></p>` + "\n"}, []string{"*[", "<p></p>"}},
		{"consecutive definitions", "A1 B2\n\n*[A1]: a\n*[B2]: b\n   *[C3]: c\n",
			[]string{`<abbr title="a">A1</abbr> <abbr title="b">B2</abbr>`}, []string{"*[", "C3"}},
		{"definition before use", "*[SSB]: Secure Scuttlebutt\n\nSSB\n", []string{`<abbr title="Secure Scuttlebutt">SSB</abbr>`}, []string{"*["}},
		{"page overrides glossary", "E2EE\n\n*[E2EE]: Mine\n", []string{`<abbr title="Mine">E2EE</abbr>`}, []string{"End-to-end"}},
		{"later definition wins", "X1\n\n*[X1]: one\n*[X1]: two\n", []string{`<abbr title="two">X1</abbr>`}, nil},
		{"empty expansion removes", "E2EE PFS QR\n\n*[E2EE]:\n*[PFS]: \"\"\n*[QR]: ''\n", []string{"<p>E2EE PFS QR</p>"}, []string{"<abbr"}},
		{"removal keeps other terms", "E2EE 2FA\n\n*[E2EE]:\n", []string{"E2EE ", `<abbr title="Two-factor authentication">2FA</abbr>`}, nil},
		{"space before the colon", "X1\n\n*[X1] : one\n", []string{`<abbr title="one">X1</abbr>`}, nil},
		{"empty term is text", "*[]: nothing\n", []string{"<p>*[]: nothing</p>"}, nil},
		{"no colon is text", "*[X1] one\n", []string{"<p>*[X1] one</p>"}, nil},
		{"four spaces is code", "    *[X1]: one\n\nX1\n", []string{"<pre><code>*[X1]: one", "<p>X1</p>"}, []string{"<abbr"}},
		{"definition in a list item", "- X1\n\n  *[X1]: one\n", []string{`<li>`, `<abbr title="one">X1</abbr>`}, []string{"*["}},
		{"definition in a quote", "> X1\n> *[X1]: one\n", []string{`<blockquote>`, `<abbr title="one">X1</abbr>`}, []string{"*["}},
		{"definition in fenced code is code", "```\n*[X1]: one\n```\n\nX1\n", []string{"*[X1]: one", "<p>X1</p>"}, []string{"<abbr"}},
		{"emphasis is not a definition", "*[X1]: one* X1\n", nil, nil},
		{"link text but not URL", "[E2EE](https://e.org/E2EE)\n", []string{`<a href="https://e.org/E2EE"><abbr title="End-to-end encryption">E2EE</abbr></a>`}, nil},
		{"image alt untouched", "![E2EE](e.png)\n", []string{`alt="E2EE"`}, []string{"<abbr"}},
		{"code span untouched", "`E2EE`\n", []string{"<code>E2EE</code>"}, []string{"<abbr"}},
		{"raw code", "<code>E2EE</code> E2EE\n", []string{"<code>E2EE</code> <abbr"}, nil},
		{"unclosed raw code", "<code>E2EE *PFS*\n\nE2EE\n", []string{"<p><code>E2EE <em>PFS</em></p>", "<p><abbr"}, nil},
		{"hand-written abbr", `<abbr title="mine">E2EE</abbr>` + "\n", []string{`<p><abbr title="mine">E2EE</abbr></p>`}, nil},
		{"entity not split", "&amp; amp\n", []string{`&amp; <abbr title="Amplifier">amp</abbr>`}, nil},
		{"escape not split", "\\*E2EE\\*\n", []string{`*<abbr title="End-to-end encryption">E2EE</abbr>*`}, nil},
		{"soft break kept after a term at the end of a line", "E2EE\nnext\n", []string{"E2EE</abbr>\nnext"}, nil},
		{"hard break kept", "E2EE  \nnext\n", []string{"E2EE</abbr><br>\nnext"}, nil},
		// Terms are found while inlines are parsed, before attribute
		// lists are cut from the end of their blocks.
		{"term in a heading's attribute list", "## About E2EE { #E2EE title=\"PFS E2EE\" }\n",
			[]string{`<h2 id="E2EE" title="PFS E2EE"`, `About <abbr title="End-to-end encryption">E2EE</abbr>`, "</h2>"}, []string{"{", "PFS</abbr>"}},
		{"term in a paragraph's attribute list", "Uses E2EE.\n{ title=\"E2EE\" .PFS }\n",
			[]string{`<p class="PFS" title="E2EE">Uses <abbr title="End-to-end encryption">E2EE</abbr>.</p>`}, []string{"{", "</abbr></abbr>"}},
		{"attribute list of its own", "- E2EE\n\n{ .E2EE }\n", []string{`<ul class="E2EE">`, `<abbr`}, []string{"{", "<p"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, d := mdtest.Render(t, m, tt.src)
			rest := got
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("missing (in order) %q in\n%s", w, got)
				}
				rest = rest[i+len(w):]
			}
			for _, n := range tt.not {
				if strings.Contains(got, n) {
					t.Errorf("unexpected %q in\n%s", n, got)
				}
			}
			if p := mdtest.Problems(d); len(p) > 0 {
				t.Errorf("problems: %v", p)
			}
		})
	}
}

// The id and the table of contents text come from the plain text, which
// the abbreviation keeps.
func TestHeading(t *testing.T) {
	m := newMarkdown(testGlossary(t))
	got, d := mdtest.Render(t, m, "## E2EE basics\n\n## Why PFS\n")
	for _, want := range []string{
		`<h2 id="e2ee-basics"><abbr title="End-to-end encryption">E2EE</abbr> basics`,
		`<h2 id="why-pfs">Why <abbr title="Perfect forward secrecy">PFS</abbr>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
	if len(d.Headings) != 2 || d.Headings[0].Text != "E2EE basics" || d.Headings[1].Text != "Why PFS" {
		t.Errorf("headings: %+v", d.Headings)
	}
	if p := mdtext.Plain(d.Headings[0].Node, d.Source); p != "E2EE basics" {
		t.Errorf("plain text %q", p)
	}
}

func TestNode(t *testing.T) {
	m := newMarkdown(testGlossary(t))
	d := m.Parse("test.md", "", []byte("Use E2EE\nnow.\n"))
	p := d.Root.FirstChild()
	var nodes []*abbr.Node
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		if n, ok := c.(*abbr.Node); ok {
			nodes = append(nodes, n)
		}
	}
	if len(nodes) != 1 || nodes[0].Term != "E2EE" || nodes[0].Title != "End-to-end encryption" {
		t.Fatalf("nodes: %+v", nodes)
	}
	if got := mdtext.Plain(p, d.Source); got != "Use E2EE now." {
		t.Errorf("plain text %q", got)
	}
	if got := d.NodePos(nodes[0]); got.Line != 1 || got.Col != 5 {
		t.Errorf("position %v", got)
	}
}

func TestNilGlossary(t *testing.T) {
	m := newMarkdown(nil)
	got, _ := mdtest.Render(t, m, "E2EE SSB\n\n*[SSB]: Secure Scuttlebutt\n")
	if want := `<p>E2EE <abbr title="Secure Scuttlebutt">SSB</abbr></p>` + "\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	got, _ = mdtest.Render(t, m, "E2EE\n")
	if got != "<p>E2EE</p>\n" {
		t.Errorf("got %q", got)
	}
}

// Page definitions stay in their page: pages parsed at the same time with
// one pipeline do not see each other's terms.
func TestConcurrentPages(t *testing.T) {
	m := newMarkdown(testGlossary(t))
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			for range 20 {
				var src, want string
				if i%2 == 0 {
					src, want = "E2EE X1\n\n*[X1]: mine\n", `<p><abbr title="End-to-end encryption">E2EE</abbr> <abbr title="mine">X1</abbr></p>`+"\n"
				} else {
					src, want = "E2EE X1\n\n*[E2EE]: other\n", `<p><abbr title="other">E2EE</abbr> X1</p>`+"\n"
				}
				d := m.Parse("p.md", "", []byte(src))
				var b markdown.Buffer
				if err := m.Render(&b, d); err != nil {
					t.Error(err)
					return
				}
				if b.String() != want {
					t.Errorf("got %q, want %q", b.String(), want)
					return
				}
			}
		})
	}
	wg.Wait()
}
