package admonition_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

func TestGolden(t *testing.T) {
	mdtest.Golden(t, mdtest.New())
}

func TestStructure(t *testing.T) {
	m := mdtest.New()
	tests := []struct {
		name, src string
		want      []string // substrings, in order
		not       []string
	}{
		{"dedent closes without a blank line", "!!! note\n    inside\noutside\n",
			[]string{`<div class="admonition note">`, `<p>inside</p>`, `</div>`, `<p>outside</p>`}, nil},
		{"blank lines keep it open", "!!! note\n    one\n\n\n    two\n",
			[]string{`<p>one</p>`, `<p>two</p>`, `</div>`}, []string{"</div>\n<p>two"}},
		{"nested collapsible inside a card", "!!! recommendation\n    text\n\n    ??? downloads \"Downloads\"\n        - a\n",
			[]string{`<div class="admonition recommendation">`, `<details class="downloads">`, `<summary>Downloads</summary>`, `<li>a</li>`, `</details>`, `</div>`},
			[]string{"admonition-title"}},
		{"open details", "???+ note\n    x\n", []string{`<details class="note" open>`, `<summary>Note</summary>`}, nil},
		{"empty title in details gets an empty summary", "??? note \"\"\n    x\n", []string{`<details class="note">`, `<summary></summary>`}, nil},
		{"marker inside a paragraph is text", "para\n!!! note\n    x\n", []string{`<div class="admonition note">`}, nil},
		{"indented four spaces is code", "    !!! note\n", []string{`<pre><code>!!! note`}, []string{`admonition`}},
		{"not a marker", "!!!\n\n!!! \"only a title\"\n", []string{`<p>!!!</p>`}, []string{`admonition`}},
		{"admonition in a list item", "- item\n\n    !!! tip\n        x\n", []string{`<li>`, `<div class="admonition tip">`, `<p>x</p>`}, nil},
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

func TestUnknownType(t *testing.T) {
	m := mdtest.New()
	_, d := mdtest.Render(t, m, "Intro.\n\n!!! recomendation\n    x\n\n!!! zzzz \"T\"\n    y\n\n- item\n\n    ??? notte\n        z\n")
	got := mdtest.Problems(d)
	want := []string{
		`3:5: unknown admonition type "recomendation" (did you mean "recommendation"?)`,
		`6:5: unknown admonition type "zzzz" (known types: note, abstract, info, tip, success, question, warning, failure, danger, bug, example, quote, recommendation, downloads, alternative, summary, tldr, todo, hint, important, check, done, help, faq, caution, attention, fail, missing, error, cite)`,
		`11:9: unknown admonition type "notte" (did you mean "note"?)`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestLocalizedDefaultTitle(t *testing.T) {
	nl := mdtest.New(func(o *markdown.Options) {
		o.Locale = "nl"
		o.Strings = func(id string, _ ...any) string {
			return map[string]string{"admonition.warning": "Waarschuwing", "admonition.downloads": "Downloaden"}[id]
		}
	})
	got, _ := mdtest.Render(t, nl, "!!! warning\n    x\n\n??? downloads\n    y\n\n!!! bug\n    z\n")
	for _, want := range []string{
		`<p class="admonition-title">Waarschuwing</p>`,
		`<summary>Downloaden</summary>`,
		`<p class="admonition-title">Bug</p>`, // no translation: the type name, capitalized
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
}

// TestDefaultTitleLang: a default title whose UI string fell back to
// another language says so on its element; a translated one and a written
// one do not.
func TestDefaultTitleLang(t *testing.T) {
	m := markdown.New(markdown.Options{
		Locale:  "nl",
		Strings: mdtest.Strings,
		StringLang: func(id string) string {
			if id == "admonition.tip" {
				return "en" // as if nl.yaml lacked it
			}
			return ""
		},
		Icons: mdtest.Icons(),
	})
	got, _ := mdtest.Render(t, m, "!!! tip\n    x\n\n??? tip\n    x\n\n!!! note\n    x\n\n!!! tip \"Eigen titel\"\n    x\n")
	for _, want := range []string{
		`<p class="admonition-title" lang="en">Tip</p>`,
		`<summary lang="en">Tip</summary>`,
		`<p class="admonition-title">Note</p>`,
		`<p class="admonition-title">Eigen titel</p>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %s:\n%s", want, got)
		}
	}
}
