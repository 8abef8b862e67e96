package attrlist

import "testing"

// TestAttrName: the names attrName returns without a copy are the names
// given, as are the others.
func TestAttrName(t *testing.T) {
	for _, name := range []string{"align", "lang", "title", "width", "height", "loading", "target", "rel", "role", "markdown", "data-x", "aria-label", "Align", "alig"} {
		if got := attrName([]byte(name)); got != name {
			t.Errorf("attrName(%q) = %q", name, got)
		}
	}
}
