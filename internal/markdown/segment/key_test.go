package segment

import (
	"testing"
	"unicode/utf8"
)

// writeSplit writes text to a fresh keyWriter in pieces cut at the given
// offsets, single bytes through WriteByte.
func writeSplit(text string, cuts []int) *keyWriter {
	k := newKeyWriter()
	prev := 0
	for _, c := range append(cuts, len(text)) {
		c = max(prev, min(c, len(text)))
		if c-prev == 1 {
			_ = k.WriteByte(text[prev])
		} else {
			_, _ = k.Write([]byte(text[prev:c]))
		}
		prev = c
	}
	return k
}

var keyCases = []struct {
	text string
	cuts []int
}{
	{"", nil},
	{"plain text", nil},
	{"  lead and trail \n", nil},
	{"a \t\n b\u00a0\u2003c", []int{1, 2, 3, 4}},
	{"split é rune", []int{7}},
	{"x\xffy \xe2\x82\xac", []int{1, 2, 5, 6}},
	{"no\u0085break", []int{2, 3}},
}

// TestKeyIsNormalText checks that the key writer collects what normalize
// makes of the text, however it is written, so that its key is the hash
// of the normalized text.
func TestKeyIsNormalText(t *testing.T) {
	for _, tc := range keyCases {
		k := writeSplit(tc.text, tc.cuts)
		if got, want := string(k.buf), normalize(tc.text); got != want {
			t.Errorf("%q cut at %v: %q, want %q", tc.text, tc.cuts, got, want)
		}
		if got, want := k.sum(), writeSplit(normalize(tc.text), nil).sum(); got != want {
			t.Errorf("%q: key %x, key of normalized text %x", tc.text, got, want)
		}
	}
}

func FuzzKeyIsNormalText(f *testing.F) {
	for _, tc := range keyCases {
		var a, b int
		if len(tc.cuts) > 0 {
			a = tc.cuts[0]
		}
		if len(tc.cuts) > 1 {
			b = tc.cuts[1]
		}
		f.Add(tc.text, a, b)
	}
	f.Fuzz(func(t *testing.T, text string, a, b int) {
		if a < 0 || b < 0 || !utf8.ValidString(text) {
			return // pages are valid UTF-8 (package content sees to it)
		}
		k := writeSplit(text, []int{a % (len(text) + 1), b % (len(text) + 1)})
		if got, want := string(k.buf), normalize(text); got != want {
			t.Fatalf("%q cut at %d, %d: %q, want %q", text, a, b, got, want)
		}
	})
}
