package terms

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// oracle is the regular-expression matcher Check replaced: one
// case-insensitive expression per variant, blanks as \s+.
func oracle(l *List, text []byte) [][2]int {
	var out [][2]int
	for _, t := range l.Terms {
		for _, r := range t.Rejected {
			parts := strings.Fields(r)
			for k := range parts {
				parts[k] = regexp.QuoteMeta(parts[k])
			}
			re := regexp.MustCompile(`(?i)` + strings.Join(parts, `\s+`))
			for _, m := range re.FindAllIndex(text, -1) {
				if m[0] > 0 {
					if r, _ := utf8.DecodeLastRune(text[:m[0]]); unicode.IsLetter(r) || r == '-' {
						continue
					}
				}
				out = append(out, [2]int{m[0], m[1]})
			}
		}
	}
	return out
}

// guideList returns the guide's Dutch term list.
func guideList(t *testing.T) *List {
	t.Helper()
	src, err := os.ReadFile("../../locales/terms.nl.yaml")
	if err != nil {
		t.Fatal(err)
	}
	l, err := Parse("locales/terms.nl.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// guideTexts returns the guide's Dutch pages and a text written to hit
// every rejected variant of l in other cases and spacings.
func guideTexts(t *testing.T, l *List) []string {
	t.Helper()
	var texts []string
	pages, _ := filepath.Glob("../../content/nl/*.md")
	more, _ := filepath.Glob("../../content/nl/*/*.md")
	for _, p := range append(pages, more...) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	var crafted strings.Builder
	for _, term := range l.Terms {
		for _, r := range term.Rejected {
			crafted.WriteString(r + ". " + strings.ToUpper(r) + " x" + r + " -" + r + " " +
				strings.ReplaceAll(r, " ", "\n\t ") + "s " + strings.ToUpper(r[:1]) + r[1:] + "\n")
		}
	}
	return append(texts, crafted.String())
}

// TestCheckAgreesWithOracle: on the guide's own term list and Dutch
// pages, plus text written to hit every variant in other cases and
// spacings, Check finds what the regular expressions find.
func TestCheckAgreesWithOracle(t *testing.T) {
	l := guideList(t)
	texts := append(guideTexts(t, l), "ÉÉN REALTIME  COMMUNICATIE, privacyİnstellingen, HOMESERVER")
	found := 0
	for _, text := range texts {
		want := oracle(l, []byte(text))
		got := l.Check("x.md", []byte(text))
		if len(got) != len(want) {
			t.Errorf("%d problems, the oracle finds %d in:\n%.200s", len(got), len(want), text)
		}
		found += len(want)
	}
	if found < 20 {
		t.Fatalf("only %d matches in all: the test checks little", found)
	}
}

func BenchmarkCheck(b *testing.B) {
	src, err := os.ReadFile("../../locales/terms.nl.yaml")
	if err != nil {
		b.Fatal(err)
	}
	l, err := Parse("locales/terms.nl.yaml", src)
	if err != nil {
		b.Fatal(err)
	}
	page, err := os.ReadFile("../../content/nl/real-time-communication.md")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		l.Check("x.md", page)
	}
}
