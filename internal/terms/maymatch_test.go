package terms

import (
	"strings"
	"testing"
)

// checkMayMatch fails when mayMatch rules out a text in which check
// finds a variant.
func checkMayMatch(t *testing.T, l *List, text string) bool {
	t.Helper()
	may := l.mayMatch([]byte(text))
	if found := l.check("x.md", []byte(text)); len(found) > 0 && !may {
		t.Errorf("%.200q: mayMatch false, but check finds %v", text, found[0])
	}
	return may
}

var mayMatchTexts = []string{
	"", "h", "home", "HOME server", "home`x`server", "home `x` server", "home http://x server",
	"home ](x) server", "home\n```\nx\n```\nserver", "home\n  ~~~\nx\n  ~~~\n server", "x home-server",
	"[Homepage](https://example.org/) :octicons-home-16:", "home page", "homeserver", "thuis home\tserver",
	"real-time\tcommunicatie", "eind-tot-eind versleuteld", "eind-tot-eind `code` versleuteld",
	"privacyİnstellingen", "ÉÉN REALTIME  COMMUNICATIE", "xxxxxxxxxxxxxxxxxxxxhome server",
	"home serve", "home\n\n\nserver", "ho", "hom", "a", "b a", "zz ht", "zz -z", "x xk",
}

// TestMayMatch: on the guide's term list and pages, text written to hit
// every variant in other cases and spacings, and text where blanking
// joins a variant's words, mayMatch rules out no text in which Check
// finds a variant; and it rules out the generated corpus's kind of page,
// where "home" stands only in other words.
func TestMayMatch(t *testing.T) {
	guide := guideList(t)
	crafted, err := Parse("t.yaml", []byte("terms:\n  - preferred: x\n    rejected: [a a, a, A b, aa, Ä, éé, \"-z\", xK, ſs, ht]\n"))
	if err != nil {
		t.Fatal(err)
	}
	// Keys shorter than the automaton's stages, all ASCII (a variant
	// without an ASCII start is never ruled out).
	short, err := Parse("t.yaml", []byte("terms:\n  - preferred: x\n    rejected: [a b, ab, xk, ht, \"-z\", q]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if short.always || short.stages < 3 {
		t.Fatalf("always %v, stages %d: the test checks little", short.always, short.stages)
	}
	texts := append(guideTexts(t, guide), mayMatchTexts...)
	for _, l := range []*List{guide, crafted, short} {
		for _, text := range texts {
			checkMayMatch(t, l, text)
			// At every place of both automata, and near the middle.
			for _, pad := range []int{1, 2, 3, 5, 8, 13} {
				checkMayMatch(t, l, strings.Repeat(".", pad)+text)
				checkMayMatch(t, l, text+strings.Repeat(".", pad)+text)
			}
		}
	}
	for _, text := range []string{
		"[Homepage](https://example.org/) :octicons-home-16: { .md-button }",
		"Een home page, thuis en home-page.", "Realtimes? Nee.", "",
	} {
		if guide.mayMatch([]byte(text)) {
			t.Errorf("%q: mayMatch true, nothing to find", text)
		}
	}
}

// FuzzMayMatch: for any term list and text, mayMatch rules out no text
// in which check finds a variant.
func FuzzMayMatch(f *testing.F) {
	for _, text := range mayMatchTexts {
		f.Add("home server, homeserver, eind-tot-eind versleuteld, a b, x", text)
	}
	f.Fuzz(func(t *testing.T, variants, text string) {
		l := fuzzList(variants)
		if l == nil {
			return
		}
		checkMayMatch(t, l, text)
	})
}
