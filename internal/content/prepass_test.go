package content

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/guidegen/guidegen/internal/markdown/frontmatter"
)

// readFront reads the front matter of one page as the pre-pass does;
// with sum, it hashes the page's file too.
func readFront(ld *loader, locale, p string, sum bool) *frontData {
	return readFrontFile(ld, locale, p, Dir+"/"+locale+"/"+p, sum)
}

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

// TestReadFrontKeepsNoBytes: the pre-pass reads every page into a buffer
// it reuses, so what it keeps of a page must not be the page's bytes.
func TestReadFrontKeepsNoBytes(t *testing.T) {
	fsys := fstest.MapFS{
		Dir + "/en/a.md": {Data: []byte("---\ntitle: Alpha\ndescription: The first.\n---\nbody\n")},
		Dir + "/en/c.md": {Data: []byte("---\ntitle: Gamma\ndescription: The third.\nthreats: [x]\n---\nbody\n")},
		Dir + "/en/b.md": {Data: []byte("---\ntitle: Omega\ndescription: The last one.\nthreats: [yyyy]\n---\nbody\n")},
	}
	ld := &loader{fsys: fsys}
	a := readFront(ld, "en", "a.md", false) // parsed by yamlx itself
	c := readFront(ld, "en", "c.md", false) // by yaml.v3
	for range 10 {
		readFront(ld, "en", "b.md", false) // into the same buffer, if the pool keeps it
	}
	if !a.ok || a.title != "Alpha" {
		t.Errorf("a.md: ok %v, title %q", a.ok, a.title)
	}
	if !c.ok || c.title != "Gamma" || len(c.data.Threats) != 1 || c.data.Threats[0] != "x" {
		t.Errorf("c.md: ok %v, title %q, data %+v", c.ok, c.title, c.data)
	}
	if pos := c.at("threats"); pos.Line != 4 || pos.Col != 10 {
		t.Errorf("c.md: threats at %v", pos)
	}
}

// TestReadFrontHash: a page's findings hash as they always did: ok and
// draft, then the SHA-256 of the title and each data key with its value
// as YAML, each followed by a NUL byte (written here into a hash.Hash
// field by field, as readFront did).
func TestReadFrontHash(t *testing.T) {
	fsys := fstest.MapFS{
		Dir + "/en/a.md": {Data: []byte("---\ntitle: Alpha\ndescription: The first.\ndraft: true\n---\nbody\n")},
		Dir + "/en/c.md": {Data: []byte("---\ntitle: Gamma\ndescription: The third.\nthreats:\n  - x\n  - \"y\"\n---\nbody\n")},
		Dir + "/en/d.md": {Data: []byte("---\ntitle: [broken\n---\nbody\n")},
	}
	ld := &loader{fsys: fsys}
	for _, tt := range []struct {
		page, title string
		ok, draft   bool
		values      map[string]string // as YAML
	}{
		{"a.md", "Alpha", true, true, nil},
		{"c.md", "Gamma", true, false, map[string]string{"threats": "- x\n- \"y\"\n"}},
		{"d.md", "", false, false, nil},
	} {
		fd := readFront(ld, "en", tt.page, false)
		var own [32]byte
		if tt.ok {
			h := sha256.New()
			h.Write([]byte(tt.title))
			h.Write([]byte{0})
			for _, k := range dataKeys {
				h.Write([]byte(k))
				h.Write([]byte{0})
				if v, ok := tt.values[k]; ok {
					h.Write([]byte(v))
				}
				h.Write([]byte{0})
			}
			h.Sum(own[:0])
		}
		h := sha256.New()
		h.Write([]byte{b2i(tt.ok), b2i(tt.draft)})
		h.Write(own[:])
		var want [32]byte
		h.Sum(want[:0])
		if fd.ok != tt.ok || fd.hash != want {
			t.Errorf("%s: ok %v, hash %x; want %v, %x", tt.page, fd.ok, fd.hash, tt.ok, want)
		}
	}
}
