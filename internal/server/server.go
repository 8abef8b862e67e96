// Package server is `guidegen serve`: it builds a site into memory, serves
// it on a loopback address, rebuilds it when its input changes and tells
// the open pages to reload.
//
//   - Nothing is written on disk: every build renders into a fresh
//     in-memory [Site], which is swapped in only when the build succeeded.
//     The configured output directory (public/) is never read or written,
//     and no request is ever answered from the file system. On a
//     loopback address, only requests for localhost or a loopback address
//     are answered (no DNS rebinding).
//   - The site is served at the root of the server (its base URL is
//     replaced by the server's address), with pretty URLs (/x/ serves
//     x/index.html, /x redirects to /x/ when that exists), the 404 page
//     of the locale a missing path is in, with status 404, and the
//     content type of each file's extension.
//   - The site's directories content/ (and content/data/), locales/,
//     templates/, assets/, static/ and its guidegen.yaml are watched with
//     fsnotify: new directories are watched as they appear, an editor
//     that saves by writing a new file and renaming it over the old one is
//     seen (directories are watched, not files), and a burst of events is
//     coalesced into one rebuild. The bundled guide, embedded in the
//     binary, cannot change: it is served without watching.
//   - Every HTML page is served with one script added before </body>,
//     /_guidegen/reload.js, from the server itself (so the sites' CSP,
//     script-src 'self', allows it). It listens on Server-Sent Events at
//     /_guidegen/events and reloads the page, keeping its scroll position,
//     after each build.
//   - While the last build failed, every HTML request is answered with an
//     error page (status 500) listing each problem as file:line:col with
//     the line of the source; other files (styles, images) are still
//     served from the last good build. The next successful build reloads
//     the pages.
//
// The package builds through a [Builder], so that it does not depend on how
// the build engine renders: [RenderBuilder] renders the whole site each
// time with build.Render.
package server

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/guidegen/guidegen/internal/build"
	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/limits"
	"github.com/guidegen/guidegen/internal/sitefs"
)

// Result is what a build reports to the server.
type Result struct {
	Summary *build.Summary
	// Rendered counts the pages rendered by this build, Reused those taken
	// from an earlier one.
	Rendered, Reused int
}

// Builder builds the whole site into sink: every file of the site, the
// pages it did not re-render included, because each build fills a fresh
// sink. changed lists, sorted, the slash-separated paths inside the site
// directory that were created, written, removed or renamed since the
// previous call ("content/en/guide.md", "templates/base.html"); a path may
// name a directory (created, removed or moved as a whole: everything below
// it changed) or a file that no longer exists. changed is nil for the
// first build, or when what changed is unknown (the watcher lost events),
// and then everything must be rebuilt.
type Builder func(sink build.Sink, changed []string) (Result, error)

// RenderBuilder builds with build.Render: everything, every time.
func RenderBuilder(o build.Options) Builder {
	return func(sink build.Sink, _ []string) (Result, error) {
		sum, err := build.Render(o, sink)
		return Result{Summary: sum, Rendered: pages(sum)}, err
	}
}

// newBuilder is the build the server runs: build's Engine, which renders
// again only the pages a change touches and writes the others' kept bytes.
func newBuilder(o build.Options) Builder {
	e := build.NewEngine(o)
	return func(sink build.Sink, changed []string) (Result, error) {
		sum, st, err := e.Build(sink, changed)
		return Result{Summary: sum, Rendered: st.Rendered, Reused: st.Reused}, err
	}
}

// pages counts the pages of a build summary, every locale's.
func pages(sum *build.Summary) int {
	if sum == nil {
		return 0
	}
	n := 0
	for _, l := range sum.Locales {
		n += l.Pages
	}
	return n
}

// Options configure Run and Serve.
type Options struct {
	Site *sitefs.Site
	// Addr is the address to listen on; DefaultAddr when empty.
	Addr   string
	Drafts bool
	// Log receives the server's messages: the address, each rebuild and
	// its problems. Nothing when nil.
	Log io.Writer
	// Debounce is how long the watcher waits after an event for more
	// before it rebuilds; DefaultDebounce when zero.
	Debounce time.Duration
}

// DefaultAddr is where the server listens unless told otherwise: on the
// loopback interface only.
const DefaultAddr = "127.0.0.1:8000"

// DefaultDebounce coalesces the events of one save (an editor's temporary
// file, rename and attribute change) and of a checkout into one rebuild.
const DefaultDebounce = 75 * time.Millisecond

// Run listens on o.Addr and serves until ctx is done (Ctrl-C); see Serve.
func Run(ctx context.Context, o Options) error {
	addr := o.Addr
	if addr == "" {
		addr = DefaultAddr
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	return Serve(ctx, ln, o)
}

// Serve builds the site, serves it on ln and rebuilds it on every change
// of its input until ctx is done; then it stops the HTTP server (ending
// the event streams), closes the watcher and returns nil. An error is
// returned only when the server cannot run at all; a failed build is not
// one (its problems are shown in the log and in the browser).
func Serve(ctx context.Context, ln net.Listener, o Options) error {
	defer ln.Close()
	base := baseURL(ln.Addr())
	bo := build.Options{Site: o.Site, BaseURL: base, Drafts: o.Drafts}
	s := New(o.Site, newBuilder(bo), o.Log)

	var w *watcher
	if o.Site.Dir != "" {
		var err error
		// Watch before the first build, so that no edit made during it is
		// missed.
		w, err = newWatcher(o.Site.Dir, s.logf)
		if err != nil {
			return err
		}
		defer w.close()
	}
	s.logf("building %s…", describeSite(o.Site))
	s.Rebuild(nil)

	hs := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	s.loopbackOnly = isLoopback(ln.Addr())
	hs.RegisterOnShutdown(s.closeStreams)
	s.announce(base, o)
	if !isLoopback(ln.Addr()) {
		s.logf("warning: %s is not a loopback address: every host that can reach it sees the preview", ln.Addr())
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()

	var wg sync.WaitGroup
	watchCtx, stopWatch := context.WithCancel(ctx)
	defer stopWatch()
	if w != nil {
		debounce := o.Debounce
		if debounce <= 0 {
			debounce = DefaultDebounce
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.run(watchCtx, debounce, s.rebuild)
		}()
	}

	var err error
	select {
	case <-ctx.Done():
	case err = <-served:
		err = fmt.Errorf("serve: %w", err)
	}
	stopWatch()
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if serr := hs.Shutdown(shutdown); serr != nil && err == nil {
		err = fmt.Errorf("serve: stopping the HTTP server: %w", serr)
	}
	wg.Wait() // a build in progress finishes first; the watcher closes on return
	if err == nil {
		s.logf("stopped")
	}
	return err
}

// baseURL is the site's base URL when served on addr: the server's root,
// with "localhost" for an unspecified address (0.0.0.0, ::).
func baseURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + "/"
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

func isLoopback(addr net.Addr) bool {
	host, _, err := net.SplitHostPort(addr.String())
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Server holds the site being served and what the last build said.
type Server struct {
	src   *sitefs.Site
	build Builder
	log   io.Writer
	logMu sync.Mutex

	// id tells this server's builds from another run's, so that a page
	// that reconnects to a restarted server reloads.
	id    string
	state atomic.Pointer[state]
	// building serializes builds; Rebuild is called from one goroutine
	// in Serve, but tests and callers may call it too.
	building sync.Mutex
	warnings int    // of the last build; guarded by building
	last     Result // of the last build; guarded by building

	streams streams
	// loopbackOnly refuses requests whose Host is not a loopback name or
	// address; set when listening on a loopback address.
	loopbackOnly bool
}

// state is what is served: the last good site, and the problems of the
// last build when it failed.
type state struct {
	site *Site // nil until a build succeeded
	// problems are the errors of the last build, which failed; nil when
	// it succeeded.
	problems []*diag.Problem
	// gen counts the builds; a page built by an earlier one reloads.
	gen uint64
}

func (st *state) version(id string) string {
	return id + "-" + strconv.FormatUint(st.gen, 10)
}

// New returns a server of src's site, built by b, that logs to log (which
// may be nil). It serves nothing until Rebuild is called.
func New(src *sitefs.Site, b Builder, log io.Writer) *Server {
	s := &Server{src: src, build: b, log: log, id: strconv.FormatInt(time.Now().UnixNano(), 36)}
	s.state.Store(&state{})
	s.streams.init()
	return s
}

func (s *Server) logf(format string, args ...any) {
	if s.log == nil {
		return
	}
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.log, "%s %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
}

func (s *Server) announce(base string, o Options) {
	st := s.state.Load()
	var locales []string
	if st.site != nil {
		for _, name := range st.site.Names() {
			if dir, ok := strings.CutSuffix(name, "/index.html"); ok && !strings.Contains(dir, "/") && st.site.IsDir(dir) {
				if _, ok := st.site.Get(dir + "/404.html"); ok {
					locales = append(locales, base+dir+"/")
				}
			}
		}
	}
	what := describeSite(o.Site)
	watching := "watching it for changes"
	if o.Site.Dir == "" {
		watching = "not watching: it is embedded in the binary (run in a site's directory, or pass --src DIR, to preview edits)"
	}
	msg := fmt.Sprintf("serving %s at %s", what, base)
	if len(locales) > 0 {
		msg += " (also " + strings.Join(locales, ", ") + ")"
	}
	s.logf("%s; %s. Ctrl-C stops.", msg, watching)
}

func describeSite(site *sitefs.Site) string {
	if site.Dir == "" {
		return "the bundled guide"
	}
	return "the site in " + site.Dir
}

// Rebuild builds the site into a fresh in-memory site, serves it when the
// build succeeded, and tells the open pages to reload. changed lists the
// paths inside the site that changed (nil: everything).
func (s *Server) Rebuild(changed []string) {
	s.rebuild(changed, time.Time{})
}

// rebuild is Rebuild for changes first seen at since (zero: unknown); the
// log then also says how long after the change the new site was served,
// the watcher's wait for the end of a burst of events included.
func (s *Server) rebuild(changed []string, since time.Time) {
	s.building.Lock()
	defer s.building.Unlock()
	start := time.Now()
	n := 0
	if last := s.state.Load().site; last != nil {
		n = last.Len() + last.Len()/16
	}
	site := newSite(n)
	res, err := s.build(site, changed)
	elapsed := time.Since(start)
	s.last = res

	what := "built"
	if changed != nil {
		what = describe(changed)
	}
	took := elapsed.Round(time.Millisecond).String()
	if !since.IsZero() {
		took += fmt.Sprintf(" (%s after the change)", time.Since(since).Round(time.Millisecond))
	}
	old := s.state.Load()
	next := &state{site: old.site, gen: old.gen + 1}
	if err != nil {
		var l diag.List
		l.Add(err)
		next.problems = l.Problems()
		if len(next.problems) == 0 { // cannot happen: err is not nil
			next.problems = []*diag.Problem{{Msg: err.Error()}}
		}
		s.state.Store(next)
		kept := "the last good site is still served"
		if old.site == nil {
			kept = "nothing to serve until it is fixed"
		}
		s.logf("%s: build failed in %s with %s; %s:", what, took, count(len(next.problems), "error"), kept)
		s.logProblems(next.problems)
	} else {
		next.site = site
		s.state.Store(next)
		reused := ""
		if res.Reused > 0 {
			reused = fmt.Sprintf(", %d reused", res.Reused)
		}
		s.logf("%s: %s rendered%s, %d files, in %s", what, count(res.Rendered, "page"), reused, site.Len(), took)
	}
	// Warnings in full the first time, then when their number changes.
	if res.Summary != nil {
		if n := len(res.Summary.Warnings); n != s.warnings || changed == nil && n > 0 {
			s.logf("  %s", count(n, "warning"))
			s.logProblems(res.Summary.Warnings)
			s.warnings = n
		}
	}
	s.streams.notify()
}

// logProblems prints problems, one a line, at most limits.Problems.
func (s *Server) logProblems(ps []*diag.Problem) {
	shown := ps[:min(len(ps), limits.Problems)]
	for _, p := range shown {
		s.logf("  %s", p.Error())
	}
	if n := len(ps) - len(shown); n > 0 {
		s.logf("  … and %s", diag.Plural(n, "more problem", "more problems"))
	}
}

// describe says what changed: "content/en/guide.md changed", "3 files
// changed: a, b, c", for at most a few names.
func describe(changed []string) string {
	const shown = 3
	switch len(changed) {
	case 0:
		return "rebuilt"
	case 1:
		return changed[0] + " changed"
	}
	names := strings.Join(changed[:min(len(changed), shown)], ", ")
	if len(changed) > shown {
		names += ", …"
	}
	return fmt.Sprintf("%d files changed (%s)", len(changed), names)
}

func count(n int, what string) string {
	return diag.Plural(n, what, what+"s")
}

// streams are the open event streams, told about each build.
type streams struct {
	mu     sync.Mutex
	subs   map[chan struct{}]bool
	closed chan struct{}
	once   sync.Once
}

func (st *streams) init() {
	st.subs = map[chan struct{}]bool{}
	st.closed = make(chan struct{})
}

// subscribe returns a channel that receives a value after each build
// (several builds may be coalesced into one value), and a function that
// unsubscribes.
func (st *streams) subscribe() (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	st.mu.Lock()
	st.subs[ch] = true
	st.mu.Unlock()
	return ch, func() {
		st.mu.Lock()
		delete(st.subs, ch)
		st.mu.Unlock()
	}
}

func (st *streams) notify() {
	st.mu.Lock()
	defer st.mu.Unlock()
	for ch := range st.subs {
		select {
		case ch <- struct{}{}:
		default: // already has one pending
		}
	}
}

// closeStreams ends every event stream (http.Server.Shutdown waits for
// handlers to return, and a stream would not).
func (s *Server) closeStreams() {
	s.streams.once.Do(func() { close(s.streams.closed) })
}
