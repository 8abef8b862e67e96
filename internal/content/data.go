package content

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/directive"
	"github.com/guidegen/guidegen/internal/guidedata"
	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/admonition"
	"github.com/guidegen/guidegen/internal/markdown/mdtext"
)

// AdditionalClass marks the heading of a section of recommendations that
// do not meet every minimum criterion ("## Additional options
// { .additional }"); the section must say why in a !!! warning.
const AdditionalClass = "additional"

// expand gives a page its data (a translation inherits its source page's,
// src), checks the data against the vocabulary, expands cards and
// directives, and checks that each card meets the page's minimum criteria.
func (ld *loader) expand(p, src *Page) {
	var found diag.List
	defer func() {
		if ps := found.Problems(); len(ps) > 0 {
			ld.problems.Add(&diag.ListError{Problems: ps})
		}
	}()
	var perr error
	defer func() { found.Add(perr) }()
	defer diag.Recover(p.File, &perr)
	own := p.Front.data()
	found.Add(own.Check(ld.vocab, p.Locale == ld.def, ld.opts.Files, p.at))
	p.Data = own
	if p.Locale != ld.def && src != nil {
		d, err := guidedata.Inherit(src.Front.data(), own, p.at)
		found.Add(err)
		p.Data = d
	}
	if errs, _ := found.Count(); errs == 0 {
		expand(p, ld.vocab, ld.mds[p.Locale], ld.opts.Strings[p.Locale], &found)
	}
}

// expand re-parses a page whose body uses its data.
func expand(p *Page, vocab *guidedata.Vocabulary, md *markdown.Markdown, t func(string, ...any) (string, error), found *diag.List) {
	if p.Data.Empty() && !bytes.Contains(p.src, []byte("{%")) {
		return
	}
	if t == nil {
		t = func(id string, _ ...any) (string, error) { return id, nil }
	}
	res := directive.Expand(p.src, directive.Env{
		Vocab: vocab,
		Data:  p.Data,
		T:     t,
		Dir:   p.Doc.Dir,
		Start: p.bodyStart(),
	})
	for _, pr := range res.Problems {
		found.Add(diag.Errorf(p.Doc.SourcePos(pr.Offset), "%s", pr.Msg))
	}
	if len(res.Problems) > 0 || res.Map == nil {
		return
	}
	p.Doc = md.ParseInput(markdown.Input{File: p.File, Dir: p.Doc.Dir, Orig: p.src, Src: res.Src, Origin: res.Map, Source: p.source})
	p.Cards = res.Cards
	for _, pr := range p.Doc.Problems {
		found.Add(pr)
	}
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

// checkCards reports cards that fail a minimum criterion outside a section
// of additional options, and declared recommendations without a card.
func checkCards(p *Page, found *diag.List) {
	byOffset := map[int]directive.Card{}
	placed := map[string]bool{}
	for _, c := range p.Cards {
		byOffset[c.Offset] = c
		placed[c.ID] = true
	}
	minimum := p.Data.CriteriaOrEmpty().Minimum
	additional, warned := false, false
	for n := p.Doc.Root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			if h.Level <= 2 {
				additional, warned = hasClass(h, AdditionalClass), false
			}
			continue
		}
		a, ok := n.(*admonition.Node)
		if !ok {
			continue
		}
		if a.TypeName == "warning" || a.TypeName == "danger" || a.TypeName == "caution" {
			warned = true
			continue
		}
		if a.TypeName != "recommendation" {
			continue
		}
		card, ok := byOffset[p.Doc.Origin(mdtext.Offset(a, p.Doc.Source))]
		if !ok {
			continue
		}
		r := p.Data.Recommendations[card.ID]
		var missing []string
		for _, c := range minimum {
			if !r.Meets(c) {
				missing = append(missing, c)
			}
		}
		if len(missing) > 0 && !(additional && warned) {
			found.Add(diag.Errorf(p.Doc.SourcePos(card.Offset),
				"recommendation %q does not meet the minimum criteria %s: place it in a section whose heading has { .%s } and that explains why in a !!! warning",
				card.ID, strings.Join(missing, ", "), AdditionalClass))
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
