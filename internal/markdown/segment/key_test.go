package segment

import (
	"strings"
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

// checkLimited checks that a keyWriter with a limit collects the
// beginning of the normalized text that has needs: when it holds fewer
// bytes than the limit, the whole text; else at least the limit's worth,
// as the text begins.
func checkLimited(t *testing.T, text string, cuts []int, limit int) {
	t.Helper()
	k := newKeyWriter()
	k.limit = limit
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
	want := normalize(text)
	got := string(k.buf)
	if len(got) < limit && got != want || len(got) >= limit && (!strings.HasPrefix(want, got[:limit]) || len(got) > len(want)) {
		t.Errorf("%q cut at %v, limit %d: %q, normalized text %q", text, cuts, limit, got, want)
	}
	if len(want) >= limit && !k.Done() {
		t.Errorf("%q, limit %d: not done with %q", text, limit, got)
	}
}

func TestKeyLimited(t *testing.T) {
	long := "a long run of ASCII text, single spaces between words, longer than any limit here"
	for _, tc := range append(keyCases, struct {
		text string
		cuts []int
	}{long, nil}, struct {
		text string
		cuts []int
	}{"  " + long + " é and \u2003 more", []int{3, 40}}) {
		for _, limit := range []int{1, 2, 5, prefixLen, 40} {
			checkLimited(t, tc.text, tc.cuts, limit)
		}
	}
}

func FuzzKeyLimited(f *testing.F) {
	for _, tc := range keyCases {
		f.Add(tc.text, 3, 7, prefixLen)
	}
	f.Fuzz(func(t *testing.T, text string, a, b, limit int) {
		if a < 0 || b < 0 || limit <= 0 || !utf8.ValidString(text) {
			return
		}
		checkLimited(t, text, []int{a % (len(text) + 1), b % (len(text) + 1)}, limit%64+1)
	})
}
