package browsertest

import (
	"context"
	_ "embed"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/guidegen/guidegen"
	"github.com/guidegen/guidegen/internal/build"
	"github.com/guidegen/guidegen/internal/sitefs"
)

//go:embed testdata/axe/axe.min.js
var axeSource string

// The widths every page is audited at, and the extremes of the range in
// which no page may scroll sideways.
const (
	phoneWidth   = 390
	desktopWidth = 1280
	minWidth     = 320
	maxWidth     = 1920
	height       = 900
)

// env is the built guide, its server and the browser, shared by the tests
// of the package and made once.
type env struct {
	out     string // the built site
	server  *httptest.Server
	host    string // host:port of server
	browser context.Context
	pages   []string // root-relative URLs of every page
}

var (
	setupOnce sync.Once
	shared    *env
	setupErr  error
	skipMsg   string
	teardown  []func()
)

// keyPages are screenshotted, at both widths, when a test fails.
var keyPages = []string{
	"/", "/real-time-communication/", "/alternatives/", "/advanced/communication-network-types/", "/about/",
	"/nl/", "/nl/real-time-communication/", "/nl/alternatives/", "/nl/advanced/communication-network-types/", "/nl/about/",
}

func TestMain(m *testing.M) {
	code := m.Run()
	if code != 0 && shared != nil {
		if dir, err := shared.keyScreenshots(); err != nil {
			fmt.Fprintf(os.Stderr, "browsertest: screenshots of the key pages: %v\n", err)
		} else {
			fmt.Fprintf(os.Stderr, "browsertest: screenshots of the key pages are in %s\n", dir)
		}
	}
	for i := len(teardown) - 1; i >= 0; i-- {
		teardown[i]()
	}
	os.Exit(code)
}

func chromiumPath() string {
	if p := os.Getenv("GUIDEGEN_CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// setup returns the shared environment, or skips the test when Chromium
// is absent outside CI.
func setup(t *testing.T) *env {
	t.Helper()
	setupOnce.Do(func() {
		bin := chromiumPath()
		if _, err := os.Stat(bin); err != nil {
			if os.Getenv("CI") == "true" {
				setupErr = fmt.Errorf("CI=true but Chromium is missing (%s): .ci/run installs the chromium package", bin)
			} else {
				skipMsg = fmt.Sprintf("Chromium not found at %s (install the chromium package, or set GUIDEGEN_CHROMIUM): browser tests skipped", bin)
			}
			return
		}
		shared, setupErr = newEnv(bin)
	})
	if skipMsg != "" {
		t.Skip(skipMsg)
	}
	if setupErr != nil {
		t.Fatal(setupErr)
	}
	return shared
}

func newEnv(bin string) (*env, error) {
	out, err := os.MkdirTemp("", "guidegen-browsertest-")
	if err != nil {
		return nil, err
	}
	teardown = append(teardown, func() { os.RemoveAll(out) })
	b := guidegen.Bundled()
	sum, err := build.Run(build.Options{Site: &sitefs.Site{FS: b, Theme: b, Bundled: true}, Out: out})
	if err != nil {
		return nil, fmt.Errorf("building the bundled guide: %w", err)
	}
	if len(sum.Warnings) > 0 {
		return nil, fmt.Errorf("the bundled guide builds with warnings: %v", sum.Warnings)
	}
	e := &env{out: out}
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, out))
		e.pages = append(e.pages, strings.TrimSuffix(rel, "index.html"))
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(e.pages)

	e.server = httptest.NewServer(http.FileServer(http.Dir(out)))
	teardown = append(teardown, e.server.Close)
	u, _ := url.Parse(e.server.URL)
	e.host = u.Host

	profile, err := os.MkdirTemp("", "guidegen-chromium-")
	if err != nil {
		return nil, err
	}
	teardown = append(teardown, func() { os.RemoveAll(profile) })
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(profile),
	)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	teardown = append(teardown, cancelAlloc, cancelBrowser)
	// Start the browser with the context that lives as long as the tests.
	if err := chromedp.Do(browser); err != nil {
		return nil, fmt.Errorf("starting %s: %w", bin, err)
	}
	e.browser = browser
	return e, nil
}

// tab is one browser tab and what it saw: requests to other hosts,
// Content Security Policy violations, script errors.
type tab struct {
	t   *testing.T
	ctx context.Context
	e   *env

	mu        sync.Mutex
	foreign   []string
	problems  []string
	shotName  string
	shotTaken bool
}

// recordCSP is run in every document before its own scripts: the page's
// CSP does not apply to it. It keeps the securitypolicyviolation events.
const recordCSP = `window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || "") + ":" + e.lineNumber);
});`

// newTab opens a tab with the viewport width and the colour scheme
// ("light" or "dark") set, axe-core and the CSP recorder in every
// document, and the network, console and log watched.
func (e *env) newTab(t *testing.T, width int64, scheme string) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(e.browser)
	// The deadline is generous: a tab visits every page of the guide, and
	// a machine busy with other builds runs axe several times slower.
	ctx, cancelTimeout := context.WithTimeout(ctx, 5*time.Minute)
	tb := &tab{t: t, ctx: ctx, e: e}
	t.Cleanup(func() {
		if t.Failed() && !tb.shotTaken {
			tb.screenshot()
		}
		cancelTimeout()
		cancel()
	})
	err := chromedp.Listen(ctx, func(ev any) {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			u, err := url.Parse(ev.Request.URL)
			if err != nil || (u.Scheme != "data" && u.Host != e.host) {
				tb.foreign = append(tb.foreign, ev.Request.URL)
			}
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError || strings.Contains(ev.Entry.Text, "Content Security Policy") {
				tb.problems = append(tb.problems, fmt.Sprintf("log %s: %s (%s)", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
			}
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				tb.problems = append(tb.problems, fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " ")))
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			tb.problems = append(tb.problems, fmt.Sprintf("script error: %s (%s:%d)", msg, d.URL, d.LineNumber))
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	steps := []chromedp.Action[chromedp.Void]{
		call(network.Enable, network.EnableParams{}),
		call(cdplog.Enable, cdp.Empty{}),
		call(runtime.Enable, cdp.Empty{}),
		callR(page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: recordCSP}),
		callR(page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: axeSource}),
	}
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
	tb.resize(width)
	tb.scheme(scheme)
	return tb
}

func call[P any](c cdp.Command[P, cdp.Empty], p P) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, t, c, p)
		return chromedp.Void{}, err
	}
}

func callR[P, R any](c cdp.Command[P, R], p P) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, t, c, p)
		return chromedp.Void{}, err
	}
}

func (tb *tab) do(steps ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, steps...); err != nil {
		tb.t.Fatal(err)
	}
}

// resize sets the width of the viewport (a desktop one: no mobile
// emulation, so that 1px is 1 CSS px and nothing is zoomed out).
func (tb *tab) resize(width int64) {
	tb.t.Helper()
	tb.do(call(emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: width, Height: height, DeviceScaleFactor: 1,
	}))
}

// scheme emulates prefers-color-scheme.
func (tb *tab) scheme(s string) {
	tb.t.Helper()
	tb.do(call(emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: s}},
	}))
}

// open loads a root-relative URL and waits for its load event.
func (tb *tab) open(path string) {
	tb.t.Helper()
	tb.mu.Lock()
	tb.shotName = path
	tb.mu.Unlock()
	tb.do(chromedp.Navigate(tb.e.server.URL + path))
}

// eval runs a script in the page and decodes its value.
func eval[T any](tb *tab, script string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](script, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("%s: evaluating %.80q: %v", tb.shotName, script, err)
	}
	return v
}

// key types keys (see package chromedp/kb) into the focused element.
func (tb *tab) key(keys string) {
	tb.t.Helper()
	tb.do(chromedp.KeyEvent(keys))
}

// checkClean fails the test for requests to other hosts, CSP violations,
// console errors and script errors seen so far.
func (tb *tab) checkClean() {
	tb.t.Helper()
	csp := eval[[]string](tb, `window.__cspViolations || []`)
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, u := range tb.foreign {
		tb.t.Errorf("%s: request to another host: %s", tb.shotName, u)
	}
	for _, v := range csp {
		tb.t.Errorf("%s: CSP violation: %s", tb.shotName, v)
	}
	for _, p := range tb.problems {
		tb.t.Errorf("%s: %s", tb.shotName, p)
	}
	tb.foreign, tb.problems = nil, nil
}

// artifactsDir is where screenshots of failing pages go.
func artifactsDir() string {
	if d := os.Getenv("GUIDEGEN_ARTIFACTS"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "artifacts", "browsertest")
}

// screenshot saves the whole page as a PNG and logs where.
func (tb *tab) screenshot() {
	tb.shotTaken = true
	if tb.ctx.Err() != nil {
		return
	}
	buf, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.t.Logf("no screenshot: %v", err)
		return
	}
	dir := artifactsDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.t.Logf("no screenshot: %v", err)
		return
	}
	name := strings.NewReplacer("/", "_", ".", "_").Replace(strings.Trim(tb.t.Name()+"_"+tb.shotName, "/")) + ".png"
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, buf, 0o644); err != nil {
		tb.t.Logf("no screenshot: %v", err)
		return
	}
	abs, _ := filepath.Abs(p)
	tb.t.Logf("screenshot of the failing page: %s", abs)
}

// keyScreenshots saves full-page screenshots of the key pages at the
// phone and the desktop width, in the light scheme, after a failure.
func (e *env) keyScreenshots() (string, error) {
	dir, err := filepath.Abs(filepath.Join(artifactsDir(), "key-pages"))
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	ctx, cancel := chromedp.NewContext(e.browser)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelTimeout()
	for _, width := range []int64{phoneWidth, desktopWidth} {
		err := chromedp.Do(ctx, call(emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: width, Height: height, DeviceScaleFactor: 1,
		}))
		if err != nil {
			return "", err
		}
		for _, p := range keyPages {
			if err := chromedp.Do(ctx, chromedp.Navigate(e.server.URL+p)); err != nil {
				return "", err
			}
			buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				return "", err
			}
			name := fmt.Sprintf("%s_%d.png", strings.Trim(strings.ReplaceAll(p, "/", "_"), "_"), width)
			if p == "/" {
				name = fmt.Sprintf("home_%d.png", width)
			}
			if err := os.WriteFile(filepath.Join(dir, name), buf, 0o644); err != nil {
				return "", err
			}
		}
	}
	return dir, nil
}
