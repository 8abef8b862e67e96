package markdown_test

import (
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
	"github.com/guidegen/guidegen/internal/markdown/snippets"
	"github.com/guidegen/guidegen/internal/sitegen"
)

// checkCursor asks a PosCursor for the positions of offs, in that order,
// and compares each with Document.Pos, the oracle it replaces.
func checkCursor(t *testing.T, d *markdown.Document, offs []int) {
	t.Helper()
	c := d.Cursor()
	for i, off := range offs {
		if got, want := c.Pos(off), d.Pos(off); got != want {
			t.Fatalf("%s: query %d, offset %d of %q: cursor %v, Pos %v", d.File, i, off, d.Source, got, want)
		}
	}
}

// cursorOffsets are the offsets a test asks for: each of src, one before
// and two past it ascending, then descending, then in a random order.
func cursorOffsets(n int, seed uint64) []int {
	var offs []int
	for off := -1; off <= n+2; off++ {
		offs = append(offs, off)
	}
	for off := n + 2; off >= -1; off-- {
		offs = append(offs, off)
	}
	r := rand.New(rand.NewPCG(seed, 1))
	for range 2 * n {
		offs = append(offs, r.IntN(n+4)-1)
	}
	return offs
}

// TestPosCursor: the cursor gives Document.Pos's positions, whatever the
// order of the offsets, in a plain page, one with CRLF and multi-byte
// text, one with a grafted fragment, and one that includes a snippet.
func TestPosCursor(t *testing.T) {
	m := mdtest.New()
	pages := map[string]string{
		"empty.md": "",
		"one.md":   "x",
		"plain.md": "# Title\n\nSome [link](a.md) text.\n\nMore\ntext [b](#x).\n",
		"crlf.md":  "# Privé\r\n\r\nDé [l](a.md) ünïcode 🙂 [m](b.md)\r\n\r\n\n\nend",
		"trail.md": "a\n\n\n",
		"bad.md":   "a\xff\x80b\xc3\n\xe2\x82x [l](y.md)\xf0",
		"ascii.md": "0123456789abcdef\xffabcdefghijklmnop é0123456789abcdefghij\n",
	}
	for file, src := range pages {
		d := m.Parse(file, "", []byte(src))
		checkCursor(t, d, cursorOffsets(len(d.Source), 1))
	}

	file := "# Page\n\nFirst.\n\nHERE\n\nLast é.\n"
	d := m.Parse("graft.md", "", []byte(file))
	m.Graft(d, strings.Index(file, "HERE"), []byte("Generated [x](other.md).\n"))
	d.Finish()
	checkCursor(t, d, cursorOffsets(len(d.Source), 2))

	o := &snippets.Options{FS: fstest.MapFS{"includes/box.md": {Data: []byte("Intro.\n\nÉén [x](y.md)\n")}}}
	ms := mdtest.New(func(opts *markdown.Options) { opts.Snippets = o })
	d = ms.Parse("snip.md", "", []byte("# Page\n\n--8<-- \"box.md\"\n\nAfter [z](z.md).\n"))
	checkCursor(t, d, cursorOffsets(len(d.Source), 3))
}

// FuzzPosCursor: for any page and offsets, the cursor gives
// Document.Pos's positions.
func FuzzPosCursor(f *testing.F) {
	f.Add("# a\n\nb [c](d.md)\r\nü\n", []byte{0, 3, 9, 2, 30, 1})
	f.Add("", []byte{0, 1})
	f.Add("\n\n\n", []byte{3, 2, 1, 0, 4})
	m := mdtest.New()
	f.Fuzz(func(t *testing.T, src string, raw []byte) {
		d := m.Parse("fuzz.md", "", []byte(src))
		offs := make([]int, len(raw))
		for i, b := range raw {
			offs[i] = int(b)*len(d.Source)/200 - 1
		}
		checkCursor(t, d, offs)
	})
}

// BenchmarkRefPositions finds the positions of the links of the 1,900
// generated documents as a build's loading does: "table" with a line
// table made for each document (what Document.Pos does the first time),
// "cursor" with a PosCursor.
func BenchmarkRefPositions(b *testing.B) {
	pages := sitegen.Pages(sitegen.Options{Pages: 1000, Translated: 0.9, Seed: 1})
	m := mdtest.New()
	var docs []*markdown.Document
	for _, pg := range pages {
		docs = append(docs, m.Parse(pg.Path, "", []byte(pg.Source)))
	}
	b.Run("table", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range docs {
				lines := diag.NewLines(d.Source)
				for _, ref := range d.Refs {
					_ = lines.Pos(d.File, ref.Offset)
				}
			}
		}
	})
	b.Run("cursor", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range docs {
				c := d.Cursor()
				for _, ref := range d.Refs {
					_ = c.Pos(ref.Offset)
				}
			}
		}
	})
}
