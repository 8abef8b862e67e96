package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown/icons"
)

func TestFile(t *testing.T) {
	tests := []struct {
		name, want string
		ok         bool
	}{
		{"octicons-home-16", "octicons:home-16.svg", true},
		{"material-arrow-right-drop-circle", "material:arrow-right-drop-circle.svg", true},
		{"simple-googleplay", "simple:googleplay.svg", true},
		{"fontawesome-brands-windows", "fontawesome:brands/windows.svg", true},
		{"fontawesome-solid-lock", "fontawesome:solid/lock.svg", true},
		{"fontawesome-windows", "", false},
		{"fontawesome-light-windows", "", false},
	}
	for _, tt := range tests {
		got, ok := "", false
		for _, p := range pkgs {
			if f, found := p.file(tt.name); found {
				got, ok = p.prefix+":"+f, true
			}
		}
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: got %q, %v; want %q, %v", tt.name, got, ok, tt.want, tt.ok)
		}
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
