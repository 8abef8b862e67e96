package translation

import (
	"fmt"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/fsutil"
	"github.com/guidegen/guidegen/internal/i18n"
)

// form is one plural form of a message.
type form struct{ name, text string }

func formText(m *goi18n.Message, name string) string { return i18n.FormText(m, name) }

func isPlural(m *goi18n.Message) bool { return i18n.IsPlural(m) }

// toTranslate returns the forms a translation of source message m into
// tag needs, each with the source text to translate: only "other" for a
// message without plural forms, else every plural form of the target
// language (goi18n merge does the same).
func toTranslate(m *goi18n.Message, tag language.Tag) []form {
	var out []form
	for _, name := range i18n.NeededForms(m, tag) {
		text := formText(m, name)
		if text == "" {
			text = m.Other
		}
		out = append(out, form{name, text})
	}
	return out
}

// pluralForms returns the names of the cardinal plural forms a language
// uses, in CLDR order.
func pluralForms(tag language.Tag) []string { return i18n.PluralForms(tag) }

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

// checkTemplates checks each translated form as the site's loader will
// (i18n.CheckText): it parses as go-i18n's template, and uses only the
// template data the source text uses.
func checkTemplates(src, tr *goi18n.Message, forms []form) error {
	left, right := tr.LeftDelim, tr.RightDelim
	if left == "" {
		left, right = src.LeftDelim, src.RightDelim
	}
	for _, f := range forms {
		if err := i18n.CheckText(src, f.text, left, right); err != nil {
			return fmt.Errorf("%s: %v", f.name, err)
		}
	}
	return nil
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
