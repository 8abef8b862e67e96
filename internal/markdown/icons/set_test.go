package icons

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

func TestClean(t *testing.T) {
	tests := []struct {
		name, in, want, err string
	}{
		{"octicon", `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16"><path d="M1 1h2"/></svg>`,
			`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" focusable="false"><path d="M1 1h2"></path></svg>`, ""},
		{"declaration, doctype, comment, title", "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg role=\"img\" viewBox=\"0 0 24 24\"><!-- hi --><title>Signal</title><desc>x</desc><path d=\"M0 0\"/></svg>\n",
			`<svg viewBox="0 0 24 24" focusable="false"><path d="M0 0"></path></svg>`, ""},
		{"root id dropped", `<svg id="mdi-check" viewBox="0 0 24 24"><path d="M21,7Z" /></svg>`,
			`<svg viewBox="0 0 24 24" focusable="false"><path d="M21,7Z"></path></svg>`, ""},
		{"attribute escaped", `<svg viewBox="0 0 1 1"><path d="a&amp;&quot;b"/></svg>`,
			`<svg viewBox="0 0 1 1" focusable="false"><path d="a&amp;&#34;b"></path></svg>`, ""},
		{"local reference", `<svg><defs><clipPath><rect/></clipPath></defs><use href="#a"/></svg>`,
			`<svg focusable="false"><defs><clipPath><rect></rect></clipPath></defs><use href="#a"></use></svg>`, ""},
		{"script", `<svg><script>alert(1)</script></svg>`, "", "<script> is not allowed"},
		{"foreignObject", `<svg><foreignObject/></svg>`, "", "<foreignObject> is not allowed"},
		{"event handler", `<svg onload="x()"><path/></svg>`, "", "event handler onload"},
		{"style attribute", `<svg><path style="fill:red"/></svg>`, "", "style attributes"},
		{"style element", `<svg><style>p{}</style></svg>`, "", "<style> is not allowed"},
		{"external href", `<svg><use xlink:href="http://x/y#z"/></svg>`, "", "refers to another document"},
		{"external url", `<svg><path fill="url(http://x/#g)"/></svg>`, "", "refers to another document"},
		{"inner id", `<svg><path id="a"/></svg>`, "", "ids inside an icon"},
		{"not svg", `<html/>`, "", "root element is <html>"},
		{"empty", ``, "", "no <svg> element"},
		{"two roots", `<svg/><svg/>`, "", "more than one root"},
		{"text", `<svg>hello</svg>`, "", "text content"},
		{"malformed", `<svg><path></svg>`, "", "unexpected end tag </svg>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Clean([]byte(tt.in))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error = %v, want it to contain %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"icons/octicons/home-16.svg":                 {Data: []byte(`<svg viewBox="0 0 16 16"><path d="M0"/></svg>`)},
		"icons/fontawesome/brands/windows.svg":       {Data: []byte(`<svg viewBox="0 0 1 1"><path d="M0"/></svg>`)},
		"icons/fontawesome/LICENSE.txt":              {Data: []byte(`licence`)},
		"icons/material/arrow-right-drop-circle.svg": {Data: []byte(`<svg><path/></svg>`)},
	}
	set, err := Load(fsys, "icons")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"fontawesome-brands-windows", "material-arrow-right-drop-circle", "octicons-home-16"}
	if got := strings.Join(set.Names(), " "); got != strings.Join(want, " ") {
		t.Errorf("names = %s, want %s", got, want)
	}
	if _, ok := set.Lookup("fontawesome-brands-windows"); !ok {
		t.Error("nested icon not found")
	}
	if _, ok := set.Lookup("octicons-home"); ok {
		t.Error("found an icon that does not exist")
	}
	// The site's own icon comes before the pack's; the others come from
	// the pack.
	if svg, _ := set.Lookup("octicons-home-16"); !strings.Contains(string(svg), `d="M0"`) {
		t.Errorf("the site's octicons-home-16 lost to the pack's: %s", svg)
	}
	if svg, ok := set.Lookup("octicons-alert-16"); !ok || !strings.Contains(string(svg), "viewBox=\"0 0 16 16\"") {
		t.Errorf("octicons-alert-16 from the pack: %v %s", ok, svg)
	}

	fsys["icons/simple/bad.svg"] = &fstest.MapFile{Data: []byte(`<svg onclick="x"/>`)}
	if _, err := Load(fsys, "icons"); err == nil || !strings.HasPrefix(err.Error(), "icons/simple/bad.svg: ") {
		t.Errorf("bad icon: error = %v, want one naming the file", err)
	}

	empty, err := Load(fstest.MapFS{}, "icons")
	if err != nil || empty.Len() != 0 {
		t.Errorf("missing directory: %v, %d icons; want no error and no icons", err, empty.Len())
	}
}

// TestCommittedIcons loads the icons committed in assets/icons: each must
// pass Clean, and each set of the pack must ship its licence there.
func TestCommittedIcons(t *testing.T) {
	fsys := os.DirFS("../../../assets")
	set, err := Load(fsys, Dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"octicons-home-16", "material-check", "simple-signal", "fontawesome-brands-windows", "fontawesome-solid-lock", "fontawesome-regular-bell"} {
		if _, ok := set.Lookup(n); !ok {
			t.Errorf("%s is not found", n)
		}
	}
	for _, p := range append(slices.Clone(Prefixes), Emoji) {
		ents, err := os.ReadDir("../../../assets/icons/" + p)
		if err != nil {
			t.Fatal(err)
		}
		licence := false
		for _, e := range ents {
			licence = licence || strings.HasPrefix(strings.ToUpper(e.Name()), "LICENSE")
		}
		if !licence {
			t.Errorf("assets/icons/%s has no licence file", p)
		}
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		name string
		icon bool
	}{
		{":octicons-home-16: rest", 18, "octicons-home-16", true},
		{":simple-googleplay:", 19, "simple-googleplay", true},
		{":fontawesome-brands-windows:", 28, "fontawesome-brands-windows", true},
		{":material-arrow-right-drop-circle:x", 34, "material-arrow-right-drop-circle", true},
		{":smile:", 7, "smile", false},
		{":polar_bear:{ .lg }", 12, "polar_bear", false},
		{":+1:", 4, "+1", false},
		{":-1:", 4, "-1", false},
		{":octicons:", 10, "octicons", false},
		{":octicons-:", 11, "octicons-", false},
		{":octicons-home-:", 16, "octicons-home-", false},
		{":octicons--home:", 16, "octicons--home", false},
		{":octicons-Home-16:", 0, "", false},
		{":octicons-home 16:", 0, "", false},
		{":octicons-home-16", 0, "", false},
		{"::", 0, "", false},
		{":", 0, "", false},
		{"10:30", 0, "", false},
		{":30:00", 4, "30", false},
	}
	for _, tt := range tests {
		n, name := match([]byte(tt.in))
		if n != tt.n || string(name) != tt.name {
			t.Errorf("match(%q) = %d, %q; want %d, %q", tt.in, n, name, tt.n, tt.name)
		}
		if n > 0 && isIcon(name) != tt.icon {
			t.Errorf("isIcon(%q) = %v", name, !tt.icon)
		}
	}
}

// TestPack reads the whole embedded pack: every set is complete and every
// SVG in it is clean (its ids scoped to the icon).
func TestPack(t *testing.T) {
	p, err := openPack(packData)
	if err != nil {
		t.Fatal(err)
	}
	min := map[string]int{"octicons": 700, "material": 7000, "simple": 3000, "fontawesome": 2000, Emoji: 3500}
	for set, want := range min {
		n := 0
		for _, c := range p.sets[set] {
			b, err := readChunk(c.file)
			if err != nil {
				t.Fatal(err)
			}
			err = records(b, func(name, svg []byte) bool {
				n++
				again, err := CleanScoped(svg, "x")
				if err != nil {
					t.Errorf("%s %s: %v", set, name, err)
				}
				if !strings.HasPrefix(string(again), "<svg") || strings.Contains(string(svg), "id=\"") && !strings.Contains(string(svg), "id=\"gg-") {
					t.Errorf("%s %s: %s", set, name, svg)
				}
				return true
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		if n < want {
			t.Errorf("%s: %d icons, want at least %d", set, n, want)
		}
	}
}

func TestTwemojiFiles(t *testing.T) {
	tests := []struct {
		cps  []rune
		want string
	}{
		{[]rune{0x2699, 0xfe0f}, "2699 2699-fe0f"},
		{[]rune{0x1f43b, 0x200d, 0x2744, 0xfe0f}, "1f43b-200d-2744-fe0f"},
		{[]rune{0x1f600}, "1f600"},
		{[]rune{0x23, 0xfe0f, 0x20e3}, "23-20e3 23-fe0f-20e3"},
	}
	for _, tt := range tests {
		if got := strings.Join(twemojiFiles(tt.cps), " "); got != tt.want {
			t.Errorf("%x: %s, want %s", tt.cps, got, tt.want)
		}
	}
}

func TestEmoji(t *testing.T) {
	set := newSet(packData)
	for _, name := range []string{"gear", "polar_bear", "+1", "hash", "smile", "flag-nl", "netherlands"} {
		e, ok := set.emoji([]byte(name))
		if name == "flag-nl" {
			if ok {
				t.Errorf("%s found", name)
			}
			continue
		}
		if !ok || !strings.HasPrefix(string(e.svg), "<svg") || e.label == "" {
			t.Errorf("%s: %v %q %.40s", name, ok, e.label, e.svg)
		}
	}
}

// BenchmarkResolve resolves icons and emoji as pages name them. "cold"
// opens a new Set each time (the pack's directory read, one chunk inflated
// per icon); "warm" finds them in the Set's cache, as every page after
// the first does.
func BenchmarkResolve(b *testing.B) {
	names := [][]byte{[]byte("octicons-home-16"), []byte("material-check"), []byte("simple-signal"), []byte("fontawesome-brands-windows")}
	emoji := [][]byte{[]byte("gear"), []byte("polar_bear")}
	resolve := func(s *Set) {
		for _, n := range names {
			if _, _, ok := s.lookup(n); !ok {
				b.Fatalf("%s not found", n)
			}
		}
		for _, n := range emoji {
			if _, ok := s.emoji(n); !ok {
				b.Fatalf("%s not found", n)
			}
		}
	}
	b.Run("cold", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			resolve(newSet(packData))
		}
	})
	b.Run("warm", func(b *testing.B) {
		s := newSet(packData)
		resolve(s)
		b.ReportAllocs()
		for b.Loop() {
			resolve(s)
		}
	})
}

// FuzzMatch checks the shortcode parser alone and the lookups it leads
// to: no panic, a name within the input, made of the allowed bytes.
func FuzzMatch(f *testing.F) {
	for _, s := range []string{":gear:", ":polar_bear:{ .lg }", ":+1:", ":octicons-home-16:", "10:30:00", ":octicons--x:", "::", ":a"} {
		f.Add(s)
	}
	s := newSet(packData)
	f.Fuzz(func(t *testing.T, in string) {
		n, name := match([]byte(in))
		if n == 0 {
			return
		}
		if n != len(name)+2 || n > len(in) || in[0] != ':' || in[n-1] != ':' {
			t.Fatalf("match(%q) = %d, %q", in, n, name)
		}
		if isIcon(name) {
			s.lookup(name)
		} else if e, ok := s.emoji(name); ok && (e.name != string(name) || len(e.svg) == 0) {
			t.Fatalf("emoji %q: %q", name, e.name)
		}
	})
}

// TestConcurrentLookup looks icons and emoji up from many goroutines in
// one Set (run with -race).
func TestConcurrentLookup(t *testing.T) {
	s := newSet(packData)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for _, n := range []string{"octicons-home-16", "material-check", "simple-signal", "fontawesome-solid-lock"} {
				if _, ok := s.Lookup(n); !ok {
					t.Errorf("%d: %s not found", i, n)
				}
			}
			if _, ok := s.emoji([]byte("gear")); !ok {
				t.Errorf("%d: gear not found", i)
			}
		})
	}
	wg.Wait()
}

// TestPackRoundTrip writes a pack of several chunks and finds every icon,
// the first and last of each chunk included, and no other.
func TestPackRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	w := NewPackWriter(&buf)
	icons := map[string][]byte{}
	for i := range 2000 {
		icons[fmt.Sprintf("i%04d", i)] = fmt.Appendf(nil, `<svg viewBox="0 0 %d 1"><path d="M0 0h%d"></path></svg>`, i, i)
	}
	if err := w.Set("octicons", icons); err != nil {
		t.Fatal(err)
	}
	if err := w.File("VERSIONS", []byte("x\n")); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := LoadPack(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	p, _ := s.pack.get()
	if n := len(p.sets["octicons"]); n < 3 {
		t.Fatalf("%d chunks, want several", n)
	}
	for name, svg := range icons {
		got, ok := s.Lookup("octicons-" + name)
		if !ok || !bytes.Equal(got, svg) {
			t.Fatalf("%s: %v %s", name, ok, got)
		}
	}
	for _, name := range []string{"octicons-i", "octicons-i2000", "octicons-a", "octicons-z", "material-i0001"} {
		if _, ok := s.Lookup(name); ok {
			t.Errorf("%s found", name)
		}
	}
	if err := w.Set("x", map[string][]byte{"a\x00b": nil}); err == nil {
		t.Error("a name with NUL was packed")
	}
}
