package links

import (
	"net/url"
	"path"
	"strings"
	"testing"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		dest, dir string
		ok        bool
		kind      Kind
		path      string
		frag      string
	}{
		{"about/criteria.md#x", "", true, Page, "about/criteria.md", "x"},
		{"./advanced/communication-network-types.md#p2p", "", true, Page, "advanced/communication-network-types.md", "p2p"},
		{"../index.md", "about", true, Page, "index.md", ""},
		{"criteria.md", "about", true, Page, "about/criteria.md", ""},
		{"../../x.md", "about", true, Page, "../x.md", ""},
		{"#minimum-requirements", "about", true, Fragment, "", "minimum-requirements"},
		{"#priv%C3%A9", "", true, Fragment, "", "privé"},
		{"assets/img/signal.svg", "", true, File, "assets/img/signal.svg", ""},
		{"../assets/img/signal.svg", "about", true, File, "assets/img/signal.svg", ""},
		{"https://signal.org/", "", false, 0, "", ""},
		{"mailto:someone@example.org", "", false, 0, "", ""},
		{"//cdn.example.org/x.js", "", false, 0, "", ""},
		{"/absolute/path/", "", false, 0, "", ""},
		{"", "", false, 0, "", ""},
	}
	for _, tt := range tests {
		ref, ok := Classify(tt.dest, tt.dir)
		if ok != tt.ok {
			t.Errorf("Classify(%q, %q) ok = %v, want %v", tt.dest, tt.dir, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		if ref.Kind != tt.kind || ref.Path != tt.path || ref.Fragment != tt.frag {
			t.Errorf("Classify(%q, %q) = kind %d path %q frag %q, want kind %d path %q frag %q",
				tt.dest, tt.dir, ref.Kind, ref.Path, ref.Fragment, tt.kind, tt.path, tt.frag)
		}
	}
}

// classifySlow is Classify as it was before its scheme shortcut: url.Parse
// alone decides what has a scheme.
func classifySlow(dest string) bool {
	if dest == "" || strings.HasPrefix(dest, "/") {
		return false
	}
	u, err := url.Parse(dest)
	return err == nil && u.Scheme == "" && u.Host == "" && u.Opaque == ""
}

// FuzzClassifyScheme: the shortcut rejects exactly what url.Parse would.
func FuzzClassifyScheme(f *testing.F) {
	for _, s := range []string{"https://signal.org/", "mailto:a@b", "a.md#x", "#top", "c:d", "1a:b", "a+b-c.d:x", "x/y:z", "./a:b", "?q", "é:x", ":x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, dest string) {
		if _, ok := Classify(dest, "dir"); ok != classifySlow(dest) {
			t.Errorf("Classify(%q): ok = %v, url.Parse says %v", dest, ok, !ok)
		}
	})
}

func TestScriptRoute(t *testing.T) {
	for frag, want := range map[string]bool{"/portal": true, "/": true, "portal": false, "": false, "a/b": false} {
		if got := ScriptRoute(frag); got != want {
			t.Errorf("ScriptRoute(%q) = %v, want %v", frag, got, want)
		}
	}
}

// classifyURL is Classify as it was before its shortcuts: url.Parse,
// path.Join and strings.ToLower decide everything.
func classifyURL(dest, dir string) (ref Ref, ok bool) {
	if elsewhere(dest) {
		return Ref{}, false
	}
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" {
		return Ref{}, false
	}
	ref = Ref{Dest: dest, Fragment: u.Fragment}
	if u.Path == "" {
		ref.Kind = Fragment
		return ref, true
	}
	ref.Path = path.Join(dir, u.Path)
	if strings.HasSuffix(strings.ToLower(u.Path), ".md") {
		ref.Kind = Page
	} else {
		ref.Kind = File
	}
	return ref, true
}

var classifySeeds = []struct{ dest, dir string }{
	{"../section-1/page-22.md#details-11", "section-0"},
	{"../section-1/page-22.md#details-11", ""},
	{"./a/./b.md", "x/y"}, {"../../a.md", "x/y"}, {"../../../a.md", "x/y"},
	{"a//b.md", "x"}, {"a/", "x"}, {"./", "x"}, {"..", "x"}, {".", ""}, {"../", "x/y"},
	{"a.md#x#y", ""}, {"a.md#", ""}, {"#", ""}, {"a%20b.MD#c%C3%A9", "d"}, {"a b.md", ""},
	{"a?q=1#f", ""}, {"?", ""}, {"a.Md", "x//y"}, {"a.md", "x/../y"}, {"a.md", "./x"},
	{"~u/x_y-z.png", "a.b/c"}, {"c:d", ""}, {"x/y:z", ""}, {"a\x7f.md", ""}, {"*", ""},
	{"é.md#é", "ü"}, {"A.MD", "../x"},
}

// TestClassifyShortcuts: the shortcuts of Classify (plainRef, joinPath,
// hasMDSuffix) give what url.Parse, path.Join and strings.ToLower give.
func TestClassifyShortcuts(t *testing.T) {
	for _, s := range classifySeeds {
		checkClassify(t, s.dest, s.dir)
	}
}

// FuzzClassifyShortcuts: as TestClassifyShortcuts, for any destination
// and directory.
func FuzzClassifyShortcuts(f *testing.F) {
	for _, s := range classifySeeds {
		f.Add(s.dest, s.dir)
	}
	f.Fuzz(checkClassify)
}

func checkClassify(t *testing.T, dest, dir string) {
	got, ok := Classify(dest, dir)
	want, wantOK := classifyURL(dest, dir)
	if ok != wantOK || got != want {
		t.Errorf("Classify(%q, %q) = %+v, %v; by url.Parse %+v, %v", dest, dir, got, ok, want, wantOK)
	}
	if j := joinPath(dir, dest); j != path.Join(dir, dest) {
		t.Errorf("joinPath(%q, %q) = %q, path.Join gives %q", dir, dest, j, path.Join(dir, dest))
	}
}
