package server

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/guidegen/guidegen/internal/build"
)

var _ build.Sink = (*Site)(nil)

func TestSiteWritesOnce(t *testing.T) {
	s := NewSite()
	data := []byte("<p>one</p>")
	if err := s.WriteFile("guide/index.html", "content/en/guide.md", data); err != nil {
		t.Fatal(err)
	}
	copy(data, "XXXXXXXXXX") // the build reuses its buffers
	if got, _ := s.Get("guide/index.html"); string(got) != "<p>one</p>" {
		t.Errorf("the site kept the caller's buffer: %q", got)
	}
	for _, tc := range []struct {
		rel, source, want string
	}{
		{"guide/index.html", "static/guide/index.html", "guide/index.html: written by content/en/guide.md and by static/guide/index.html"},
		{"./guide//index.html", "static/guide/index.html", "guide/index.html: written by content/en/guide.md and by static/guide/index.html"},
		{"guide", "static/guide", "guide: static/guide writes a file here, but content/en/guide.md writes guide/index.html inside it"},
		{"guide/index.html/x", "static/x", "guide/index.html: content/en/guide.md writes a file here, but static/x writes guide/index.html/x inside it"},
		{"../x", "static/x", `static/x: output path "../x" is outside the site`},
		{"/x", "static/x", `static/x: output path "/x" is outside the site`},
		{"", "static/x", `static/x: output path "" is outside the site`},
	} {
		err := s.WriteFile(tc.rel, tc.source, []byte("x"))
		if err == nil || err.Error() != tc.want {
			t.Errorf("WriteFile(%q): %v, want %s", tc.rel, err, tc.want)
		}
	}
	if s.Len() != 1 || !s.IsDir("guide") || s.IsDir("guide/index.html") {
		t.Errorf("site: %v", s.Names())
	}
}

func TestSiteCopyFile(t *testing.T) {
	fsys := fstest.MapFS{
		"img/a.svg": {Data: []byte("<svg/>")},
		"dir/x":     {Data: []byte("x")},
	}
	s := NewSite()
	if err := s.CopyFile(fsys, "img/a.svg", "assets/img/a.svg", "assets/img/a.svg"); err != nil {
		t.Fatal(err)
	}
	if got, ok := s.Get("assets/img/a.svg"); !ok || string(got) != "<svg/>" {
		t.Errorf("copied %q %v", got, ok)
	}
	if err := s.CopyFile(fsys, "img/a.svg", "assets/img/a.svg", "static/assets/img/a.svg"); err == nil ||
		err.Error() != "assets/img/a.svg: written by assets/img/a.svg and by static/assets/img/a.svg" {
		t.Errorf("a second copy: %v", err)
	}
	if err := s.CopyFile(fsys, "dir", "d", "static/dir"); err == nil || !strings.Contains(err.Error(), "static/dir: is a directory") {
		t.Errorf("copying a directory: %v", err)
	}
	if err := s.CopyFile(fsys, "nope", "nope", "static/nope"); err == nil || !strings.HasPrefix(err.Error(), "static/nope: ") {
		t.Errorf("copying a missing file: %v", err)
	}
}

// TestSiteConcurrent: the build writes from many goroutines (run with
// -race); each path is taken by exactly one of two writers.
func TestSiteConcurrent(t *testing.T) {
	s := NewSite()
	var wg sync.WaitGroup
	errs := make(chan error, 400)
	for w := range 2 {
		for i := range 200 {
			wg.Go(func() {
				if err := s.WriteFile(fmt.Sprintf("p%d/index.html", i%100), fmt.Sprintf("writer %d", w), []byte("x")); err != nil {
					errs <- err
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	n := 0
	for err := range errs {
		if !strings.Contains(err.Error(), "written by writer") {
			t.Error(err)
		}
		n++
	}
	if s.Len() != 100 || n != 300 {
		t.Errorf("%d files, %d errors; want 100 and 300", s.Len(), n)
	}
}

func TestSitePath(t *testing.T) {
	for target, want := range map[string]string{
		"/":                  "",
		"/guide/":            "guide/",
		"/nl/guide":          "nl/guide",
		"/assets/img/a.svg":  "assets/img/a.svg",
		"/a%20b/":            "a b/",
		"/caf%C3%A9/":        "café/",
		"/.well-known/x.txt": ".well-known/x.txt",
	} {
		r := httptest.NewRequest("GET", target, nil)
		if got, ok := sitePath(r); !ok || got != want {
			t.Errorf("sitePath(%s) = %q, %v; want %q", target, got, ok, want)
		}
	}
	for _, target := range []string{
		"/..", "/../", "/../x", "/a/../b", "/./a", "/a/./b", "/a//b", "//a",
		"/%2e%2e/x", "/%2E%2E", "/a%2fb", "/a%2Fb", "/..%2fx", "/a%5cb", "/a%5C..",
		"/a\\b", "/%00", "/a%00.html", "/a%0a", "/a%7f",
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.URL.Path, r.URL.RawPath = decode(t, target), target
		if got, ok := sitePath(r); ok {
			t.Errorf("sitePath(%s) = %q, want refused", target, got)
		}
	}
}

// decode decodes a URL path as net/http does.
func decode(t *testing.T, p string) string {
	t.Helper()
	r := httptest.NewRequest("GET", "/", nil)
	if err := r.URL.UnmarshalBinary([]byte("http://h" + strings.ReplaceAll(p, "\\", "%5C"))); err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(r.URL.Path, "%5C", "\\")
}

func TestContentType(t *testing.T) {
	for name, want := range map[string]string{
		"index.html":     "text/html; charset=utf-8",
		"a/main.css":     "text/css; charset=utf-8",
		"img/a.svg":      "image/svg+xml; charset=utf-8",
		"img/a.png":      "image/png",
		"x.js":           "text/javascript; charset=utf-8",
		"robots.txt":     "text/plain; charset=utf-8",
		"data.json":      "application/json; charset=utf-8",
		"CNAME":          "application/octet-stream",
		"files/x.nosuch": "application/octet-stream",
	} {
		if got := contentType(name); got != want {
			t.Errorf("contentType(%s) = %q, want %q", name, got, want)
		}
	}
}

func TestInjectScript(t *testing.T) {
	const tag = `<script src="/_guidegen/reload.js" data-build="v" defer></script>` + "\n"
	for page, want := range map[string]string{
		"<body><p>x</p></body>\n</html>\n":     "<body><p>x</p>" + tag + "</body>\n</html>\n",
		"<p></body> in text</p></body></html>": "<p></body> in text</p>" + tag + "</body></html>",
		"<BODY>x</BODY>":                       "<BODY>x" + tag + "</BODY>",
		"no body":                              "no body" + tag,
	} {
		if got := string(injectScript([]byte(page), "v")); got != want {
			t.Errorf("injectScript(%q) = %q, want %q", page, got, want)
		}
	}
}
