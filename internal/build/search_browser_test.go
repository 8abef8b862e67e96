package build_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/guidegen/guidegen"
	"github.com/guidegen/guidegen/internal/build"
	"github.com/guidegen/guidegen/internal/sitefs"
)

// chromium returns the browser to drive, or skips the test (fails it with
// CI=true, where the browser tests must run).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("Chromium is not installed, and CI=true requires the browser tests")
	}
	t.Skip("Chromium is not installed; the browser tests are skipped")
	return ""
}

type searchResult struct {
	Page, Section, Snippet string
	Marks                  []string
}

// TestSearchInBrowser builds the bundled guide minified, serves it, and
// searches it in Chromium as a reader would, by keyboard only: "/" focuses
// the box, the results name the right page and section with the match
// marked, the arrow keys and Enter open one, nothing breaks the CSP.
func TestSearchInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	exe := chromium(t)
	out := t.TempDir()
	site := &sitefs.Site{FS: guidegen.Bundled(), Theme: guidegen.Bundled(), Bundled: true}
	if _, err := build.Run(build.Options{Site: site, Out: out, Minify: true}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.WindowSize(1280, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	var mu sync.Mutex
	var problems []string
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			mu.Lock()
			problems = append(problems, fmt.Sprintf("exception: %s %v", e.ExceptionDetails.Text, e.ExceptionDetails.Exception))
			mu.Unlock()
		case *cdplog.EventEntryAdded: // CSP violations, failed loads
			if e.Entry.Level == cdplog.EntryLevelError || e.Entry.Level == cdplog.EntryLevelWarning {
				mu.Lock()
				problems = append(problems, "log: "+e.Entry.Text+" "+e.Entry.URL)
				mu.Unlock()
			}
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				mu.Lock()
				problems = append(problems, "console: "+strings.Join(parts, " "))
				mu.Unlock()
			}
		}
	}); err != nil {
		t.Fatal(err)
	}

	search := func(t *testing.T, path, query string) []searchResult {
		t.Helper()
		err := chromedp.Do(ctx,
			chromedp.Navigate(srv.URL+path),
			chromedp.WaitVisible(chromedp.ID("site-search-input")),
			chromedp.KeyEvent("/"),
		)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement ? document.activeElement.id : ""`))
		if err != nil {
			t.Fatal(err)
		}
		if focused != "site-search-input" {
			t.Errorf("%s: / focuses %q, not the search box", path, focused)
		}
		err = chromedp.Do(ctx,
			chromedp.KeyEvent(query),
			chromedp.WaitVisible(chromedp.CSS(`#site-search-results [role="option"]`)),
		)
		if err != nil {
			t.Fatalf("%s, %q: %v", path, query, err)
		}
		results, err := chromedp.Run(ctx, chromedp.Evaluate[[]searchResult](`Array.from(document.querySelectorAll('#site-search-results [role="option"]')).map(o => ({
			Page: (o.querySelector('.search-page') || {}).textContent || '',
			Section: (o.querySelector('.search-section') || {}).textContent || '',
			Snippet: (o.querySelector('.search-snippet') || {}).textContent || '',
			Marks: Array.from(o.querySelectorAll('mark')).map(m => m.textContent)}))`))
		if err != nil {
			t.Fatal(err)
		}
		status, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('.site-search [role="status"]').textContent`))
		if status == "" {
			t.Errorf("%s, %q: nothing announced in the live region", path, query)
		}
		return results
	}
	open := func(t *testing.T, nth int) string {
		t.Helper()
		var steps []chromedp.Action[chromedp.Void]
		for range nth {
			steps = append(steps, chromedp.KeyEvent(kb.ArrowDown))
		}
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatal(err)
		}
		active, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('site-search-input').getAttribute('aria-activedescendant') || ''`))
		if err != nil {
			t.Fatal(err)
		}
		if active != fmt.Sprintf("site-search-option-%d", nth-1) {
			t.Errorf("after %d arrow presses the active option is %q", nth, active)
		}
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter), chromedp.Sleep(700*time.Millisecond), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
			t.Fatal(err)
		}
		where, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname + location.hash`))
		if err != nil {
			t.Fatal(err)
		}
		return where
	}
	find := func(rs []searchResult, page, section string) int {
		for i, r := range rs {
			if r.Page == page && r.Section == section {
				return i
			}
		}
		return -1
	}

	for _, tt := range []struct {
		path, query, page, section, url, mark string
	}{
		{"/", "Briar", "Real-time communication", "Briar", "/real-time-communication/#briar", "Briar"},
		{"/nl/", "Briar", "Realtimecommunicatie", "Briar", "/nl/real-time-communication/#briar", "Briar"},
		// A Dutch plural finds its singular by the Dutch stem.
		{"/nl/", "gesprekken", "", "", "", "gesprek"},
	} {
		t.Run(strings.Trim(tt.path, "/")+"_"+tt.query, func(t *testing.T) {
			rs := search(t, tt.path, tt.query)
			for _, r := range rs {
				t.Logf("%s › %s: %.90s %q", r.Page, r.Section, r.Snippet, r.Marks)
			}
			if len(rs) == 0 {
				t.Fatalf("no results")
			}
			marked := false
			for _, r := range rs {
				for _, m := range r.Marks {
					marked = marked || strings.HasPrefix(strings.ToLower(m), strings.ToLower(tt.mark))
				}
			}
			if !marked {
				t.Errorf("no <mark> starting %q in %+v", tt.mark, rs)
			}
			if tt.page == "" {
				return
			}
			i := find(rs, tt.page, tt.section)
			if i < 0 {
				t.Fatalf("no result %s › %s in %+v", tt.page, tt.section, rs)
			}
			if got := open(t, i+1); got != tt.url {
				t.Errorf("Enter on %s › %s opens %s, want %s", tt.page, tt.section, got, tt.url)
			}
		})
	}
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Errorf("%s", p)
	}
}
