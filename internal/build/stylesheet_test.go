package build_test

import (
	"bytes"
	"io/fs"
	"path"
	"testing"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"

	"github.com/guidegen/guidegen"
)

// TestStylesheetsParse reads every bundled stylesheet with a CSS lexer
// (comments and strings are not braces): every } closes a block, and the
// file ends outside any block. An
// unclosed @media swallows every rule after it, which no golden file shows
// (a merge once left the print rules of content tabs open, and task lists
// lost their styles).
func TestStylesheetsParse(t *testing.T) {
	err := fs.WalkDir(guidegen.Bundled(), "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".css" {
			return err
		}
		src, err := fs.ReadFile(guidegen.Bundled(), p)
		if err != nil {
			return err
		}
		depth, line := 0, 1
		l := css.NewLexer(parse.NewInput(bytes.NewReader(src)))
		for {
			tt, text := l.Next()
			switch tt {
			case css.ErrorToken:
				if depth != 0 {
					t.Errorf("%s: ends inside %d unclosed block(s)", p, depth)
				}
				return nil
			case css.LeftBraceToken:
				depth++
			case css.RightBraceToken:
				if depth--; depth < 0 {
					t.Errorf("%s:%d: a } closes no block", p, line)
					depth = 0
				}
			}
			line += bytes.Count(text, []byte("\n"))
		}
	})
	if err != nil {
		t.Fatal(err)
	}
}
