package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDutchHostileHTML builds a site whose Dutch page tries to redirect
// the reader, run a script and an event handler: none of it reaches the
// output, and each is a warning naming its place in the Dutch file.
func TestDutchHostileHTML(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(fixture)); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "content/nl/guide.md")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	hostile := "## Links\n\n" +
		"<meta http-equiv=\"refresh\" content=\"1;url=https://example.org/\">\n\n" +
		"<div class=\"tip\" onclick=\"steal()\">Tip <script>steal()</script></div>\n\n" +
		"Een [klik](javascript:steal()){ style=\"color:red\" }.\n\n"
	src = []byte(strings.Replace(string(src), "## Links\n\n", hostile, 1))
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	sum, err := buildSite(t, dir, out)
	if err != nil {
		t.Fatal(err)
	}
	page := tree(t, out)["nl/guide/index.html"]
	if strings.Contains(string(page), "refresh") {
		t.Error("nl/guide/index.html redirects")
	}
	html := article(t, page) // the template has a CSP meta of its own
	for _, bad := range []string{"http-equiv", "steal()", "onclick", "javascript:", "color:red"} {
		if strings.Contains(html, bad) {
			t.Errorf("nl/guide/index.html contains %q", bad)
		}
	}
	if !strings.Contains(html, `<div class="tip">Tip </div>`) {
		t.Errorf("the allowed part of the HTML is gone:\n%s", html)
	}
	var got []string
	for _, w := range sum.Warnings {
		got = append(got, w.Error())
	}
	want := []string{
		"content/nl/guide.md:11:1: warning: <meta> removed",
		"content/nl/guide.md:13:18: warning: attribute onclick removed from <div>: it runs code",
		"content/nl/guide.md:13:40: warning: <script> removed with its content",
		`content/nl/guide.md:15:5: warning: URL "javascript:steal()" removed`,
		"content/nl/guide.md:15:33: warning: attribute style removed",
	}
	all := strings.Join(got, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("no warning %q in\n%s", w, all)
		}
	}
}
