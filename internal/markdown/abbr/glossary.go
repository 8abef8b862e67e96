package abbr

import (
	"bytes"
	"maps"
	"slices"
	"unicode/utf8"

	"github.com/guidegen/guidegen/internal/diag"
)

// Glossary maps terms to their expansions. It is built from a glossary
// file (ParseGlossary) and never changes afterwards, so one Glossary may
// serve any number of pipelines and goroutines. A nil *Glossary is empty.
type Glossary struct {
	terms map[string]string
	// m matches the terms; built once, shared by every document that
	// defines no abbreviations of its own.
	m *matcher
}

// ParseGlossary parses a glossary file. Each line is a definition,
//
//	*[TERM]: expansion
//
// or blank, or a comment starting with #. Terms and expansions are taken
// verbatim, without the spaces around them. Any other line, an empty
// term or expansion, and a term defined twice are errors, reported
// together as a *diag.ListError with file:line:col positions.
func ParseGlossary(file string, src []byte) (*Glossary, error) {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	g := &Glossary{terms: map[string]string{}}
	firstLine := map[string]int{}
	var errs diag.List
	errAt := func(line int, l []byte, off int, format string, args ...any) {
		col := utf8.RuneCount(l[:min(off, len(l))]) + 1
		errs.Add(diag.Errorf(diag.Pos{File: file, Line: line, Col: col}, format, args...))
	}
	for n, l := range splitLines(src) {
		n++
		trimmed := bytes.TrimLeft(l, " \t")
		if len(trimmed) == 0 || trimmed[0] == '#' {
			continue
		}
		indent := len(l) - len(trimmed)
		d, ok := parseDef(trimmed)
		if !ok {
			errAt(n, l, indent, "not an abbreviation: want a line like *[TERM]: expansion, a comment starting with # or a blank line")
			continue
		}
		term, exp := string(trimmed[d.termStart:d.termEnd]), string(trimmed[d.expStart:d.expEnd])
		switch {
		case term == "":
			errAt(n, l, indent+2, "empty term in *[]: a term needs at least one character")
		case !utf8.Valid(l):
			errAt(n, l, indent, "the line is not valid UTF-8")
		case exp == "":
			errAt(n, l, indent+d.colon, "abbreviation %q has no expansion", term)
		case firstLine[term] != 0:
			errAt(n, l, indent+d.termStart, "abbreviation %q is defined twice, on lines %d and %d", term, firstLine[term], n)
		default:
			firstLine[term] = n
			g.terms[term] = exp
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	g.m = newMatcher(g.terms)
	return g, nil
}

// splitLines returns the lines of src without their line endings (\n,
// \r\n or a lone \r).
func splitLines(src []byte) [][]byte {
	var lines [][]byte
	for len(src) > 0 {
		i := bytes.IndexAny(src, "\r\n")
		if i < 0 {
			lines = append(lines, src)
			break
		}
		lines = append(lines, src[:i])
		if src[i] == '\r' && i+1 < len(src) && src[i+1] == '\n' {
			i++
		}
		src = src[i+1:]
	}
	return lines
}

// Len returns the number of terms.
func (g *Glossary) Len() int {
	if g == nil {
		return 0
	}
	return len(g.terms)
}

// Lookup returns the expansion of term.
func (g *Glossary) Lookup(term string) (string, bool) {
	if g == nil {
		return "", false
	}
	exp, ok := g.terms[term]
	return exp, ok
}

// Terms returns the terms, sorted.
func (g *Glossary) Terms() []string {
	if g == nil {
		return nil
	}
	return slices.Sorted(maps.Keys(g.terms))
}

// def is a definition line *[TERM]: expansion; the offsets are into the
// line and exclude the spaces around the term and the expansion.
type def struct {
	termStart, termEnd, colon, expStart, expEnd int
}

// parseDef parses a definition that starts at line[0] and runs to the end
// of line (a trailing line ending is ignored). The term ends at the first
// ']', which may be followed by one space before the ':'. Term and
// expansion may be empty; callers decide.
func parseDef(line []byte) (def, bool) {
	line = bytes.TrimRight(line, "\r\n")
	if len(line) < 4 || line[0] != '*' || line[1] != '[' {
		return def{}, false
	}
	end := bytes.IndexByte(line[2:], ']')
	if end < 0 {
		return def{}, false
	}
	end += 2
	i := end + 1
	if i < len(line) && line[i] == ' ' {
		i++
	}
	if i >= len(line) || line[i] != ':' {
		return def{}, false
	}
	d := def{termStart: 2, termEnd: end, colon: i}
	for d.termStart < d.termEnd && isBlank(line[d.termStart]) {
		d.termStart++
	}
	for d.termEnd > d.termStart && isBlank(line[d.termEnd-1]) {
		d.termEnd--
	}
	d.expStart, d.expEnd = i+1, len(line)
	for d.expStart < d.expEnd && isBlank(line[d.expStart]) {
		d.expStart++
	}
	for d.expEnd > d.expStart && isBlank(line[d.expEnd-1]) {
		d.expEnd--
	}
	return d, true
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }
