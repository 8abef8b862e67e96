// Package i18n loads a site's UI strings (locales/<code>.yaml, .json or
// .toml, or goi18n's active.<code>.*, in go-i18n v2 format with CLDR
// plural forms) and localizes them for templates and
// renderers. A string missing in a locale falls back to the default locale
// and is counted, and Translator.Lang tells that it did (templates mark
// the element lang="en"); a message id is never shown to a reader. Every
// locale file is validated as it is loaded (validate.go): a broken string
// fails the load at its position, whether or not a page needs it.
package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	gotemplate "github.com/nicksnyder/go-i18n/v2/i18n/template"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen/internal/config"
	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/limits"
	"github.com/guidegen/guidegen/internal/yamlx"
)

// Dir is the directory of the locale files in a site.
const Dir = "locales"

// Message is one UI string as written in a locale file.
type Message struct {
	*goi18n.Message
	// Pos is where its key is defined.
	Pos diag.Pos
	// Forms are where the text of each plural form is ("other" for a
	// message written as a plain string); nil when not known.
	Forms map[string]diag.Pos
}

// File is one parsed locale file.
type File struct {
	Path     string
	Locale   string
	Messages map[string]*Message
}

// Catalog holds the UI strings of every locale of a site.
type Catalog struct {
	defaultLocale string
	bundle        *goi18n.Bundle
	files         map[string][]*File // per locale: theme file (optional), then site file
	translators   map[string]*Translator
}

// Load reads locales/<code>.yaml (or .json, .toml; see LocaleFileNames) for
// each locale of cfg. theme holds the
// strings of the default templates and may be nil; its files are a base
// that the site's files extend and override, so a site needs a file only
// for what it changes. The default locale needs strings of its own (the
// site's file or the theme's); another locale that neither translates
// shows the default locale's strings (Missing lists them).
func Load(site, theme fs.FS, cfg *config.Config) (*Catalog, error) {
	def, err := language.Parse(cfg.DefaultLocale)
	if err != nil {
		return nil, err
	}
	c := &Catalog{
		defaultLocale: cfg.DefaultLocale,
		bundle:        goi18n.NewBundle(def),
		files:         map[string][]*File{},
		translators:   map[string]*Translator{},
	}
	c.bundle.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	c.bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	var errs diag.List
	for i, l := range cfg.Locales {
		name := Dir + "/" + l.Code + ".yaml"
		var layers []fs.FS
		if theme != nil && !sameFS(theme, site) {
			layers = append(layers, theme)
		}
		layers = append(layers, site)
		found := false
		for _, fsys := range layers {
			var src []byte
			file, err := FindLocaleFile(fsys, l.Code)
			if err == nil {
				name = file
				src, err = limits.ReadFile(fsys, name, limits.DataSize)
			}
			if errors.Is(err, fs.ErrNotExist) {
				continue // the theme need not translate every locale, nor the site
			}
			found = true
			if err != nil {
				errs.Add(err)
				continue
			}
			f, err := c.parseFile(name, l.Code, src)
			if err != nil {
				errs.Add(err)
				continue
			}
			c.files[l.Code] = append(c.files[l.Code], f)
		}
		if !found && l.Code == cfg.DefaultLocale {
			errs.Add(diag.Errorf(cfg.Pos("locales", fmt.Sprint(i), "code"),
				"the default locale %q has no UI strings: %s not found (nor .json, .toml), and the bundled strings do not cover it", l.Code, Dir+"/"+l.Code+".yaml"))
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if err := c.validate(); err != nil {
		return nil, err
	}
	for _, l := range cfg.Locales {
		c.translators[l.Code] = c.newTranslator(l.Code)
	}
	return c, nil
}

// sameFS reports whether two file systems are the same value (the bundled
// site is its own theme).
func sameFS(a, b fs.FS) (same bool) {
	defer func() {
		if recover() != nil {
			same = false // uncomparable dynamic types
		}
	}()
	return a == b
}

func (c *Catalog) parseFile(name, locale string, src []byte) (*File, error) {
	f, err := ParseFile(name, locale, src)
	if err != nil {
		return nil, err
	}
	tag, _ := language.Parse(locale)
	msgs := make([]*goi18n.Message, 0, len(f.Messages))
	for _, id := range f.IDs() {
		msgs = append(msgs, f.Messages[id].Message)
	}
	if err := c.bundle.AddMessages(tag, msgs...); err != nil {
		return nil, diag.Errorf(diag.Pos{File: name}, "%v", err)
	}
	return f, nil
}

// ParseFile parses a file of UI strings in go-i18n v2 format (YAML, JSON
// or TOML, as its name says) and records where each message is defined.
// name is the path used in messages.
func ParseFile(name, locale string, src []byte) (*File, error) {
	ys := yamlx.Source{File: name}
	node, err := ParseNode(name, src)
	if err != nil {
		return nil, err
	}
	f := &File{Path: name, Locale: locale, Messages: map[string]*Message{}}
	if node == nil {
		return f, nil
	}
	if node.Kind != yaml.MappingNode {
		return nil, diag.Errorf(ys.Pos(node), "a locale file is a mapping of message ids to strings")
	}
	if IsMessageMap(node) {
		// go-i18n would read the whole file as one message without an id.
		for i := 0; i+1 < len(node.Content); i += 2 {
			if k := node.Content[i]; reserved[strings.ToLower(k.Value)] {
				return nil, diag.Errorf(ys.Pos(k), "%q is a key of a message (its plural forms, hash or description), not a message id: put it under an id", k.Value)
			}
		}
	}
	positions := map[string]diag.Pos{}
	forms := map[string]map[string]diag.Pos{}
	var errs diag.List
	collectKeys(ys, node, "", positions, forms, &errs)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if _, err := language.Parse(locale); err != nil {
		return nil, diag.Errorf(diag.Pos{File: name}, "%v", err)
	}
	text, err := messageSource(name, src, node)
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: name}, "%v", err)
	}
	msgs, err := goi18n.ParseMessageBytes(text, yaml.Unmarshal)
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: name}, "%v", err)
	}
	for _, m := range msgs {
		pos, ok := positions[m.ID]
		if !ok {
			// go-i18n read the file otherwise than collectKeys.
			return nil, diag.Errorf(ys.Pos(node), "message %q: not a string or a map of plural forms", m.ID)
		}
		f.Messages[m.ID] = &Message{Message: m, Pos: pos, Forms: forms[m.ID]}
	}
	return f, nil
}

// IDs returns the ids of the file's messages, sorted.
func (f *File) IDs() []string {
	return slices.Sorted(maps.Keys(f.Messages))
}

// reserved are the keys of a go-i18n message map.
var reserved = map[string]bool{
	"id": true, "description": true, "hash": true, "leftdelim": true, "rightdelim": true,
	"zero": true, "one": true, "two": true, "few": true, "many": true, "other": true,
}

// collectKeys records the position of each message id and checks that every
// value is a string or a message map.
func collectKeys(ys yamlx.Source, n *yaml.Node, prefix string, pos map[string]diag.Pos, forms map[string]map[string]diag.Pos, errs *diag.List) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		id := k.Value
		if prefix != "" {
			id = prefix + "." + id
		}
		if _, dup := pos[id]; dup {
			errs.Add(diag.Errorf(ys.Pos(k), "message %q is defined twice", id))
			continue
		}
		switch v.Kind {
		case yaml.ScalarNode:
			pos[id] = ys.Pos(k)
			forms[id] = map[string]diag.Pos{"other": ys.Pos(v)}
		case yaml.MappingNode:
			if IsMessageMap(v) {
				pos[id] = ys.Pos(k)
				forms[id] = map[string]diag.Pos{}
				for j := 0; j+1 < len(v.Content); j += 2 {
					key := strings.ToLower(v.Content[j].Value)
					if !reserved[key] {
						errs.Add(diag.Errorf(ys.Pos(v.Content[j]), "message %q: unknown key %q (plural forms are zero, one, two, few, many, other)", id, v.Content[j].Value))
					}
					forms[id][key] = ys.Pos(v.Content[j+1])
				}
			} else {
				collectKeys(ys, v, id, pos, forms, errs)
			}
		default:
			errs.Add(diag.Errorf(ys.Pos(v), "message %q must be a string or a map of plural forms", id))
		}
	}
}

// IsMessageMap reports whether n is a go-i18n message written as a map
// (hash, description, plural forms), rather than a group of messages.
func IsMessageMap(n *yaml.Node) bool {
	if n.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		// As go-i18n decides: a reserved key whose value is a string.
		if v := n.Content[i+1]; reserved[strings.ToLower(n.Content[i].Value)] && v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str" {
			return true
		}
	}
	return false
}

// Files returns the locale files read for a locale, theme first.
func (c *Catalog) Files(locale string) []*File { return c.files[locale] }

// Messages returns the messages of a locale, merged over its files.
func (c *Catalog) Messages(locale string) map[string]*Message {
	out := map[string]*Message{}
	for _, f := range c.files[locale] {
		maps.Copy(out, f.Messages)
	}
	return out
}

// Missing returns the sorted ids of the default locale's messages that a
// locale does not translate.
func (c *Catalog) Missing(locale string) []string {
	have := c.Messages(locale)
	var out []string
	for id := range c.Messages(c.defaultLocale) {
		if _, ok := have[id]; !ok {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// DefaultLocale returns the code of the default locale, the source
// language of every translation.
func (c *Catalog) DefaultLocale() string { return c.defaultLocale }

// Defined reports whether the default locale has a message: every other
// locale falls back to it.
func (c *Catalog) Defined(id string) bool {
	return c.Source(id) != nil
}

// Source returns the default locale's message id (nil when it has none):
// the source text of every translation.
func (c *Catalog) Source(id string) *Message {
	files := c.files[c.defaultLocale]
	for i := len(files) - 1; i >= 0; i-- {
		if m, ok := files[i].Messages[id]; ok {
			return m
		}
	}
	return nil
}

// Translator returns the translator of a locale.
func (c *Catalog) Translator(locale string) *Translator {
	return c.translators[locale]
}

// Translator localizes the UI strings of one locale.
type Translator struct {
	locale    string
	localizer *goi18n.Localizer
	// plain holds the strings without plural forms or template actions,
	// already resolved with fallback, so that most lookups are one map
	// access.
	plain map[string]string
	// fallback is the default locale, whose text T gives for the ids
	// the locale does not have (own); "" for the default locale itself.
	fallback string
	own      map[string]*Message
}

func (c *Catalog) newTranslator(locale string) *Translator {
	t := &Translator{
		locale:    locale,
		localizer: goi18n.NewLocalizer(c.bundle, locale, c.defaultLocale),
		plain:     map[string]string{},
	}
	merged := c.Messages(c.defaultLocale)
	if locale != c.defaultLocale {
		t.fallback = c.defaultLocale
		t.own = c.Messages(locale)
	}
	maps.Copy(merged, t.own)
	for id, m := range merged {
		if m.Zero == "" && m.One == "" && m.Two == "" && m.Few == "" && m.Many == "" &&
			m.LeftDelim == "" && !strings.Contains(m.Other, "{{") {
			t.plain[id] = m.Other
		}
	}
	return t
}

// Locale returns the translator's locale.
func (t *Translator) Locale() string { return t.locale }

// Lang returns the language of the text T gives for message id when it
// is not the translator's: the default locale's code when the locale
// lacks the message and T falls back to it; "" otherwise. Templates put
// it on the element that holds the text alone (lang="en"), so that
// screen readers read it as such.
func (t *Translator) Lang(id string) string {
	if t.fallback == "" {
		return ""
	}
	if _, ok := t.own[id]; ok {
		return ""
	}
	return t.fallback
}

// T localizes a message. Arguments may be a number (the plural count,
// also available as {{.Count}}), a map of template data, or name/value
// pairs ("Language", "Nederlands").
func (t *Translator) T(id string, args ...any) (string, error) {
	if len(args) == 0 {
		if s, ok := t.plain[id]; ok {
			return s, nil
		}
	}
	lc := &goi18n.LocalizeConfig{MessageID: id}
	data := map[string]any{}
	for i := 0; i < len(args); i++ {
		switch a := args[i].(type) {
		case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
			lc.PluralCount = a
			data["Count"] = a
			data["PluralCount"] = a
		case map[string]any:
			maps.Copy(data, a)
		case string:
			if i+1 >= len(args) {
				return "", fmt.Errorf("message %q: template data name %q has no value", id, a)
			}
			data[a] = args[i+1]
			i++
		default:
			return "", fmt.Errorf("message %q: unsupported argument %T", id, a)
		}
	}
	lc.TemplateData = data
	lc.TemplateParser = strictParser
	s, err := t.localizer.Localize(lc)
	if err != nil {
		var nf *goi18n.MessageNotFoundErr
		if errors.As(err, &nf) && s != "" {
			return s, nil // fell back to the default locale
		}
		if s == "" {
			return "", fmt.Errorf("UI string %q is not defined in %s/%s.yaml", id, Dir, t.locale)
		}
		return "", fmt.Errorf("UI string %q: %v", id, err)
	}
	return s, nil
}

// strictParser parses messages as go-i18n does, but a field the call
// does not give is an error rather than "<no value>" in the page.
var strictParser = &gotemplate.TextParser{Option: "missingkey=error"}

// String is T without the error: it returns "" when the message is not
// defined anywhere.
func (t *Translator) String(id string, args ...any) string {
	s, _ := t.T(id, args...)
	return s
}
