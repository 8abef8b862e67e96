package mdunits_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
	"github.com/guidegen/guidegen/internal/markdown/mdunits"
)

// withTrailingBlank adds a space to every line that does not end in a
// blank or a backslash (either would make a hard line break of it).
func withTrailingBlank(src string) string {
	lines := strings.SplitAfter(src, "\n")
	for i, l := range lines {
		body := strings.TrimSuffix(l, "\n")
		if body == "" || strings.HasSuffix(body, " ") || strings.HasSuffix(body, "\t") || strings.HasSuffix(body, "\\") || strings.HasSuffix(body, "\r") {
			continue
		}
		if strings.TrimLeft(body, " >") == ":" {
			// A lone ":" continues a paragraph, but ": " opens an
			// empty definition (as in Python-Markdown's def_list): the
			// blank changes what the line is, as after a backslash.
			continue
		}
		lines[i] = body + " " + l[len(body):]
	}
	return strings.Join(lines, "")
}

// FuzzUnits: whatever the page, listing and digesting its units does not
// panic, every unit starts inside the page, and a blank added at the end
// of its lines changes neither its units' canonical forms nor its digest.
func FuzzUnits(f *testing.F) {
	f.Add(page)
	f.Add("a *b* _c_\nd  \ne\\\nf\n\n    code\n\n<div>\nx\n</div>\n")
	f.Add("[a](b \"t\nu\") `c\nd` <span\ntitle=x>\n")
	f.Add("Title\n===\n\n- a\n-\n\n1) b\n\n> q\n> r\n\n| x |\n| - |\n| y |\n")
	f.Add("0\n:")       // a lone ":" must not gain the blank that makes it a definition
	f.Add("> 0\n> :\n") // nor in a quote
	m := mdtest.New()
	f.Fuzz(func(t *testing.T, src string) {
		if !strings.HasSuffix(src, "\n") {
			// goldmark drops the info string of a fence on a last line
			// without a line break ("```go"), not of one with a blank.
			src += "\n"
		}
		d := m.Parse("p.md", "", []byte(src))
		units := mdunits.List(d.Root, d.Source, nil)
		for _, u := range units {
			if u.Offset < 0 || u.Offset > len(d.Source) {
				t.Fatalf("unit %+v starts outside the page (%d bytes)", u, len(d.Source))
			}
		}
		blank := withTrailingBlank(src)
		d2 := m.Parse("p.md", "", []byte(blank))
		units2 := mdunits.List(d2.Root, d2.Source, nil)
		if len(units) != len(units2) {
			t.Fatalf("%d units, %d with trailing blanks", len(units), len(units2))
		}
		for i := range units {
			if units[i].Canon != units2[i].Canon || units[i].Kind != units2[i].Kind {
				t.Fatalf("unit %d: %q, with trailing blanks %q", i, units[i].Canon, units2[i].Canon)
			}
		}
		if mdunits.Digest(d.Root, d.Source, nil) != mdunits.Digest(d2.Root, d2.Source, nil) {
			t.Fatalf("trailing blanks changed the digest of %q", src)
		}
	})
}

// BenchmarkDigest digests the bundled guide's English pages, parsed
// once; compare with BenchmarkParse, what loading them costs already.
func BenchmarkDigest(b *testing.B) {
	m := mdtest.New()
	var docs []*markdown.Document
	for _, src := range bundledPages(b) {
		docs = append(docs, m.Parse("p.md", "", src))
	}
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			_ = mdunits.Digest(d.Root, d.Source, nil)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	m := mdtest.New()
	docs := bundledPages(b)
	b.ResetTimer()
	for b.Loop() {
		for _, src := range docs {
			_ = m.Parse("p.md", "", src)
		}
	}
}

func bundledPages(b *testing.B) [][]byte {
	files, _ := filepath.Glob("../../../content/en/*/*.md")
	more, _ := filepath.Glob("../../../content/en/*.md")
	var out [][]byte
	for _, f := range append(files, more...) {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, src)
	}
	if len(out) == 0 {
		b.Fatal("no pages")
	}
	return out
}
