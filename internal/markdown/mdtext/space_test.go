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
