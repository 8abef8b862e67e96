package abbr

import "testing"

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
			if m.hi != 0 && got < want && got+8 <= len(src) && !inBounds(m, src[got:got+1]) {
				t.Fatalf("skip(%q, %d) = %d stopped at %q, want %d", src, i, got, src[got], want)
			}
		}
	})
}

func inBounds(m *matcher, b []byte) bool {
	for _, c := range b {
		if uint64(c) > m.lo && uint64(c) < m.hi {
			return true
		}
	}
	return false
}
