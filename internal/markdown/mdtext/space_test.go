package mdtext

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestIsSpace(t *testing.T) {
	for b := 0; b < utf8.RuneSelf; b++ {
		if got, want := IsSpace(byte(b)), unicode.IsSpace(rune(b)); got != want {
			t.Errorf("IsSpace(%#x) = %v, unicode.IsSpace says %v", b, got, want)
		}
	}
}

// asciiRunOracle is ASCIIRun as it was first written, a byte at a time.
func asciiRunOracle(p []byte) int {
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

var asciiRunCases = []string{
	"a", "ab", "a b", "a  b", "a b ", "a \tb", "a\tb", "ab cd ef\ngh", "a é", "a b\x80", "a\x00b c", "x ", "x \x7f", "a\rb", "a b c d e f g h i j k l m n o p",
}

func TestASCIIRunSameAsOracle(t *testing.T) {
	for _, s := range asciiRunCases {
		checkASCIIRun(t, []byte(s))
	}
	// Every pair of bytes after a first letter, and a third.
	for a := range 256 {
		for b := range 256 {
			checkASCIIRun(t, []byte{'x', byte(a), byte(b)})
			checkASCIIRun(t, []byte{'x', byte(a), byte(b), 'y'})
		}
	}
}

func checkASCIIRun(t *testing.T, p []byte) {
	t.Helper()
	if got, want := ASCIIRun(p), asciiRunOracle(p); got != want {
		t.Fatalf("ASCIIRun(%q) = %d, want %d", p, got, want)
	}
}

func FuzzASCIIRun(f *testing.F) {
	for _, s := range asciiRunCases {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, p []byte) {
		if len(p) == 0 || p[0] >= utf8.RuneSelf || IsSpace(p[0]) {
			return // ASCIIRun's input starts with such a byte
		}
		checkASCIIRun(t, p)
	})
}

// TestASCIIRunLongSameAsOracle puts every byte at every place of texts
// longer than the eight bytes ASCIIRun reads at a time, and a second
// space after every space, and checks every start of them.
func TestASCIIRunLongSameAsOracle(t *testing.T) {
	bases := []string{
		"ab cd efgh ijklmnop qrstu vwxyz 0123456789 ABCDEFG HIJ!",
		"abcdefghijklmnopqrstuvwxyz0123456789~!@#$%^&*()_+{}|:<>?",
		"a b c d e f g h i j k l m n o p q r s t u v w x y z 0 1",
	}
	for _, base := range bases {
		for k := 1; k < len(base); k++ {
			p := []byte(base)
			for b := range 256 {
				p[k] = byte(b)
				for i := range p {
					if p[i] < utf8.RuneSelf && !IsSpace(p[i]) {
						checkASCIIRun(t, p[i:])
					}
				}
			}
			if base[k] == ' ' {
				p = []byte(base[:k] + " " + base[k:])
				checkASCIIRun(t, p)
			}
		}
	}
}
