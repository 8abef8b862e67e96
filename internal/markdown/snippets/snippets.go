// Package snippets includes files into a page before it is parsed, as
// pymdownx.snippets does:
//
//	--8<-- "members.md"           the whole file, in place of the line
//	--8<-- "includes/members.md"  the same file, named from the site root
//	--8<-- "table.md:3:10"        lines 3 to 10 (1-based, inclusive);
//	                              "f.md:3" from line 3, "f.md::10" to line 10,
//	                              "f.md:1:3,8:9" several ranges
//	--8<-- "faq.md:signal"        the lines between "--8<-- [start:signal]"
//	                              and "--8<-- [end:signal]" in faq.md
//	--8<--                        the block form: one file name a line,
//	members.md                    blank lines and lines starting with ";"
//	footer.md                     skipped
//	--8<--
//	;--8<-- "members.md"          escaped: shown as --8<-- "members.md"
//
// A marker indented by blanks indents every included line the same, so an
// include works inside an admonition or a list item. Included files may
// include others. Section marker lines ("--8<-- [start:name]", anywhere on
// their line, in a comment say) are removed from what is included. Like
// pymdownx (a preprocessor), markers are recognized on any line, fenced
// code included: escape them there.
//
// Names resolve inside the site only: under one of the base directories
// (Options.Base, "includes" by default), in order; the name may start with
// the base directory's own name. A name that leaves its base directory
// ("../x", "/etc/x"), a URL, a missing file, a missing section, a cycle, an
// include nested deeper than MaxDepth, or a page larger than
// limits.PageSize once its snippets are in, is an error at the line of the
// marker (in the file that has it: "includes/a.md:3:1").
//
// Expand returns the page's text with its snippets in and a Map of where
// each byte came from, so that every position in the parsed page (a
// broken link in an included file, say) names the file and line it was
// written at.
package snippets

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/limits"
)

// DefaultBase is the base directory of a site that names none.
const DefaultBase = "includes"

// MaxLines is how many lines the snippets of one page may add, counting
// each line of a file each time it is included: files that include
// each other many times over would otherwise multiply the work without
// growing the page (empty files).
const MaxLines = 1 << 20

// MaxDepth is how deeply includes may nest (a page including a file that
// includes a file ... counts each step).
const MaxDepth = 32

// Options say where snippets come from.
type Options struct {
	// FS is the site (read through package sitefs: nothing outside it).
	FS fs.FS
	// Base are the site-relative directories names resolve in, in order;
	// empty means DefaultBase.
	Base []string
	// Append are snippet names included at the end of every page, as
	// pymdownx's auto_append.
	Append []string
}

func (o *Options) bases() []string {
	if len(o.Base) == 0 {
		return []string{DefaultBase}
	}
	return o.Base
}

// Check reports the problems of the options themselves: a base directory
// that ValidBase refuses, and an appended file that cannot be found.
func (o *Options) Check() error {
	var errs []error
	for _, b := range o.bases() {
		if err := ValidBase(b); err != nil {
			errs = append(errs, fmt.Errorf("snippets.base: %w", err))
		}
	}
	for _, a := range o.Append {
		if err := o.Find(a); err != nil {
			errs = append(errs, fmt.Errorf("snippets.append: %w", err))
		}
	}
	return errors.Join(errs...)
}

// ValidBase checks a base directory: a clean site-relative path, outside
// content/ (whose files are pages).
func ValidBase(b string) error {
	if !fs.ValidPath(b) || b == "." || path.Clean(b) != b {
		return fmt.Errorf("%q is not a directory of the site (a relative path without ..)", b)
	}
	if b == "content" || strings.HasPrefix(b, "content/") {
		return fmt.Errorf("%q is inside content/, whose files are pages; use a directory of its own such as includes", b)
	}
	return nil
}

// Find reports whether a snippet name (without line ranges or section)
// names a file.
func (o *Options) Find(name string) error {
	_, _, err := o.resolve(name)
	return err
}

// resolve finds the file of a snippet name (without its line ranges or
// section) under the base directories.
func (o *Options) resolve(name string) (string, []byte, error) {
	if strings.Contains(name, "://") {
		return "", nil, fmt.Errorf("snippet %q: URLs are not included (a site reads nothing from other hosts)", name)
	}
	if o.FS == nil {
		return "", nil, fmt.Errorf("snippet %q: the site has no files to include", name)
	}
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") {
		return "", nil, fmt.Errorf("snippet %q: not a relative path inside the site", name)
	}
	for _, b := range o.bases() {
		cands := []string{path.Join(b, name)}
		if strings.HasPrefix(name, b+"/") {
			cands = append([]string{path.Clean(name)}, cands...)
		}
		for _, c := range cands {
			if !fs.ValidPath(c) || !strings.HasPrefix(c, b+"/") {
				continue // leaves the base directory
			}
			src, err := limits.ReadFile(o.FS, c, limits.PageSize)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				return "", nil, fmt.Errorf("snippet %q: %w", name, err)
			}
			return c, src, nil
		}
	}
	return "", nil, fmt.Errorf("snippet %q not found in %s", name, strings.Join(o.bases(), ", "))
}

// Map tells where each byte of an expanded page came from.
type Map struct {
	spans []span
	files []*file
}

// span is the text of out from out on (to the next span): bytes of file
// from src on, after indent added bytes (a span with indent > 0 is one
// line).
type span struct {
	out, file, src, indent int
}

type file struct {
	name  string
	src   []byte
	lines *diag.Lines
}

// Pos returns the position, in the file it was written in, of byte off
// of the expanded page.
func (m *Map) Pos(off int) diag.Pos {
	i := sort.Search(len(m.spans), func(i int) bool { return m.spans[i].out > off }) - 1
	var s span // before the first span (none in an empty page): the page's start
	if i >= 0 {
		s = m.spans[i]
	}
	d := max(0, off-s.out-s.indent)
	f := m.files[s.file]
	if f.lines == nil {
		f.lines = diag.NewLines(f.src)
	}
	return f.lines.Pos(f.name, s.src+d)
}

// Files returns the site-relative names of the files included, sorted.
func (m *Map) Files() []string {
	var out []string
	for _, f := range m.files[1:] {
		out = append(out, f.name)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

type expander struct {
	o        *Options
	out      []byte
	m        *Map
	stack    []string
	problems []*diag.Problem
	tooLarge bool
	// steps counts lines processed, for the tests of the work done.
	steps int
	read  map[string]resolved
	// byName are the files' indexes in the map.
	byName map[string]int
}

type resolved struct {
	name string
	src  []byte
	err  error
}

// Expand returns src, the page file, with its snippets in, and the map of
// its bytes; without a marker (and nothing to append) it returns src
// itself and a nil map. The page's front matter is left alone. Problems
// are errors at the marker's position.
func (o *Options) Expand(name string, src []byte) ([]byte, *Map, []*diag.Problem) {
	out, m, probs, _ := o.expand(name, src)
	return out, m, probs
}

func (o *Options) expand(name string, src []byte) ([]byte, *Map, []*diag.Problem, int) {
	if len(o.Append) == 0 && !bytes.Contains(src, []byte("8<")) {
		return src, nil, nil, 0
	}
	e := &expander{o: o, m: &Map{}, out: make([]byte, 0, len(src)+len(src)/4)}
	page := e.addFile(name, src)
	body := frontMatterEnd(src)
	e.copyRaw(page, 0, body)
	e.stack = append(e.stack, name)
	e.lines(page, body, len(src), nil, "", false)
	for _, a := range o.Append {
		if len(e.out) > 0 && e.out[len(e.out)-1] != '\n' {
			e.out = append(e.out, '\n')
		}
		e.out = append(e.out, '\n')
		e.include(page, len(src), a, "")
	}
	return e.out, e.m, e.problems, e.steps
}

func (e *expander) addFile(name string, src []byte) int {
	e.m.files = append(e.m.files, &file{name: name, src: src})
	return len(e.m.files) - 1
}

// errorf records an error at offset off of file f.
func (e *expander) errorf(f, off int, format string, args ...any) {
	fl := e.m.files[f]
	if fl.lines == nil {
		fl.lines = diag.NewLines(fl.src)
	}
	e.problems = append(e.problems, diag.Errorf(fl.lines.Pos(fl.name, off), format, args...))
}

// copyRaw copies src[from:to] of file f as it is.
func (e *expander) copyRaw(f, from, to int) {
	if to <= from {
		return
	}
	e.m.spans = append(e.m.spans, span{out: len(e.out), file: f, src: from})
	e.out = append(e.out, e.m.files[f].src[from:to]...)
}

// emit writes one line of file f (its bytes from..to, line break
// included) with indent before it.
func (e *expander) emit(f, from, to int, indent string) {
	if e.tooLarge {
		return
	}
	if len(e.out)+len(indent)+to-from > int(limits.PageSize) {
		e.tooLarge = true
		e.errorf(0, 0, "the page with its snippets is larger than %s", limits.PageSize)
		return
	}
	n := len(e.m.spans)
	if indent == "" && n > 0 {
		// Extend the last span when this line follows it in its file.
		last := e.m.spans[n-1]
		if last.file == f && last.indent == 0 && last.src+len(e.out)-last.out == from {
			e.out = append(e.out, e.m.files[f].src[from:to]...)
			return
		}
	}
	e.m.spans = append(e.m.spans, span{out: len(e.out), file: f, src: from, indent: len(indent)})
	e.out = append(e.out, indent...)
	e.out = append(e.out, e.m.files[f].src[from:to]...)
}

// lines processes src[from:to] of file f line by line. keep, when not
// nil, tells which lines (by 0-based index in the file) to include;
// included is true for a file other than the page, whose section markers
// are dropped.
func (e *expander) lines(f, from, to int, keep func(int) bool, indent string, included bool) {
	src := e.m.files[f].src
	lineNo := bytes.Count(src[:from], []byte("\n"))
	for i := from; i < to && !e.tooLarge; lineNo++ {
		e.steps++
		if included && e.steps > MaxLines {
			e.tooLarge = true
			e.errorf(f, i, "snippets add more than %d lines to the page (files included many times over?)", MaxLines)
			return
		}
		end := i + bytes.IndexByte(src[i:to], '\n') + 1
		if end <= i {
			end = to
		}
		line := src[i:end]
		if keep != nil && !keep(lineNo) {
			i = end
			continue
		}
		if !bytes.Contains(line, []byte("8<")) {
			e.emit(f, i, end, indent)
			i = end
			continue
		}
		text := trimEOL(line)
		if included && sectionMarker(text) != nil {
			if esc := escapedSection(text); esc >= 0 {
				e.emitWithout(f, i, end, esc, indent)
			}
			i = end
			continue
		}
		space, escapes, rest := splitMarker(text)
		markerLen := marker(rest)
		switch {
		case markerLen == 0:
			e.emit(f, i, end, indent)
		case escapes > 0:
			// ;--8<-- shows the marker with one ; less.
			e.emitWithout(f, i, end, len(space), indent)
		case markerLen == len(rest):
			// The block form: names on the lines up to the next marker.
			j := end
			closed := false
			var names []struct {
				name string
				at   int
			}
			for j < to {
				k := j + bytes.IndexByte(src[j:to], '\n') + 1
				if k <= j {
					k = to
				}
				l := bytes.TrimSpace(src[j:k])
				if len(l) > 0 && marker(l) == len(l) {
					closed = true
					j = k
					break
				}
				if len(l) > 0 && l[0] != ';' {
					names = append(names, struct {
						name string
						at   int
					}{string(l), j + bytes.Index(src[j:k], l)})
				}
				j = k
			}
			if !closed {
				e.errorf(f, i+len(space), "--8<-- block not closed: end the list of files with a line --8<--")
				e.emit(f, i, end, indent) // the rest stays text
				break
			}
			for _, n := range names {
				e.include(f, n.at, n.name, indent+string(space))
			}
			lineNo += bytes.Count(src[end:j], []byte("\n"))
			end = j
		default:
			name, ok := quotedName(rest[markerLen:])
			if !ok {
				e.emit(f, i, end, indent) // not a snippet line: text
				break
			}
			e.include(f, i+len(space), name, indent+string(space))
		}
		i = end
	}
}

// emitWithout writes a line of file f without its byte at offset drop
// (from the line's start).
func (e *expander) emitWithout(f, from, to, drop int, indent string) {
	e.emit(f, from, from+drop, indent)
	if e.tooLarge {
		return
	}
	e.m.spans = append(e.m.spans, span{out: len(e.out), file: f, src: from + drop + 1})
	e.out = append(e.out, e.m.files[f].src[from+drop+1:to]...)
}

// include includes the snippet named spec (with its line ranges or
// section), named at offset at of file f.
func (e *expander) include(f, at int, spec, indent string) {
	if e.tooLarge {
		return
	}
	name, sel := splitSpec(spec)
	if strings.Contains(spec, "://") {
		name, sel = spec, ""
	}
	r, ok := e.read[name]
	if !ok {
		r.name, r.src, r.err = e.o.resolve(name)
		if r.err == nil {
			r.src = bytes.TrimPrefix(r.src, []byte("\uFEFF"))
			if !utf8.Valid(r.src) {
				r.src = bytes.ToValidUTF8(r.src, []byte("\uFFFD"))
			}
		}
		if e.read == nil {
			e.read = map[string]resolved{}
		}
		e.read[name] = r
	}
	fname, src, err := r.name, r.src, r.err
	if err != nil {
		e.errorf(f, at, "%v", err)
		return
	}
	if slices.Contains(e.stack, fname) {
		e.errorf(f, at, "snippet cycle: %s → %s", strings.Join(e.stack, " → "), fname)
		return
	}
	if len(e.stack) > MaxDepth {
		e.errorf(f, at, "snippets nested deeper than %d levels", MaxDepth)
		return
	}
	keep, err := selector(sel, src)
	if err != nil {
		e.errorf(f, at, "snippet %q: %v", spec, err)
		return
	}
	g, ok := e.byName[fname]
	if !ok {
		g = e.addFile(fname, src)
		if e.byName == nil {
			e.byName = map[string]int{}
		}
		e.byName[fname] = g
	}
	e.stack = append(e.stack, fname)
	e.lines(g, 0, len(src), keep, indent, true)
	e.stack = e.stack[:len(e.stack)-1]
	if n := len(e.out); n > 0 && e.out[n-1] != '\n' && !e.tooLarge {
		e.out = append(e.out, '\n')
	}
}

// splitSpec splits "file.md:3:10" or "file.md:name" into the file name
// and what selects lines ("3:10", "name", "").
func splitSpec(spec string) (name, sel string) {
	i := strings.IndexByte(spec, ':')
	if i < 0 {
		return spec, ""
	}
	return spec[:i], spec[i+1:]
}

// selector returns which lines (0-based) of src a selection keeps: nil
// for all.
func selector(sel string, src []byte) (func(int) bool, error) {
	if sel == "" {
		return nil, nil
	}
	if c := sel[0]; 'a' <= c|0x20 && c|0x20 <= 'z' {
		return section(sel, src)
	}
	type rng struct{ from, to int }
	var rs []rng
	for _, part := range strings.Split(sel, ",") {
		a, b, two := strings.Cut(part, ":")
		r := rng{1, 1 << 30}
		var err error
		if a != "" {
			if r.from, err = strconv.Atoi(a); err != nil || r.from < 1 {
				return nil, fmt.Errorf("%q is not a line range (from:to, lines from 1)", part)
			}
		}
		if two && b != "" {
			if r.to, err = strconv.Atoi(b); err != nil || r.to < 1 {
				return nil, fmt.Errorf("%q is not a line range (from:to, lines from 1)", part)
			}
		} else if !two {
			r.to = 1 << 30
		}
		if r.to < r.from {
			return nil, fmt.Errorf("line range %q ends before it starts", part)
		}
		rs = append(rs, r)
	}
	return func(i int) bool {
		for _, r := range rs {
			if i+1 >= r.from && i+1 <= r.to {
				return true
			}
		}
		return false
	}, nil
}

// section returns the lines between "--8<-- [start:name]" and
// "--8<-- [end:name]".
func section(name string, src []byte) (func(int) bool, error) {
	start, end := -1, -1
	for i, l := range bytes.Split(src, []byte("\n")) {
		m := sectionMarker(trimEOL(l))
		if m == nil || m.name != name {
			continue
		}
		if m.start && start < 0 {
			start = i
		} else if !m.start && start >= 0 {
			end = i
			break
		}
	}
	if start < 0 {
		return nil, fmt.Errorf("no section %q (a line --8<-- [start:%s])", name, name)
	}
	if end < 0 {
		return nil, fmt.Errorf("section %q not closed (a line --8<-- [end:%s])", name, name)
	}
	return func(i int) bool { return i > start && i < end }, nil
}

type sectionMark struct {
	start bool
	name  string
}

// sectionMarker finds "--8<-- [start:name]" or "[end:name]" in line, not
// escaped.
func sectionMarker(line []byte) *sectionMark {
	for i := 0; i < len(line); {
		j := bytes.Index(line[i:], []byte("8<"))
		if j < 0 {
			return nil
		}
		k := i + j
		i = k + 2
		// the dashes before and after
		s := k
		for s > 0 && line[s-1] == '-' {
			s--
		}
		e := k + 2
		for e < len(line) && line[e] == '-' {
			e++
		}
		if s == k || e == k+2 || (s > 0 && line[s-1] == ';') {
			continue
		}
		rest := bytes.TrimLeft(line[e:], " \t")
		if len(rest) == len(line[e:]) || len(rest) == 0 || rest[0] != '[' {
			continue
		}
		close := bytes.IndexByte(rest, ']')
		if close < 0 {
			continue
		}
		in := strings.TrimSpace(string(rest[1:close]))
		typ, n, ok := strings.Cut(in, ":")
		typ, n = strings.TrimSpace(typ), strings.TrimSpace(n)
		if !ok || (typ != "start" && typ != "end") || !validSection(n) {
			continue
		}
		return &sectionMark{start: typ == "start", name: n}
	}
	return nil
}

// escapedSection returns the offset of the ";" that escapes a section
// marker of line, or -1.
func escapedSection(line []byte) int {
	i := bytes.Index(line, []byte(";-"))
	for i >= 0 {
		j := i + 1
		for j < len(line) && line[j] == '-' {
			j++
		}
		if bytes.HasPrefix(line[j:], []byte("8<")) {
			return i
		}
		n := bytes.Index(line[i+1:], []byte(";-"))
		if n < 0 {
			return -1
		}
		i += 1 + n
	}
	return -1
}

func validSection(n string) bool {
	if n == "" || !('a' <= n[0]|0x20 && n[0]|0x20 <= 'z') {
		return false
	}
	for i := 0; i < len(n); i++ {
		c := n[i]
		if !('a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// splitMarker splits a line into its leading blanks, its escapes (";")
// count and the rest.
func splitMarker(line []byte) (space []byte, escapes int, rest []byte) {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	j := i
	for j < len(line) && line[j] == ';' {
		j++
	}
	return line[:i], j - i, line[j:]
}

// marker returns the length of the marker "-+8<-+" at the start of b, or
// 0.
func marker(b []byte) int {
	i := 0
	for i < len(b) && b[i] == '-' {
		i++
	}
	if i == 0 || !bytes.HasPrefix(b[i:], []byte("8<")) {
		return 0
	}
	j := i + 2
	for j < len(b) && b[j] == '-' {
		j++
	}
	if j == i+2 {
		return 0
	}
	return j
}

// quotedName reads ` "name"` (or single quotes) that ends b, after at
// least one blank; a backslash escapes the quote.
func quotedName(b []byte) (string, bool) {
	t := bytes.TrimLeft(b, " \t")
	if len(t) == len(b) || len(t) < 3 {
		return "", false
	}
	t = bytes.TrimRight(t, " \t")
	q := t[0]
	if (q != '"' && q != '\'') || t[len(t)-1] != q {
		return "", false
	}
	in := t[1 : len(t)-1]
	var name []byte
	for i := 0; i < len(in); i++ {
		switch {
		case in[i] == '\\' && i+1 < len(in) && in[i+1] == q:
			name = append(name, q)
			i++
		case in[i] == q:
			return "", false
		default:
			name = append(name, in[i])
		}
	}
	s := strings.TrimSpace(string(name))
	return s, s != ""
}

func trimEOL(b []byte) []byte {
	b = bytes.TrimSuffix(b, []byte("\n"))
	return bytes.TrimSuffix(b, []byte("\r"))
}

// frontMatterEnd returns the offset after the front matter's closing line
// ("---" or "..."), 0 when the page has none.
func frontMatterEnd(src []byte) int {
	first := bytes.IndexByte(src, '\n')
	if first < 0 || string(trimEOL(src[:first+1])) != "---" {
		return 0
	}
	for i := first + 1; i < len(src); {
		end := i + bytes.IndexByte(src[i:], '\n') + 1
		if end <= i {
			end = len(src)
		}
		switch l := string(bytes.TrimRight(trimEOL(src[i:end]), " \t")); l {
		case "---", "...":
			return end
		}
		i = end
	}
	return 0
}
