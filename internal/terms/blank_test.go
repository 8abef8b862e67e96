package terms

import (
	"bytes"
	"testing"
)

// blankCodeBytewise is blankCode as it was before it read eight bytes
// at a time: the oracle of TestBlankCodeBytewise and FuzzBlankCode.
func blankCodeBytewise(text []byte) {
	blankFences(text)
	for i := 0; i < len(text); i++ {
		c := text[i]
		if !codeStarts[c] { // codeOrURL(text, i) == i
			text[i] = lowerTable[c]
			continue
		}
		// codeOrURL reads text[i:], still as written.
		if end := codeOrURL(text, i); end > i {
			blankSpan(text, i, end)
			i = end - 1
		}
	}
}

// blankCodeTexts put code starts, upper case letters and bytes that are
// neither (past ASCII, just outside A-Z) at every place of an
// eight-byte word, and at the end of a text.
var blankCodeTexts = []string{
	"", "A", "Hh", "HTTP://X.NL Http://y https://Z) x",
	"ABCDEFGHIJKLMNOPQRSTUVWXYZ@[`{ abcdefghijklmnopqrstuvwxyz \x80\xc0\xdaÉÀ",
	"Zie [De Gids](https://Voorbeeld.NL/Pad) en `Code MET Hoofdletters` hier.",
	"1234567h]`ABCDEFGH", "1234567]( X)abcdefgh", "123456`AB`CDEFGHIJ",
	"Tekst\n```\nCODE Home\n```\nMeer TEKST ~~~ niet\n  ~~~\nX\n~~~\nEind HOME",
	"xx hTTPS://Voorbeeld.nl hTtp://A HTTP://B", "]]]]]]]]((((((((", "1234567hTTP://AB", "hhhhhhhhHHHHHHHH", "````````AAAAAAAA", "HOMESERVER]",
	"ééééééééAZaz@[`{", "Real-Time Communicatie, EIND-TOT-EIND versleuteld.",
}

func checkBlankCode(t *testing.T, text string) {
	t.Helper()
	got, want := []byte(text), []byte(text)
	blankCode(got)
	blankCodeBytewise(want)
	if !bytes.Equal(got, want) {
		t.Errorf("blankCode(%q) = %q, want %q", text, got, want)
	}
}

// TestBlankCodeBytewise: blankCode blanks and lowers what the byte at a
// time loop did, texts of every length up to a few words included.
func TestBlankCodeBytewise(t *testing.T) {
	for _, text := range blankCodeTexts {
		for n := range len(text) + 1 {
			checkBlankCode(t, text[:n])
			checkBlankCode(t, text[n:])
		}
	}
}

// FuzzBlankCode: for any text, blankCode is the byte at a time loop.
func FuzzBlankCode(f *testing.F) {
	for _, text := range blankCodeTexts {
		f.Add(text)
	}
	f.Fuzz(checkBlankCode)
}

// lowerTable is lowerASCII of every byte, and codeStarts the bytes at
// which codeOrURL may find something: lookup tables, never written to.
var lowerTable, codeStarts = func() (lower [256]byte, starts [256]bool) {
	for c := range lower {
		lower[c] = lowerASCII(byte(c))
	}
	starts['h'], starts[']'], starts['`'] = true, true, true
	return lower, starts
}()
