package mdtext_test

import (
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"

	"github.com/guidegen/guidegen/internal/markdown/mdtext"
)

// TestPlainEscapes: an escaped character is itself, even a '&' before
// what would be a character reference, as the HTML renderer shows it.
func TestPlainEscapes(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{`a \&amp; b`, `a &amp; b`},
		{`\&#60; &#60; &lt; \&lt;`, `&#60; < < &lt;`},
		{`\\&amp; \*x\* \\`, `\& *x* \`},
		{`**x** &amp;`, `x &`},
		{`trailing \`, `trailing \`},
	} {
		src := []byte(tt.src)
		doc := goldmark.New().Parser().Parse(text.NewReader(src))
		if got := mdtext.Plain(doc.FirstChild(), src); got != tt.want {
			t.Errorf("Plain(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}
