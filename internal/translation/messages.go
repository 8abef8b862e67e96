package translation

import (
	"errors"
	"fmt"
	"io/fs"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

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

// TranslateFile is the default name of the file extract writes and merge
// reads for a locale.
func TranslateFile(locale string) string {
	return i18n.Dir + "/translate." + locale + ".yaml"
}

// Extracted tells what Extract wrote.
type Extracted struct {
	File              string
	Missing, Outdated int
}

// Extract writes the UI strings of locale that are missing or outdated to
// out (relative to the site directory; TranslateFile(locale) when ""),
// in go-i18n's "translate" format, as goi18n merge writes it and Crowdin
// reads it: every message id (dotted, sorted) maps to its description,
// the hash of its source text, and each plural form the language needs
// with the source text to replace.
func Extract(s *Site, locale, out string) (*Extracted, error) {
	if s.Dir == "" {
		return nil, fmt.Errorf("the bundled guide cannot be changed; run this in a site directory, or give --src")
	}
	tag, err := s.targetLocale(locale)
	if err != nil {
		return nil, err
	}
	if out == "" {
		out = TranslateFile(locale)
	}
	r, err := NewReport(s, locale)
	if err != nil {
		return nil, err
	}
	src := s.Catalog.Messages(s.Config.DefaultLocale)
	res := &Extracted{File: out}
	root := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, st := range r.Locales[0].StringList {
		switch st.State {
		case Missing:
			res.Missing++
		case Outdated:
			res.Outdated++
		default:
			continue
		}
		m := src[st.ID].Message
		v := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		if m.Description != "" {
			v.Content = append(v.Content, str("description"), str(m.Description))
		}
		v.Content = append(v.Content, messageContent(st.SourceHash, toTranslate(m, tag))...)
		root.Content = append(root.Content, str(st.ID), v)
	}
	name, _ := s.Config.Locale(locale)
	doc := &localeFile{name: out, doc: &yaml.Node{
		Kind: yaml.DocumentNode,
		HeadComment: fmt.Sprintf("UI strings to translate into %s (%s), written by guidegen i18n extract.\n"+
			"Replace the %s text of each form; keep the hash (it records which text you\n"+
			"translated). Then run: guidegen i18n merge --locale %s", name.Name, locale, s.Config.DefaultLocale, locale),
		Content: []*yaml.Node{root},
	}}
	if len(root.Content) == 0 {
		root.Style = yaml.FlowStyle
	}
	data, err := doc.bytes()
	if err != nil {
		return nil, err
	}
	old, err := fsutil.ReadFile(s.Dir, out)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return res, fsutil.WriteFile(s.Dir, out, keepStyle(old, data))
}

// Merged tells what Merge did.
type Merged struct {
	// File is the locale file written.
	File string
	// Merged are the ids taken in; the others were skipped: Untranslated
	// (every form still the source text), Outdated (the source text
	// changed since extract), Unknown (no source string has the id), and
	// Unhashed (no hash, so what was translated is unknown).
	Merged, Untranslated, Outdated, Unknown, Unhashed []string
}

// Merge takes the translations of a file written by Extract (in, relative
// to the site directory; TranslateFile(locale) when "") into
// locales/<locale>.yaml, each with the hash of the source text it
// translates. Entries whose every form is still the source text are left
// out, unless identical is set (for strings that read the same in both
// languages). A translation whose template does not parse, or that uses
// template data the source text does not provide, is an error, and then
// nothing is written.
func Merge(s *Site, locale, in string, identical bool) (*Merged, error) {
	if s.Dir == "" {
		return nil, fmt.Errorf("the bundled guide cannot be changed; run this in a site directory, or give --src")
	}
	if _, err := s.targetLocale(locale); err != nil {
		return nil, err
	}
	if in == "" {
		in = TranslateFile(locale)
	}
	data, err := fsutil.ReadFile(s.Dir, in)
	if err != nil {
		return nil, err
	}
	tf, err := i18n.ParseFile(in, locale, data)
	if err != nil {
		return nil, err
	}
	target := i18n.Dir + "/" + locale + ".yaml"
	old, err := fsutil.ReadFile(s.Dir, target)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	lf, err := readLocaleFile(target, old)
	if err != nil {
		return nil, err
	}
	tag, _ := language.Parse(locale)
	src := s.Catalog.Messages(s.Config.DefaultLocale)
	res := &Merged{File: target}
	var errs diag.List
	for _, id := range tf.IDs() {
		m := tf.Messages[id]
		sm, ok := src[id]
		switch {
		case !ok:
			res.Unknown = append(res.Unknown, id)
			continue
		case m.Hash == "":
			res.Unhashed = append(res.Unhashed, id)
			continue
		case m.Hash != MessageHash(sm.Message):
			res.Outdated = append(res.Outdated, id)
			continue
		}
		var forms []form
		var lacking []string
		same := true
		for _, want := range toTranslate(sm.Message, tag) {
			text := formText(m.Message, want.name)
			if text == "" {
				lacking = append(lacking, want.name)
				continue
			}
			same = same && text == want.text
			forms = append(forms, form{want.name, text})
		}
		if len(forms) == 0 || (same && !identical) {
			res.Untranslated = append(res.Untranslated, id)
			continue
		}
		if len(lacking) > 0 {
			// The locale file would not load (i18n validates it).
			errs.Add(diag.Errorf(m.Pos, "%s: lacks its %q plural form: %s needs %s", id, lacking[0], locale, i18n.AndList(pluralForms(tag))))
			continue
		}
		if err := checkTemplates(sm.Message, m.Message, forms); err != nil {
			errs.Add(diag.Errorf(m.Pos, "%s: %v", id, err))
			continue
		}
		if err := lf.set(id, m.Hash, forms); err != nil {
			errs.Add(err)
			continue
		}
		res.Merged = append(res.Merged, id)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if len(res.Merged) == 0 {
		return res, nil
	}
	out, err := lf.bytes()
	if err != nil {
		return nil, err
	}
	return res, fsutil.WriteFile(s.Dir, target, keepStyle(old, out))
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
