package mdtext

import (
	"encoding/binary"
	"unicode/utf8"
)

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
		// Eight bytes at a time while all of them belong to the run (the
		// byte before them does): ASCII from ' ' up, no two spaces in a
		// row, and not a space last, which belongs to the run only if the
		// byte after it does. Anything else is left to the loop below.
		for i+8 <= len(p) {
			x := binary.LittleEndian.Uint64(p[i:])
			// A byte from 0x80 up has its top bit set, and so has a
			// byte below 0x20 less 0x20 (the first such byte; a borrow
			// from it may set more, as one is bad anyway).
			if (x|(x-lsb*' '))&msb != 0 {
				break
			}
			// The top bit of each byte that is ' ', exactly: y's bytes
			// are below 0x80, so adding 0x7f to one sets its top bit,
			// without a carry, unless it is 0.
			y := x ^ (lsb * ' ')
			sp := ^(y + ^msb) & msb
			if sp&(sp>>8) != 0 || sp>>63 != 0 {
				break
			}
			i += 8
		}
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

// lsb and msb are a word's bytes' lowest and highest bits.
const (
	lsb uint64 = 0x0101010101010101
	msb uint64 = 0x8080808080808080
)
