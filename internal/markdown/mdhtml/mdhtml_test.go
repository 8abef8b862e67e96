package mdhtml_test

import (
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

func TestGolden(t *testing.T) {
	mdtest.Golden(t, mdtest.New())
}

func TestMarkdownAttributeDropped(t *testing.T) {
	got, _ := mdtest.Render(t, mdtest.New(), "<div class=\"admonition warning\" markdown>\n*x*\n</div>\n")
	if strings.Contains(got, "markdown") {
		t.Errorf("markdown attribute reached the output:\n%s", got)
	}
	if !strings.Contains(got, "<div class=\"admonition warning\">\n<p><em>x</em></p>\n</div>") {
		t.Errorf("got\n%s", got)
	}
}

func TestUnclosed(t *testing.T) {
	_, d := mdtest.Render(t, mdtest.New(), "Intro.\n\n<details class=\"downloads\" markdown>\n- item\n")
	got := strings.Join(mdtest.Problems(d), "\n")
	if want := "3:1: <details markdown> is not closed: add a line with </details>"; got != want {
		t.Errorf("problems %q, want %q", got, want)
	}
}

func TestNotContainers(t *testing.T) {
	for src, want := range map[string]string{
		// inline HTML stays inline; CommonMark parses the text between;
		// the markdown attribute is dropped everywhere
		"<span markdown>*x*</span>\n":           "<p><span><em>x</em></span></p>\n",
		"<pre markdown>\n*x*\n</pre>\n":         "<pre>\n*x*\n</pre>\n",
		"<div>no markdown attribute</div>\n":    "<div>no markdown attribute</div>\n",
		"<div data-markdownish>\n*x*\n</div>\n": "<div data-markdownish>\n*x*\n</div>\n",
		"    <div markdown>\n":                  "<pre><code>&lt;div markdown&gt;\n</code></pre>\n",
	} {
		got, d := mdtest.Render(t, mdtest.New(), src)
		if got != want || len(d.Problems) > 0 {
			t.Errorf("%q rendered as\n%s\nwant\n%s", src, got, want)
		}
	}
}
