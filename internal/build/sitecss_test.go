package build_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestSiteCSS: a site's assets/css/extra.css (or the stylesheets its css
// list names) is published under a fingerprinted name and linked after the
// theme's stylesheets; inline styles in a page are removed, each with a
// warning at its position that names that file.
func TestSiteCSS(t *testing.T) {
	const cfg = "title: CSS\nbaseURL: https://example.org/\ndefaultLocale: en\nlocales:\n  - {code: en, name: English}\n"
	page := "---\ntitle: Home\ndescription: Styles.\n---\n\nSome <span style=\"color: red\">red</span> text.\n\n<style>\np { color: red }\n</style>\n\nA paragraph.\n{ style=\"margin: 0\" }\n"
	tests := []struct {
		name   string
		files  map[string]string
		links  []string // stylesheet links, in order
		errMsg string
	}{
		{"theme only", nil, []string{`css/main\.[0-9a-f]{8}\.css`, `css/reader\.[0-9a-f]{8}\.css`}, ""},
		{"extra.css", map[string]string{"assets/css/extra.css": ".note { color: teal }\n"},
			[]string{`css/main\.[0-9a-f]{8}\.css`, `css/reader\.[0-9a-f]{8}\.css`, `css/extra\.[0-9a-f]{8}\.css`}, ""},
		{"css list", map[string]string{"guidegen.yaml": cfg + "css: [assets/css/b.css, assets/css/a.css]\n", "assets/css/a.css": "a{}\n", "assets/css/b.css": "b{}\n", "assets/css/extra.css": "x{}\n"},
			[]string{`css/main\.[0-9a-f]{8}\.css`, `css/reader\.[0-9a-f]{8}\.css`, `css/b\.[0-9a-f]{8}\.css`, `css/a\.[0-9a-f]{8}\.css`}, ""},
		{"missing listed stylesheet", map[string]string{"guidegen.yaml": cfg + "css: [assets/css/site.css]\n"}, nil,
			`guidegen.yaml:6:7: stylesheet "assets/css/site.css" not found`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]string{"guidegen.yaml": cfg, "content/en/index.md": page}
			for k, v := range tt.files {
				files[k] = v
			}
			writeFiles(t, dir, files)
			out := filepath.Join(t.TempDir(), "public")
			sum, err := buildSite(t, dir, out)
			if tt.errMsg != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errMsg) {
					t.Fatalf("error %v, want %s", err, tt.errMsg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			hint := "the site's CSP blocks inline styles; use a class, styled in the site's assets/css/extra.css"
			want := []string{
				"content/en/index.md:6:12: warning: attribute style removed from <span>: it is not allowed (" + hint + ")",
				"content/en/index.md:8:1: warning: <style> removed with its content (" + hint + ")",
				"content/en/index.md:13:3: warning: attribute style removed: it is not allowed (" + hint + ")",
			}
			if len(sum.Warnings) != len(want) {
				t.Fatalf("warnings %v, want %q", sum.Warnings, want)
			}
			for i, w := range sum.Warnings {
				if w.Error() != want[i] {
					t.Errorf("warning\n%s\nwant\n%s", w, want[i])
				}
			}
			html, err := os.ReadFile(filepath.Join(out, "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range regexp.MustCompile(`<link rel="?stylesheet"? href="?/assets/([^" >]+)`).FindAllStringSubmatch(string(html), -1) {
				got = append(got, m[1])
			}
			if len(got) != len(tt.links) {
				t.Fatalf("stylesheets %q, want %q", got, tt.links)
			}
			for i, re := range tt.links {
				if !regexp.MustCompile("^" + re + "$").MatchString(got[i]) {
					t.Errorf("stylesheet %d = %q, want %s", i, got[i], re)
				}
				if _, err := os.Stat(filepath.Join(out, "assets", got[i])); err != nil {
					t.Error(err)
				}
			}
			if strings.Contains(string(html), "style=") || strings.Contains(string(html), "<style") {
				t.Error("inline style published")
			}
		})
	}
}
