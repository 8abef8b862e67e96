package browsertest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
)

// axeRun runs axe-core with the WCAG 2.1 A and AA rules and returns the
// violations, each with a few of the elements at fault.
const axeRun = `axe.run(document, {
  runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
  resultTypes: ["violations"]
}).then(function (r) {
  return r.violations.map(function (v) {
    return {id: v.id, impact: v.impact || "", help: v.help, count: v.nodes.length,
      nodes: v.nodes.slice(0, 5).map(function (n) {
        return n.target.join(" ") + ": " + (n.failureSummary || "").replace(/\s+/g, " ");
      })};
  });
})`

type violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Count  int      `json:"count"`
	Nodes  []string `json:"nodes"`
}

// overflow is how many CSS pixels the page is wider than the viewport.
const overflow = `document.documentElement.scrollWidth - document.documentElement.clientWidth`

// background is the body's computed background colour.
const background = `getComputedStyle(document.body).backgroundColor`

var backgrounds = map[string]string{"light": "rgb(255, 255, 255)", "dark": "rgb(21, 23, 27)"}

// TestPages opens every page of both locales at a phone and a desktop
// width, in the light and the dark colour scheme: axe-core reports no
// violation of WCAG 2.1 A/AA, the page does not scroll sideways (also at
// 320 and 1,920 px), it is in the scheme asked for, nothing comes from
// another host, and no CSP violation, console error or script error
// occurs. One tab per width and scheme; the four run in parallel.
func TestPages(t *testing.T) {
	e := setup(t)
	for _, width := range []int64{phoneWidth, desktopWidth} {
		for _, scheme := range []string{"light", "dark"} {
			t.Run(fmt.Sprintf("%d-%s", width, scheme), func(t *testing.T) {
				t.Parallel()
				tb := e.newTab(t, width, scheme)
				extreme := int64(minWidth)
				if width == desktopWidth {
					extreme = maxWidth
				}
				for _, p := range e.pages {
					failed := false
					errorf := func(format string, args ...any) {
						t.Helper()
						failed = true
						t.Errorf("%s at %d px, %s: "+format, append([]any{p, width, scheme}, args...)...)
					}
					tb.open(p)
					if bg := eval[string](tb, background); bg != backgrounds[scheme] {
						errorf("body background %s, want %s", bg, backgrounds[scheme])
					}
					if !eval[bool](tb, `typeof axe === "object" && document.querySelector("main") !== null`) {
						errorf("axe-core or <main> is missing")
					}
					for _, v := range eval[[]violation](tb, axeRun) {
						errorf("axe %s (%s, %d elements): %s\n\t%s", v.ID, v.Impact, v.Count, v.Help, strings.Join(v.Nodes, "\n\t"))
					}
					if d := eval[int](tb, overflow); d > 0 {
						errorf("the page scrolls sideways by %d px", d)
					}
					tb.resize(extreme)
					if d := eval[int](tb, overflow); d > 0 {
						errorf("at %d px the page scrolls sideways by %d px", extreme, d)
					}
					if failed {
						tb.screenshot()
					}
					tb.resize(width)
					tb.checkClean()
				}
				t.Logf("%d pages checked", len(e.pages))
			})
		}
	}
}

// Search (issue 14, part B) gets its tests here, with the same harness:
// e := setup(t); tb := e.newTab(t, desktopWidth, "light"); tb.open("/");
// then type into the search box with tb.key and read the results with
// eval, in both locales ("Briar" in en and nl, and a Dutch word).

// TestCards measures the card glitches of issue 14 at both widths: the
// network badge on the line of the other badges, footnote marks that do
// not stretch their line, Downloads lists with icons and no bullets, and
// the ¶ permalink shown on a touch screen.
func TestCards(t *testing.T) {
	e := setup(t)
	for _, width := range []int64{phoneWidth, desktopWidth} {
		tb := e.newTab(t, width, "light")
		tb.open("/real-time-communication/")
		type cards struct {
			BadgeOffset float64 `json:"badgeOffset"` // network badge vs. the criterion badge beside it
			SupStretch  float64 `json:"supStretch"`  // paragraph height with footnote marks minus without
			Bullets     string  `json:"bullets"`
		}
		got := eval[cards](tb, `(function () {
  var net = document.querySelector(".badge-network");
  var next = net.nextElementSibling;
  var p = Array.prototype.find.call(document.querySelectorAll(".admonition.recommendation p"), function (p) { return p.querySelector("sup"); });
  var before = p.getBoundingClientRect().height;
  var sups = Array.prototype.map.call(p.querySelectorAll("sup"), function (s) { var c = s.cloneNode(true); s.replaceWith(document.createTextNode("")); return c; });
  var after = p.getBoundingClientRect().height;
  var d = document.querySelector("details.downloads");
  d.open = true;
  return {
    // Compared only when the next badge shares the line (on a phone they may wrap).
    badgeOffset: !next ? -1 : next.getBoundingClientRect().left < net.getBoundingClientRect().right ? 0 :
      Math.round(Math.abs(next.getBoundingClientRect().top - net.getBoundingClientRect().top) * 10) / 10,
    supStretch: before - after,
    bullets: getComputedStyle(d.querySelector("li")).listStyleType
  };
})()`)
		if got.BadgeOffset > 0.5 || got.BadgeOffset < 0 || got.SupStretch > 0.5 || got.Bullets != "none" {
			t.Errorf("%d px: cards %+v, want the badges aligned, no stretch, no bullets", width, got)
		}
		// The matrix region is a tab stop where it scrolls (a phone) and
		// only there.
		stop := eval[bool](tb, `document.querySelector("table.matrix").parentElement.hasAttribute("tabindex")`)
		if stop != (width == phoneWidth) {
			t.Errorf("%d px: the matrix region is a tab stop: %v", width, stop)
		}
		if width == phoneWidth {
			// A touch screen has no hover: the ¶ is shown without one.
			tb.do(call(emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: true, MaxTouchPoints: 5}))
			tb.open("/real-time-communication/")
			if op := eval[float64](tb, `parseFloat(getComputedStyle(document.querySelector(".headerlink")).opacity)`); op < 0.6 {
				t.Errorf("on a touch screen the ¶ permalink has opacity %v", op)
			}
		}
		tb.checkClean()
	}
}
