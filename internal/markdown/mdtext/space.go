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
	for i < len(p) {
		c := p[i]
		if c >= utf8.RuneSelf {
			break
		}
		if IsSpace(c) {
			if c != ' ' || i+1 >= len(p) || p[i+1] >= utf8.RuneSelf || IsSpace(p[i+1]) {
				break
			}
			i++ // the space, then the byte after it
		}
		i++
	}
	return i
}
