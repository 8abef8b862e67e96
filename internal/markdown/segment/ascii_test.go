package segment

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// hasLowerWordRunes is hasLowerWord a rune at a time, as it was before
// its ASCII fast path.
func hasLowerWordRunes(tok []byte) bool {
	n, lower := 0, true
	for len(tok) > 0 {
		r, size := utf8.DecodeRune(tok)
		tok = tok[size:]
		if unicode.IsLetter(r) {
			n++
			lower = lower && unicode.IsLower(r)
			continue
		}
		if n >= 2 && lower {
			return true
		}
		n, lower = 0, true
	}
	return n >= 2 && lower
}

func TestHasLowerWordASCII(t *testing.T) {
	toks := []string{"", "a", "ab", "Ab", "aB", "AB", "a1b", "ab1", "1ab", "a-b", "éé", "Éé", "aé", "Aé", "ǅa", "x\xffy", "xy\xff", "ß", "ßß", "_ab_", "iOS", "iPhone", "e-mail", "2024", "F-Droid"}
	for c := 0; c < utf8.RuneSelf; c++ {
		b := byte(c)
		toks = append(toks, string([]byte{'a', b}), string([]byte{b, 'a'}), string([]byte{b, b}), string([]byte{'A', b, 'a'}))
	}
	for _, tok := range toks {
		if got, want := hasLowerWord([]byte(tok)), hasLowerWordRunes([]byte(tok)); got != want {
			t.Errorf("hasLowerWord(%q) = %v, a rune at a time %v", tok, got, want)
		}
	}
}
