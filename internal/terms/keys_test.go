package terms

import (
	"bytes"
	"cmp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/guidegen/guidegen/internal/diag"
)

// checkEveryVariant is Check as it was: code blanked, then the text
// lowered, in passes of their own, and every variant's anchor searched
// for in the whole page. Check must report the same.
func checkEveryVariant(l *List, file string, src []byte) []*diag.Problem {
	text := []byte(string(src))
	blankFences(text)
	for i := 0; i < len(text); i++ {
		if end := codeOrURL(text, i); end > i {
			blankSpan(text, i, end)
			i = end - 1
		}
	}
	lower := make([]byte, len(text))
	for k, c := range text {
		lower[k] = lowerASCII(c)
	}
	var out []*diag.Problem
	for _, v := range l.variants {
		for from := 0; from <= len(text); {
			start := from
			if len(v.anchor) > 0 {
				k := bytes.Index(lower[from:], v.anchor)
				if k < 0 {
					break
				}
				start = from + k
			}
			end, ok := v.match(text, start)
			if !ok || leftOfWord(text, start) {
				from = start + 1
				continue
			}
			t := l.Terms[v.term]
			out = append(out, diag.Warnf(diag.NewLines(src).Pos(file, start), "%q: this guide writes %q (%s)", string(src[start:end]), t.Preferred, l.File))
			from = end
		}
	}
	slices.SortStableFunc(out, func(a, b *diag.Problem) int {
		return cmp.Or(cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
	})
	return out
}

func TestKeys(t *testing.T) {
	l, err := Parse("t.yaml", []byte(`terms:
  - preferred: thuisserver
    rejected: [homeserver, home server, home-server, Home Servers]
  - preferred: a
    rejected: [hom, étage, b]
`))
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, k := range l.keys {
		keys = append(keys, string(k))
	}
	var of []string
	for _, v := range l.variants {
		if v.key < 0 {
			of = append(of, "-")
			continue
		}
		of = append(of, string(l.keys[v.key]))
	}
	if got, want := strings.Join(keys, ","), "hom,b"; got != want {
		t.Errorf("keys %s, want %s", got, want)
	}
	if got, want := strings.Join(of, ","), "hom,hom,hom,hom,hom,-,b"; got != want {
		t.Errorf("keys of the variants %s, want %s", got, want)
	}
}

// TestCheckSameAsEveryVariant: searching a page for keys first reports
// the same problems, in the same order, as searching it for every
// variant, on the guide's term list and pages and on text written to
// hit every variant in other cases and spacings.
func TestCheckSameAsEveryVariant(t *testing.T) {
	guide := guideList(t)
	crafted, err := Parse("t.yaml", []byte("terms:\n  - preferred: x\n    rejected: [a a, a, A b, aa, Ä, éé, \"-z\", xK, ſs, ht]\n"))
	if err != nil {
		t.Fatal(err)
	}
	texts := guideTexts(t, guide)
	texts = append(texts, "ÉÉN REALTIME  COMMUNICATIE, privacyİnstellingen, HOMESERVER",
		"a a a aa a\na b A B ä Ä éé ÉÉ -z z -a `a a` https://a.a ](a) aaa", "",
		"HTTPS://HOMESERVER.ORG Http://homeserver ](HOMESERVER) `HOMESERVER` XK xk xK ſS SS ss ſſ HT Ht ht")
	found := 0
	for _, l := range []*List{guide, crafted} {
		for _, text := range texts {
			var got, want []string
			for _, p := range l.Check("x.md", []byte(text)) {
				got = append(got, p.Error())
			}
			for _, p := range checkEveryVariant(l, "x.md", []byte(text)) {
				want = append(want, p.Error())
			}
			if !slices.Equal(got, want) {
				t.Errorf("in %.100q:\ngot  %q\nwant %q", text, got, want)
			}
			found += len(want)
		}
	}
	if found < 40 {
		t.Fatalf("only %d problems in all: the test checks little", found)
	}
}

// TestFirstPlaces: the one pass over a page finds each key where
// bytes.Index finds it, keys that share a first byte and keys that
// overlap included.
func TestFirstPlaces(t *testing.T) {
	l, err := Parse("t.yaml", []byte("terms:\n  - preferred: x\n    rejected: [hom, hal, b, ha la, ab, é]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(l.keys) < 4 {
		t.Fatalf("keys %q: the test checks little", l.keys)
	}
	for _, text := range []string{"", "hahal hom b", "abab halhom", "xxxxhom", "hohoho", "b", "ha", "éé hal", "ho\nm hom hal ab b"} {
		checkFirstPlaces(t, l, text)
	}
	// Keys longer than the bytes looked up before comparing, which
	// share them, at the end of a text and cut short there.
	l, err = Parse("t.yaml", []byte("terms:\n  - preferred: x\n    rejected: [eind-tot-eind, end-to-end, endo, homeserver, home, h, en]\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range firstPlacesTexts {
		checkFirstPlaces(t, l, text)
	}
}

var firstPlacesTexts = []string{"", "en", "end-to-en", "end-to-end", "xx eind-tot-ein", "eind-tot-eind x homeserve home", "h", "ho", "hom", "endo", "end", "ende end-to-endo"}

func checkFirstPlaces(t *testing.T, l *List, text string) {
	t.Helper()
	got := l.firstPlaces([]byte(text))
	for k, key := range l.keys {
		if want := bytes.Index([]byte(text), key); got[k] != want {
			t.Errorf("%q: key %q at %d, want %d", text, key, got[k], want)
		}
	}
}

// fuzzList makes a list of one term whose rejected variants are the
// comma-separated variants (those YAML takes as they are), or nil.
func fuzzList(variants string) *List {
	var list strings.Builder
	list.WriteString("terms:\n  - preferred: x\n    rejected:\n")
	for _, v := range strings.Split(variants, ",") {
		v = strings.TrimSpace(v)
		if v == "" || strings.ContainsAny(v, "\n\"\\") || !utf8.ValidString(v) {
			continue
		}
		list.WriteString("      - " + strconv.Quote(v) + "\n")
	}
	l, err := Parse("t.yaml", []byte(list.String()))
	if err != nil {
		return nil
	}
	return l
}

// FuzzFirstPlaces: for any term list and text, the one pass finds each
// key where bytes.Index finds it.
func FuzzFirstPlaces(f *testing.F) {
	for _, text := range firstPlacesTexts {
		f.Add("eind-tot-eind, end-to-end, endo, home, h", text)
	}
	f.Fuzz(func(t *testing.T, variants, text string) {
		l := fuzzList(variants)
		if l == nil {
			return
		}
		checkFirstPlaces(t, l, text)
	})
}
