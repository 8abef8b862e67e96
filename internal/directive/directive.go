// Package directive places a page's data in its parse tree:
// "!!! recommendation <id>" cards, and one-line directives that place the
// criteria lists, the comparison matrix and the threat chips:
//
//	{% criteria minimum %}
//	{% criteria best %}
//	{% matrix %}
//	{% threats %}
//	{% threat <id> %}
//
// and "!!! alternative <id>" cards, the compact cards of entries the page
// lists but does not recommend (listed: true), whose "Meets" and "Falls
// short" lists are generated from the entry's properties.
//
// The page is parsed once. Its parse leaves a placeholder.Directive
// block for every directive line and an admonition for every card line;
// once every page's data is known (a threat's list gathers from every
// page), Resolve replaces each with the blocks it stands for. Those are
// written as Markdown in the dialect the rest of the pipeline reads
// (admonitions, attribute lists, icons, footnotes), with every value from
// data or UI strings escaped for the place it lands in (escape.go), and
// parsed by the page's own pipeline into a fragment that is grafted into
// the page's tree (markdown.Graft): the page's text is not parsed again,
// and whatever the fragment holds is reported at the directive or card
// line that produced it.
package directive

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/guidegen/guidegen/internal/guidedata"
	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/admonition"
	"github.com/guidegen/guidegen/internal/markdown/placeholder"
	"github.com/guidegen/guidegen/internal/yamlx"
)

// Names are the one-line directives.
var Names = []string{"criteria", "matrix", "threats", "threat"}

// PageData is the data of one page of the locale, for directives that
// gather from every page ({% threat <id> %}).
type PageData struct {
	// Path is the page's path under the locale's content directory.
	Path string
	Data *guidedata.Data
}

// Env is what expansion needs to know about the page.
type Env struct {
	Vocab *guidedata.Vocabulary
	Data  *guidedata.Data
	// T localizes a UI string (labels, button texts).
	T func(id string, args ...any) (string, error)
	// Dir is the page's directory under its locale's content directory;
	// generated links are relative to it.
	Dir string
	// Pages are the data of every page of the locale that declares any,
	// sorted by path.
	Pages []PageData
}

// Card is a recommendation card placed from data.
type Card struct {
	ID string
	// Listed is true for an "!!! alternative" card.
	Listed bool
	// At is where its marker ("!!!") is in the source.
	At int
	// Node is the card in the page's tree.
	Node *admonition.Node
}

// Problem is an error at a source offset.
type Problem struct {
	Offset int
	Msg    string
}

// Result is what Resolve placed and found.
type Result struct {
	Cards    []Card
	Problems []Problem
}

// resolver resolves the directives and cards of one page.
type resolver struct {
	env      Env
	md       *markdown.Markdown
	doc      *markdown.Document
	cards    []Card
	problems []Problem
	order    []string // recommendation ids in the order of their cards
}

func (x *resolver) errorf(off int, format string, args ...any) {
	x.problems = append(x.problems, Problem{Offset: off, Msg: fmt.Sprintf(format, args...)})
}

// Resolve replaces the directives and cards of a parsed page (parsed with
// md) with what they stand for, and completes the document
// (markdown.Document.Finish). Cards are placed only on a page whose data
// has recommendations; elsewhere "!!! recommendation" is an admonition
// like any other.
func Resolve(d *markdown.Document, md *markdown.Markdown, env Env) *Result {
	x := &resolver{env: env, md: md, doc: d}
	withCards := env.Data != nil && len(env.Data.Recommendations) > 0
	// Find every directive and card first, in page order: the matrix
	// lists the cards in that order.
	type todo struct {
		dir  *placeholder.Directive
		card *admonition.Node
	}
	var work []todo
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *placeholder.Directive:
			work = append(work, todo{dir: n})
		case *admonition.Node:
			if withCards && isCard(n, d.Source) {
				work = append(work, todo{card: n})
				if id := n.Classes[0]; !slices.Contains(x.order, id) {
					if _, ok := env.Data.Recommendations[id]; ok {
						x.order = append(x.order, id)
					}
				}
			}
		}
		return ast.WalkContinue, nil
	})
	if len(work) == 0 {
		return &Result{}
	}
	if env.Data != nil {
		for _, id := range env.Data.IDs() {
			if !slices.Contains(x.order, id) {
				x.order = append(x.order, id)
			}
		}
	}
	for _, w := range work {
		if w.card != nil {
			x.card(w.card)
		} else {
			x.directive(w.dir)
		}
	}
	d.Finish()
	return &Result{Cards: x.cards, Problems: x.problems}
}

// cardRE is a card's line, from its marker on.
var cardRE = regexp.MustCompile(`^(!!!|\?\?\?\+?)[ \t]+(recommendation|alternative)[ \t]+([^\s"]+)[ \t]*\r?$`)

// isCard reports whether an admonition opens with a card's line,
// "!!! recommendation <id>" or "!!! alternative <id>" and nothing else
// (no title).
func isCard(n *admonition.Node, src []byte) bool {
	if (n.TypeName != "recommendation" && n.TypeName != "alternative") || len(n.Classes) != 1 {
		return false
	}
	at := n.Pos()
	if at < 0 || at >= len(src) {
		return false
	}
	line := src[at:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	return cardRE.Match(line)
}

// graft parses lines and puts the blocks they make in place of n.
func (x *resolver) graft(n ast.Node, origin int, lines []string) {
	frag := x.md.Graft(x.doc, origin, []byte(strings.Join(lines, "\n")+"\n"))
	parent := n.Parent()
	for c := frag.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

func (x *resolver) directive(n *placeholder.Directive) {
	if n.Malformed {
		x.errorf(n.Offset, "malformed directive: write {%% name %%} alone on a line (%s)", strings.Join(Names, ", "))
		return
	}
	args := n.Args
	if len(args) == 0 {
		x.errorf(n.Offset, "empty directive: use one of %s", strings.Join(Names, ", "))
		return
	}
	var out []string
	var err error
	switch args[0] {
	case "criteria":
		out, err = x.criteria(args[1:])
	case "matrix":
		out, err = x.matrix(args[1:])
	case "threats":
		out, err = x.threats(args[1:])
	case "threat":
		out, err = x.threat(args[1:])
	default:
		msg := fmt.Sprintf("unknown directive %q", args[0])
		if s := yamlx.Suggest(args[0], Names); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		x.errorf(n.Offset, "%s", msg)
		return
	}
	if err != nil {
		x.errorf(n.Offset, "%s: %v", args[0], err)
		return
	}
	x.graft(n, n.Offset, out)
}
