package build_test

import (
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/build"
	"github.com/guidegen/guidegen/internal/diag"
)

// TestSummaryPlurals: the build summary says "1 page", "1 locale",
// "1 file", "1 UI string", "1 warning", never "1 pages".
func TestSummaryPlurals(t *testing.T) {
	var b strings.Builder
	s := &build.Summary{
		Out: "public", Files: 1, Bytes: 10,
		Locales:  []build.LocaleSummary{{Code: "nl", Name: "Nederlands", Pages: 1, Fallback: 1, MissingStrings: 1}},
		Warnings: []*diag.Problem{diag.Warnf(diag.Pos{}, "w")},
	}
	s.Format(&b)
	for _, want := range []string{
		"Built 1 page in 1 locale into public in 0s (1 file, 10 B).",
		"  nl    Nederlands      1 page: 0 translated, 1 from the source language; 1 UI string untranslated\n",
		"  1 warning\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, b.String())
		}
	}
	b.Reset()
	s.Files, s.Locales[0].Pages, s.Locales[0].MissingStrings = 2, 2, 2
	s.Locales = append(s.Locales, s.Locales[0])
	s.Format(&b)
	for _, want := range []string{"Built 4 pages in 2 locales into public in 0s (2 files, 10 B).", "   2 pages:", "; 2 UI strings untranslated"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, b.String())
		}
	}
}
