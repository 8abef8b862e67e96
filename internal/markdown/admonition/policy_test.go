package admonition_test

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
		{"!!! note\n    Body.\n\n{ style=\"display:none\" onclick=\"x()\" .extra lang=\"nl\" }\n", "<div class=\"admonition note extra\" lang=\"nl\">\n<p class=\"admonition-title\">Note</p>\n<p>Body.</p>\n</div>\n", "4:3: attribute style removed: it is not allowed (the site's CSP blocks inline styles; use a class, styled in the site's assets/css/extra.css) (warning)\n4:24: attribute onclick removed: it runs code (warning)"},
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
