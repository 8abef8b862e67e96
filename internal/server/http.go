package server

import (
	"bytes"
	_ "embed"
	"fmt"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
	"time"
)

// Prefix is the URL path below which the server serves its own files; a
// site cannot have files there.
const Prefix = "/_guidegen/"

const (
	scriptPath = Prefix + "reload.js"
	eventsPath = Prefix + "events"
)

//go:embed reload.js
var reloadJS []byte

// Handler returns the HTTP handler of the server.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(s.serveHTTP)
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	if s.loopbackOnly && !loopbackHost(r.Host) {
		// A page of another site that a DNS name of its own points at
		// 127.0.0.1 (DNS rebinding) would read the preview, drafts
		// included.
		http.Error(w, "forbidden: this preview answers only to localhost and loopback addresses", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := sitePath(r)
	if !ok {
		http.Error(w, "bad request: the path must not have '.', '..' or empty segments, backslashes, NUL, control characters or encoded slashes", http.StatusBadRequest)
		return
	}
	switch r.URL.Path {
	case scriptPath:
		h.Set("Content-Type", "text/javascript; charset=utf-8")
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(reloadJS))
		return
	case eventsPath:
		s.serveEvents(w, r)
		return
	}
	if strings.HasPrefix(r.URL.Path, Prefix) {
		http.NotFound(w, r)
		return
	}

	st := s.state.Load()
	site := st.site
	if site == nil {
		site = NewSite() // nothing built yet: everything is missing
	}
	target, redirect, found := resolve(site, name)
	if found && !isHTML(target) {
		// Styles, images and downloads are served from the last good
		// build even while the current one is broken.
		s.serveFile(w, r, target, site, http.StatusOK, st)
		return
	}
	if st.problems != nil && (found || redirect || !hasExt(name)) {
		// An HTML request: a page, or a missing path whose answer would
		// be a 404 page. A missing style or image gets the plain 404.
		s.serveErrorPage(w, r, st)
		return
	}
	switch {
	case redirect:
		u := *r.URL
		u.Path += "/"
		u.RawPath = ""
		http.Redirect(w, r, u.RequestURI(), http.StatusFound)
	case found:
		s.serveFile(w, r, target, site, http.StatusOK, st)
	case st.problems != nil:
		http.NotFound(w, r) // no HTML from the last good build
	default:
		s.serveNotFound(w, r, site, name, st)
	}
}

// loopbackHost reports whether a Host header names the loopback interface:
// localhost, a name below .localhost, or a loopback IP address, with or
// without a port.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// sitePath returns the file path inside the site that a request names:
// its URL path without the leading slash ("" for the root, "nl/guide/"
// for a directory). It refuses paths that could mean something else on
// some file system, even though the site is in memory: "." and ".."
// segments, empty segments, backslashes, NUL and other control
// characters, and encoded slashes or backslashes (%2f, %5c).
func sitePath(r *http.Request) (string, bool) {
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") {
		return "", false
	}
	raw := strings.ToLower(r.URL.EscapedPath())
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") {
		return "", false
	}
	for _, c := range p {
		if c < 0x20 || c == 0x7f || c == '\\' {
			return "", false
		}
	}
	name := p[1:]
	if name == "" {
		return "", true
	}
	for _, seg := range strings.Split(strings.TrimSuffix(name, "/"), "/") {
		if seg == "" || seg == "." || seg == ".." {
			return "", false
		}
	}
	return name, true
}

// resolve finds the file a site path names: name itself, or its
// index.html when it ends in a slash or is the root. redirect is true
// when name is a directory without its slash (the caller redirects to
// name + "/").
func resolve(site *Site, name string) (target string, redirect, found bool) {
	if name == "" || strings.HasSuffix(name, "/") {
		target = name + "index.html"
		_, found = site.Get(target)
		return target, false, found
	}
	if _, ok := site.Get(name); ok {
		return name, false, true
	}
	if _, ok := site.Get(name + "/index.html"); ok {
		return name + "/index.html", true, false
	}
	return name, false, false
}

// hasExt reports whether the last segment of a path has an extension
// other than .html: what a request for a style, an image or a download
// looks like.
func hasExt(name string) bool {
	ext := path.Ext(name)
	return ext != "" && !isHTML(name)
}

func isHTML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}

// contentType is the type of a file by its extension, with charset=utf-8
// for text; application/octet-stream when the extension is unknown.
func contentType(name string) string {
	t := mime.TypeByExtension(path.Ext(name))
	if t == "" {
		return "application/octet-stream"
	}
	if (strings.HasPrefix(t, "text/") || t == "image/svg+xml" || t == "application/json" || t == "application/xml" || t == "application/javascript") &&
		!strings.Contains(t, "charset=") {
		t += "; charset=utf-8"
	}
	return t
}

// serveFile writes a file of the site; HTML pages get the reload script.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, name string, site *Site, status int, st *state) {
	data, _ := site.Get(name)
	if isHTML(name) {
		data = injectScript(data, st.version(s.id))
	}
	w.Header().Set("Content-Type", contentType(name))
	if status == http.StatusOK {
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
		return
	}
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// serveNotFound answers a missing path with the 404 page of the locale
// the path is in ("/nl/x" gets nl/404.html), else the site's 404.html,
// with status 404.
func (s *Server) serveNotFound(w http.ResponseWriter, r *http.Request, site *Site, name string, st *state) {
	if first, _, ok := strings.Cut(name, "/"); ok {
		if page := first + "/404.html"; hasFile(site, page) {
			s.serveFile(w, r, page, site, http.StatusNotFound, st)
			return
		}
	}
	if hasFile(site, "404.html") {
		s.serveFile(w, r, "404.html", site, http.StatusNotFound, st)
		return
	}
	http.NotFound(w, r)
}

func hasFile(site *Site, name string) bool {
	_, ok := site.Get(name)
	return ok
}

// injectScript returns a copy of page with the reload script before its
// last </body> (at its end when it has none). version is the build the
// page comes from: the script reloads the page when the server's differs.
func injectScript(page []byte, version string) []byte {
	tag := `<script src="` + scriptPath + `" data-build="` + version + `" defer></script>`
	i := lastIndexFold(page, "</body>")
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag)+1)
	out = append(out, page[:i]...)
	out = append(out, tag...)
	out = append(out, '\n')
	return append(out, page[i:]...)
}

// lastIndexFold is bytes.LastIndex for an ASCII needle, ignoring ASCII
// case.
func lastIndexFold(s []byte, needle string) int {
	for i := len(s) - len(needle); i >= 0; i-- {
		if strings.EqualFold(string(s[i:i+len(needle)]), needle) {
			return i
		}
	}
	return -1
}

// serveEvents streams Server-Sent Events: one "build" event with the
// current build's version when the stream opens, and one after each build
// (several quick builds may give one event). The stream ends when the
// client goes away or the server shuts down.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	builds, unsubscribe := s.streams.subscribe()
	defer unsubscribe()
	// Reconnect a second after the stream ends (a restarted server).
	if _, err := fmt.Fprint(w, "retry: 1000\n\n"); err != nil {
		return
	}
	send := func() bool {
		v := s.state.Load().version(s.id)
		if _, err := fmt.Fprintf(w, "event: build\ndata: %s\n\n", v); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !send() {
		return
	}
	ping := time.NewTicker(20 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.streams.closed:
			return
		case <-builds:
			if !send() {
				return
			}
		case <-ping.C:
			// A comment: keeps proxies from closing an idle stream and
			// lets the server notice a client that went away.
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil || rc.Flush() != nil {
				return
			}
		}
	}
}
