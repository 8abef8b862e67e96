package icons_test

import (
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

func TestGolden(t *testing.T) {
	mdtest.Golden(t, mdtest.New())
}

// TestHeadingID shows that an icon adds nothing to a heading's id or to
// the table of contents.
func TestHeadingID(t *testing.T) {
	m := mdtest.New()
	got, d := mdtest.Render(t, m, "## :simple-android: Android downloads\n")
	if !strings.Contains(got, `id="android-downloads"`) {
		t.Errorf("heading id: %s", got)
	}
	if !strings.Contains(got, "<svg") {
		t.Errorf("no icon: %s", got)
	}
	if toc := markdown.TOC(d.Headings, 2, 3); len(toc) != 1 || toc[0].Text != "Android downloads" {
		t.Errorf("toc = %+v", toc)
	}
}

// TestPlainLeavesShortcodes: without the dialect, shortcodes stay text.
func TestPlainLeavesShortcodes(t *testing.T) {
	m := mdtest.New(func(o *markdown.Options) { o.Plain = true })
	got, _ := mdtest.Render(t, m, ":octicons-home-16:\n")
	if !strings.Contains(got, ":octicons-home-16:") {
		t.Errorf("got %s", got)
	}
}

func FuzzIcons(f *testing.F) {
	mdtest.Fuzz(f, ":gear:", ":polar_bear:{ .lg .middle }", "10:30:00 :+1::-1:", ":octicons-home-16:", "[:simple-github:](x){ title=\"a\" }", ":material-check:{ .ok title='yes' }", "::octicons-home-16::", ":simple-nope:")
}

// TestUnknownIconsBounded: a page of many unknown icons stays text, with a
// warning each, and only the first ones get a (costly) suggestion.
func TestUnknownIconsBounded(t *testing.T) {
	src := strings.Repeat(":material-nope: ", 500)
	got, d := mdtest.Render(t, mdtest.New(), src)
	if strings.Count(got, ":material-nope:") != 500 || len(d.Problems) != 500 {
		t.Fatalf("%d literal, %d problems", strings.Count(got, ":material-nope:"), len(d.Problems))
	}
	suggested := 0
	for _, p := range d.Problems {
		if strings.Contains(p.Msg, "did you mean") {
			suggested++
		}
	}
	if suggested != 20 {
		t.Errorf("%d suggestions, want 20", suggested)
	}
}
