package content

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/sitefs"
	"github.com/guidegen/guidegen/internal/yamlx"
)

// benchPage is a page as the generated corpus has them: three lines of
// front matter and some 6 KB of Markdown.
var benchPage = "---\ntitle: Page 514 forward\ndescription: Node privacy relay encrypted private ratchet network queue network message threat routing.\nweight: 514\n---\n\n" +
	strings.Repeat("Open onion secrecy model phone threat censorship client queue element handshake call forward username protocol.\n\n## Section\n\n", 50)

// BenchmarkReadFront is the pre-pass's work on one page.
func BenchmarkReadFront(b *testing.B) {
	fsys := fstest.MapFS{Dir + "/en/a.md": {Data: []byte(benchPage)}}
	ld := &loader{fsys: fsys, front: frontOptions{fields: &yamlx.Fields{}}}
	b.ReportAllocs()
	for b.Loop() {
		if fd := readFront(ld, "en", "a.md", false); !fd.ok {
			b.Fatal("the page does not decode")
		}
	}
}

// BenchmarkDecodeFront is the decoding of a page's front matter when it
// is loaded.
func BenchmarkDecodeFront(b *testing.B) {
	src := []byte(benchPage)
	fm := locateFront(src)
	front := frontOptions{fields: &yamlx.Fields{}} // a Loader's
	b.ReportAllocs()
	for b.Loop() {
		p := &Page{Path: "a.md", Locale: "en", File: "content/en/a.md", parsed: &parsed{src: src}}
		if _, err := decodeFront(p.File, fm, p, front); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadFrontSite is the pre-pass's work on 100 pages of a site's
// directory, read as a build reads them (sitefs).
func BenchmarkReadFrontSite(b *testing.B) {
	dir := b.TempDir()
	var names []string
	for i := range 100 {
		name := fmt.Sprintf("p%d.md", i)
		p := filepath.Join(dir, Dir, "en", name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(benchPage), 0o644); err != nil {
			b.Fatal(err)
		}
		names = append(names, name)
	}
	if err := os.WriteFile(filepath.Join(dir, "guidegen.yaml"), nil, 0o644); err != nil {
		b.Fatal(err)
	}
	site, err := sitefs.Open(dir, fstest.MapFS{})
	if err != nil {
		b.Fatal(err)
	}
	defer site.Close()
	ld := &loader{fsys: site.FS, front: frontOptions{fields: &yamlx.Fields{}}}
	b.ReportAllocs()
	for b.Loop() {
		for _, n := range names {
			if fd := readFront(ld, "en", n, false); !fd.ok {
				b.Fatal("the page does not decode")
			}
		}
	}
}

// BenchmarkLoadFront is what loading a page costs for its front matter:
// decoding it again, or taking what the pre-pass decoded (prior).
func BenchmarkLoadFront(b *testing.B) {
	src := []byte(benchPage)
	fm := locateFront(src)
	fsys := fstest.MapFS{Dir + "/en/a.md": {Data: src}}
	fields := &yamlx.Fields{}
	fd := readFront(&loader{fsys: fsys, front: frontOptions{fields: fields}}, "en", "a.md", false)
	if fd.prior == nil {
		b.Fatal("the pre-pass kept nothing")
	}
	for _, pr := range []*priorFront{nil, fd.prior} {
		name := "decode"
		if pr != nil {
			name = "prior"
		}
		b.Run(name, func(b *testing.B) {
			front := frontOptions{fields: fields, prior: pr}
			b.ReportAllocs()
			for b.Loop() {
				p := &Page{Path: "a.md", Locale: "en", File: "content/en/a.md", Doc: &markdown.Document{FrontMatter: fm}, parsed: &parsed{src: src}}
				if err := decodeFrontMatter(p.File, p, front); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
