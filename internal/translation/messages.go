package translation

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"text/template"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/fsutil"
)

// form is one plural form of a message.
type form struct{ name, text string }

// formNames are the CLDR plural forms, in order.
var formNames = []string{"zero", "one", "two", "few", "many", "other"}

func formText(m *goi18n.Message, name string) string {
	switch name {
	case "zero":
		return m.Zero
	case "one":
		return m.One
	case "two":
		return m.Two
	case "few":
		return m.Few
	case "many":
		return m.Many
	}
	return m.Other
}

func isPlural(m *goi18n.Message) bool {
	return m.Zero != "" || m.One != "" || m.Two != "" || m.Few != "" || m.Many != ""
}

// toTranslate returns the forms a translation of source message m into
// tag needs, each with the source text to translate: only "other" for a
// message without plural forms, else every plural form of the target
// language (goi18n merge does the same).
func toTranslate(m *goi18n.Message, tag language.Tag) []form {
	if !isPlural(m) {
		return []form{{"other", m.Other}}
	}
	var out []form
	for _, name := range pluralForms(tag) {
		text := formText(m, name)
		if text == "" {
			text = m.Other
		}
		out = append(out, form{name, text})
	}
	return out
}

// pluralForms returns the names of the cardinal plural forms a language
// uses, from the CLDR rules of golang.org/x/text, in CLDR order.
func pluralForms(tag language.Tag) []string {
	seen := map[plural.Form]bool{}
	for i := range 1000 {
		seen[plural.Cardinal.MatchPlural(tag, i, 0, 0, 0, 0)] = true
	}
	for i := range 10 {
		for f := range 100 {
			seen[plural.Cardinal.MatchPlural(tag, i, 1, 1, f%10, f%10)] = true
			seen[plural.Cardinal.MatchPlural(tag, i, 2, 2, f, f)] = true
		}
	}
	forms := []plural.Form{plural.Zero, plural.One, plural.Two, plural.Few, plural.Many, plural.Other}
	var out []string
	for i, f := range forms {
		if seen[f] || f == plural.Other {
			out = append(out, formNames[i])
		}
	}
	return out
}

// targetLocale checks that locale is one the site translates into.
func (s *Site) targetLocale(locale string) (language.Tag, error) {
	if _, ok := s.Config.Locale(locale); !ok {
		return language.Tag{}, fmt.Errorf("%s is not a locale of the site (%s)", locale, codes(s.Config))
	}
	if locale == s.Config.DefaultLocale {
		return language.Tag{}, fmt.Errorf("%s is the source language; its strings are not translations", locale)
	}
	return language.Parse(locale)
}

var (
	fieldRE       = regexp.MustCompile(`\.([A-Za-z_][A-Za-z0-9_]*)`)
	templateErrRE = regexp.MustCompile(`^template: [^:]*:\d+: `)
)

// checkTemplates parses each translated form as go-i18n will, and checks
// that it uses only the template data the source text uses.
func checkTemplates(src, tr *goi18n.Message, forms []form) error {
	left, right := tr.LeftDelim, tr.RightDelim
	if left == "" {
		left, right = src.LeftDelim, src.RightDelim
	}
	if left == "" {
		left, right = "{{", "}}"
	}
	fields := func(text string) []string {
		var out []string
		for _, action := range actions(text, left, right) {
			for _, m := range fieldRE.FindAllStringSubmatch(action, -1) {
				out = append(out, m[1])
			}
		}
		return out
	}
	var have []string
	for _, name := range formNames {
		have = append(have, fields(formText(src, name))...)
	}
	for _, f := range forms {
		if !strings.Contains(f.text, left) {
			continue
		}
		if _, err := template.New("").Delims(left, right).Parse(f.text); err != nil {
			return fmt.Errorf("%s: %s", f.name, templateErrRE.ReplaceAllString(err.Error(), ""))
		}
		for _, field := range fields(f.text) {
			if field != "Count" && field != "PluralCount" && !slices.Contains(have, field) {
				return fmt.Errorf("%s: uses .%s, which the source text does not have", f.name, field)
			}
		}
	}
	return nil
}

// actions returns the text inside the template actions of s.
func actions(s, left, right string) []string {
	var out []string
	for {
		i := strings.Index(s, left)
		if i < 0 {
			return out
		}
		s = s[i+len(left):]
		j := strings.Index(s, right)
		if j < 0 {
			return out
		}
		out = append(out, s[:j])
		s = s[j+len(right):]
	}
}

func (s *Site) stampStrings(rel, locale string, all bool) (*Stamped, error) {
	if _, err := s.targetLocale(locale); err != nil {
		return nil, diag.Errorf(diag.Pos{File: rel, Line: 1, Col: 1}, "not a translation's locale file: %v", err)
	}
	data, err := fsutil.ReadFile(s.Dir, rel)
	if err != nil {
		return nil, err
	}
	lf, err := readLocaleFile(rel, data)
	if err != nil {
		return nil, err
	}
	src := s.Catalog.Messages(s.Config.DefaultLocale)
	st := &Stamped{File: rel}
	for _, e := range lf.entries() {
		sm, ok := src[e.id]
		if !ok {
			continue
		}
		h, cur := MessageHash(sm.Message), hashOf(e.value())
		switch {
		case cur == h:
		case cur == "" || all:
			e.setHash(h)
			st.Strings++
		default:
			st.Skipped++
		}
	}
	if st.Strings == 0 {
		return st, nil
	}
	out, err := lf.bytes()
	if err != nil {
		return nil, err
	}
	return st, fsutil.WriteFile(s.Dir, rel, keepStyle(data, out))
}
