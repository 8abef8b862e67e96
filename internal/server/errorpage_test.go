package server

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/guidegen/guidegen/internal/build"
	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/sitefs"
)

// TestErrorPage drives a server with a fake build: every problem is
// listed with its position and source line (escaped), in order; the page
// is the server's own, with its own CSP.
func TestErrorPage(t *testing.T) {
	src := &sitefs.Site{
		FS: fstest.MapFS{
			"content/en/a.md": {Data: []byte("---\ntitle: A\n---\n\tSee <script>alert(1)</script> [x](y.md).\r\nlast\n")},
		},
		Theme: fstest.MapFS{
			"templates/base.html": {Data: []byte("<p>{{T \"x\"}</p>\n")},
		},
	}
	fail := true
	b := func(sink build.Sink, changed []string) (Result, error) {
		if err := sink.WriteFile("index.html", "content/en/index.md", []byte("<html><body>home</body></html>")); err != nil {
			return Result{}, err
		}
		if err := sink.WriteFile("img/a.svg", "assets/img/a.svg", []byte("<svg/>")); err != nil {
			return Result{}, err
		}
		if !fail {
			return Result{Rendered: 1}, nil
		}
		var l diag.List
		l.Add(
			diag.Errorf(diag.Pos{File: "content/en/a.md", Line: 4, Col: 36}, "link to missing page %q", "y.md"),
			diag.Errorf(diag.Pos{File: "templates/base.html", Line: 1}, "unexpected %q in operand", "}"),
			diag.Errorf(diag.Pos{File: "content/en/a.md", Line: 99, Col: 1}, "beyond the end"),
			diag.Errorf(diag.Pos{File: "../../etc/passwd", Line: 1, Col: 1}, "a name outside the site"),
			errors.New("index.html: written by a and by b"),
		)
		return Result{}, l.Err()
	}
	s := New(src, b, nil)
	fail = false
	s.Rebuild(nil)
	fail = true
	s.Rebuild([]string{"content/en/a.md"})

	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	body := rec.Body.String()
	if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Header().Get("Content-Security-Policy"), "default-src 'none'") {
		t.Fatalf("GET /: %d %v", rec.Code, rec.Header())
	}
	want := []string{
		"5 problems",
		`<span class="pos"></span>index.html: written by a and by b`,
		`<span class="pos">content/en/a.md:4:36</span>: link to missing page &#34;y.md&#34;`,
		"    4 |     See &lt;script&gt;alert(1)&lt;/script&gt; [x](y.md).\n      |                                       ^</code>",
		`<span class="pos">content/en/a.md:99:1</span>: beyond the end` + "\n</li>",
		`<span class="pos">templates/base.html:1</span>: unexpected &#34;}&#34; in operand`,
		"    1 | &lt;p&gt;{{T &#34;x&#34;}&lt;/p&gt;</code>",
		`<span class="pos">../../etc/passwd:1:1</span>: a name outside the site` + "\n</li>",
		`<script src="/_guidegen/reload.js" data-build="` + s.id + `-2" defer></script>`,
	}
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("no %q in\n%s", w, body)
		}
	}
	if strings.Contains(body, "<script>alert") || strings.Contains(body, "\r") {
		t.Errorf("the source line is not escaped:\n%s", body)
	}
	// Problems in file order, the unpositioned first.
	if i, j := strings.Index(body, "written by a"), strings.Index(body, "content/en/a.md:4:36"); i > j {
		t.Errorf("problems out of order:\n%s", body)
	}

	// The last good build's other files are still served.
	rec = httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/img/a.svg", nil))
	if rec.Code != 200 || rec.Body.String() != "<svg/>" {
		t.Errorf("GET /img/a.svg while broken: %d %q", rec.Code, rec.Body)
	}
	rec = httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/img/b.svg", nil))
	if rec.Code != 404 || strings.Contains(rec.Body.String(), "<html") {
		t.Errorf("GET /img/b.svg while broken: %d %q, want a plain 404", rec.Code, rec.Body)
	}

	fail = false
	s.Rebuild([]string{"content/en/a.md"})
	rec = httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "home") {
		t.Errorf("GET / after the fix: %d\n%s", rec.Code, rec.Body)
	}
}
