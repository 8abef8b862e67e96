package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown/icons"
)

func TestReadLogos(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "logos.txt")
	write := func(s string) {
		t.Helper()
		if err := os.WriteFile(file, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("# comment\n\nsignal signal\nsimplex  simplex #0053d0\nsession session #00F782 #000000\n")
	got, err := readLogos(file)
	if err != nil {
		t.Fatal(err)
	}
	want := []logo{{"signal", "signal", "", ""}, {"simplex", "simplex", "#0053d0", ""}, {"session", "session", "#00F782", "#000000"}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	for _, bad := range []string{
		"signal\n",                       // no slug
		"Signal signal\n",                // not an id
		"signal sig.nal\n",               // not a slug
		"signal signal blue\n",           // not a colour
		"signal signal #3B45FD #000\n",   // short tile colour
		"signal signal #1 #2 #3\n",       // too many fields
		"signal signal\nsignal signal\n", // twice
	} {
		write(bad)
		if _, err := readLogos(file); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}

// mark is a single-colour icon shaped like those of simple-icons.
const mark = `<svg role="img" viewBox="0 0 24 24" xmlns="http://www.w3.org/2000/svg"><title>Example</title><path d="M12 0a12 12 0 1 0 0 24A12 12 0 0 0 12 0z"/></svg>`

func TestMakeLogo(t *testing.T) {
	plain, err := makeLogo([]byte(mark), "Ex & Co", "#3b45fd", "", "from a -- test")
	if err != nil {
		t.Fatal(err)
	}
	s := string(plain)
	for _, want := range []string{
		"<!-- from a - - test -->\n", `viewBox="0 0 24 24"`, "<title>Ex &amp; Co</title>",
		`<g fill="#3B45FD"><path d="M12 0a12 12 0 1 0 0 24A12 12 0 0 0 12 0z"/></g>`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("plain logo lacks %s:\n%s", want, s)
		}
	}
	if strings.Contains(s, "<rect") || strings.Contains(s, "role=") {
		t.Errorf("plain logo has a tile or a role:\n%s", s)
	}

	tiled, err := makeLogo([]byte(mark), "Example", "#00F782", "#000000", "test")
	if err != nil {
		t.Fatal(err)
	}
	s = string(tiled)
	for _, want := range []string{`<rect width="24" height="24" rx="5.5" fill="#000000"/>`, `<g fill="#00F782" transform="matrix(.7 0 0 .7 3.6 3.6)">`} {
		if !strings.Contains(s, want) {
			t.Errorf("tiled logo lacks %s:\n%s", want, s)
		}
	}

	if _, err := makeLogo([]byte(`<svg xmlns="http://www.w3.org/2000/svg"><circle r="3"/></svg>`), "x", "#000000", "", ""); err == nil {
		t.Error("an icon without a path was accepted")
	}
	if _, err := makeLogo([]byte(mark), "x", "red", "", ""); err == nil {
		t.Error("a fill that is not a colour was accepted")
	}
}

// TestWriteLogos runs the generator on a fake simple-icons package and
// checks that it writes the listed logos and the licence note, and leaves
// hand-drawn logos alone.
func TestWriteLogos(t *testing.T) {
	root := t.TempDir()
	si := filepath.Join(t.TempDir(), "simple-icons")
	files := map[string]string{
		filepath.Join(si, "icons", "example.svg"):      mark,
		filepath.Join(si, "data", "simple-icons.json"): `[{"title":"Example","slug":"example","hex":"123ABC","source":"https://example.org/brand","guidelines":"https://example.org/guide"}]`,
		filepath.Join(root, "logos.txt"):               "ex example\n",
		filepath.Join(root, LogoDir, "handmade.svg"):   "hand",
		filepath.Join(root, LogoDir, "ex.svg"):         "stale",
	}
	for p, s := range files {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	n, err := writeLogos(root, filepath.Join(root, "logos.txt"), si, "1.2.3")
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("wrote %d logos, want 1", n)
	}
	read := func(name string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(root, LogoDir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if got := read("ex.svg"); !strings.Contains(got, `fill="#123ABC"`) || !strings.Contains(got, "simple-icons@1.2.3") {
		t.Errorf("ex.svg:\n%s", got)
	}
	if got := read("handmade.svg"); got != "hand" {
		t.Errorf("a hand-drawn logo was changed: %q", got)
	}
	note := read(LogoLicense)
	for _, want := range []string{"simple-icons@1.2.3", "ex.svg", "https://example.org/brand", "https://example.org/guide", "assets/icons/simple/LICENSE.md"} {
		if !strings.Contains(note, want) {
			t.Errorf("licence note lacks %s:\n%s", want, note)
		}
	}

	if err := os.WriteFile(filepath.Join(root, "logos.txt"), []byte("ex nosuchicon\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := writeLogos(root, filepath.Join(root, "logos.txt"), si, "1.2.3"); err == nil {
		t.Error("a slug the package lacks was accepted")
	}
}

// TestLogosCommitted checks the committed logos: every one listed in
// logos.txt exists and says it was generated, and every SVG in the
// directory is a clean self-contained image. (That every logo a page names
// exists is a link check of the build.)
func TestLogosCommitted(t *testing.T) {
	root := "../.."
	dir := filepath.Join(root, filepath.FromSlash(LogoDir))
	logos, err := readLogos("logos.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range logos {
		b, err := os.ReadFile(filepath.Join(dir, l.id+".svg"))
		if err != nil {
			t.Errorf("%s: %v: run make icons", l.id, err)
			continue
		}
		if !bytes.Contains(b, []byte("simple-icons@")) {
			t.Errorf("%s.svg does not say it comes from simple-icons: run make icons", l.id)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, LogoLicense)); err != nil {
		t.Errorf("the licence note is missing: %v", err)
	}
	svgs, err := filepath.Glob(filepath.Join(dir, "*.svg"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range svgs {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := icons.Clean(b); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}

}
