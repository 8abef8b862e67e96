package units_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/units"
)

const page = `---
title: T
---

Intro line one
  line two with ` + "`code`" + `
and a hard break\
here.

## First { #one }

- item *one*
- item two
  continued

  second paragraph of item two

| A | B |
|---|---|
| cell [x](y) | two |

!!! note "A title"

    Body of the note
    on two lines.

> quoted
> text

Text with a note[^n].
{ .lead }

[^n]: The note
    goes on.

Setext heading
--------------
`

func split(t *testing.T, src string) []*units.Unit {
	t.Helper()
	md := markdown.New(markdown.Options{Locale: "en"})
	d := md.Parse("a.md", "", []byte(src))
	return units.Split(d.Root, d.Source, len(d.Source))
}

func TestSplit(t *testing.T) {
	var got []string
	for _, u := range split(t, page) {
		got = append(got, fmt.Sprintf("%s %s %v %q", u.Key, u.Kind, u.Prose, u.Text))
	}
	want := []string{
		`top/p1 paragraph true "Intro line one line two with ` + "`code`" + ` and a hard break\\\nhere."`,
		`one/h heading false "First"`,
		`one/li1 list item true "item *one*"`,
		`one/li2 list item true "item two continued"`,
		`one/li3 list item true "second paragraph of item two"`,
		`one/td1 table cell false "A"`,
		`one/td2 table cell false "B"`,
		`one/td3 table cell true "cell [x](y)"`,
		`one/td4 table cell true "two"`,
		`one/title admonition title true "A title"`,
		`one/p1 paragraph true "Body of the note on two lines."`,
		`one/p2 paragraph true "quoted text"`,
		`one/p3 paragraph true "Text with a note[^n]."`,
		`fn:n/p1 footnote true "The note goes on."`,
		`setext-heading/h heading true "Setext heading"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("units:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestReplace: a new text takes the place of the old, its line breaks
// indented as the unit's lines are; the rest of the page stays, and so
// does its skeleton.
func TestReplace(t *testing.T) {
	us := split(t, page)
	out := string(units.Replace([]byte(page), us, map[string]string{
		"one/p1":  "Tekst van de notitie\\\nmet een harde regelovergang.",
		"one/li2": "punt twee",
		"one/h":   "Eerste",
		"one/p2":  "geciteerd\\\nmet twee regels",
		"one/p3":  "Tekst met een voetnoot[^n].",
	}))
	for _, want := range []string{
		"## Eerste { #one }\n",
		"- punt twee\n\n  second paragraph",
		"    Tekst van de notitie\\\n    met een harde regelovergang.\n",
		"> geciteerd\\\n> met twee regels\n",
		"Tekst met een voetnoot[^n].\n{ .lead }\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if units.Skeleton([]byte(out), split(t, out)) != units.Skeleton([]byte(page), us) {
		t.Errorf("the skeleton changed:\n%s", out)
	}
	if got := units.Replace([]byte(page), us, nil); string(got) != page {
		t.Errorf("Replace without texts changed the page")
	}
}

// TestKeysSurviveEdits: a paragraph added in one section leaves the keys
// of the other sections alone.
func TestKeysSurviveEdits(t *testing.T) {
	before := split(t, page)
	after := split(t, strings.Replace(page, "## First { #one }\n", "A new paragraph.\n\n## First { #one }\n", 1))
	keys := func(us []*units.Unit) map[string]string {
		m := map[string]string{}
		for _, u := range us {
			m[u.Key] = u.Text
		}
		return m
	}
	b, a := keys(before), keys(after)
	for k, v := range b {
		if k != "top/p1" && a[k] != v {
			t.Errorf("%s: %q, was %q", k, a[k], v)
		}
	}
	if a["top/p2"] != "A new paragraph." {
		t.Errorf("top/p2 = %q", a["top/p2"])
	}
}

func TestSame(t *testing.T) {
	if !units.Same("a  b\nc", " a b c ") || units.Same("a b", "a c") {
		t.Error("Same")
	}
}

// TestReplaceWraps: a new text for a unit written on several lines is
// wrapped at units.Width, never before a word that would start a block;
// one for a unit on one line stays on one line.
func TestReplaceWraps(t *testing.T) {
	us := split(t, page)
	long := strings.Repeat("woord ", 20) + "- 1. # > " + strings.Repeat("lang ", 20) + "einde."
	out := string(units.Replace([]byte(page), us, map[string]string{"one/p1": long, "one/li1": long}))
	lines := strings.Split(out, "\n")
	var wrapped int
	for _, l := range lines {
		if strings.HasPrefix(l, "    woord") || strings.HasPrefix(l, "    lang") || strings.HasPrefix(l, "    - 1.") {
			wrapped++
			if len(l) > units.Width {
				t.Errorf("line longer than %d: %q", units.Width, l)
			}
		}
		if t2 := strings.TrimLeft(l, " "); strings.HasPrefix(t2, "# >") || strings.HasPrefix(t2, "1. #") || strings.HasPrefix(t2, "> ") && strings.HasPrefix(l, "    ") {
			t.Errorf("a line starts a block: %q", l)
		}
	}
	if wrapped < 3 {
		t.Errorf("the note's paragraph was not wrapped:\n%s", out)
	}
	if !strings.Contains(out, "- "+long+"\n") {
		t.Errorf("the one-line list item was wrapped:\n%s", out)
	}
	if again := split(t, out); units.Skeleton([]byte(out), again) != units.Skeleton([]byte(page), us) {
		t.Errorf("the skeleton changed:\n%s", out)
	}
}

func TestReplaceCRLF(t *testing.T) {
	src := strings.ReplaceAll(page, "\n", "\r\n")
	us := split(t, src)
	out := string(units.Replace([]byte(src), us, map[string]string{"one/p1": "Een\\\nnotitie"}))
	if !strings.Contains(out, "    Een\\\r\n    notitie\r\n") || strings.Count(out, "\n") != strings.Count(out, "\r\n") {
		t.Errorf("CRLF lost:\n%q", out)
	}
}
