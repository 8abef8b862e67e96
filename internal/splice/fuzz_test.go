package splice

import (
	"bytes"
	"os"
	"testing"
)

// edits turns fuzz data into non-overlapping edits of a text of length n,
// given in an order other than the text's: each group of four bytes is a
// gap, a length to replace, a length of text and a flag to put the edit
// first.
func edits(n int, spec []byte) []Edit {
	var out []Edit
	at, last := 0, 0
	for len(spec) >= 4 {
		gap, del, ins, first := int(spec[0]%8), int(spec[1]%8), int(spec[2]%6), spec[3]&1 == 1
		spec = spec[4:]
		start := min(at+gap, n)
		end := min(start+del, n)
		if len(out) > 0 && start == last {
			// Two edits that start at one offset have no order: the
			// second is not made.
			continue
		}
		last = start
		e := Edit{Start: start, End: end, Text: bytes.Repeat([]byte{'A' + byte(len(out)%26)}, ins)}
		if first {
			out = append([]Edit{e}, out...)
		} else {
			out = append(out, e)
		}
		at = end
	}
	return out
}

// FuzzApply checks Apply and its Map against a plain rebuild of the
// output: every copied output byte maps back to the same byte of the
// source, generated text maps to the start of its edit, and origins never
// go backwards.
func FuzzApply(f *testing.F) {
	page, err := os.ReadFile("../../content/en/alternatives.md")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(page[:min(len(page), 300)], []byte{3, 2, 4, 0, 0, 0, 3, 1, 9, 9, 0, 0})
	f.Add([]byte("!!! recommendation signal\n\n{% matrix %}\n"), []byte{0, 7, 5, 1, 2, 0, 0, 0})
	f.Add([]byte(""), []byte{0, 0, 1, 0, 0, 0, 1, 1})
	f.Add([]byte("abc"), []byte{})
	f.Fuzz(func(t *testing.T, src, spec []byte) {
		es := edits(len(src), spec)
		orig := bytes.Clone(src)
		out, m := Apply(src, es)
		if !bytes.Equal(src, orig) {
			t.Fatal("Apply changed its source")
		}
		// The expected output and, per output byte, its origin and
		// whether it was generated.
		var want []byte
		var origin []int
		var generated []bool
		sorted := edits(len(src), spec)
		// edits builds them in source order, then moves some to the
		// front: a stable insertion sort by Start puts them back.
		for i := 1; i < len(sorted); i++ {
			for j := i; j > 0 && sorted[j].Start < sorted[j-1].Start; j-- {
				sorted[j], sorted[j-1] = sorted[j-1], sorted[j]
			}
		}
		prev := 0
		for _, e := range sorted {
			for i := prev; i < e.Start; i++ {
				want, origin, generated = append(want, src[i]), append(origin, i), append(generated, false)
			}
			for range e.Text {
				origin, generated = append(origin, e.Start), append(generated, true)
			}
			want = append(want, e.Text...)
			prev = e.End
		}
		for i := prev; i < len(src); i++ {
			want, origin, generated = append(want, src[i]), append(origin, i), append(generated, false)
		}
		if !bytes.Equal(out, want) {
			t.Fatalf("Apply(%q, %v) = %q, want %q", src, es, out, want)
		}
		last := 0
		for off := range out {
			o, g := m.Origin(off), m.Generated(off)
			if o != origin[off] || g != generated[off] {
				t.Fatalf("offset %d of %q: Origin %d, Generated %v; want %d, %v", off, out, o, g, origin[off], generated[off])
			}
			if o < last {
				t.Fatalf("Origin goes back at %d: %d after %d", off, o, last)
			}
			last = o
		}
		if end := m.Origin(len(out)); end != len(src) {
			t.Fatalf("the end of the output maps to %d, not to the end of the source %d", end, len(src))
		}
	})
}
