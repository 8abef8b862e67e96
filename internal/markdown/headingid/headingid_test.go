package headingid

import "testing"

func TestSlugify(t *testing.T) {
	// Expected values are what Python-Markdown's slugify_unicode gives.
	tests := map[string]string{
		"Privé-berichten":                 "privé-berichten",
		"Minimum Requirements":            "minimum-requirements",
		"Peer-to-Peer (P2P)":              "peer-to-peer-p2p",
		"Types of Communication Networks": "types-of-communication-networks",
		"  Spaces   around  ":             "spaces-around",
		"What's E2EE?":                    "whats-e2ee",
		"snake_case stays":                "snake_case-stays",
		"-leading and trailing-":          "-leading-and-trailing-",
		"a -- b":                          "a-b",
		"Één op één":                      "één-op-één",
		"Ελληνικά κείμενα":                "ελληνικά-κείμενα",
		"中文 标题":                           "中文-标题",
		"!!!":                             "",
		"Tabs\tand\nnewlines":             "tabs-and-newlines",
	}
	for in, want := range tests {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUnique(t *testing.T) {
	ids := NewIDs()
	steps := []struct{ in, want string }{
		{"signal", "signal"},
		{"signal", "signal_1"},
		{"signal", "signal_2"},
		{"signal_1", "signal_3"},
		{"", "_1"},
		{"", "_2"},
		{"x_9", "x_9"},
		{"x_9", "x_10"},
	}
	for _, s := range steps {
		if got := ids.Unique(s.in); got != s.want {
			t.Errorf("Unique(%q) = %q, want %q", s.in, got, s.want)
		}
	}
}
