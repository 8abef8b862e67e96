package abbr

import (
	"testing"

	"github.com/yuin/goldmark/text"
)

// naiveSkip is the specification of matcher.skip: the first position
// from i on, below end, whose byte starts some term.
func naiveSkip(m *matcher, src []byte, i, end int) int {
	for ; i < end; i++ {
		if m.first[src[i]] != 0 {
			return i
		}
	}
	return end
}

func FuzzSkip(f *testing.F) {
	f.Add("E2EE", "2FA", "The app uses E2EE and 2FA, like every other app does.")
	f.Add("Wi-Fi", "é", "a Wi-Fi café")
	f.Add("~x", "!y", "~~~~~~~~!!!!!!!!")
	f.Add("\x01a", "\x7fb", "\x00\x01\x7f\x80\xff")
	f.Add("A", "Z", "a-z and A-Z, [Mm] and 0-9 between them")
	f.Fuzz(func(t *testing.T, a, b, text string) {
		m := newMatcher(map[string]string{a: "A", b: "B"})
		if m == nil {
			return
		}
		src := []byte(text)
		for i := 0; i <= len(src); i++ {
			// skip may stop early (at most 7 bytes before a candidate
			// or the end), never late.
			got, want := m.skip(src, i, len(src)), naiveSkip(m, src, i, len(src))
			if got > want || naiveSkip(m, src, i, got) != got {
				t.Fatalf("skip(%q, %d) = %d, want <= %d and nothing skipped", src, i, got, want)
			}
			// It stops early only at a byte within the bounds of the
			// terms' first bytes, or in the last seven bytes.
			if m.hi1 != 0 && got < want && got+8 <= len(src) && !m.inBounds(src[got]) {
				t.Fatalf("skip(%q, %d) = %d stopped at %q, want %d", src, i, got, src[got], want)
			}
		}
	})
}

// TestWithin: blocks mostly come in document order, and within goes on
// from where the last one ended; a block out of order still finds its
// candidates.
func TestWithin(t *testing.T) {
	st := &docState{cands: []int{5, 20, 40}}
	for _, tt := range []struct {
		spans [][2]int
		want  bool
	}{
		{[][2]int{{0, 4}}, false},
		{[][2]int{{4, 6}}, true},
		{[][2]int{{10, 12}, {14, 19}}, false},
		{[][2]int{{18, 25}}, true},
		{[][2]int{{30, 45}}, true},
		{[][2]int{{0, 10}}, true}, // out of order: back to the start
		{[][2]int{{21, 39}}, false},
		{[][2]int{{41, 90}}, false},
		{[][2]int{{6, 8}, {19, 21}}, true}, // only the last line holds one
		{nil, false},
	} {
		lines := text.NewSegments()
		for _, s := range tt.spans {
			lines.Append(text.NewSegment(s[0], s[1]))
		}
		if got := st.within(lines); got != tt.want {
			t.Errorf("within(%v) = %v, want %v", tt.spans, got, tt.want)
		}
	}
}
