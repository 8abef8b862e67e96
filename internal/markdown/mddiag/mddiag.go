// Package mddiag lets goldmark extensions report problems found while
// parsing a document ("unknown icon", "unknown admonition type"). They are
// recorded in the document's parser.Context with a byte offset; the
// markdown package turns them into positioned diagnostics.
package mddiag

import (
	"fmt"

	"github.com/yuin/goldmark/parser"

	"github.com/guidegen/guidegen/internal/diag"
)

// Report is one problem at a byte offset of the document's source.
type Report struct {
	Offset   int
	Severity diag.Severity
	Msg      string
}

var key = parser.NewContextKey()

func add(pc parser.Context, r Report) {
	rs, _ := pc.Get(key).([]Report)
	pc.Set(key, append(rs, r))
}

// Warn records a warning: the build goes on.
func Warn(pc parser.Context, offset int, format string, args ...any) {
	add(pc, Report{Offset: offset, Severity: diag.Warning, Msg: fmt.Sprintf(format, args...)})
}

// Error records an error: the build fails.
func Error(pc parser.Context, offset int, format string, args ...any) {
	add(pc, Report{Offset: offset, Severity: diag.Error, Msg: fmt.Sprintf(format, args...)})
}

// Reports returns what was recorded while parsing with pc.
func Reports(pc parser.Context) []Report {
	rs, _ := pc.Get(key).([]Report)
	return rs
}
