// Package directive expands a page's data into Markdown before it is
// parsed: "!!! recommendation <id>" cards, and one-line directives that
// place the criteria lists, the comparison matrix and the threat chips:
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
// The generated Markdown is in the dialect the rest of the pipeline reads
// (admonitions, attribute lists, icons), and every position in it maps
// back to the directive that produced it (package splice).
package directive

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/guidegen/guidegen/internal/guidedata"
	"github.com/guidegen/guidegen/internal/splice"
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
	// Start is the offset at which the Markdown body begins (after the
	// front matter).
	Start int
	// Pages are the data of every page of the locale that declares any,
	// sorted by path.
	Pages []PageData
}

// Card is a recommendation card placed from data.
type Card struct {
	ID string
	// Listed is true for an "!!! alternative" card.
	Listed bool
	// Offset is where its "!!! recommendation" line starts in the source.
	Offset int
	// At is where its marker ("!!!") is, after any indentation.
	At int
}

// Problem is an error at a source offset.
type Problem struct {
	Offset int
	Msg    string
}

// Result is an expanded page.
type Result struct {
	Src      []byte
	Map      *splice.Map
	Cards    []Card
	Problems []Problem
}

var (
	directiveRE = regexp.MustCompile(`^([ \t]*)\{%(.*?)%\}[ \t]*$`)
	cardRE      = regexp.MustCompile(`^([ \t]*)(!!!|\?\?\?\+?)[ \t]+(recommendation|alternative)[ \t]+([^\s"]+)[ \t]*$`)
	fenceRE     = regexp.MustCompile("^[ \t]*(`{3,}|~{3,})")
)

// Expand expands src. Without page data and directives it returns src
// unchanged.
func Expand(src []byte, env Env) *Result {
	x := &expander{env: env, src: src}
	x.scan()
	res := &Result{Cards: x.cards, Problems: x.problems}
	if len(x.edits) == 0 {
		res.Src = src
		return res
	}
	if len(x.footnotes) > 0 {
		x.edits = append(x.edits, splice.Edit{Start: len(src), End: len(src), Text: []byte("\n\n" + strings.Join(x.footnotes, "\n") + "\n")})
	}
	res.Src, res.Map = splice.Apply(src, x.edits)
	return res
}

type line struct {
	start, end int // end excludes the line break
	next       int // start of the next line
}

type expander struct {
	env       Env
	src       []byte
	lines     []line
	edits     []splice.Edit
	cards     []Card
	problems  []Problem
	footnotes []string
	order     []string // recommendation ids in the order of their cards
}

func (x *expander) errorf(off int, format string, args ...any) {
	x.problems = append(x.problems, Problem{Offset: off, Msg: fmt.Sprintf(format, args...)})
}

func (x *expander) text(l line) string {
	return strings.TrimSuffix(string(x.src[l.start:l.end]), "\r")
}

func (x *expander) scan() {
	for i := x.env.Start; i < len(x.src); {
		j := bytes.IndexByte(x.src[i:], '\n')
		l := line{start: i, end: len(x.src), next: len(x.src)}
		if j >= 0 {
			l.end, l.next = i+j, i+j+1
		}
		x.lines = append(x.lines, l)
		i = l.next
	}
	// The matrix lists the cards in page order, so find them first.
	type todo struct {
		i    int
		m    []string
		card bool
	}
	var work []todo
	fence := ""
	for i, l := range x.lines {
		t := x.text(l)
		if m := fenceRE.FindStringSubmatch(t); m != nil {
			switch {
			case fence == "":
				fence = m[1]
			case m[1][0] == fence[0] && len(m[1]) >= len(fence) && strings.TrimSpace(t) == m[1]:
				fence = ""
			}
			continue
		}
		if fence != "" {
			continue
		}
		if m := cardRE.FindStringSubmatch(t); m != nil && x.env.Data != nil && len(x.env.Data.Recommendations) > 0 {
			work = append(work, todo{i, m, true})
			if _, ok := x.env.Data.Recommendations[m[4]]; ok && !slices.Contains(x.order, m[4]) {
				x.order = append(x.order, m[4])
			}
			continue
		}
		if strings.HasPrefix(strings.TrimLeft(t, " \t"), "{%") {
			work = append(work, todo{i: i, m: directiveRE.FindStringSubmatch(t)})
		}
	}
	if x.env.Data != nil {
		for _, id := range x.env.Data.IDs() {
			if !slices.Contains(x.order, id) {
				x.order = append(x.order, id)
			}
		}
	}
	for _, w := range work {
		if w.card {
			x.card(w.i, w.m)
		} else {
			x.directive(w.i, w.m)
		}
	}
}

// indentWidth returns the width of leading blanks, tabs to multiples of 4.
func indentWidth(s string) (width, n int) {
	for n < len(s) && (s[n] == ' ' || s[n] == '\t') {
		if s[n] == '\t' {
			width += 4 - width%4
		} else {
			width++
		}
		n++
	}
	return width, n
}

func (x *expander) directive(i int, m []string) {
	l := x.lines[i]
	if m == nil {
		x.errorf(l.start, "malformed directive: write {%% name %%} alone on a line (%s)", strings.Join(Names, ", "))
		return
	}
	width, _ := indentWidth(m[1])
	prefix := strings.Repeat(" ", width)
	args := strings.Fields(m[2])
	off := l.start + len(m[1])
	if len(args) == 0 {
		x.errorf(off, "empty directive: use one of %s", strings.Join(Names, ", "))
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
		x.errorf(off, "%s", msg)
		return
	}
	if err != nil {
		x.errorf(off, "%s: %v", args[0], err)
		return
	}
	for k := range out {
		if out[k] != "" {
			out[k] = prefix + out[k]
		}
	}
	x.edits = append(x.edits, splice.Edit{Start: l.start, End: l.end, Text: []byte(strings.Join(out, "\n"))})
}
