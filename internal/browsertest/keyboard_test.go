package browsertest

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp/kb"
)

// tabTo presses Tab until the focused element matches selector, at most
// max times, and fails when it never does.
func (tb *tab) tabTo(selector string, max int) {
	tb.t.Helper()
	for range max {
		tb.key(kb.Tab)
		if eval[bool](tb, `document.activeElement && document.activeElement.matches(`+jsString(selector)+`)`) {
			return
		}
	}
	tb.t.Fatalf("%s: %d presses of Tab never reach %s (focus is on %s)", tb.shotName, max, selector,
		eval[string](tb, `document.activeElement ? document.activeElement.outerHTML.slice(0, 120) : "nothing"`))
}

func jsString(s string) string {
	b := []byte{'"'}
	for _, r := range s {
		switch r {
		case '"', '\\':
			b = append(b, '\\', byte(r))
		default:
			b = append(b, string(r)...)
		}
	}
	return string(append(b, '"'))
}

type themeState struct {
	Attr   string `json:"attr"`   // data-theme on <html>
	Stored string `json:"stored"` // localStorage
	State  string `json:"state"`  // the toggle's data-state
	Label  string `json:"label"`  // its accessible name
	BG     string `json:"bg"`
}

const readTheme = `({
  attr: document.documentElement.getAttribute("data-theme") || "",
  stored: localStorage.getItem("guidegen-theme") || "",
  state: document.querySelector(".theme-toggle").getAttribute("data-state") || "",
  label: document.querySelector(".theme-toggle").getAttribute("aria-label") || "",
  bg: getComputedStyle(document.body).backgroundColor
})`

// TestThemeToggleKeyboard reaches the theme toggle with Tab and turns it
// with Enter and Space: auto → light → dark → auto, the choice applied
// at once, remembered across page loads, and forgotten at auto.
func TestThemeToggleKeyboard(t *testing.T) {
	e := setup(t)
	for _, width := range []int64{phoneWidth, desktopWidth} {
		tb := e.newTab(t, width, "dark") // the system asks for dark
		tb.open("/")
		check := func(step string, want themeState) {
			t.Helper()
			got := eval[themeState](tb, readTheme)
			want.BG = backgrounds[map[string]string{"": "dark"}[want.Attr]+want.Attr]
			if got != want {
				t.Errorf("%d px, %s: theme = %+v, want %+v", width, step, got, want)
			}
		}
		check("on load", themeState{State: "auto", Label: "Colour theme: Automatic"})
		tb.tabTo(".theme-toggle", 12)
		tb.key(kb.Enter)
		check("after Enter", themeState{Attr: "light", Stored: "light", State: "light", Label: "Colour theme: Light"})
		tb.key(" ")
		check("after Space", themeState{Attr: "dark", Stored: "dark", State: "dark", Label: "Colour theme: Dark"})
		tb.open("/nl/")
		check("on the next page", themeState{Attr: "dark", Stored: "dark", State: "dark", Label: "Kleurenthema: Donker"})
		tb.tabTo(".theme-toggle", 12)
		tb.key(" ")
		check("after Space on the next page", themeState{State: "auto", Label: "Kleurenthema: Automatisch"})
		tb.checkClean()
	}
}

// TestPhoneMenuKeyboard opens and closes the phone menu from the
// keyboard: Tab reaches its button, Enter opens it and shows the links,
// Tab goes into them, Escape closes it and gives the focus back, Space
// opens it again.
func TestPhoneMenuKeyboard(t *testing.T) {
	e := setup(t)
	tb := e.newTab(t, phoneWidth, "light")
	tb.open("/real-time-communication/")
	linkShown := `document.querySelector(".site-nav a").checkVisibility()`
	isOpen := `document.querySelector(".site-menu").open`
	if eval[bool](tb, isOpen) || eval[bool](tb, linkShown) {
		t.Fatal("the phone menu is open on load")
	}
	tb.tabTo(".site-menu > summary", 5)
	tb.key(kb.Enter)
	if !eval[bool](tb, isOpen) || !eval[bool](tb, linkShown) {
		t.Fatal("Enter does not open the menu")
	}
	tb.key(kb.Tab)
	if !eval[bool](tb, `document.activeElement.matches(".site-nav a")`) {
		t.Error("Tab after opening the menu does not reach its first link")
	}
	tb.key(kb.Escape)
	if eval[bool](tb, isOpen) || !eval[bool](tb, `document.activeElement.matches(".site-menu > summary")`) {
		t.Error("Escape does not close the menu and focus its button")
	}
	tb.key(" ")
	if !eval[bool](tb, isOpen) || !eval[bool](tb, linkShown) {
		t.Error("Space does not open the menu")
	}
	// On a desktop the links are shown without the button.
	tb.resize(desktopWidth)
	tb.open("/real-time-communication/")
	if !eval[bool](tb, linkShown) || eval[bool](tb, `document.querySelector(".site-menu > summary").checkVisibility()`) {
		t.Error("on a desktop the navigation is not a plain bar")
	}
	tb.checkClean()
}

// TestSkipLinkAndTOC: the skip link is the first stop and is visible when
// focused; it leads to <main>, where the next stop is the table of
// contents after the title. On a desktop the TOC shows the section in
// view.
func TestSkipLinkAndTOC(t *testing.T) {
	e := setup(t)
	tb := e.newTab(t, phoneWidth, "light")
	tb.open("/real-time-communication/")
	tb.key(kb.Tab)
	if !eval[bool](tb, `document.activeElement.matches(".skip-link") && document.activeElement.getBoundingClientRect().top >= 0`) {
		t.Fatal("the first Tab does not show the skip link")
	}
	tb.key(kb.Enter)
	tb.key(kb.Tab)
	if !eval[bool](tb, `document.activeElement.matches("main .toc > summary")`) {
		t.Errorf("after the skip link, focus is on %s, not the table of contents",
			eval[string](tb, `document.activeElement.outerHTML.slice(0, 120)`))
	}
	if eval[bool](tb, `document.querySelector(".toc").open`) {
		t.Error("the table of contents is open on a phone")
	}
	tb.key(kb.Enter)
	if !eval[bool](tb, `document.querySelector(".toc a").checkVisibility()`) {
		t.Error("Enter does not open the table of contents")
	}

	tb.resize(desktopWidth)
	tb.open("/real-time-communication/")
	current := eval[string](tb, `new Promise(function (done) {
  document.getElementById("briar").scrollIntoView({behavior: "instant"});
  setTimeout(function () {
    var a = document.querySelector(".toc a[aria-current]");
    done(a ? a.getAttribute("href") : "");
  }, 300);
})`)
	if current != "#briar" {
		t.Errorf("current TOC entry after scrolling to Briar = %q, want #briar", current)
	}
	tb.checkClean()
}

// TestPrint renders the comparison page for print on A4 width (about 700
// CSS px of paper): the whole matrix fits, collapsed blocks are open,
// outside links show their address, and the header, menu and TOC are gone.
func TestPrint(t *testing.T) {
	e := setup(t)
	for _, p := range []string{"/real-time-communication/", "/nl/real-time-communication/"} {
		tb := e.newTab(t, 700, "light")
		tb.do(call(emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}))
		tb.open(p)
		type printed struct {
			MatrixFits   bool   `json:"matrixFits"`
			DownloadsOut bool   `json:"downloadsOut"`
			ChromeHidden bool   `json:"chromeHidden"`
			LinkURL      string `json:"linkURL"`
			Overflow     int    `json:"overflow"`
		}
		got := eval[printed](tb, `(function () {
  var w = document.querySelector("table.matrix").parentElement;
  var a = document.querySelector(".article-body p a[href^='http']");
  return {
    matrixFits: w.scrollWidth <= w.clientWidth,
    downloadsOut: document.querySelector("details.downloads li").checkVisibility(),
    chromeHidden: !document.querySelector(".site-header").checkVisibility() && !document.querySelector(".toc").checkVisibility(),
    linkURL: a ? getComputedStyle(a, "::after").content : "",
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth
  };
})()`)
		if !got.MatrixFits || !got.DownloadsOut || !got.ChromeHidden || !strings.Contains(got.LinkURL, "http") || got.Overflow > 0 {
			t.Errorf("%s in print: %+v", p, got)
			tb.screenshot()
		}
		tb.checkClean()
	}
}

// TestWithoutJavaScript: with scripts off, the page follows the system's
// colour scheme, hides the theme toggle it cannot run, shows the menu as a
// bar on a desktop and as a working <details> on a phone, and shows the
// desktop TOC open.
func TestWithoutJavaScript(t *testing.T) {
	e := setup(t)
	for _, width := range []int64{phoneWidth, desktopWidth} {
		tb := e.newTab(t, width, "dark")
		tb.do(call(emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}))
		tb.open("/real-time-communication/")
		type state struct {
			BG, Toggle, NavLink, TOCLink, Summary bool
		}
		got := eval[state](tb, `({
  BG: getComputedStyle(document.body).backgroundColor === "`+backgrounds["dark"]+`",
  Toggle: document.querySelector(".theme-toggle").checkVisibility(),
  NavLink: document.querySelector(".site-nav a").checkVisibility(),
  TOCLink: document.querySelector(".toc a").checkVisibility(),
  Summary: document.querySelector(".site-menu > summary").checkVisibility()
})`)
		want := state{BG: true, NavLink: width == desktopWidth, TOCLink: width == desktopWidth, Summary: width == phoneWidth}
		if got != want {
			t.Errorf("%d px without JavaScript: %+v, want %+v", width, got, want)
		}
		if width == phoneWidth {
			tb.tabTo(".site-menu > summary", 5)
			tb.key(kb.Enter)
			if !eval[bool](tb, `document.querySelector(".site-nav a").checkVisibility()`) {
				t.Error("without JavaScript, Enter does not open the phone menu")
			}
		}
		if d := eval[int](tb, overflow); d > 0 {
			t.Errorf("%d px without JavaScript: the page scrolls sideways by %d px", width, d)
		}
	}
}
