package links_test

import (
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

// TestURLPolicy checks that a link's URL goes through the HTML policy's
// rule, whatever the renderer's options: a javascript:, vbscript: or
// data: URL is left out, with a warning at the link.
func TestURLPolicy(t *testing.T) {
	tests := []struct{ src, want, problems string }{
		{"[x](javascript:alert(1))\n", "<p><a href=\"\">x</a></p>\n", "1:1: URL \"javascript:alert(1)\" removed: links and images may only lead to http, https, mailto or relative URLs (warning)"},
		{"[x](JavaScript:alert(1))\n", "<p><a href=\"\">x</a></p>\n", "1:1: URL \"JavaScript:alert(1)\" removed: links and images may only lead to http, https, mailto or relative URLs (warning)"},
		// By URL syntax a site link to the file "java&" (what follows '#'
		// is a fragment): the build's link check reports it; the renderer,
		// resolving the entity, writes no URL.
		{"[x](java&#115;cript:alert(1))\n", "<p><a href=\"\">x</a></p>\n", ""},
		{"[x](vbscript:msgbox)\n", "<p><a href=\"\">x</a></p>\n", "1:1: URL \"vbscript:msgbox\" removed: links and images may only lead to http, https, mailto or relative URLs (warning)"},
		{"[x](data:text/html;base64,PHNjcmlwdD4=)\n", "<p><a href=\"\">x</a></p>\n", "1:1: URL \"data:text/html;base64,PHNjcmlwdD4=\" removed: links and images may only lead to http, https, mailto or relative URLs (warning)"},
		{"<javascript:alert(1)>\n", "<p><a href=\"\">javascript:alert(1)</a></p>\n", "1:1: URL \"javascript:alert(1)\" removed: links and images may only lead to http, https, mailto or relative URLs (warning)"},
		{"[x](https://a.org/) [m](mailto:a@b.org) <https://c.org/> www.d.org\n", "<p><a href=\"https://a.org/\">x</a> <a href=\"mailto:a@b.org\">m</a> <a href=\"https://c.org/\">https://c.org/</a> <a href=\"http://www.d.org\">www.d.org</a></p>\n", ""},
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
