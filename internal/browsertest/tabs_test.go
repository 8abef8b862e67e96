package browsertest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp/kb"

	"github.com/guidegen/guidegen"
	"github.com/guidegen/guidegen/internal/build"
	"github.com/guidegen/guidegen/internal/sitefs"
)

// tabsPage is a page of content tabs: a set of three, a set with long
// labels that cannot fit a phone, and a set nested in a tab with an
// admonition.
var tabsPage = "---\ntitle: Tabs\ndescription: Content tabs.\n---\n\n## Install\n\n" +
	"=== \"Linux\"\n    Install from your distribution.\n\n=== \"Windows\"\n    Run the installer.\n\n=== \"macOS\"\n    Drag it to *Applications*.\n\n" +
	"## Long labels\n\n" + func() string {
	var b strings.Builder
	for i := range 8 {
		fmt.Fprintf(&b, "=== \"A rather long tab label %d\"\n    Body %d.\n\n", i+1, i+1)
	}
	return b.String()
}() +
	"## Nested\n\n===! \"Outer one\"\n    === \"Inner one\"\n        !!! note\n            Inside.\n\n    === \"Inner two\"\n        Second inner.\n\n=== \"Outer two\"\n    Outer body.\n"

// tabsSite builds the basic fixture site (its base URL's path is /docs/)
// with the tabs page into the served directory, at /docs/.
func tabsSite(t *testing.T, e *env) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dir, os.DirFS("../../testdata/sites/basic")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "en", "tabs.md"), []byte(tabsPage), 0o644); err != nil {
		t.Fatal(err)
	}
	site, err := sitefs.Open(dir, guidegen.Bundled())
	if err != nil {
		t.Fatal(err)
	}
	defer site.Close()
	out := filepath.Join(e.out, "docs")
	if _, err := os.Stat(out); err == nil {
		return // built by an earlier run of the test (-count)
	}
	if _, err := build.Run(build.Options{Site: site, Out: out}); err != nil {
		t.Fatal(err)
	}
}

// TestContentTabs switches content tabs with the mouse and the keyboard
// at a phone and a desktop width, in both colour schemes: CSS alone shows
// the block of the checked tab, arrow keys move between the tabs of a set
// (and only that set), the focused tab's label has a visible focus ring,
// labels that do not fit scroll inside their set and never the page, and
// axe-core finds nothing.
func TestContentTabs(t *testing.T) {
	e := setup(t)
	tabsSite(t, e)
	for _, width := range []int64{phoneWidth, desktopWidth} {
		for _, scheme := range []string{"light", "dark"} {
			tb := e.newTab(t, width, scheme)
			tb.open("/docs/tabs/")
			at := fmt.Sprintf("%d px, %s", width, scheme)
			shown := func() string {
				return eval[string](tb, `Array.prototype.map.call(document.querySelectorAll(".tabbed-block"), function (b) { return b.checkVisibility() ? "1" : "0"; }).join("")`)
			}
			// Blocks in document order: set 1 (3), set 2 (8), set 3 (2, with set 4 (2) in its first).
			if got, want := shown(), "100"+"10000000"+"1"+"10"+"0"; got != want {
				t.Errorf("%s: blocks shown on load %s, want %s", at, got, want)
			}
			for _, v := range eval[[]violation](tb, axeRun) {
				t.Errorf("%s: axe %s (%s, %d elements): %s\n\t%s", at, v.ID, v.Impact, v.Count, v.Help, strings.Join(v.Nodes, "\n\t"))
			}
			if d := eval[int](tb, overflow); d > 0 {
				t.Errorf("%s: the page scrolls sideways by %d px", at, d)
			}
			eval[bool](tb, `document.querySelector('label[for="__tabbed_1_2"]').click(), true`)
			if got, want := shown(), "010"+"10000000"+"1"+"10"+"0"; got != want {
				t.Errorf("%s: blocks shown after a click on Windows %s, want %s", at, got, want)
			}
			tb.tabTo(`input[name="__tabbed_1"]`, 40)
			tb.key(kb.ArrowRight)
			if got, want := shown(), "001"+"10000000"+"1"+"10"+"0"; got != want {
				t.Errorf("%s: blocks shown after → %s, want %s", at, got, want)
			}
			if got := eval[string](tb, `document.activeElement.id + " " + getComputedStyle(document.querySelector('label[for="__tabbed_1_3"]')).outlineStyle`); got != "__tabbed_1_3 solid" {
				t.Errorf("%s: focus and the label's outline: %q, want the third tab focused with a solid outline", at, got)
			}
			// The outer set of the nested ones switches without touching the inner one.
			// (The inner blocks are hidden with the outer one.)
			eval[bool](tb, `document.querySelector('label[for="__tabbed_3_2"]').click(), true`)
			if got, want := shown(), "001"+"10000000"+"0"+"00"+"1"; got != want {
				t.Errorf("%s: blocks shown after a click on Outer two %s, want %s", at, got, want)
			}
			if !eval[bool](tb, `document.getElementById("__tabbed_4_1").checked`) {
				t.Errorf("%s: the inner set lost its tab", at)
			}
			// The long labels scroll inside their set on a phone, where
			// their region is a tab stop; the first set's, which fit,
			// are not.
			type stops struct {
				Scrolls bool   `json:"scrolls"`
				Stops   string `json:"stops"`
			}
			got := eval[stops](tb, `(function () {
  var ls = document.querySelectorAll(".tabbed-labels");
  return {scrolls: ls[1].scrollWidth > ls[1].clientWidth,
    stops: Array.prototype.map.call(ls, function (l) { return l.hasAttribute("tabindex") ? "1" : "0"; }).join("")};
})()`)
			if width == phoneWidth && (!got.Scrolls || got.Stops != "0100") {
				t.Errorf("%s: labels %+v, want the long ones scrolling, a tab stop (0100)", at, got)
			}
			if d := eval[int](tb, overflow); d > 0 {
				t.Errorf("%s: the page scrolls sideways by %d px", at, d)
			}
			tb.checkClean()
		}
	}
}
