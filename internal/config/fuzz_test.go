package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/diag"
)

// FuzzParse parses arbitrary configurations, seeded with the bundled
// guide's and the test sites'. A configuration is either valid (and then
// its defaults are applied and its locales are consistent) or refused
// with problems that all name guidegen.yaml and a line in it.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/sites/*/" + FileName)
	for _, name := range append(files, "../../"+FileName) {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, s := range []string{valid, "", "title: x\n", "locales: [{code: en}, {code: en}]\n", "toc: {minLevel: 7}\n", "a: &a [*a]\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		c, err := Parse(src)
		if err != nil {
			lines := yamlLines(src)
			for _, p := range problems(t, err) {
				if p.Pos.File != FileName || p.Pos.Line < 1 || p.Pos.Line > lines {
					t.Fatalf("problem at %s, not at a line of %s (%d lines): %v", p.Pos, FileName, lines, p)
				}
			}
			return
		}
		if _, ok := c.Locale(c.DefaultLocale); !ok {
			t.Fatalf("defaultLocale %q is not a locale of %+v", c.DefaultLocale, c.Locales)
		}
		if c.LocaleIndex(c.DefaultLocale) < 0 || c.LocalePrefix(c.DefaultLocale) != "" {
			t.Fatalf("the default locale %q has index %d and prefix %q", c.DefaultLocale, c.LocaleIndex(c.DefaultLocale), c.LocalePrefix(c.DefaultLocale))
		}
		seen := map[string]bool{}
		for _, l := range c.Locales {
			if l.Code == "" || seen[l.Code] || (l.Direction != "ltr" && l.Direction != "rtl") {
				t.Fatalf("locale %+v accepted (seen before: %v)", l, seen[l.Code])
			}
			seen[l.Code] = true
		}
		if c.Output == "" || filepath.IsAbs(c.Output) || c.TOC.MinLevel < 1 || c.TOC.MaxLevel > 6 || c.TOC.MinLevel > c.TOC.MaxLevel {
			t.Fatalf("accepted output %q, toc %+v", c.Output, c.TOC)
		}
		if c.Origin() == "" || c.BasePath() == "" || c.BasePath()[0] != '/' {
			t.Fatalf("baseURL %q gives origin %q and base path %q", c.BaseURL, c.Origin(), c.BasePath())
		}
	})
}

// problems returns the problems of an error; an error that is not made
// of positioned problems fails the test.
func problems(t *testing.T, err error) []*diag.Problem {
	t.Helper()
	var le *diag.ListError
	var p *diag.Problem
	switch {
	case errors.As(err, &le):
		return le.Problems
	case errors.As(err, &p):
		return []*diag.Problem{p}
	}
	t.Fatalf("error is not a positioned problem: %v", err)
	return nil
}

// yamlLines returns the number of lines of src as YAML counts them: a
// line break is LF, CRLF, a lone CR, NEL, LS or PS; the position after a
// final line break is on one more line.
func yamlLines(src []byte) int {
	s := strings.ReplaceAll(string(src), "\r\n", "\n")
	n := 1
	for _, sep := range []string{"\n", "\r", "\u0085", "\u2028", "\u2029"} {
		n += strings.Count(s, sep)
	}
	return n + 1
}
