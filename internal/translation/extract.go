package translation

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/fsutil"
	"github.com/guidegen/guidegen/internal/i18n"
)

// TranslateFile is the default name of the file extract writes and merge
// reads for a locale.
func TranslateFile(locale string) string {
	return i18n.Dir + "/translate." + locale + ".yaml"
}

// IdenticalMarker, in the description of a translated UI string, says that
// its text is the same as the source text on purpose (Dutch "Website"):
// merge takes it although it is still the source text, and extract keeps
// it. The description is a field every go-i18n tool reads and writes.
const IdenticalMarker = "(identical)"

// markedIdentical reports whether a translation's description carries
// IdenticalMarker (and the source's does not: a source description that
// happens to hold it marks nothing).
func markedIdentical(tr, src *goi18n.Message) bool {
	has := func(m *goi18n.Message) bool {
		return m != nil && strings.Contains(strings.ToLower(m.Description), IdenticalMarker)
	}
	return has(tr) && !has(src)
}

// workFile is a file of translations a command reads or writes: one the
// user named (anywhere), or one of the site.
type workFile struct {
	path string // as the process opens it
	name string // in messages
	rel  string // its slash path in the site, "" when it is outside
}

// workFile returns the file at path (absolute, or relative to the
// process's directory), named name in messages (path when ""); def, a
// file of the site, when path is "".
func (s *Site) workFile(path, name, def string) workFile {
	if path == "" {
		path = filepath.Join(s.Dir, filepath.FromSlash(def))
		if name == "" {
			name = def
		}
	}
	if name == "" {
		name = path
	}
	w := workFile{path: path, name: name}
	root, err1 := filepath.Abs(s.Dir)
	abs, err2 := filepath.Abs(path)
	if err1 == nil && err2 == nil {
		if rel, err := filepath.Rel(root, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			w.rel = filepath.ToSlash(rel)
		}
	}
	return w
}

func (s *Site) readWork(w workFile) ([]byte, error) {
	if w.rel != "" {
		return fsutil.ReadFile(s.Dir, w.rel)
	}
	data, err := os.ReadFile(w.path)
	var pe *fs.PathError
	if errors.As(err, &pe) && !errors.Is(err, fs.ErrNotExist) {
		return nil, diag.Errorf(diag.Pos{File: w.name}, "%v", pe.Err)
	}
	return data, err
}

func (s *Site) writeWork(w workFile, data []byte) error {
	if w.rel != "" {
		return fsutil.WriteFile(s.Dir, w.rel, data)
	}
	return fsutil.WritePath(w.path, w.name, data)
}

// ExtractOptions say what Extract writes.
type ExtractOptions struct {
	Locale string
	// Out is the file to write, absolute or relative to the process's
	// directory; "" for TranslateFile(Locale) in the site. Its extension
	// says the format: .yaml, .json or .toml. OutName names it in
	// messages (Out when "").
	Out, OutName string
	// Force drops the translations an existing file holds that no longer
	// apply (their source text changed, or is gone) instead of refusing.
	Force bool
}

// Extracted tells what Extract wrote.
type Extracted struct {
	File              string
	Missing, Outdated int
	// Kept counts the translated entries of the file's earlier version,
	// kept as they were; Dropped are the ids of translations dropped with
	// Force.
	Kept    int
	Dropped []string
}

// Extract is ExtractWith with out relative to the site directory.
func Extract(s *Site, locale, out string) (*Extracted, error) {
	o := ExtractOptions{Locale: locale}
	if out != "" {
		o.Out, o.OutName = filepath.Join(s.Dir, filepath.FromSlash(out)), out
	}
	return ExtractWith(s, o)
}

// ExtractWith writes the UI strings of a locale that are missing or
// outdated to a file in go-i18n's "translate" format, as goi18n merge
// writes it and Crowdin reads it: every message id (dotted, sorted) maps
// to its description, the hash of its source text, and each plural form
// the language needs with the source text to replace.
//
// When the file exists it is merged into, never simply overwritten: an
// entry whose hash is still its source text's is kept as it is (with its
// translation and comments), also when its id no longer needs
// translating but the locale file lacks that translation (not merged
// yet). A translated entry that no longer applies (its source text
// changed since, or its id is gone, or it has no hash) is an error naming
// it, and nothing is written, unless Force drops it. Untranslated
// entries that no longer apply are dropped.
func ExtractWith(s *Site, o ExtractOptions) (*Extracted, error) {
	if s.Dir == "" {
		return nil, fmt.Errorf("the bundled guide cannot be changed; run this in a site directory, or give --src")
	}
	locale := o.Locale
	tag, err := s.targetLocale(locale)
	if err != nil {
		return nil, err
	}
	w := s.workFile(o.Out, o.OutName, TranslateFile(locale))
	if _, err := i18n.FormatOf(w.name); err != nil {
		return nil, err
	}
	if i18n.LocaleOf(w.rel) != "" {
		return nil, diag.Errorf(diag.Pos{File: w.name}, "is a locale file: extract writes the strings to translate to a file of their own (%s by default), and merge takes them into the locale file", TranslateFile(locale))
	}
	r, err := NewReport(s, locale)
	if err != nil {
		return nil, err
	}
	src := s.Catalog.Messages(s.Config.DefaultLocale)
	current := s.Catalog.Messages(locale)
	res := &Extracted{File: w.name}
	type item struct{ key, value *yaml.Node }
	items := map[string]item{}
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
		items[st.ID] = item{str(st.ID), v}
	}

	old, err := s.readWork(w)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	prev, lf, err := readTranslateFile(w.name, locale, old)
	if err != nil && !o.Force {
		return nil, fmt.Errorf("%w\n%s may hold translations not merged yet, and extract merges into it: fix it, or run extract --force to replace it", err, w.name)
	}
	if len(old) > 0 && err == nil {
		var stale diag.List
		for _, e := range lf.entries() {
			m := prev.Messages[e.id]
			if m == nil {
				continue
			}
			sm := src[e.id]
			var smsg *goi18n.Message
			if sm != nil {
				smsg = sm.Message
			}
			if sm != nil && m.Hash == MessageHash(sm.Message) {
				_, needed := items[e.id]
				cur := current[e.id]
				done := translated(m.Message, smsg, tag)
				if needed || (done && (cur == nil || !sameForms(cur.Message, m.Message))) {
					key := *e.parent.Content[e.i]
					key.Value = e.id
					items[e.id] = item{&key, e.value()}
					if done {
						res.Kept++
					}
				}
				continue
			}
			if !translated(m.Message, smsg, tag) {
				continue
			}
			if cur := current[e.id]; cur != nil && sameForms(cur.Message, m.Message) {
				continue // merged already
			}
			var why string
			switch {
			case sm == nil:
				why = fmt.Sprintf("%s has no such UI string any more", s.Config.DefaultLocale)
			case m.Hash == "":
				why = "it has no hash, so what it translates is unknown"
			default:
				why = fmt.Sprintf("its %s text changed since it was extracted", s.Config.DefaultLocale)
			}
			if o.Force {
				res.Dropped = append(res.Dropped, e.id)
				continue
			}
			stale.Add(diag.Errorf(m.Pos, "%s is translated, but %s: extract would drop the translation (run extract --force to drop it)", e.id, why))
		}
		if err := stale.Err(); err != nil {
			return nil, err
		}
	}

	root := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, id := range slices.Sorted(maps.Keys(items)) {
		root.Content = append(root.Content, items[id].key, items[id].value)
	}
	name, _ := s.Config.Locale(locale)
	format, _ := i18n.FormatOf(w.name)
	doc := &localeFile{name: w.name, format: format, doc: &yaml.Node{
		Kind: yaml.DocumentNode,
		HeadComment: fmt.Sprintf("UI strings to translate into %s (%s), written by guidegen i18n extract.\n"+
			"Replace the %s text of each form (where it is the translation too, add %s\n"+
			"to the description); keep the hash. Then run: guidegen i18n merge --locale %s",
			name.Name, locale, s.Config.DefaultLocale, IdenticalMarker, locale),
		Content: []*yaml.Node{root},
	}}
	if len(root.Content) == 0 {
		root.Style = yaml.FlowStyle
	}
	data, err := doc.bytes()
	if err != nil {
		return nil, err
	}
	return res, s.writeWork(w, keepStyle(old, data))
}

// readTranslateFile parses a file of translations both as messages and as
// a tree of nodes.
func readTranslateFile(name, locale string, data []byte) (*i18n.File, *localeFile, error) {
	f, err := i18n.ParseFile(name, locale, data)
	if err != nil {
		return nil, nil, err
	}
	lf, err := readLocaleFile(name, data)
	if err != nil {
		return nil, nil, err
	}
	return f, lf, nil
}

// translated reports whether an entry of a translate file holds a
// translation: a form other than the source text it was extracted with,
// or the identical marker. The source text is known when the entry's own
// description and "other" form hash to its hash (then "other" is that
// text), or from src, the current source message (nil when gone).
func translated(m, src *goi18n.Message, tag language.Tag) bool {
	if markedIdentical(m, src) {
		return true
	}
	if m.Hash != "" && MessageHash(&goi18n.Message{Description: m.Description, Other: m.Other}) == m.Hash {
		// "other" is the source text; the other forms were filled
		// with it, or with the source's own forms.
		for _, name := range i18n.FormNames {
			if t := formText(m, name); t != "" && t != m.Other && (src == nil || t != formText(src, name)) {
				return true
			}
		}
		return false
	}
	if src == nil {
		return true
	}
	for _, want := range toTranslate(src, tag) {
		if t := formText(m, want.name); t != "" && t != want.text {
			return true
		}
	}
	return false
}

// sameForms reports whether two messages have the same plural forms.
func sameForms(a, b *goi18n.Message) bool {
	for _, name := range i18n.FormNames {
		if formText(a, name) != formText(b, name) {
			return false
		}
	}
	return true
}

// MergeOptions say what Merge takes in.
type MergeOptions struct {
	Locale string
	// In is the file of translations, absolute or relative to the
	// process's directory; "" for TranslateFile(Locale) in the site. InName
	// names it in messages (In when "").
	In, InName string
	// Identical takes the entries still identical to the source text too
	// (as if each carried IdenticalMarker).
	Identical bool
}

// Merged tells what Merge did.
type Merged struct {
	// File is the locale file written.
	File string
	// Merged are the ids taken in, Identical those of them still the
	// source text on purpose; the others were skipped: Untranslated
	// (every form still the source text), Outdated (the source text
	// changed since extract), Unknown (no source string has the id), and
	// Unhashed (no hash, so what was translated is unknown).
	Merged, Identical, Untranslated, Outdated, Unknown, Unhashed []string
}

// Merge is MergeWith with in relative to the site directory.
func Merge(s *Site, locale, in string, identical bool) (*Merged, error) {
	o := MergeOptions{Locale: locale, Identical: identical}
	if in != "" {
		o.In, o.InName = filepath.Join(s.Dir, filepath.FromSlash(in)), in
	}
	return MergeWith(s, o)
}

// localeFileName returns the site's file of a locale's UI strings (any of
// i18n.LocaleFileNames), or locales/<locale>.yaml when it has none.
func (s *Site) localeFileName(locale string) (string, error) {
	name, err := i18n.FindLocaleFile(os.DirFS(s.Dir), locale)
	if errors.Is(err, fs.ErrNotExist) {
		return i18n.Dir + "/" + locale + ".yaml", nil
	}
	return name, err
}

// MergeWith takes the translations of a file written by Extract into the
// locale's file (locales/<locale>.yaml, .json or .toml), each with the
// hash of the source text it translates. Entries whose every form is
// still the source text are left out, unless they carry IdenticalMarker in
// their description or o.Identical is set (for strings that read the same
// in both languages). A translation whose template does not parse, or
// that uses template data the source text does not provide, is an error,
// and then nothing is written.
func MergeWith(s *Site, o MergeOptions) (*Merged, error) {
	if s.Dir == "" {
		return nil, fmt.Errorf("the bundled guide cannot be changed; run this in a site directory, or give --src")
	}
	locale := o.Locale
	if _, err := s.targetLocale(locale); err != nil {
		return nil, err
	}
	w := s.workFile(o.In, o.InName, TranslateFile(locale))
	data, err := s.readWork(w)
	if err != nil {
		return nil, err
	}
	tf, err := i18n.ParseFile(w.name, locale, data)
	if err != nil {
		return nil, err
	}
	target, err := s.localeFileName(locale)
	if err != nil {
		return nil, err
	}
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
		marked := markedIdentical(m.Message, sm.Message)
		if len(forms) == 0 || (same && !o.Identical && !marked) {
			res.Untranslated = append(res.Untranslated, id)
			continue
		}
		if len(lacking) > 0 {
			// The locale file would not load (i18n validates it).
			errs.Add(diag.Errorf(m.Pos, "%s: lacks its %q plural form: %s needs %s", id, lacking[0], o.Locale, i18n.AndList(pluralForms(tag))))
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
		if same {
			// Recorded, so that status does not report it.
			lf.markIdentical(id)
			res.Identical = append(res.Identical, id)
		}
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
