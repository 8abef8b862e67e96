// Package diag describes problems found in a site's input: where they are
// (file:line:col) and how bad they are (error or warning).
//
// Every package that reads user input reports through these types so that
// the command line prints one consistent format and a build can collect all
// problems of all pages before it gives up.
package diag

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Pos is a place in an input file. Line and Col are 1-based; Col counts
// characters (runes), not bytes. A zero Line means "the whole file".
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string {
	switch {
	case p.Line <= 0:
		return p.File
	case p.Col <= 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	default:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	}
}

// Severity tells errors (the build fails) from warnings (it goes on).
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Problem is one finding at one place.
type Problem struct {
	Pos      Pos
	Severity Severity
	Msg      string
}

func (p *Problem) Error() string {
	var b strings.Builder
	if p.Pos.File != "" {
		b.WriteString(p.Pos.String())
		b.WriteString(": ")
	}
	if p.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Errorf returns an error-severity problem at pos.
func Errorf(pos Pos, format string, args ...any) *Problem {
	return &Problem{Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...)}
}

// Warnf returns a warning at pos.
func Warnf(pos Pos, format string, args ...any) *Problem {
	return &Problem{Pos: pos, Severity: Warning, Msg: fmt.Sprintf(format, args...)}
}

// List collects problems from concurrent workers. The zero value is ready.
type List struct {
	mu       sync.Mutex
	problems []*Problem
}

// Add records problems; an error that is not a *Problem (or a List of them)
// is recorded as an error without position.
func (l *List) Add(errs ...error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, err := range errs {
		l.add(err)
	}
}

func (l *List) add(err error) {
	if err == nil {
		return
	}
	var list *ListError
	if errors.As(err, &list) {
		l.problems = append(l.problems, list.Problems...)
		return
	}
	var p *Problem
	if errors.As(err, &p) {
		l.problems = append(l.problems, p)
		return
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			l.add(e)
		}
		return
	}
	l.problems = append(l.problems, &Problem{Severity: Error, Msg: err.Error()})
}

// Problems returns the recorded problems sorted by file, line, column and
// message, so that output does not depend on goroutine scheduling.
func (l *List) Problems() []*Problem {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := slices.Clone(l.problems)
	Sort(out)
	return slices.CompactFunc(out, func(a, b *Problem) bool { return *a == *b })
}

// Count returns the number of errors and warnings.
func (l *List) Count() (errs, warns int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, p := range l.problems {
		if p.Severity == Error {
			errs++
		} else {
			warns++
		}
	}
	return errs, warns
}

// Err returns nil when no error-severity problem was recorded, and a
// *ListError holding the errors otherwise.
func (l *List) Err() error {
	var errs []*Problem
	for _, p := range l.Problems() {
		if p.Severity == Error {
			errs = append(errs, p)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return &ListError{Problems: errs}
}

// Warnings returns the warnings, sorted.
func (l *List) Warnings() []*Problem {
	var out []*Problem
	for _, p := range l.Problems() {
		if p.Severity == Warning {
			out = append(out, p)
		}
	}
	return out
}

// Sort orders problems by position, then message.
func Sort(ps []*Problem) {
	slices.SortStableFunc(ps, func(a, b *Problem) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
}

// ListError is several problems returned as one error; Error prints one per
// line.
type ListError struct {
	Problems []*Problem
}

func (e *ListError) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

// Lines maps byte offsets in a source file to 1-based line and column.
type Lines struct {
	src    []byte
	starts []int // byte offset of the start of each line
}

// NewLines indexes src.
func NewLines(src []byte) *Lines {
	// One allocation of the right size, the line breaks found with
	// bytes.IndexByte (vectorized) rather than byte by byte.
	starts := make([]int, 1, 1+bytes.Count(src, []byte{'\n'}))
	for i := 0; ; {
		k := bytes.IndexByte(src[i:], '\n')
		if k < 0 {
			break
		}
		i += k + 1
		starts = append(starts, i)
	}
	return &Lines{src: src, starts: starts}
}

// Pos returns the position of byte offset off in file.
func (l *Lines) Pos(file string, off int) Pos {
	off = max(0, min(off, len(l.src)))
	line, _ := slices.BinarySearch(l.starts, off+1)
	start := l.starts[line-1]
	return Pos{File: file, Line: line, Col: utf8.RuneCount(l.src[start:off]) + 1}
}

// Recover turns a panic in the calling function into an error about file,
// so that one bad page fails the build with a message instead of crashing
// it. Use it as: defer diag.Recover(file, &err).
func Recover(file string, err *error) {
	if r := recover(); r != nil {
		*err = Errorf(Pos{File: file}, "internal error (please report it): %v", r)
	}
}

// Truncate picks at most max of a command's warnings and errors to print:
// errors first, so that no error is hidden behind warnings, then warnings
// while there is room; each list keeps its order. hidden counts the rest.
// max <= 0 keeps everything.
func Truncate(warnings, errs []*Problem, max int) (shownWarnings, shownErrs []*Problem, hidden int) {
	if max <= 0 || len(warnings)+len(errs) <= max {
		return warnings, errs, 0
	}
	shownErrs = errs[:min(len(errs), max)]
	shownWarnings = warnings[:min(len(warnings), max-len(shownErrs))]
	return shownWarnings, shownErrs, len(warnings) + len(errs) - len(shownWarnings) - len(shownErrs)
}
