package content

import "testing"

func TestURLPath(t *testing.T) {
	for in, want := range map[string]string{
		"index.md":                                "",
		"about/index.md":                          "about/",
		"about/criteria.md":                       "about/criteria/",
		"real-time-communication.md":              "real-time-communication/",
		"advanced/communication-network-types.md": "advanced/communication-network-types/",
		"reindex.md":                              "reindex/",
	} {
		if got := URLPath(in); got != want {
			t.Errorf("URLPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEscapePath(t *testing.T) {
	if got := escapePath("a b/privé/"); got != "a%20b/priv%C3%A9/" {
		t.Errorf("escapePath = %q", got)
	}
}
