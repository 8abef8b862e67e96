package i18n

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"text/template"
	"text/template/parse"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/guidegen/guidegen/internal/diag"
)

// FormNames are the CLDR plural forms, in CLDR order.
var FormNames = []string{"zero", "one", "two", "few", "many", "other"}

// FormText returns the text of one plural form of a message ("" when it
// has none).
func FormText(m *goi18n.Message, name string) string {
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

// IsPlural reports whether a message has plural forms other than "other":
// a source message that has them is chosen by a count, and its
// translations need every form of their language.
func IsPlural(m *goi18n.Message) bool {
	return m.Zero != "" || m.One != "" || m.Two != "" || m.Few != "" || m.Many != ""
}

// PluralForms returns the names of the cardinal plural forms a language
// uses, from the CLDR rules of golang.org/x/text, in CLDR order ("one",
// "other" for English and Dutch).
func PluralForms(tag language.Tag) []string {
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
			out = append(out, FormNames[i])
		}
	}
	return out
}

// NeededForms returns the forms a message in a language must have when
// its source message is src: every plural form of the language when src
// is plural, else "other".
func NeededForms(src *goi18n.Message, tag language.Tag) []string {
	if !IsPlural(src) {
		return []string{"other"}
	}
	return PluralForms(tag)
}

// countFields are the template data T gives every message called with a
// count.
var countFields = []string{"Count", "PluralCount"}

// CheckText checks one form's text, of a message whose delimiters are
// left and right ("" for go-i18n's {{ and }}), as go-i18n will execute
// it: it must parse as a text/template, and use only the template data
// the source message src uses (its fields in any form; the count when it
// is plural). A nil src checks only that the text parses.
func CheckText(src *goi18n.Message, text, left, right string) error {
	fields, err := templateFields(text, left, right)
	if err != nil {
		return err
	}
	if src == nil || len(fields) == 0 {
		return nil
	}
	have := sourceFields(src)
	for _, f := range fields {
		if !slices.Contains(have, f) {
			return &unknownFieldError{field: f, have: have}
		}
	}
	return nil
}

type unknownFieldError struct {
	field string
	have  []string
}

func (e *unknownFieldError) Error() string {
	has := "no template data"
	if len(e.have) > 0 {
		var fs []string
		for _, h := range e.have {
			if h != "PluralCount" {
				fs = append(fs, "."+h)
			}
		}
		has = "only " + strings.Join(fs, ", ")
	}
	return fmt.Sprintf("uses .%s, which the source text does not have (it has %s)", e.field, has)
}

// Fields returns the template data a message uses (.Name, $.Name) in any
// of its forms, sorted, without the count T gives plural messages. A form
// that does not parse adds nothing.
func Fields(m *goi18n.Message) []string {
	var out []string
	for _, name := range FormNames {
		fs, _ := templateFields(FormText(m, name), m.LeftDelim, m.RightDelim)
		out = append(out, fs...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// sourceFields returns the template data a source message uses, sorted:
// the fields of its forms, and the count when it is plural. A form that
// does not parse adds nothing (it is reported on its own).
func sourceFields(src *goi18n.Message) []string {
	var have []string
	for _, name := range FormNames {
		fs, _ := templateFields(FormText(src, name), src.LeftDelim, src.RightDelim)
		have = append(have, fs...)
	}
	if IsPlural(src) || slices.ContainsFunc(have, func(f string) bool { return slices.Contains(countFields, f) }) {
		have = append(have, countFields...)
	}
	slices.Sort(have)
	return slices.Compact(have)
}

var templateErrRE = regexp.MustCompile(`^template: [^:]*:\d+: `)

// templateFields parses text as go-i18n does (text/template, no
// functions but the builtins) and returns the names of the template data
// it uses: .Name, $.Name, in order of appearance.
func templateFields(text, left, right string) ([]string, error) {
	if left == "" {
		left = "{{"
	}
	if right == "" {
		right = "}}"
	}
	if !strings.Contains(text, left) {
		return nil, nil // go-i18n does not parse it either
	}
	t, err := template.New("").Delims(left, right).Parse(text)
	if err != nil {
		return nil, fmt.Errorf("not a valid template: %s", templateErrRE.ReplaceAllString(err.Error(), ""))
	}
	var out []string
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			walkFields(tt.Tree.Root, &out)
		}
	}
	return out, nil
}

// walkFields adds the data fields node n uses to out.
func walkFields(n parse.Node, out *[]string) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walkFields(c, out)
		}
	case *parse.ActionNode:
		walkFields(n.Pipe, out)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			walkFields(c, out)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			walkFields(a, out)
		}
	case *parse.FieldNode:
		*out = append(*out, n.Ident[0])
	case *parse.VariableNode:
		if n.Ident[0] == "$" && len(n.Ident) > 1 {
			*out = append(*out, n.Ident[1])
		}
	case *parse.ChainNode:
		if _, dot := n.Node.(*parse.DotNode); dot && len(n.Field) > 0 {
			*out = append(*out, n.Field[0])
		}
		walkFields(n.Node, out)
	case *parse.IfNode:
		walkBranch(&n.BranchNode, out)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, out)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, out)
	case *parse.TemplateNode:
		walkFields(n.Pipe, out)
	}
}

func walkBranch(n *parse.BranchNode, out *[]string) {
	walkFields(n.Pipe, out)
	walkFields(n.List, out)
	walkFields(n.ElseList, out)
}

// validate checks every locale file as it was loaded, so that a broken
// string fails the build, check and status at once, at its position,
// rather than the first page that needs it: each message has every form
// its language needs (every CLDR plural form of the language for a
// message that is plural in the default locale), each form parses as
// go-i18n's template, and a translation uses only the template data of
// the default locale's text. Only the messages in effect are checked (a
// theme's message that the site's file overrides is not). A message of a
// translation that the default locale lacks is obsolete, which status
// reports; it is only parsed.
func (c *Catalog) validate() error {
	var errs diag.List
	src := c.Messages(c.defaultLocale)
	for _, locale := range slices.Sorted(maps.Keys(c.files)) {
		tag, _ := language.Parse(locale)
		// The messages in effect: a site's file overrides the theme's
		// messages, which are then never used.
		msgs := c.Messages(locale)
		for _, id := range slices.Sorted(maps.Keys(msgs)) {
			errs.Add(checkMessage(msgs[id], src[id], locale, tag, locale == c.defaultLocale))
		}
	}
	return errs.Err()
}

// checkMessage checks message m of a locale against its source message
// sm (nil when the default locale lacks it); isSource is set when m is
// itself in the default locale.
func checkMessage(m, sm *Message, locale string, tag language.Tag, isSource bool) error {
	var errs diag.List
	formPos := func(name string) diag.Pos {
		if p, ok := m.Forms[name]; ok {
			return p
		}
		return m.Pos
	}
	if sm != nil {
		needed := NeededForms(sm.Message, tag)
		for _, name := range needed {
			if strings.TrimSpace(FormText(m.Message, name)) != "" {
				continue
			}
			if len(needed) == 1 {
				errs.Add(diag.Errorf(m.Pos, "UI string %q has no text (its %q form is missing or empty)", m.ID, name))
				continue
			}
			errs.Add(diag.Errorf(m.Pos, "UI string %q lacks its %q plural form: %s needs %s", m.ID, name, locale, AndList(needed)))
		}
	}
	var against *goi18n.Message
	if sm != nil && !isSource {
		against = sm.Message
	}
	for _, name := range FormNames {
		text := FormText(m.Message, name)
		if text == "" {
			continue
		}
		if err := CheckText(against, text, m.LeftDelim, m.RightDelim); err != nil {
			errs.Add(diag.Errorf(formPos(name), "UI string %q, form %s: %v", m.ID, name, err))
		}
	}
	return errs.Err()
}

// AndList joins words as "a, b and c".
func AndList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
