package segment

import (
	"bytes"
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

// notWordsPasses is notWords as it was first written, in passes over the
// token: "://", then '@', '/' or '\\', then, trailing punctuation left
// out, a dot between two letters.
func notWordsPasses(tok []byte) bool {
	if bytes.Contains(tok, []byte("://")) || bytes.ContainsAny(tok, "@/\\") {
		return true
	}
	t := bytes.TrimRight(tok, ".,;:!?)")
	for i := 1; i+1 < len(t); i++ {
		if t[i] == '.' && isLetterByte(t[i-1]) && isLetterByte(t[i+1]) {
			return true
		}
	}
	return false
}

var notWordsCases = []string{"", ".", "a.b", "a.b.", "a.", ".a", "a..b", "signal.org", "signal.org).", "e.g.", "x.1", "1.x", "a.b)", "a@b", "a/b", "https://x", "C:\\x", "end.", "end.)", "a.\xc3\xa9", "README.md,", "a.b?!"}

func TestNotWordsSameAsPasses(t *testing.T) {
	toks := notWordsCases
	for c := range 256 {
		b := byte(c)
		toks = append(toks, string([]byte{'a', '.', b}), string([]byte{b, '.', 'a'}), string([]byte{'a', b, 'b'}), string([]byte{'a', '.', 'b', b}))
	}
	for _, tok := range toks {
		if got, want := notWords([]byte(tok)), notWordsPasses([]byte(tok)); got != want {
			t.Errorf("notWords(%q) = %v, in passes %v", tok, got, want)
		}
	}
}

func FuzzNotWords(f *testing.F) {
	for _, tok := range notWordsCases {
		f.Add([]byte(tok))
	}
	f.Fuzz(func(t *testing.T, tok []byte) {
		if got, want := notWords(tok), notWordsPasses(tok); got != want {
			t.Fatalf("notWords(%q) = %v, in passes %v", tok, got, want)
		}
	})
}
