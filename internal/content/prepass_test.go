package content

import (
	"bytes"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown/frontmatter"
)

// TestLocateFront: the pre-pass finds the same front matter as a page's
// parse, without parsing the page.
func TestLocateFront(t *testing.T) {
	inputs := []string{
		"---\ntitle: a\n---\nbody\n",
		"---\r\ntitle: a\r\n---\r\nbody\r\n",
		"--- \ntitle: a\n-----\nbody",
		"---\ntitle: a\n\n  \n - \n---\n",
		"---\ntitle: a\n",
		"---\n---\n",
		"---",
		"title: a\n---\n",
		"\n---\ntitle: a\n---\n",
		"---\ntitle: a\n  ---  \nbody\n",
		"---\ntitle: |\n  x\n---",
	}
	_ = fs.WalkDir(os.DirFS("../.."), "content", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			b, _ := os.ReadFile("../../" + p)
			inputs = append(inputs, string(b))
		}
		return nil
	})
	for _, in := range inputs {
		want, got := frontmatter.Locate([]byte(in)), locateFront([]byte(in))
		if (want == nil) != (got == nil) {
			t.Errorf("%.40q: Locate %v, locateFront %v", in, want, got)
			continue
		}
		if want == nil {
			continue
		}
		if want.Closed != got.Closed || want.Line != got.Line || (want.Closed && !bytes.Equal(want.YAML, got.YAML)) {
			t.Errorf("%.40q: Locate %q closed %v, locateFront %q closed %v", in, want.YAML, want.Closed, got.YAML, got.Closed)
		}
	}
}
