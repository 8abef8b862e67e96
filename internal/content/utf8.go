package content

import (
	"unicode/utf8"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/limits"
)

// toValidUTF8 returns src with every byte that is not part of valid UTF-8
// replaced by U+FFFD, so that the published page is valid UTF-8, and a
// warning at the first such byte of each line (of the first
// limits.InvalidUTF8Lines lines; one more warning counts the others).
//
// Each invalid byte becomes one replacement character, so the line and
// column (in characters) of everything in the page stay as in the file.
func toValidUTF8(file string, src []byte) ([]byte, []*diag.Problem) {
	if utf8.Valid(src) {
		return src, nil
	}
	lines := diag.NewLines(src)
	out := make([]byte, 0, len(src)+16)
	var warns []*diag.Problem
	lastLine, more := 0, 0
	var firstMore diag.Pos
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r != utf8.RuneError || size != 1 {
			out = append(out, src[i:i+size]...)
			i += size
			continue
		}
		if pos := lines.Pos(file, i); pos.Line != lastLine {
			lastLine = pos.Line
			if len(warns) < limits.InvalidUTF8Lines {
				warns = append(warns, diag.Warnf(pos, "invalid UTF-8 (byte 0x%02x), published as U+FFFD", src[i]))
			} else {
				if more == 0 {
					firstMore = pos
				}
				more++
			}
		}
		out = utf8.AppendRune(out, utf8.RuneError)
		i++
	}
	if more > 0 {
		warns = append(warns, diag.Warnf(firstMore, "invalid UTF-8 on %s, published as U+FFFD", diag.Plural(more, "more line", "more lines")))
	}
	return out, warns
}
