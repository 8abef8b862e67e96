package attrlist_test

import (
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

// TestAttributePolicy checks that author attributes go through the one
// HTML policy: what it does not allow is dropped, with a warning at its
// place, and no attribute is written twice.
func TestAttributePolicy(t *testing.T) {
	tests := []struct{ src, want, problems string }{
		{"[x](https://a.org/){ style=\"color:red\" onclick=\"x()\" href=\"javascript:y\" .c }\n", "<p><a href=\"https://a.org/\" class=\"c\">x</a></p>\n", "1:22: attribute style removed: it is not allowed (the site's CSP blocks inline styles; use a class, styled in the site's assets/css/extra.css) (warning)\n1:40: attribute onclick removed: it runs code (warning)\n1:54: attribute href removed: a link's or image's destination sets it, not an attribute list (warning)"},
		{"[x](https://a.org/ \"T\"){ title=\"U\" aria-label=\"L\" }\n", "<p><a href=\"https://a.org/\" title=\"T\" aria-label=\"L\">x</a></p>\n", ""},
		{"![a](i.png){ alt=\"b\" src=\"x.png\" width=\"10\" loading=\"lazy\" }\n", "<p><img src=\"i.png\" alt=\"a\" width=\"10\" loading=\"lazy\"></p>\n", "1:22: attribute src removed: a link's or image's destination sets it, not an attribute list (warning)"},
		{"Para\n{ style=\"display:none\" #p }\n", "<p id=\"p\">Para</p>\n", "2:3: attribute style removed: it is not allowed (the site's CSP blocks inline styles; use a class, styled in the site's assets/css/extra.css) (warning)"},
		{"`code`{ onmouseover=\"x()\" .k }\n", "<p><code class=\"k\">code</code></p>\n", "1:9: attribute onmouseover removed: it runs code (warning)"},
	}
	for _, tt := range tests {
		got, d := mdtest.Render(t, mdtest.New(), tt.src)
		if got != tt.want {
			t.Errorf("%q:\ngot  %q\nwant %q", tt.src, got, tt.want)
		}
		if probs := strings.Join(mdtest.Problems(d), "\n"); probs != tt.problems {
			t.Errorf("%q: problems\n%s\nwant\n%s", tt.src, probs, tt.problems)
		}
	}
}
