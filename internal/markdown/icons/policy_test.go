package icons_test

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
		{"A :octicons-home-16:{ onclick=\"x()\" style=\"y\" title=\"Home\" .big }\n", "<p>A <span class=\"twemoji big\" title=\"Home\" role=\"img\" aria-label=\"Home\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\" focusable=\"false\"><path d=\"M6.906.664a1.749 1.749 0 0 1 2.187 0l5.25 4.2c.415.332.657.835.657 1.367v7.019A1.75 1.75 0 0 1 13.25 15h-3.5a.75.75 0 0 1-.75-.75V9H7v5.25a.75.75 0 0 1-.75.75h-3.5A1.75 1.75 0 0 1 1 13.25V6.23c0-.531.242-1.034.657-1.366l5.25-4.2Zm1.25 1.171a.25.25 0 0 0-.312 0l-5.25 4.2a.25.25 0 0 0-.094.196v7.019c0 .138.112.25.25.25H5.5V8.25a.75.75 0 0 1 .75-.75h3.5a.75.75 0 0 1 .75.75v5.25h2.75a.25.25 0 0 0 .25-.25V6.23a.25.25 0 0 0-.094-.195Z\"></path></svg></span></p>\n", "1:23: attribute onclick removed: it runs code (warning)\n1:37: attribute style removed: it is not allowed (the site's CSP blocks inline styles; use a class, styled in the site's assets/css/extra.css) (warning)"},
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
