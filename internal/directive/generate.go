package directive

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/guidegen/guidegen/internal/guidedata"
	"github.com/guidegen/guidegen/internal/markdown/admonition"
	"github.com/guidegen/guidegen/internal/yamlx"
)

// t localizes id and records the first error.
type tr struct {
	fn  func(string, ...any) (string, error)
	err error
}

func (t *tr) s(id string, args ...any) string {
	s, err := t.fn(id, args...)
	if err != nil && t.err == nil {
		t.err = err
	}
	return s
}

// rel returns the link from a page in dir to target (a path under the
// locale's content directory or the site root).
func (x *resolver) rel(target string) string {
	if x.env.Dir == "" {
		return target
	}
	up := strings.Repeat("../", strings.Count(x.env.Dir, "/")+1)
	return up + target
}

// get returns the term, or a bare one for an id the vocabulary lacks
// (reported where the id is written).
func get(k *guidedata.Kind, id string) *guidedata.Term {
	if t, ok := k.Get(id); ok {
		return t
	}
	return &guidedata.Term{ID: id, Anchor: id}
}

func icon(name string) string {
	if name == "" {
		return ""
	}
	return ":" + name + ": "
}

func (x *resolver) criteria(args []string) ([]string, error) {
	if len(args) != 1 || (args[0] != "minimum" && args[0] != "best") {
		return nil, errors.New(`write {% criteria minimum %} or {% criteria best %}`)
	}
	c := x.env.Data.CriteriaOrEmpty()
	ids := c.Minimum
	if args[0] == "best" {
		ids = c.Best
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("the page's front matter has no criteria.%s list", args[0])
	}
	t := &tr{fn: x.env.T}
	out := []string{""}
	for _, id := range ids {
		out = append(out, "- "+text(t.s("requirement."+id)))
	}
	out = append(out, "")
	return out, t.err
}

func (x *resolver) threats(args []string) ([]string, error) {
	if len(args) != 0 {
		return nil, errors.New("takes no arguments")
	}
	ids := x.env.Data.Threats
	if len(ids) == 0 {
		return nil, errors.New("the page's front matter has no threats")
	}
	t := &tr{fn: x.env.T}
	var chips []string
	k := x.env.Vocab.Threats
	for _, id := range ids {
		term := get(k, id)
		label := icon(term.Icon) + text(t.s("threat."+id))
		if k.Page != "" {
			chips = append(chips, fmt.Sprintf("[%s](%s){ .chip }", label, dest(x.rel(k.Page)+"#"+term.Anchor)))
		} else {
			chips = append(chips, `<span class="chip">`+label+"</span>")
		}
	}
	out := []string{"", fmt.Sprintf("**%s**", text(t.s("threats_intro", len(ids)))), ""}
	for _, c := range chips {
		out = append(out, "- "+c)
	}
	out = append(out, "{ .threats }", "")
	return out, t.err
}

// mark renders a matrix cell or badge value: a symbol hidden from screen
// readers and its word for them.
func mark(t *tr, v guidedata.Support) string {
	sym, word := "?", "matrix.unknown"
	switch v {
	case guidedata.Yes:
		sym, word = "✓", "matrix.yes"
	case guidedata.No:
		sym, word = "✗", "matrix.no"
	case guidedata.Partial:
		sym, word = "◐", "matrix.partial"
	case guidedata.NA:
		sym, word = "–", "matrix.not_applicable"
	}
	return fmt.Sprintf(`<span class="mark mark-%s" aria-hidden="true">%s</span><span class="visually-hidden">%s</span>`, markClass(v), sym, text(t.s(word)))
}

func markClass(v guidedata.Support) string {
	switch v {
	case guidedata.Unset:
		return "unknown"
	case guidedata.NA:
		return "na"
	}
	return string(v)
}

func (x *resolver) matrix(args []string) ([]string, error) {
	if len(args) != 0 {
		return nil, errors.New("takes no arguments")
	}
	c := x.env.Data.CriteriaOrEmpty()
	cols := append(append([]string(nil), c.Minimum...), c.Best...)
	if len(cols) == 0 || len(x.order) == 0 {
		return nil, errors.New("the page's front matter needs recommendations and criteria for a matrix")
	}
	t := &tr{fn: x.env.T}
	head := "| " + text(t.s("matrix.messenger")) + " |"
	rule := "| --- |"
	for _, id := range cols {
		head += " " + text(t.s("criterion."+id)) + " |"
		rule += " :-: |"
	}
	out := []string{"", head, rule}
	var notes []string
	for _, rid := range x.order {
		r := x.env.Data.Recommendations[rid]
		row := "| " + text(r.Name) + " |"
		for _, id := range cols {
			p := r.Properties[id]
			cell := mark(t, p.Value)
			if p.Note != "" {
				label := "matrix-" + rid + "-" + id
				cell += "[^" + label + "]"
				notes = append(notes, "[^"+label+"]: "+text(p.Note))
			}
			row += " " + cell + " |"
		}
		out = append(out, row)
	}
	// The attribute list after the table (package markdown reads it): a
	// caption, and the messengers' names as row headers.
	out = append(out, "", "{ .matrix caption="+attrValue(t.s("matrix.caption"))+" row-headers=1 }", "")
	if len(notes) > 0 {
		// The notes' numbers follow the page's order of reference
		// (markdown.Document.Finish).
		out = append(append(out, notes...), "")
	}
	return out, t.err
}

// badges returns the network badges of r, one per network type.
func (x *resolver) badges(t *tr, r *guidedata.Recommendation) []string {
	var badges []string
	for _, n := range r.Network {
		term := get(x.env.Vocab.Networks, n)
		label := icon(term.Icon) + text(t.s("network."+n))
		if pg := x.env.Vocab.Networks.Page; pg != "" {
			badges = append(badges, fmt.Sprintf("[%s](%s){ .badge .badge-network }", label, dest(x.rel(pg)+"#"+term.Anchor)))
		} else {
			badges = append(badges, `<span class="badge badge-network">`+label+`</span>`)
		}
	}
	return badges
}

// logo returns the card's image line: the entry's logo, or the
// vocabulary's neutral placeholder with an empty alternative text (it
// shows no one's logo, so it claims none); "" when there is neither.
func (x *resolver) logo(t *tr, r *guidedata.Recommendation) string {
	switch {
	case r.Logo != "":
		return fmt.Sprintf("![%s](%s){ .logo align=right }", text(t.s("card.logo_alt", "Name", r.Name)), dest(x.rel(r.Logo)))
	case x.env.Vocab.PlaceholderLogo != "":
		return fmt.Sprintf("![](%s){ .logo .logo-placeholder align=right }", dest(x.rel(x.env.Vocab.PlaceholderLogo)))
	}
	return ""
}

// assessment returns the "Meets" / "Falls short" / "Does not apply"
// lists of an entry against the page's criteria, in the reader's language.
func (x *resolver) assessment(t *tr, r *guidedata.Recommendation, b string) []string {
	c := x.env.Data.CriteriaOrEmpty()
	var meets, short, na []string
	for _, id := range append(append([]string(nil), c.Minimum...), c.Best...) {
		p := r.Properties[id]
		label := text(t.s("criterion." + id))
		switch p.Value {
		case guidedata.Yes:
			meets = append(meets, label)
			continue
		case guidedata.NA:
			na = append(na, label)
			continue
		case guidedata.Partial:
			label += " " + text(t.s("card.partly"))
		case guidedata.Unset:
			label += " " + text(t.s("card.unknown"))
		}
		if slices.Contains(c.Minimum, id) {
			label = "**" + label + "**"
		}
		if p.Note != "" {
			label += ": " + text(p.Note)
		}
		short = append(short, label)
	}
	var out []string
	for _, l := range []struct {
		id    string
		items []string
	}{{"card.meets", meets}, {"card.falls_short", short}, {"card.not_applicable", na}} {
		if len(l.items) == 0 {
			continue
		}
		out = append(out, b+"**"+text(t.s(l.id))+"**", "")
		for _, it := range l.items {
			out = append(out, b+"- "+it)
		}
		out = append(out, "", b+"{ .assessment }", "")
	}
	return out
}

// card replaces the admonition of a "!!! recommendation <id>" or
// "!!! alternative <id>" line with the card: the written body, between
// the logo and badges generated before it and the links, downloads and
// (for a listed entry) assessment generated after it.
func (x *resolver) card(a *admonition.Node) {
	at := a.Pos()
	id := a.Classes[0]
	listed := a.TypeName == "alternative"
	line := x.doc.Source[at:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	off := at + strings.Index(string(line), id)
	r, ok := x.env.Data.Recommendations[id]
	if !ok {
		msg := fmt.Sprintf("unknown recommendation %q", id)
		if s := yamlx.Suggest(id, x.env.Data.IDs()); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		} else {
			msg += " (the page's front matter declares: " + strings.Join(x.env.Data.IDs(), ", ") + ")"
		}
		x.errorf(off, "%s", msg)
		return
	}
	switch {
	case listed && !r.Listed:
		x.errorf(off, "%q is a recommendation: place it with !!! recommendation %s, or mark it listed: true", id, id)
		return
	case !listed && r.Listed:
		x.errorf(off, "%q is listed, not recommended (listed: true): place it with !!! alternative %s", id, id)
		return
	}
	marker := "!!!"
	if a.Collapsible {
		marker = "???"
		if a.Open {
			marker = "???+"
		}
	}
	b := "    "
	t := &tr{fn: x.env.T}

	head := []string{marker + " recommendation"}
	if listed {
		// A compact card without the look of a recommendation.
		head = []string{marker + " recommendation listed"}
	}
	if lg := x.logo(t, r); lg != "" {
		head = append(head, b+lg)
	}
	badges := x.badges(t, r)
	if !listed {
		for _, cid := range x.env.Data.CriteriaOrEmpty().Best {
			if r.Meets(cid) {
				badges = append(badges, `<span class="badge badge-criterion">:material-check: `+text(t.s("criterion."+cid))+`</span>`)
			}
		}
	}
	if len(badges) > 0 {
		head = append(head, "", b+strings.Join(badges, "\n"+b))
	}

	// The tail is parsed on its own, at the top level.
	b = ""
	var tail []string
	if listed {
		tail = append(tail, x.assessment(t, r, b)...)
	}
	if u := r.Links.Homepage; u != "" {
		tail = append(tail, b+fmt.Sprintf("[:octicons-home-16: %s](%s){ .md-button .md-button--primary }", text(t.s("card.homepage")), dest(u)))
	}
	for _, lk := range guidedata.LinkKinds {
		if u := r.Links.Get(lk.Key); u != "" {
			label := attrValue(t.s("card." + lk.Key))
			tail = append(tail, b+fmt.Sprintf(`[:%s:](%s){ .card-link title=%s aria-label=%s }`, lk.Icon, dest(u), label, label))
		}
	}
	if len(r.Downloads) > 0 {
		tail = append(tail, "", b+fmt.Sprintf(`??? downloads "%s"`, text(t.s("card.downloads"))), "")
		for _, pid := range x.env.Vocab.Platforms.IDs() {
			if u, ok := r.Downloads[pid]; ok {
				term := get(x.env.Vocab.Platforms, pid)
				tail = append(tail, b+"    - ["+icon(term.Icon)+text(t.s("platform."+pid))+"]("+dest(u)+")")
			}
		}
	}
	if t.err != nil {
		x.errorf(off, "recommendation %q: %v", id, t.err)
		return
	}

	// The card: the generated head's admonition, holding the written
	// body (the line's own admonition's children but a default title)
	// and the generated tail.
	hd := x.md.Graft(x.doc, at, []byte(strings.Join(head, "\n")+"\n"))
	card, ok := hd.FirstChild().(*admonition.Node)
	if !ok {
		x.errorf(off, "recommendation %q: the generated card is not an admonition", id)
		return
	}
	for c := a.FirstChild(); c != nil; {
		next := c.NextSibling()
		a.RemoveChild(a, c)
		if _, title := c.(*admonition.Title); !title {
			card.AppendChild(card, c)
		}
		c = next
	}
	if len(tail) > 0 {
		tl := x.md.Graft(x.doc, at, []byte(strings.Join(tail, "\n")+"\n"))
		for c := tl.FirstChild(); c != nil; {
			next := c.NextSibling()
			card.AppendChild(card, c)
			c = next
		}
	}
	a.Parent().ReplaceChild(a.Parent(), a, card)
	x.cards = append(x.cards, Card{ID: id, Listed: listed, At: at, Node: card})
}

// threat explains one threat from data: the criteria that defend against
// it and the recommendations, on every page that names the threat, that
// satisfy all of those criteria.
func (x *resolver) threat(args []string) ([]string, error) {
	if len(args) != 1 {
		return nil, errors.New("write {% threat <id> %}")
	}
	term, ok := x.env.Vocab.Threats.Get(args[0])
	if !ok {
		msg := fmt.Sprintf("unknown threat %q", args[0])
		if s := yamlx.Suggest(args[0], x.env.Vocab.Threats.IDs()); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		return nil, errors.New(msg)
	}
	t := &tr{fn: x.env.T}
	out := []string{"", "**" + text(t.s("threat_page.criteria")) + "**", ""}
	if len(term.Criteria) == 0 {
		out = append(out, text(t.s("threat_page.no_criteria")))
	}
	for _, c := range term.Criteria {
		out = append(out, "- **"+text(t.s("criterion."+c))+"**: "+text(t.s("requirement."+c)))
	}
	out = append(out, "", "**"+text(t.s("threat_page.protect"))+"**", "")
	var items []string
	for _, pd := range x.env.Pages {
		if pd.Data == nil || !slices.Contains(pd.Data.Threats, term.ID) {
			continue
		}
		for _, rid := range pd.Data.IDs() {
			r := pd.Data.Recommendations[rid]
			if r == nil || r.Listed || len(r.Missing(term.Criteria)) > 0 {
				continue
			}
			items = append(items, "- ["+text(r.Name)+"]("+dest(x.rel(pd.Path))+")")
		}
	}
	if len(items) == 0 {
		items = []string{text(t.s("threat_page.none"))}
	}
	out = append(append(out, items...), "")
	return out, t.err
}
