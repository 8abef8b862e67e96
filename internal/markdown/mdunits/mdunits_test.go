package mdunits_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"

	"github.com/guidegen/guidegen/internal/markdown/mdtest"
	"github.com/guidegen/guidegen/internal/markdown/mdunits"
)

const page = `# Choosing a messenger

A messenger protects what you say
only when **both** ends use it.

- first *point*
- second point, see [the list](https://example.org/)

1. one
2. two

| Name | What it does |
| ---- | ------------ |
| Signal | sends messages |

!!! warning "Read this first"
    Keep your phone up to date.

!!! note
    A note with a default title.

` + "```sh\necho hi   \n```\n" + `
{% matrix %}
`

func digest(t *testing.T, src string) [32]byte {
	t.Helper()
	m := mdtest.New()
	d := m.Parse("p.md", "", []byte(src))
	return mdunits.Digest(d.Root, d.Source, nil)
}

func TestList(t *testing.T) {
	m := mdtest.New()
	d := m.Parse("p.md", "", []byte(page))
	var got []string
	for _, u := range mdunits.List(d.Root, d.Source, nil) {
		got = append(got, fmt.Sprintf("%d %s | %s | %s", d.Pos(u.Offset).Line, u.Path, u.Markdown, u.Canon))
	}
	want := []string{
		"1 heading 1 | Choosing a messenger | Choosing a messenger",
		"3 paragraph | A messenger protects what you say only when **both** ends use it. | A messenger protects what you say only when **both** ends use it.",
		"6 list/item/list item | first *point* | first *point*",
		`7 list/item/list item | second point, see [the list](https://example.org/) | second point, see [the list](https://example.org/ "")`,
		"9 ordered list 1/item/list item | one | one",
		"10 ordered list 1/item/list item | two | two",
		"12 Table/TableHeader/table cell | Name | Name",
		"12 Table/TableHeader/table cell | What it does | What it does",
		"14 Table/TableRow/table cell | Signal | Signal",
		"14 Table/TableRow/table cell | sends messages | sends messages",
		"16 admonition warning/admonition title | Read this first | Read this first",
		"17 admonition warning/paragraph | Keep your phone up to date. | Keep your phone up to date.",
		"20 admonition note/paragraph | A note with a default title. | A note with a default title.",
		"23 code block | sh\necho hi | sh\necho hi",
		"26 directive | {% matrix %} | {% matrix %}",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("units:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestDigest(t *testing.T) {
	base := digest(t, page)
	same := []struct{ name, from, to string }{
		{"rewrapped paragraph", "protects what you say\nonly when", "protects\nwhat you say only when"},
		{"trailing blanks", "ends use it.\n", "ends use it. \n"},
		{"list markers", "- first *point*\n- second", "* first *point*\n* second"},
		{"plus markers", "- first *point*\n- second", "+ first *point*\n+ second"},
		{"ordered markers", "1. one\n2. two", "1) one\n2) two"},
		{"ordered numbers", "1. one\n2. two", "1. one\n1. two"},
		{"emphasis markers", "first *point*", "first _point_"},
		{"strong markers", "**both**", "__both__"},
		{"code trailing blanks", "echo hi   \n", "echo hi\n"},
		{"table padding", "| Signal | sends messages |", "|Signal|sends   messages|"},
		{"reference link", "see [the list](https://example.org/)\n", "see [the list][l]\n\n[l]: https://example.org/\n"},
		{"setext heading", "# Choosing a messenger\n", "Choosing a messenger\n====================\n"},
	}
	for _, tc := range same {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(page, tc.from, tc.to, 1)
			if src == page {
				t.Fatalf("%q is not in the page", tc.from)
			}
			if digest(t, src) != base {
				t.Errorf("the digest changed")
			}
		})
	}
	changed := []struct{ name, from, to string }{
		{"word", "protects what", "guards what"},
		{"emphasis", "**both**", "both"},
		{"hard break", "say\nonly", "say  \nonly"},
		{"link", "https://example.org/", "https://example.net/"},
		{"ordered start", "1. one\n2. two", "3. one\n4. two"},
		{"list kind", "1. one\n2. two", "- one\n- two"},
		{"admonition type", "!!! warning", "!!! danger"},
		{"admonition title", "Read this first", "Read this"},
		{"code", "echo hi", "echo ho"},
		{"directive", "{% matrix %}", "{% threats %}"},
		{"heading level", "# Choosing", "## Choosing"},
		{"attribute list", "# Choosing a messenger\n", "# Choosing a messenger { #choose }\n"},
	}
	for _, tc := range changed {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(page, tc.from, tc.to, 1)
			if src == page {
				t.Fatalf("%q is not in the page", tc.from)
			}
			if digest(t, src) == base {
				t.Errorf("the digest did not change")
			}
		})
	}
}

// TestLines: a unit's lines are the ranges of its text, without the
// markers around it.
func TestLines(t *testing.T) {
	src := "> - first line\n>   second line\n\n## A heading { #h }\n"
	m := mdtest.New()
	d := m.Parse("p.md", "", []byte(src))
	var got []string
	for _, u := range mdunits.List(d.Root, d.Source, nil) {
		var parts []string
		for _, r := range u.Lines {
			parts = append(parts, strings.TrimRight(src[r[0]:r[1]], "\n"))
		}
		got = append(got, strings.Join(parts, "|"))
	}
	if want := []string{"first line|second line", "A heading { #h }"}; strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("lines %q, want %q", got, want)
	}
}

// TestNode: every unit names the block it was read from, the one whose
// lines are its Lines.
func TestNode(t *testing.T) {
	m := mdtest.New()
	d := m.Parse("p.md", "", []byte(page))
	us := mdunits.List(d.Root, d.Source, nil)
	if len(us) == 0 {
		t.Fatal("no units")
	}
	for _, u := range us {
		if u.Node == nil {
			t.Errorf("%s at %d: no node", u.Path, u.Offset)
			continue
		}
		if u.Node.Type() != ast.TypeBlock {
			t.Errorf("%s at %d: node %s is not a block", u.Path, u.Offset, u.Node.Kind())
		}
		if ls := u.Node.Lines(); u.Kind != mdunits.Directive && (ls.Len() != len(u.Lines) || ls.Len() > 0 && ls.At(0).Start != u.Lines[0][0]) {
			t.Errorf("%s at %d: node %s has other lines", u.Path, u.Offset, u.Node.Kind())
		}
	}
}
