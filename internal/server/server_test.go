package server

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/guidegen/guidegen"
	"github.com/guidegen/guidegen/internal/sitefs"
)

const fixture = "../../testdata/sites/basic"

// timeout bounds every wait for the server: generous, because the tests
// run with -race on a shared machine; a wait ends as soon as its event
// comes.
const timeout = 30 * time.Second

// syncBuffer is a log that the server writes while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// copySite copies the fixture into a temporary directory, inside a parent
// that also holds a file the server must never serve.
func copySite(t *testing.T) string {
	t.Helper()
	parent := t.TempDir()
	if err := os.WriteFile(filepath.Join(parent, "secret.txt"), []byte("SECRET-OUTSIDE-THE-SITE"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(parent, "site")
	if err := os.CopyFS(dir, os.DirFS(fixture)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// testServer is a server running on a real listener on 127.0.0.1.
type testServer struct {
	base string // http://127.0.0.1:port
	log  *syncBuffer
	stop func() error
}

// start serves the site in dir ("" for the bundled guide) until the test
// ends; stop stops it earlier and returns what Serve returned.
func start(t *testing.T, dir string) *testServer {
	t.Helper()
	site, err := sitefs.Open(dir, guidegen.Bundled())
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	log := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln, Options{Site: site, Log: log}) }()
	var once sync.Once
	var serveErr error
	stop := func() error {
		once.Do(func() {
			cancel()
			select {
			case serveErr = <-done:
			case <-time.After(timeout):
				serveErr = errors.New("Serve did not return after its context was canceled")
			}
			site.Close()
		})
		return serveErr
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Error(err)
		}
		if t.Failed() {
			t.Logf("server log:\n%s", log)
		}
	})
	return &testServer{base: "http://" + ln.Addr().String(), log: log, stop: stop}
}

// client does not follow redirects, so that they can be tested.
var client = &http.Client{
	Timeout:       timeout,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

type response struct {
	status int
	header http.Header
	body   string
}

func (s *testServer) get(t *testing.T, path string) response {
	t.Helper()
	resp, err := client.Get(s.base + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return response{resp.StatusCode, resp.Header, string(body)}
}

// events opens the event stream; the returned channel receives the data
// of each "build" event, and is closed when the stream ends.
func (s *testServer) events(t testing.TB) <-chan string {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.base+eventsPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req) // no timeout: it streams
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events: Content-Type %q", ct)
	}
	ch := make(chan string, 100)
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(resp.Body)
		event := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: ") && event == "build":
				ch <- strings.TrimPrefix(line, "data: ")
			case line == "":
				event = ""
			}
		}
	}()
	return ch
}

// nextEvent waits for the next build event.
func nextEvent(t testing.TB, events <-chan string) string {
	t.Helper()
	select {
	case v, ok := <-events:
		if !ok {
			t.Fatal("the event stream ended")
		}
		return v
	case <-time.After(timeout):
		t.Fatalf("no build event within %s", timeout)
	}
	return ""
}

// waitFor waits for build events until ok holds after one (a save may
// give more than one build): the edit produced an event, and the server
// then serves what ok expects.
func (s *testServer) waitFor(t *testing.T, events <-chan string, what string, ok func() bool) {
	t.Helper()
	deadline := time.After(timeout)
	for {
		select {
		case _, open := <-events:
			if !open {
				t.Fatalf("waiting for %s: the event stream ended", what)
			}
			if ok() {
				return
			}
		case <-deadline:
			t.Fatalf("waiting for %s: not after %s of build events", what, timeout)
		}
	}
}

// save writes a file as editors do: a temporary file renamed over it.
func save(t *testing.T, name, text string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(name), ".tmp-"+filepath.Base(name))
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, name); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestServePages(t *testing.T) {
	dir := copySite(t)
	s := start(t, dir)

	r := s.get(t, "/")
	if r.status != 200 || r.header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("GET /: %d %q", r.status, r.header.Get("Content-Type"))
	}
	if !strings.Contains(r.body, "Fixture Guide") {
		t.Errorf("GET /: not the home page:\n%s", r.body)
	}
	// The reload script, only here: same origin, before </body>, no
	// inline script.
	if !strings.Contains(r.body, `<script src="/_guidegen/reload.js" data-build="`) ||
		!strings.HasSuffix(strings.TrimSpace(r.body), "defer></script>\n</body>\n</html>") {
		t.Errorf("GET /: no reload script before </body>:\n%s", r.body)
	}
	if !strings.Contains(r.body, "script-src 'self'") {
		t.Errorf("GET /: the site's CSP changed:\n%s", r.body)
	}

	for path, want := range map[string]string{
		"/guide/":              "text/html; charset=utf-8",
		"/nl/guide/":           "text/html; charset=utf-8",
		"/about/criteria/":     "text/html; charset=utf-8",
		"/assets/img/logo.svg": "image/svg+xml; charset=utf-8",
		"/_guidegen/reload.js": "text/javascript; charset=utf-8",
	} {
		r := s.get(t, path)
		if r.status != 200 || r.header.Get("Content-Type") != want {
			t.Errorf("GET %s: %d %q, want 200 %q", path, r.status, r.header.Get("Content-Type"), want)
		}
	}
	if r := s.get(t, "/assets/img/logo.svg"); r.body != readFile(t, filepath.Join(dir, "assets/img/logo.svg")) {
		t.Errorf("GET /assets/img/logo.svg: not the file:\n%s", r.body)
	}
	if r := s.get(t, "/assets/img/logo.svg"); strings.Contains(r.body, "reload.js") {
		t.Errorf("the reload script was added to an SVG")
	}

	// Pretty URLs: /x redirects to /x/ (keeping the query).
	r = s.get(t, "/guide?a=1")
	if r.status != http.StatusFound || r.header.Get("Location") != "/guide/?a=1" {
		t.Errorf("GET /guide: %d Location %q, want 302 /guide/?a=1", r.status, r.header.Get("Location"))
	}
	r = s.get(t, "/nl")
	if r.status != http.StatusFound || r.header.Get("Location") != "/nl/" {
		t.Errorf("GET /nl: %d Location %q, want 302 /nl/", r.status, r.header.Get("Location"))
	}

	// The 404 page of the locale a missing path is in.
	r = s.get(t, "/nl/nope/")
	if r.status != 404 || !strings.Contains(r.body, `<html lang="nl"`) || r.header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("GET /nl/nope/: %d, want 404 and the nl 404 page:\n%s", r.status, r.body)
	}
	if !strings.Contains(r.body, "reload.js") {
		t.Errorf("GET /nl/nope/: the 404 page has no reload script")
	}
	for _, p := range []string{"/nope", "/assets/nope.css", "/about/nope/"} {
		r = s.get(t, p)
		if r.status != 404 || !strings.Contains(r.body, `<html lang="en"`) {
			t.Errorf("GET %s: %d, want 404 and the en 404 page:\n%s", p, r.status, r.body)
		}
	}
	if r = s.get(t, "/_guidegen/nope"); r.status != 404 {
		t.Errorf("GET /_guidegen/nope: %d, want 404", r.status)
	}

	// Only loopback names: not a DNS name pointed at 127.0.0.1.
	addr := strings.TrimPrefix(s.base, "http://")
	_, port, _ := net.SplitHostPort(addr)
	for host, want := range map[string]int{
		"localhost:" + port:        200,
		"LOCALHOST.":               200,
		"preview.localhost":        200,
		"127.0.0.1:" + port:        200,
		"127.1.2.3":                200,
		"[::1]:" + port:            200,
		"attacker.example":         403,
		"attacker.example:" + port: 403,
		"192.168.1.1:" + port:      403,
	} {
		req, _ := http.NewRequest("GET", s.base+"/", nil)
		req.Host = host
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("GET / with Host %s: %d, want %d", host, resp.StatusCode, want)
		}
	}

	for path, want := range map[string]int{"/": 200, "/nl/nope/": 404, "/guide": 302} {
		resp, err := client.Head(s.base + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want || len(body) != 0 {
			t.Errorf("HEAD %s: %d with %d bytes, want %d and none", path, resp.StatusCode, len(body), want)
		}
	}

	resp, err := client.Post(s.base+"/", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /: %d, want 405", resp.StatusCode)
	}

	if err := s.stop(); err != nil {
		t.Fatal(err)
	}
	assertNoOutput(t, dir)
}

// assertNoOutput checks that serving wrote nothing into the site: no
// public/, no staging directory.
func assertNoOutput(t *testing.T, dir string) {
	t.Helper()
	for _, name := range []string{"public", ".public.stage", ".public.lock"} {
		if _, err := os.Lstat(filepath.Join(dir, name)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s: exists after serving (err %v)", name, err)
		}
	}
}

func TestServeLiveReload(t *testing.T) {
	dir := copySite(t)
	s := start(t, dir)
	events := s.events(t)
	first := nextEvent(t, events) // the current build, when the stream opens
	if r := s.get(t, "/guide/"); !strings.Contains(r.body, `data-build="`+first+`"`) {
		t.Fatalf("the page is not of build %s:\n%s", first, r.body)
	}

	// An edit: an event, and the new content.
	guide := filepath.Join(dir, "content/en/guide.md")
	orig := readFile(t, guide)
	save(t, guide, orig+"\nA sentence added while serving.\n")
	s.waitFor(t, events, "the edit", func() bool {
		return strings.Contains(s.get(t, "/guide/").body, "A sentence added while serving.")
	})
	// The engine renders only the edited page in both locales again.
	if !strings.Contains(s.log.String(), "content/en/guide.md changed: 2 pages rendered, 6 reused") {
		t.Errorf("the incremental rebuild is not in the log:\n%s", s.log)
	}

	// A broken edit: every HTML request gets the error page, with each
	// problem at file:line:col and its source line; other files are still
	// served from the last good build.
	broken := orig + "\nSee [the missing page](missing.md).\n"
	save(t, guide, broken)
	errPage := func() bool { return s.get(t, "/guide/").status == http.StatusInternalServerError }
	s.waitFor(t, events, "the error page", errPage)
	line := strings.Count(orig, "\n") + 2
	for _, p := range []string{"/guide/", "/", "/nl/", "/nope/"} {
		r := s.get(t, p)
		if r.status != 500 || r.header.Get("Content-Type") != "text/html; charset=utf-8" {
			t.Errorf("GET %s while broken: %d %q, want 500 text/html", p, r.status, r.header.Get("Content-Type"))
		}
		for _, want := range []string{
			fmt.Sprintf("content/en/guide.md:%d:5", line),
			"link to missing page &#34;missing.md&#34;",
			fmt.Sprintf("%5d | See [the missing page](missing.md).", line),
			"\n      |     ^",
			`<script src="/_guidegen/reload.js" data-build="`,
		} {
			if !strings.Contains(r.body, want) {
				t.Errorf("GET %s while broken: no %q in\n%s", p, want, r.body)
			}
		}
		if strings.Contains(r.body, "<style>") && !strings.Contains(r.header.Get("Content-Security-Policy"), "script-src 'self'") {
			t.Errorf("GET %s while broken: CSP %q", p, r.header.Get("Content-Security-Policy"))
		}
	}
	if r := s.get(t, "/assets/img/logo.svg"); r.status != 200 || r.header.Get("Content-Type") != "image/svg+xml; charset=utf-8" {
		t.Errorf("an asset while broken: %d %q, want 200 from the last good build", r.status, r.header.Get("Content-Type"))
	}
	if !strings.Contains(s.log.String(), "build failed") || !strings.Contains(s.log.String(), fmt.Sprintf("content/en/guide.md:%d:5: link to missing page", line)) {
		t.Errorf("the failed build is not in the log:\n%s", s.log)
	}

	// The fix recovers by itself.
	save(t, guide, orig+"\nFixed.\n")
	s.waitFor(t, events, "the recovery", func() bool {
		r := s.get(t, "/guide/")
		return r.status == 200 && strings.Contains(r.body, "Fixed.")
	})
	if r := s.get(t, "/nl/"); r.status != 200 {
		t.Errorf("GET /nl/ after the fix: %d", r.status)
	}

	// A new directory is watched: a page in it is built, and so is its
	// next edit.
	newPage := filepath.Join(dir, "content/en/new/deeper/page.md")
	if err := os.MkdirAll(filepath.Dir(newPage), 0o755); err != nil {
		t.Fatal(err)
	}
	save(t, newPage, "---\ntitle: New page\ndescription: New.\n---\n\nVersion one.\n")
	s.waitFor(t, events, "the new page", func() bool {
		return strings.Contains(s.get(t, "/new/deeper/page/").body, "Version one.")
	})
	if err := os.WriteFile(newPage, []byte("---\ntitle: New page\ndescription: New.\n---\n\nVersion two.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.waitFor(t, events, "the new page's edit", func() bool {
		return strings.Contains(s.get(t, "/new/deeper/page/").body, "Version two.")
	})

	// A template and guidegen.yaml are watched too.
	footer := filepath.Join(dir, "templates/partials/footer.html")
	save(t, footer, strings.Replace(readFile(t, footer), "</footer>", "<p>Footer edited.</p></footer>", 1))
	s.waitFor(t, events, "the template edit", func() bool {
		return strings.Contains(s.get(t, "/nl/guide/").body, "Footer edited.")
	})
	cfg := filepath.Join(dir, "guidegen.yaml")
	save(t, cfg, strings.Replace(readFile(t, cfg), "title: Testgids", "title: Een andere gids", 1))
	s.waitFor(t, events, "the configuration edit", func() bool {
		return strings.Contains(s.get(t, "/nl/").body, "Een andere gids")
	})

	if err := s.stop(); err != nil {
		t.Fatal(err)
	}
	// Stopping ends the event stream.
	for range events {
	}
	assertNoOutput(t, dir)
}

// TestServeBurst: a burst of events is coalesced: ten files saved at once
// give fewer than ten builds.
func TestServeBurst(t *testing.T) {
	dir := copySite(t)
	s := start(t, dir)
	events := s.events(t)
	nextEvent(t, events)
	const n = 10
	for i := range n {
		save(t, filepath.Join(dir, "content/en", fmt.Sprintf("burst%d.md", i)), fmt.Sprintf("---\ntitle: Burst %d\ndescription: Burst.\n---\n\nBurst page %d.\n", i, i))
	}
	s.waitFor(t, events, "the burst", func() bool {
		for i := range n {
			if s.get(t, fmt.Sprintf("/burst%d/", i)).status != 200 {
				return false
			}
		}
		return true
	})
	if builds := strings.Count(s.log.String(), "changed"); builds >= n {
		t.Errorf("%d saves gave %d builds:\n%s", n, builds, s.log)
	}
}

// TestServeTraversal sends raw requests (no client cleans their paths)
// that try to leave the site: none gets anything but 400 or 404, and
// none shows a file of the site's directory or outside it.
func TestServeTraversal(t *testing.T) {
	dir := copySite(t)
	s := start(t, dir)
	addr := strings.TrimPrefix(s.base, "http://")
	secrets := []string{
		"SECRET-OUTSIDE-THE-SITE",        // ../secret.txt
		"baseURL: https://fixture",       // guidegen.yaml
		"description: Links, images",     // content/en/guide.md
		"root:x:0:0",                     // /etc/passwd
		"fixture_footer: Fixture footer", // locales/en.yaml
	}
	for _, target := range []string{
		"/../secret.txt",
		"/../",
		"/..",
		"/%2e%2e/secret.txt",
		"/%2E%2E/%2e%2e/etc/passwd",
		"/..%2fsecret.txt",
		"/..%2Fguidegen.yaml",
		"/%2e%2e%2fguidegen.yaml",
		"/assets/..%2f..%2fguidegen.yaml",
		"/assets/../../secret.txt",
		"/assets/../guidegen.yaml",
		"/./guidegen.yaml",
		"/assets/./img/logo.svg",
		"//etc/passwd",
		"/..\\secret.txt",
		"/assets\\..\\..\\secret.txt",
		"/assets%5c..%5c..%5csecret.txt",
		"/guidegen.yaml%00.html",
		"/guide/%00",
		"/guidegen.yaml",
		"/content/en/guide.md",
		"/locales/en.yaml",
		"/secret.txt",
		"/../../../../../../etc/passwd",
		"/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
		"/nl/..%2f..%2fsecret.txt",
	} {
		status, body := rawGet(t, addr, target)
		if status != http.StatusBadRequest && status != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 400 or 404", target, status)
		}
		for _, secret := range secrets {
			if strings.Contains(body, secret) {
				t.Errorf("GET %s: the response shows %q:\n%s", target, secret, body)
			}
		}
	}
	assertNoOutput(t, dir)
}

// rawGet sends target as the request line, byte for byte.
func rawGet(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, timeout)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(timeout))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, addr)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestServeBrokenAtStart: a site that does not build at first shows the
// error page, and is served once fixed.
func TestServeBrokenAtStart(t *testing.T) {
	dir := copySite(t)
	guide := filepath.Join(dir, "content/nl/guide.md")
	orig := readFile(t, guide)
	if err := os.WriteFile(guide, []byte("---\ntitle: [\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := start(t, dir)
	events := s.events(t)
	nextEvent(t, events)
	r := s.get(t, "/nl/guide/")
	if r.status != 500 || !strings.Contains(r.body, "content/nl/guide.md:2:8") || !strings.Contains(r.body, "    2 | title: [") {
		t.Fatalf("GET /nl/guide/ at start: %d\n%s", r.status, r.body)
	}
	if r := s.get(t, "/assets/img/logo.svg"); r.status != 404 {
		t.Errorf("an asset with no good build: %d, want 404", r.status)
	}
	save(t, guide, orig)
	s.waitFor(t, events, "the fix", func() bool { return s.get(t, "/nl/guide/").status == 200 })
}

// TestServeBundled: the bundled guide is served, and not watched.
func TestServeBundled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole bundled guide")
	}
	t.Chdir(t.TempDir()) // no guidegen.yaml here: the bundled guide
	s := start(t, "")
	if r := s.get(t, "/nl/"); r.status != 200 || !strings.Contains(r.body, `<html lang="nl"`) {
		t.Errorf("GET /nl/: %d", r.status)
	}
	if !strings.Contains(s.log.String(), "serving the bundled guide") || !strings.Contains(s.log.String(), "not watching") {
		t.Errorf("the log does not say the bundled guide is not watched:\n%s", s.log)
	}
}

// TestServeNewTopDir: static/, absent at start, is watched once created,
// and a directory removed and created again is watched again.
func TestServeNewTopDir(t *testing.T) {
	dir := copySite(t)
	s := start(t, dir)
	events := s.events(t)
	nextEvent(t, events)
	if r := s.get(t, "/humans.txt"); r.status != 404 {
		t.Fatalf("GET /humans.txt before static/: %d", r.status)
	}
	static := filepath.Join(dir, "static")
	if err := os.MkdirAll(filepath.Join(static, ".well-known"), 0o755); err != nil {
		t.Fatal(err)
	}
	save(t, filepath.Join(static, "humans.txt"), "User-agent: *\n")
	s.waitFor(t, events, "static/humans.txt", func() bool {
		r := s.get(t, "/humans.txt")
		return r.status == 200 && r.body == "User-agent: *\n" && r.header.Get("Content-Type") == "text/plain; charset=utf-8"
	})
	// Hidden files of static/ are part of the site, and watched.
	save(t, filepath.Join(static, ".well-known", "security.txt"), "Contact: one\n")
	s.waitFor(t, events, "static/.well-known/security.txt", func() bool {
		return s.get(t, "/.well-known/security.txt").body == "Contact: one\n"
	})
	if err := os.WriteFile(filepath.Join(static, ".well-known", "security.txt"), []byte("Contact: two\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.waitFor(t, events, "the edit in static/.well-known/", func() bool {
		return s.get(t, "/.well-known/security.txt").body == "Contact: two\n"
	})

	// Removed, and made again: watched again.
	if err := os.RemoveAll(static); err != nil {
		t.Fatal(err)
	}
	s.waitFor(t, events, "static/ removed", func() bool { return s.get(t, "/humans.txt").status == 404 })
	if err := os.MkdirAll(static, 0o755); err != nil {
		t.Fatal(err)
	}
	save(t, filepath.Join(static, "humans.txt"), "User-agent: again\n")
	s.waitFor(t, events, "static/ again", func() bool { return s.get(t, "/humans.txt").body == "User-agent: again\n" })
	if err := os.WriteFile(filepath.Join(static, "humans.txt"), []byte("User-agent: edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.waitFor(t, events, "the edit in the new static/", func() bool { return s.get(t, "/humans.txt").body == "User-agent: edited\n" })
	assertNoOutput(t, dir)
}

// TestServeVimSave: an editor that moves the file away to a backup, writes
// a new one and deletes the backup (vim's default) is seen, save after
// save.
func TestServeVimSave(t *testing.T) {
	dir := copySite(t)
	s := start(t, dir)
	events := s.events(t)
	nextEvent(t, events)
	page := filepath.Join(dir, "content/nl/guide.md")
	orig := readFile(t, page)
	for i := range 3 {
		text := fmt.Sprintf("%s\nBewerking %d.\n", orig, i)
		if err := os.Rename(page, page+"~"); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(page, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(page + "~"); err != nil {
			t.Fatal(err)
		}
		s.waitFor(t, events, fmt.Sprintf("save %d", i), func() bool {
			return strings.Contains(s.get(t, "/nl/guide/").body, fmt.Sprintf("Bewerking %d.", i))
		})
	}
	if strings.Contains(s.log.String(), "guide.md~") {
		t.Errorf("the editor's backup is in the log:\n%s", s.log)
	}
}

// TestServeSnippetEdit: an edit of a file under includes/ (the default
// base of snippets) rebuilds the pages that include it.
func TestServeSnippetEdit(t *testing.T) {
	dir := copySite(t)
	if err := os.Mkdir(filepath.Join(dir, "includes"), 0o755); err != nil {
		t.Fatal(err)
	}
	save(t, filepath.Join(dir, "includes", "note.md"), "First *note*.\n")
	page := filepath.Join(dir, "content", "en", "guide.md")
	src, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	save(t, page, string(src)+"\n--8<-- \"note.md\"\n")
	s := start(t, dir)
	events := s.events(t)
	nextEvent(t, events)
	if body := s.get(t, "/guide/").body; !strings.Contains(body, "First <em>note</em>.") {
		t.Fatalf("the snippet is not in /guide/:\n%s", body)
	}
	save(t, filepath.Join(dir, "includes", "note.md"), "Second *note*.\n")
	s.waitFor(t, events, "includes/note.md", func() bool {
		return strings.Contains(s.get(t, "/guide/").body, "Second <em>note</em>.")
	})
	assertNoOutput(t, dir)
}
