package translation

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/fsutil"
	"github.com/guidegen/guidegen/internal/po"
)

// exportUI returns the PO file of the UI strings: one entry per source
// string, by id.
func (pp *poPages) exportUI() *po.File {
	s := pp.s
	def := s.Config.DefaultLocale
	tag, _ := language.Parse(pp.locale)
	forms := pluralForms(tag)
	src := s.Catalog.Messages(def)
	tr := s.Catalog.Messages(pp.locale)
	f := &po.File{Header: pp.header(s.Catalog.FileName(def), "")}
	f.HeaderComments = []string{
		fmt.Sprintf("UI strings of the site in %s, written by guidegen i18n export.", pp.locale),
		"msgctxt is the string's id; keep the {{.Name}} template actions of msgid.",
		"Then run: guidegen i18n import DIR",
	}
	for _, id := range sortedIDs(src) {
		m := src[id]
		if m.Other == "" {
			continue
		}
		e := &po.Entry{Context: &id, ID: m.Other}
		if m.Description != "" {
			e.Extracted = []string{m.Description}
		}
		if m.Pos.File != "" {
			e.References = []string{fmt.Sprintf("%s:%d", m.Pos.File, m.Pos.Line)}
		}
		t := tr[id]
		if isPlural(m.Message) {
			e.ID = m.One
			if e.ID == "" {
				e.ID = m.Other
			}
			e.Plural = m.Other
			for _, name := range forms {
				str := ""
				if t != nil {
					str = formText(t.Message, name)
				}
				e.Str = append(e.Str, str)
			}
		} else {
			str := ""
			if t != nil {
				str = t.Other
			}
			e.Str = []string{str}
		}
		if t != nil && t.Hash != MessageHash(m.Message) && slices.ContainsFunc(e.Str, func(s string) bool { return s != "" }) {
			e.Flags = []string{"fuzzy"}
		}
		f.Entries = append(f.Entries, e)
	}
	return f
}

// importUI takes the translated entries of ui.po into the locale's file
// (s.localeFileName), each with the hash of its source text, as Merge
// does; it returns nil when nothing changes.
func (pp *poPages) importUI(file string, f *po.File, res *Imported) (string, []byte, error) {
	s := pp.s
	target, err := s.localeFileName(pp.locale)
	if err != nil {
		return "", nil, err
	}
	old, err := fsutil.ReadFile(s.Dir, target)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", nil, err
	}
	lf, err := readLocaleFile(target, old)
	if err != nil {
		return "", nil, err
	}
	tag, _ := language.Parse(pp.locale)
	names := pluralForms(tag)
	src := s.Catalog.Messages(s.Config.DefaultLocale)
	tr := s.Catalog.Messages(pp.locale)
	var errs diag.List
	changed := false
	for _, e := range f.Entries {
		id := e.Ctx()
		sm, ok := src[id]
		at := diag.Pos{File: file, Line: e.StrLine, Col: 1}
		switch {
		case !ok:
			res.Skipped = append(res.Skipped, fmt.Sprintf("%s:%d: %s is not a UI string of the source language", file, e.Line, id))
			continue
		case e.Fuzzy() || !slices.ContainsFunc(e.Str, func(s string) bool { return s != "" }):
			continue
		}
		var forms []form
		if isPlural(sm.Message) {
			want := sm.One
			if want == "" {
				want = sm.Other
			}
			if e.Plural == "" || e.ID != want || e.Plural != sm.Other {
				res.Skipped = append(res.Skipped, fmt.Sprintf("%s:%d: %s: the source text changed since the export; export again", file, e.Line, id))
				continue
			}
			if len(e.Str) != len(names) {
				errs.Add(diag.Errorf(at, "%s: %d plural forms; %s has %d (%v)", id, len(e.Str), pp.locale, len(names), names))
				continue
			}
			for i, name := range names {
				if e.Str[i] == "" {
					errs.Add(diag.Errorf(at, "%s: msgstr[%d] (%s) is empty", id, i, name))
				}
				forms = append(forms, form{name, e.Str[i]})
			}
		} else {
			if e.ID != sm.Other || e.Plural != "" {
				res.Skipped = append(res.Skipped, fmt.Sprintf("%s:%d: %s: the source text changed since the export; export again", file, e.Line, id))
				continue
			}
			forms = []form{{"other", e.Str[0]}}
		}
		msg := &goi18n.Message{ID: id}
		for _, fm := range forms {
			setForm(msg, fm.name, fm.text)
		}
		if err := checkTemplates(sm.Message, msg, forms); err != nil {
			errs.Add(diag.Errorf(at, "%s: %v", id, err))
			continue
		}
		hash := MessageHash(sm.Message)
		if t := tr[id]; t != nil && t.Hash == hash && sameFormList(t.Message, forms) {
			continue
		}
		if err := setKeeping(lf, id, hash, forms); err != nil {
			errs.Add(err)
			continue
		}
		changed = true
	}
	if err := errs.Err(); err != nil {
		return "", nil, err
	}
	if !changed {
		return target, nil, nil
	}
	out, err := lf.bytes()
	if err != nil {
		return "", nil, err
	}
	return target, keepStyle(old, out), nil
}

func setForm(m *goi18n.Message, name, text string) {
	switch name {
	case "zero":
		m.Zero = text
	case "one":
		m.One = text
	case "two":
		m.Two = text
	case "few":
		m.Few = text
	case "many":
		m.Many = text
	default:
		m.Other = text
	}
}

func sameFormList(m *goi18n.Message, forms []form) bool {
	for _, f := range forms {
		if formText(m, f.name) != f.text {
			return false
		}
	}
	return true
}

// setKeeping sets message id as lf.set does, but in place when the file
// has it as a map with a hash and every form: each value keeps its
// quoting and comments.
func setKeeping(lf *localeFile, id, hash string, forms []form) error {
	for _, e := range lf.entries() {
		v := e.value()
		if e.id != id || v.Kind != yaml.MappingNode {
			continue
		}
		values := map[string]*yaml.Node{}
		for i := 0; i+1 < len(v.Content); i += 2 {
			values[strings.ToLower(v.Content[i].Value)] = v.Content[i+1]
		}
		ok := values["hash"] != nil
		for _, f := range forms {
			ok = ok && values[f.name] != nil && values[f.name].Kind == yaml.ScalarNode
		}
		if !ok {
			break
		}
		values["hash"].Value = hash
		for _, f := range forms {
			n := values[f.name]
			n.Value, n.Tag = f.text, "!!str"
			if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 && !strings.Contains(f.text, "\n") {
				n.Style = 0
			}
		}
		return nil
	}
	return lf.set(id, hash, forms)
}
