package guidedata

import (
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/yamlx"
)

// Support says whether a recommendation meets a criterion.
type Support string

// The values of Support; the zero value means the data does not say.
const (
	Unset   Support = ""
	Yes     Support = "yes"
	No      Support = "no"
	Partial Support = "partial"
	// NA says the criterion does not apply to the entry (a network without
	// servers has no server software to publish). Checks count it as met;
	// the matrix shows it as "not applicable".
	NA Support = "n/a"
)

// Satisfied reports whether the value meets a criterion for the checks:
// yes, or not applicable.
func (s Support) Satisfied() bool { return s == Yes || s == NA }

// Property is a recommendation's support for one criterion, written as
// true, false, partial, n/a (not applicable), or {value: partial, note: "…"}.
type Property struct {
	Value Support
	// Note explains the value in the page's language; it is plain text,
	// shown as written (a footnote of the matrix).
	Note string
}

// UnmarshalYAML implements yaml.Unmarshaler.
func (p *Property) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			switch k.Value {
			case "value":
				var inner Property
				if err := inner.UnmarshalYAML(v); err != nil {
					return err
				}
				p.Value = inner.Value
			case "note":
				if v.Kind != yaml.ScalarNode {
					return fmt.Errorf("line %d: note must be text", v.Line)
				}
				p.Note = v.Value
			default:
				return fmt.Errorf("unknown key %q (a property has value and note)", k.Value)
			}
		}
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		switch {
		case n.ShortTag() == "!!bool" && n.Value == "true":
			p.Value = Yes
			return nil
		case n.ShortTag() == "!!bool" && n.Value == "false":
			p.Value = No
			return nil
		case n.Value == "partial":
			p.Value = Partial
			return nil
		case n.Value == "n/a":
			p.Value = NA
			return nil
		}
	}
	return fmt.Errorf("expected true, false, partial or n/a, got %q", n.Value)
}

// Links are a recommendation's links, all absolute URLs.
type Links struct {
	Homepage string `yaml:"homepage"`
	Privacy  string `yaml:"privacy"`
	Docs     string `yaml:"docs"`
	Source   string `yaml:"source"`
	Donate   string `yaml:"donate"`
	Onion    string `yaml:"onion"`
}

// LinkKinds are the card links after the homepage button, in card order,
// with the icon of each.
var LinkKinds = []struct{ Key, Icon string }{
	{"privacy", "octicons-eye-16"},
	{"docs", "octicons-info-16"},
	{"source", "octicons-code-16"},
	{"donate", "octicons-heart-16"},
	{"onion", "simple-torproject"},
}

// Get returns the link of a kind ("docs").
func (l *Links) Get(key string) string {
	switch key {
	case "homepage":
		return l.Homepage
	case "privacy":
		return l.Privacy
	case "docs":
		return l.Docs
	case "source":
		return l.Source
	case "donate":
		return l.Donate
	case "onion":
		return l.Onion
	}
	return ""
}

// Recommendation is one card's data.
type Recommendation struct {
	Name string `yaml:"name"`
	// Logo is the path of the logo under the site root
	// (assets/img/messengers/signal.svg): letters, digits, '.', '-', '_'
	// and '/', naming a file of the site.
	Logo      string            `yaml:"logo"`
	Links     Links             `yaml:"links"`
	Downloads map[string]string `yaml:"downloads"`
	// Network is the entry's network type ids (centralized, federated,
	// ...): one, or a list when the design combines several (Briar is
	// peer-to-peer and routes through Tor).
	Network    Networks            `yaml:"network"`
	Properties map[string]Property `yaml:"properties"`
	// Listed marks an entry that the page lists but does not recommend
	// (the alternatives): the minimum criteria are not demanded of it,
	// `guidegen check` reports which ones it misses, and it is placed with
	// "!!! alternative <id>" rather than "!!! recommendation <id>".
	Listed bool `yaml:"listed"`
}

// Networks are network type ids, written as one id or a list of them.
type Networks []string

// UnmarshalYAML implements yaml.Unmarshaler.
func (ns *Networks) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*ns = Networks{n.Value}
		return nil
	case yaml.SequenceNode:
		var out []string
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				return fmt.Errorf("line %d: a network type is an id", c.Line)
			}
			out = append(out, c.Value)
		}
		*ns = out
		return nil
	}
	return fmt.Errorf("line %d: network is a network type id or a list of them", n.Line)
}

// Meets reports whether the recommendation fully meets a criterion
// (not applicable does not count: it earns no badge).
func (r *Recommendation) Meets(criterion string) bool {
	return r.Properties[criterion].Value == Yes
}

// Satisfies reports whether the recommendation meets a criterion or the
// criterion does not apply to it: what the section checks ask.
func (r *Recommendation) Satisfies(criterion string) bool {
	return r.Properties[criterion].Value.Satisfied()
}

// Lacks returns the criteria of ids that r does not meet even in part
// (false, or not given), in order.
func (r *Recommendation) Lacks(ids []string) []string {
	var out []string
	for _, id := range ids {
		if v := r.Properties[id].Value; v == No || v == Unset {
			out = append(out, id)
		}
	}
	return out
}

// Missing returns the criteria of ids that r does not satisfy (neither
// yes nor not applicable), in order.
func (r *Recommendation) Missing(ids []string) []string {
	var out []string
	for _, id := range ids {
		if !r.Satisfies(id) {
			out = append(out, id)
		}
	}
	return out
}

// Criteria are the page's requirements, by criterion id.
type Criteria struct {
	Minimum []string `yaml:"minimum"`
	Best    []string `yaml:"best"`
	// Main are best-case criteria that a recommendation must also meet to
	// sit outside the section of additional options; one that meets the
	// minimum and these must sit outside it (checked by guidegen check).
	Main []string `yaml:"main"`
}

// Data is what a page declares in its front matter.
type Data struct {
	Recommendations map[string]*Recommendation `yaml:"recommendations"`
	Criteria        *Criteria                  `yaml:"criteria"`
	Threats         []string                   `yaml:"threats"`
}

// Empty reports whether the page declares nothing.
func (d *Data) Empty() bool {
	return len(d.Recommendations) == 0 && d.Criteria == nil && len(d.Threats) == 0
}

// IDs returns the recommendation ids, sorted.
func (d *Data) IDs() []string {
	return slices.Sorted(maps.Keys(d.Recommendations))
}

// Inherit returns the data of a translation: the source page's data with
// the translation's own values laid over it field by field. A translation
// may not add recommendations of its own: the data is language-neutral.
func Inherit(src, tr *Data, at func(path ...string) diag.Pos) (*Data, error) {
	out := &Data{Criteria: src.Criteria, Threats: src.Threats, Recommendations: map[string]*Recommendation{}}
	if tr.Criteria != nil {
		out.Criteria = tr.Criteria
	}
	if tr.Threats != nil {
		out.Threats = tr.Threats
	}
	maps.Copy(out.Recommendations, src.Recommendations)
	var errs diag.List
	for _, id := range tr.IDs() {
		base, ok := src.Recommendations[id]
		if !ok {
			errs.Add(diag.Errorf(at("recommendations", id), "recommendation %q is not in the source page: declare it there, translations only override fields", id))
			continue
		}
		out.Recommendations[id] = merge(base, tr.Recommendations[id])
	}
	return out, errs.Err()
}

func merge(a, b *Recommendation) *Recommendation {
	r := *a
	str := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	str(&r.Name, b.Name)
	str(&r.Logo, b.Logo)
	if len(b.Network) > 0 {
		r.Network = b.Network
	}
	str(&r.Links.Homepage, b.Links.Homepage)
	str(&r.Links.Privacy, b.Links.Privacy)
	str(&r.Links.Docs, b.Links.Docs)
	str(&r.Links.Source, b.Links.Source)
	str(&r.Links.Donate, b.Links.Donate)
	str(&r.Links.Onion, b.Links.Onion)
	r.Downloads = maps.Clone(a.Downloads)
	if r.Downloads == nil && len(b.Downloads) > 0 {
		r.Downloads = map[string]string{}
	}
	maps.Copy(r.Downloads, b.Downloads)
	r.Properties = maps.Clone(a.Properties)
	for k, p := range b.Properties {
		if r.Properties == nil {
			r.Properties = map[string]Property{}
		}
		old := r.Properties[k]
		if p.Value != Unset {
			old.Value = p.Value
		}
		if p.Note != "" {
			old.Note = p.Note
		}
		r.Properties[k] = old
	}
	return &r
}

// Check reports ids the vocabulary does not define, links that are not
// absolute http(s) URLs and logos that are not the path of a file of
// files (the site's root as served; nil skips whether the file exists);
// source says whether d is a source page's data (which must be complete)
// or a translation's overrides. at gives the position of a value by its
// path in the front matter.
func (d *Data) Check(v *Vocabulary, source bool, files fs.FS, at func(path ...string) diag.Pos) error {
	var errs diag.List
	unknown := func(kind *Kind, what, id string, path ...string) {
		if _, ok := kind.Get(id); ok {
			return
		}
		msg := fmt.Sprintf("unknown %s %q", what, id)
		if s := yamlx.Suggest(id, kind.IDs()); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		} else {
			msg += fmt.Sprintf(" (%s defines: %s)", VocabularyFile, strings.Join(kind.IDs(), ", "))
		}
		errs.Add(diag.Errorf(at(path...), "%s", msg))
	}
	if c := d.Criteria; c != nil {
		for i, id := range c.Minimum {
			unknown(v.Criteria, "criterion", id, "criteria", "minimum", fmt.Sprint(i))
		}
		for i, id := range c.Best {
			unknown(v.Criteria, "criterion", id, "criteria", "best", fmt.Sprint(i))
		}
		for i, id := range c.Main {
			unknown(v.Criteria, "criterion", id, "criteria", "main", fmt.Sprint(i))
			if !slices.Contains(c.Best, id) {
				errs.Add(diag.Errorf(at("criteria", "main", fmt.Sprint(i)), "criterion %q of criteria.main must be one of criteria.best", id))
			}
		}
	}
	for i, id := range d.Threats {
		unknown(v.Threats, "threat", id, "threats", fmt.Sprint(i))
	}
	for _, id := range d.IDs() {
		r := d.Recommendations[id]
		p := func(rest ...string) []string { return append([]string{"recommendations", id}, rest...) }
		if !validID(id) {
			errs.Add(diag.Errorf(at(p()...), "recommendation id %q must be lower-case letters, digits, - and _", id))
		}
		if r == nil {
			errs.Add(diag.Errorf(at(p()...), "recommendation %q is empty", id))
			continue
		}
		if source {
			if r.Name == "" {
				errs.Add(diag.Errorf(at(p()...), "recommendation %q: name is required", id))
			}
			if r.Links.Homepage == "" {
				errs.Add(diag.Errorf(at(p("links")...), "recommendation %q: links.homepage is required", id))
			}
			if len(r.Network) == 0 {
				errs.Add(diag.Errorf(at(p()...), "recommendation %q: network is required", id))
			}
		} else if r.Listed {
			errs.Add(diag.Errorf(at(p("listed")...), "recommendation %q: listed is language-neutral: set it on the source page", id))
		}
		for i, n := range r.Network {
			path := p("network")
			if len(r.Network) > 1 {
				path = p("network", fmt.Sprint(i))
			}
			unknown(v.Networks, "network type", n, path...)
			if slices.Index(r.Network, n) != i {
				errs.Add(diag.Errorf(at(path...), "recommendation %q: network type %q is listed twice", id, n))
			}
		}
		for _, k := range slices.Sorted(maps.Keys(r.Downloads)) {
			unknown(v.Platforms, "platform", k, p("downloads", k)...)
			checkURL(&errs, r.Downloads[k], at(p("downloads", k)...))
		}
		for _, k := range slices.Sorted(maps.Keys(r.Properties)) {
			unknown(v.Criteria, "criterion", k, p("properties", k)...)
		}
		if r.Logo != "" {
			checkLogo(&errs, r.Logo, files, at(p("logo")...))
		}
		checkURL(&errs, r.Links.Homepage, at(p("links", "homepage")...))
		for _, lk := range LinkKinds {
			checkURL(&errs, r.Links.Get(lk.Key), at(p("links", lk.Key)...))
		}
	}
	return errs.Err()
}

// checkURL reports s unless it is an absolute http or https URL, written
// as a URL is (no blanks, control characters, double quotes, angle
// brackets, backslashes or backquotes: those are percent-encoded in a
// URL). Links and downloads are web pages, so other schemes (mailto:,
// javascript:, data:) are refused.
func checkURL(errs *diag.List, s string, pos diag.Pos) {
	if s == "" {
		return
	}
	if i := strings.IndexFunc(s, badURLRune); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		errs.Add(diag.Errorf(pos, "%q is not a valid URL: %q must be percent-encoded", s, r))
		return
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		errs.Add(diag.Errorf(pos, "%q is not an absolute http(s) URL", s))
	}
}

func badURLRune(r rune) bool {
	return r <= ' ' || r == 0x7f || unicode.IsControl(r) || unicode.IsSpace(r) || strings.ContainsRune("<>\"\\`", r)
}

// checkLogo reports a logo that is not a relative path of a file of the
// site: only letters, digits, '.', '-', '_' and '/' between them, no
// empty, "." or ".." segment (so no scheme, query, blank, quote, bracket
// or parenthesis can reach the page), and the file must exist.
func checkLogo(errs *diag.List, s string, files fs.FS, pos diag.Pos) {
	for _, seg := range strings.Split(s, "/") {
		ok := seg != "" && seg != "." && seg != ".."
		for _, c := range seg {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_') {
				ok = false
			}
		}
		if !ok {
			errs.Add(diag.Errorf(pos, "logo %q must be the path of a file of the site, such as assets/img/app.svg: letters, digits, '.', '-' and '_' between '/'", s))
			return
		}
	}
	if files == nil {
		return
	}
	if fi, err := fs.Stat(files, s); err != nil || !fi.Mode().IsRegular() {
		errs.Add(diag.Errorf(pos, "logo %q: no such file in the site", s))
	}
}

// CriteriaOrEmpty returns the page's criteria; never nil.
func (d *Data) CriteriaOrEmpty() *Criteria {
	if d == nil || d.Criteria == nil {
		return &Criteria{}
	}
	return d.Criteria
}
