package sitecss_test

import (
	"os"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown/highlight/sitecss"
)

// TestStylesheetCurrent: the colours in assets/css/main.css are those
// go generate writes now.
func TestStylesheetCurrent(t *testing.T) {
	css, err := os.ReadFile("../../../../assets/css/main.css")
	if err != nil {
		t.Fatal(err)
	}
	gen := sitecss.SiteCSS()
	if !strings.Contains(string(css), gen) {
		t.Error("assets/css/main.css has old syntax colours: run go generate ./internal/markdown/highlight")
	}
	if sitecss.Splice(string(css), gen) != string(css) {
		t.Error("splicing the current colours changes main.css")
	}
	if strings.Contains(gen, "style=") {
		t.Error("the stylesheet mentions style=")
	}
}
