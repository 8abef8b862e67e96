package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// siteWith copies the fixture site into a temporary directory and adds
// files to it (slash paths).
func siteWith(t *testing.T, extra map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dir, os.DirFS(fixture)); err != nil {
		t.Fatal(err)
	}
	for name, data := range extra {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestOutputCollisions: two sources that map to the same output path (or
// to a file and a directory at one path) fail the build with an error
// naming both, whatever order the parallel writers run in.
func TestOutputCollisions(t *testing.T) {
	tests := []struct {
		name  string
		extra map[string]string
		want  string
	}{
		{
			"a page where an asset is",
			map[string]string{"content/en/assets/img/logo.svg.md": "---\ntitle: Logo\ndescription: D.\n---\n\nText.\n"},
			"public/assets/img/logo.svg: assets/img/logo.svg writes a file here, but content/en/assets/img/logo.svg.md writes public/assets/img/logo.svg/index.html inside it",
		},
		{
			"a page of the bundled theme's asset path",
			map[string]string{"content/en/assets/img/favicon.svg.md": "---\ntitle: Icon\ndescription: D.\n---\n\nText.\n"},
			"public/assets/img/favicon.svg: assets/img/favicon.svg writes a file here, but content/en/assets/img/favicon.svg.md writes public/assets/img/favicon.svg/index.html inside it",
		},
		{
			"an English page at the Dutch home", // issue 12, item 15
			map[string]string{"content/en/nl.md": "---\ntitle: NL\ndescription: D.\n---\n\nText.\n"},
			"public/nl/index.html: written by content/en/nl.md and by content/nl/index.md",
		},
		{
			"a static file at a page",
			map[string]string{"static/guide/index.html": "mine"},
			"public/guide/index.html: written by content/en/guide.md and by static/guide/index.html",
		},
		{
			"a static file at an asset",
			map[string]string{"static/assets/img/logo.svg": "<svg/>"},
			"public/assets/img/logo.svg: written by assets/img/logo.svg and by static/assets/img/logo.svg",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := siteWith(t, tt.extra)
			t.Chdir(filepath.Dir(site))
			out := "public"
			for range 3 { // the order of the writers varies; the message does not
				_, err := buildSite(t, site, out)
				if err == nil {
					t.Fatal("the build succeeded")
				}
				if !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("error:\n%v\nwant:\n%s", err, tt.want)
				}
				if strings.HasPrefix(err.Error(), ":") {
					t.Errorf("error names no file: %v", err)
				}
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a failed build wrote the output")
			}
		})
	}
}

// TestStatic: files under static/, dotfiles included, are copied verbatim
// to the output root and stay there build after build.
func TestStatic(t *testing.T) {
	files := map[string]string{
		"CNAME":                      "guide.example.org\n",
		"_headers":                   "/*\n  X-Frame-Options: DENY\n",
		"favicon.ico":                "\x00\x00\x01\x00",
		".well-known/security.txt":   "Contact: mailto:security@example.org\n",
		"nested/deeper/.hidden/file": "kept",
	}
	extra := map[string]string{}
	for name, data := range files {
		extra["static/"+name] = data
	}
	site := siteWith(t, extra)
	out := filepath.Join(t.TempDir(), "public")
	for i := range 3 {
		if _, err := buildSite(t, site, out); err != nil {
			t.Fatal(err)
		}
		got := tree(t, out)
		for name, data := range files {
			if string(got[name]) != data {
				t.Errorf("build %d: %s = %q, want %q", i+1, name, got[name], data)
			}
		}
		if _, ok := got["index.html"]; !ok {
			t.Errorf("build %d: pages missing", i+1)
		}
	}
}

// TestSymlinkedOut builds through public -> target twice: the link stays
// and the pages land in the target.
func TestSymlinkedOut(t *testing.T) {
	tmp := t.TempDir()
	target := filepath.Join(tmp, "srv", "www")
	if err := os.MkdirAll(target, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(tmp, "public")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if _, err := buildSite(t, fixture, link); err != nil {
			t.Fatalf("build %d: %v", i+1, err)
		}
		if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("build %d: the link was replaced (%v)", i+1, err)
		}
		if _, err := os.Stat(filepath.Join(target, "guide/index.html")); err != nil {
			t.Fatalf("build %d: %v", i+1, err)
		}
	}
}

// TestNoWriteThroughOldLinks: a link that someone left in the output to a
// directory outside it is replaced by later builds, never written through.
func TestNoWriteThroughOldLinks(t *testing.T) {
	tmp := t.TempDir()
	outside := filepath.Join(tmp, "elsewhere")
	if err := os.MkdirAll(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	victim := filepath.Join(outside, "index.html")
	if err := os.WriteFile(victim, []byte("not a page"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(tmp, "public")
	if _, err := buildSite(t, fixture, out); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(out, "guide")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(out, "guide")); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if _, err := buildSite(t, fixture, out); err != nil {
			t.Fatalf("build %d: %v", i+1, err)
		}
		if b, _ := os.ReadFile(victim); string(b) != "not a page" {
			t.Fatalf("build %d wrote through the link into %s", i+1, victim)
		}
	}
}
