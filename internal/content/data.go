package content

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/directive"
	"github.com/guidegen/guidegen/internal/guidedata"
	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/admonition"
)

// AdditionalClass marks the heading of a section of recommendations that
// do not meet every minimum criterion ("## Additional options
// { .additional }"); the section must say why in a !!! warning.
const AdditionalClass = "additional"

// data gives a page its data (a translation inherits its source page's,
// src) and checks the data against the vocabulary. It reports whether
// the data has no error, so that the page can be expanded.
func (ld *loader) data(p, src *Page) (ok bool) {
	var found diag.List
	defer func() {
		if ps := found.Problems(); len(ps) > 0 {
			ld.problems.Add(&diag.ListError{Problems: ps})
		}
		errs, _ := found.Count()
		ok = errs == 0
	}()
	var perr error
	defer func() { found.Add(perr) }()
	defer diag.Recover(p.File, &perr)
	own := p.Front.data()
	if !own.Empty() { // else there is nothing to check, nor to inherit from own
		found.Add(own.Check(ld.vocab, p.Locale == ld.def, ld.opts.Files, p.at))
	}
	p.Data = own
	if p.Locale != ld.def && src != nil {
		if s := src.Front.data(); !own.Empty() || !s.Empty() {
			d, err := guidedata.Inherit(s, own, p.at)
			found.Add(err)
			p.Data = d
		}
	}
	return
}

// resolve places the page's data in its parse tree, where its cards and
// directives are (pages are the data of every page of the locale), and
// checks that each card sits in the section its criteria call for.
func (ld *loader) resolve(p *Page, pages []directive.PageData) {
	var found diag.List
	defer func() {
		if ps := found.Problems(); len(ps) > 0 {
			ld.problems.Add(&diag.ListError{Problems: ps})
		}
	}()
	var perr error
	defer func() { found.Add(perr) }()
	defer diag.Recover(p.File, &perr)
	resolve(p, ld.vocab, ld.mds[p.Locale], ld.opts.Strings[p.Locale], pages, &found)
}

// resolve replaces the cards and directives of a page with what its data
// says. The page is not parsed again: what is generated is grafted into
// its tree, and only the problems found in that are added.
func resolve(p *Page, vocab *guidedata.Vocabulary, md *markdown.Markdown, t func(string, ...any) (string, error), pages []directive.PageData, found *diag.List) {
	if p.Data.Empty() && !bytes.Contains(p.Doc.Source, []byte("{%")) {
		return // nothing to place
	}
	if t == nil {
		t = func(id string, _ ...any) (string, error) { return id, nil }
	}
	before := len(p.Doc.Problems)
	res := directive.Resolve(p.Doc, md, directive.Env{
		Vocab: vocab,
		Data:  p.Data,
		T:     t,
		Dir:   p.Doc.Dir,
		Pages: pages,
	})
	for _, pr := range res.Problems {
		found.Add(diag.Errorf(p.Doc.SourcePos(pr.Offset), "%s", pr.Msg))
	}
	for _, pr := range p.Doc.Problems[before:] {
		found.Add(pr)
	}
	if len(res.Problems) > 0 {
		return
	}
	p.Cards = res.Cards
	checkCards(p, found)
}

// bodyStart returns the offset in p.src after the front matter's closing
// line, as the parse found it; 0 when the page has none.
func (p *Page) bodyStart() int {
	if fm := p.Doc.FrontMatter; fm != nil && fm.Closed {
		return fm.End
	}
	return 0
}

// checkCards reports cards that fail a minimum criterion or one of
// criteria.main outside a section of additional options, cards in that
// section that meet all of them, and declared recommendations without a
// card. Listed entries ("!!! alternative") are not held to the criteria:
// Assessments reports what they miss.
func checkCards(p *Page, found *diag.List) {
	byNode := map[ast.Node]directive.Card{}
	placed := map[string]bool{}
	for _, c := range p.Cards {
		byNode[c.Node] = c
		placed[c.ID] = true
	}
	minimum := p.Data.CriteriaOrEmpty().Minimum
	additional, warned := false, false
	// Every block of the page counts, however deeply nested: a card
	// wrapped in <div markdown>, an admonition or a list item is held to
	// the same rules as one at the top level.
	type placedCard struct {
		node               *admonition.Node
		additional, warned bool
	}
	var cards []placedCard
	_ = ast.Walk(p.Doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level <= 2 {
				additional, warned = hasClass(n, AdditionalClass), false
			}
			return ast.WalkSkipChildren, nil
		case *admonition.Node:
			switch n.TypeName {
			case "warning", "danger", "caution":
				warned = true
			case "recommendation":
				cards = append(cards, placedCard{n, additional, warned})
			}
		}
		return ast.WalkContinue, nil
	})
	for _, pc := range cards {
		additional, warned := pc.additional, pc.warned
		card, ok := byNode[pc.node]
		if !ok {
			continue
		}
		r := p.Data.Recommendations[card.ID]
		if card.Listed {
			continue
		}
		// A minimum criterion met only in part needs a note that says
		// why; one not met at all, or a criterion of criteria.main not
		// fully met, puts the card among the additional options.
		for _, c := range minimum {
			if pr := r.Properties[c]; pr.Value == guidedata.Partial && pr.Note == "" {
				found.Add(diag.Errorf(p.at("recommendations", card.ID, "properties", c),
					"recommendation %q meets the minimum criterion %s only in part: add a note that says why", card.ID, c))
			}
		}
		lacking := r.Lacks(minimum)
		main := r.Missing(p.Data.CriteriaOrEmpty().Main)
		switch {
		case len(lacking) > 0 && !(additional && warned):
			found.Add(diag.Errorf(p.Doc.SourcePos(card.At),
				"recommendation %q does not meet the minimum criteria %s: place it in a section whose heading has { .%s } and that explains why in a !!! warning",
				card.ID, strings.Join(lacking, ", "), AdditionalClass))
		case len(main) > 0 && !(additional && warned):
			found.Add(diag.Errorf(p.Doc.SourcePos(card.At),
				"recommendation %q does not meet %s (criteria.main): place it in a section whose heading has { .%s } and that explains why in a !!! warning",
				card.ID, strings.Join(main, ", "), AdditionalClass))
		case additional && len(lacking) == 0 && len(main) == 0 && len(p.Data.CriteriaOrEmpty().Main) > 0:
			found.Add(diag.Errorf(p.Doc.SourcePos(card.At),
				"recommendation %q meets every minimum criterion and criteria.main: it belongs outside the section of additional options", card.ID))
		}
	}
	for _, id := range p.Data.IDs() {
		if !placed[id] {
			found.Add(diag.Warnf(p.at("recommendations", id), "recommendation %q has data but no card: add !!! recommendation %s where it belongs", id, id))
		}
	}
}

func hasClass(n ast.Node, class string) bool {
	v, ok := n.AttributeString("class")
	if !ok {
		return false
	}
	var s string
	switch v := v.(type) {
	case []byte:
		s = string(v)
	case string:
		s = v
	}
	for _, c := range strings.Fields(s) {
		if c == class {
			return true
		}
	}
	return false
}

// Assessments reports, for every entry of the default locale that a page
// lists but does not recommend (listed: true), the minimum criteria it
// does not satisfy, as "file:line:col: …" lines. They are not warnings:
// listing such entries is the point of the page. `guidegen check` prints
// them.
func (s *Site) Assessments() []string {
	var out []string
	for _, path := range s.paths {
		out = append(out, s.assessments[path]...)
	}
	return out
}

// assess returns the assessments of a source page, before it is released.
func assess(p *Page) []string {
	if p == nil || p.Data == nil {
		return nil
	}
	var out []string
	for _, id := range p.Data.IDs() {
		r := p.Data.Recommendations[id]
		if r == nil || !r.Listed {
			continue
		}
		pos := p.at("recommendations", id)
		minimum := p.Data.CriteriaOrEmpty().Minimum
		lacking := r.Lacks(minimum)
		var partly []string
		for _, c := range r.Missing(minimum) {
			if !slices.Contains(lacking, c) {
				partly = append(partly, c)
			}
		}
		var parts []string
		if len(lacking) > 0 {
			parts = append(parts, "misses the minimum criteria "+strings.Join(lacking, ", "))
		}
		if len(partly) > 0 {
			parts = append(parts, "meets only in part "+strings.Join(partly, ", "))
		}
		if len(parts) == 0 {
			parts = append(parts, "meets every minimum criterion")
		}
		out = append(out, fmt.Sprintf("%s: %s is listed, not recommended: %s", pos, id, strings.Join(parts, "; ")))
	}
	return out
}
