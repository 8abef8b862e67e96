package links

import "testing"

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
