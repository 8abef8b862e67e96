package mdtext

import "unicode/utf8"

// IsSpace reports whether an ASCII byte is white space, as
// unicode.IsSpace reports it.
func IsSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// ASCIIRun returns the length of the run of ASCII at the start of p,
// which starts with a byte that is not white space: up to white space
// that is not a single ' ' between two such bytes, or a byte that is not
// ASCII. Collapsing white space to single spaces leaves such a run as it
// is, so it can be written at once.
func ASCIIRun(p []byte) int {
	i := 1
	for {
		for i < len(p) && plain[p[i]] {
			i++
		}
		// A single ' ' between two such bytes belongs to the run.
		if i+1 < len(p) && p[i] == ' ' && plain[p[i+1]] {
			i += 2
			continue
		}
		return i
	}
}

// plain tells the ASCII bytes that are not white space (a lookup table,
// never written to).
var plain = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = !IsSpace(byte(c))
	}
	return t
}()
