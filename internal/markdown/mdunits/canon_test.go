package mdunits

import (
	"testing"
	"unicode/utf8"
)

// FuzzCanonText checks canon.text against canonTextRunes, with text
// written in two parts, each followed by a space.
func FuzzCanonText(f *testing.F) {
	for _, s := range []string{
		"", " ", "one", "two words", " lead", "trail ", "a  b\tc\n d", "a b c d e",
		"é a b", "a é b", "a\u00a0b \u2003 c", "x\xffy z", "a\r\nb", "a \vb", "ab cd  ",
	} {
		f.Add(s, len(s)/2)
	}
	f.Fuzz(func(t *testing.T, s string, cut int) {
		if cut < 0 || cut > len(s) || !utf8.ValidString(s) {
			return
		}
		var fast, slow canon
		fast.reset([]byte(" "))
		for _, p := range []string{s[:cut], s[cut:]} {
			fast.text([]byte(p))
			canonTextRunes(&slow, []byte(p))
		}
		if got := string(fast.b[fast.start:]); got != string(slow.b) || fast.gap != slow.gap {
			t.Fatalf("%q cut at %d: %q (gap %v), want %q (gap %v)", s, cut, got, fast.gap, slow.b, slow.gap)
		}
	})
}
