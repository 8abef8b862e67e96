package mdunits

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// canonTextRunes is canon.text as one rune at a time: the fast path for
// ASCII must write the same.
func canonTextRunes(c *canon, p []byte) {
	for len(p) > 0 {
		r, size := utf8.DecodeRune(p)
		p = p[size:]
		if unicode.IsSpace(r) {
			c.gap = !c.empty()
			continue
		}
		if c.gap {
			c.b = append(c.b, ' ')
			c.gap = false
		}
		c.b = utf8.AppendRune(c.b, r)
	}
}

func TestCanonText(t *testing.T) {
	tests := [][]string{
		{"plain words"},
		{"  leading and trailing  \n"},
		{"tabs\tand\vvertical\ftabs\r\nlines"},
		{"één  café\u00a0non-breaking\u0085next"},
		{"split ", " across", "writes"},
		{"invalid \xff\xfe bytes", "\xc3", "\xa9 half runes"},
		{"", " ", "x"},
		{"\u2003em space\u3000ideographic"},
	}
	for _, parts := range tests {
		var fast, slow canon
		// The fast one writes after text of its buffer's that is not
		// its own, as in Digest.
		fast.reset([]byte("unit\x00 "))
		for _, p := range parts {
			fast.text([]byte(p))
			canonTextRunes(&slow, []byte(p))
			fast.lit("|")
			slow.lit("|")
		}
		if got := string(fast.b[fast.start:]); got != string(slow.b) || fast.gap != slow.gap {
			t.Errorf("%q: text wrote %q (gap %v), one rune at a time %q (gap %v)", parts, got, fast.gap, slow.b, slow.gap)
		}
	}
}
