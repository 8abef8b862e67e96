package links

import (
	"net/url"
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
