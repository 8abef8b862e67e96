package render

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// The escapers as they were before their table scans (oracles for the
// differential tests below).

func oracleReplaceRunes(s string, table *[len(htmlReplacements)]string) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if int(c) < len(table) && table[c] != "" {
			break
		}
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	written := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || int(c) >= len(table) {
			continue
		}
		if r := table[c]; r != "" {
			b.WriteString(s[written:i])
			b.WriteString(r)
			written = i + 1
		}
	}
	b.WriteString(s[written:])
	return b.String()
}

func oracleProcessURL(s string, norm bool) string {
	var b strings.Builder
	written := 0
	for i, n := 0, len(s); i < n; i++ {
		c := s[i]
		switch c {
		case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
			if norm {
				continue
			}
		case '-', '.', '_', '~':
			continue
		case '%':
			if norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		default:
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				continue
			}
		}
		b.WriteString(s[written:i])
		b.WriteByte('%')
		b.WriteByte(lowerHex[c>>4])
		b.WriteByte(lowerHex[c&0xf])
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

// escapeDiffer returns which escaper differs from its oracle on s, or "".
func escapeDiffer(s string) string {
	switch {
	case htmlReplacer.replace(s) != oracleReplaceRunes(s, &htmlReplacements):
		return "htmlReplacer"
	case htmlNormReplacer.replace(s) != oracleReplaceRunes(s, &htmlNormReplacements):
		return "htmlNormReplacer"
	case processURL(s, false) != oracleProcessURL(s, false):
		return "processURL escape"
	case processURL(s, true) != oracleProcessURL(s, true):
		return "processURL norm"
	}
	return ""
}

// everyByte is each byte value alone, and between plain text.
func everyByte() []string {
	var ins []string
	for c := range 256 {
		ins = append(ins, string([]byte{byte(c)}), "ab"+string([]byte{byte(c)})+"cd")
	}
	return ins
}

func TestEscapersMatchOracle(t *testing.T) {
	ins := append(everyByte(), escaperProbes...)
	ins = append(ins, "", "%", "%4", "%41", "%4g", "a%2Fb%", "x&y&z", "é<ü>", "\xc3<", "+'\"", strings.Repeat("plain text ", 20))
	for _, in := range ins {
		if d := escapeDiffer(in); d != "" {
			t.Errorf("%s differs from its oracle on %q", d, in)
		}
	}
}

func FuzzEscapersMatchOracle(f *testing.F) {
	for _, in := range escaperProbes {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if d := escapeDiffer(in); d != "" {
			t.Errorf("%s differs from its oracle on %q", d, in)
		}
	})
}
