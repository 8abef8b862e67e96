package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown/icons"
)

// TestReadSet: nested files are named with hyphens ("brands-windows"),
// each SVG is cleaned, and ids inside an icon are made its own.
func TestReadSet(t *testing.T) {
	dir := t.TempDir()
	write := func(p, s string) {
		t.Helper()
		p = filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("brands/windows.svg", `<svg width="1" viewBox="0 0 1 1"><path d="M0"/></svg>`)
	write("clip.svg", `<svg viewBox="0 0 1 1"><clipPath id="a"><rect/></clipPath><path clip-path="url(#a)"/></svg>`)
	write("README.md", "not an icon")
	set, err := readSet(dir, "gg-fontawesome")
	if err != nil {
		t.Fatal(err)
	}
	if len(set) != 2 {
		t.Fatalf("%d icons: %v", len(set), set)
	}
	if got := string(set["brands-windows"]); got != `<svg viewBox="0 0 1 1" focusable="false"><path d="M0"></path></svg>` {
		t.Errorf("brands-windows: %s", got)
	}
	if got := string(set["clip"]); !strings.Contains(got, `id="gg-fontawesome-clip-a"`) || !strings.Contains(got, `url(#gg-fontawesome-clip-a)`) {
		t.Errorf("clip: %s", got)
	}
	write("bad.svg", `<svg><script/></svg>`)
	if _, err := readSet(dir, "x"); err == nil || !strings.Contains(err.Error(), "bad.svg") {
		t.Errorf("a bad SVG: %v", err)
	}
}

func TestUsed(t *testing.T) {
	root := t.TempDir()
	write := func(p, s string) {
		t.Helper()
		p = filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/en/a.md", "[:octicons-home-16: Home](x) :simple-signal: 10:30 :smile:\n")
	write("templates/t.html", `{{icon ":material-check:"}}`)
	write("extra.txt", "# comment\n\nfontawesome-brands-windows\n")
	got, err := used(root, []string{"content", "templates"}, filepath.Join(root, "extra.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"fontawesome-brands-windows", "material-check", "octicons-home-16", "simple-signal"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
	write("extra.txt", "Not An Icon\n")
	if _, err := used(root, nil, filepath.Join(root, "extra.txt")); err == nil {
		t.Error("a bad line in the extra list was accepted")
	}
}

// TestCommitted checks that every icon the bundled guide uses is in the
// committed icon pack, so a fresh machine builds without npm.
func TestCommitted(t *testing.T) {
	root := "../.."
	names, err := used(root, []string{"content", "templates"}, "extra.txt")
	if err != nil {
		t.Fatal(err)
	}
	set, err := icons.Load(os.DirFS(filepath.Join(root, "assets")), icons.Dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if _, ok := set.Lookup(n); !ok {
			t.Errorf("icon %s is used but not in the icon pack", n)
		}
	}
}
