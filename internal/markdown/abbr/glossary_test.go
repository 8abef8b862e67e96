package abbr

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/diag"
)

func TestParseGlossary(t *testing.T) {
	src := "\uFEFF# Comment\r\n\r\n*[E2EE]: End-to-end encryption\r\n  # indented comment\n" +
		"*[ Wi-Fi ] :   Wireless network  \n\t\n*[a[b]: brackets\n*[x]: \"quotes\" stay\r*[y]:z"
	g, err := ParseGlossary("g.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"E2EE":  "End-to-end encryption",
		"Wi-Fi": "Wireless network",
		"a[b":   "brackets",
		"x":     `"quotes" stay`,
		"y":     "z",
	}
	if g.Len() != len(want) {
		t.Errorf("Len() = %d, want %d (%v)", g.Len(), len(want), g.Terms())
	}
	for term, exp := range want {
		if got, ok := g.Lookup(term); !ok || got != exp {
			t.Errorf("Lookup(%q) = %q, %v; want %q", term, got, ok, exp)
		}
	}
	if _, ok := g.Lookup("e2ee"); ok {
		t.Error("lookups must be case-sensitive")
	}
	if got := g.Terms(); !slices.Equal(got, []string{"E2EE", "Wi-Fi", "a[b", "x", "y"}) {
		t.Errorf("Terms() = %q", got)
	}
}

func TestParseGlossaryNotATerm(t *testing.T) {
	// "*[a]b]: x" ends the term at the first "]": the rest is not ": x".
	_, err := ParseGlossary("g.txt", []byte("*[a]b]: x\n"))
	if err == nil || !strings.Contains(err.Error(), "g.txt:1:1: not an abbreviation") {
		t.Errorf("err = %v", err)
	}
}

func TestParseGlossaryErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"prose", "E2EE: End-to-end encryption\n",
			[]string{"g.txt:1:1: not an abbreviation: want a line like *[TERM]: expansion, a comment starting with # or a blank line"}},
		{"indented bad line", "*[A]: a\n\n   [B]: b\n", []string{"g.txt:3:4: not an abbreviation"}},
		{"column counts characters", "*[é]: e\n  éé *[B]: b\n", []string{"g.txt:2:3: not an abbreviation"}},
		{"missing colon", "*[A] a\n", []string{"g.txt:1:1: not an abbreviation"}},
		{"two spaces before the colon", "*[A]  : a\n", []string{"g.txt:1:1: not an abbreviation"}},
		{"unclosed", "*[A: a\n", []string{"g.txt:1:1: not an abbreviation"}},
		{"empty term", "*[]: nothing\n*[  ]: spaces\n", []string{
			"g.txt:1:3: empty term in *[]: a term needs at least one character",
			"g.txt:2:3: empty term in *[]",
		}},
		{"empty expansion", "*[A]:\n*[B]:   \r\n", []string{
			`g.txt:1:5: abbreviation "A" has no expansion`,
			`g.txt:2:5: abbreviation "B" has no expansion`,
		}},
		{"duplicate", "# c\n*[A]: one\n*[B]: b\n  *[A]: two\n*[A]: three\n", []string{
			`g.txt:4:5: abbreviation "A" is defined twice, on lines 2 and 4`,
			`g.txt:5:3: abbreviation "A" is defined twice, on lines 2 and 5`,
		}},
		{"invalid UTF-8", "*[A\xff]: a\n", []string{"g.txt:1:1: the line is not valid UTF-8"}},
		{"all reported, in order", "x\n*[]: a\n*[B]:\ny\n", []string{
			"g.txt:1:1: not an abbreviation",
			"g.txt:2:3: empty term",
			`g.txt:3:5: abbreviation "B" has no expansion`,
			"g.txt:4:1: not an abbreviation",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := ParseGlossary("g.txt", []byte(tt.src))
			if err == nil {
				t.Fatalf("no error; glossary %v", g.Terms())
			}
			if g != nil {
				t.Error("a glossary was returned with the error")
			}
			var list *diag.ListError
			if !errors.As(err, &list) {
				t.Fatalf("error %T is not a *diag.ListError", err)
			}
			if len(list.Problems) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%v", len(list.Problems), len(tt.want), err)
			}
			for i, p := range list.Problems {
				if p.Severity != diag.Error || p.Pos.File != "g.txt" || p.Pos.Line < 1 || p.Pos.Col < 1 {
					t.Errorf("problem %d: %+v", i, p)
				}
				if !strings.HasPrefix(p.Error(), tt.want[i]) {
					t.Errorf("problem %d:\n got %s\nwant %s", i, p.Error(), tt.want[i])
				}
			}
		})
	}
}

func TestEmptyGlossary(t *testing.T) {
	g, err := ParseGlossary("g.txt", []byte("# nothing yet\n\n"))
	if err != nil || g.Len() != 0 || g.m != nil {
		t.Errorf("g = %+v, err = %v", g, err)
	}
	var nilG *Glossary
	if _, ok := nilG.Lookup("A"); ok || nilG.Len() != 0 || nilG.Terms() != nil {
		t.Error("a nil glossary must be empty")
	}
}

// The guide's glossaries parse, and translate the same terms, but for the
// Dutch name of the GDPR.
func TestLocaleGlossaries(t *testing.T) {
	terms := map[string][]string{}
	for _, loc := range []string{"en", "nl"} {
		name := "../../../locales/glossary." + loc + ".txt"
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		g, err := ParseGlossary(name, src)
		if err != nil {
			t.Fatal(err)
		}
		if g.Len() < 25 {
			t.Errorf("%s: only %d terms", name, g.Len())
		}
		for _, term := range g.Terms() {
			if exp, _ := g.Lookup(term); exp == term {
				t.Errorf("%s: %s expands to itself", name, term)
			}
		}
		terms[loc] = g.Terms()
	}
	en := slices.DeleteFunc(slices.Clone(terms["en"]), func(s string) bool { return s == "GDPR" })
	nl := slices.DeleteFunc(slices.Clone(terms["nl"]), func(s string) bool { return s == "GDPR" || s == "AVG" })
	if !slices.Equal(en, nl) {
		t.Errorf("terms differ:\n en %q\n nl %q", en, nl)
	}
	if !slices.Contains(terms["en"], "GDPR") || !slices.Contains(terms["nl"], "AVG") {
		t.Error("the GDPR is GDPR in English and AVG in Dutch")
	}
}

func TestMatcher(t *testing.T) {
	m := newMatcher(map[string]string{
		"E2EE": "e", "E2": "e2", "VoIP": "v", "IP": "i", "Wi-Fi": "w", "2FA": "f",
		"U.S.": "us", "Double Ratchet": "dr", "amp": "a", "nbsp": "n", "é": "e-acute", "ÉÉN": "een",
		"Gone": "",
	})
	tests := []struct {
		text string
		want []string
	}{
		{"", nil},
		{"nothing here", nil},
		{"E2EE", []string{"E2EE"}},
		{"E2EE E2 E2E", []string{"E2EE", "E2"}},
		{"VoIP IP xIP IPx", []string{"VoIP", "IP"}},
		{"Wi-Fi Wi-Fis xWi-Fi Wi-Fi-Fi", []string{"Wi-Fi", "Wi-Fi"}}, // "-" ends a word
		{"2FA 12FA 2FA2 _2FA 2FA_", []string{"2FA"}},
		{"U.S. U.S.A U.S.. U.S", []string{"U.S.", "U.S."}},
		{"Double Ratchet Double  Ratchet", []string{"Double Ratchet"}},
		{"é aé éa é", []string{"é", "é"}},
		{"ÉÉN ÉÉNS", []string{"ÉÉN"}},
		{"αE2EE E2EEα E2EE\u0301 日E2EE E2EE日 E2EE·", []string{"E2EE"}},
		{"E2EE\u00a0E2EE", []string{"E2EE", "E2EE"}},
		// The renderer shows "&amp;nbsp;" as "&nbsp;": there, nbsp is a word.
		{"&amp; &nbsp; &amp;amp &amp;nbsp; amp&amp;", []string{"amp", "nbsp", "amp"}},
		{"&nbsp;E2EE&nbsp; &eacute;E2EE E2EE&#233; E2EE&#x41; &#65;E2EE &#x2014;E2EE", []string{"E2EE", "E2EE"}},
		{"E2EE&bogus; &E2EE;", []string{"E2EE"}},
		{"E2EE\\_ E2EE\\. \\E2EE \\\\E2EE", []string{"E2EE", "E2EE", "E2EE"}},
		{"Gone", nil},
		{"E2E", nil},
		{"E", nil},
	}
	for _, tt := range tests {
		src := []byte(tt.text)
		var got []string
		for _, f := range m.find(nil, src, 0, len(src)) {
			if f.e.term != tt.text[f.start:f.end] {
				t.Errorf("%q: match of %q at %d:%d", tt.text, f.e.term, f.start, f.end)
			}
			got = append(got, f.e.term)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
		}
	}
	if newMatcher(map[string]string{"A": ""}) != nil || newMatcher(nil) != nil {
		t.Error("a matcher without terms must be nil")
	}
}

// find looks beyond its range for word boundaries: the text around a node
// is still text.
func TestMatcherContext(t *testing.T) {
	m := newMatcher(map[string]string{"E2EE": "e"})
	src := []byte("xE2EE E2EEx _E2EE_ *E2EE*")
	for _, r := range [][2]int{{1, 5}, {6, 10}, {13, 17}} {
		if got := m.find(nil, src, r[0], r[1]); len(got) != 0 {
			t.Errorf("%q in %q: %v", src[r[0]:r[1]], src, got)
		}
	}
	if got := m.find(nil, src, 20, 24); len(got) != 1 {
		t.Errorf("*E2EE*: %v", got)
	}
	// An escape or entity cut by the range does not count.
	src = []byte(`\E2EE`)
	if got := m.find(nil, src, 1, len(src)); len(got) != 1 {
		t.Errorf("%s: %v", src, got)
	}
}

func TestSplitsToken(t *testing.T) {
	tests := []struct {
		src  string
		p    int
		want bool
	}{
		{`a\*b`, 2, true},
		{`a\\*b`, 3, false},
		{`a\\\*b`, 4, true},
		{`a\b`, 2, false},
		{`&amp;`, 1, true},
		{`&amp;`, 3, true},
		{`&amp;`, 4, true},
		{`&amp;`, 5, false},
		{`x&amp;`, 1, false},
		{`&#123;`, 2, true},
		{`&am p;`, 2, false},
		{`&amp`, 2, false},
	}
	for _, tt := range tests {
		if got := splitsToken([]byte(tt.src), tt.p, 0, len(tt.src)); got != tt.want {
			t.Errorf("splitsToken(%q, %d) = %v, want %v", tt.src, tt.p, got, tt.want)
		}
	}
}

func ExampleParseGlossary() {
	g, err := ParseGlossary("glossary.txt", []byte("# Terms\n*[E2EE]: End-to-end encryption\n*[2FA]: Two-factor authentication\n"))
	if err != nil {
		panic(err)
	}
	exp, _ := g.Lookup("E2EE")
	fmt.Println(g.Len(), exp)
	_, err = ParseGlossary("glossary.txt", []byte("*[E2EE]: End-to-end encryption\nE2EE = end-to-end\n"))
	fmt.Println(err)
	// Output:
	// 2 End-to-end encryption
	// glossary.txt:2:1: not an abbreviation: want a line like *[TERM]: expansion, a comment starting with # or a blank line
}

// BenchmarkFind is the matcher alone, on prose with a term every few
// words, with the guide's English glossary.
func BenchmarkFind(b *testing.B) {
	src, err := os.ReadFile("../../../locales/glossary.en.txt")
	if err != nil {
		b.Fatal(err)
	}
	g, err := ParseGlossary("glossary.en.txt", src)
	if err != nil {
		b.Fatal(err)
	}
	text := []byte(strings.Repeat("Messenger apps encrypt every chat end to end (E2EE) and offer PFS, so a key that "+
		"leaks tomorrow does not expose today's messages. The servers see your IP address; hide it with a VPN. ", 50))
	var found []match
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		found = g.m.find(found[:0], text, 0, len(text))
	}
	if len(found) != 200 {
		b.Fatalf("%d matches", len(found))
	}
}

// TestMatcherWith: adding, replacing and removing terms through with gives
// the same matches as building the matcher from the merged terms.
func TestMatcherWith(t *testing.T) {
	base := map[string]string{"E2EE": "end-to-end", "E2": "two", "VoIP": "voice", "IP": "internet protocol", "Wi-Fi": "wireless"}
	text := []byte("E2EE and E2 over VoIP, IP, Wi-Fi, P2P and XMPP; E2EE again. ÜA, 0day, EX and a B.")
	tests := []map[string]string{
		{},
		{"P2P": "peer to peer"},
		{"E2EE": "page's own"},
		{"IP": ""},
		{"E2EE": "", "E2": "", "VoIP": "", "IP": "", "Wi-Fi": ""},
		{"XMPP": "x", "E2EE": "", "Wi": "short"},
		{"ÜA": "beyond ASCII"}, // skip must test every byte now
		{"0day": "below the glossary's first bytes"},
		{"B": "one letter", "IP": ""},
		{"E2EE": "same", "E2": "again"},
		{"E2EE": "", "E2": "", "EX": "a group emptied and filled again"},
	}
	for i, defs := range tests {
		merged := maps.Clone(base)
		maps.Copy(merged, defs)
		want := newMatcher(merged).find(nil, text, 0, len(text))
		got := newMatcher(base).with(defs).find(nil, text, 0, len(text))
		if len(got) != len(want) {
			t.Fatalf("case %d: %d matches, want %d", i, len(got), len(want))
		}
		for k := range want {
			if got[k].start != want[k].start || got[k].end != want[k].end || got[k].e.title != want[k].e.title {
				t.Errorf("case %d: match %d = %+v, want %+v", i, k, got[k], want[k])
			}
		}
	}
	before := newMatcher(base)
	snapshot, first := *before, *before.first
	var groups [][]entry
	for _, g := range before.groups {
		groups = append(groups, slices.Clone(g))
	}
	before.with(map[string]string{"E2EE": "", "E2": "replaced", "P2P": "p", "ÜA": "u"})
	if *before.first != first || before.lo1 != snapshot.lo1 || before.hi1 != snapshot.hi1 || before.lo2 != snapshot.lo2 || before.hi2 != snapshot.hi2 ||
		before.minLen != snapshot.minLen || !slices.EqualFunc(before.groups, groups, func(a, b []entry) bool {
		return slices.EqualFunc(a, b, func(x, y entry) bool { return x.term == y.term && x.title == y.title })
	}) {
		t.Error("with changed the matcher it was called on")
	}
	if newMatcher(base).with(map[string]string{"E2EE": "", "E2": "", "VoIP": "", "IP": "", "Wi-Fi": ""}) != nil {
		t.Error("removing every term should leave no matcher")
	}
	if m := (*matcher)(nil).with(map[string]string{"A": "a"}); m == nil {
		t.Error("nil matcher with a definition")
	}
}

// BenchmarkCandidates is the scan every document gets: prose without a
// term, with the guide's English glossary.
func BenchmarkCandidates(b *testing.B) {
	src, err := os.ReadFile("../../../locales/glossary.en.txt")
	if err != nil {
		b.Fatal(err)
	}
	g, err := ParseGlossary("glossary.en.txt", src)
	if err != nil {
		b.Fatal(err)
	}
	para := "Messenger apps encrypt every chat from one end to the other, so a key that leaks " +
		"tomorrow does not expose the messages of today. Servers still see your address; " +
		"a relay can hide it. Open source clients let anyone check these claims.\n"
	text := []byte(strings.Repeat(para, 40))
	var cands []int
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if cands = g.m.candidates(cands[:0], text); len(cands) > 0 {
			b.Fatal("a term in the text")
		}
	}
}
