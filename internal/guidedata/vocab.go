// Package guidedata holds the guide's language-neutral data: the
// vocabulary of criteria, platforms, network types and threats (defined
// once in content/data/vocabulary.yaml, labelled in the locale files), and
// the recommendations, criteria and threats a page declares in its front
// matter, with the rules by which a translation inherits them.
package guidedata

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/limits"
	"github.com/guidegen/guidegen/internal/yamlx"
)

// VocabularyFile is where a site defines its vocabulary.
const VocabularyFile = "content/data/vocabulary.yaml"

// Term is one entry of the vocabulary. Its labels are UI strings:
// "<kind>.<id>" (criterion.forward_secrecy, platform.android, ...).
type Term struct {
	ID string `yaml:"id"`
	// Icon is an icon shortcode name without colons (simple-android).
	Icon string `yaml:"icon"`
	// Anchor is the id of the section that explains the term on the
	// kind's page (threats, networks); it defaults to the term's id.
	Anchor string `yaml:"anchor"`
	// Criteria are, for a threat, the criteria that defend against it:
	// a recommendation protects against the threat when it satisfies all
	// of them (the threats page lists it there).
	Criteria []string `yaml:"criteria"`

	pos diag.Pos
}

// Pos is where the term is defined.
func (t *Term) Pos() diag.Pos { return t.pos }

// Kind is one list of the vocabulary.
type Kind struct {
	// Page is the page whose sections explain the terms (threats,
	// network types), relative to the locale's content directory; empty
	// when there is none.
	Page  string  `yaml:"page"`
	Terms []*Term `yaml:"terms"`

	byID map[string]*Term
}

// Get returns the term with the id.
func (k *Kind) Get(id string) (*Term, bool) {
	if k == nil {
		return nil, false
	}
	t, ok := k.byID[id]
	return t, ok
}

// IDs returns the ids in the order of the file.
func (k *Kind) IDs() []string {
	if k == nil {
		return nil
	}
	ids := make([]string, len(k.Terms))
	for i, t := range k.Terms {
		ids[i] = t.ID
	}
	return ids
}

// Vocabulary is every id the page data may use. The order of each list is
// the order in which the site shows them (downloads, matrix columns).
type Vocabulary struct {
	Criteria  *Kind `yaml:"criteria"`
	Platforms *Kind `yaml:"platforms"`
	Networks  *Kind `yaml:"networks"`
	Threats   *Kind `yaml:"threats"`
	// PlaceholderLogo is the image a card shows for an entry without a
	// logo of its own (a neutral mark, not any project's logo), relative
	// to the site root; empty: such cards show no image.
	PlaceholderLogo string `yaml:"placeholder_logo"`
}

// Kinds names the lists with the prefix of their UI strings.
func (v *Vocabulary) Kinds() map[string]*Kind {
	return map[string]*Kind{"criterion": v.Criteria, "platform": v.Platforms, "network": v.Networks, "threat": v.Threats}
}

// LoadVocabulary reads VocabularyFile from fsys. A site without one has
// an empty vocabulary: pages can then declare no data.
func LoadVocabulary(fsys fs.FS) (*Vocabulary, error) {
	v := &Vocabulary{}
	src, err := limits.ReadFile(fsys, VocabularyFile, limits.DataSize)
	if errors.Is(err, fs.ErrNotExist) {
		v.index(yamlx.Source{File: VocabularyFile}, nil, nil)
		return v, nil
	}
	if err != nil {
		return nil, err
	}
	ys := yamlx.Source{File: VocabularyFile}
	node, err := ys.Parse(src)
	if err != nil {
		return nil, err
	}
	if err := ys.Decode(node, v); err != nil {
		return nil, err
	}
	var errs diag.List
	v.index(ys, node, &errs)
	for kname, k := range map[string]*Kind{"criteria": v.Criteria, "platforms": v.Platforms, "networks": v.Networks, "threats": v.Threats} {
		for _, t := range k.Terms {
			if len(t.Criteria) > 0 && k != v.Threats {
				errs.Add(diag.Errorf(t.pos, "%s: only threats name the criteria that address them", kname))
			}
			for _, c := range t.Criteria {
				if _, ok := v.Criteria.Get(c); !ok {
					errs.Add(diag.Errorf(t.pos, "threats: %q: unknown criterion %q", t.ID, c))
				}
			}
		}
	}
	return v, errs.Err()
}

func (v *Vocabulary) index(ys yamlx.Source, root *yaml.Node, errs *diag.List) {
	for _, k := range []struct {
		name string
		kind **Kind
	}{{"criteria", &v.Criteria}, {"platforms", &v.Platforms}, {"networks", &v.Networks}, {"threats", &v.Threats}} {
		if *k.kind == nil {
			*k.kind = &Kind{}
		}
		kind := *k.kind
		kind.byID = map[string]*Term{}
		terms := yamlx.Find(root, k.name, "terms")
		for i, t := range kind.Terms {
			var n *yaml.Node
			if terms != nil && i < len(terms.Content) {
				n = terms.Content[i]
			}
			if t == nil {
				// "- " with nothing after it.
				errs.Add(diag.Errorf(ys.Pos(n), "%s: term %d is empty: write - id: <id>", k.name, i+1))
				kind.Terms[i] = &Term{pos: ys.Pos(n)}
				continue
			}
			t.pos = ys.Pos(n)
			if t.Anchor == "" {
				t.Anchor = t.ID
			}
			switch {
			case t.Icon != "" && !validIcon(t.Icon):
				errs.Add(diag.Errorf(t.pos, "%s: icon %q must be an icon name: lower-case letters and digits between '-'", k.name, t.Icon))
			case !validAnchor(t.Anchor):
				errs.Add(diag.Errorf(t.pos, "%s: anchor %q must be letters, digits, - and _", k.name, t.Anchor))
			}
			switch {
			case !validID(t.ID):
				errs.Add(diag.Errorf(t.pos, "%s: id %q must be lower-case letters, digits, - and _", k.name, t.ID))
			case kind.byID[t.ID] != nil:
				errs.Add(diag.Errorf(t.pos, "%s: %q is defined twice (first at line %d)", k.name, t.ID, kind.byID[t.ID].pos.Line))
			default:
				kind.byID[t.ID] = t
			}
		}
	}
}

// validIcon accepts icon shortcode names (octicons-home-16), which are
// pasted between colons into generated Markdown.
func validIcon(s string) bool {
	for _, part := range strings.Split(s, "-") {
		if part == "" {
			return false
		}
		for _, c := range part {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
				return false
			}
		}
	}
	return true
}

// validAnchor accepts the ids of headings a term links to.
func validAnchor(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func validID(id string) bool {
	if id == "" {
		return false
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// CheckLabels reports terms whose label is not a UI string of the default
// locale (defined reports whether a message id exists).
func (v *Vocabulary) CheckLabels(defined func(id string) bool) error {
	var errs diag.List
	kinds := v.Kinds()
	names := make([]string, 0, len(kinds))
	for n := range kinds {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		for _, t := range kinds[n].Terms {
			if id := n + "." + t.ID; !defined(id) {
				errs.Add(diag.Errorf(t.pos, "%s %q has no label: add %s to the locale files", n, t.ID, fmt.Sprintf("%q", id)))
			}
		}
	}
	return errs.Err()
}
