package search

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestWordBytes8 compares wordBytes8 with byteClasses on every byte in
// every one of the 8 places, next to bytes of every class, and on random
// words.
func TestWordBytes8(t *testing.T) {
	check := func(b []byte) {
		t.Helper()
		alpha, word := wordBytes8(binary.LittleEndian.Uint64(b))
		for i, c := range b {
			class := byteClasses[c]
			wantWord := class == classLower || class == classUpper
			wantAlpha := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
			if got := word>>(8*i)&0xff == 0x80; got != wantWord {
				t.Fatalf("wordBytes8(%q): byte %d (%#x) word = %v", b, i, c, got)
			}
			if got := alpha>>(8*i)&0xff == 0x80; got != wantAlpha {
				t.Fatalf("wordBytes8(%q): byte %d (%#x) alpha = %v", b, i, c, got)
			}
		}
		if word&^hi8 != 0 || alpha&^hi8 != 0 {
			t.Fatalf("wordBytes8(%q) = %#x, %#x: bits other than the high ones", b, alpha, word)
		}
	}
	// Neighbours that would carry into the byte, or borrow from it, if
	// the arithmetic did.
	neighbours := []byte{0, 'a', 'Z', '9', '0', '@', '[', '`', '{', '/', ':', 0x7f, 0x80, 0xc3, 0xff}
	var b [8]byte
	for c := range 256 {
		for i := range 8 {
			for _, nb := range neighbours {
				for j := range b {
					b[j] = nb
				}
				b[i] = byte(c)
				check(b[:])
			}
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 200000 {
		binary.LittleEndian.PutUint64(b[:], r.Uint64())
		check(b[:])
	}
}

// oldCount is wordTable.count before it read 8 bytes at a time: the
// oracle of the fast path.
func oldCount(t *wordTable, text []byte, section int, heading bool) {
	for i := 0; i < len(text); {
		if class := byteClasses[text[i]]; class == classOther {
			i++
			continue
		} else if class == classNonASCII {
			i = t.countWord(text, i, section, heading)
			continue
		}
		start, upper := i, false
		class := uint8(classOther)
		var packed uint64
		for ; i < len(text); i++ {
			c := text[i]
			class = byteClasses[c]
			if class == classUpper {
				upper = true
				c += 'a' - 'A'
			} else if class != classLower {
				break
			}
			if n := i - start; n < 8 {
				packed |= uint64(c) << (8 * n)
			}
		}
		if class == classNonASCII {
			i = t.countWord(text, start, section, heading)
			continue
		}
		t.countID(t.lookupASCII(text[start:i], packed, upper), section, heading)
	}
}

// compareCount counts texts (one section each, the first a heading too)
// with count and oldCount and compares the encoded words.
func compareCount(t *testing.T, texts ...string) {
	t.Helper()
	encode := func(count func(*wordTable, []byte, int, bool)) ([]byte, []keyCount) {
		w := wordTables.Get().(*wordTable)
		defer w.release()
		for i, s := range texts {
			// Copied, so that reading past the text would read other
			// bytes than the ones after it in s.
			b := append([]byte(nil), s...)
			count(w, b, i, i == 0)
			count(w, b, i, false)
			w.post(i)
		}
		return w.encode()
	}
	got, gotKeys := encode((*wordTable).count)
	want, wantKeys := encode(oldCount)
	if !bytes.Equal(got, want) || len(gotKeys) != len(wantKeys) {
		t.Fatalf("count(%q):\n got %q\nwant %q", texts, got, want)
	}
	for i := range gotKeys {
		if gotKeys[i] != wantKeys[i] {
			t.Fatalf("count(%q): keys %v, want %v", texts, gotKeys, wantKeys)
		}
	}
}

// TestCountOracle compares count with oldCount: every byte inside,
// before and after words of every length around 8 at every offset, and
// random texts of words in English and Dutch, with capitals, digits,
// diacritics and invalid UTF-8.
func TestCountOracle(t *testing.T) {
	for c := range 256 {
		for n := range 18 {
			w := strings.Repeat("aB3", 6)[:n]
			for _, pad := range []string{"", " ", "x ", "Qz ", "   "} {
				compareCount(t,
					pad+w+string(rune(c))+w+" tail",
					pad+w+string([]byte{byte(c)})+w,
					pad+string([]byte{byte(c)})+w+"é"+w+"\xc3",
					strings.ToUpper(pad+w)+string([]byte{byte(c)}))
			}
		}
	}
	words := []string{"de", "Het", "een", "privé", "Privé", "Signal", "SIGNAL", "end-to-end", "versleuteling", "VERSLEUTELING",
		"ŉ", "ĳs", "Ĳsland", "naïef", "één", "café", "e\u0301", "2FA", "x25519", "a1b2c3d4", "abcdefgh", "ABCDEFGH", "abcdefghi",
		"Abcdefghi", "straße", "İstanbul", "ǅ", "Ⅻ", "\xff", "\xc3", "\u2028", "&", "<>", "’", "—", "\t", "\n", "  ", "...", "e-mail", "o'clock",
		"telefoonnummer", "Telefoonnummer", "groepsgesprekken", "ABCDEFG", "abcdefg", "Aé", "aaaaaaaé", "aaaaaaaaé", "AAAAAAAÉ"}
	seps := []string{" ", "  ", ", ", ". ", "-", "/", "", "é", "\u00a0", "(", ")"}
	r := rand.New(rand.NewPCG(5, 6))
	for range 4000 {
		texts := make([]string, 1+r.IntN(3))
		for j := range texts {
			var b strings.Builder
			for range r.IntN(30) {
				b.WriteString(words[r.IntN(len(words))])
				b.WriteString(seps[r.IntN(len(seps))])
			}
			texts[j] = b.String()
		}
		compareCount(t, texts...)
	}
}

func FuzzCountOracle(f *testing.F) {
	f.Add("Signal Signal privé Privé", "Ĳsland abcdefgh ABCDEFGHI x25519 e\u0301")
	f.Add("\xff\xc3aaaaaaa\xc3\xa9", "")
	f.Fuzz(func(t *testing.T, a, b string) {
		compareCount(t, a, b)
	})
}

// TestShortWordsOracle compares PrepareArticle with the oracle (oldExtract
// and oldPrepare, which count with a map) on words of 1 to 20 ASCII bytes,
// which wordTable finds in its short table up to 16 bytes and through
// their hash above: each written in lower and upper case, at the end of a
// text, before and after non-ASCII characters and after ones that fold
// to ASCII, so that every path of count meets every length, and a word
// found by two paths must be one word.
func TestShortWordsOracle(t *testing.T) {
	for n := 1; n <= 20; n++ {
		w := strings.Repeat("abcdefghijklmnopqrst", 2)[n%3 : n%3+n]
		W := strings.ToUpper(w)
		mixed := W[:n/2] + w[n/2:]
		forms := []string{w, W, mixed, w + "—", "—" + w, W + "é", "é" + mixed, w + "\u00a0" + W, "privé" + w[1:], "Privé" + W[1:]}
		for i, a := range forms {
			for _, b := range forms[i:] {
				text := a + " " + b + " x " + w + "." + W + "," + mixed
				article := "<h2 id=\"a\">" + W + " " + a + "</h2><p>" + text + "</p><p>" + b + "</p><h3 id=\"b\">" + b + "</h3>" + w
				comparePrepareArticle(t, w, mixed+" "+a, []byte(article))
			}
		}
	}
}
