// Package terms keeps the wording of a locale consistent: a term list
// (locales/terms.<locale>.yaml) names, per concept, the preferred term and
// the variants the guide does not use, and Check reports every rejected
// variant in a page of that locale, as a warning at its line and column.
package terms

import (
	"errors"
	"io/fs"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/limits"
	"github.com/guidegen/guidegen/internal/yamlx"
)

// File returns the name of a locale's term list under the site root.
func File(dir, locale string) string { return dir + "/terms." + locale + ".yaml" }

// Term is one concept: the word the guide uses and the ones it does not.
type Term struct {
	Preferred string   `yaml:"preferred"`
	Rejected  []string `yaml:"rejected"`
	// Note says why, for the people who edit the list.
	Note string `yaml:"note"`
}

// List is a locale's term list.
type List struct {
	File  string
	Terms []Term `yaml:"terms"`

	res []*regexp.Regexp // one per rejected variant, in order
	of  []int            // the term of each
}

// Load reads the term list of locale from dir in fsys; nil when there is
// none.
func Load(fsys fs.FS, dir, locale string) (*List, error) {
	name := File(dir, locale)
	src, err := limits.ReadFile(fsys, name, limits.DataSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return Parse(name, src)
}

// Parse parses a term list.
func Parse(name string, src []byte) (*List, error) {
	l := &List{File: name}
	if err := (yamlx.Source{File: name}).Unmarshal(src, l); err != nil {
		return nil, err
	}
	for i, t := range l.Terms {
		if strings.TrimSpace(t.Preferred) == "" || len(t.Rejected) == 0 {
			return nil, diag.Errorf(diag.Pos{File: name}, "term %d: give preferred and at least one rejected variant", i+1)
		}
		for _, r := range t.Rejected {
			r = strings.TrimSpace(r)
			if r == "" || strings.EqualFold(r, t.Preferred) {
				return nil, diag.Errorf(diag.Pos{File: name}, "term %q: rejected variant %q is empty or the preferred term", t.Preferred, r)
			}
			// Case-insensitive, not inside a longer word on the left
			// (inflected forms on the right are caught too); a blank
			// in the variant matches any run of blanks, line breaks
			// included.
			parts := strings.Fields(r)
			for k := range parts {
				parts[k] = regexp.QuoteMeta(parts[k])
			}
			l.res = append(l.res, regexp.MustCompile(`(?i)`+strings.Join(parts, `\s+`)))
			l.of = append(l.of, i)
		}
	}
	return l, nil
}

var (
	// Text that is not prose: URLs, link destinations, code spans.
	urlRE = regexp.MustCompile(`https?://[^\s)>\]]+|\]\([^)\s]*\)|` + "`[^`\n]*`")
	fence = regexp.MustCompile("(?m)^[ \t]*(```|~~~)")
)

// Check reports, as warnings at file:line:col, every rejected variant in
// src (a page's source). Fenced code, code spans, URLs and link
// destinations are skipped.
func (l *List) Check(file string, src []byte) []*diag.Problem {
	if l == nil {
		return nil
	}
	text := []byte(string(src))
	blank := func(a, b int) {
		for k := a; k < b; k++ {
			if text[k] != '\n' {
				text[k] = ' '
			}
		}
	}
	// Fenced code blocks.
	locs := fence.FindAllIndex(text, -1)
	for k := 0; k+1 < len(locs); k += 2 {
		blank(locs[k][0], locs[k+1][1])
	}
	for _, m := range urlRE.FindAllIndex(text, -1) {
		blank(m[0], m[1])
	}
	lines := diag.NewLines(src)
	var out []*diag.Problem
	for i, re := range l.res {
		for _, m := range re.FindAllIndex(text, -1) {
			if m[0] > 0 {
				if r, _ := utf8.DecodeLastRune(text[:m[0]]); unicode.IsLetter(r) || r == '-' {
					continue
				}
			}
			t := l.Terms[l.of[i]]
			p := diag.Warnf(lines.Pos(file, m[0]), "%q: this guide writes %q (%s)", string(src[m[0]:m[1]]), t.Preferred, l.File)
			out = append(out, p)
		}
	}
	return out
}
