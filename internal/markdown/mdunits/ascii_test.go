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
			c.gap = c.b.Len() > 0
			continue
		}
		if c.gap {
			c.b.WriteByte(' ')
			c.gap = false
		}
		c.b.WriteRune(r)
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
		for _, p := range parts {
			fast.text([]byte(p))
			canonTextRunes(&slow, []byte(p))
			fast.lit("|")
			slow.lit("|")
		}
		if fast.b.String() != slow.b.String() || fast.gap != slow.gap {
			t.Errorf("%q: text wrote %q (gap %v), one rune at a time %q (gap %v)", parts, fast.b.String(), fast.gap, slow.b.String(), slow.gap)
		}
	}
}
