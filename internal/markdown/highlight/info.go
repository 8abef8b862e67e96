package highlight

import (
	"bytes"
	"strconv"

	"github.com/guidegen/guidegen/internal/markdown/attrlist"
)

// Info is what the info string of a fenced code block says, in the syntax
// of pymdownx.superfences and pymdownx.highlight:
//
//	```py title="a.py" linenums="1" hl_lines="2 3"
//	``` { .py title="a.py" linenums="1" hl_lines="2-3" }
type Info struct {
	// Lang is the language as written ("py"); empty when none is given.
	Lang string
	// Title is shown above the code as its file name.
	Title string
	// LineStart is the number of the first line when lines are numbered
	// (linenums="1"); 0 when they are not.
	LineStart int
	// Highlight holds the lines to highlight (hl_lines="2 3" or "2-4"),
	// counted from 1 whatever LineStart is, as in pymdownx.
	Highlight []int
	// ID and Classes are those of the brace form beside the language
	// ("{ .py .numbered #example }"); they go on the block's <div>.
	ID      []byte
	Classes [][]byte
}

// Limits on the options, so that a hostile info string cannot make a
// block expensive: at most maxHighlight highlighted lines are kept, and
// a range counts each line.
const (
	maxHighlight = 1000
	maxLineStart = 1 << 24
)

// ParseInfo reads an info string. A malformed option list is not an error:
// the options are then ignored, and the first word still names the
// language, as in Python-Markdown.
func ParseInfo(info []byte) Info {
	info = bytes.TrimSpace(info)
	var in Info
	if len(info) == 0 {
		return in
	}
	var list []byte
	if info[0] == '{' {
		list = info
	} else {
		end := bytes.IndexAny(info, " \t{")
		if end < 0 {
			end = len(info)
		}
		in.Lang = string(info[:end])
		rest := bytes.TrimSpace(info[end:])
		switch {
		case len(rest) == 0:
			return in
		case rest[0] == '{':
			list = rest
		default:
			list = make([]byte, 0, len(rest)+2)
			list = append(append(append(list, '{'), rest...), '}')
		}
	}
	attrs, n, ok := attrlist.Parse(list)
	if !ok || len(bytes.TrimSpace(list[n:])) > 0 {
		return in
	}
	for _, a := range attrs {
		switch a.Name {
		case "class":
			classes := bytes.Fields(a.Value)
			if in.Lang == "" && len(classes) > 0 {
				in.Lang = string(classes[0])
				classes = classes[1:]
			}
			if len(classes) > 0 {
				in.Classes = classes
			}
		case "id":
			in.ID = a.Value
		case "title":
			in.Title = string(a.Value)
		case "linenums":
			f := bytes.Fields(a.Value)
			if len(f) > 0 {
				if v, err := strconv.Atoi(string(f[0])); err == nil && v > 0 && v <= maxLineStart {
					in.LineStart = v
				}
			}
		case "hl_lines":
			in.Highlight = lines(a.Value)
		}
	}
	return in
}

// lines reads "2 3 5-7" into the line numbers it names.
func lines(v []byte) []int {
	var out []int
	for _, f := range bytes.Fields(v) {
		lo, hi, isRange := bytes.Cut(f, []byte("-"))
		a, err := strconv.Atoi(string(lo))
		if err != nil || a < 1 {
			continue
		}
		b := a
		if isRange {
			if b, err = strconv.Atoi(string(hi)); err != nil || b < a {
				continue
			}
		}
		for l := a; l <= b && len(out) < maxHighlight; l++ {
			out = append(out, l)
		}
	}
	return out
}
