package frontmatter

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzLocate finds the front matter of arbitrary pages, seeded with the
// guide's and the test sites' pages. A page has front matter only when
// its first line is "---"; the YAML is the text between that line and
// the closing one, byte for byte (stamp edits the page at these offsets);
// the closing line is a line of dashes (maybe indented); the body
// follows it.
func FuzzLocate(f *testing.F) {
	var names []string
	for _, p := range []string{"../../../content/*/*.md", "../../../content/*/*/*.md", "../../../testdata/sites/*/content/*/*.md"} {
		m, _ := filepath.Glob(p)
		names = append(names, m...)
	}
	if len(names) == 0 {
		f.Fatal("no seed pages")
	}
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, s := range []string{"---\r\na: 1\r\n---\r\nx", "---\n\ta: 1\n----\n", "---  \n---", "\n---\na\n---\n", "---\n> a\n---\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		b := Locate(src)
		first, _, _ := bytes.Cut(src, []byte("\n"))
		opens := bytes.Equal(bytes.TrimRight(first, " \t\r"), []byte("---"))
		if b == nil {
			if opens && bytes.IndexByte(src, '\n') >= 0 {
				t.Fatalf("no front matter found after %q", first)
			}
			return
		}
		if !opens || b.Line != 1 {
			t.Fatalf("front matter at line %d after a first line %q", b.Line, first)
		}
		start := len(first) + 1
		if !b.Closed {
			if b.Close != 0 || b.End != 0 || !bytes.Equal(b.YAML, src[min(start, len(src)):]) {
				t.Fatalf("unclosed front matter: %+v", b)
			}
			return
		}
		if b.Close < start || b.Close > b.End || b.End > len(src) || (b.Close > 0 && src[b.Close-1] != '\n') {
			t.Fatalf("closing line at %d-%d of %d", b.Close, b.End, len(src))
		}
		if !bytes.Equal(b.YAML, src[start:b.Close]) {
			t.Fatalf("YAML %q is not the text %q", b.YAML, src[start:b.Close])
		}
		// goldmark-meta takes a line of dashes after blanks too (" -").
		line := bytes.TrimSpace(src[b.Close:b.End])
		if len(line) == 0 || len(bytes.Trim(line, "-")) != 0 || (b.End < len(src) && src[b.End-1] != '\n') {
			t.Fatalf("closing line %q", src[b.Close:b.End])
		}
	})
}
