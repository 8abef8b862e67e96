package mdhtml_test

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
		{"<div markdown class=\"c\" onclick=\"x()\" style=\"color:red\" data-x=\"1\">\n*x*\n</div>\n", "<div class=\"c\" data-x=\"1\">\n<p><em>x</em></p>\n</div>\n", "1:25: attribute onclick removed from <div>: it runs code (warning)\n1:39: attribute style removed from <div>: it is not allowed (the site's CSP blocks inline styles; use a class, styled in the site's assets/css/extra.css) (warning)"},
		{"<details open markdown formaction=\"javascript:x\">\n<summary>S</summary>\n\n*x*\n</details>\n", "<details open>\n<summary>S</summary>\n<p><em>x</em></p>\n</details>\n", "1:24: attribute formaction removed from <details>: it is not allowed (warning)"},
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
