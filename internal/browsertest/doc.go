// Package browsertest holds the tests that open the built bundled guide in
// a real Chromium (through the DevTools protocol, with chromedp): axe-core
// finds no WCAG 2.1 A/AA violation on any page, in either locale, at a
// phone and a desktop width, in the light and the dark theme; no page
// scrolls sideways; nothing is loaded from another host and the Content
// Security Policy is never violated; the theme toggle and the phone menu
// work from the keyboard.
//
// The tests skip when Chromium is absent, unless CI=true, where they fail.
// GUIDEGEN_CHROMIUM names another binary than /usr/bin/chromium. On a
// failure, screenshots of the failing pages, and of the key pages at both
// widths (key-pages/), go to GUIDEGEN_ARTIFACTS, or to artifacts/browsertest
// at the top of the module (ignored by git); the test log names the files.
//
// axe-core is vendored in testdata/axe (scripts/update-axe.sh refreshes
// it), so that the tests need no npm.
package browsertest
